"""overall-score and score-evidence."""

from __future__ import annotations

from conftest import Session, lint_json


def set_scores(session: Session, **scores) -> None:
    data = session.data()
    data["scores"].update(scores)
    session.write_data(data)
    for key, label in (("api_design_score", "API Design Score"), ("database_performance_score", "Database Performance Score"),
                       ("service_architecture_score", "Service Architecture Score")):
        if key in scores:
            text = session.notes.read_text()
            import re

            session.notes.write_text(re.sub(rf"(\*\*{label}\*\*: )[\d.]+/10", rf"\g<1>{scores[key]:g}/10", text))


def test_overall_far_from_the_mean(session: Session) -> None:
    set_scores(session, overall_score=8.5)
    [finding] = lint_json(session.root).only("overall-score")
    assert finding["pointer"] == "/scores/overall_score" and finding["severity"] == "warning"
    assert "6.17" in finding["message"]


def test_overall_within_one_of_the_mean(session: Session) -> None:
    set_scores(session, overall_score=7.1)
    assert lint_json(session.root).only("overall-score") == []


def test_high_score_with_critical_issues_in_its_area(session: Session) -> None:
    data = session.data()
    data["priority_actions"][0].update(category="api_design", priority="critical")
    session.write_data(data)
    set_scores(session, api_design_score=9.5, overall_score=7.2)
    findings = lint_json(session.root).only("score-evidence")
    assert [f["pointer"] for f in findings] == ["/scores/api_design_score"]


def test_high_score_without_critical_issues_in_its_area(session: Session) -> None:
    data = session.data()
    for action in data["priority_actions"]:
        if action.get("category") == "api_design" and action["priority"] == "critical":
            action["priority"] = "high"
    session.write_data(data)
    set_scores(session, api_design_score=9, overall_score=7)
    findings = [f for f in lint_json(session.root).only("score-evidence") if f["pointer"] == "/scores/api_design_score"]
    assert findings == []


def test_every_score_ten_with_critical_issues(session: Session) -> None:
    data = session.data()
    for action in data["priority_actions"]:
        if action["priority"] == "critical":
            action["category"] = "security"
    session.write_data(data)
    set_scores(session, api_design_score=10, database_performance_score=10, service_architecture_score=10, overall_score=10)
    [finding] = lint_json(session.root).only("score-evidence")
    assert finding["pointer"] == "/scores" and "every score is 10" in finding["message"]
