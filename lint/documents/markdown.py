"""The notes file as sections with line ranges, code and comments marked.

The block structure comes from a line scanner when the notes are written in the
blocks it reads exactly (most are), and from mistune otherwise; the parser is
imported only then (``lint/documents/block_scan.py``).
"""

from __future__ import annotations

from functools import cached_property

from lint.documents.block_scan import scan_blocks
from lint.documents.blocks import Heading
from lint.documents.inline import comment_spans, mask_code_spans
from lint.documents.lines import LineIndex
from lint.documents.nesting import MAX_DEPTH
from lint.records import FrozenRecord, Record


class Section(Record):
    """A heading and the lines up to the next heading of the same or higher level."""

    __slots__ = ("heading", "end_line", "own_end_line", "children")
    _fields = __slots__

    def __init__(self, heading: Heading, end_line: int, own_end_line: int, children: list[Section] | None = None) -> None:
        self.heading = heading
        self.end_line = end_line
        self.own_end_line = own_end_line
        self.children: list[Section] = [] if children is None else children

    @property
    def body_lines(self) -> range:
        """Lines of the section's own text, before its first subsection."""
        return range(self.heading.end_line + 1, self.own_end_line + 1)


class MarkdownDocument(FrozenRecord):
    """A parsed notes file. ``lines`` and ``prose`` are 0-indexed lists of text."""

    _fields = ("text", "lines", "headings", "code_lines", "comment_blocks", "unclosed_fences")

    text: str
    lines: list[str]
    headings: list[Heading]
    code_lines: frozenset[int]
    comment_blocks: tuple[tuple[int, int], ...]
    unclosed_fences: tuple[int, ...]

    def __init__(self, text: str, lines: list[str], headings: list[Heading], code_lines: frozenset[int],
                 comment_blocks: tuple[tuple[int, int], ...] = (), unclosed_fences: tuple[int, ...] = ()) -> None:
        put = object.__setattr__
        put(self, "text", text)
        put(self, "lines", lines)
        put(self, "headings", headings)
        put(self, "code_lines", code_lines)
        put(self, "comment_blocks", comment_blocks)
        put(self, "unclosed_fences", unclosed_fences)

    @cached_property
    def index(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def prose(self) -> list[str]:
        """Each line with code and HTML comments blanked out, columns kept."""
        out = [("" if (i + 1) in self.code_lines else line) for i, line in enumerate(self.lines)]
        joined = "\n".join(out)
        if "<!--" in joined:
            # Find comments in a copy without inline code: `<!--` in code opens nothing.
            searchable = "\n".join(mask_code_spans(line, "_") for line in out)
            chars = list(joined)
            spans = comment_spans(searchable)
            starts = LineIndex(joined)
            for first, last in self.comment_blocks:  # block comments may hold blank lines
                begin = joined.find("<!--", starts.offset(first))
                close = joined.rfind("-->", begin, starts.offset(last) + len(out[last - 1]))
                if begin != -1 and close != -1:
                    spans.append((begin, close + 3))
            for start, end in spans:
                for i in range(start, end):
                    if chars[i] != "\n":
                        chars[i] = " "
            out = "".join(chars).split("\n")
        return out

    @cached_property
    def sections(self) -> list[Section]:
        """Top-level sections (usually the ``#`` title), each with children."""
        return _build_sections(self.headings, len(self.lines))

    def iter_sections(self):
        stack = list(reversed(self.sections))
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.children))

    def line(self, number: int) -> str:
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""


def parse_markdown(text: str, max_depth: int = MAX_DEPTH) -> MarkdownDocument:
    """Parse normalised text (``\\n`` line ends, no BOM) into a document.

    Lists and block quotes nested deeper than ``max_depth`` raise
    :class:`lint.documents.nesting.MarkdownTooDeep`.
    """
    lines = text.split("\n")
    if lines and lines[-1] == "" and text.endswith("\n"):
        lines.pop()
    blocks = scan_blocks(text, lines, max_depth)
    if blocks is None:
        from lint.documents.mistune_blocks import parse_blocks

        blocks = parse_blocks(text, lines, max_depth)
    return MarkdownDocument(
        text=text,
        lines=lines,
        headings=blocks.headings,
        code_lines=frozenset(blocks.code_lines),
        comment_blocks=tuple(blocks.comment_blocks),
        unclosed_fences=tuple(blocks.unclosed_fences),
    )


def _build_sections(headings: list[Heading], line_count: int) -> list[Section]:
    roots: list[Section] = []
    stack: list[Section] = []
    previous: Section | None = None
    for heading in headings:
        if previous is not None:
            previous.own_end_line = heading.line - 1
        while stack and stack[-1].heading.level >= heading.level:
            stack.pop().end_line = heading.line - 1
        section = Section(heading=heading, end_line=line_count, own_end_line=line_count)
        (stack[-1].children if stack else roots).append(section)
        stack.append(section)
        previous = section
    return roots
