"""The notes' blocks read line by line, for the Markdown most notes are written in.

Parsing block structure with mistune is the largest single cost of linting a
deliverable. Yet most notes are made of blocks whose extent each line decides
by itself: ATX headings and fences at the margin, paragraphs, lists, tables,
thematic breaks and HTML comments. For those, one pass over the lines gives
the blocks mistune gives. At the first line whose reading would depend on
context this scanner does not keep (a block quote, indented code, a fence or a
heading inside a list item, a setext underline, raw HTML, a tab in the
indentation, a link definition, lists nested past the limit) it gives up, and
the document is parsed in full. ``tests/test_fast_paths.py`` holds the two
readers to the same answer on generated documents.
"""

from __future__ import annotations

import re

from lint.documents.blocks import Blocks, Heading, closes, trimmed_span

_HEADING = re.compile(r"(#{1,6})(?!#)([ \t]*|[ \t]+.*?)$")  # at the margin
_HEADING_TRIM = re.compile(r"(\s+|^)#+\s*$")  # a closing run of #
_FENCE = re.compile(r"(`{3,}|~{3,})[ \t]*(.*)$")
_THEMATIC_BREAK = re.compile(r"(?:(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|(?:\*[ \t]*){3,})$")
_UNDERLINE = re.compile(r"(?:=+|-+)[ \t]*$")  # a setext heading's, after a paragraph line
_LIST_ITEM = re.compile(r"(?:[*+-]|\d{1,9}[.)])(?=[ \t]|$)")
_NOT_SCANNED = ("\r", "\v", "\f")  # line breaks and blanks the scanner does not count as mistune does
_UNSURE_IN_ITEM = ("#", "```", "~~~", ">", "<")  # an item whose content opens a block of its own


def scan_blocks(text: str, lines: list[str], max_depth: int) -> Blocks | None:
    """The blocks of normalised text, or None when it holds a block this scanner does not read."""
    if any(char in text for char in _NOT_SCANNED):
        return None
    links = "]:" in text  # a link definition may run over several lines
    blocks = Blocks([], set(), [], [])
    line_count = max(len(lines), 1)
    after_text = False  # the line before continues a paragraph: an indented line continues it too
    number = 0
    while number < len(lines):
        line = lines[number]
        number += 1
        stripped = line.lstrip(" ")
        if not stripped.strip(" \t"):
            if (len(line) > 4 and line.startswith("    ")) or (stripped[:1] == "\t" and len(stripped) > 1):
                return None  # white space the parser may take for a line of indented code
            after_text = False
            continue
        indent = len(line) - len(stripped)
        first = stripped[0]
        continues = after_text
        after_text = True
        if first == "\t" or first == ">" or (links and first == "["):
            return None
        if first in "`~" and stripped.startswith(("```", "~~~")):
            if indent:
                return None
            fence = _fence(lines, number, stripped)
            if fence is None:
                return None
            marker, end = fence
            span = trimmed_span(lines, number, end)
            blocks.code_lines.update(span)
            if not closes(lines[span[-1] - 1], marker, span):
                blocks.unclosed_fences.append(number)
            number, after_text = end, False
            continue
        if first == "<":
            if indent or not stripped.startswith("<!--"):
                return None
            closing = _comment_end(lines, number, 4)  # an unclosed comment runs to the end
            span = trimmed_span(lines, number, closing if closing is not None else line_count)
            blocks.comment_blocks.append((span[0], span[-1]))
            number, after_text = (closing if closing is not None else len(lines)), False
            continue
        if first == "#":
            heading = _HEADING.match(stripped)
            if heading is not None:
                if indent:
                    return None
                blocks.headings.append(Heading(len(heading.group(1)), _heading_text(heading.group(2)), number, number))
                after_text = False
                continue
        elif first in "=-" and continues and _UNDERLINE.match(stripped):
            return None
        if first in "-_*" and _THEMATIC_BREAK.match(stripped):
            if indent >= 4:
                return None  # text, or a break inside an item
            after_text = False
            continue
        item = _LIST_ITEM.match(stripped)
        if item is not None:
            if indent // 2 + 1 > max_depth:
                return None  # maybe nested past the limit: the parser finds the line
            gap = stripped[item.end():]
            content = gap.lstrip(" ")
            if content.startswith("\t") or len(gap) - len(content) > 4 or content.startswith(_UNSURE_IN_ITEM):
                return None
            if (links and content.startswith("[")) or _LIST_ITEM.match(content) or _THEMATIC_BREAK.match(content):
                return None
            if not content.strip(" \t"):
                if continues:
                    return None  # an empty item may not interrupt a paragraph: text, or an item, by context
                after_text = False  # an empty item: what follows may be its code
        if indent >= 4 and not continues:
            return None  # indented code, or content of an item after a blank line
    return blocks


def _fence(lines: list[str], opening: int, stripped: str) -> tuple[str, int] | None:
    """The fence's marker and the line that closes it (the last line when none does), or None
    when the line ``opening`` opens no fence."""
    match = _FENCE.match(stripped)
    if match is None:
        return None
    marker, info = match.group(1), match.group(2)
    if marker[0] == "`" and "`" in info:
        return None  # inline code, not a fence
    for number in range(opening + 1, len(lines) + 1):
        if _closes_fence(lines[number - 1], marker[0], len(marker)):
            return marker, number
    return marker, max(len(lines), 1)


def _closes_fence(line: str, char: str, length: int) -> bool:
    """Up to three spaces, a run of at least ``length`` of ``char``, then only spaces and tabs."""
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3 or not stripped.startswith(char):
        return False
    rest = stripped.lstrip(char)
    return len(stripped) - len(rest) >= length and not rest.strip(" \t")


def _comment_end(lines: list[str], opening: int, column: int) -> int | None:
    """The line on which the comment opened on line ``opening`` closes, or None."""
    if "-->" in lines[opening - 1][column:]:
        return opening
    for number in range(opening + 1, len(lines) + 1):
        if "-->" in lines[number - 1]:
            return number
    return None


def _heading_text(raw: str) -> str:
    text = raw.strip(" \t\n\r\x0b\x0c")
    if text:
        text = _HEADING_TRIM.sub("", text)
    return text.strip()
