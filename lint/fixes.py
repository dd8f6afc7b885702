"""Safe fixes: applied in memory, re-linted until stable, written atomically.

A fix is a list of text edits by line and column. Edits change only the bytes
they must: the byte-order mark, line endings, indentation and key order of
everything else stay as they were. Files are replaced by writing a temporary
file beside the original, flushing it to disk and renaming it over the
original, so an interrupted run leaves the old file or the new one. A file
that is read-only (or in a read-only folder), a symbolic link, or no longer
holds the bytes the fixes were made from is not written at all.
"""

from __future__ import annotations

import contextlib
import difflib
import errno
import os
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path

from lint.checks.base import Edit
from lint.discover import Unit
from lint.documents.lines import LineIndex
from lint.engine import RuleSettings, UnitResult, lint_unit
from lint.fspath import READ_FLAGS, O_NOFOLLOW, FolderId, folder_identity, open_same_folder

MAX_PASSES = 10
_BOM = b"\xef\xbb\xbf"


@dataclass
class FixOutcome:
    """What fixing a deliverable changed, and what is left after."""

    result: UnitResult
    original: dict[Path, bytes] = field(default_factory=dict)
    fixed: dict[Path, bytes] = field(default_factory=dict)
    applied: int = 0
    folders: dict[Path, FolderId] = field(default_factory=dict)  # each file's folder when it was read

    @property
    def changed(self) -> dict[Path, tuple[bytes, bytes]]:
        return {p: (self.original[p], data) for p, data in self.fixed.items() if data != self.original[p]}


def apply_edits(data: bytes, edits: list[Edit]) -> tuple[bytes, int]:
    """Apply the edits that do not overlap, last first; returns (bytes, count applied)."""
    bom = data.startswith(_BOM)
    text = data[len(_BOM) :].decode("utf-8") if bom else data.decode("utf-8")
    index = LineIndex(text)
    spans: list[tuple[int, int, str]] = []
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


def _read_once(unit: Unit, settings: RuleSettings) -> tuple[dict[Path, bytes], dict[Path, FolderId]]:
    """Each file's bytes, read once and safely: the fixes are made from exactly what was linted.
    Each file's folder is taken first (inside the linted folder), so that the fix is written into
    that folder and no other, even if a link is put in its place meanwhile."""
    from lint.documents.loading import _read_bytes

    contents: dict[Path, bytes] = {}
    folders: dict[Path, FolderId] = {}
    for path in (unit.notes_path, unit.output_path):
        if unit.leaves_root(path):
            continue
        root = None if path == unit.named else unit.root  # a file named on the command line is read as named
        folder = folder_identity(path.parent, root)
        data = _read_bytes(path, settings.max_bytes, root)
        if isinstance(data, bytes) and folder is not None and folder_identity(path.parent, root) == folder:
            contents[path] = data
            folders[path] = folder
    return contents, folders


def fix_unit(unit: Unit, settings: RuleSettings) -> FixOutcome:
    """Lint, apply the fixes, lint again, until nothing more changes.

    The files are read once, and both the findings and the edits come from those
    bytes; writing then refuses a file whose bytes on disk are no longer them.
    """
    contents, folders = _read_once(unit, settings)
    outcome = FixOutcome(result=lint_unit(unit, settings, dict(contents), keep_edits=True), original=dict(contents), folders=folders)
    seen: list[dict[Path, bytes]] = [{}]
    counts: list[int] = [0]
    for _ in range(MAX_PASSES):
        by_file: dict[Path, list[Edit]] = {}
        for edit in outcome.result.edits or ():  # every finding's, the ones past the listing cap too
            by_file.setdefault(Path(edit.path), []).append(edit)
        progress = False
        for path, edits in by_file.items():
            if path not in contents:
                continue
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
            outcome.result = lint_unit(unit, settings, contents, keep_edits=True)
            break
        seen.append(state)
        counts.append(outcome.applied)
        outcome.result = lint_unit(unit, settings, contents, keep_edits=True)
    outcome.fixed = dict(contents)
    return outcome


