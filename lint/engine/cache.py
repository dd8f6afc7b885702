"""Results of deliverables already linted, so an unchanged one is not linted again.

A result is stored under a key made of everything that can change it: the
linter's own code, the settings, the worker's pack and schema, the templates in
reach, the files' paths and their bytes. Change any of them and the key
changes; nothing is invalidated in place. Entries are JSON (never pickle: a
cache is read, not run), written atomically. An entry that cannot be read is a
miss and one that cannot be written is skipped: the cache never changes a result.
The cache stays bounded (``cache_files``): the first run of a day that stores a
result removes entries unused for a month and the least recently used above a size.
"""

from __future__ import annotations

import enum
import hashlib
import importlib.util
import json
import os
import re
import stat
import sys
import time
from pathlib import Path
from typing import Any

from lint import __version__
from lint.discover import Unit
from lint.engine.results import UnitResult
from lint.engine import cache_files
from lint.engine.cache_dirs import default_directory as default_directory
from lint.fspath import read_regular
from lint.model import Elided, Finding, Severity
from lint.records import Record

FORMAT = 5  # the entries' layout; a new layout reads none of the old ones


def canonical(value: Any) -> Any:
    """A JSON-ready form of settings and packs that is the same in every process
    (sets are sorted: their order changes with the hash seed)."""
    if isinstance(value, Record) or (isinstance(value, tuple) and hasattr(value, "_fields")):  # a record: by field
        return {name: canonical(getattr(value, name)) for name in value._fields}
    if isinstance(value, (set, frozenset)):
        return sorted((canonical(v) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in sorted(value.items(), key=lambda item: str(item[0]))}
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, re.Pattern):
        return value.pattern
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)  # paths and the like


def _digest(value: Any) -> bytes:
    # ASCII escapes keep paths with undecodable bytes (lone surrogates) encodable.
    return hashlib.sha256(json.dumps(canonical(value), sort_keys=True).encode()).digest()


# Libraries whose upgrade can change a finding (messages, how the notes are parsed).
_LIBRARIES = ("jsonschema", "mistune")


def _code_fingerprint() -> bytes:
    """The linter's version and every module's size and time (an edited checkout never
    reads stale results), Python's version, and the installed libraries that shape findings."""
    package = Path(__file__).resolve().parent.parent  # the whole lint package
    parts = [__version__, sys.version]
    for path in sorted(package.rglob("*.py")):
        info = path.stat()
        parts.append(f"{path.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}")
    parts.extend(_library_versions())
    return hashlib.sha256("\n".join(parts).encode()).digest()


def _library_versions() -> list[str]:
    """Each library's installed metadata folder (its name holds the version), found
    without importing the library."""
    found = []
    for name in _LIBRARIES:
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            found.append(f"{name}:absent")
            continue
        site = Path(spec.origin).parent.parent
        found.extend(sorted(p.name for p in site.glob(f"{name}-*.dist-info")) or [f"{name}:{spec.origin}"])
    return found


