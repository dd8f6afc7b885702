"""Turn what the user named into units: one worker's deliverable each.

Nothing is read here; only names and folders are looked at.

Symbolic links are not followed out of a folder named on the command line
(unless ``follow_symlinks``): a deliverable file that resolves outside it is
kept in its unit but marked, so that loading reports it instead of reading it,
and a linked folder outside it is not searched (a note says so). Links inside
the folder lead nowhere new, and the search never walks a folder twice, so a
loop of links ends. A file named on the command line is read as named.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from lint.fspath import Resolver, above_sessions, absolute, inside_sessions, is_project_root, safe_resolve
from lint.model import UsageError
from lint.packs import Pack, PackRegistry
from lint.suggest import close_matches

SESSIONS = Path("Docs") / "hive-mind" / "sessions"


class DiscoveryError(UsageError):
    """What was asked cannot be linted (exit code 2)."""


class NothingToLint(DiscoveryError):
    """The paths named hold no deliverable (exit code 2 when no other path does)."""


class Unit(NamedTuple):
    """One worker's deliverable: the pair of files and where they belong."""

    pack: Pack
    notes_path: Path
    output_path: Path
    session_dir: Path | None = None
    root: Path | None = None  # the resolved folder that links may not lead out of; None: follow them
    named: Path | None = None  # a file named on the command line: read as named
    in_memory: bool = False  # contents given in code: nothing of it is on disk

    @property
    def worker(self) -> str:
        return self.pack.worker

    def leaves_root(self, path: Path) -> bool:
        """Whether ``path`` exists and resolves, through a link, outside the folder being linted."""
        if self.root is None or path == self.named or not os.path.lexists(path):
            return False
        return not safe_resolve(path).is_relative_to(self.root)

    @property
    def session_id(self) -> str | None:
        """The session folder's name, when it sits where the harness puts sessions."""
        if self.session_dir is None:
            return None
        parent = self.session_dir.parent
        if parent.name == "sessions" and parent.parent.name == "hive-mind":
            return self.session_dir.name
        return None


class Unowned(NamedTuple):
    """Files named like a deliverable of a worker that has no pack (the harness's own scribe, say)."""

    worker: str
    paths: tuple[Path, ...]

    def note(self, workers: list[str] | None = None) -> str:
        """One line for standard error: what was skipped, and why (a near miss is named)."""
        folder = Path(os.path.commonpath([os.path.abspath(p.parent) for p in self.paths])) if len(self.paths) > 1 else self.paths[0].parent
        names = ", ".join(os.path.relpath(p, folder) for p in self.paths)
        if not any(p.name != self.worker for p in self.paths):  # not named like a deliverable at all
            return f"{folder}: skipped {names}: not a deliverable (deliverables are <worker>_notes.md and <worker>_output.json)"
        close = close_matches(self.worker.lower(), workers or [], n=1, cutoff=0.75)
        hint = f"; did you mean '{close[0]}' ({close[0]}_notes.md, {close[0]}_output.json)?" if close else " (add one with --pack to lint it)"
        return f"{folder}: skipped {names}: no rule pack for worker '{self.worker}'{hint}"


class Discovery:
    """The deliverables found, and what discovery has to say about the rest."""

    def __init__(self, units: list[Unit], notes: list[str] | None = None, unowned: list[Unowned] | None = None) -> None:
        self.units = units
        self.notes = notes if notes is not None else []  # what was passed over, for standard error
        self.unowned = unowned if unowned is not None else []  # files of workers without a pack: skipped


def find_project_root(start: Path) -> Path | None:
    """The project from ``start``, found as the harness finds it: the first folder upward
    holding both ``Docs/hive-mind`` and ``.claude``, else the first holding ``Docs/hive-mind``
    (a project without the harness installed). A ``.claude`` folder alone (a stray one below
    the project, or the home folder's) is no project.

    Folders inside a sessions tree are passed over: a worker can plant a copy of the
    layout in its own session, and the gate may be run from there.
    """
    start = absolute(start)
    candidates = [f for f in above_sessions([start, *start.parents]) if not inside_sessions(f)]
    for test in (is_project_root, lambda f: (f / "Docs" / "hive-mind").is_dir()):
        for folder in candidates:
            if test(folder):
                return folder
    return None


