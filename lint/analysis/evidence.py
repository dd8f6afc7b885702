"""The evidence a deliverable cites, found and checked against the analysed codebase.

A reference is checked only when it starts with a known source root's prefix
(the project the session belongs to, or a mapped prefix): any other path, a
URL route, a container path or a template's ``/path/to/file.ext``, is not
evidence this linter can check. A reference is the prefix followed by path
characters, trimmed of trailing punctuation and of closing brackets it does
not open (``src/app/(main)/[id]/page.tsx`` keeps its own), then an optional
line, range or list of them (``:12``, ``:12-40``, ``:3,8-9``, ``#L12-L40``).
A path with ``*``, ``?`` or ``{`` is a glob and is not checked, and a file the
deliverable proposes to create ("add ``/srv/app/ci/pr.yml``") is not missing.
Fenced code in the notes is not read for references: it may be proposed code.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from lint.analysis.file_references import FileReference
from lint.analysis.json_values import resolve
from lint.analysis.relative_references import proposes
from lint.analysis.source_files import Looked, SourceFiles, SourceRoot
from lint.patterns import lazy_pattern

_TRAILING = ".!?*_…"  # sentence punctuation, Markdown emphasis, an elision
# Digit runs are possessive: a shorter run is always followed by a digit, which the lookahead
# refuses anyway, and trying each would make a long run of digits cost its square.
_LINES = lazy_pattern(r":L?(\d++)(?:[-–—]L?(\d++))?((?:,L?\d++(?:[-–—]L?\d++)?)*)(?![\d.–—-]*\w)|#L(\d++)(?:[-–—]L?(\d++))?")
_MORE = lazy_pattern(r",L?(\d+)(?:[-–—]L?(\d+))?")
# Keys of a JSON object whose string names the file an entry's line number belongs to.
FILE_KEYS = ("file_path", "file", "path", "location", "file_reference", "source_file")
LINE_KEYS = ("line_number", "line", "start_line")
_FILE_KEYS = frozenset(FILE_KEYS)


class Cited(NamedTuple):
    """One reference under a source root, where the deliverable gives it."""

    root: SourceRoot
    path: str  # as cited, without its line suffix
    start: int  # in the line or string it was found in
    end: int  # of the path
    suffix_end: int  # of the line suffix (== end without one)
    ranges: tuple[tuple[int, int], ...]  # (first, last) lines cited; last == first for one line
    glob: bool = False

    @property
    def relative(self) -> str:
        return self.path[len(self.root.prefix):].replace("\\", "/")  # every spelling of the prefix has its length


def find_cited(text: str, roots: tuple[SourceRoot, ...]) -> list[Cited]:
    """The references under ``roots`` in a line of the notes or a JSON string (each spelling of
    each prefix looked for, the longest first where two start at one place)."""
    scanner, owners, _ = _scanner_of(roots)
    found: list[Cited] = []
    spellings = list(owners)
    nexts = [text.find(spelling) for spelling in spellings]
    position = 0
    while True:
        # A match is a prefix where a reference can start, and the rest of its path: see _scanner.
        match = _search(text, position, scanner, spellings, nexts)
        if match is None:
            break
        cited = _cited_from(text, 0, match, owners)
        found.append(cited)
        position = max(cited.suffix_end, cited.start + 1)
    return found


def _search(text: str, position: int, scanner: re.Pattern[str], spellings: list[str], nexts: list[int]) -> re.Match[str] | None:
    """``scanner.search(text, position)``, tried only where a spelling starts (``nexts``: where
    each was last found, -1 for nowhere further): the regular expression engine would try the
    whole pattern at every place of the text."""
    while True:
        best = -1
        for index, at in enumerate(nexts):
            if -1 < at < position:
                at = nexts[index] = text.find(spellings[index], position)
            if at != -1 and (best == -1 or at < best):
                best = at
        if best == -1:
            return None
        match = scanner.match(text, best)
        if match is not None:
            return match
        position = best + 1


def cited_in_lines(text: str, lines: list[str], roots: tuple[SourceRoot, ...], passed_over: frozenset[int]) -> tuple[list[tuple[int, Cited]], list[int]]:
    """What :func:`find_cited` finds in each of ``lines`` (``text`` split at ``\\n``), as (line
    number, reference in that line), but for the lines ``passed_over``; and the numbers of the
    lines where a reference starts, those passed over included. One scan of the whole text."""
    found: list[tuple[int, Cited]] = []
    holding: list[int] = []
    _, owners, scanner = _scanner_of(roots) if roots else (None, {}, None)
    if scanner is None:
        return found, holding
    spellings = [spelling for spelling in owners if "\n" not in spelling]
    nexts = [text.find(spelling) for spelling in spellings]
    number, line_start, position = 1, 0, 0  # line_start: where line ``number`` starts in the text
    counted = 0  # where the count of line ends stopped: each stretch of the text is counted once, however long its line
    while True:
        match = _search(text, position, scanner, spellings, nexts)
        if match is None:
            break
        start = match.start()
        newlines = text.count("\n", counted, start)
        counted = start
        if newlines:
            number += newlines
            line_start = text.rfind("\n", 0, start) + 1
        if not holding or holding[-1] != number:
            holding.append(number)
        if number in passed_over:
            line_end = text.find("\n", start)
            if line_end == -1:
                break
            position = line_end + 1
            continue
        cited = _cited_from(lines[number - 1], line_start, match, owners)
        found.append((number, cited))
        position = line_start + max(cited.suffix_end, cited.start + 1)
    return found, holding


def may_cite(text: str, roots: tuple[SourceRoot, ...], raw_json: bool = False) -> bool:
    """Whether ``text`` (the whole notes, or with ``raw_json`` the output file's raw text) can hold
    a reference under ``roots`` at all: false only when no line or string of it can, so the search
    line by line and string by string is passed over for a deliverable that cites none of them.

    A JSON string's characters appear in the raw text as written, but for the escapes JSON requires
    (a backslash, a quote, control characters) and those it allows (``\\/``, ``\\u``): with any
    allowed escape in the text, or control characters in a prefix, the answer is yes."""
    if not roots:
        return False
    owners = _scanner_of(roots)[1]
    if not raw_json:
        return any(spelling in text for spelling in owners)
    if "\\u" in text or "\\/" in text:
        return True
    for spelling in owners:
        if not spelling.isprintable():
            return True
        if spelling.replace("\\", "\\\\").replace('"', '\\"') in text:
            return True
    return False


def lines_starting(text: str, opening: str, last: int) -> list[int]:
    """The numbers of the lines of ``text`` (split at ``\\n``) up to line ``last`` that start with ``opening``, in order."""
    numbers = [1] if text.startswith(opening) and last >= 1 else []
    line, at, mark = 1, 0, "\n" + opening
    position = text.find(mark)
    while position != -1:
        line += text.count("\n", at, position + 1)
        if line > last:
            break
        at = position + 1
        numbers.append(line)
        position = text.find(mark, at)
    return numbers


_last: tuple = (object(), None)  # (roots, scanner): one deliverable asks again for every line


def _scanner_of(roots: tuple[SourceRoot, ...]) -> tuple[re.Pattern[str], dict[str, SourceRoot], re.Pattern[str] | None]:
    """The scanner for ``roots``: the same tuple again is known by identity, not compared field by field."""
    global _last
    last = _last
    if last[0] is not roots:
        last = _last = (roots, _scanner(roots))
    return last[1]


# Where a reference can start: not inside a longer path or word ("/home/x/workspace/app").
_NOT_AFTER = r"(?<![\w/\\.\-~$@])"
# What can follow the prefix: its own folder's separator, the end of the path or of a sentence;
# not another name ("/workspace/app-v2" is not under "/workspace/app", "/workspace/app.bak/" is
# another folder, while "/workspace/app." ends a sentence).
_AFTER_PREFIX = r"(?![^/\\ \t\n\r`'\"<>|,;:.)\]}…*_])(?!\.[^\s`'\"<>|,;:])"
# The rest of a path: up to white space, a quote, a bracket of markup, a separator or a line's
# colon, or a web anchor to a line ("#L12"). Possessive: the longest run is the only one wanted.
_REST = r"[^\s`'\"<>|,;:#]*+(?:#(?!L\d)[^\s`'\"<>|,;:#]*+)*+"


@functools.lru_cache(maxsize=64)
def _scanner(roots: tuple[SourceRoot, ...]) -> tuple[re.Pattern[str], dict[str, SourceRoot], re.Pattern[str] | None]:
    """A pattern matching each reference's prefix (group 1: the longest spelling at a place, and
    only it, so that a place a longer prefix claims but refuses is no reference of a shorter one)
    and the rest of its path; the root that owns each spelling; and the pattern for a text of
    many lines, whose matches are those each line alone gives (a spelling holding a line end is
    left out: no line holds it), or None when no spelling is left."""
    owners: dict[str, SourceRoot] = {}
    for root in roots:  # longest prefix first: the first root to claim a spelling keeps it
        for spelling in _spellings(root.prefix):
            owners.setdefault(spelling, root)
    ordered = sorted(owners, key=len, reverse=True)
    one_line = [spelling for spelling in ordered if "\n" not in spelling]
    return _pattern(ordered), owners, (_pattern(one_line) if one_line else None)


def _pattern(spellings: list[str]) -> re.Pattern[str]:
    """Group 1: the prefix; 2: the rest of the path; 3 to 7: the line suffix, as _LINES's groups 1 to 5."""
    alternatives = "|".join(re.escape(spelling) for spelling in spellings)
    return lazy_pattern(f"{_NOT_AFTER}(?>({alternatives})){_AFTER_PREFIX}({_REST})(?:{_LINES.pattern})?")  # compiled when a text holds a prefix


