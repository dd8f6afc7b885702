"""Rule packs: one worker's contract, read from TOML and checked by a schema."""

from __future__ import annotations

import json
import re
from pathlib import Path
from collections.abc import Iterable
from typing import NamedTuple

from lint.model import UsageError
from lint.packs import resources
from lint.packs.parsed_tables import parsed_table
from lint.settings.toml_files import read_toml


class PackError(UsageError):
    """A pack or its schema cannot be used; the message names file and key."""


class ScoreField(NamedTuple):
    pointer: str
    label: str | None = None

    @property
    def key(self) -> str:
        return self.pointer.rsplit("/", 1)[-1]


class Match(NamedTuple):
    """Entry conditions: every key equals the value, or one of the values for a list."""

    conditions: tuple[tuple[str, tuple], ...] = ()

    @classmethod
    def from_table(cls, table: dict | None) -> Match:
        if not table:
            return cls()
        return cls(tuple((key, tuple(v) if isinstance(v, list) else (v,)) for key, v in table.items()))

    def __call__(self, entry) -> bool:
        if not self.conditions:
            return True
        return isinstance(entry, dict) and all(entry.get(key) in allowed for key, allowed in self.conditions)

    def describe(self) -> str:
        return " and ".join(f"{key} {' or '.join(repr(v) for v in allowed)}" for key, allowed in self.conditions)


class Statistic(NamedTuple):
    pointer: str
    counted: tuple[tuple[str, Match | None], ...] = ()  # the pack's "count": (array, its own conditions or None)
    where: Match = Match()
    notes_label: str | None = None
    equals: str | None = None
    level: str | None = None
    at_most: str | None = None
    issues: str | None = None  # a count of issues of this notes severity: three readings are right


class Overall(NamedTuple):
    pointer: str
    mean_of: tuple[str, ...]
    tolerance: float = 1.0


class Evidence(NamedTuple):
    """The findings that count as critical evidence against one score."""

    score: str
    critical: tuple[tuple[str, Match], ...]


class DateLine(NamedTuple):
    """The Executive Summary's date line and the JSON timestamp it mirrors."""

    label: str
    pointer: str
    compare: str = "date"  # "date": the same day in any form; "exact": the same string


class Reference(NamedTuple):
    source: str
    ids: tuple[str, ...]


class IssueIdSpec(NamedTuple):
    prefix: str
    severities: tuple[str, ...]
    digits: int = 3
    definition: str = "heading-or-leading-bold"
    in_output: tuple[str, ...] | None = None  # severities the output must carry; None: CRIT and HIGH

    @property
    def carried(self) -> tuple[str, ...]:
        """The severities whose issues the output JSON must carry."""
        if self.in_output is not None:
            return self.in_output
        return tuple(s for s in ("CRIT", "HIGH") if s in self.severities)

    @property
    def pattern(self) -> re.Pattern:
        """Anything that looks like one of this worker's ids, well formed or not."""
        return re.compile(rf"(?<![\w-]){re.escape(self.prefix)}-([A-Za-z]+)-([A-Za-z0-9]+)(?![\w-])")

    def problem(self, severity: str, number: str) -> str | None:
        """Why an id with these parts is malformed, or None when it is fine."""
        if severity not in self.severities:
            return f"severity '{severity}' is not one of {', '.join(self.severities)}"
        if not (number.isdigit() and len(number) == self.digits):
            if number.upper() == "X" * len(number):
                return f"'{number}' is the template's placeholder for the number"
            return f"the number must be {self.digits} digits, found '{number}'"
        return None


class Pack(NamedTuple):
    worker: str
    description: str
    notes_file: str
    output_file: str
    schema: dict
    source: Path
    issue_ids: IssueIdSpec
    summary_section: str
    required_sections: tuple[str, ...]
    scores: tuple[ScoreField, ...]
    statistics: tuple[Statistic, ...]
    session_id_pointer: str | None
    worker_type_pointer: str | None
    files_analyzed_pointer: str | None
    code_keys: frozenset[str]
    path_keys: frozenset[str]
    overall: Overall | None = None
    evidence: tuple[Evidence, ...] = ()
    references: tuple[Reference, ...] = ()
    residue: frozenset[str] = frozenset()
    date: DateLine | None = None
    same_as_template: tuple[str, ...] = ()
    notes_line_numbers: bool = False
    quoted_code: tuple[str, ...] = ()  # keys of output entries that quote code from their file and line
    summary_arrays: frozenset[str] = frozenset()
    labels: tuple[str, ...] = ()


