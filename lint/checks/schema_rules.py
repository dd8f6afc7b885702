"""Rules reported from the output schema, each under its own name.

The schema marks a subschema with ``x-rule`` to say which rule owns its
failures; every unmarked failure belongs to ``schema``.
"""

from __future__ import annotations

import json
from typing import Iterator

from lint.checks.base import Problem, rule
from lint.model import Severity


def _errors(d, rule_name: str, fixable: bool = False) -> Iterator[Problem]:
    for error in d.schema_errors:
        if error.rule == rule_name:
            edit = None
            if fixable and error.replacement is not None:
                edit = d.replace_value(error.pointer, json.dumps(error.replacement, ensure_ascii=False))
            yield d.at_pointer(error.pointer, error.message, error.hint, key=error.at_key, fix=[edit] if edit else ())


@rule("schema", Severity.ERROR, "The output's structure breaks its schema.", needs=("output",))
def check_schema(d) -> Iterator[Problem]:
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
    """
    yield from _errors(d, "schema")


@rule("score-range", Severity.ERROR, "A score is not a number from 0 to 10.", needs=("output",))
def check_score_range(d) -> Iterator[Problem]:
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
    """
    yield from _errors(d, "score-range")


@rule("priority-value", Severity.ERROR, "A priority or severity is not one of the allowed values.", needs=("output",), fixable=True)
def check_priority_value(d) -> Iterator[Problem]:
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
    """
    yield from _errors(d, "priority-value", fixable=True)