@functools.lru_cache(maxsize=256)
def _spellings(prefix: str) -> tuple[str, ...]:
    """A prefix as a deliverable may write it: with slashes or backslashes, a drive letter in either case."""
    forms = {prefix, prefix.replace("/", "\\"), prefix.replace("\\", "/")}
    if len(prefix) > 1 and prefix[1] == ":" and prefix[0].isalpha():
        forms |= {form[0].swapcase() + form[1:] for form in forms}
    return tuple(sorted(forms))


def _cited_from(text: str, base: int, match: re.Match[str], owners: dict[str, SourceRoot]) -> Cited:
    """The reference the scanner matched, in ``text`` (the line or string it is in, starting at
    ``base`` in the text matched): its path trimmed (trimmed_path), then its line suffix read."""
    prefix, _rest, *suffix = match.groups()  # one call for every group: each group() call costs as much
    start = match.start() - base
    rest_end = match.end(2) - base
    path = text[start:rest_end]
    suffix_end = match.end() - base  # == rest_end without a line suffix
    if path[-1] in _TRAILING or path[-1] in ")]}":
        path = trimmed_path(path)
        if len(path) < len(prefix):
            path = prefix
        if len(path) < rest_end - start:  # the suffix is read where the path now ends
            end = start + len(path)
            lines = _LINES.match(text, end) if end < len(text) and text[end] in ":#" else None
            suffix = list(lines.groups()) if lines is not None else [None] * 5
            suffix_end = lines.end() if lines is not None else end
    end = start + len(path)
    ranges: tuple[tuple[int, int], ...] = ()
    if suffix_end > end:
        first_digits, last_digits, more, anchor_first, anchor_last = suffix
        if anchor_first is not None:
            first = _line(anchor_first)
            ranges = ((first, _line(anchor_last) if anchor_last else first),)
        else:
            first = _line(first_digits)
            ranges = ((first, _line(last_digits) if last_digits else first),)
            if more:
                ranges += tuple((_line(m.group(1)), _line(m.group(2) or m.group(1))) for m in _MORE.finditer(more))
    glob = "*" in path or "?" in path or "{" in path  # three substring tests cost less than a set test of each character
    return _new_cited(Cited, (owners[prefix], path.rstrip("/\\") or path, start, end, suffix_end, ranges, glob))


