"""Path resolution that survives links pointing nowhere or in a loop."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

# Flags where the platform has them (Windows has neither): never wait on a pipe, never follow a link.
O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
READ_FLAGS = os.O_RDONLY | O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def open_no_follow(path: Path | str, flags: int, mode: int = 0o644, folder: int | None = None) -> int:
    """``os.open`` (in the folder open at ``folder``, when given) that refuses a symbolic link
    (``ELOOP``), also where there is no ``O_NOFOLLOW``."""
    if not O_NOFOLLOW and folder is None and os.path.islink(path):
        raise OSError(errno.ELOOP, "a symbolic link", str(path))
    return os.open(path, flags | O_NOFOLLOW, mode, dir_fd=folder)


def safe_resolve(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


class Resolver:
    """``safe_resolve`` for the many paths of one discovery, which share their folders: each
    folder's real path is learnt once, and a name below a real folder costs one ``lstat``.
    A link, a name that cannot be looked at, or anything but a plain name takes
    ``safe_resolve`` itself, so every answer is what ``safe_resolve`` gives (or what
    ``os.path.realpath`` gives, with ``realpath=True``)."""

    def __init__(self, realpath: bool = False) -> None:
        self._real: dict[str, str] = {}
        self._fallback: Callable[[str], str] = os.path.realpath if realpath else (lambda text: str(safe_resolve(Path(text))))

    def __call__(self, path: Path) -> Path:
        return Path(self.text(path))

    def text(self, path: Path | str) -> str:
        """The real path as a string: a key that tells files apart, without building a ``Path``."""
        text = os.fspath(path)
        return self._resolve(text) if os.path.isabs(text) else self._fallback(text)

    def _resolve(self, text: str) -> str:
        pending = []  # the folders down from the first one known, to learn in turn (no recursion: trees may be deep)
        while text not in self._real:
            parent, name = os.path.split(text)
            if not name or name in (".", "..") or parent == text:
                self._real[text] = self._fallback(text)
                break
            pending.append(text)
            text = parent
        real = self._real[text]
        for below in reversed(pending):
            joined = os.path.join(real, os.path.basename(below))
            try:
                plain = not stat.S_ISLNK(os.lstat(joined).st_mode)
            except (OSError, ValueError):
                plain = False
            real = self._real[below] = joined if plain else self._fallback(below)
        return real


def logical_cwd() -> Path:
    """The current folder as the caller named it: ``$PWD`` when it names the same folder
    (a shell keeps the links it went through there), else the physical one. A session
    reached through a linked sessions folder is then still known as one."""
    here = os.getcwd()
    named = os.environ.get("PWD", "")
    if named != here and os.path.isabs(named):
        try:
            if os.path.samefile(named, here):
                return Path(os.path.normpath(named))
        except OSError:
            pass
    return Path(here)


def absolute(path: Path) -> Path:
    """``path`` made absolute from the logical current folder, ``..`` taken as typed."""
    return Path(os.path.normpath(path if path.is_absolute() else logical_cwd() / path))


def looks_like_session(folder: Path) -> bool:
    """A folder holding a session's ``workers/notes`` or ``workers/json``: written by the workers
    being checked, whatever it is named or reached through (and whatever else it holds)."""
    return (folder / "workers" / "notes").is_dir() or (folder / "workers" / "json").is_dir()


def above_sessions(folders: list[Path]) -> list[Path]:
    """Of ``folders`` from a start upward, those above the outermost that looks like a session."""
    return folders[_outermost_session(folders) + 1 :]


def _outermost_session(folders: list[Path]) -> int:
    return max((i for i, folder in enumerate(folders) if looks_like_session(folder)), default=-1)


def session_like_boundary(folders: list[Path]) -> bool:
    """Whether a folder passed over as a session is also where a search upward must stop (a
    project or repository root): a search never goes past it, though nothing is read there.
    A folder named as a session (in a sessions tree) is no root, whatever a worker puts in it."""
    return any(is_boundary(folder) and not inside_sessions(folder) for folder in folders[: _outermost_session(folders) + 1])


def inside_sessions(folder: Path) -> bool:
    """A folder in a ``Docs/hive-mind/sessions`` tree: written by the workers being checked."""
    parts = folder.parts
    return any(parts[i : i + 3] == ("Docs", "hive-mind", "sessions") for i in range(len(parts) - 2))


def in_harness_data(folder: Path) -> bool:
    """``Docs/hive-mind`` or a folder in it: the harness's data, which the workers write."""
    parts = folder.parts
    return any(parts[i : i + 2] == ("Docs", "hive-mind") for i in range(len(parts) - 1))


