"""The result cache's own files on disk: keeping them bounded, and removing them.

Only what the cache writes is ever removed: entries (``v<N>/<hh>/<key>.json``), the
temporary files they are written through, the prune stamp, and the ``CACHEDIR.TAG``
written in a cache folder the linter created. Nothing is removed through a symbolic
link, nothing in a folder other users can write to, and a folder only when it is one
the cache made and nothing else is left in it.
"""

from __future__ import annotations

import os
import re
import stat
import time
from collections.abc import Iterator
from pathlib import Path

DAY = 86400
MAX_AGE = 30 * DAY  # an entry no run has used for this long is removed
MAX_BYTES = 256 * 2**20  # the entries kept, at most; the least recently used go first
PRUNE_EVERY = DAY  # pruning is looked at once a day, by the first run of the day that stores a result
TOUCH_AFTER = 3600  # a hit marks its entry used (its modification time) when the last mark is older
TEMPORARY_AGE = 3600  # a temporary file this old was left by a run that stopped while writing

STAMP = ".pruned"  # in the current format folder; its modification time is the last prune
TAG = "CACHEDIR.TAG"  # https://bford.info/cachedir/: backup tools skip the folder
TAG_TEXT = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by worker-lint.\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)
TEMPORARY_PREFIX = ".entry-"

# The names the cache gives its folders and entries; compiled on first use, by a prune
# or a clean: a run answered from the cache never pays for them.
_FORMAT_FOLDER = r"v[0-9]+"
_SHARD = r"[0-9a-f]{2}"
_ENTRY = r"[0-9a-f]{64}\.json"


class NotACache(Exception):
    """The folder named is not a worker-lint cache, or not one this user alone can write."""


class Removed:
    """What a prune or a clean removed, and what it left alone (a plain class: a dataclass
    would cost every run that loads the cache a millisecond)."""

    def __init__(self) -> None:
        self.files = 0
        self.bytes = 0
        self.folder = False  # the cache folder itself
        self.left: list[Path] = []  # files in the cache's folders it did not write


