"""score-range: a score is not a number from 0 to 10."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.checks._schema_errors import schema_problems
from lint.checks.base import Problem, rule
from lint.model import Severity

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable

NAME = "score-range"


@rule(NAME, Severity.ERROR, "A score is not a number from 0 to 10.", needs=("output",))
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    Reports a score under `scores` that is not a JSON number from 0 to 10
    inclusive: a string (`"7"`), a boolean, `null`, a negative number, or more
    than 10.

    ## Why is this bad?
    Scores are compared, averaged and gated on by the harness. `true` is 1 to
    some languages and `"7"` sorts after `"10"`: only a number means one thing.

    ## Example
    ```json
    {"scores": {"api_design_score": "7", "overall_score": 11}}
    ```

    ## Use instead
    ```json
    {"scores": {"api_design_score": 7, "overall_score": 6.5}}
    ```

    ## Options
    - `schema` (pack): the output's JSON Schema; the subschemas marked `"x-rule": "score-range"` are the scores.
    """
    yield from schema_problems(d, NAME)
