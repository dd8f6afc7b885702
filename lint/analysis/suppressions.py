"""Inline suppression comments in the notes, in the markdownlint manner.

``<!-- worker-lint-disable RULE... -->`` and ``-enable`` switch rules off and on
from that line; ``-disable-next-line`` covers the next line; ``-disable-file``
the whole file. No rule names means every rule. A comment that suppresses
nothing is itself reported (``unused-suppression``).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lint.documents.markdown import MarkdownDocument

_DIRECTIVE = re.compile(r"<!--\s*worker-lint-(disable-next-line|disable-file|disable|enable)\b((?:[\s,]+[\w-]+)*)\s*-->")
ALL = "*"


@dataclass
class Directive:
    kind: str
    rules: tuple[str, ...]  # empty: every rule
    line: int
    column: int
    used: set[str] = field(default_factory=set)


@dataclass
class Suppressions:
    directives: list[Directive]

    def __post_init__(self) -> None:
        self._file = [d for d in self.directives if d.kind == "disable-file"]
        self._next = {d.line + 1: d for d in self.directives if d.kind == "disable-next-line"}
        self._ranges = [d for d in self.directives if d.kind in ("disable", "enable")]

    def suppressor(self, rule: str, line: int) -> Directive | None:
        """The directive that silences ``rule`` at ``line``, if any."""
        for directive in self._file:
            if _names(directive, rule):
                return directive
        next_line = self._next.get(line)
        if next_line is not None and _names(next_line, rule):
            return next_line
        active = None
        for directive in self._ranges:
            if directive.line > line:
                break
            if _names(directive, rule):
                active = directive if directive.kind == "disable" else None
        return active

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
                    close = difflib.get_close_matches(rule, sorted(known_rules), n=1)
                    correction = f" (did you mean '{close[0]}'?)" if close else " ('worker-lint rules' lists them)"
                    yield directive, rule, f"names unknown rule '{rule}'{correction}"
                elif rule not in directive.used:
                    yield directive, rule, f"suppresses nothing: no {rule} finding here"


def _names(directive: Directive, rule: str) -> bool:
    return not directive.rules or rule in directive.rules


def parse_suppressions(doc: MarkdownDocument) -> Suppressions:
    """The directives in the notes' HTML comment blocks: a comment that starts a line of its own
    (outside lists and quotes), as every example shows them. A comment anywhere else (in inline
    code, after a backslash, in a link or an attribute, inside a list item) may be text that the
    Markdown shows, so it silences nothing."""
    found: list[Directive] = []
    for first, last in doc.comment_blocks:
        for index in range(first - 1, last):
            _directives_on(doc.lines[index], index, found)
    return Suppressions(found)


def _directives_on(text: str, index: int, found: list[Directive]) -> None:
    if "worker-lint-" in text:
        for match in _DIRECTIVE.finditer(text):
            rules = tuple(r for r in re.split(r"[\s,]+", match.group(2)) if r)
            found.append(Directive(match.group(1), rules, index + 1, match.start() + 1))
