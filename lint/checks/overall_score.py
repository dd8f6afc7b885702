"""overall-score: overall_score is far from the mean of the other scores."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.checks._scores import valid_score
from lint.checks.base import Problem, rule
from lint.model import Severity

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable

NAME = "overall-score"


@rule(NAME, Severity.WARNING, "overall_score is more than 1.0 away from the mean of the other scores.", needs=("output",))
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    Compares `overall_score` with the mean of the area scores the worker's pack
    names (for the backend: API design, database performance, service
    architecture) and reports a difference of more than 1.0. Scores that are not
    valid numbers are left to `score-range`.

    ## Why is this bad?
    The overall score is read as the summary of the others. One far from their
    mean was set by feel, or left over from an earlier draft.

    ## Example
    ```json
    {"api_design_score": 4, "database_performance_score": 5,
     "service_architecture_score": 6, "overall_score": 8}
    ```

    ## Use instead
    ```json
    {"overall_score": 5}
    ```

    ## Options
    - `overall.pointer` (pack): the overall score; without an `[overall]` table the rule does nothing.
    - `overall.mean_of` (pack): the scores whose mean it should be near.
    - `overall.tolerance` (pack): how far from the mean it may be (default 1.0).
    """
    spec = d.pack.overall
    if spec is None:
        return
    overall = valid_score(d.value_at(spec.pointer))
    parts = [valid_score(d.value_at(p)) for p in spec.mean_of]
    scores = [p for p in parts if p is not None]
    if overall is None or len(scores) < len(parts):
        return
    mean = sum(scores) / len(scores)
    if abs(overall - mean) > spec.tolerance + 1e-9:
        yield d.at_pointer(
            spec.pointer,
            f"overall_score is {overall:g}, but the mean of the other scores is {mean:.2f}",
            f"set it within {spec.tolerance:g} of {mean:.2f}, or explain the weighting by rescoring the areas",
        )