class ResultCache:
    """Looks results up by key and stores them; ``key`` is None for a unit it will not cache."""

    def __init__(self, directory: Path, settings: Any) -> None:
        self.directory = directory / f"v{FORMAT}"
        self.usable = cache_files.private(directory) and cache_files.private(self.directory)
        self._now = time.time()
        self._prune_looked_at = False
        self._run = _code_fingerprint() + _digest(settings)
        self._settings = settings
        self._packs: dict[int, bytes] = {}
        self._keyed: dict[str, tuple[bytes | None, ...]] = {}  # each key's files, by content
        self.hits = 0

    def key(self, unit: Unit) -> str | None:
        """The unit's key, or None when it must be linted afresh (a link out of
        the linted folder, a file that is not a regular one or is over the limit,
        or a cache folder that someone else could write to)."""
        from lint.analysis.worker_templates import template_files

        if not self.usable:
            return None

        digest = hashlib.sha256(self._run)
        digest.update(self._pack_digest(unit))
        digest.update(_digest([unit.notes_path, unit.output_path, unit.session_dir, unit.root, unit.named]))
        for path in template_files(unit, self._settings.template_dir):
            digest.update(_stat_line(path))
        keyed: list[bytes | None] = []
        for path in (unit.notes_path, unit.output_path):
            content = self._content(unit, path)
            if content is None:
                return None
            digest.update(content[0])
            keyed.append(content[1])
        key = digest.hexdigest()
        self._keyed[key] = tuple(keyed)
        return key

    def linted_what_was_keyed(self, key: str, linted: tuple[bytes | None, ...]) -> bool:
        """Whether the result is of the very bytes the key was made from: a file another
        process rewrote in between (however it forges size and times) is never stored."""
        return self._keyed.get(key) == tuple(linted)

    def _pack_digest(self, unit: Unit) -> bytes:
        pack = unit.pack
        if id(pack) not in self._packs:
            self._packs[id(pack)] = _digest(pack)
        return self._packs[id(pack)]

    def _content(self, unit: Unit, path: Path) -> tuple[bytes, bytes | None] | None:
        """What the key takes from one file, and the SHA-256 of its bytes (None: absent)."""
        if not os.path.lexists(path):
            return b"missing:" + os.fsencode(path), None
        if unit.leaves_root(path):
            return None  # such a file is not read, for a key or anything else
        try:
            info = os.stat(path)
            if not stat.S_ISREG(info.st_mode) or info.st_size > self._settings.max_bytes:
                return None
            data = read_regular(path, info.st_size)  # sized by the file, never by the limit
        except (OSError, MemoryError):
            return None
        if data is None:
            return None
        if len(data) > self._settings.max_bytes:
            return None  # grew past the limit: the loader will say so
        real = os.fsencode(os.path.realpath(path))
        return hashlib.sha256(real + f":{len(data)}:".encode() + data).digest(), hashlib.sha256(data).digest()

    def _entry(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str, unit: Unit) -> UnitResult | None:
        """The stored result, unless a source file its evidence was checked against has changed since."""
        from lint.analysis.source_files import stamp_of

        try:
            entry_path = self._entry(key)
            with open(entry_path, encoding="utf-8") as handle:
                entry = json.load(handle)
                cache_files.note_use(handle.fileno(), entry_path, self._now)
            consulted = tuple((str(path), str(stamp)) for path, stamp in entry.get("consulted", ()))
            if any(stamp_of(path) != stamp for path, stamp in consulted):
                return None
            found = UnitResult(
                unit,
                [_finding(f) for f in entry["findings"]],
                {Path(p): {int(n): t for n, t in lines.items()} for p, lines in entry["sources"].items()},
                int(entry["size"]),
                elided=tuple(Elided(Path(p), r, Severity[s], int(c), int(x)) for p, r, s, c, x in entry["elided"]),
                digests=_digests(entry["digests"]),
                unchecked=entry.get("unchecked"),
                consulted=consulted,
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None
        self.hits += 1
        return found

    def put(self, key: str, result: UnitResult) -> None:
        entry = {
            "findings": [_record(f) for f in result.findings],
            "sources": {str(p): {str(n): t for n, t in lines.items()} for p, lines in result.sources.items()},
            "size": result.size,
            "elided": [[str(e.path), e.rule, e.severity.name, e.count, e.fixable] for e in result.elided],
            "digests": [d.hex() if d is not None else None for d in result.digests],
            "unchecked": result.unchecked,
            "consulted": [list(pair) for pair in result.consulted],
        }
        import tempfile  # only a run that stores something needs it

        target = self._entry(key)
        try:
            cache_files.make_top(self.directory.parent)
            for folder in (self.directory.parent, self.directory, target.parent):
                folder.mkdir(mode=0o700, exist_ok=True)
                if not cache_files.private(folder):
                    return
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=cache_files.TEMPORARY_PREFIX)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    json.dump(entry, stream)  # ASCII escapes: any path or text round-trips
                os.replace(temporary, target)
            except BaseException:
                os.unlink(temporary)
                raise
        except (OSError, ValueError):
            return  # a read-only or full disk, or a value JSON cannot hold: the run goes on uncached
        if not self._prune_looked_at:  # only a run that stores something can grow the cache
            self._prune_looked_at = True
            cache_files.prune_if_due(self.directory.parent, self.directory.name, self._now)


def _digests(stored: list) -> tuple[bytes | None, bytes | None]:
    notes, output = (bytes.fromhex(d) if isinstance(d, str) else None for d in stored)
    return notes, output


def _stat_line(path: Path) -> bytes:
    try:
        info = os.stat(path)
    except OSError:
        return os.fsencode(path) + b":absent;"
    return os.fsencode(path) + f":{info.st_size}:{info.st_mtime_ns};".encode()


def _edit_record(edit) -> list:
    return [str(edit.path), edit.line, edit.column, edit.end_line, edit.end_column, edit.text]


def _record(finding: Finding) -> dict:
    return {
        "path": str(finding.path), "line": finding.line, "column": finding.column, "rule": finding.rule,
        "message": finding.message, "hint": finding.hint, "severity": finding.severity.name,
        "pointer": finding.pointer, "end_line": finding.end_line, "end_column": finding.end_column,
        "fix": [_edit_record(e) for e in finding.fix],
    }


def _finding(record: dict) -> Finding:
    from lint.checks.base import Edit

    fix = tuple(Edit(Path(p), line, column, end_line, end_column, text) for p, line, column, end_line, end_column, text in record["fix"])
    return Finding(
        path=Path(record["path"]), line=record["line"], column=record["column"], rule=record["rule"],
        message=record["message"], hint=record["hint"], severity=Severity[record["severity"]],
        pointer=record["pointer"], end_line=record["end_line"], end_column=record["end_column"], fix=fix,
    )
