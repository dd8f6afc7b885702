"""The values every part of the linter shares: severities and findings."""

from __future__ import annotations

from typing import NamedTuple

import enum
from dataclasses import dataclass, field, replace
from pathlib import Path


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


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place. Immutable: later steps make new findings."""

    path: Path
    line: int
    column: int
    rule: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR
    pointer: str | None = None
    end_line: int | None = None
    end_column: int | None = None
    fix: tuple = field(default=(), compare=False, repr=False)

    @property
    def fixable(self) -> bool:
        return bool(self.fix)

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)


@dataclass(frozen=True)
class Elided:
    """Findings of one rule in one file beyond the listing cap: counted, not listed."""

    path: Path
    rule: str
    severity: Severity
    count: int
    fixable: int = 0  # how many of them --fix can fix


class Position(NamedTuple):
    """A 1-based line and column in a file."""

    line: int
    column: int
