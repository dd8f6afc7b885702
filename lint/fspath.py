"""Path resolution that survives links pointing nowhere or in a loop."""

from __future__ import annotations

from pathlib import Path


def safe_resolve(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


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
