"""Configuration files: ``[tool.worker-lint]`` in pyproject.toml, or ``.worker-lint.toml``.

The file is found from the linted path upward (the closest wins), or named
with ``--config``. Every key is checked: an unknown setting, a misspelt rule
or a wrong type is a :class:`ConfigError` naming the file, the key and what
was expected.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from pathlib import Path

from lint.fspath import above_sessions, absolute, in_harness_data, is_boundary, resolved_ancestors, session_like_boundary
from lint.settings.model import ConfigError, Layer, describe, parse_layer
from lint.settings.toml_files import _read_small, read_toml

CONFIG_NAMES = (".worker-lint.toml", "pyproject.toml")


def find_config(start: Path) -> Path | None:
    """The closest configuration file at or above ``start``, up to the project or repository root.

    Folders inside ``Docs/hive-mind`` (the harness's data, sessions among them) are
    passed over, whether the path names them or a link leads into them: a worker
    must not be able to switch the checks off by writing a configuration beside
    its deliverable. The search is made
    along the path as named (made absolute, not resolved), so a sessions folder
    that is a link to somewhere else is still known as one.
    """
    folder = start if start.is_dir() else start.parent
    named = absolute(folder)
    folders = [named, *named.parents]
    if session_like_boundary(folders):
        return None  # a project or repository root that also holds a session's workers/ folder: trusted for nothing
    real = resolved_ancestors(named)
    for candidate in above_sessions(folders):
        if in_harness_data(candidate) or in_harness_data(real.get(candidate, candidate)):
            continue
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file() and (name != "pyproject.toml" or _has_tool_table(path)):
                return path
        if is_boundary(candidate):
            return None
    return None


def _has_tool_table(path: Path) -> bool:
    """Whether a pyproject.toml has a worker-lint table; one that cannot be read is passed
    to the loader when it mentions the table, so that the error names the file."""
    try:
        data = _read_small(path)
    except OSError:
        return False
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
