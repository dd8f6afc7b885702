"""The relative file references of a deliverable, and whether the deliverable resolves them.

A relative reference resolves against an unknown folder, unless the
deliverable itself says which file it means. A short form such as
``api/users.py:71`` next to ``/srv/app/api/users.py:50`` in the same paragraph,
list item, issue entry or JSON entry refers to that file. Elsewhere in a deliverable that
writes its paths absolutely as a rule (nine references in ten or more), it is an
abbreviation the reader can resolve by searching; in a deliverable that mostly
writes relative paths, it is the habit the rule is there to stop. Shared by
absolute-path and short-reference.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import NamedTuple

from lint.analysis.file_references import FileReference, find_references, is_absolute, mask_fenced
from lint.patterns import lazy_pattern

# Words just before a path that introduce a file the deliverable proposes to create.
_PROPOSAL = lazy_pattern(r"\b(?:add|adding|create|creating|introduce|introducing|new|proposed?|generate|generating)\b", re.I)
# Words that may stand between the verb and the path: "add a new module app/x.py".
_PROPOSAL_FILLERS = frozenset("a an the new file module workflow script config service test class component helper".split())
_LINE = re.compile(r":\d.*$")
_SUFFIX = lazy_pattern(r":L?\d+(?:[-:,]L?\d+)*|#L\d+(?:-L?\d+)?")
_BLOCK_START = re.compile(r"^\s*(?:#|[-*+]\s|\d{1,9}[.)]\s|\|)")
_BLOCK_OPENERS = frozenset("#-*+|")  # what a block start opens with, after white space, but for a digit (any \d)
_LEADING_DOTS = lazy_pattern(r"^(?:\.{1,2}[\\/])+")
MOSTLY_ABSOLUTE = 0.9  # the share of absolute references that makes a short form an abbreviation


class Status(Enum):
    SAME_PLACE = "same-place"  # the same paragraph, item, issue or JSON entry gives the file absolutely: it refers to it
    RESOLVED = "resolved"  # the deliverable gives the file absolutely elsewhere, and writes paths absolutely as a rule
    PROPOSED = "proposed"  # a file the deliverable proposes to create
    UNRESOLVED = "unresolved"


class RelativeReference(NamedTuple):
    ref: FileReference
    status: Status
    absolute: str | None  # the one absolute path it can stand for, when the deliverable gives one
    line: int | None = None  # in the notes
    pointer: str | None = None  # in the output JSON
    suffix: str = ""  # the ":line" or ":line-line" written after it

    @property
    def replacement(self) -> str:
        return f"{self.absolute}{self.suffix}" if self.absolute else self.ref.path


def bare_path(path: str) -> str:
    """A path without its ``:line`` or ``:line-line`` suffix, separators as slashes."""
    return _LINE.sub("", path).replace("\\", "/")


class _Cited:
    """The absolute paths a deliverable gives, found by their file name."""

    def __init__(self) -> None:
        self.by_name: dict[str, set[str]] = {}

    def add(self, path: str) -> None:
        self.by_name.setdefault(path.rsplit("/", 1)[-1], set()).add(path)

    def matching(self, relative: str) -> list[str]:
        tail = "/" + _LEADING_DOTS.sub("", bare_path(relative))
        return sorted(p for p in self.by_name.get(tail.rsplit("/", 1)[-1], ()) if p.endswith(tail))


def _suffix(text: str, ref: FileReference) -> str:
    match = _SUFFIX.match(text, ref.end)
    return match.group(0) if match else ""


def proposes(text: str, ref: FileReference) -> bool:
    """Whether a file name without a line is introduced as one to create: "add `ci/pr.yml`",
    "a new module app/x.py" (and not "add a step to ci/pr.yml")."""
    if _SUFFIX.match(text, ref.end):
        return False  # a line of a file is evidence, not a proposal
    words = [w.strip(".,:;") for w in text[max(0, ref.start - 60) : ref.start].replace("`", " ").replace("(", " ").split()]
    for index in range(len(words) - 1, max(-1, len(words) - 4), -1):
        if _PROPOSAL.fullmatch(words[index]):
            return all(word.lower() in _PROPOSAL_FILLERS for word in words[index + 1 :])
    return False


def _entry_of(pointer: str) -> str:
    """The pointer of the array entry (or object) a string belongs to."""
    parts = pointer.split("/")
    for end in range(len(parts) - 1, 0, -1):
        if parts[end].isdigit():
            candidate = "/".join(parts[: end + 1])
            if candidate != pointer:
                return candidate
    return "/".join(parts[:-1])


def _blocks(prose: list[str]) -> list[int]:
    """For each line of the notes, the first line of its paragraph, list item or table row."""
    starts, current = [], 1
    for number, text in enumerate(prose, 1):
        head = text[:1]  # most lines open with a character no block start does: no match is tried
        if not head or ((head in _BLOCK_OPENERS or head.isspace() or head.isdecimal()) and (not text.strip() or _BLOCK_START.match(text))):
            current = number
        starts.append(current)
    return starts


def _issue_entries(line_count: int, openers: list[int], headings: list[int]) -> list[int | None]:
    """For each line of the notes, the line of the issue entry it belongs to (from a line that
    opens with an id to the next such line or heading), or None outside every entry."""
    marks = sorted([(line, True) for line in openers] + [(line, False) for line in headings])
    found: list[int | None] = [None] * line_count
    current, index = None, 0
    for number in range(1, line_count + 1):
        while index < len(marks) and marks[index][0] == number:
            current = number if marks[index][1] else None
            index += 1
        found[number - 1] = current
    return found


def relative_references(d) -> list[RelativeReference]:
    """Every relative file reference in the notes' prose and the output's strings."""
    absolute_count = relative_count = 0
    notes: list[tuple[int, str, list[FileReference]]] = []
    if d.notes is not None:
        prose = d.notes.prose
        for number, refs in d.facts.line_references.items():
            notes.append((number, prose[number - 1], refs))
            relative = sum(not ref.is_absolute for ref in refs)
            relative_count += relative
            absolute_count += len(refs) - relative
    strings: list[tuple[str, str, list[FileReference]]] = []
    given: list[tuple[str, list[str]]] = []  # the absolute paths each string of the output gives
    if d.output is not None:
        for pointer, text, key in d.output_strings:
            if key in d.pack.path_keys:
                if not text.strip():
                    continue
                paths = [bare_path(text.strip())] if is_absolute(text.strip()) else []
                relative_count += not paths
            else:
                text = mask_fenced(text)
                refs = find_references(text)
                if not refs:
                    continue
                strings.append((pointer, text, refs))
                paths = [bare_path(r.path) for r in refs if r.is_absolute]
                relative_count += len(refs) - len(paths)
            absolute_count += len(paths)
            if paths:
                given.append((pointer, paths))
    if not relative_count:
        return []  # every reference is absolute: nothing to resolve
    cited = _Cited()
    near: dict[object, set[str]] = {}  # the absolute paths each paragraph or JSON entry gives
    if d.notes is not None:
        blocks = _blocks(prose)
        entries = _issue_entries(len(prose), [m.line for m in d.facts.issue_openers], [h.line for h in d.notes.headings])
        for number, _, refs in notes:
            for ref in refs:
                if ref.is_absolute:
                    cited.add(bare_path(ref.path))
                    near.setdefault(("notes", blocks[number - 1]), set()).add(bare_path(ref.path))
                    if entries[number - 1] is not None:
                        near.setdefault(("issue", entries[number - 1]), set()).add(bare_path(ref.path))
    for pointer, paths in given:
        for path in paths:
            cited.add(path)
            near.setdefault(_entry_of(pointer), set()).add(path)
    abbreviations = relative_count <= (1 - MOSTLY_ABSOLUTE) * (absolute_count + relative_count)

    def classify(ref: FileReference, text: str, *places: object) -> tuple[Status, str | None]:
        here = [p for p in cited.matching(ref.path) if any(p in near.get(place, ()) for place in places)]
        if here:
            return Status.SAME_PLACE, here[0]
        anywhere = cited.matching(ref.path)
        only = anywhere[0] if len(anywhere) == 1 else None
        if only is not None and abbreviations:
            return Status.RESOLVED, only
        if proposes(text, ref):
            return Status.PROPOSED, None
        return Status.UNRESOLVED, only

    found: list[RelativeReference] = []
    for number, text, refs in notes:
        for ref in refs:
            if not ref.is_absolute:
                status, absolute = classify(ref, text, ("notes", blocks[number - 1]), ("issue", entries[number - 1]))
                found.append(RelativeReference(ref, status, absolute, line=number, suffix=_suffix(text, ref)))
    for pointer, text, refs in strings:
        for ref in refs:
            if not ref.is_absolute:
                status, absolute = classify(ref, text, _entry_of(pointer))
                found.append(RelativeReference(ref, status, absolute, pointer=pointer, suffix=_suffix(text, ref)))
    # A file proposed in one place is the same proposal wherever else the deliverable names it.
    proposed = {bare_path(r.ref.path) for r in found if r.status is Status.PROPOSED}
    return [RelativeReference(r.ref, Status.PROPOSED, None, r.line, r.pointer, r.suffix)
            if r.status is Status.UNRESOLVED and bare_path(r.ref.path) in proposed and not r.suffix else r for r in found]
