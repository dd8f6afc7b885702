"""The public API: lint a project, a session, a worker's deliverable or in-memory contents.

The command line is a thin layer over these functions: the same discovery, the
same configuration files, the same verdict. Pass ``settings=`` to lint with
exactly those settings and no configuration file, as a harness's gate should
(a worker can write files in the project, a configuration among them).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any
from dataclasses import dataclass, field
from pathlib import Path

from lint.discover import SESSIONS, Unit
from lint.engine.results import Policy, RunResult
from lint.packs import PackRegistry
from lint.settings import Settings, resolve

PathLike = str | Path
IN_MEMORY = Path("<memory>")  # where in-memory contents are said to be; nothing is read there


@dataclass
class Plan:
    """The deliverables a run will lint, and what discovery has to say about the rest."""

    units: list[Unit]
    warnings: list[str] = field(default_factory=list)  # links not searched
    skipped: list[str] = field(default_factory=list)  # files of workers without a pack


def policy_of(settings: Settings) -> Policy:
    return Policy(settings.fail_level, settings.fail_under)


def settings_for(anchor: Path | None, settings: Settings | None, config: PathLike | None, isolated: bool) -> Settings:
    """Explicit settings as they are; otherwise the configuration found from ``anchor`` (or named)."""
    if settings is not None:
        if config is not None or isolated:
            from lint.settings import ConfigError

            raise ConfigError("give settings= or config= (or isolated=), not both: explicit settings read no configuration file")
        return settings
    return resolve(anchor, Path(config) if config is not None else None, isolated)


def plan(targets: list[Path], settings: Settings, worker: str | None = None, sessions: list[Path] | None = None) -> Plan:
    """Discover the deliverables in ``targets`` (any paths) and ``sessions`` (session folders
    named by id: only their own deliverables), and drop those the settings exclude."""
    from lint.discover import Discovery, discover, from_session

    registry = PackRegistry.bundled(list(settings.packs))
    found = discover(targets, registry, worker, follow_symlinks=settings.follow_symlinks) if targets else Discovery([])
    for folder in sessions or []:
        more = from_session(folder, registry, worker, settings.follow_symlinks)
        found.units.extend(more.units)
        found.unowned.extend(more.unowned)
    if not found.units and not found.unowned:
        from lint.discover import DiscoveryError

        raise DiscoveryError(f"nothing to lint in {', '.join(str(s) for s in sessions or targets)}: no deliverable in its workers/ folder")
    units = [u for u in found.units if not (settings.excluded(u.notes_path) or settings.excluded(u.output_path))]
    skipped = [o.note(registry.workers) for o in found.unowned if not all(settings.excluded(p) for p in o.paths)]
    return Plan(units, list(found.notes), skipped)


def run(work: Plan, settings: Settings, jobs: int = 1, cache_dir: Path | None = None,
        advance: Callable[[int], None] | None = None) -> RunResult:
    """Lint the planned deliverables; ``cache_dir`` keeps and reuses results there."""
    from lint.engine import RuleSettings, lint_units

    rule_settings = RuleSettings.from_settings(settings)
    cache = None
    if cache_dir is not None:
        from lint.engine.cache import ResultCache

        cache = ResultCache(cache_dir, rule_settings)
    result = lint_units(work.units, rule_settings, jobs, advance, cache, policy_of(settings))
    result.notes = work.warnings + work.skipped
    for unit in result.units:
        unit.read_limit = settings.max_bytes
    return result


def _usage_errors(function: Callable[..., RunResult]) -> Callable[..., RunResult]:
    """What the file system refuses while finding what to lint (a name too long, say) is a
    :class:`lint.UsageError` naming the path, as on the command line."""
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> RunResult:
        try:
            return function(*args, **kwargs)
        except OSError as error:
            from lint.discover import DiscoveryError

            raise DiscoveryError(f"{error.filename if error.filename is not None else 'a path'}: {error.strerror or error}; check the path") from None
    return wrapper


@_usage_errors
def lint_paths(paths: PathLike | Iterable[PathLike], *, worker: str | None = None, settings: Settings | None = None,
               config: PathLike | None = None, isolated: bool = False, jobs: int = 1, cache_dir: PathLike | None = None) -> RunResult:
    """Lint project roots, session folders or deliverable files, as ``worker-lint check PATHS`` does.

    Without ``settings``, the configuration file closest to the first path
    applies (or ``config``; none with ``isolated``). Raises
    :class:`lint.UsageError` when the paths or the settings cannot be used.
    """
    targets = [Path(paths)] if isinstance(paths, (str, Path)) else [Path(p) for p in paths]
    if not targets:
        from lint.discover import DiscoveryError

        raise DiscoveryError("nothing to lint: give a path")
    chosen = settings_for(targets[0], settings, config, isolated)
    return run(plan(targets, chosen, worker), chosen, _jobs(jobs), Path(cache_dir) if cache_dir is not None else None)


def lint_project(root: PathLike = ".", **options) -> RunResult:
    """Every session of the project at ``root``; options as for :func:`lint_paths`."""
    return lint_paths([root], **options)


def _session_dir(session: PathLike, project: PathLike | None) -> Path:
    """A session id (a plain name, as the harness passes it) is looked up in the project's
    sessions folder, never taken as a folder of the current one; a ``Path`` (or a string
    with a slash) names the session folder itself."""
    from lint.discover import DiscoveryError, session_folder

    if isinstance(session, Path) or "/" in session:
        folder = Path(session)
        if not folder.is_dir():
            raise DiscoveryError(f"{folder}: no such session folder; give a session folder, or the session's id")
        return folder
    return session_folder(session, Path(project) if project is not None else Path.cwd())


@_usage_errors
def lint_session(session: PathLike, *, project: PathLike | None = None, worker: str | None = None, settings: Settings | None = None,
                 config: PathLike | None = None, isolated: bool = False, jobs: int = 1, cache_dir: PathLike | None = None) -> RunResult:
    """One session: by its id (a plain name) in the project at ``project`` (default: found upward
    from the current folder, as the harness finds it), or by its folder (a ``Path``). Only the
    session's own ``workers/notes`` and ``workers/json`` files are linted."""
    folder = _session_dir(session, project)
    chosen = settings_for(folder, settings, config, isolated)
    return run(plan([], chosen, worker, [folder]), chosen, _jobs(jobs), Path(cache_dir) if cache_dir is not None else None)


