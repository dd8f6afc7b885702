"""file-empty: a deliverable file is empty."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.checks._loading import load_problems
from lint.checks.base import Problem, rule
from lint.model import Severity

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable

NAME = "file-empty"


@rule(NAME, Severity.ERROR, "A deliverable file is empty.", blocks_score=True)
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    Reports a deliverable file with no content, or only white space.

    ## Why is this bad?
    An empty file passes an existence check but carries no analysis.

    ## Example
    `backend_output.json` is 0 bytes long.

    ## Use instead
    The worker's filled-in deliverable.

    ## Options
    None.
    """
    yield from load_problems(d, NAME)
