"""overall-score and score-evidence, on edits of the clean example's scores.

The example scores API design 6.5, database performance 5 and service architecture 7
(lines 10-12 of the output, 4-6 of the notes), overall 6.2 (line 13); the mean of
the three is 6.17. Three entries are critical: security_implementations/0,
priority_actions/0 (category security) and priority_actions/1 (category database).
"""

from __future__ import annotations

from rulecheck import check, finding

NOTES_LABELS = {"api_design_score": "API Design Score", "database_performance_score": "Database Performance Score",
                "service_architecture_score": "Service Architecture Score"}
EXAMPLE_SCORES = {"api_design_score": "6.5", "database_performance_score": "5", "service_architecture_score": "7", "overall_score": "6.2"}


def scored(**scores: str) -> dict[str, list[tuple[str, str]]]:
    """Edits giving these scores in the JSON and, for the three areas, in the notes' Executive Summary too."""
    output = [(f'"{key}": {EXAMPLE_SCORES[key]}', f'"{key}": {value}') for key, value in scores.items()]
    notes = [(f"**{NOTES_LABELS[key]}**: {EXAMPLE_SCORES[key]}/10", f"**{NOTES_LABELS[key]}**: {value}/10")
             for key, value in scores.items() if key in NOTES_LABELS]
    return {"notes": notes, "output": output}


def test_overall_far_from_the_mean() -> None:
    result = check("backend", **scored(overall_score="8.5"), expect=["output:13:22 overall-score /scores/overall_score"], message_contains="6.17")
    assert finding(result, "overall-score").severity.name == "WARNING"


def test_overall_within_one_of_the_mean() -> None:
    check("backend", **scored(overall_score="7.1"), expect=[])


def test_high_score_with_critical_issues_in_its_area() -> None:
    """priority_actions/0 moved to api_design, which scores 9.5: reported at that score ("    \"api_design_score\": " is 24 characters)."""
    edits = scored(api_design_score="9.5", overall_score="7.2")
    edits["output"].append(('"category": "security",\n      "priority": "critical"', '"category": "api_design",\n      "priority": "critical"'))
    check("backend", **edits, expect=["output:10:25 score-evidence /scores/api_design_score"], message_contains="first at /priority_actions/0")


def test_high_score_without_critical_issues_in_its_area() -> None:
    """No critical entry has the category api_design, so a 9 there contradicts nothing."""
    check("backend", **scored(api_design_score="9", overall_score="7"), expect=[])


def test_every_score_ten_with_critical_issues() -> None:
    """Every critical entry moved to security, which has no score of its own, so no area score contradicts
    its own issues; all tens against three critical issues is reported once, at the scores object (line 9)."""
    edits = scored(api_design_score="10", database_performance_score="10", service_architecture_score="10", overall_score="10")
    edits["output"].append(('"category": "database",\n      "priority": "critical"', '"category": "security",\n      "priority": "critical"'))
    check("backend", **edits, expect=["output:9:13 score-evidence /scores"], message_contains="every score is 10")
