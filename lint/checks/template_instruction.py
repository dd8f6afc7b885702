"""template-instruction: a template instruction line is left in the notes."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.checks.base import Problem, rule
from lint.model import Severity

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable

NAME = "template-instruction"


@rule(NAME, Severity.ERROR, "A template instruction line is left in the notes.", needs=("notes",))
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    Reports the template's italic instruction paragraphs left in the notes: the
    lines starting `*REQUIRED:` under each heading, the `*MANDATORY ...*`
    line of the closing evidence block, and a line wholly in italics that tells
    the worker what to do (`*Analyze how technologies fit within the existing
    stack*`, starting with a verb such as Analyze, Examine, Identify, Evaluate,
    Recommend, Consider, Prepare, Document). A paragraph that runs over several
    lines is reported once, at its first line. Text in code blocks is not
    checked.

    ## Why is this bad?
    The instructions tell the worker what to write. Left in place, they show a
    section was never worked through, and they read as part of the report.

    ## Example
    ```markdown
    ### Caching Strategies
    *REQUIRED: Describe the caching layers and how entries are invalidated.*
    ```

    ## Use instead
    ```markdown
    ### Caching Strategies
    Redis caches account lookups for 60 s (`/srv/app/cache.py:14`); writes
    invalidate by key.
    ```

    ## Options
    None.
    """
    notes, facts = d.notes, d.facts
    if notes is None or facts is None:
        return
    for start, end in facts.instruction_spans:
        text = notes.line(start).strip()
        lines = f"lines {start}-{end}" if end > start else f"line {start}"
        yield d.at_line(
            start,
            notes.line(start).index(text[0]) + 1 if text else 1,
            f"template instruction left in the notes ({lines}): {text[:60]}{'…' if len(text) > 60 else ''}",
            "write the analysis it asks for, then delete the instruction",
        )