_new_cited = tuple.__new__  # a Cited built from its fields at once: NamedTuple's own constructor is a Python function


def _line(digits: str) -> int:
    """A cited line number; one of more digits than any file has lines is read as the largest it
    can be checked as (Python refuses to read an integer of thousands of digits)."""
    return int(digits) if len(digits) <= 18 else 10**18


def trimmed_path(path: str) -> str:
    """Without trailing sentence punctuation, or closing brackets it does not open itself
    (brackets counted once, then as they are cut: a long run of them costs its length)."""
    end = len(path)
    if end == 0 or (path[-1] not in _TRAILING and path[-1] not in ")]}"):
        return path
    opened = {close: path.count(open_) for close, open_ in _PAIRS.items()}
    closed = {close: path.count(close) for close in _PAIRS}
    while end:
        last = path[end - 1]
        if last in _TRAILING:
            end -= 1
        elif last in _PAIRS and opened[last] < closed[last]:
            closed[last] -= 1
            end -= 1
        else:
            break
    return path[:end]


_PAIRS = {")": "(", "]": "[", "}": "{"}


class Reference(NamedTuple):
    """A cited reference, where it is, and what its source tree holds."""

    cited: Cited
    looked: Looked
    line: int | None = None  # in the notes
    column: int = 1
    pointer: str | None = None  # in the output JSON
    proposed: bool = False


