"""What a rule is, and the registry that collects them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, NamedTuple
from collections.abc import Callable, Iterable

from lint.model import Severity

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable


class Edit(NamedTuple):
    """Replace the text from (line, column) up to (end_line, end_column), 1-based."""

    path: Path
    line: int
    column: int
    end_line: int
    end_column: int
    text: str


class Problem(NamedTuple):
    """A rule's report before the engine names it and gives it a severity."""

    path: Path
    line: int
    column: int
    message: str
    hint: str = ""
    pointer: str | None = None
    end_line: int | None = None
    end_column: int | None = None
    fix: tuple[Edit, ...] = ()
    severity: Severity | None = None  # a pack may lower one check's severity


Check = Callable[["Deliverable"], Iterable[Problem]]
CheckFunction = TypeVar("CheckFunction", bound=Check)


class Rule(NamedTuple):
    """A check with its public name, default severity and documentation.

    ``needs`` names the files the rule reads; the engine skips the rule for a
    deliverable when one of them is missing or could not be loaded.
    """

    name: str
    severity: Severity
    summary: str
    needs: frozenset[str]
    check: Check
    fixable: bool = False
    decided: bool = False  # reported by the engine's decision step, not by check()
    blocks_score: bool = False  # its finding means the deliverable could not be checked: it scores 0.0

    @property
    def documentation(self) -> str:
        import inspect  # documentation only: a run does not pay for it

        return inspect.cleandoc(self.check.__doc__ or self.summary)


REGISTRY: dict[str, Rule] = {}


def rule(
    name: str,
    severity: Severity,
    summary: str,
    needs: Iterable[str] = (),
    fixable: bool = False,
    decided: bool = False,
    blocks_score: bool = False,
) -> Callable[[CheckFunction], CheckFunction]:
    """Register the decorated ``check(deliverable)`` as a rule; the function is returned unchanged."""

    def register(check: CheckFunction) -> CheckFunction:
        if name in REGISTRY:
            raise ValueError(f"rule {name} is registered twice")
        REGISTRY[name] = Rule(name, severity, summary, frozenset(needs), check, fixable, decided, blocks_score)
        return check

    return register