def is_project_root(folder: Path) -> bool:
    """Where the harness is installed: ``Docs/hive-mind`` beside ``.claude``."""
    return (folder / "Docs" / "hive-mind").is_dir() and (folder / ".claude").is_dir()


def is_boundary(folder: Path) -> bool:
    """A folder above which no configuration or project is looked for: a project or a repository root."""
    return (folder / "Docs" / "hive-mind").is_dir() or (folder / ".claude").is_dir() or (folder / ".git").exists()


def read_regular(path: Path, limit: int, follow: bool = True) -> bytes | None:
    """Up to ``limit`` + 1 bytes of a regular file, opened without blocking (a pipe swapped in
    is never waited on) and checked after the open; None when it is not a regular file.
    With ``follow`` False a symbolic link is not followed (an ``OSError``)."""
    fd = os.open(path, READ_FLAGS) if follow else open_no_follow(path, READ_FLAGS)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(limit + 1)
    finally:
        os.close(fd)


def open_to_write(path: Path, flags: int = 0, readable: bool = False, folder: int | None = None) -> int:
    """A descriptor for writing ``path`` (created if absent), which the caller closes.

    Never through a symbolic link, never into a pipe (which would block), and only
    a regular file with no other names: a hard link planted there could lead to
    any file on the same disk. Each refusal is an ``OSError`` saying why.
    """
    try:
        access = os.O_RDWR if readable else os.O_WRONLY
        fd = open_no_follow(path.name if folder is not None else path, access | os.O_CREAT | O_NONBLOCK | flags | getattr(os, "O_BINARY", 0),
                            folder=folder)
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.ENXIO):  # a link, or a pipe with no reader
            raise OSError(error.errno, "not a regular file (a symbolic link or a pipe is never written through)") from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        if info.st_nlink > 1:
            raise OSError(errno.EMLINK, "it has other names (hard links), so writing it would change those files too")
    except BaseException:
        os.close(fd)
        raise
    return fd


def opened_inside(fd: int, root: Path) -> bool:
    """Whether the file or folder open at ``fd`` lies in ``root``, by the path the system holds
    for it (where that is known: /proc on Linux); elsewhere the check made before the open stands."""
    try:
        where = os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return True
    return Path(where).is_relative_to(root)


FolderId = tuple[int, int]


def folder_identity(folder: Path, root: Path | None) -> FolderId | None:
    """The (device, inode) of the folder ``folder`` leads to now, or None when it is not a
    folder or lies outside ``root``: what a later write into it is checked against."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return None
    try:
        if root is not None and not opened_inside(fd, root):
            return None
        info = os.fstat(fd)
        return (info.st_dev, info.st_ino) if stat.S_ISDIR(info.st_mode) else None
    finally:
        os.close(fd)


def open_same_folder(folder: Path, identity: FolderId) -> int:
    """A descriptor of ``folder``, refused (``OSError``) unless it is still the folder ``identity``
    names: a folder swapped for a link to somewhere else since then is never written into."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    info = os.fstat(fd)
    if (info.st_dev, info.st_ino) != identity:
        os.close(fd)
        raise OSError(errno.ESTALE, "the folder was replaced", str(folder))
    return fd


def repository_root(folder: Path) -> Path | None:
    """The closest folder at or above ``folder`` holding a ``.git`` entry (a folder, or a worktree's file).

    One inside the harness's data (``Docs/hive-mind``) is passed over: the workers write there.
    """
    for candidate in (folder, *folder.parents):
        if not in_harness_data(candidate) and os.path.lexists(candidate / ".git"):
            return candidate
    return None

