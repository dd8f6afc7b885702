"""The deliverable score: its properties, not only examples."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, Session, harness_objects, lint_json, run_cli
from rulecheck import check
from lint.model import Finding, Severity
from lint.engine.scoring import deliverable_score, uncheckable

RULES = ["schema", "score-mismatch", "absolute-path", "section-empty", "unused-suppression"]
findings = st.lists(
    st.builds(
        lambda rule, severity, line: Finding(Path("x"), line, 1, rule, "m", severity=severity),
        st.sampled_from(RULES),
        st.sampled_from(list(Severity)),
        st.integers(1, 500),
    ),
    max_size=60,
)
sizes = st.integers(0, 2000)


@settings(max_examples=300, deadline=None)
@given(findings, sizes)
def test_score_is_between_0_and_10_with_one_decimal(found, size) -> None:
    score = deliverable_score(found, size)
    assert 0.0 <= score <= 10.0
    assert round(score, 1) == score


@settings(max_examples=300, deadline=None)
@given(findings, sizes)
def test_ten_exactly_when_there_is_no_finding(found, size) -> None:
    assert (deliverable_score(found, size) == 10.0) == (not found)


@settings(max_examples=300, deadline=None)
@given(findings, findings, sizes)
def test_more_findings_never_raise_the_score(found, more, size) -> None:
    assert deliverable_score(found + more, size) <= deliverable_score(found, size)


@settings(max_examples=300, deadline=None)
@given(findings, sizes, st.data())
def test_more_severe_findings_never_raise_the_score(found, size, data) -> None:
    if not found:
        return
    index = data.draw(st.integers(0, len(found) - 1))
    raised = list(found)
    raised[index] = raised[index].with_severity(Severity.ERROR)
    assert deliverable_score(raised, size) <= deliverable_score(found, size)


def test_a_deliverable_that_cannot_be_checked_scores_0() -> None:
    for rule in uncheckable():
        assert deliverable_score([Finding(Path("x"), 1, 1, rule, "m")], 500) == 0.0


def test_untouched_template_scores_near_0() -> None:
    run = lint_json(FIXTURES / "setup-state")
    assert run.report["deliverables"][0]["score"] <= 1.0


def test_one_warning_on_a_large_good_deliverable_costs_little() -> None:
    """The example's 84 sections, entries and scores: one warning costs 10 * 1 / 84 = 0.12, 9.88 rounded down."""
    result = check("backend", notes=[("## Critical Issues Found\n", "## Critical Issues Found\n<!-- worker-lint-disable-next-line schema -->\n")],
                   expect=["notes:15:1 unused-suppression"])
    assert [f.severity for f in result.findings] == [Severity.WARNING]
    assert result.deliverables[0].score == 9.8


def test_clean_deliverable_scores_10_in_every_format(session: Session) -> None:
    assert lint_json(session.root).report["summary"]["score"] == 10.0
    assert "Score 10.0/10." in run_cli("check", str(session.root)).stdout
    sarif = json.loads(run_cli("check", str(session.root), "--format", "sarif").stdout)
    assert sarif["runs"][0]["properties"]["deliverables"][0]["score"] == 10.0
    [harness] = harness_objects(run_cli("check", str(session.root), "--format", "harness").stdout)
    assert harness["analysis"]["score"] == 10.0
    assert 'name="score" value="10.0"' in run_cli("check", str(session.root), "--format", "junit").stdout


def test_overall_is_the_mean_of_several_deliverables(session: Session, session_factory) -> None:
    other = session_factory()
    other.edit_notes("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")
    run = lint_json(session.root, other.root)
    scores = [d["score"] for d in run.report["deliverables"]]
    assert scores[0] == 10.0 and scores[1] < 10.0
    assert run.report["summary"]["score"] == int((sum(scores) / 2) * 10) / 10


def test_fail_under(session: Session) -> None:
    session.notes.write_text(session.notes.read_text() + "\n<!-- worker-lint-disable-next-line schema -->\n")
    assert run_cli("check", str(session.root)).exit_code == 0
    assert run_cli("check", str(session.root), "--fail-under", "9.99").exit_code == 1
    assert run_cli("check", str(session.root), "--fail-under", "9").exit_code == 0
    assert run_cli("check", str(session.root), "--fail-under", "11").exit_code == 2
    (session.root / ".worker-lint.toml").write_text("fail-under = 9.99\n")
    assert run_cli("check", str(session.root)).exit_code == 1
