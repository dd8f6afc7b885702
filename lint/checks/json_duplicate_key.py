"""json-duplicate-key: a key is defined twice in one JSON object."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.checks.base import Problem, rule
from lint.model import Severity

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable

NAME = "json-duplicate-key"


@rule(NAME, Severity.ERROR, "A key is defined twice in one JSON object.", needs=("output",))
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    Reports every key that appears a second time in the same JSON object.

    ## Why is this bad?
    JSON parsers disagree on duplicates: most silently keep the last value, so
    the first one (often the one the worker meant to fill in) is lost.

    ## Example
    ```json
    {"scores": {"api_design_score": 7, "api_design_score": 0}}
    ```

    ## Use instead
    ```json
    {"scores": {"api_design_score": 7}}
    ```

    ## Options
    None.
    """
    doc = d.output
    if doc is None:
        return
    for duplicate in doc.duplicates:
        line, column = doc.index.position(duplicate.offset)
        first_line, _ = doc.index.position(duplicate.first_offset)
        yield Problem(
            d.output_path,
            line,
            column,
            f"key '{duplicate.key}' is defined again (first on line {first_line}); "
            "only one of the values survives parsing",
            "keep one definition of the key",
            pointer=duplicate.pointer,
        )
