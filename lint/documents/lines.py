"""Offsets to 1-based line and column numbers."""

from __future__ import annotations

from bisect import bisect_right

from lint.patterns import lazy_pattern

_BREAK = lazy_pattern(r"\r\n?|\n")


class LineIndex:
    """Maps character offsets in a text to (line, column), both 1-based."""

    def __init__(self, text: str) -> None:
        # A line ends at LF, CRLF or a lone CR (JSON allows all three as white space).
        if "\r" in text:
            self._starts = [0, *(m.end() for m in _BREAK.finditer(text))]
            return
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_of(self, offset: int) -> int:
        return bisect_right(self._starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def offset(self, line: int, column: int = 1) -> int:
        return self._starts[line - 1] + column - 1
