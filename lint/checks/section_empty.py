"""section-empty: a section has no content of its own and no filled subsection."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.checks.base import Problem, rule
from lint.model import Severity

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable
    from lint.analysis.notes_facts import NotesFacts
    from lint.documents.markdown import MarkdownDocument, Section

NAME = "section-empty"

_RULE_LINE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")


def _has_own_content(notes: MarkdownDocument, facts: NotesFacts, section: Section) -> bool:
    prose = notes.prose
    skip = facts.instruction_lines
    code = notes.code_lines
    for number in section.body_lines:
        if number in code:
            return True
        text = prose[number - 1].strip()
        if text and number not in skip and not _RULE_LINE.match(text):
            return True
    return False


@rule(NAME, Severity.ERROR, "A section has no content of its own and no filled subsection.", needs=("notes",))
def check(d: Deliverable) -> Iterator[Problem]:
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

    ## Options
    None.
    """
    notes, facts = d.notes, d.facts
    if notes is None or facts is None:
        return
    for section in notes.iter_sections():
        # A parent with subsections is judged through them: each empty one is reported.
        if not section.children and not _has_own_content(notes, facts, section):
            heading = section.heading
            yield d.at_line(
                heading.line,
                1,
                f"section '{heading.title}' is empty",
                "write its analysis, say why it does not apply (with evidence), or remove it",
            )
