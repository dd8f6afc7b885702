"""issue-id-format."""

from __future__ import annotations

from typing import Iterator

from lint.checks.base import Problem, rule
from lint.model import Severity

@rule("issue-id-format", Severity.ERROR, "An issue id is malformed, or defined twice.")
def check(d) -> Iterator[Problem]:
    """
    ## What it does
    Checks the worker's issue ids in the notes: `BACKEND-CRIT-001` is the
    worker's prefix, a severity from its pack (`CRIT`, `HIGH`, `MED`, `LOW`) and
    a three-digit number. Reports malformed ids (`BACKEND-HIGH-XXX`,
    `BACKEND-SEVERE-004`, `BACKEND-LOW-7`) and ids defined twice. An id is
    defined where it opens a heading (`#### BACKEND-CRIT-001: ...`) or opens a
    line in bold (`- **BACKEND-HIGH-002**: ...`); other mentions refer to it.
    In the output JSON, two entries with the same `id` are reported too.

    ## Why is this bad?
    Other workers, tickets and the harness refer to issues by id. A placeholder
    or unknown severity cannot be triaged, and a duplicated id makes every
    reference to it ambiguous.

    ## Example
    ```markdown
    #### BACKEND-HIGH-XXX: Missing index on payments.created_at
    ```

    ## Use instead
    ```markdown
    #### BACKEND-HIGH-003: Missing index on payments.created_at
    ```
    """
    if d.notes is not None:
        yield from _notes(d)
    if d.output is not None:
        yield from _json_ids(d)


def _notes(d) -> Iterator[Problem]:
    spec = d.pack.issue_ids
    defined: dict[str, int] = {}
    for mention in d.facts.id_mentions:
        if mention.problem:
            yield d.at_line(mention.line, mention.column, f"malformed issue id {mention.ident}: {mention.problem}",
                            f"write ids as {spec.prefix}-<{'|'.join(spec.severities)}>-{'N' * spec.digits}", end_column=mention.end_column)
        elif mention.defines:
            if mention.ident in defined:
                yield d.at_line(mention.line, mention.column, f"issue id {mention.ident} is defined again (first defined on line {defined[mention.ident]})",
                                "give this issue its own number, or refer to the first one in plain text", end_column=mention.end_column)
            else:
                defined[mention.ident] = mention.line


def _json_ids(d) -> Iterator[Problem]:
    seen: dict[str, str] = {}
    for pointer, text, key in d.output_strings:
        if key != "id" or pointer.count("/") != 3 or not pointer.endswith("/id"):
            continue
        if text in seen:
            yield d.at_pointer(pointer, f"id {text} is used again (first at {seen[text]})", "give every entry its own id")
        else:
            seen[text] = pointer
