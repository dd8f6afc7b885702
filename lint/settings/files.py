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

from lint.fspath import safe_resolve
from lint.settings.model import ConfigError, Layer, describe, parse_layer
from lint.settings.toml_files import read_toml

CONFIG_NAMES = (".worker-lint.toml", "pyproject.toml")


def _inside_sessions(folder: Path) -> bool:
    """A folder in ``Docs/hive-mind/sessions``: written by the workers being checked."""
    parts = folder.parts
    return any(parts[i : i + 3] == ("Docs", "hive-mind", "sessions") for i in range(len(parts) - 2))


def find_config(start: Path) -> Path | None:
    """The closest configuration file at or above ``start``.

    Folders inside a sessions tree are passed over: a worker must not be able to
    switch the checks off by writing a configuration beside its deliverable.
    """
    folder = start if start.is_dir() else start.parent
    start_folder = safe_resolve(folder)
    for candidate in [start_folder, *start_folder.parents]:
        if _inside_sessions(candidate):
            continue
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file() and (name != "pyproject.toml" or _has_tool_table(path)):
                return path
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return "worker-lint" in tomllib.load(handle).get("tool", {})
    except (OSError, ValueError):  # not TOML, or not UTF-8: load_config will say where
        return "[tool.worker-lint" in path.read_text(encoding="utf-8", errors="replace")


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
