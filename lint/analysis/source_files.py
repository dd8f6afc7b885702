"""The analysed codebase as the evidence checks see it: source roots and their files.

A source root maps the prefix a deliverable cites (``/workspace/app``) to a
folder on this machine. A cited file is looked at only inside its root: a
name with ``..``, or a link that leads out of the folder, is not followed and
the reference is not checked. Each file is read at most once per process while
it is unchanged (its stamp is checked each time; where a cited path leads is worked out again for each deliverable), never past the size limit and
never blocking, and only its lines are kept.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from lint.fspath import READ_FLAGS, Resolver, safe_resolve
from lint.patterns import lazy_pattern
from lint.records import FrozenRecord


class SourceRoot(NamedTuple):
    """Where the files cited under ``prefix`` are on this machine."""

    prefix: str  # as cited, without a trailing slash: "/workspace/app"
    folder: Path  # resolved


class Looked(FrozenRecord):
    """What a cited path is in its source tree; a file's lines are decoded only when a quote needs them."""

    _fields = ("kind", "data", "stamp")
    _compared = ("kind", "stamp")

    kind: str  # "file", "folder", "missing", or "unchecked" (outside its root, unreadable, too large)
    data: bytes | None  # a file's bytes
    stamp: str  # size, modification and inode: what a cached result depends on

    def __init__(self, kind: str, data: bytes | None = None, stamp: str = "") -> None:
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "data", data)
        object.__setattr__(self, "stamp", stamp)

    @cached_property
    def count(self) -> int:
        """The file's lines, as its line ends give them (a last line without one counts)."""
        data = self.data or b""
        if b"\r" in data:
            return len(data.splitlines())
        return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)

    @cached_property
    def lines(self) -> tuple[str, ...] | None:
        if self.data is None:
            return None
        text = self.data.decode("utf-8", errors="replace")
        lines = _LINE_ENDS.split(text) if "\r" in text else text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()  # a final line end closes the last line; it starts none
        return tuple(lines)


_LINE_ENDS = lazy_pattern(r"\r\n|\r|\n")
_RUN: list[object | None] = [None]  # the run in progress (one_run), if any


@contextmanager
def one_run() -> Iterator[None]:
    """Deliverables linted within it share where their cited paths lead, worked out (links read)
    at the first that cites each, as one run's view of the codebase; each still looks at what
    the files are. A deliverable linted on its own works everything out afresh."""
    saved = _RUN[0]
    _RUN[0] = object()
    try:
        yield
    finally:
        _RUN[0] = saved


_FOLDERS: dict[Path, Path] = {}  # folder -> where it really is, for the run _FOLDERS_RUN
_FOLDERS_RUN: list[object | None] = [None]


def resolved_folder(folder: Path) -> Path:
    """``safe_resolve(folder)``, worked out once per run for a source root or a project (a thousand
    sessions share one), afresh for a deliverable linted on its own."""
    run = _RUN[0]
    if run is None:
        return safe_resolve(folder)
    if _FOLDERS_RUN[0] is not run:
        _FOLDERS.clear()
        _FOLDERS_RUN[0] = run
    if folder not in _FOLDERS:
        _FOLDERS[folder] = safe_resolve(folder)
    return _FOLDERS[folder]


