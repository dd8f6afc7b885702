"""priority-value: a priority or severity is not one of the allowed values."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.checks._schema_errors import schema_problems
from lint.checks.base import Problem, rule
from lint.model import Severity

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable

NAME = "priority-value"


@rule(NAME, Severity.ERROR, "A priority or severity is not one of the allowed values.", needs=("output",), fixable=True)
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    Reports a `priority` (or `severity`) outside the worker's vocabulary, as its
    schema states it. For the backend worker that is `critical`, `high`,
    `medium` or `low`, lower case, exactly.

    ## Why is this bad?
    Statistics and the harness's triage count priorities by exact value:
    `High`, `urgent` or `P1` fall out of every count.

    ## Example
    ```json
    {"priority_actions": [{"action": "Add an index", "priority": "High"}]}
    ```

    ## Use instead
    ```json
    {"priority_actions": [{"action": "Add an index", "priority": "high"}]}
    ```

    ## Fix
    `--fix` corrects the case only (`High` becomes `high`); an unknown word is
    not guessed.

    ## Options
    - `schema` (pack): the output's JSON Schema; the subschemas marked `"x-rule": "priority-value"` list the allowed values.
    """
    yield from schema_problems(d, NAME, fixable=True)
