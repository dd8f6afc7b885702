"""code-fence-unclosed: a fenced code block in the notes is never closed."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.checks.base import Problem, rule
from lint.model import Severity

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable

NAME = "code-fence-unclosed"


@rule(NAME, Severity.ERROR, "A fenced code block in the notes is never closed.", needs=("notes",))
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    Reports a fenced code block (opened with three backticks or tildes) that
    runs to the end of the notes because its closing fence is missing.

    ## Why is this bad?
    Everything after the opening fence becomes code: headings stop being
    sections, and the rest of the report is no longer checked at all. Rendered,
    the report turns into one long code block.

    ## Example
    ````markdown
    ```python
    retry(max_attempts=3)

    ## Database Design
    ````

    ## Use instead
    ````markdown
    ```python
    retry(max_attempts=3)
    ```

    ## Database Design
    ````

    ## Options
    None.
    """
    notes = d.notes
    if notes is None:
        return
    for line in notes.unclosed_fences:
        yield d.at_line(line, 1, f"the code block opened here is never closed: the remaining {len(notes.lines) - line} lines are read as code", "close it with a fence line of the same backticks or tildes")
