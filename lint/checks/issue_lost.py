"""issue-lost: a critical or high issue of the notes never reaches the output JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.checks.base import Problem, rule
from lint.model import Severity

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable

NAME = "issue-lost"


@rule(NAME, Severity.ERROR, "A critical or high issue of the notes never reaches the output JSON.", needs=("notes", "output"))
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    Reports an issue id of the notes with a severity the output must carry
    (`CRIT` and `HIGH`, set by the pack's `issue_ids.in_output`) that the
    output JSON does not mention anywhere: not as an entry's id, not in
    `related_findings`, not in any text. Abbreviated lists and short ranges
    count: `BACKEND-HIGH-001/002` and `BACKEND-HIGH-001..004` mention every id
    they cover (a range of more than 20 ids mentions its two ends only). Medium and low issues may stay in the notes only. Ids that are only
    mentioned in the notes count too: an issue is lost whether or not its
    definition was well placed.

    ## Why is this bad?
    The JSON is what the harness passes on to the next worker and to the
    dashboards; the notes are for people. A critical issue written up in the
    notes but missing from the JSON is dropped downstream, silently.

    ## Example
    The notes define `#### BACKEND-CRIT-002: Idempotency keys checked without
    a unique constraint`, and no string of `backend_output.json` names
    `BACKEND-CRIT-002`.

    ## Use instead
    ```json
    {"priority_actions": [{"action": "BACKEND-CRIT-002: add a unique index on idempotency keys",
                           "priority": "critical"}]}
    ```
    or carry the id in the finding's own entry.

    ## Options
    - `issue_ids.in_output` (pack): the severities whose issues the output must carry (default: `CRIT` and `HIGH`, where the pack has them).
    - `issue_ids` (pack): the rest of the id format: which mentions of the notes are ids.
    - `json.code_keys` (pack): keys whose strings hold code: a mention there does not count.
    """
    spec = d.pack.issue_ids
    carried_severities = set(spec.carried)
    facts = d.facts
    if not carried_severities or facts is None:
        return
    carried = d.output_issue_ids[""]
    reported: set[str] = set()
    for mention in facts.id_mentions:
        if mention.problem or mention.severity not in carried_severities or mention.ident in reported:
            continue
        if mention.ident in carried:
            continue
        reported.add(mention.ident)
        first = facts.defined_ids.get(mention.ident, mention)
        yield d.at_line(first.line, first.column,
                        f"issue {mention.ident} is in the notes, but the output JSON never mentions it",
                        "add the issue to the JSON (its id in the finding's entry, in related_findings or in the action "
                        "that schedules it), or correct the id", end_column=first.end_column)
