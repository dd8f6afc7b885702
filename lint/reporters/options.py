"""The few choices a reporter needs, and nothing else of the command line."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from lint.fspath import absolute, logical_cwd, safe_resolve
from lint.shown import printable


@dataclass(frozen=True)
class ReportOptions:
    color: bool | None = None
    base: Path | None = None
    quiet: bool = False  # the findings only: no per-deliverable lines, no summary, nothing on success
    _shown: dict = field(default_factory=dict, compare=False, repr=False)

    def show(self, path: Path) -> str:
        """A path relative to the working folder when it lies below it, printable (a name
        from the tree may hold control characters or bytes that are not UTF-8)."""
        if path not in self._shown:
            self._shown[path] = printable(self._relative(path))
        return self._shown[path]

    def _relative(self, path: Path) -> str:
        base = (self.base or Path.cwd()).resolve()
        try:
            # As named first: a symbolic link is shown where it is, not where it leads.
            named = absolute(path)
            here = absolute(self.base) if self.base is not None else logical_cwd()
            if named.is_relative_to(here):
                return os.path.relpath(named, here)
            resolved = safe_resolve(path)
            return os.path.relpath(resolved, base) if resolved.is_relative_to(base) else str(path)
        except (OSError, ValueError):
            return str(path)