def private(folder: Path) -> bool:
    """A folder only this user can write to (or none yet): entries in any other could be forged.
    Where ownership cannot be told (no ``geteuid``: Windows), no folder counts as private."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == geteuid() and not info.st_mode & 0o022


def make_top(top: Path) -> None:
    """Create the cache folder if it is not there, tagged as the cache's own; an existing
    folder is left as it is (``cache clean`` will then never remove it)."""
    try:
        top.mkdir(mode=0o700, parents=True)
    except FileExistsError:
        return
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(top / TAG, flags, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as stream:
        stream.write(TAG_TEXT)


def note_use(fd: int, path: Path, now: float) -> None:
    """Mark an entry just read as used, so it is the last to go; at most once an hour, so
    a run answered from the cache seldom writes anything."""
    try:
        if os.fstat(fd).st_mtime < now - TOUCH_AFTER:
            os.utime(fd if os.utime in os.supports_fd else path, (now, now))
    except OSError:
        pass  # a read-only cache still answers


def prune_if_due(top: Path, current: str, now: float | None = None) -> Removed | None:
    """Prune when the stamp says the last prune is over a day old (or there is none);
    otherwise cost one ``stat``. The stamp is renewed first, so runs at once do not all prune."""
    now = time.time() if now is None else now
    stamp = top / current / STAMP
    try:
        if os.stat(stamp, follow_symlinks=False).st_mtime > now - PRUNE_EVERY:
            return None
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        fd = os.open(stamp, os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            os.utime(fd if os.utime in os.supports_fd else stamp, (now, now))
        finally:
            os.close(fd)
    except OSError:
        return None  # cannot say it was done: do not do it on every run
    return prune(top, current, now)


def prune(top: Path, current: str, now: float) -> Removed:
    """Remove entries of other formats, entries unused for MAX_AGE, temporary files left
    by a stopped run, then the least recently used entries until MAX_BYTES are left."""
    removed = Removed()
    kept: list[tuple[float, int, Path]] = []
    for folder in _format_folders(top):
        old_format = folder.name != current
        for shard in _shards(folder):
            for path, info in _own_files(shard, removed):
                if path.name.startswith(TEMPORARY_PREFIX):
                    if info.st_mtime < now - TEMPORARY_AGE:
                        _remove(path, info, removed)
                elif old_format or info.st_mtime < now - MAX_AGE:
                    _remove(path, info, removed)
                else:
                    kept.append((info.st_mtime, info.st_size, path))
            if old_format:
                _remove_folder(shard)
        if old_format:
            _remove_folder(folder)
    total = sum(size for _, size, _ in kept)
    for _, size, path in sorted(kept):
        if total <= MAX_BYTES:
            break
        try:
            os.unlink(path)
        except OSError:
            continue
        removed.files += 1
        removed.bytes += size
        total -= size
    return removed


def clean(top: Path) -> Removed:
    """Remove every file the cache wrote in ``top``, its empty folders, and ``top`` itself
    when the cache created it and nothing else is in it. Raises NotACache, removing
    nothing, when ``top`` is not a worker-lint cache this user alone can write."""
    try:
        info = os.lstat(top)
    except FileNotFoundError:
        return Removed()
    if not stat.S_ISDIR(info.st_mode):
        raise NotACache(f"{top} is not a folder (a file or a symbolic link); nothing was removed")
    if not private(top):
        raise NotACache(f"{top} is not a folder only you can write to, so worker-lint never uses it as its cache; nothing was removed")
    tagged = _tagged(top)
    formats = list(_format_folders(top))
    if not tagged and not formats:
        raise NotACache(f"{top} holds no worker-lint cache (no {TAG} written by worker-lint, no v<N> format folder); nothing was removed")
    removed = Removed()
    for folder in formats:
        for shard in _shards(folder):
            for path, entry_info in _own_files(shard, removed):
                _remove(path, entry_info, removed)
            _remove_folder(shard)
        stamp = folder / STAMP
        try:
            if stat.S_ISREG(os.lstat(stamp).st_mode):
                os.unlink(stamp)
        except OSError:
            pass
        _remove_folder(folder)
    if tagged:
        try:
            if os.listdir(top) == [TAG]:
                os.unlink(top / TAG)
                os.rmdir(top)
                removed.folder = True
        except OSError:
            pass
    return removed


def _tagged(top: Path) -> bool:
    """Whether ``top`` holds the tag worker-lint writes in a cache folder it creates."""
    try:
        fd = os.open(top / TAG, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        return stat.S_ISREG(os.fstat(fd).st_mode) and os.read(fd, len(TAG_TEXT) + 1) == TAG_TEXT.encode()
    except OSError:
        return False
    finally:
        os.close(fd)


def _subfolders(folder: Path, name: str) -> Iterator[Path]:
    """The folders (never links to one) in ``folder`` whose names the cache gives its own."""
    try:
        with os.scandir(folder) as entries:
            found = [Path(e.path) for e in entries if re.fullmatch(name, e.name) and e.is_dir(follow_symlinks=False)]
    except OSError:
        return
    yield from found


def _format_folders(top: Path) -> Iterator[Path]:
    return _subfolders(top, _FORMAT_FOLDER)


def _shards(folder: Path) -> Iterator[Path]:
    return _subfolders(folder, _SHARD)


def _own_files(shard: Path, removed: Removed) -> Iterator[tuple[Path, os.stat_result]]:
    """The regular files in ``shard`` the cache wrote (entries, temporary files); any
    other name is added to ``removed.left`` and never touched."""
    try:
        with os.scandir(shard) as entries:
            listed = list(entries)
    except OSError:
        return
    for entry in listed:
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        own = re.fullmatch(_ENTRY, entry.name) or entry.name.startswith(TEMPORARY_PREFIX)
        if own and stat.S_ISREG(info.st_mode):
            yield Path(entry.path), info
        else:
            removed.left.append(Path(entry.path))


def _remove(path: Path, info: os.stat_result, removed: Removed) -> None:
    try:
        os.unlink(path)
    except OSError:
        return
    removed.files += 1
    removed.bytes += info.st_size


def _remove_folder(folder: Path) -> None:
    try:
        os.rmdir(folder)  # only an empty one: anything else in it stays, and so does the folder
    except OSError:
        pass
