"""Safe fixes: applied in memory, re-linted until stable, written atomically.

A fix is a list of text edits by line and column. Edits change only the bytes
they must: the byte-order mark, line endings, indentation and key order of
everything else stay as they were. Files are replaced by writing a temporary
file beside the original, flushing it to disk and renaming it over the
original, so an interrupted run leaves the old file or the new one.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from lint.checks.base import Edit
from lint.discover import Unit
from lint.documents.lines import LineIndex
from lint.engine import Settings, UnitResult, lint_unit

MAX_PASSES = 10
_BOM = b"\xef\xbb\xbf"


@dataclass
class FixOutcome:
    """What fixing a deliverable changed, and what is left after."""

    result: UnitResult
    original: dict[Path, bytes] = field(default_factory=dict)
    fixed: dict[Path, bytes] = field(default_factory=dict)
    applied: int = 0

    @property
    def changed(self) -> dict[Path, tuple[bytes, bytes]]:
        return {p: (self.original[p], data) for p, data in self.fixed.items() if data != self.original[p]}


def apply_edits(data: bytes, edits: list[Edit]) -> tuple[bytes, int]:
    """Apply the edits that do not overlap, last first; returns (bytes, count applied)."""
    bom = data.startswith(_BOM)
    text = data[len(_BOM) :].decode("utf-8") if bom else data.decode("utf-8")
    index = LineIndex(text)
    spans = []
    for edit in sorted(set(edits)):
        try:
            start = index.offset(edit.line, edit.column)
            end = index.offset(edit.end_line, edit.end_column)
        except IndexError:
            continue
        if spans and start < spans[-1][1]:
            continue  # overlaps an earlier edit: the next pass will see it again
        spans.append((start, end, edit.text))
    for start, end, replacement in reversed(spans):
        text = text[:start] + replacement + text[end:]
    encoded = text.encode("utf-8")
    return (_BOM + encoded if bom else encoded), len(spans)


def _fixable(data: bytes) -> bool:
    """Line and column edits are made on ``\\n`` lines: lone CRs would shift them."""
    return b"\r" not in data.replace(b"\r\n", b"")


def fix_unit(unit: Unit, settings: Settings) -> FixOutcome:
    """Lint, apply the fixes, lint again, until nothing more changes."""
    contents: dict[Path, bytes] = {}
    outcome = FixOutcome(result=lint_unit(unit, settings))
    seen: list[dict[Path, bytes]] = [{}]
    counts: list[int] = [0]
    for _ in range(MAX_PASSES):
        by_file: dict[Path, list[Edit]] = {}
        for finding in outcome.result.findings:
            for edit in finding.fix:
                by_file.setdefault(Path(edit.path), []).append(edit)
        progress = False
        for path, edits in by_file.items():
            if path not in contents:
                try:
                    contents[path] = path.read_bytes()
                except OSError:
                    continue
                outcome.original[path] = contents[path]
            if not _fixable(contents[path]):
                continue
            new, count = apply_edits(contents[path], edits)
            if new != contents[path]:
                contents[path] = new
                outcome.applied += count
                progress = True
        if not progress:
            break
        state = {p: contents[p] for p in sorted(contents) if contents[p] != outcome.original.get(p)}
        if state in seen:  # fixes that undo each other: keep the state where the cycle began
            back = seen.index(state)
            contents = {**outcome.original, **state}
            outcome.applied = counts[back]
            outcome.result = lint_unit(unit, settings, contents)
            break
        seen.append(state)
        counts.append(outcome.applied)
        outcome.result = lint_unit(unit, settings, contents)
    outcome.fixed = dict(contents)
    return outcome


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``: a temporary file beside it, synced, then renamed."""
    mode = path.stat().st_mode & 0o7777
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".worker-lint.tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def unified_diff(path: Path, before: bytes, after: bytes, shown: str) -> str:
    old = before.decode("utf-8", errors="replace").splitlines(keepends=True)
    new = after.decode("utf-8", errors="replace").splitlines(keepends=True)
    lines = difflib.unified_diff(old, new, fromfile=f"a/{shown}", tofile=f"b/{shown}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
