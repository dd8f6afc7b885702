"""json-syntax: the output file is not strict JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.checks._loading import load_problems
from lint.checks.base import Problem, rule
from lint.model import Severity

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable

NAME = "json-syntax"


@rule(NAME, Severity.ERROR, "The output file is not strict JSON.", blocks_score=True)
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    Reads the output file as strict JSON (RFC 8259) and reports the first place
    where it is not: a trailing comma, a comment, single quotes, `NaN` or
    `Infinity`, an unclosed string, or invalid UTF-8.

    ## Why is this bad?
    The harness and every later step parse the file with a strict parser. A file
    that only a lenient parser accepts breaks the next step, far from its cause.

    ## Example
    ```json
    {"scores": {"overall_score": NaN,}}
    ```

    ## Use instead
    ```json
    {"scores": {"overall_score": 6.5}}
    ```

    ## Options
    None.
    """
    yield from load_problems(d, NAME)
