"""The few choices a reporter needs, and nothing else of the command line."""

from __future__ import annotations

import os
from pathlib import Path

from lint.fspath import absolute, logical_cwd, safe_resolve
from lint.records import FrozenRecord
from lint.shown import printable


class ReportOptions(FrozenRecord):
    __slots__ = ("color", "base", "quiet", "_shown")
    _fields = __slots__
    _compared = __slots__[:-1]

    color: bool | None
    base: Path | None
    quiet: bool  # the findings only: no per-deliverable lines, no summary, nothing on success
    _shown: dict  # each path as shown, worked out once

    def __init__(self, color: bool | None = None, base: Path | None = None, quiet: bool = False, _shown: dict | None = None) -> None:
        put = object.__setattr__
        put(self, "color", color)
        put(self, "base", base)
        put(self, "quiet", quiet)
        put(self, "_shown", {} if _shown is None else _shown)

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