def bundled_pack_paths() -> list[Path]:
    return sorted(resources.rules_dir().glob("*.toml"))


def load_pack(path: Path, trusted: bool = False) -> Pack:
    """Read and validate one pack file, with its output schema.

    ``trusted`` skips validation for the bundled packs, which the test suite
    validates, so that start-up does not pay for it on every run.
    """
    data = parsed_table(path) if trusted else None
    if data is None:
        data = read_toml(path, PackError, "pack", "check the path given to --pack, or in the configuration's packs")
    if not trusted:
        _validate(path, data)
    schema = _load_output_schema(path, data["schema"])
    ids = data["issue_ids"]
    meta = data.get("metadata", {})
    sections = data["sections"]
    json_options = data.get("json", {})
    return Pack(
        worker=data["worker"],
        description=data.get("description", ""),
        notes_file=data["notes_file"],
        output_file=data["output_file"],
        schema=schema,
        source=path,
        issue_ids=IssueIdSpec(ids["prefix"], tuple(ids["severities"]), ids.get("digits", 3), ids.get("definition", "heading-or-leading-bold"),
                              tuple(ids["in_output"]) if "in_output" in ids else None),
        summary_section=sections["summary"],
        required_sections=tuple(sections.get("required", [])),
        scores=tuple(ScoreField(s["pointer"], s.get("label")) for s in data.get("scores", [])),
        statistics=tuple(
            Statistic(
                pointer=s["pointer"],
                counted=tuple(
                    (item, None) if isinstance(item, str) else (item["array"], Match.from_table(item["where"]))
                    for item in s.get("count", ())
                ),
                where=Match.from_table(s.get("where")),
                notes_label=s.get("notes_label"),
                equals=s.get("equals"),
                level=s.get("level"),
                at_most=s.get("at_most"),
                issues=s.get("issues"),
            )
            for s in data.get("statistics", [])
        ),
        session_id_pointer=meta.get("session_id"),
        worker_type_pointer=meta.get("worker_type"),
        files_analyzed_pointer=meta.get("files_analyzed"),
        code_keys=frozenset(json_options.get("code_keys", ())),
        path_keys=frozenset(json_options.get("path_keys", ())),
        overall=Overall(data["overall"]["pointer"], tuple(data["overall"]["mean_of"]), data["overall"].get("tolerance", 1.0)) if "overall" in data else None,
        evidence=tuple(
            Evidence(e["score"], tuple((c["array"], Match.from_table(c["where"])) for c in e["critical"]))
            for e in data.get("evidence", [])
        ),
        references=tuple(Reference(r["from"], tuple(r["ids"])) for r in data.get("references", [])),
        residue=frozenset(json_options.get("residue", ())),
        same_as_template=tuple(json_options.get("same_as_template", ())),
        summary_arrays=frozenset(json_options.get("summary_arrays", ())),
        labels=tuple(json_options.get("labels", ())),
        notes_line_numbers=data.get("file_references", {}).get("notes_line_numbers", False),
        quoted_code=tuple(data.get("file_references", {}).get("quoted_code", ())),
        date=DateLine(data["date"]["label"], data["date"]["pointer"], data["date"].get("compare", "date")) if "date" in data else None,
    )


def _validate(path: Path, data: dict) -> None:
    import jsonschema  # only for packs of the user's own: a second's tenth at start-up

    schema = resources.load_schema("pack.schema.json")
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        error = jsonschema.exceptions.best_match(errors)
        where = ".".join(str(p) for p in error.absolute_path) or "(top level)"
        raise PackError(f"{path}: key {where}: {error.message}; the pack format is described by {resources.schemas_dir() / 'pack.schema.json'}")


def _load_output_schema(pack_path: Path, name: str) -> dict:
    beside = (pack_path.parent / name).resolve()
    candidate = beside if beside.is_file() else resources.schemas_dir() / name
    try:
        with open(candidate, encoding="utf-8") as handle:
            schema = json.load(handle)
    except OSError:
        bundled = ", ".join(sorted(p.name for p in resources.schemas_dir().glob("*_output.schema.json")))
        raise PackError(
            f"{pack_path}: key schema: no schema file '{name}' beside the pack or among the bundled schemas; "
            f"put the schema file beside the pack, or name a bundled one ({bundled})"
        ) from None
    except json.JSONDecodeError as error:
        raise PackError(f"{candidate}:{error.lineno}:{error.colno}: the schema is not valid JSON: {error.msg}; fix the JSON there") from None
    except ValueError as error:
        raise PackError(f"{candidate}: the schema is not valid JSON: {error}; save it as UTF-8 JSON") from None
    if candidate.parent.resolve() == resources.schemas_dir().resolve():
        return schema  # bundled schemas are checked by the test suite, not at every start
    import jsonschema

    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.exceptions.SchemaError as error:
        where = "/" + "/".join(str(part) for part in error.path)
        raise PackError(f"{candidate}: not a valid JSON Schema: at {where}: {error.message}; write a JSON Schema (draft 2020-12)") from None
    _refuse_outside_references(candidate, schema)
    return schema


