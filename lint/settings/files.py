"""Configuration files: ``[tool.worker-lint]`` in pyproject.toml, or ``.worker-lint.toml``.

The file is found from the linted path upward (the closest wins), or named
with ``--config``. Every key is checked: an unknown setting, a misspelt rule
or a wrong type is a :class:`ConfigError` naming the file, the key and what
was expected.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from lint.fspath import absolute, in_harness_data, inside_sessions, is_boundary, looks_like_session
from lint.settings.model import ConfigError, Layer, describe, parse_layer
from lint.settings.toml_files import _read_small, read_toml

CONFIG_NAMES = (".worker-lint.toml", "pyproject.toml")


def find_config(start: Path, looks: FolderLooks | None = None) -> Path | None:
    """The closest configuration file at or above ``start``, up to the project or repository root.

    Folders inside ``Docs/hive-mind`` (the harness's data, sessions among them) are
    passed over, whether the path names them or a link leads into them: a worker
    must not be able to switch the checks off by writing a configuration beside
    its deliverable. The search starts above the outermost folder that looks like
    a session, and finds nothing when a project or repository root lies at or below
    it (outside a sessions tree). It is made along the path as named (made absolute,
    not resolved), so a sessions folder that is a link to somewhere else is still
    known as one. ``looks`` shares what was learnt of each folder between the
    searches of one run.
    """
    looks = looks if looks is not None else FolderLooks()
    folder = start if start.is_dir() else start.parent
    return looks.closest_config(absolute(folder))


class FolderLooks:
    """What the configuration search learns of each folder (does it look like a session, is it a
    root, which configuration file does it hold, where is it really, what does a search from it
    find), learnt once per folder in a run: a thousand sessions share their ancestors, and each
    costs the look at its own folder. A new run starts afresh."""

    def __init__(self) -> None:
        self._config: dict[Path, Path | None] = {}
        self._real: dict[str, Path] = {}
        self._sessions: dict[str, tuple[Path | None, bool]] = {}  # folder: (outermost session at or above it, a root below that)
        self._found: dict[str, Path | None] = {}  # folder: what the upward search from it finds

    def closest_config(self, named: Path) -> Path | None:
        """:func:`find_config` for an absolute, normalised folder."""
        session, blocked = self._session_above(named)
        if blocked:
            return None  # a project or repository root that also holds a session's workers/ folder: trusted for nothing
        if session is None:
            return self._search(named)
        return self._search(session.parent) if session.parent != session else None

    def _chain(self, folder: Path, known: dict) -> list[Path]:
        """``folder`` and its parents up to the first one in ``known`` (or the top), from the top down."""
        chain = []
        while str(folder) not in known:
            chain.append(folder)
            if folder.parent == folder:
                break
            folder = folder.parent
        chain.reverse()
        return chain

    def _session_above(self, folder: Path) -> tuple[Path | None, bool]:
        """The outermost folder at or above ``folder`` that looks like a session, and whether a
        root (not in a sessions tree) lies at or below that one."""
        known = self._sessions
        for here in self._chain(folder, known):
            above = known.get(str(here.parent), (None, False)) if here.parent != here else (None, False)
            if above[0] is not None:
                known[str(here)] = (above[0], above[1] or (not inside_sessions(here) and is_boundary(here)))
            elif looks_like_session(here):
                known[str(here)] = (here, not inside_sessions(here) and is_boundary(here))
            else:
                known[str(here)] = (None, False)
        return known[str(folder)]

    def _search(self, folder: Path) -> Path | None:
        """The first configuration file from ``folder`` upward, passing over the harness's data,
        stopping at a project or repository root (nothing above one is looked at)."""
        found = self._found
        passed = []  # the folders walked through: a search from any of them ends where this one does
        here: Path | None = folder
        result: Path | None = None
        while here is not None:
            if str(here) in found:
                result = found[str(here)]
                break
            passed.append(here)
            if not (in_harness_data(here) or in_harness_data(self._real_path(here))):
                result = self.config(here)
                if result is not None or is_boundary(here):
                    break
            here = here.parent if here.parent != here else None
        for walked in passed:
            found[str(walked)] = result
        return result

    def _real_path(self, folder: Path) -> Path:
        """Where ``folder`` really is, worked out from the top down: one link test per folder."""
        real = self._real
        for here in self._chain(folder, real):
            parent = real.get(str(here.parent)) if here.parent != here else None
            if parent is None:
                real[str(here)] = here
                continue
            step = parent / here.name
            try:
                real[str(here)] = Path(os.path.realpath(step)) if os.path.islink(step) else step
            except (OSError, ValueError):
                real[str(here)] = step
        return real[str(folder)]

    def config(self, folder: Path) -> Path | None:
        if folder not in self._config:
            self._config[folder] = next((path for path in (folder / name for name in CONFIG_NAMES)
                                         if path.is_file() and (path.name != "pyproject.toml" or _has_tool_table(path))), None)
        return self._config[folder]


def _has_tool_table(path: Path) -> bool:
    """Whether a pyproject.toml has a worker-lint table; one that cannot be read is passed
    to the loader when it mentions the table, so that the error names the file."""
    try:
        data = _read_small(path)
    except OSError:
        return False
    import tomllib  # only a run that finds a pyproject.toml pays for the parser

    try:
        tool = tomllib.loads(data.decode("utf-8")).get("tool", {})
        return not isinstance(tool, dict) or "worker-lint" in tool  # a "tool" that is no table: the loader says so
    except (ValueError, RecursionError):  # not TOML, or not UTF-8: load_config will say where
        return b"[tool.worker-lint" in data


def load_config(path: Path, known_rules: Sequence[str]) -> Layer:
    data = read_toml(path, ConfigError, "configuration")
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(f"{path}: 'tool' must be a table, found {describe(tool)}; write the settings under [tool.worker-lint]")
        table = tool.get("worker-lint", {})
        prefix = "tool.worker-lint."
    else:
        table, prefix = data, ""
    return parse_layer(table, path, prefix, known_rules)
