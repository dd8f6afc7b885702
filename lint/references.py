"""The relative file references of a deliverable, and whether the deliverable resolves them.

A relative reference resolves against an unknown folder, unless the
deliverable itself says which file it means: a short form such as
``users.py:71`` or ``store/app.ts`` next to ``/srv/app/store/app.ts:14`` in the
same line or entry refers to that file; elsewhere in the deliverable it still
names one file the reader can find, but only by searching. Shared by
absolute-path and short-reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from lint.paths import FileReference, find_references, is_absolute, mask_fenced

# Words that introduce a file the deliverable proposes to create, not one it cites as evidence.
_PROPOSAL = re.compile(
    r"\b(?:add|adding|create|creating|introduce|introducing|new|proposed?|generate|generating|"
    r"rename\w*\b.{0,60}\bto|move\w*\b.{0,60}\bto|extract\w*\b.{0,60}\binto|split\w*\b.{0,60}\binto)\b",
    re.I,
)
_CLAUSE_END = re.compile(r"[.;!?](?:\s|$)")
_LINE = re.compile(r":\d.*$")
_SUFFIX = re.compile(r":\d+(?:[-:]\d+)?")


class Status(Enum):
    SAME_PLACE = "same-place"  # the same line or entry gives the file absolutely: it refers to that file
    RESOLVED = "resolved"  # the deliverable gives the file absolutely elsewhere
    PROPOSED = "proposed"  # a file the deliverable proposes to create
    UNRESOLVED = "unresolved"


@dataclass(frozen=True)
class RelativeReference:
    ref: FileReference
    status: Status
    absolute: str | None  # the absolute path it stands for, when resolved
    line: int | None = None  # in the notes
    pointer: str | None = None  # in the output JSON
    suffix: str = ""  # the ":line" or ":line-line" written after it

    @property
    def replacement(self) -> str:
        return f"{self.absolute}{self.suffix}" if self.absolute else self.ref.path


def bare_path(path: str) -> str:
    """A path without its ``:line`` or ``:line-line`` suffix, separators as slashes."""
    return _LINE.sub("", path).replace("\\", "/")


def _matches(relative: str, cited: set[str]) -> list[str]:
    tail = "/" + bare_path(relative).lstrip("./")
    return sorted(path for path in cited if path.endswith(tail))


def _suffix(text: str, ref: FileReference) -> str:
    match = _SUFFIX.match(text, ref.end)
    return match.group(0) if match else ""


def _proposes(text: str, start: int) -> bool:
    """Whether the words just before a reference introduce a file to be created."""
    before = text[max(0, start - 80) : start]
    ends = list(_CLAUSE_END.finditer(before))
    clause = before[ends[-1].end() :] if ends else before
    return _PROPOSAL.search(" ".join(clause.split()[-8:])) is not None


def _entry_of(pointer: str) -> str:
    """The pointer of the array entry (or object) a string belongs to."""
    parts = pointer.split("/")
    for end in range(len(parts) - 1, 0, -1):
        if parts[end].isdigit():
            candidate = "/".join(parts[: end + 1])
            if candidate != pointer:
                return candidate
    return "/".join(parts[:-1])


def _classify(relative: FileReference, text: str, here: set[str], cited: set[str]) -> tuple[Status, str | None]:
    near = _matches(relative.path, here)
    if near:
        return Status.SAME_PLACE, near[0]
    anywhere = _matches(relative.path, cited)
    if len(anywhere) == 1:
        return Status.RESOLVED, anywhere[0]
    if _proposes(text, relative.start):
        return Status.PROPOSED, None
    return Status.UNRESOLVED, None


def relative_references(d) -> list[RelativeReference]:
    """Every relative file reference in the notes' prose and the output's strings."""
    notes: list[tuple[int, str, list[FileReference]]] = []
    strings: list[tuple[str, str, list[FileReference]]] = []
    cited: set[str] = set()
    if d.notes is not None:
        prose = d.notes.prose
        for number, refs in d.facts.line_references.items():
            text = prose[number - 1]
            notes.append((number, text, refs))
            cited.update(bare_path(r.path) for r in refs if r.is_absolute)
    entries: dict[str, set[str]] = {}  # the absolute paths each JSON entry gives
    if d.output is not None:
        for pointer, text, key in d.output_strings:
            if key in d.pack.path_keys:
                absolute = {bare_path(text.strip())} if is_absolute(text.strip()) else set()
            else:
                text = mask_fenced(text)
                refs = find_references(text)
                if not refs:
                    continue
                absolute = {bare_path(r.path) for r in refs if r.is_absolute}
                strings.append((pointer, text, refs))
            if absolute:
                cited |= absolute
                entries.setdefault(_entry_of(pointer), set()).update(absolute)
    found: list[RelativeReference] = []
    for number, text, refs in notes:
        here = {bare_path(r.path) for r in refs if r.is_absolute}
        for ref in refs:
            if not ref.is_absolute:
                status, absolute = _classify(ref, text, here, cited)
                found.append(RelativeReference(ref, status, absolute, line=number, suffix=_suffix(text, ref)))
    for pointer, text, refs in strings:
        if all(ref.is_absolute for ref in refs):
            continue
        here = entries.get(_entry_of(pointer), set())
        for ref in refs:
            if not ref.is_absolute:
                status, absolute = _classify(ref, text, here, cited)
                found.append(RelativeReference(ref, status, absolute, pointer=pointer, suffix=_suffix(text, ref)))
    return found
