"""The few choices a reporter needs, and nothing else of the command line."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from lint.model import Severity


@dataclass(frozen=True)
class ReportOptions:
    fail_level: Severity = Severity.ERROR
    color: bool | None = None
    base: Path | None = None

    def show(self, path: Path) -> str:
        """A path relative to the working folder when it lies below it."""
        base = self.base or Path.cwd()
        try:
            return os.path.relpath(path, base) if path.resolve().is_relative_to(base.resolve()) else str(path)
        except (OSError, ValueError):
            return str(path)
