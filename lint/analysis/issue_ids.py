"""The worker's issue ids in the notes: each mention, whether it stands where an
issue is defined, and what is wrong with it.

Only tokens of the id's shape are ids: the worker's prefix in capitals (or, in
another case, followed by a known severity and a number), a severity and a
number. A lower-case word that shares the prefix, such as the CI job
``test-docker-compose``, is not an id. Shared by issue-id-format,
dangling-reference and issue-lost.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from lint.packs import IssueIdSpec

_LIST_MARKER = r"^\s*(?:>\s*)*(?:(?:[-*+]|\d{1,9}[.)])\s+)?"
LEADING_BOLD = re.compile(_LIST_MARKER + r"(\*\*|__)")
_HEADING_LEAD = re.compile(r"\s*#{1,6}\s+(?:\*\*|__)?")
MAX_RANGE = 20  # "BACKEND-HIGH-001..004" names the ids between; a longer span names its two ends only
# After an id, more of the same severity: "..004", "/003", " to **BACKEND-HIGH-004**".
_SEPARATOR = r"[*_`]*\s*(\.\.\.?|–|—|-|/|\bto\b)\s*[*_`]*"


class IdMention(NamedTuple):
    ident: str
    line: int
    column: int
    end_column: int
    defines: bool  # opens a heading, or stands in the bold text a line opens with
    problem: str | None
    heading: bool = False

    @property
    def severity(self) -> str:
        return self.ident.split("-")[-2]


@lru_cache(maxsize=64)
def _more_numbers(spec: IssueIdSpec) -> re.Pattern:
    return re.compile(_SEPARATOR + rf"(?:({re.escape(spec.prefix)})-([A-Za-z]+)-)?(\d{{{spec.digits}}})(?![\w-])")


@lru_cache(maxsize=64)
def _patterns(spec: IssueIdSpec) -> tuple[re.Pattern, re.Pattern]:
    prefix = re.escape(spec.prefix)
    full = re.compile(rf"(?<![\w-])({prefix})-([A-Za-z]+)-([A-Za-z0-9]+)(?![\w-])", re.I)
    bare = re.compile(rf"(?<![\w-])({prefix})-(\d+)(?![\w-])")
    return full, bare


def _id_shaped(prefix: str, severity: str, number: str, spec: IssueIdSpec) -> bool:
    """Whether a token is meant as one of the worker's ids (well formed or not)."""
    if prefix == spec.prefix:
        return True
    # The prefix in another case: an id only when the rest has the id's shape.
    return severity.upper() in spec.severities and (number.isdigit() or set(number.upper()) == {"X"})


def _leading_bold(text: str) -> tuple[int, int] | None:
    """Where the bold text a line opens with starts and ends (end: the line's end when unclosed)."""
    lead = LEADING_BOLD.match(text)
    if lead is None:
        return None
    close = text.find(lead.group(1), lead.end())
    return lead.end(), len(text) if close == -1 else close


def _opens_heading(text: str, start: int) -> bool:
    return start <= 24 and _HEADING_LEAD.fullmatch(text[:start]) is not None


def mentions(lines, headings: set[int], spec: IssueIdSpec) -> list[IdMention]:
    """Every mention of one of the worker's ids in ``lines`` of (number, text).

    An id is defined where it opens a heading, or inside the bold text a line opens
    with (``heading-or-leading-bold``), or also in bold anywhere (``bold``).
    """
    full, bare = _patterns(spec)
    found = []
    wanted = spec.prefix.casefold()
    for number, text in lines:
        if wanted not in text.casefold():
            continue
        is_heading = number in headings
        bold = _leading_bold(text)
        for match in full.finditer(text):
            prefix, severity, digits = match.group(1, 2, 3)
            if not _id_shaped(prefix, severity, digits, spec):
                continue
            problem: str | None
            if prefix != spec.prefix:
                problem = f"the prefix must be {spec.prefix}, in capitals"
            else:
                problem = spec.problem(severity, digits)
            start, end = match.span()
            heading = is_heading and _opens_heading(text, start)
            defines = (heading or (bold is not None and bold[0] <= start and end <= bold[1])
                       or (spec.definition == "bold" and text[max(0, start - 2) : start] in ("**", "__")))
            found.append(IdMention(match.group(0), number, start + 1, end + 1, defines, problem, heading))
        for match in bare.finditer(text):
            found.append(IdMention(match.group(0), number, match.start() + 1, match.end() + 1, False,
                                   f"the severity is missing ({spec.prefix}-<{'|'.join(spec.severities)}>-{'N' * spec.digits})"))
    found.sort(key=lambda m: (m.line, m.column))
    return found


def ids_in_text(text: str, spec: IssueIdSpec) -> set[str]:
    """The well-formed ids a text names, abbreviated lists and ranges expanded:
    ``TEST-MED-001/003`` names TEST-MED-001 and TEST-MED-003, and
    ``DEVOPS-LOW-001..004`` the four from 001 to 004."""
    found: set[str] = set()
    if spec.prefix not in text:
        return found
    full, _ = _patterns(spec)
    more_numbers = _more_numbers(spec)
    for match in full.finditer(text):
        prefix, severity, number = match.groups()
        if prefix != spec.prefix or spec.problem(severity, number) is not None:
            continue
        found.add(match.group(0))
        cursor, previous = match.end(), int(number)
        while (more := more_numbers.match(text, cursor)) is not None:
            separator, again_prefix, again_severity, digits = more.groups()
            if again_prefix is not None and (again_prefix != prefix or again_severity != severity):
                break
            if again_prefix is None and separator in ("–", "—", "-"):
                break  # "BACKEND-HIGH-001 – 100 users": a dash before a bare number is prose
            following = int(digits)
            if separator != "/":  # a range: the ids between, when it is short; nothing chains after it
                numbers = range(previous + 1, following + 1) if 0 < following - previous <= MAX_RANGE else (following,)
                found.update(f"{prefix}-{severity}-{n:0{spec.digits}d}" for n in numbers)
                break
            found.add(f"{prefix}-{severity}-{following:0{spec.digits}d}")
            cursor, previous = more.end(), following
    return found


def ids_by_entry(strings, spec: IssueIdSpec) -> dict[str, frozenset[str]]:
    """For the output's strings, (pointer, text, key): the ids each array entry names,
    at any depth, and under ``""`` every id the file names."""
    found: dict[str, set[str]] = {"": set()}
    for pointer, text, _ in strings:
        if spec.prefix not in text:
            continue
        ids = ids_in_text(text, spec)
        if not ids:
            continue
        found[""] |= ids
        parts = pointer.split("/")
        for end in range(2, len(parts)):
            if parts[end].isdigit():
                found.setdefault("/".join(parts[: end + 1]), set()).update(ids)
    return {pointer: frozenset(ids) for pointer, ids in found.items()}
