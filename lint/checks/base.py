"""What a rule is, and the registry that collects them."""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Callable, Iterable

from lint.model import Severity


@dataclass(frozen=True, order=True)
class Edit:
    """Replace the text from (line, column) up to (end_line, end_column), 1-based."""

    path: object
    line: int
    column: int
    end_line: int
    end_column: int
    text: str


@dataclass(frozen=True)
class Problem:
    """A rule's report before the engine names it and gives it a severity."""

    path: object
    line: int
    column: int
    message: str
    hint: str = ""
    pointer: str | None = None
    end_line: int | None = None
    end_column: int | None = None
    fix: tuple[Edit, ...] = ()
    severity: Severity | None = None  # a pack may lower one check's severity


@dataclass(frozen=True)
class Rule:
    """A check with its public name, default severity and documentation.

    ``needs`` names the files the rule reads; the engine skips the rule for a
    deliverable when one of them is missing or could not be loaded.
    """

    name: str
    severity: Severity
    summary: str
    needs: frozenset[str]
    check: Callable[..., Iterable[Problem]]
    fixable: bool = False
    decided: bool = False  # reported by the engine's decision step, not by check()

    @property
    def documentation(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or self.summary)


REGISTRY: dict[str, Rule] = {}


def rule(
    name: str,
    severity: Severity,
    summary: str,
    needs: Iterable[str] = (),
    fixable: bool = False,
    decided: bool = False,
):
    """Register the decorated ``check(deliverable)`` as a rule."""

    def register(check: Callable[..., Iterable[Problem]]) -> Callable[..., Iterable[Problem]]:
        if name in REGISTRY:
            raise ValueError(f"rule {name} is registered twice")
        REGISTRY[name] = Rule(name, severity, summary, frozenset(needs), check, fixable, decided)
        return check

    return register
