"""score-evidence: a self-assigned score contradicts the critical issues listed."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.analysis.json_values import iter_pattern
from lint.analysis.template_residue import is_template_entry
from lint.checks._scores import valid_score
from lint.checks.base import Problem, rule
from lint.model import Severity

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable
    from lint.packs import Evidence

NAME = "score-evidence"


def critical_evidence(d: Deliverable, evidence: Evidence) -> list[str]:
    """Pointers of the entries that count as critical evidence against a score."""
    found: list[str] = []
    if d.output is None:
        return found
    for array, match in evidence.critical:
        for pointer, entry in iter_pattern(d.output.value, array + "/*"):
            if not is_template_entry(entry) and match(entry):
                found.append(pointer)
    return found


def _critical_ids_in_notes(d: Deliverable) -> int:
    if d.facts is None:
        return 0
    marker = f"{d.pack.issue_ids.prefix}-{d.pack.issue_ids.severities[0]}-"
    return sum(1 for _, text in d.facts.prose_lines() if marker in text)


@rule(NAME, Severity.WARNING, "A self-assigned score contradicts the critical issues the deliverable lists.", needs=("output",))
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    Reports a score of 9 or 10 in an area while the deliverable lists critical
    issues in that area, and every score at 10 while critical issues are
    present at all. Which entries count against which score is stated in the
    worker's pack (`[[evidence]]`): for the backend, `priority_actions` with
    priority `critical` and category `api_design` count against
    `api_design_score`; `database` and `performance` against
    `database_performance_score`; `architecture` against
    `service_architecture_score`. Critical issues at all are the
    `critical_issues` statistic, or critical ids (`BACKEND-CRIT-...`) in the
    notes.

    ## Why is this bad?
    A harness deciding whether to accept a deliverable trusts its scores. A
    near-perfect score beside a critical issue in the same area means one of
    them is wrong.

    ## Example
    ```json
    {"scores": {"api_design_score": 9.5},
     "priority_actions": [{"category": "api_design", "priority": "critical", "action": "..."}]}
    ```

    ## Use instead
    Score the area on the evidence (a critical issue caps it well below 9), or
    reclassify the issue if it is not critical.

    ## Options
    - `evidence.score` (pack): a score that critical issues in its area contradict.
    - `evidence.critical` (pack): the arrays, and the conditions on their entries, that count as critical issues against it.
    - `scores.pointer` (pack): the scores that may not all be 10 while critical issues are listed.
    - `statistics.pointer` (pack): a statistic ending in `critical_issues` (or `critical_issues_count`) counts the critical issues.
    - `issue_ids.prefix` (pack): with the first of `issue_ids.severities`, the notes' critical ids (`BACKEND-CRIT-`).
    - `issue_ids.severities` (pack): the first is the critical one.
    """
    flagged = False
    for evidence in d.pack.evidence:
        score = valid_score(d.value_at(evidence.score))
        if score is None or score < 9:
            continue
        against = critical_evidence(d, evidence)
        if against:
            flagged = True
            name = evidence.score.rsplit("/", 1)[-1]
            yield d.at_pointer(
                evidence.score,
                f"{name} is {score:g} while {len(against)} critical issue(s) in its area are listed (first at {against[0]})",
                "lower the score to what the critical issues allow, or reclassify them",
            )
    scores = [valid_score(d.value_at(s.pointer)) for s in d.pack.scores]
    if flagged or not scores or any(s != 10 for s in scores):
        return
    statistic = next((s.pointer for s in d.pack.statistics if s.pointer.endswith(("/critical_issues", "/critical_issues_count"))), None)
    count = d.value_at(statistic) if statistic else None
    critical = (count if isinstance(count, int) and not isinstance(count, bool) else 0) or _critical_ids_in_notes(d)
    if critical:
        parent = d.pack.scores[0].pointer.rsplit("/", 1)[0]
        yield d.at_pointer(parent, f"every score is 10 while the deliverable lists {critical} critical issue(s)", "score each area on the evidence")
