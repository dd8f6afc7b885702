"""section-missing: a section the worker's pack requires is absent."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.checks.base import Problem, rule
from lint.model import Severity

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable

NAME = "section-missing"


@rule(NAME, Severity.ERROR, "A section the worker's pack requires is absent.", needs=("notes",))
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    Reports each section the worker's pack requires (for every worker at least
    the `## Executive Summary`) that no heading in the notes names. Headings
    match by their text, ignoring case and inline markup; headings inside code
    blocks do not count.

    ## Why is this bad?
    The harness and the reader look for these sections by name; the Executive
    Summary carries the scores the JSON is checked against.

    ## Example
    A notes file whose first section is `## Summary`.

    ## Use instead
    ```markdown
    ## Executive Summary
    - **API Design Score**: 7/10
    ```

    ## Options
    - `sections.required` (pack): the titles of the sections the notes must have.
    """
    facts = d.facts
    if facts is None:
        return
    for title in d.pack.required_sections:
        if facts.find_section(title) is None:
            yield d.at_line(1, 1, f"required section '{title}' is missing", f"add a '## {title}' section")
