"""The worker's issue ids in the notes: each mention, whether it defines the id,
and what is wrong with it. Shared by issue-id-format and dangling-reference."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lint.packs import IssueIdSpec

_LIST_MARKER = r"^\s*(?:>\s*)*(?:(?:[-*+]|\d{1,9}[.)])\s+)?"


@dataclass(frozen=True)
class IdMention:
    ident: str
    line: int
    column: int
    end_column: int
    defines: bool
    problem: str | None


def _patterns(spec: IssueIdSpec) -> tuple[re.Pattern, re.Pattern]:
    prefix = re.escape(spec.prefix)
    full = re.compile(rf"(?<![\w-])({prefix})-([A-Za-z]+)-([A-Za-z0-9]+)(?![\w-])", re.I)
    bare = re.compile(rf"(?<![\w-])({prefix})-(\d+)(?![\w-])", re.I)
    return full, bare


def _defines(text: str, start: int, heading: bool, style: str) -> bool:
    """An id is defined where it opens a heading, or opens a line in bold
    (``heading-or-leading-bold``), or stands in bold anywhere (``bold``)."""
    if start > 24 and style != "bold":  # only markers and emphasis may come first
        return False
    before = text[:start] if start <= 24 else ""
    if heading and re.fullmatch(r"\s*#{1,6}\s+(?:\*\*|__)?", before):
        return True
    if style == "bold":
        return text[max(0, start - 2) : start] in ("**", "__")
    return re.fullmatch(_LIST_MARKER + r"(?:\*\*|__)", before) is not None


def mentions(lines, headings: set[int], spec: IssueIdSpec) -> list[IdMention]:
    """Every mention of one of the worker's ids in ``lines`` of (number, text)."""
    full, bare = _patterns(spec)
    found = []
    wanted = spec.prefix.casefold()
    for number, text in lines:
        if wanted not in text.casefold():
            continue
        for match in full.finditer(text):
            problem = None
            if match.group(1) != spec.prefix:
                problem = f"the prefix must be {spec.prefix}, in capitals"
            else:
                problem = spec.problem(match.group(2), match.group(3))
            found.append(IdMention(match.group(0), number, match.start() + 1, match.end() + 1,
                                   _defines(text, match.start(), number in headings, spec.definition), problem))
        for match in bare.finditer(text):
            found.append(IdMention(match.group(0), number, match.start() + 1, match.end() + 1, False,
                                   f"the severity is missing ({spec.prefix}-<{'|'.join(spec.severities)}>-{'N' * spec.digits})"))
    found.sort(key=lambda m: (m.line, m.column))
    return found
