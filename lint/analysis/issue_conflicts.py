"""Which issue ids the notes give to two different issues.

Workers restate an issue wherever they summarise, schedule or detail it: the
executive summary, the action items, the roadmap, "see above" pointers. Each
restatement may open a bold line with the id again, and often names the fix or
a shorter title instead of the problem. None of that is a second issue.

An entry is a heading that opens with an id, or a line whose bold text opens
with it. Two entries with one id name two issues when both stand in the
analysis (not in a section that restates: summary, actions, recommendations,
roadmap, plan), their titles share too few words, and they cite no line of a
file and no output id in common. Two headings are compared wherever they stand.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from lint.analysis.issue_ids import LEADING_BOLD, IdMention
from lint.patterns import lazy_pattern

# Sections that restate issues defined elsewhere, by a word of their heading or of a heading above
# (the document's "#" title aside).
_RESTATING_SECTION = re.compile(
    r"\b(?:summary|overview|actions?|recommendations?|roadmap|phases?|conclusions?|next steps?|backlog|sprint|"
    r"details?|detailed|evidence requirements|key findings|plan|planning|remediation|fix(?:es)?|quick wins|"
    r"register|tracker|prioriti[sz]ed|milestones?)\b",
    re.I,
)
_SEPARATOR = re.compile(r"^[\s*_]*(?:[:–—-]|\|)\s*")
_ENDS_WITH_SEPARATOR = lazy_pattern(r"[:–—-]\s*$")
_PARENTHESES = re.compile(r"^\s*\([^()]{0,400}\)")
_POINTS_BACK = re.compile(r"\(?\s*(?:see|cf\.?)\b|(?:as )?(?:noted|described|listed|shown|detailed) (?:above|below)\b", re.I)
# A pointer elsewhere inside a title: "(see Details)", ": see above", "as noted above"; "users can see" is not one.
_POINTER = re.compile(r"(?:^|[(:;,–—-])\s*(?:see|cf\.?)\s.*$|\b(?:as|shown|described|listed|detailed|noted) (?:above|below)\b.*$", re.I)
_WORD = re.compile(r"[a-z0-9][a-z0-9.+#]*(?:-[a-z0-9]+)*")
_OUTPUT_ID = re.compile(r"\b[A-Z][A-Z0-9]*(?:-[A-Z]+)*-\d{3}\b")
_LINES = re.compile(r":(\d{1,7})(?:-(\d{1,7}))?")
_TITLE_LIMIT = 300
_NONE: frozenset = frozenset()  # what most lines cite
_COMPARED = 8  # each entry is compared with the first entries of its id, at most this many
_STOPWORDS = frozenset(
    """the and for with without from into onto that this these those than then are was were been being has have had
    not but all any can may might must should would will its it's their there where when which while who whom what
    our your his her via per over under out off too very also only just more most less least some such each every
    both other another same own issue issues problem problems finding findings missing lack lacks no none see above
    below""".split()
)


class IssueEntry(NamedTuple):
    """One place that opens with an id: a heading, or a line whose bold text starts with it."""

    mention: IdMention
    title: str | None  # what the entry calls the issue, pointers to other places left out
    restates: bool  # stands in a section that restates issues
    lines_cited: frozenset[tuple[str, int | None, int | None]]  # (absolute path, first line, last line)
    ids_cited: frozenset[str]  # other ids it names (output ids such as SEC-001)
    words: frozenset[str] = frozenset()  # the title's words that carry meaning


def _words(text: str) -> frozenset[str]:
    words = set()
    for word in _WORD.findall(text.casefold()):
        word = word.rstrip(".")
        if len(word) < 3 or word in _STOPWORDS:
            continue
        words.add(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return frozenset(words)


def _clean(text: str) -> str:
    """A title without pointers elsewhere, separators, output ids and stray markup."""
    text = _POINTER.sub("", text[:_TITLE_LIMIT])
    return _OUTPUT_ID.sub("", text).strip(" \t/,;*_:()[]|–—-`")


def _title(text: str, mention: IdMention) -> str | None:
    """What the entry calls the issue: the heading's text, the rest of its bold text, or
    the sentence after it (``**ID** (JSON: SEC-001): title``, ``**ID:** title``)."""
    end = mention.end_column - 1
    if mention.heading:
        return _clean(text[end:]) or None
    close = text.find("**", end, end + _TITLE_LIMIT)
    if close == -1:
        close = text.find("__", end, end + _TITLE_LIMIT)
    inside = text[end:close] if close != -1 else ""
    if _clean(inside):
        return _clean(inside)
    rest = text[close + 2 : close + 2 + _TITLE_LIMIT] if close != -1 else text[end : end + _TITLE_LIMIT]
    while (parenthesis := _PARENTHESES.match(rest)) is not None:
        rest = rest[parenthesis.end() :]
    separated = _SEPARATOR.match(rest)
    if (separated is None or not separated.group(0).strip()) and not _ENDS_WITH_SEPARATOR.search(inside):
        return None  # "**ID** applies: ...": the id is mentioned in passing, not given a title
    sentence = re.split(r"(?<=[.;])\s", rest[separated.end() if separated else 0 :], maxsplit=1)[0]
    return _clean(sentence) or None


class _Sections:
    """For any line, the titles of the sections around it, found by bisection."""

    def __init__(self, doc) -> None:
        self.starts: list[int] = []
        self.context: list[str] = []
        stack: list[tuple[int, str]] = []
        for heading in doc.headings:
            while stack and stack[-1][0] >= heading.level:
                stack.pop()
            stack.append((heading.level, heading.title))
            self.starts.append(heading.line)
            self.context.append(" / ".join(title for level, title in stack if level > 1))

    def around(self, line: int, own_heading: bool) -> str:
        index = bisect_right(self.starts, line - 1 if own_heading else line) - 1
        return self.context[index] if index >= 0 else ""


def openers(prose: list[str], mentions: list[IdMention]) -> list[IdMention]:
    """The mentions that open an entry: a heading's id, or the id a line's bold text opens with."""
    return [m for m in mentions if not m.problem and (m.heading or _opens_bold(prose[m.line - 1], m))]


def entries(doc, prose: list[str], opening: list[IdMention], references, repeated_only: bool = False) -> list[IssueEntry]:
    """The entries ``opening`` open (see :func:`openers`), with their titles, context and what they cite.

    ``references(number)`` gives the absolute file references of a line of prose, as
    (path, line suffix) pairs. With ``repeated_only``, only the entries of ids that open
    two or more: the only ones :func:`conflicts` compares, and in most notes a small part.
    """
    boundaries = sorted({m.line for m in opening} | {h.line for h in doc.headings})  # every entry ends at the next one
    if repeated_only:
        count: dict[str, int] = {}
        for mention in opening:
            count[mention.ident] = count.get(mention.ident, 0) + 1
        opening = [m for m in opening if count[m.ident] > 1]
    if not opening:
        return []
    sections = _Sections(doc)
    cited: dict[int, tuple[frozenset, frozenset]] = {}  # what each line cites, read once
    found = []
    for mention in opening:
        text = prose[mention.line - 1]
        restates = bool(_RESTATING_SECTION.search(sections.around(mention.line, mention.heading))) or _points_back(text, mention)
        after = bisect_right(boundaries, mention.line)
        following = boundaries[after] if after < len(boundaries) else len(prose) + 1
        files: set = set()
        ids: set[str] = set()
        for number in range(mention.line, min(following, mention.line + 60)):
            here = cited.get(number)
            if here is None:
                line = prose[number - 1]
                paths = references(number)
                named = _OUTPUT_ID.findall(line) if line else ()
                here = cited[number] = (frozenset(_span(path, suffix) for path, suffix in paths) if paths else _NONE,
                                        frozenset(named) if named else _NONE)
            if here[0]:
                files |= here[0]
            if here[1]:
                ids |= here[1]
        ids.discard(mention.ident)
        title = _title(text, mention)
        found.append(IssueEntry(mention, title, restates, frozenset(files), frozenset(ids), _words(title or "")))
    return found


def _points_back(text: str, mention: IdMention) -> bool:
    """``**ID** (see Critical Issues Found): ...``, ``**ID — title**: see Details``: a restatement."""
    rest = text[mention.end_column - 1 : mention.end_column - 1 + _TITLE_LIMIT]
    close = rest.find("**")
    pieces = [rest, rest[close + 2 :]] if close != -1 else [rest]
    return any(_POINTS_BACK.match(piece.lstrip(" *_:–—-")) for piece in pieces)


def _opens_bold(text: str, mention: IdMention) -> bool:
    lead = LEADING_BOLD.match(text)
    return lead is not None and lead.end() == mention.column - 1


def _span(path: str, suffix: str) -> tuple[str, int | None, int | None]:
    match = _LINES.match(suffix)
    if match is None:
        return path, None, None
    first = int(match.group(1))
    return path, first, int(match.group(2)) if match.group(2) else first


def _same_lines(first: frozenset, second: frozenset) -> bool:
    """Whether two entries cite one line (or overlapping ranges) of one file, or one whole file."""
    for path, start, end in first:
        for other_path, other_start, other_end in second:
            if path != other_path:
                continue
            if start is None or other_start is None:
                if start is other_start:
                    return True
            elif start <= other_end and other_start <= end:
                return True
    return False


def same_issue(first: IssueEntry, second: IssueEntry, known_ids: frozenset[str] = frozenset()) -> bool:
    """Whether two entries with one id can be read as one issue."""
    if _same_lines(first.lines_cited, second.lines_cited) or (first.ids_cited & second.ids_cited & known_ids):
        return True
    a, b = first.words, second.words
    if not a or not b:
        return True  # a bare pointer or no title: nothing to tell them apart by
    shared = len(a & b)
    return shared >= 2 or shared / min(len(a), len(b)) >= 0.5


def conflicts(found: list[IssueEntry], known_ids: frozenset[str] = frozenset()) -> list[tuple[IssueEntry, IssueEntry]]:
    """(earlier entry, later entry) for each later entry that names another issue than an earlier one.

    ``known_ids`` are the ids the output defines: citing one of them in common makes
    two entries one issue.
    """
    by_id: dict[str, list[IssueEntry]] = {}
    for entry in found:
        if entry.title and (entry.mention.heading or not entry.restates):
            by_id.setdefault(entry.mention.ident, []).append(entry)
    pairs = []
    for group in by_id.values():
        for index, later in enumerate(group[1:], 1):
            # The first few entries of an id are enough to tell; this bounds the work on hostile notes.
            earlier = next((e for e in group[: min(index, _COMPARED)] if not same_issue(e, later, known_ids)
                            and (e.mention.heading == later.mention.heading or not (e.restates or later.restates))), None)
            if earlier is not None:
                pairs.append((earlier, later))
    return pairs
