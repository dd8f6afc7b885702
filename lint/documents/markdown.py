"""The notes file as sections with line ranges, code and comments marked.

mistune 3 parses block structure but records no positions, so a small subclass
of its block parser tags each top-level token with the offset it starts at.
Top-level blocks are contiguous, so each spans up to the next one. Code blocks
nested in lists or quotes are placed by searching forward inside their
container's span, which keeps the search short and the order monotonic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import mistune
from mistune.core import BlockState

from lint.documents.inline import comment_spans, mask_code_spans
from lint.documents.lines import LineIndex
from lint.documents.nesting import MAX_DEPTH, check_nesting

_CONTAINER = r"^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]|$))*[ \t]*"
# A backtick fence's info string has no backtick, so "```span```" is inline code.
_FENCE_OPEN = re.compile(_CONTAINER + r"(`{3,}(?!.*`)|~{3,})")
_FENCE_CLOSE = re.compile(r"^(?:[ \t]*>)*[ \t]*(`{3,}|~{3,})[ \t]*$")
_QUOTE_MARKERS = re.compile(r"^(?:[ \t]*>)*")
_INLINE_MARKUP = re.compile(r"[*_`]+")



class _PositionedState(BlockState):
    """A block state whose tokens remember the offset their block starts at."""

    block_start: int | None = None

    def append_token(self, token: dict) -> None:
        token.setdefault("_offset", self.block_start if self.block_start is not None else self.cursor)
        super().append_token(token)

    def prepend_token(self, token: dict) -> None:
        token.setdefault("_offset", self.block_start if self.block_start is not None else self.cursor)
        super().prepend_token(token)

    def add_paragraph(self, text: str) -> None:
        last = self.last_token()
        extends = bool(last) and last["type"] == "paragraph"
        super().add_paragraph(text)
        if not extends:
            self.tokens[-1]["_offset"] = self.cursor


class _PositionedParser(mistune.BlockParser):
    state_cls = _PositionedState

    def parse_method(self, m: re.Match, state: _PositionedState):  # type: ignore[override]
        outer = state.block_start
        state.block_start = m.start()
        try:
            result = super().parse_method(m, state)
        finally:
            state.block_start = outer
        # A list may be inserted before tokens it interrupted: tag what is left.
        for token in state.tokens[-3:]:
            token.setdefault("_offset", m.start())
        return result


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int
    end_line: int

    @property
    def title(self) -> str:
        """The heading text without inline markup, for matching by name."""
        return " ".join(_INLINE_MARKUP.sub("", self.text).split())


@dataclass
class Section:
    """A heading and the lines up to the next heading of the same or higher level."""

    heading: Heading
    end_line: int
    own_end_line: int
    children: list[Section] = field(default_factory=list)

    @property
    def body_lines(self) -> range:
        """Lines of the section's own text, before its first subsection."""
        return range(self.heading.end_line + 1, self.own_end_line + 1)


