"""Configuration files: ``[tool.worker-lint]`` in pyproject.toml, or ``.worker-lint.toml``.

The file is found from the linted path upward (the closest wins), or named
with ``--config``. Every key is checked: an unknown setting, a misspelt rule
or a wrong type is a :class:`ConfigError` naming the file, the key and what
was expected.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lint.fspath import absolute, in_harness_data, inside_sessions, is_boundary, looks_like_session, resolved_ancestors
from lint.settings.model import ConfigError, Layer, describe, parse_layer
from lint.settings.toml_files import _read_small, read_toml

CONFIG_NAMES = (".worker-lint.toml", "pyproject.toml")


def find_config(start: Path, looks: FolderLooks | None = None) -> Path | None:
    """The closest configuration file at or above ``start``, up to the project or repository root.

    Folders inside ``Docs/hive-mind`` (the harness's data, sessions among them) are
    passed over, whether the path names them or a link leads into them: a worker
    must not be able to switch the checks off by writing a configuration beside
    its deliverable. The search is made
    along the path as named (made absolute, not resolved), so a sessions folder
    that is a link to somewhere else is still known as one. ``looks`` shares what
    was learnt of each folder between the searches of one run.
    """
    looks = looks if looks is not None else FolderLooks()
    folder = start if start.is_dir() else start.parent
    named = absolute(folder)
    folders = [named, *named.parents]
    outermost = max((i for i, candidate in enumerate(folders) if looks.session(candidate)), default=-1)
    if any(looks.boundary(candidate) and not inside_sessions(candidate) for candidate in folders[: outermost + 1]):
        return None  # a project or repository root that also holds a session's workers/ folder: trusted for nothing
    real = looks.resolved(named)
    for candidate in folders[outermost + 1 :]:  # above the outermost folder that looks like a session
        if in_harness_data(candidate) or in_harness_data(real.get(candidate, candidate)):
            continue
        found = looks.config(candidate)
        if found is not None:
            return found
        if looks.boundary(candidate):
            return None
    return None


class FolderLooks:
    """What the configuration search asks of each folder (does it look like a session, is it a
    root, which configuration file does it hold, where is it really), asked once per folder in
    a run: a thousand sessions share their ancestors. A new run starts afresh."""

    def __init__(self) -> None:
        self._session: dict[Path, bool] = {}
        self._boundary: dict[Path, bool] = {}
        self._config: dict[Path, Path | None] = {}
        self._real: dict[Path, Path] = {}

    def session(self, folder: Path) -> bool:
        if folder not in self._session:
            self._session[folder] = looks_like_session(folder)
        return self._session[folder]

    def boundary(self, folder: Path) -> bool:
        if folder not in self._boundary:
            self._boundary[folder] = is_boundary(folder)
        return self._boundary[folder]

    def config(self, folder: Path) -> Path | None:
        if folder not in self._config:
            self._config[folder] = next((path for path in (folder / name for name in CONFIG_NAMES)
                                         if path.is_file() and (path.name != "pyproject.toml" or _has_tool_table(path))), None)
        return self._config[folder]

    def resolved(self, named: Path) -> dict[Path, Path]:
        """Each folder of ``named`` with where it really is (see :func:`resolved_ancestors`)."""
        if named not in self._real:
            self._real.update(resolved_ancestors(named, self._real))
        return {folder: self._real[folder] for folder in (named, *named.parents)}


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
