"""Inline code spans and HTML comments, found in linear time.

Regular expressions for these backtrack badly on hostile input (a run of
thousands of backticks, thousands of unclosed comments), so they are found
by scanning instead.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from lint.patterns import lazy_pattern

_BACKTICKS = re.compile(r"`+")
_BLANK_LINE = lazy_pattern(r"\n[ \t]*\n")


def code_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each inline code span in one line, backticks included.

    As in CommonMark, a run of N backticks opens a span closed by the next run
    of exactly N backticks.
    """
    if "`" not in line:
        return []
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(line)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    spans, cursor = [], 0
    position = {length: 0 for length in by_length}
    index = 0
    while index < len(runs):
        start, end = runs[index]
        if start < cursor:
            index += 1
            continue
        length = end - start
        candidates = by_length[length]
        pointer = position[length]
        while pointer < len(candidates) and candidates[pointer] <= index:
            pointer += 1
        position[length] = pointer
        if pointer < len(candidates):
            closing = runs[candidates[pointer]]
            spans.append((start, closing[1]))
            cursor = closing[1]
            index = candidates[pointer] + 1
        else:
            index += 1
    return spans


def mask_code_spans(line: str, fill: str = " ") -> str:
    """The line with inline code spans replaced by ``fill``, columns kept."""
    spans = code_spans(line)
    if not spans:
        return line
    pieces, last = [], 0
    for start, end in spans:
        pieces.append(line[last:start])
        pieces.append(fill * (end - start))
        last = end
    pieces.append(line[last:])
    return "".join(pieces)


def comment_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each ``<!-- ... -->`` that closes within its paragraph."""
    if "<!--" not in text:
        return []
    closers = [m.start() for m in re.finditer("-->", text)]
    breaks = [m.start() for m in _BLANK_LINE.finditer(text)]
    spans, position = [], 0
    while True:
        start = text.find("<!--", position)
        if start == -1:
            break
        at = bisect_right(closers, start + 1)
        if at == len(closers):
            break  # nothing closes it: not a comment, and no later opener can close either
        end = closers[at] + 3
        paragraph_break = bisect_right(breaks, start)
        if paragraph_break < len(breaks) and breaks[paragraph_break] < closers[at]:
            position = start + 4  # it would swallow a paragraph break: prose, not a comment
            continue
        spans.append((start, end))
        position = end
    return spans