@dataclass(frozen=True)
class MarkdownDocument:
    """A parsed notes file. ``lines`` and ``prose`` are 0-indexed lists of text."""

    text: str
    lines: list[str]
    headings: list[Heading]
    code_lines: frozenset[int]
    comment_blocks: tuple[tuple[int, int], ...] = ()
    unclosed_fences: tuple[int, ...] = ()

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
    parser = _PositionedParser(max_nested_level=max_depth + 1)
    state = _PositionedState()
    source = text if text.endswith("\n") else text + "\n"
    state.process(source)
    parser.parse(state)
    index = LineIndex(source)
    line_count = max(len(lines), 1)

    tokens = [t for t in state.tokens if "_offset" in t]
    starts = [index.line_of(t["_offset"]) for t in tokens]
    check_nesting(tokens, starts, lines, max_depth)
    headings: list[Heading] = []
    code: set[int] = set()
    comments: list[tuple[int, int]] = []
    unclosed: list[int] = []
    for i, token in enumerate(tokens):
        first = starts[i]
        last = (starts[i + 1] - 1) if i + 1 < len(tokens) else line_count
        last = max(first, last)
        kind = token["type"]
        if kind == "heading":
            end = first if token.get("style") == "atx" else first + token["text"].count("\n") + 1
            headings.append(Heading(token["attrs"]["level"], token["text"].strip(), first, min(end, last)))
        elif kind == "block_code":
            span = _trimmed_code_span(lines, first, last)
            code.update(span)
            if token.get("style") == "fenced" and not _closes(lines[span[-1] - 1], token.get("marker", "```"), span):
                unclosed.append(first)
        elif kind == "block_html" and token.get("raw", "").lstrip().startswith("<!--"):
            span = _trimmed_code_span(lines, first, last)
            comments.append((span[0], span[-1]))
        elif "children" in token:
            _mark_nested_code(token["children"], lines, first, last, code)
    return MarkdownDocument(
        text=text,
        lines=lines,
        headings=headings,
        code_lines=frozenset(code),
        comment_blocks=tuple(comments),
        unclosed_fences=tuple(unclosed),
    )


def _closes(line: str, marker: str, span: range) -> bool:
    """Whether the last line of a fenced block is its closing fence."""
    closing = _FENCE_CLOSE.match(line)
    return len(span) > 1 and closing is not None and closing.group(1)[0] == marker[0] and len(closing.group(1)) >= len(marker)


def _trimmed_code_span(lines: list[str], first: int, last: int) -> range:
    """A top-level code block's lines, without the blank lines that follow it."""
    while last > first and not lines[last - 1].strip():
        last -= 1
    return range(first, last + 1)


def _mark_nested_code(children: list, lines: list[str], first: int, last: int, code: set[int]) -> None:
    """Place the code blocks nested in a container on its lines, in order.

    A block whose lines are not found leaves the cursor where it was; the search
    for it is remembered, so that many such blocks never rescan the same lines
    again and again (linear, not quadratic, in the container's size).
    """
    cursor = first
    missed: dict[tuple[str, str], int] = {}  # (style, first line) -> the cursor its search failed from
    stack = list(reversed(children))
    while stack:
        token = stack.pop()
        if token["type"] == "block_code":
            fenced = token.get("style") == "fenced"
            key = ("fenced" if fenced else "indented", token.get("raw", "").split("\n", 1)[0].strip())
            if key in missed and missed[key] <= cursor:
                continue  # searched from here or earlier and not found: it would not be found now
            found = (_place_fenced if fenced else _place_indented)(token, lines, cursor, last, code)
            if found == cursor:
                missed[key] = cursor
            cursor = found
        elif "children" in token:
            stack.extend(reversed(token["children"]))


def _place_fenced(token: dict, lines: list[str], cursor: int, last: int, code: set[int]) -> int:
    marker = token.get("marker", "```")
    for number in range(cursor, last + 1):
        match = _FENCE_OPEN.match(lines[number - 1])
        if match and match.group(1).startswith(marker):
            end = min(number + token["raw"].count("\n"), last)
            if end < last:  # the closing fence, unless the block runs unclosed
                closing = _FENCE_CLOSE.match(lines[end])
                if closing and closing.group(1)[0] == marker[0] and len(closing.group(1)) >= len(marker):
                    end += 1
            code.update(range(number, end + 1))
            return end + 1
    return cursor


def _place_indented(token: dict, lines: list[str], cursor: int, last: int, code: set[int]) -> int:
    first_raw = token["raw"].split("\n", 1)[0].strip()
    for number in range(cursor, last + 1):
        line = _QUOTE_MARKERS.sub("", lines[number - 1]).expandtabs(4)  # a tab reaches the next multiple of 4
        if first_raw and line.strip() == first_raw.expandtabs(4).strip() and len(line) - len(line.lstrip()) >= 4:
            end = min(number + token["raw"].count("\n"), last)
            code.update(range(number, end + 1))
            return end + 1
    return cursor


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