class WriteRefused(Exception):
    """The fix was not written, on purpose; the file is as it was."""

    def __init__(self, reason: str, advice: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.advice = advice


_CHANGED = "the file changed after worker-lint read it (another program wrote to it)"


def _writable(info: os.stat_result, access_ok: bool) -> bool:
    """Writable by us, and not marked read-only (which root's access would ignore)."""
    return bool(info.st_mode & 0o222) and access_ok


def _check_writable(name: str, folder: int, expected: bytes | None) -> int:
    """The file's mode, or :class:`WriteRefused` when it must not be replaced."""
    try:
        info = os.stat(name, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        raise WriteRefused(_CHANGED + " and removed it", "run worker-lint again on what is there now") from None
    if stat.S_ISLNK(info.st_mode):
        raise WriteRefused("it is a symbolic link, and --fix does not write through links",
                           "run --fix on the file it points to, or make the changes --diff shows by hand")
    if not stat.S_ISREG(info.st_mode):
        raise WriteRefused(_CHANGED, "run worker-lint again on what is there now")
    if not _writable(info, os.access(name, os.W_OK, dir_fd=folder, follow_symlinks=False)):
        raise WriteRefused("the file is read-only", "make it writable (chmod u+w) and run --fix again, or make the changes --diff shows by hand")
    if not _writable(os.fstat(folder), os.access(".", os.W_OK, dir_fd=folder)):
        raise WriteRefused("its folder is read-only, so no file can be replaced in it",
                           "make the folder writable and run --fix again, or make the changes --diff shows by hand")
    if expected is not None and len(expected) != info.st_size:
        raise WriteRefused(_CHANGED, "run --fix again on the file as it is now")
    return info.st_mode & 0o7777


def _unchanged(name: str, folder: int, expected: bytes) -> bool:
    try:
        fd = os.open(name, READ_FLAGS | O_NOFOLLOW, dir_fd=folder)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(len(expected) + 1) == expected
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes, expected: bytes | None = None, folder: FolderId | None = None) -> None:
    """Replace ``path`` with ``data``: a temporary file beside it, synced, then renamed.

    Every step is taken in the file's folder as one open descriptor, checked to be
    ``folder`` (the one the file was read from) when given, so a folder swapped for
    a link meanwhile is never written into. With ``expected`` (the bytes the fixes
    were made from), the file is read again just before the rename, and left alone
    if it no longer holds them. Raises :class:`WriteRefused` when the file must not
    be replaced, and ``OSError`` when writing fails; either way the file is unchanged
    and no temporary file is left behind.
    """
    try:
        directory = open_same_folder(path.parent, folder) if folder is not None else \
            os.open(path.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as error:
        if error.errno == errno.ESTALE:
            raise WriteRefused("its folder was replaced after worker-lint read it (by a link, or another folder)",
                               "run worker-lint again on what is there now") from None
        raise
    try:
        _replace_in(directory, path.name, data, expected)
    finally:
        os.close(directory)


def _replace_in(folder: int, name: str, data: bytes, expected: bytes | None) -> None:
    mode = _check_writable(name, folder, expected)
    temporary = f".{name}.{secrets.token_hex(6)}.worker-lint.tmp"
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | O_NOFOLLOW, 0o600, dir_fd=folder)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(handle, view)
                if written <= 0:
                    raise OSError(errno.EIO, "the disk accepted no more bytes")
                view = view[written:]
            os.fchmod(handle, mode)
            os.fsync(handle)
        finally:
            os.close(handle)
        if expected is not None and not _unchanged(name, folder, expected):
            raise WriteRefused(_CHANGED, "run --fix again on the file as it is now")
        os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary, dir_fd=folder)
        raise
    # The new file is in place; making its name durable is best effort (not
    # every file system can sync a folder), and a failure here changes nothing.
    with contextlib.suppress(OSError):
        os.fsync(folder)


def _diff_lines(data: bytes) -> list[str]:
    """Lines as patch and git see them, ended by LF only: U+2028 and the other breaks
    str.splitlines() knows may stand raw inside a JSON string."""
    lines = data.decode("utf-8", errors="replace").split("\n")
    return [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def unified_diff(path: Path, before: bytes, after: bytes, shown: str) -> str:
    old, new = _diff_lines(before), _diff_lines(after)
    from lint.shown import printable

    lines = difflib.unified_diff(old, new, fromfile=f"a/{shown}", tofile=f"b/{shown}")
    # Each line shown, never acted on: the context may hold what a worker wrote to a terminal.
    return "".join(printable(line[:-1]) + "\n" if line.endswith("\n") else printable(line) + "\n\\ No newline at end of file\n"
                   for line in lines)
