"""Which issue ids the notes give to two different issues.

Workers restate an issue wherever they summarise, schedule or detail it: the
executive summary, the action items, the roadmap, "see above" pointers. Each
restatement opens a bold line with the id again, and often names the fix or a
shorter title instead of the problem. None of that is a second issue. An id
names two issues only when two entries of the analysis itself (not a section
that restates) give it titles that share no words and cite no evidence in
common.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from lint.issue_ids import LEADING_BOLD, IdMention

# Sections that restate issues defined elsewhere, by a word of their heading or of a heading above.
_RESTATING_SECTION = re.compile(
    r"\b(?:summary|overview|actions?|recommendations?|roadmap|phase|conclusions?|next steps?|backlog|sprint|"
    r"details?|detailed|appendix|evidence requirements|key findings|index|contents|plan|planning)\b",
    re.I,
)
# A bold label before the id that says the line restates it: "**Recommendation (BACKEND-LOW-002 follow-up):**".
_RESTATING_LABEL = re.compile(r"\b(?:recommend\w*|actions?|fix(?:es)?|follow-up|remediation|see|roadmap|phase|step|next)\b", re.I)
_SEPARATOR = re.compile(r"^[\s*_]*(?:[:–—-]|\|)\s*")
_ENDS_WITH_SEPARATOR = re.compile(r"[:–—-]\s*$")
_PARENTHESES = re.compile(r"^\s*\([^()]{0,400}\)")
_POINTS_BACK = re.compile(
    r"^\W*(?:see|cf\.?)\b|\((?:see|cf\.?)\b|\b(?:see|as|described|listed|shown|detailed|defined|explained|table) (?:above|below)\b", re.I
)
_WORD = re.compile(r"[a-z0-9][a-z0-9.+#]*(?:-[a-z0-9]+)*")
_OTHER_ID = re.compile(r"\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-\d{1,4}\b")
_STOPWORDS = frozenset(
    """the and for with without from into onto that this these those than then are was were been being has have had
    not but all any can may might must should would will its it's their there where when which while who whom what
    our your his her via per over under out off too very also only just more most less least some such each every
    both other another same own issue issues problem problems finding findings missing lack lacks no none""".split()
)


@dataclass(frozen=True)
class IssueEntry:
    """One place that defines an id: a heading, or a line opening with it in bold."""

    mention: IdMention
    title: str | None  # what the entry calls the issue; None when it gives no title
    restates: bool  # in a restating section, or pointing back to where the issue is described
    evidence: frozenset[str]  # absolute paths and other ids it cites


def _words(text: str) -> frozenset[str]:
    words = set()
    for word in _WORD.findall(text.casefold()):
        word = word.rstrip(".")
        if len(word) < 3 or word in _STOPWORDS:
            continue
        words.add(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return frozenset(words)


def _clean(text: str) -> str:
    """A title without separators, other ids and stray markup around it."""
    return _OTHER_ID.sub("", text).strip(" \t/,;*_:()[]–—-`")


def _title(text: str, mention: IdMention) -> tuple[str | None, str]:
    """The entry's title, and the bold label before the id (``**Feed endpoint (ID):**``)."""
    start, end = mention.column - 1, mention.end_column - 1
    if mention.heading:
        return (_clean(text[end:]) or None), ""
    lead = LEADING_BOLD.match(text)
    marker, opened = (lead.group(1), lead.end()) if lead is not None and lead.end() <= start else ("**", start)
    close = text.find(marker, end)
    after = text[close + len(marker) :] if close != -1 else ""
    inside = text[end:close] if close != -1 else text[end:]
    label = _clean(text[opened:start])
    title = label or _clean(inside)
    if title:
        return title, label
    # "**ID** (JSON: SEC-001): title ...", "**ID** — title", "**ID:** title": the title follows the bold id.
    rest = after
    while (parenthesis := _PARENTHESES.match(rest)) is not None:
        rest = rest[parenthesis.end() :]
    separated = _SEPARATOR.match(rest)
    if separated is None and not _ENDS_WITH_SEPARATOR.search(inside):
        return None, ""  # "**ID** applies: ...": the id is mentioned, not given a title
    sentence = re.split(r"(?<=[.;])\s", rest[separated.end() if separated else 0 :], maxsplit=1)[0]
    return (_clean(sentence) or None), ""


def _enclosing_titles(doc, line: int) -> list[str]:
    """The titles of the sections around a line, outermost first (a heading on the line itself left out)."""
    titles: list[str] = []
    sections = doc.sections
    while sections:
        section = next((s for s in sections if s.heading.line <= line <= s.end_line), None)
        if section is None:
            break
        if section.heading.line != line:
            titles.append(section.heading.title)
        sections = section.children
    return titles


def entries(doc, prose: list[str], mentions: list[IdMention], references) -> list[IssueEntry]:
    """Every defining mention of an id, with its title, context and evidence.

    ``references(number)`` lists the absolute file paths a line of prose cites.
    """
    defining = [m for m in mentions if m.defines and not m.problem]
    if not defining:
        return []
    boundaries = sorted({m.line for m in defining} | {h.line for h in doc.headings})
    cited: dict[int, frozenset[str]] = {}  # what each line cites, read once
    found = []
    for mention in defining:
        text = prose[mention.line - 1]
        title, label = _title(text, mention)
        context = " / ".join(_enclosing_titles(doc, mention.line))
        restates = (
            bool(_RESTATING_SECTION.search(context))
            or bool(_RESTATING_LABEL.search(label))
            or bool(_POINTS_BACK.search(text[mention.end_column - 1 :][:160].lstrip(" *_:–—-")))
        )
        after = bisect_right(boundaries, mention.line)
        following = boundaries[after] if after < len(boundaries) else len(prose) + 1
        evidence: set[str] = set()
        for number in range(mention.line, min(following, mention.line + 60)):
            if number not in cited:
                line = prose[number - 1]
                cited[number] = frozenset(references(number)) | frozenset(_OTHER_ID.findall(line))
            evidence |= cited[number]
        evidence.discard(mention.ident)
        found.append(IssueEntry(mention, title, restates, frozenset(evidence)))
    return found


def same_issue(first: IssueEntry, second: IssueEntry) -> bool:
    """Whether two entries with one id can be read as one issue."""
    if first.evidence & second.evidence:
        return True
    a, b = _words(first.title or ""), _words(second.title or "")
    if not a or not b:
        return True  # nothing to tell them apart by
    return len(a & b) / min(len(a), len(b)) >= 0.5


def conflicts(found: list[IssueEntry]) -> list[tuple[IssueEntry, IssueEntry]]:
    """(first entry, later entry) for each id given to two different issues."""
    by_id: dict[str, list[IssueEntry]] = {}
    for entry in found:
        if entry.title and not entry.restates:
            by_id.setdefault(entry.mention.ident, []).append(entry)
    pairs = []
    for group in by_id.values():
        first = group[0]
        for later in group[1:]:
            if not same_issue(first, later):
                pairs.append((first, later))
    return pairs