def _refuse_outside_references(path: Path, schema) -> None:
    """A schema is data: it may refer only within itself, never to another file or address."""
    stack = [("", schema)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, dict):
            for key, child in value.items():
                if key in ("$ref", "$dynamicRef") and isinstance(child, str) and not child.startswith("#"):
                    raise PackError(
                        f"{path}: at {where or '/'}: {key} '{child}' refers outside the schema, and worker-lint reads no "
                        "other file or address; put the definition in the schema's $defs and refer to it as '#/$defs/NAME'"
                    )
                stack.append((f"{where}/{key}", child))
        elif isinstance(value, list):
            stack.extend((f"{where}/{i}", child) for i, child in enumerate(value))


class PackRegistry:
    """The packs in use, by worker name and by file name. A later pack for the
    same worker replaces an earlier one, so a team can customise a bundled pack.

    Bundled packs are read only when a deliverable of their worker turns up:
    their file names follow ``<worker>_notes.md`` and ``<worker>_output.json``
    (the test suite holds them to it), so finding files needs no pack read.
    """

    def __init__(self, packs: list[Pack], bundled: dict[str, Path] | None = None) -> None:
        self._unread: dict[str, Path] = dict(bundled or {})
        self._by_worker: dict[str, Pack] = {}
        for pack in packs:
            earlier = self._by_worker.get(pack.worker)
            if earlier is not None and earlier.source.resolve() != pack.source.resolve():
                raise PackError(
                    f"{pack.source}: key worker: worker '{pack.worker}' is already defined by {earlier.source}; "
                    "give one pack per worker (a pack of your own for a bundled worker replaces it)"
                )
            self._unread.pop(pack.worker, None)
            self._by_worker[pack.worker] = pack
        self._check_file_names()

    def _check_file_names(self) -> None:
        """Two workers with one file name: the file could not be told apart."""
        taken = {name: worker for worker in self._unread for name in self.file_names(worker)}
        for pack in self._by_worker.values():
            for key in ("notes_file", "output_file"):
                name = getattr(pack, key)
                other = taken.setdefault(name, pack.worker)
                if other != pack.worker:
                    source = self._by_worker[other].source if other in self._by_worker else "a bundled pack"
                    raise PackError(
                        f"{pack.source}: key {key}: '{name}' is already a file of worker '{other}' ({source}); "
                        "give each worker file names of its own"
                    )

    @classmethod
    def bundled(cls, extra: Iterable[Path] = ()) -> PackRegistry:
        return cls([load_pack(path) for path in extra], {path.stem: path for path in bundled_pack_paths()})

    def all(self) -> list[Pack]:
        return [self.pack(w) for w in self.workers]

    def is_bundled(self, pack: Pack) -> bool:
        return pack.source.parent.resolve() == resources.rules_dir().resolve()

    @property
    def workers(self) -> list[str]:
        return sorted({*self._by_worker, *self._unread})

    def get(self, worker: str) -> Pack | None:
        if worker in self._unread:
            self._by_worker[worker] = load_pack(self._unread.pop(worker), trusted=True)
        return self._by_worker.get(worker)

    def pack(self, worker: str) -> Pack:
        """The pack of one of :attr:`workers`, read if it was not yet."""
        pack = self.get(worker)
        if pack is None:
            raise KeyError(worker)
        return pack

    def file_names(self, worker: str) -> tuple[str, str]:
        """The worker's notes and output file names, without reading an unread pack."""
        if worker in self._unread:
            return f"{worker}_notes.md", f"{worker}_output.json"
        pack = self._by_worker[worker]
        return pack.notes_file, pack.output_file

    def match_file(self, name: str) -> tuple[Pack, str] | None:
        """The pack and role ('notes' or 'output') for a deliverable file name."""
        for worker in self.workers:
            notes, output = self.file_names(worker)
            if name in (notes, output):
                return self.pack(worker), "notes" if name == notes else "output"
        return None