# Words that make a file without a line something the deliverable proposes, plans or says is
# absent, not evidence that it exists: anywhere in its line or string, or in its section's heading.
PROPOSAL_WORDS = lazy_pattern(
    r"\b(?:new|creat\w*|add|adds|added|adding|introduc\w*|propos\w*|suggest\w*|recommend\w*|to be (?:added|created|written)|"
    r"(?:does not|doesn't|do not|don't) exist(?: yet)?|not yet|no such|missing|absent|write|writing|move|moving|extract\w*|split\w*|"
    r"e\.g\.|for example|such as|target|would|could|should|plan\w*|future|todo|consider)\b", re.I)


def in_text(text: str, roots: tuple[SourceRoot, ...], files: SourceFiles, context: str = "") -> list[tuple[Cited, Looked, bool]]:
    """Each reference in ``text``, looked up, and whether the text (or ``context``, its section's
    heading or its JSON key) proposes it rather than cites it: only a file cited without a line can be."""
    return [(cited, *looked_up(cited, text, files, context)) for cited in find_cited(text, roots) if not cited.glob]


def looked_up(cited: Cited, text: str, files: SourceFiles, context: str | Callable[[], str] = "") -> tuple[Looked, bool]:
    """What a reference found in ``text`` is in its source tree, and whether the words around it
    (or ``context``, or what it gives when called: asked only then) propose it rather than cite
    it: only a missing file cited without a line can be proposed."""
    looked = files.look(cited.root, cited.relative)
    proposed = looked.kind == "missing" and not cited.ranges and (
        proposes(text, FileReference(cited.start, cited.end, cited.path))
        or _words_near_propose(text, cited.start, cited.suffix_end)
        or _words_propose(context if isinstance(context, str) else context()))
    return looked, proposed


NEAR = 1000  # characters on either side of a reference whose words can say it is proposed
_TWO_WORD_CHARACTERS = lazy_pattern(r"\w\w")  # at a limit: it cuts a word
_PART_WORD_AT_START = lazy_pattern(r"\A\w+")
_PART_WORD_AT_END = lazy_pattern(r"\w+\Z")


def _words_near_propose(text: str, start: int, end: int) -> bool:
    """Whether a proposal word is in ``text`` outside the reference from ``start`` to ``end``,
    within NEAR characters of it (a word cut by that limit left out): each reference reads a
    bounded stretch, so a line of thousands of references costs their number, not its square."""
    before = text[max(0, start - NEAR) : start]
    if start > NEAR and _TWO_WORD_CHARACTERS.match(text, start - NEAR - 1):
        before = _PART_WORD_AT_START.sub("", before)
    after = text[end : end + NEAR]
    if end + NEAR < len(text) and _TWO_WORD_CHARACTERS.match(text, end + NEAR - 1):
        after = _PART_WORD_AT_END.sub("", after)
    return PROPOSAL_WORDS.search(before + " " + after) is not None


@functools.lru_cache(maxsize=256)
def _words_propose(text: str) -> bool:
    """Whether ``text`` (a section's heading, a JSON pointer, ``_`` read as a space) holds a
    proposal word: each asked once, however many references it is the context of."""
    return PROPOSAL_WORDS.search(text.replace("_", " ")) is not None


def _whole(value: Any) -> bool:
    """A line number: a whole number, also written as one with ``.0``."""
    return not isinstance(value, bool) and (isinstance(value, int) or (isinstance(value, float) and value.is_integer()))


def line_entries(value: Any, base: str = "") -> list[tuple[str, dict, str, str | None]]:
    """(pointer, object, file key, line key) for each JSON object that names a file, with a line
    number beside it (the line key) or without (None: the file's own ``:line``, if any, counts);
    pointers start with ``base`` (where ``value`` is)."""
    found = []
    stack: list[tuple[str, Any]] = [(base, value)]
    while stack:
        pointer, item = stack.pop()
        if isinstance(item, dict):
            # Most objects name no file: one set operation passes them over.
            entry = _entry(pointer, item) if not _FILE_KEYS.isdisjoint(item) else None
            if entry is not None:
                found.append(entry)
            for key, child in item.items():
                if isinstance(child, (dict, list)):  # only objects can name a file
                    stack.append((f"{pointer}/{_escape(key)}", child))
        elif isinstance(item, list):
            for index, child in enumerate(item):
                if isinstance(child, (dict, list)):
                    stack.append((f"{pointer}/{index}", child))
    found.sort(key=lambda entry: entry[0])
    return found


