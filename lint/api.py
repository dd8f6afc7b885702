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
from pathlib import Path

from lint.discover import SESSIONS, Unit
from lint.engine.results import Policy, RunResult
from lint.packs import PackRegistry
from lint.configured import ClosestSettings
from lint.settings import Layer, Settings, file_layer, merge, resolve

PathLike = str | Path
IN_MEMORY = Path("<memory>")  # where in-memory contents are said to be; nothing is read there


class Plan:
    """The deliverables a run will lint, each with its settings, and what discovery has to say about the rest."""

    def __init__(self, groups: list[tuple[Settings, list[Unit]]] | None = None, warnings: list[str] | None = None,
                 skipped: list[str] | None = None) -> None:
        self.groups = groups if groups is not None else []  # deliverables linted with the same settings
        self.warnings = warnings if warnings is not None else []  # links not searched
        self.skipped = skipped if skipped is not None else []  # files of workers without a pack

    @property
    def units(self) -> list[Unit]:
        return [unit for _, units in self.groups for unit in units]


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


def plan(targets: list[Path], settings: Settings, worker: str | None = None, sessions: list[Path] | None = None,
         closest: ClosestSettings | None = None) -> Plan:
    """Discover the deliverables in ``targets`` (any paths) and ``sessions`` (session folders
    named by id: only their own deliverables) with ``settings``, and drop those excluded: by
    ``settings``, or, given ``closest``, by the configuration closest to each deliverable,
    which it is then linted with."""
    from lint.discover import Discovery, discover, from_session

    registry = PackRegistry.bundled(list(settings.packs))
    found = discover(targets, registry, worker, follow_symlinks=settings.follow_symlinks) if targets else Discovery([])
    for folder in sessions or []:
        more = from_session(folder, registry, worker, settings.follow_symlinks)
        found.units.extend(more.units)
        found.unowned.extend(more.unowned)
    if not found.units and not found.unowned:
        from lint.discover import NothingToLint

        raise NothingToLint(f"nothing to lint in {', '.join(str(s) for s in sessions or targets)}: no deliverable in its workers/ folder")
    groups: dict[int, tuple[Settings, list[Unit]]] = {}
    for unit in found.units:
        own = closest.at(_home(unit)) if closest is not None else settings
        if not (own.excluded(unit.notes_path) or own.excluded(unit.output_path)):
            groups.setdefault(id(own), (own, []))[1].append(unit)
    skipped = [o.note(registry.workers) for o in found.unowned if not all(settings.excluded(p) for p in o.paths)]
    return Plan(list(groups.values()), list(found.notes), skipped)


def plan_paths(targets: list[Path], options: Layer | None, worker: str | None = None, sessions: list[Path] | None = None,
               config: Path | None = None, isolated: bool = False) -> Plan:
    """Plan as ``worker-lint check`` does: with ``config`` (or nothing, ``isolated``) for every
    path, or else each path searched with the configuration closest to it and each deliverable
    linted with the one closest to it (see :mod:`lint.configured`)."""
    from lint.discover import NothingToLint

    if config is not None or isolated:
        return plan(targets, merge(file_layer(None, config, isolated), options), worker, sessions)
    closest = ClosestSettings(options)
    named: dict[Path | None, tuple[list[Path], list[Path]]] = {}
    for target in targets:
        named.setdefault(closest.config_file(target), ([], []))[0].append(target)
    for folder in sessions or []:
        named.setdefault(closest.config_file(folder), ([], []))[1].append(folder)
    plans: list[Plan] = []
    empty: NothingToLint | None = None
    for config_file, (paths, session_folders) in named.items():
        try:
            plans.append(plan(paths, closest.of_file(config_file), worker, session_folders, closest))
        except NothingToLint as error:
            empty = empty or error
    if not plans and empty is not None:
        raise empty
    return _joined(plans)


def _home(unit: Unit) -> Path:
    """Where a deliverable's configuration is looked for: its session, or its own folder."""
    return unit.session_dir if unit.session_dir is not None else unit.notes_path.parent


