"""schema: the output's structure breaks its schema."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.checks._schema_errors import schema_problems
from lint.checks.base import Problem, rule
from lint.model import Severity

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable

NAME = "schema"


@rule(NAME, Severity.ERROR, "The output's structure breaks its schema.", needs=("output",))
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    Validates the output file against the worker's JSON Schema
    (`schemas/<worker>_output.schema.json`): required keys, types, fixed values
    such as `worker_type`, and allowed values such as an HTTP `method`.

    ## Why is this bad?
    The harness and the workers after this one read these keys. A missing key or
    a wrong type breaks them, or silently drops the analysis.

    ## Example
    ```json
    {"analysis_metadata": {"worker_type": "frontend", "files_analyzed": "12"}}
    ```

    ## Use instead
    ```json
    {"analysis_metadata": {"worker_type": "backend", "files_analyzed": 12}}
    ```

    ## Options
    - `schema` (pack): the output's JSON Schema; its failures are reported here unless a subschema's `x-rule` gives them to another rule.
    """
    yield from schema_problems(d, NAME)
