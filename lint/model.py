"""The values every part of the linter shares: severities and findings."""

from __future__ import annotations

from typing import NamedTuple

import enum
from pathlib import Path

from lint.records import FrozenRecord, OrderedRecord


class UsageError(Exception):
    """What was asked cannot be done: a bad setting, pack or path (the command line's exit code 2).

    The message names the file, option or key, and says what to do.
    """


class Severity(enum.IntEnum):
    """Ordered so that a fail level compares with ``>=``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {name!r}: expected one of error, warning, info"
            ) from None

    @property
    def label(self) -> str:
        return self.name.lower()


class Finding(OrderedRecord):
    """One problem at one place. Immutable: later steps make new findings.

    Equal, hashed and ordered by every field but ``fix`` (path, line, column, rule, ...).
    """

    __slots__ = ("path", "line", "column", "rule", "message", "hint", "severity", "pointer", "end_line", "end_column", "fix")
    _fields = __slots__
    _compared = __slots__[:-1]

    path: Path
    line: int
    column: int
    rule: str
    message: str
    hint: str
    severity: Severity
    pointer: str | None
    end_line: int | None
    end_column: int | None
    fix: tuple

    def __init__(self, path: Path, line: int, column: int, rule: str, message: str, hint: str = "",
                 severity: Severity = Severity.ERROR, pointer: str | None = None, end_line: int | None = None,
                 end_column: int | None = None, fix: tuple = ()) -> None:
        put = object.__setattr__
        put(self, "path", path)
        put(self, "line", line)
        put(self, "column", column)
        put(self, "rule", rule)
        put(self, "message", message)
        put(self, "hint", hint)
        put(self, "severity", severity)
        put(self, "pointer", pointer)
        put(self, "end_line", end_line)
        put(self, "end_column", end_column)
        put(self, "fix", fix)

    @property
    def fixable(self) -> bool:
        return bool(self.fix)

    def with_severity(self, severity: Severity) -> Finding:
        return self.replaced(severity=severity)


class Elided(FrozenRecord):
    """Findings of one rule in one file beyond the listing cap: counted, not listed."""

    __slots__ = ("path", "rule", "severity", "count", "fixable")
    _fields = __slots__

    path: Path
    rule: str
    severity: Severity
    count: int
    fixable: int  # how many of them --fix can fix

    def __init__(self, path: Path, rule: str, severity: Severity, count: int, fixable: int = 0) -> None:
        put = object.__setattr__
        put(self, "path", path)
        put(self, "rule", rule)
        put(self, "severity", severity)
        put(self, "count", count)
        put(self, "fixable", fixable)


class Position(NamedTuple):
    """A 1-based line and column in a file."""

    line: int
    column: int
