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
from typing import Any, NamedTuple

from lint.analysis.file_references import FileReference
from lint.analysis.relative_references import proposes
from lint.analysis.source_files import Looked, SourceFiles, SourceRoot
from lint.patterns import lazy_pattern

_STOP = frozenset(" \t\n\r`'\"<>|,;:")
_GLOB = frozenset("*?{")
# The rest of a path: up to white space, a quote, a bracket of markup, a separator or a line's
# colon, or a web anchor to a line ("#L12").
_PATH_REST = lazy_pattern(r"(?:[^\s`'\"<>|,;:#]|#(?!L\d))*")
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
    """The references under ``roots`` in a line of the notes or a JSON string (one scan of the
    text for every spelling of every prefix, the longest first)."""
    scanner, owners = _scanner_of(roots)
    found: list[Cited] = []
    for spelling in owners:  # substring tests are much faster than the scanner's alternation on a line without a prefix
        if spelling in text:
            break
    else:
        return found
    position = 0
    while True:
        match = scanner.search(text, position)
        if match is None:
            break
        prefix = match.group()
        cited = _cited_at(text, match.start(), owners[prefix], prefix)
        if cited is not None:
            found.append(cited)
            position = max(cited.suffix_end, match.start() + 1)
        else:
            position = match.start() + 1
    return found


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


def lines_holding(text: str, roots: tuple[SourceRoot, ...]) -> list[int]:
    """The numbers of the lines of ``text`` (split at ``\\n``) that hold a spelling of a root's
    prefix, in order: each spelling is looked for once per line, from one line to the next."""
    starts: set[int] = set()
    for spelling in (_scanner_of(roots)[1] if roots else ()):
        position = text.find(spelling)
        while position != -1:
            starts.add(text.rfind("\n", 0, position) + 1)
            end = text.find("\n", position)
            position = text.find(spelling, end + 1) if end != -1 else -1
    numbers, line, last = [], 1, 0
    for start in sorted(starts):
        line += text.count("\n", last, start)
        last = start
        numbers.append(line)
    return numbers


_last: tuple = (object(), None)  # (roots, scanner): one deliverable asks again for every line


def _scanner_of(roots: tuple[SourceRoot, ...]) -> tuple[re.Pattern[str], dict[str, SourceRoot]]:
    """The scanner for ``roots``: the same tuple again is known by identity, not compared field by field."""
    global _last
    last = _last
    if last[0] is not roots:
        last = _last = (roots, _scanner(roots))
    return last[1]


@functools.lru_cache(maxsize=64)
def _scanner(roots: tuple[SourceRoot, ...]) -> tuple[re.Pattern[str], dict[str, SourceRoot]]:
    owners: dict[str, SourceRoot] = {}
    for root in roots:  # longest prefix first: the first root to claim a spelling keeps it
        for spelling in _spellings(root.prefix):
            owners.setdefault(spelling, root)
    ordered = sorted(owners, key=len, reverse=True)
    return re.compile("|".join(re.escape(spelling) for spelling in ordered)), owners


@functools.lru_cache(maxsize=256)
def _spellings(prefix: str) -> tuple[str, ...]:
    """A prefix as a deliverable may write it: with slashes or backslashes, a drive letter in either case."""
    forms = {prefix, prefix.replace("/", "\\"), prefix.replace("\\", "/")}
    if len(prefix) > 1 and prefix[1] == ":" and prefix[0].isalpha():
        forms |= {form[0].swapcase() + form[1:] for form in forms}
    return tuple(sorted(forms))


def _cited_at(text: str, start: int, root: SourceRoot, prefix: str | None = None) -> Cited | None:
    prefix = prefix or root.prefix
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "/\\._-~$@"):
        return None  # inside a longer path or word: "/home/x/workspace/app"
    after = start + len(prefix)
    if after < len(text) and text[after] not in "/\\" and text[after] not in _STOP and text[after] not in ".)]}…*_":
        return None  # "/workspace/app-v2" is not under "/workspace/app"
    if after + 1 < len(text) and text[after] == "." and not (text[after + 1].isspace() or text[after + 1] in _STOP):
        return None  # "/workspace/app.bak/" is another folder; "/workspace/app." ends a sentence
    rest = _PATH_REST.match(text, after)  # matches, if only the empty string
    end = rest.end() if rest is not None else after
    path = trimmed_path(text[start:end])
    if len(path) < len(prefix):
        path = prefix
    end = start + len(path)
    glob = not _GLOB.isdisjoint(path)
    ranges: list[tuple[int, int]] = []
    suffix_end = end
    match = _LINES.match(text, end)
    if match is not None:
        suffix_end = match.end()
        if match.group(4) is not None:
            first = _line(match.group(4))
            ranges.append((first, _line(match.group(5)) if match.group(5) else first))
        else:
            first = _line(match.group(1))
            ranges.append((first, _line(match.group(2)) if match.group(2) else first))
            for more in _MORE.finditer(match.group(3) or ""):
                first = _line(more.group(1))
                ranges.append((first, _line(more.group(2)) if more.group(2) else first))
    return Cited(root, path.rstrip("/\\") or path, start, end, suffix_end, tuple(ranges), glob)


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
    out = []
    for cited in find_cited(text, roots):
        if cited.glob:
            continue
        looked = files.look(cited.root, cited.relative)
        proposed = looked.kind == "missing" and not cited.ranges and (
            proposes(text, FileReference(cited.start, cited.end, cited.path))
            or PROPOSAL_WORDS.search(text[: cited.start] + " " + text[cited.suffix_end :]) is not None
            or PROPOSAL_WORDS.search(context.replace("_", " ")) is not None)
        out.append((cited, looked, proposed))
    return out


def _whole(value: Any) -> bool:
    """A line number: a whole number, also written as one with ``.0``."""
    return not isinstance(value, bool) and (isinstance(value, int) or (isinstance(value, float) and value.is_integer()))


def line_entries(value: Any) -> list[tuple[str, dict, str, str | None]]:
    """(pointer, object, file key, line key) for each JSON object that names a file, with a line
    number beside it (the line key) or without (None: the file's own ``:line``, if any, counts)."""
    found = []
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        pointer, item = stack.pop()
        if isinstance(item, dict):
            # Most objects name no file: one set operation passes them over.
            file_key = next((k for k in FILE_KEYS if isinstance(item.get(k), str)), None) if not _FILE_KEYS.isdisjoint(item) else None
            if file_key is not None:
                line_key = next((k for k in LINE_KEYS if k in item and _whole(item[k])), None)
                found.append((pointer, item, file_key, line_key))
            for key, child in item.items():
                if isinstance(child, (dict, list)):  # only objects can name a file
                    stack.append((f"{pointer}/{_escape(key)}", child))
        elif isinstance(item, list):
            for index, child in enumerate(item):
                if isinstance(child, (dict, list)):
                    stack.append((f"{pointer}/{index}", child))
    found.sort(key=lambda entry: entry[0])
    return found


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
