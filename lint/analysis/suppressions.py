"""Inline suppression comments in the notes, in the markdownlint manner.

``<!-- worker-lint-disable RULE... -->`` and ``-enable`` switch rules off and on
from that line; ``-disable-next-line`` covers the next line; ``-disable-file``
the whole file. No rule names means every rule. A comment that suppresses
nothing is itself reported (``unused-suppression``).
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from lint.records import Record
from lint.suggest import close_matches

if TYPE_CHECKING:
    from lint.documents.markdown import MarkdownDocument

_DIRECTIVE = re.compile(r"<!--\s*worker-lint-(disable-next-line|disable-file|disable|enable)\b((?:[\s,]+[\w-]+)*)\s*-->")
ALL = "*"
_WHOLE_LINE = re.compile(r"^ {0,3}<!--\s*worker-lint-[^\n]*?-->\s*$")


class Directive(Record):
    __slots__ = ("kind", "rules", "line", "column", "used")
    _fields = __slots__

    def __init__(self, kind: str, rules: tuple[str, ...], line: int, column: int, used: set[str] | None = None) -> None:
        self.kind = kind
        self.rules = rules  # empty: every rule
        self.line = line
        self.column = column
        self.used: set[str] = set() if used is None else used


class Suppressions(Record):
    _fields = ("directives",)

    def __init__(self, directives: list[Directive]) -> None:
        self.directives = directives
        self._file = [d for d in self.directives if d.kind == "disable-file"]
        self._next = {d.line + 1: d for d in self.directives if d.kind == "disable-next-line"}
        self._ranges = [d for d in self.directives if d.kind in ("disable", "enable")]  # in line order
        self._by_rule: dict[str, tuple[Directive | None, list[int], list[Directive]]] = {}

    def _for(self, rule: str) -> tuple[Directive | None, list[int], list[Directive]]:
        """The directives that name ``rule`` (or every rule), worked out once per rule: asking for
        each finding costs a lookup and a binary search, however many comments there are."""
        if rule not in self._by_rule:
            chosen = [d for d in self._ranges if _names(d, rule)]
            whole_file = next((d for d in self._file if _names(d, rule)), None)
            self._by_rule[rule] = (whole_file, [d.line for d in chosen], chosen)
        return self._by_rule[rule]

    def suppressor(self, rule: str, line: int) -> Directive | None:
        """The directive that silences ``rule`` at ``line``, if any: the whole file's, the line
        before's, or the last disable or enable at or above it that names the rule."""
        whole_file, lines, chosen = self._for(rule)
        if whole_file is not None:
            return whole_file
        next_line = self._next.get(line)
        if next_line is not None and _names(next_line, rule):
            return next_line
        index = bisect.bisect_right(lines, line) - 1
        return chosen[index] if index >= 0 and chosen[index].kind == "disable" else None

    def suppress(self, rule: str, line: int) -> bool:
        directive = self.suppressor(rule, line)
        if directive is None:
            return False
        directive.used.add(rule if directive.rules else ALL)
        return True

    def unused(self, known_rules: set[str]):
        """(directive, rule or None, reason) for every part of a comment that did nothing."""
        for directive in self.directives:
            if directive.kind == "enable":
                continue
            if not directive.rules:
                if not directive.used:
                    yield directive, None, "suppresses nothing: no finding here"
                continue
            for rule in directive.rules:
                if rule not in known_rules:
                    close = close_matches(rule, sorted(known_rules), n=1)
                    correction = f" (did you mean '{close[0]}'?)" if close else " ('worker-lint rules' lists them)"
                    yield directive, rule, f"names unknown rule '{rule}'{correction}"
                elif rule not in directive.used:
                    yield directive, rule, f"suppresses nothing: no {rule} finding here"


def _names(directive: Directive, rule: str) -> bool:
    return not directive.rules or rule in directive.rules


def parse_suppressions(doc: MarkdownDocument) -> Suppressions:
    """The directives in the notes: each an HTML comment that is a line of its own, a comment
    block by itself, after a blank line, a heading or another directive (as every example shows
    them). A comment anywhere else (in inline code, after a backslash, in a link or an attribute,
    in a list item or a quote, run on from other text or another comment) may be text the
    Markdown shows, as readers of CommonMark differ at those edges, so it silences nothing."""
    found: list[Directive] = []
    directive_lines: set[int] = set()
    for first, last in doc.comment_blocks:
        seen: list[Directive] = []
        for index in range(first - 1, last):
            _directives_on(doc.lines[index], index, seen)
        before = doc.lines[first - 2] if first > 1 else ""
        own_line = first == last and _WHOLE_LINE.match(doc.lines[first - 1]) is not None and (
            not before.strip() or before.lstrip().startswith("#") or (first - 1) in directive_lines)
        # An enable is honoured wherever the reader sees a comment: missing one would silence more.
        kept = seen if own_line else [d for d in seen if d.kind == "enable"]
        found.extend(kept)
        if kept:
            directive_lines.add(first)
    return Suppressions(found)


def _directives_on(text: str, index: int, found: list[Directive]) -> None:
    if "worker-lint-" in text:
        for match in _DIRECTIVE.finditer(text):
            rules = tuple(r for r in re.split(r"[\s,]+", match.group(2)) if r)
            found.append(Directive(match.group(1), rules, index + 1, match.start() + 1))
