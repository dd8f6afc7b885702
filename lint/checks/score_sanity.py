"""Rules that test the self-assigned scores against each other and the evidence."""

from __future__ import annotations

from typing import Iterator

from lint.checks.base import Problem, rule
from lint.analysis.json_values import iter_pattern
from lint.model import Severity
from lint.analysis.template_residue import is_template_entry


def _score(value) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 10:
        return float(value)
    return None


@rule("overall-score", Severity.WARNING, "overall_score is more than 1.0 away from the mean of the other scores.", needs=("output",))
def check_overall(d) -> Iterator[Problem]:
    """
    ## What it does
    Compares `overall_score` with the mean of the area scores the worker's pack
    names (for the backend: API design, database performance, service
    architecture) and reports a difference of more than 1.0. Scores that are not
    valid numbers are left to `score-range`.

    ## Why is this bad?
    The overall score is read as the summary of the others. One far from their
    mean was set by feel, or left over from an earlier draft.

    ## Example
    ```json
    {"api_design_score": 4, "database_performance_score": 5,
     "service_architecture_score": 6, "overall_score": 8}
    ```

    ## Use instead
    ```json
    {"overall_score": 5}
    ```
    """
    spec = d.pack.overall
    if spec is None:
        return
    overall = _score(d.value_at(spec.pointer))
    parts = [_score(d.value_at(p)) for p in spec.mean_of]
    if overall is None or any(p is None for p in parts):
        return
    mean = sum(parts) / len(parts)
    if abs(overall - mean) > spec.tolerance + 1e-9:
        yield d.at_pointer(
            spec.pointer,
            f"overall_score is {overall:g}, but the mean of the other scores is {mean:.2f}",
            f"set it within {spec.tolerance:g} of {mean:.2f}, or explain the weighting by rescoring the areas",
        )


def critical_evidence(d, evidence) -> list[str]:
    """Pointers of the entries that count as critical evidence against a score."""
    found = []
    for array, match in evidence.critical:
        for pointer, entry in iter_pattern(d.output.value, array + "/*"):
            if not is_template_entry(entry) and match(entry):
                found.append(pointer)
    return found


def _critical_ids_in_notes(d) -> int:
    if d.notes is None:
        return 0
    marker = f"{d.pack.issue_ids.prefix}-{d.pack.issue_ids.severities[0]}-"
    return sum(1 for _, text in d.facts.prose_lines() if marker in text)


@rule("score-evidence", Severity.WARNING, "A self-assigned score contradicts the critical issues the deliverable lists.", needs=("output",))
def check_evidence(d) -> Iterator[Problem]:
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
    """
    flagged = False
    for evidence in d.pack.evidence:
        score = _score(d.value_at(evidence.score))
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
    scores = [_score(d.value_at(s.pointer)) for s in d.pack.scores]
    if flagged or not scores or any(s != 10 for s in scores):
        return
    statistic = next((s.pointer for s in d.pack.statistics if s.pointer.endswith(("/critical_issues", "/critical_issues_count"))), None)
    count = d.value_at(statistic) if statistic else None
    critical = (count if isinstance(count, int) and not isinstance(count, bool) else 0) or _critical_ids_in_notes(d)
    if critical:
        parent = d.pack.scores[0].pointer.rsplit("/", 1)[0]
        yield d.at_pointer(parent, f"every score is 10 while the deliverable lists {critical} critical issue(s)", "score each area on the evidence")
