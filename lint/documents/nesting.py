"""The nesting limit for the notes: lists and block quotes inside each other.

mistune 3.4 stops descending at its ``max_nested_level`` and reads what is
deeper as plain paragraph text, so no input makes it recurse without end; but
its recursion grows with the level it is allowed, and it fails at about 200
levels. The parser is therefore given the limit plus one: a document nested
within the limit is parsed as written, and one nested deeper shows it by
reaching the extra level, which is reported instead of being parsed further.
"""

from __future__ import annotations


from lint.patterns import lazy_pattern
from lint.settings.limits import MARKDOWN_DEPTH_CEILING as DEPTH_CEILING  # noqa: F401  (re-exported)
from lint.settings.limits import MAX_MARKDOWN_DEPTH as MAX_DEPTH  # noqa: F401  (re-exported for the parser)

_CONTAINERS = ("block_quote", "list")
_MARKER = lazy_pattern(r"[ \t]*(>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?")


class MarkdownTooDeep(ValueError):
    """Lists and block quotes nest deeper than ``limit``, first on ``line``."""

    def __init__(self, limit: int, line: int) -> None:
        super().__init__(f"lists and block quotes are nested deeper than the limit of {limit} levels")
        self.message = str(self)
        self.limit = limit
        self.line = line


def check_nesting(tokens: list[dict], starts: list[int], lines: list[str], limit: int) -> None:
    """Raise :class:`MarkdownTooDeep` when a top-level block nests deeper than ``limit``.

    ``tokens`` are the top-level blocks and ``starts`` the lines they begin on.
    """
    for i, token in enumerate(tokens):
        if _deeper_than(token, limit):
            last = starts[i + 1] - 1 if i + 1 < len(starts) else len(lines)
            raise MarkdownTooDeep(limit, _first_line_over(lines, starts[i], max(starts[i], last), limit))


def _deeper_than(token: dict, limit: int) -> bool:
    stack = [(token, 0)]
    while stack:
        item, depth = stack.pop()
        if item.get("type") in _CONTAINERS:
            depth += 1
            if depth > limit:
                return True
        children = item.get("children")
        if isinstance(children, list):
            stack.extend((child, depth) for child in children if isinstance(child, dict))
    return False


def _first_line_over(lines: list[str], first: int, last: int, limit: int) -> int:
    """The first line of the block whose markers and indentation nest past the
    limit (an estimate: the parser keeps no lines for nested blocks)."""
    open_items: list[int] = []  # content columns of the list items still open
    for number in range(first, min(last, len(lines)) + 1):
        line = lines[number - 1].expandtabs(4)
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        while open_items and open_items[-1] > indent:
            open_items.pop()
        quotes, position = 0, 0
        while (match := _MARKER.match(line, position)) is not None:
            if match.group(1) == ">":
                quotes += 1
            else:
                open_items.append(match.end())
            position = match.end()
        if quotes + len(open_items) > limit:
            return number
    return first