def session_folder(session_id: str, start: Path) -> Path:
    root = find_project_root(start)
    if root is None:
        raise DiscoveryError(
            f"--session: no project root at or above {start} (no folder holds Docs/hive-mind); "
            "run worker-lint from inside the project, or give the session folder as PATH"
        )
    if not session_id or "/" in session_id or "\\" in session_id or session_id in (".", ".."):
        raise DiscoveryError(f"--session: '{session_id}' is not a session id; give the name of a folder in {root / SESSIONS}")
    folder = root / SESSIONS / session_id
    if not folder.is_dir():
        known = sorted(p.name for p in (root / SESSIONS).iterdir() if p.is_dir()) if (root / SESSIONS).is_dir() else []
        close = close_matches(session_id, known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "give the name of one of its folders"
        raise DiscoveryError(f"--session: no session '{session_id}' in {root / SESSIONS}; {hint}")
    return folder


def discover(paths: list[Path], registry: PackRegistry, worker: str | None = None, follow_symlinks: bool = False) -> Discovery:
    units: list[Unit] = []
    notes: list[str] = []
    unowned: list[Unowned] = []
    resolve = Resolver()  # the sessions of a project share their folders: each is resolved once
    for typed in paths:
        if not typed.exists() and not typed.is_symlink():
            raise DiscoveryError(f"{typed}: no such file or folder; check the path")
        # Its role (session, workers/, notes/ folder) is decided on the absolute path: '.' has no name.
        path = absolute(typed)
        if path.is_dir():
            root = resolve(path)
            found = _from_folder(path, registry, _Walk(root, follow_symlinks, notes, unowned, resolve))
            units.extend(found if follow_symlinks else [u._replace(root=_home(u, path, root, resolve)) for u in found])
        else:
            unit = _from_file(path, registry)
            if unit is None:
                _add_unowned(unowned, Unowned(_worker_prefix(path.name), (path,)))
                continue
            if not follow_symlinks:
                home = unit.session_dir if unit.session_dir is not None else path.parent
                unit = unit._replace(root=safe_resolve(home), named=path)
            units.append(unit)
    if worker is not None:
        if registry.get(worker) is None:
            raise DiscoveryError(unknown_worker(worker, registry))
        units = [u for u in units if u.worker == worker]
        for session in _sessions_named(paths):  # a session asked for one worker: its deliverable, even when missing
            if not any(u.session_dir is not None and absolute(u.session_dir) == session for u in units):
                unit = _session_unit(registry.pack(worker), session)
                units.append(unit if follow_symlinks else unit._replace(root=safe_resolve(session)))
        unowned = []  # one worker was asked for: the others are not this run's business
    unique: dict[tuple[str, str], Unit] = {}
    for unit in units:
        unique.setdefault((resolve.text(unit.notes_path), resolve.text(unit.output_path)), unit)
    if not unique and not unowned:
        named = ", ".join(str(p) for p in paths)
        raise NothingToLint(
            f"nothing to lint in {named}: expected a project root (with {SESSIONS}), "
            f"a session folder (with workers/), or deliverable files such as "
            f"{', '.join(registry.file_names(w)[0] for w in registry.workers)}"
        )
    return Discovery(list(unique.values()), notes, unowned)


def _home(unit: Unit, folder: Path, root: Path, resolve: Resolver) -> Path:
    """What a unit's files may not lead out of: the folder named, or the whole session when
    the folder named is part of one (its workers/, notes/ or json/ folder)."""
    if unit.session_dir is not None and folder.is_relative_to(unit.session_dir):
        return resolve(unit.session_dir)
    return root


def _sessions_named(paths: list[Path]) -> list[Path]:
    """The session folders named directly: a session folder, or its workers/, notes/ or json/ folder."""
    found = []
    for typed in paths:
        path = absolute(typed)
        if not path.is_dir():
            continue
        if path.name in ("notes", "json") and path.parent.name == "workers":
            path = path.parent.parent
        elif path.name == "workers" and _is_workers_folder(path):
            path = path.parent
        if _is_workers_folder(path / "workers") and not (path / SESSIONS).is_dir():
            found.append(path)
    return found


def _add_unowned(found: list[Unowned], new: Unowned) -> None:
    """Files of one unknown worker in one place (a session's workers/ folder) make one note."""
    for index, old in enumerate(found):
        if old.worker == new.worker and _place(old.paths[0]) == _place(new.paths[0]):
            found[index] = Unowned(old.worker, old.paths + tuple(p for p in new.paths if p not in old.paths))
            return
    found.append(new)


def _place(path: Path) -> Path:
    """Where a deliverable belongs: its session's workers/ folder, or its own folder."""
    folder = Path(os.path.abspath(path.parent))
    return folder.parent if folder.name in ("notes", "json") and folder.parent.name == "workers" else folder


def unknown_worker(worker: str, registry: PackRegistry) -> str:
    close = close_matches(worker, registry.workers, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return (f"--worker: unknown worker '{worker}'; {hint}known workers are {', '.join(registry.workers)} "
            "(add a pack for another worker with --pack)")


def from_session(session: Path, registry: PackRegistry, worker: str | None = None, follow_symlinks: bool = False) -> Discovery:
    """The deliverables of one session named by id: only its own ``workers/notes`` and
    ``workers/json`` files, never a pair found elsewhere below it. With ``worker``, that
    worker's deliverable even when its files are missing (a ``deliverable-missing`` finding)."""
    unowned: list[Unowned] = []
    if worker is not None:
        if registry.get(worker) is None:
            raise DiscoveryError(unknown_worker(worker, registry))
        units = [_session_unit(registry.pack(worker), session)]
    else:
        units = _from_session(session, registry, _Walk(safe_resolve(session), unowned=unowned))
    if not follow_symlinks:
        units = [u._replace(root=_boundary(session)) for u in units]
    return Discovery(units, [], unowned)


def _boundary(session: Path) -> Path:
    """What a session's files may not lead out of: its project (the folder holding
    ``Docs/hive-mind/sessions``), as named and then resolved, so that a session, sessions
    or hive-mind folder that is a link out of the project is caught, not followed."""
    named = Path(os.path.abspath(session))
    if named.parent.name == "sessions" and named.parent.parent.name == "hive-mind" and named.parent.parent.parent.name == "Docs":
        return safe_resolve(named.parent.parent.parent.parent)
    return safe_resolve(named)


def _worker_prefix(name: str) -> str:
    """``scribe`` from ``scribe_notes.md`` or ``scribe_output.json``; the name itself otherwise."""
    for suffix in ("_notes.md", "_output.json"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _from_file(path: Path, registry: PackRegistry) -> Unit | None:
    """The unit of a file named on the command line; None for a file no pack claims."""
    matched = registry.match_file(path.name)
    if matched is None:
        if _worker_prefix(path.name) != path.name:
            return None
        raise DiscoveryError(
            f"{path}: cannot tell which worker wrote this file; deliverables are named "
            f"<worker>_notes.md or <worker>_output.json, and the known workers are "
            f"{', '.join(registry.workers)} (add a pack for another worker with --pack)"
        )
    pack, role = matched
    folder = path.parent
    if folder.name in ("notes", "json") and folder.parent.name == "workers":
        unit = _session_unit(pack, folder.parent.parent)
        # The file named is linted where it is, even if it sits in the other folder.
        if role == "notes":
            return Unit(pack, path, unit.output_path, unit.session_dir)
        return Unit(pack, unit.notes_path, path, unit.session_dir)
    notes = path if role == "notes" else folder / pack.notes_file
    output = path if role == "output" else folder / pack.output_file
    return Unit(pack, notes, output, None)


def _session_unit(pack: Pack, session: Path) -> Unit:
    workers = session / "workers"
    return Unit(pack, workers / "notes" / pack.notes_file, workers / "json" / pack.output_file, session)


class _Walk:
    """How to search below a folder named on the command line."""

    def __init__(self, root: Path, follow_symlinks: bool = False, notes: list[str] | None = None,
                 unowned: list[Unowned] | None = None, resolve: Resolver | None = None) -> None:
        self.root = root
        self.follow_symlinks = follow_symlinks
        self.notes = notes if notes is not None else []
        self.unowned = unowned if unowned is not None else []
        self.resolve = resolve if resolve is not None else Resolver()


def _from_folder(folder: Path, registry: PackRegistry, walk: _Walk | None = None) -> list[Unit]:
    walk = walk or _Walk(safe_resolve(folder))
    planted = inside_sessions(Path(os.path.abspath(folder)))  # a project inside a session is a worker's copy
    if (folder / SESSIONS).is_dir() and not planted:
        return [u for s in _sessions_in(folder / SESSIONS) for u in _from_session(s, registry, walk)]
    if folder.name == "sessions" and folder.parent.name == "hive-mind":
        return [u for s in _sessions_in(folder) for u in _from_session(s, registry, walk)]
    if _is_workers_folder(folder / "workers"):
        return _from_session(folder, registry, walk)
    if folder.name == "workers" and _is_workers_folder(folder):
        return _from_session(folder.parent, registry, walk)
    if folder.name in ("notes", "json") and folder.parent.name == "workers":
        return _from_session(folder.parent.parent, registry, walk)
    return _from_flat(folder, registry) or _search_below(folder, registry, walk)


def _is_workers_folder(folder: Path) -> bool:
    """A session's ``workers/`` folder: it holds ``notes/`` or ``json/``."""
    return (folder / "notes").is_dir() or (folder / "json").is_dir()


_PASS_OVER = {".git", "node_modules", ".venv", "venv", "__pycache__", ".tox"}


def _search_below(folder: Path, registry: PackRegistry, walk: _Walk) -> list[Unit]:
    """Project roots and session folders anywhere below a folder that is neither.

    Linked folders are followed only with ``follow_symlinks``, and then each
    real folder is walked once, so a link to a folder above it ends. Without
    it, a link to a project or session outside the folder gives units whose
    files are reported unread; a link to any other folder outside is noted.
    """
    units: list[Unit] = []
    walked: set[tuple[int, int]] = set()
    for here, subfolders in _folders_below(folder, walk.follow_symlinks):
        subfolders[:] = sorted(d for d in subfolders if d not in _PASS_OVER and not d.startswith("."))
        if walk.follow_symlinks:
            try:
                info = here.stat()
            except OSError:
                subfolders[:] = []
                continue
            if (info.st_dev, info.st_ino) in walked:
                subfolders[:] = []
                continue
            walked.add((info.st_dev, info.st_ino))
        else:
            for name in [d for d in subfolders if (here / d).is_symlink()]:
                units.extend(_linked_folder(here / name, registry, walk))
        if here == folder:
            continue
        if ((here / SESSIONS).is_dir() and not inside_sessions(here)) or _is_workers_folder(here / "workers"):
            units.extend(_from_folder(here, registry, walk))
            subfolders[:] = []
    return units


def _folders_below(top: Path, follow_symlinks: bool) -> Iterator[tuple[Path, list[str]]]:
    """Each folder from ``top`` down, with the names of its subfolders, in order.

    Like ``os.walk`` top-down (clearing the list prunes), but with a stack of
    its own rather than recursion: a tree thousands of folders deep is walked
    like any other. A folder that cannot be read is passed over.
    """
    stack = [top]
    while stack:
        here = stack.pop()
        try:
            with os.scandir(here) as entries:
                subfolders = [e.name for e in entries if _is_folder(e)]
        except OSError:
            continue
        yield here, subfolders
        stack.extend(here / name for name in reversed(subfolders)
                     if follow_symlinks or not (here / name).is_symlink())


def _is_folder(entry: os.DirEntry) -> bool:
    """A folder, or a link to one (as ``os.walk`` lists them); a link in a loop is neither."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _linked_folder(link: Path, registry: PackRegistry, walk: _Walk) -> list[Unit]:
    """A link met in the search (not followed): what leads out of the folder is reported."""
    target = safe_resolve(link)
    if target.is_relative_to(walk.root):
        return []  # the search reaches that folder where it is
    if (link / SESSIONS).is_dir() or _is_workers_folder(link / "workers"):
        return _from_folder(link, registry, walk)  # its files resolve outside: reported, not read
    walk.notes.append(f"{link}: a link to {target}, outside {walk.root}; not searched (--follow-symlinks searches it)")
    return []


def _sessions_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def _from_session(session: Path, registry: PackRegistry, walk: _Walk) -> list[Unit]:
    """The session's deliverables; files no pack claims are noted in ``walk.unowned``, once per worker."""
    units = []
    workers = session / "workers"
    listed = {sub: _listing(os.path.join(workers, sub)) for sub in ("notes", "json")}
    for worker in registry.workers:
        notes, output = registry.file_names(worker)
        # a broken link too: a finding, never a skip
        if _lexists(workers, "notes", notes, listed["notes"]) or _lexists(workers, "json", output, listed["json"]):
            units.append(_session_unit(registry.pack(worker), session))
    strays: dict[str, list[Path]] = {}
    home = walk.resolve.text(session)
    for sub in ("notes", "json"):
        folder = workers / sub
        if not folder.is_dir() or not _within(walk.resolve.text(folder), home):
            continue  # a folder linked from elsewhere is never listed: its deliverables are reported unread
        entries = listed[sub]
        names = [e.name for e in entries] if entries is not None else [p.name for p in folder.iterdir()]
        # Names first: most files are a worker's own, and those cost no system call.
        candidates = [folder / name for name in names if not name.startswith(".") and not registry.match_file(name)]
        for entry in sorted(candidates):
            if entry.is_file():
                strays.setdefault(_worker_prefix(entry.name), []).append(entry)
    walk.unowned.extend(Unowned(worker, tuple(paths)) for worker, paths in strays.items())
    return units


def _within(path: str, folder: str) -> bool:
    """``Path(path).is_relative_to(folder)``, without building the paths where the text says yes."""
    if path == folder or path.startswith(folder if folder.endswith(os.sep) else folder + os.sep):
        return True
    return Path(path).is_relative_to(folder)  # also where a file system's spelling differs (case, separators)


def _listing(folder: str) -> list[os.DirEntry] | None:
    """A folder's entries (None: it cannot be listed, or its entries cannot be looked at: a folder
    that can be read but not searched lists names that ``lexists`` does not find), read once for
    every worker's file names."""
    try:
        with os.scandir(folder) as entries:
            listed = list(entries)
    except OSError:
        return None
    return listed if os.access(folder, os.X_OK) else None


def _lexists(workers: Path, sub: str, name: str, listed: list[os.DirEntry] | None) -> bool:
    """``os.path.lexists(workers / sub / name)``, answered from the folder's listing where it can
    be: a name listed exists; one that differs from every listed name but in case, or that is
    not plain ASCII (a file system may fold either), is asked of the file system."""
    if listed is None or not name.isascii():
        return os.path.lexists(workers / sub / name)
    lowered = name.lower()
    for entry in listed:
        if entry.name == name:
            return True
        if entry.name.lower() == lowered or not entry.name.isascii():
            return os.path.lexists(workers / sub / name)
    return False


def _from_flat(folder: Path, registry: PackRegistry) -> list[Unit]:
    units = []
    for worker in registry.workers:
        notes, output = (folder / name for name in registry.file_names(worker))
        if os.path.lexists(notes) or os.path.lexists(output):
            units.append(Unit(registry.pack(worker), notes, output, None))
    return units
