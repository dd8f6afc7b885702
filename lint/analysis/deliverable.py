"""A loaded deliverable: what every rule reads, and facts several rules share.

Shared facts (schema errors, the Executive Summary's values, instruction lines)
are computed once per deliverable, on first use, and never change after.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar
from collections.abc import Callable, Iterable

from lint.checks.base import Edit, Problem
from lint.checks.file_unreadable import NAME as FILE_UNREADABLE
from lint.digest import sha256_digest
from lint.discover import Unit
from lint.documents.jsondoc import JsonDocument
from lint.documents.loading import (
    DEFAULT_MAX_BYTES, MAX_JSON_DEPTH, MAX_MARKDOWN_DEPTH, LoadProblem, Missing, _read_bytes, link_out_of_root, load_notes,
    load_output,
)
from lint.documents.markdown import MarkdownDocument
from lint.model import Severity
from lint.packs import Pack

if TYPE_CHECKING:
    from lint.analysis.evidence_facts import EvidenceFacts
    from lint.analysis.notes_facts import NotesFacts
    from lint.analysis.relative_references import RelativeReference
    from lint.analysis.schema_errors import SchemaError
    from lint.analysis.worker_templates import Templates

Document = TypeVar("Document")


class FileLoad(NamedTuple, Generic[Document]):
    """The outcome of loading one file: a document, a problem, or nothing."""

    path: Path
    document: Document | None
    problem: LoadProblem | None
    missing: bool
    digest: bytes | None = None  # SHA-256 of the bytes read, so a result is known to be theirs


def _load(path: Path, loader: Callable[[Path, int, bytes | None, int], Document | LoadProblem | Missing], max_bytes: int,
          contents: dict | None, max_depth: int, root: Path | None = None) -> FileLoad[Document]:
    """``contents`` gives a file's bytes instead of the disk's; ``None`` there means the file is absent."""
    if contents is not None and path in contents and contents[path] is None:
        return FileLoad(path, None, None, True)
    data = (contents or {}).get(path)
    if data is not None and len(data) > max_bytes:  # given in memory: the same limit as on disk
        return FileLoad(path, None, LoadProblem(FILE_UNREADABLE, f"the file is over the {max_bytes / 1048576:.0f} MiB limit for a deliverable",
                                                "cut it down, or raise max-file-size"), False)
    if data is None:  # read once here, so that what is linted is exactly what is hashed
        raw = _read_bytes(path, max_bytes, root)
        if isinstance(raw, Missing):
            return FileLoad(path, None, None, True)
        if isinstance(raw, LoadProblem):
            return FileLoad(path, None, raw, False)
        data = raw
    digest = sha256_digest(data)
    outcome = loader(path, max_bytes, data, max_depth)
    if isinstance(outcome, Missing):
        return FileLoad(path, None, None, True, digest)
    if isinstance(outcome, LoadProblem):
        return FileLoad(path, None, outcome, False, digest)
    return FileLoad(path, outcome, None, False, digest)


class Deliverable:
    """One unit with its files loaded."""

    def __init__(self, unit: Unit, max_bytes: int = DEFAULT_MAX_BYTES, contents: dict | None = None, template_dir: Path | None = None,
                 json_depth: int = MAX_JSON_DEPTH, markdown_depth: int = MAX_MARKDOWN_DEPTH,
                 source_roots: tuple[tuple[str, Path], ...] | None = ()) -> None:
        self.unit = unit
        self.template_dir = template_dir
        self.max_bytes = max_bytes
        self.mapped_sources = source_roots  # None: evidence is not checked
        self.notes_load = self._load(unit.notes_path, load_notes, max_bytes, contents, markdown_depth)
        self.output_load = self._load(unit.output_path, load_output, max_bytes, contents, json_depth)

    def _load(self, path: Path, loader: Callable[[Path, int, bytes | None, int], Document | LoadProblem | Missing], max_bytes: int,
              contents: dict | None, max_depth: int) -> FileLoad[Document]:
        root = self.unit.root
        if root is not None and self.unit.leaves_root(path):  # never read what a link leads to outside the linted folder
            return FileLoad(path, None, link_out_of_root(path, root), False)
        # Checked again at the open: a link swapped in after the check above is caught there.
        return _load(path, loader, max_bytes, contents, max_depth, root if path != self.unit.named else None)

    @property
    def digests(self) -> tuple[bytes | None, bytes | None]:
        """What was linted, by content: the SHA-256 of each file's bytes (None: not read)."""
        return self.notes_load.digest, self.output_load.digest

    @property
    def pack(self) -> Pack:
        return self.unit.pack

    @property
    def notes(self) -> MarkdownDocument | None:
        return self.notes_load.document

    @property
    def output(self) -> JsonDocument | None:
        return self.output_load.document

    @property
    def notes_path(self) -> Path:
        return self.unit.notes_path

    @property
    def output_path(self) -> Path:
        return self.unit.output_path

    def available(self, name: str) -> bool:
        return (self.notes if name == "notes" else self.output) is not None

    # Locations -----------------------------------------------------------

    def at_pointer(self, pointer: str, message: str, hint: str = "", *, key: bool = False, fix: Iterable[Edit] = (),
                   severity: Severity | None = None) -> Problem:
        assert self.output is not None
        line, column = self.output.position(pointer, key=key)
        return Problem(self.output_path, line, column, message, hint, pointer=pointer, fix=tuple(fix), severity=severity)

    def at_line(self, line: int, column: int, message: str, hint: str = "", *, end_column: int | None = None,
                fix: Iterable[Edit] = ()) -> Problem:
        return Problem(self.notes_path, line, column, message, hint, end_line=line if end_column else None, end_column=end_column, fix=tuple(fix))

    def replace_value(self, pointer: str, text: str) -> Edit | None:
        """An edit that replaces the JSON value at ``pointer`` with ``text``."""
        member = self.output.member(pointer) if self.output is not None else None
        if member is None:
            return None
        return self.edit_offsets(member.value_offset, member.end_offset, text)

    def edit_offsets(self, start: int, end: int, text: str) -> Edit:
        assert self.output is not None
        index = self.output.index
        line, column = index.position(start)
        end_line, end_column = index.position(end)
        return Edit(self.output_path, line, column, end_line, end_column, text)

    # Shared facts --------------------------------------------------------

    @cached_property
    def facts(self) -> NotesFacts | None:
        from lint.analysis.notes_facts import NotesFacts

        return NotesFacts(self.notes, self.pack) if self.notes is not None else None

    @cached_property
    def templates(self) -> Templates | None:
        from lint.analysis.worker_templates import find_templates

        return find_templates(self.unit, self.template_dir)

    @cached_property
    def output_strings(self) -> list[tuple[str, str, str | None]]:
        """(pointer, text, key) for every string outside the pack's code keys.

        Several rules read every string; walking the JSON once serves them all.
        """
        return self._output_walk[0]

    @property
    def output_under_code_keys(self) -> list[tuple[str, Any]]:
        """(pointer, value) of each object or array under a code key: what :attr:`output_strings` did not walk."""
        return self._output_walk[1]

    @cached_property
    def _output_walk(self) -> tuple[list[tuple[str, str, str | None]], list[tuple[str, Any]]]:
        from lint.analysis.json_values import strings_in

        skipped: list[tuple[str, Any]] = []
        return (strings_in(self.output.value, self.pack.code_keys, skipped) if self.output is not None else []), skipped

    @cached_property
    def output_entry_ids(self) -> frozenset[str]:
        """The ``id`` values of the output's entries: ids the output defines."""
        return frozenset(text for _, text, key in self.output_strings if key == "id")

    @cached_property
    def output_issue_ids(self) -> dict[str, frozenset[str]]:
        """The notes-style issue ids each array entry of the output names (``""``: the whole file)."""
        from lint.analysis.issue_ids import ids_by_entry

        return ids_by_entry(self.output_strings, self.pack.issue_ids)

    @cached_property
    def relative_references(self) -> list[RelativeReference]:
        """Relative file references in either file, and whether the deliverable resolves them."""
        from lint.analysis.relative_references import relative_references

        return relative_references(self)

    @cached_property
    def evidence(self) -> EvidenceFacts | None:
        """The references under a source root, checked against the codebase (None: not checked)."""
        if self.mapped_sources is None:
            return None
        from lint.analysis.evidence_facts import collect, source_roots

        return collect(self, source_roots(self, self.mapped_sources), self.max_bytes)

    @cached_property
    def schema_errors(self) -> list[SchemaError]:
        from lint.analysis.schema_errors import schema_errors

        return schema_errors(self.output.value, self.pack.schema) if self.output is not None else []

    @property
    def size(self) -> int:
        """How much there is to judge: the notes' sections, the JSON's entries and scores."""
        sections = len(self.notes.headings) if self.notes is not None else 0
        return sections + len(self.array_entries) + len(self.pack.scores)

    @cached_property
    def array_entries(self) -> list[tuple[str, dict]]:
        """(pointer, object) for every object in an array of the output, walked once for every reader."""
        from lint.analysis.json_values import iter_array_entries

        return list(iter_array_entries(self.output.value)) if self.output is not None else []

    def in_template_entry(self, pointer: str) -> bool:
        """Whether ``pointer`` lies inside one of the template's example entries."""
        from lint.analysis.template_residue import is_template_entry

        parts = pointer.split("/")
        return any(is_template_entry(self.value_at("/".join(parts[: end + 1]))) for end in range(2, len(parts)))

    def value_at(self, pointer: str, default: Any = None) -> Any:
        """The JSON value at ``pointer``, or ``default`` when it is absent."""
        from lint.analysis.json_values import resolve

        return resolve(self.output.value, pointer, default) if self.output is not None else default
