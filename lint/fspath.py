"""Path resolution that survives links pointing nowhere or in a loop."""

from __future__ import annotations

from pathlib import Path


def safe_resolve(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()
