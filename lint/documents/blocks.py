"""What the notes' block structure gives the rules: top-level headings, the lines of code,
HTML comment blocks and fences left open. Both readers of it (the line scanner and the
full parser) build the same :class:`Blocks` with the helpers here."""

from __future__ import annotations

import re
from typing import NamedTuple

FENCE_CLOSE = re.compile(r"^(?:[ \t]*>)*[ \t]*(`{3,}|~{3,})[ \t]*$")  # a closing fence, inside quotes too
_INLINE_MARKUP = re.compile(r"[*_`]+")


class Heading(NamedTuple):
    level: int
    text: str
    line: int
    end_line: int

    @property
    def title(self) -> str:
        """The heading text without inline markup, for matching by name."""
        return " ".join(_INLINE_MARKUP.sub("", self.text).split())


class Blocks(NamedTuple):
    headings: list[Heading]
    code_lines: set[int]
    comment_blocks: list[tuple[int, int]]
    unclosed_fences: list[int]


def closes(line: str, marker: str, span: range) -> bool:
    """Whether the last line of a fenced block is its closing fence."""
    closing = FENCE_CLOSE.match(line)
    return len(span) > 1 and closing is not None and closing.group(1)[0] == marker[0] and len(closing.group(1)) >= len(marker)


def trimmed_span(lines: list[str], first: int, last: int) -> range:
    """A top-level block's lines, without the blank lines that follow it."""
    while last > first and not lines[last - 1].strip():
        last -= 1
    return range(first, last + 1)
