"""session-mismatch: the output's session id differs from the session folder's name."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.checks.base import Problem, rule
from lint.model import Severity
from lint.analysis.template_residue import SETUP_VARIABLE

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable

NAME = "session-mismatch"


@rule(NAME, Severity.ERROR, "The output's session id differs from the session folder's name.", needs=("output",))
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    Compares `analysis_metadata.session_id` with the name of the session folder
    the deliverable sits in (`Docs/hive-mind/sessions/<session_id>/`). Files
    linted outside a session folder are not checked.

    ## Why is this bad?
    The harness files results by session id. A deliverable copied from another
    session, or written for the wrong one, is attributed to the wrong run.

    ## Example
    In `sessions/2025-09-14-10-30-payment-api-audit/`:
    ```json
    {"analysis_metadata": {"session_id": "2025-09-13-09-00-payment-api-audit"}}
    ```

    ## Use instead
    ```json
    {"analysis_metadata": {"session_id": "2025-09-14-10-30-payment-api-audit"}}
    ```

    ## Options
    - `metadata.session_id` (pack): where the output holds its session id; without it the rule does nothing.
    """
    expected = d.unit.session_id
    pointer = d.pack.session_id_pointer
    if expected is None or pointer is None:
        return
    value = d.value_at(pointer)
    if not isinstance(value, str) or SETUP_VARIABLE.search(value):
        return
    if value != expected:
        yield d.at_pointer(pointer, f"session_id is '{value}' but the session folder is '{expected}'", f"set it to '{expected}'")