def line_entries_walked(value: Any, strings: list[tuple[str, str, str | None]], unwalked: list[tuple[str, Any]],
                        skipped_keys: frozenset[str]) -> list[tuple[str, dict, str, str | None]]:
    """:func:`line_entries` of ``value``, from a walk already made: ``strings`` (pointer, text,
    key) of every string outside ``skipped_keys``, and ``unwalked`` (pointer, value), the objects
    and arrays under those keys. An object names a file only with a string under a file key, so
    only the objects holding one are looked at, and the parts not walked are walked here."""
    if not skipped_keys.isdisjoint(_FILE_KEYS):
        return line_entries(value)  # a file key's strings were left out of the walk
    found, seen = [], set()
    for pointer, _text, key in strings:
        if key in _FILE_KEYS and pointer.endswith(key) and pointer[-len(key) - 1] == "/":  # a file key's own string, not an array's
            parent = pointer[: -len(key) - 1]
            if parent not in seen:
                seen.add(parent)
                entry = _entry(parent, resolve(value, parent))
                if entry is not None:
                    found.append(entry)
    for pointer, part in unwalked:
        found.extend(line_entries(part, pointer))
    found.sort(key=lambda entry: entry[0])
    return found


def _entry(pointer: str, item: dict) -> tuple[str, dict, str, str | None] | None:
    file_key = next((k for k in FILE_KEYS if isinstance(item.get(k), str)), None)
    if file_key is None:
        return None
    return pointer, item, file_key, next((k for k in LINE_KEYS if k in item and _whole(item[k])), None)


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


# Quoted code compared with the file ---------------------------------------------------

WINDOW = 3  # lines of drift allowed above and below the cited place
_COMMENT = lazy_pattern(r"(?:^|\s)(?:#|//)(?:\s.*)?$")  # "# note", "// note", at the end or the whole line
_ELISION = lazy_pattern(r"\.\.\.|…")
_MIN_CHARS = 4  # shorter lines ("}", "end") say nothing about where they came from


@functools.lru_cache(maxsize=4096)
def _normal(line: str) -> str:
    """A line without white space and without a comment at its end (each file line once)."""
    return "".join(_COMMENT.sub("", line).split())


# A quote copied from grep or cat -n: "37:", "app/x.py:37:" or "  12\t" before each line.
_LINE_PREFIX = lazy_pattern(r"^\s*(?:[\w./-]+:)?\d+(?::|\t)")


def quoted_lines(code: str) -> list[tuple[str, ...]]:
    """The lines of quoted code that can be looked for, each as the pieces an elision (``...``,
    ``…``) leaves, whitespace and a comment the writer added at the end removed; pieces too short
    to tell anything are dropped, and so are lines left with none."""
    out = []
    lines = code.splitlines()
    if lines and all(_LINE_PREFIX.match(line) for line in lines if line.strip()):
        lines = [_LINE_PREFIX.sub("", line, count=1) for line in lines]
    for line in lines:
        pieces = tuple(piece for piece in _ELISION.split(_normal(line)) if len(piece) >= _MIN_CHARS)
        if pieces:
            out.append(pieces)
    return out


def found_near(code: list[tuple[str, ...]], places: list[tuple[tuple[str, ...], tuple[tuple[int, int], ...]]]) -> tuple[int, int]:
    """How many of the quoted ``code`` lines (every piece of the line) appear within the window
    around any of ``places`` (a file's lines and the 1-based line ranges cited in it: from
    ``WINDOW`` lines above the first to ``WINDOW`` below the last, or below as many lines as the
    quote has, whichever is further), and how many there are."""
    if not code:
        return 0, 0
    window: list[str] = []
    for lines, ranges in places:
        for start, end in ranges:
            first = max(0, start - 1 - WINDOW)
            last = min(len(lines), max(end, start + len(code) - 1) + WINDOW)
            # Joined without line ends: a statement the writer put on one line is found as the file spreads it.
            window.append("".join(_normal(line) for line in lines[first:last]))
    text = "\0".join(window)
    return sum(1 for pieces in code if all(piece in text for piece in pieces)), len(code)


def matches(found: int, total: int) -> bool:
    """At least half of the quoted lines are in the file near the place cited."""
    return total == 0 or 2 * found >= total