class SourceFiles:
    """Cited files, each read once while unchanged."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._read: dict[str, tuple[str, Looked]] = {}  # real path -> (stamp, what was found)
        self.consulted: dict[str, str] = {}  # real path -> stamp, for the result cache
        # (root, cited path) -> (real path or "" outside the root, the stamps worked out with it): per run, see one_run()
        self.places: dict[tuple[Path, str], tuple[str, tuple[tuple[str, str], ...]]] = {}
        self.run: object | None = None  # the run the places were worked out in
        self.seen: dict[str, Looked] = {}  # real path -> what it is, while one deliverable is checked
        self.folders = Resolver(realpath=True)  # folders' real paths, as long as the places

    def start(self) -> None:
        """Before each deliverable: what files are is looked at afresh; where cited paths lead is
        kept while one run lasts (one_run), else worked out again."""
        self.consulted.clear()
        self.seen.clear()
        run = _RUN[0]
        if run is None or run is not self.run:
            self.places.clear()
            self.folders = Resolver(realpath=True)
            self.run = run

    def look(self, root: SourceRoot, relative: str) -> Looked:
        placed = self.places.get((root.folder, relative))
        if placed is None:
            placed = self.places[(root.folder, relative)] = self._placed(root, relative)
        where, stamps = placed
        for path, stamp in stamps:  # what the place depends on, for each deliverable's cached result
            self.consulted[path] = stamp
        if not where:
            return Looked("unchecked")
        looked = self.seen.get(where)  # within one deliverable, a file cited again is not looked at again
        if looked is None:
            looked = self.seen[where] = self._look_at(where)
        return looked

    def _placed(self, root: SourceRoot, relative: str) -> tuple[str, tuple[tuple[str, str], ...]]:
        lexical = _lexical(root, relative)
        where = self._place(root, lexical)
        if where and where != lexical:
            # Reached through a link inside the codebase: the path as cited is stamped too (through
            # the links as they are), so a cached result goes when a link is pointed elsewhere.
            return where, ((lexical, stamp_of(lexical)),)
        if not where:
            # Not followed; what it is now is remembered, so a cached result goes when it changes.
            lexical = os.path.normpath(os.path.join(root.folder, relative.lstrip("/\\")))
            return where, ((lexical, stamp_of(lexical)),)
        return where, ()

    def _place(self, root: SourceRoot, lexical: str) -> str:
        """The real path a cited path (``lexical``: as written, in its root's folder) names, or ""
        when it leads out of the root (``..``, or a link out of the codebase: never followed).
        Worked out once per run (or per deliverable linted on its own), with the stamps a cached
        result is checked against taken at the same moment."""
        top = str(root.folder)
        if not (lexical == top or lexical.startswith(top.rstrip(os.sep) + os.sep)):
            return ""  # ".." out of the root
        folder, name = os.path.split(lexical)
        real = os.path.join(self.folders.text(folder), name)
        if os.path.islink(real):
            real = os.path.realpath(real)
        return real if real == top or real.startswith(top.rstrip(os.sep) + os.sep) else ""

    def _look_at(self, key: str) -> Looked:
        try:
            info = os.stat(key)
        except FileNotFoundError:
            self.consulted[key] = _absent(key)
            return Looked("missing", stamp="absent")
        except OSError:  # a file where a folder is cited, a loop of links, no permission: what it is now is remembered
            self.consulted[key] = "unreadable"
            return Looked("unchecked")
        stamp = f"{info.st_size}:{info.st_mtime_ns}:{info.st_ino}:{info.st_ctime_ns}"
        self.consulted[key] = stamp
        if stat.S_ISDIR(info.st_mode):
            return Looked("folder", stamp=stamp)
        if not stat.S_ISREG(info.st_mode) or info.st_size > self.max_bytes:
            return Looked("unchecked", stamp=stamp)
        known = self._read.get(key)
        if known is not None and known[0] == stamp:
            return known[1]
        looked = self._read_lines(key, stamp)
        self._read[key] = (stamp, looked)
        return looked

    def _read_lines(self, real: str, stamp: str) -> Looked:
        try:
            fd = os.open(real, READ_FLAGS)
        except OSError:
            return Looked("unchecked", stamp=stamp)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return Looked("unchecked", stamp=stamp)
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(self.max_bytes + 1)
        except OSError:
            return Looked("unchecked", stamp=stamp)
        finally:
            os.close(fd)
        if len(data) > self.max_bytes:
            return Looked("unchecked", stamp=stamp)
        return Looked("file", data, stamp)


def _lexical(root: SourceRoot, relative: str) -> str:
    """The cited path in its root's folder, as written (links not followed, ``..`` taken as typed)."""
    return os.path.normpath(os.path.join(root.folder, *[p for p in relative.replace("\\", "/").split("/") if p]))


def _absent(path: str) -> str:
    """What an absent file is stamped with: where its path leads, so that a folder on the way
    turned into a link (out of the codebase, or back) is a change, though the file is absent in both."""
    return f"absent:{os.path.realpath(path)}"


def stamp_of(real: str) -> str:
    """The stamp :meth:`SourceFiles.look` records for a path now (for checking a cached result)."""
    try:
        info = os.stat(real)
    except FileNotFoundError:
        return _absent(real)
    except OSError:
        return "unreadable"
    return f"{info.st_size}:{info.st_mtime_ns}:{info.st_ino}:{info.st_ctime_ns}"