def lint_deliverable(session: PathLike, worker: str, *, project: PathLike | None = None, settings: Settings | None = None,
                     config: PathLike | None = None, isolated: bool = False) -> RunResult:
    """One worker's deliverable in a session (by id or folder, as for :func:`lint_session`):
    missing files are a ``deliverable-missing`` finding, never an exception."""
    return lint_session(session, project=project, worker=worker, settings=settings, config=config, isolated=isolated)


def _jobs(jobs: int) -> int:
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a whole number, at least 1, not {jobs!r}")
    return jobs


def lint_contents(worker: str, *, notes: str | bytes | None = None, output: str | bytes | None = None,
                  session_id: str | None = None, settings: Settings | None = None) -> RunResult:
    """Lint a deliverable held in memory; a file not given is missing. Nothing is read from disk
    but the packs, and no configuration file applies: the defaults, or ``settings``."""
    from lint.discover import DiscoveryError, unknown_worker
    from lint.engine import RuleSettings, lint_unit

    chosen = settings or Settings()
    registry = PackRegistry.bundled(list(chosen.packs))
    pack = registry.get(worker)
    if pack is None:
        raise DiscoveryError(unknown_worker(worker, registry))
    session = IN_MEMORY / SESSIONS / (session_id or "in-memory")
    workers = session / "workers"
    unit = Unit(pack, workers / "notes" / pack.notes_file, workers / "json" / pack.output_file, session if session_id else None,
                in_memory=True)

    def data(name: str, value: str | bytes | None) -> bytes | None:
        if value is not None and not isinstance(value, (str, bytes)):
            raise TypeError(f"lint_contents: {name} must be str, bytes or None, not {type(value).__name__}")
        return value.encode("utf-8", "surrogateescape") if isinstance(value, str) else value

    contents = {unit.notes_path: data("notes", notes), unit.output_path: data("output", output)}
    linted = lint_unit(unit, RuleSettings.from_settings(chosen), contents)
    linted.read_limit = chosen.max_bytes
    if notes is not None:
        linted.notes_text = notes if isinstance(notes, str) else notes.decode("utf-8", "replace")
    return RunResult([linted], policy_of(chosen))
