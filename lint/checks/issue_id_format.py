"""issue-id-format: an issue id is malformed, or names two different issues."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.checks.base import Problem, rule
from lint.analysis.issue_conflicts import conflicts
from lint.model import Severity

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable
    from lint.analysis.notes_facts import NotesFacts

NAME = "issue-id-format"


@rule(NAME, Severity.ERROR, "An issue id is malformed, or names two different issues.")
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    Checks the worker's issue ids in the notes: `BACKEND-CRIT-001` is the
    worker's prefix, a severity from its pack (`CRIT`, `HIGH`, `MED`, `LOW`) and
    a three-digit number. Reports malformed ids (`BACKEND-HIGH-XXX`,
    `BACKEND-SEVERE-004`, `BACKEND-LOW-7`, `backend-HIGH-003`) and an id given
    to two different issues.

    Only tokens of the id's shape are ids: a lower-case word that shares the
    prefix, such as the CI job `test-docker-compose`, is not one, and neither
    is an id the output JSON gives an entry (the test worker's `TEST-001`).

    An id is defined where it opens a heading (`#### BACKEND-CRIT-001: ...`)
    or stands in the bold text a line opens with (`- **BACKEND-HIGH-002**:
    ...`, `- **Feed endpoint (BACKEND-HIGH-005):** ...`; some packs also take
    a bold id anywhere). Restating an issue is not defining it again:
    summaries, action items, roadmaps, plans, recommendations and detail
    sections repeat `**BACKEND-HIGH-002**: parameterise the query`, often
    naming the fix rather than the problem, and an entry that points back
    (`**BACKEND-HIGH-002** (see above): ...`) refers to the first.

    An id names two issues when two entries that open with it (a heading, or
    a line whose bold text starts with it) give it titles that share fewer
    than two words and less than half of the shorter title's words, cite no
    line of a file in common (the same line, or overlapping ranges) and no
    output id in common (`SEC-001`). Two headings are compared wherever they
    stand; other entries only in the analysis, not in a section whose heading
    (or a heading above it, the document's title aside) restates.

    In the output JSON, two entries with the same `id` are reported, except
    where a summary array the pack names (`critical_issues`,
    `priority_actions`) repeats the id of the finding it summarises.

    ## Why is this bad?
    Other workers, tickets and the harness refer to issues by id. A placeholder
    or unknown severity cannot be triaged, and an id shared by two issues makes
    every reference to it ambiguous.

    ## Example
    ```markdown
    #### BACKEND-HIGH-XXX: Missing index on payments.created_at

    - **BACKEND-HIGH-004**: Refund amounts stored as floats
    - **BACKEND-HIGH-004**: Webhook retries have no upper bound
    ```

    ## Use instead
    ```markdown
    #### BACKEND-HIGH-003: Missing index on payments.created_at

    - **BACKEND-HIGH-004**: Refund amounts stored as floats
    - **BACKEND-HIGH-005**: Webhook retries have no upper bound

    ## Implementation Roadmap
    - **BACKEND-HIGH-004**: migrate refund amounts to integer cents
    ```

    ## Options
    - `issue_ids.prefix` (pack): the worker's prefix (`BACKEND`).
    - `issue_ids.severities` (pack): the severities an id may carry (`CRIT`, `HIGH`, `MED`, `LOW`).
    - `issue_ids.digits` (pack): how many digits the number has (default 3).
    - `issue_ids.definition` (pack): where an id is defined: opening a heading or a line in bold (default), or in bold anywhere.
    - `json.summary_arrays` (pack): arrays whose entries may repeat the id of the finding they summarise.
    - `json.code_keys` (pack): keys whose strings hold code: their ids are not read.
    """
    if d.facts is not None:
        yield from _notes(d, d.facts)
    if d.output is not None:
        yield from _json_ids(d)


def _notes(d: Deliverable, facts: NotesFacts) -> Iterator[Problem]:
    spec = d.pack.issue_ids
    defined_in_output = d.output_entry_ids
    for mention in facts.id_mentions:
        if mention.problem and mention.ident not in defined_in_output:  # `TEST-001`, an id of the output, is not a notes id
            yield d.at_line(mention.line, mention.column, f"malformed issue id {mention.ident}: {mention.problem}",
                            f"write ids as {spec.prefix}-<{'|'.join(spec.severities)}>-{'N' * spec.digits}", end_column=mention.end_column)
    for first, later in conflicts(facts.repeated_issue_entries, defined_in_output):
        mention = later.mention
        yield d.at_line(mention.line, mention.column,
                        f"issue id {mention.ident} names two different issues: '{_short(later.title)}' here and "
                        f"'{_short(first.title)}' on line {first.mention.line}",
                        "give this issue its own number; to refer to the first one, restate its title or point back to it (see above)",
                        end_column=mention.end_column)


def _short(title: str | None, limit: int = 50) -> str:
    title = " ".join((title or "").split())
    return title if len(title) <= limit else title[: limit - 1] + "…"


def _json_ids(d: Deliverable) -> Iterator[Problem]:
    """Entries of the arrays with one id; a summary array may repeat a finding's id once."""
    summaries = d.pack.summary_arrays
    seen: dict[str, list[str]] = {}
    for pointer, text, key in d.output_strings:
        if key != "id" or pointer.count("/") != 3 or not pointer.endswith("/id"):
            continue
        array = pointer.rsplit("/", 2)[0]
        earlier = seen.setdefault(text, [])
        clash = next((p for p in earlier if p.rsplit("/", 2)[0] == array
                      or (array not in summaries and p.rsplit("/", 2)[0] not in summaries)), None)
        if clash is not None:
            yield d.at_pointer(pointer, f"id {text} is used again (first at {clash})", "give every entry its own id")
        earlier.append(pointer)
