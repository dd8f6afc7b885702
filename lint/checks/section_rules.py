"""Rules about the notes' sections: present and filled."""

from __future__ import annotations

import re
from typing import Iterator

from lint.checks.base import Problem, rule
from lint.model import Severity

_RULE_LINE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")


@rule("section-missing", Severity.ERROR, "A section the worker's pack requires is absent.", needs=("notes",))
def check_missing(d) -> Iterator[Problem]:
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
    """
    for title in d.pack.required_sections:
        if d.facts.find_section(title) is None:
            yield d.at_line(1, 1, f"required section '{title}' is missing", f"add a '## {title}' section")


def _has_own_content(d, section) -> bool:
    prose = d.notes.prose
    skip = d.facts.instruction_lines
    code = d.notes.code_lines
    for number in section.body_lines:
        if number in code:
            return True
        text = prose[number - 1].strip()
        if text and number not in skip and not _RULE_LINE.match(text):
            return True
    return False


@rule("section-empty", Severity.ERROR, "A section has no content of its own and no filled subsection.", needs=("notes",))
def check_empty(d) -> Iterator[Problem]:
    """
    ## What it does
    Reports a heading with nothing under it: no text of its own and no
    subsection with content. A `##` group whose `###` subsections carry the text
    is not empty, and the `#` title needs no text of its own. Template
    instruction lines, HTML comments and horizontal rules are not content.

    ## Why is this bad?
    An empty section promises an analysis that is not there. A section that
    does not apply should say why, with evidence, or be removed.

    ## Example
    ```markdown
    ### Background Job Processing

    ### Caching Strategies
    ```

    ## Use instead
    ```markdown
    ### Background Job Processing
    Not applicable: the service runs no background jobs (no queue client in
    `/srv/app/requirements.txt:1-40`).
    ```
    """
    for section in d.notes.iter_sections():
        # A parent with subsections is judged through them: each empty one is reported.
        if not section.children and not _has_own_content(d, section):
            heading = section.heading
            yield d.at_line(
                heading.line,
                1,
                f"section '{heading.title}' is empty",
                "write its analysis, say why it does not apply (with evidence), or remove it",
            )