def _joined(plans: list[Plan]) -> Plan:
    """One plan of several; a deliverable found from two paths is linted once."""
    from lint.fspath import Resolver

    resolve = Resolver()
    seen: set[tuple[str, str]] = set()
    groups: dict[int, tuple[Settings, list[Unit]]] = {}
    joined = Plan()
    for part in plans:
        for settings, units in part.groups:
            for unit in units:
                key = (resolve.text(unit.notes_path), resolve.text(unit.output_path))
                if key not in seen:
                    seen.add(key)
                    groups.setdefault(id(settings), (settings, []))[1].append(unit)
        joined.warnings.extend(w for w in part.warnings if w not in joined.warnings)
        joined.skipped.extend(s for s in part.skipped if s not in joined.skipped)
    joined.groups = list(groups.values())
    return joined


def run(work: Plan, jobs: int = 1, cache_dir: Path | None = None,
        advance: Callable[[int], None] | None = None) -> RunResult:
    """Lint the planned deliverables, each group with its settings; ``cache_dir`` keeps and reuses results there."""
    from lint.engine import RuleSettings, lint_units

    parts = []
    for settings, units in work.groups:
        rule_settings = RuleSettings.from_settings(settings)
        cache = None
        if cache_dir is not None:
            from lint.engine.cache import ResultCache

            cache = ResultCache(cache_dir, rule_settings)
        part = lint_units(units, rule_settings, jobs, advance, cache, policy_of(settings))
        for unit in part.units:
            unit.read_limit = settings.max_bytes
        parts.append(part)
    result = RunResult.joined(parts)
    result.notes = work.warnings + work.skipped + unchecked_notes(result)
    return result


def unchecked_notes(result: RunResult) -> list[str]:
    """One note for the deliverables whose evidence lies under no known source root."""
    examples = [unit.unchecked for unit in result.units if unit.unchecked]
    if not examples:
        return []
    from lint.analysis.evidence_facts import MAPPING_HINT

    count = len(examples)
    return [f"{count} deliverable{'s' if count != 1 else ''} cite{'' if count != 1 else 's'} absolute paths under no known source root "
            f"(such as {examples[0]}), so {'their' if count != 1 else 'its'} evidence was not checked; {MAPPING_HINT}"]


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

    Without ``settings``, each deliverable is linted with the configuration file
    closest to it (or ``config``; none with ``isolated``). Raises
    :class:`lint.UsageError` when the paths or the settings cannot be used.
    """
    targets = [Path(paths)] if isinstance(paths, (str, Path)) else [Path(p) for p in paths]
    if not targets:
        from lint.discover import DiscoveryError

        raise DiscoveryError("nothing to lint: give a path")
    work = plan(targets, settings_for(None, settings, config, isolated), worker) if settings is not None else \
        plan_paths(targets, None, worker, config=Path(config) if config is not None else None, isolated=isolated)
    return run(work, _jobs(jobs), Path(cache_dir) if cache_dir is not None else None)


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
    from lint.fspath import logical_cwd

    return session_folder(session, Path(project) if project is not None else logical_cwd())


@_usage_errors
def lint_session(session: PathLike, *, project: PathLike | None = None, worker: str | None = None, settings: Settings | None = None,
                 config: PathLike | None = None, isolated: bool = False, jobs: int = 1, cache_dir: PathLike | None = None) -> RunResult:
    """One session: by its id (a plain name) in the project at ``project`` (default: found upward
    from the current folder, as the harness finds it), or by its folder (a ``Path``). Only the
    session's own ``workers/notes`` and ``workers/json`` files are linted."""
    folder = _session_dir(session, project)
    work = plan([], settings_for(None, settings, config, isolated), worker, [folder]) if settings is not None else \
        plan_paths([], None, worker, [folder], Path(config) if config is not None else None, isolated)
    return run(work, _jobs(jobs), Path(cache_dir) if cache_dir is not None else None)


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
