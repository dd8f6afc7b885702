"""The notes' blocks as mistune reads them: the reader for any Markdown at all.

mistune 3 parses block structure but records no positions, so a small subclass
of its block parser tags each top-level token with the offset it starts at.
Top-level blocks are contiguous, so each spans up to the next one. Code blocks
nested in lists or quotes are placed by searching forward inside their
container's span, which keeps the search short and the order monotonic.
"""

from __future__ import annotations

import re
from bisect import bisect_left

import mistune
from mistune.core import BlockState

from lint.documents.blocks import FENCE_CLOSE, Blocks, Heading, closes, trimmed_span
from lint.documents.lines import LineIndex
from lint.documents.nesting import check_nesting

_CONTAINER = r"^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]|$))*[ \t]*"
# A backtick fence's info string has no backtick, so "```span```" is inline code.
_FENCE_OPEN = re.compile(_CONTAINER + r"(`{3,}(?!.*`)|~{3,})")
_QUOTE_MARKER = re.compile(r"[ \t]*>")
_QUOTE_DEPTHS = 16  # block quotes nested deeper hold no code this reads (and a line of ">" costs no more)


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


def parse_blocks(text: str, lines: list[str], max_depth: int) -> Blocks:
    """The blocks of normalised text; nesting deeper than ``max_depth`` raises
    :class:`lint.documents.nesting.MarkdownTooDeep`."""
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
    blocks = Blocks([], set(), [], [])
    for i, token in enumerate(tokens):
        first = starts[i]
        last = (starts[i + 1] - 1) if i + 1 < len(tokens) else line_count
        last = max(first, last)
        kind = token["type"]
        if kind == "heading":
            end = first if token.get("style") == "atx" else first + token["text"].count("\n") + 1
            blocks.headings.append(Heading(token["attrs"]["level"], token["text"].strip(), first, min(end, last)))
        elif kind == "block_code":
            span = trimmed_span(lines, first, last)
            blocks.code_lines.update(span)
            if token.get("style") == "fenced" and not closes(lines[span[-1] - 1], token.get("marker", "```"), span):
                blocks.unclosed_fences.append(first)
        elif kind == "block_html" and token.get("raw", "").lstrip().startswith("<!--"):
            span = trimmed_span(lines, first, last)
            blocks.comment_blocks.append((span[0], span[-1]))
        elif "children" in token:
            _mark_nested_code(token["children"], lines, first, last, blocks.code_lines)
    return blocks


def _mark_nested_code(children: list, lines: list[str], first: int, last: int, code: set[int]) -> None:
    """Place the code blocks nested in a container on its lines, in order.

    A block whose lines are not found leaves the cursor where it was; the search
    for it is remembered, so that many such blocks never rescan the same lines
    again and again (linear, not quadratic, in the container's size).
    """
    cursor = first
    missed: dict[tuple[str, str], int] = {}  # (style, first line) -> the cursor its search failed from
    indented: dict[str, list[int]] | None = None
    stack = list(reversed(children))
    while stack:
        token = stack.pop()
        if token["type"] == "block_code":
            fenced = token.get("style") == "fenced"
            key = ("fenced" if fenced else "indented", token.get("raw", "").split("\n", 1)[0].strip())
            if key in missed and missed[key] <= cursor:
                continue  # searched from here or earlier and not found: it would not be found now
            if fenced:
                found = _place_fenced(token, lines, cursor, last, code)
            else:
                if indented is None:
                    indented = _indented_lines(lines, first, last)  # once per container: each block is then looked up
                found = _place_indented(token, lines, cursor, last, code, indented)
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
                closing = FENCE_CLOSE.match(lines[end])
                if closing and closing.group(1)[0] == marker[0] and len(closing.group(1)) >= len(marker):
                    end += 1
            code.update(range(number, end + 1))
            return end + 1
    return cursor


def _place_indented(token: dict, lines: list[str], cursor: int, last: int, code: set[int], index: dict[str, list[int]]) -> int:
    first_raw = " ".join(token["raw"].split("\n", 1)[0].split())
    places = index.get(first_raw) if first_raw else None
    at = bisect_left(places, cursor) if places else 0
    if not places or at == len(places) or places[at] > last:
        return cursor
    number = places[at]
    end = min(number + token["raw"].count("\n"), last)
    code.update(range(number, end + 1))
    return end + 1


def _indented_lines(lines: list[str], first: int, last: int) -> dict[str, list[int]]:
    """The container's lines indented as code, by their words (white space compared as one space:
    a tab inside the line reaches another column in the document than in the block's own text)."""
    index: dict[str, list[int]] = {}
    for number in range(first, last + 1):
        line = lines[number - 1]
        # The line as written, then less one block-quote marker after another: code may itself open
        # with ">" (a ">>>" prompt), and only the container's own markers are not the code's.
        for _ in range(_QUOTE_DEPTHS):
            expanded = line.expandtabs(4)  # a tab reaches the next multiple of 4
            if len(expanded) - len(expanded.lstrip()) >= 4:
                index.setdefault(" ".join(expanded.split()), []).append(number)
            marker = _QUOTE_MARKER.match(line)
            if marker is None:
                break
            line = line[marker.end():]
    return index
