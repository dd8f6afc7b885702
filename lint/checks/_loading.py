"""What the loading rules share: each reports the load problems that name it."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.checks.base import Problem

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable


def load_problems(d: Deliverable, rule_name: str) -> Iterator[Problem]:
    """The problems met loading the notes or the output that belong to ``rule_name``."""
    for load in (d.notes_load, d.output_load):
        problem = load.problem
        if problem is not None and problem.rule == rule_name:
            yield Problem(load.path, problem.line, problem.column, problem.message, problem.hint)
