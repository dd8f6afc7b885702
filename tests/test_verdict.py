"""One verdict: the exit code, every format, the event and the API agree on pass or fail."""

from __future__ import annotations

import json
from xml.etree import ElementTree

import pytest

from conftest import Session, harness_objects, run_cli

import lint

FORMATS = ["text", "concise", "json", "sarif", "junit", "github", "harness"]


@pytest.fixture
def warned(session: Session) -> Session:
    """One warning and no error: a score just under 10 that --fail-under can fail."""
    session.edit_output('"overall_score": 6.2', '"overall_score": 62')
    return session


def _lint(session: Session, fmt: str, *extra: str):
    return run_cli("check", str(session.root), "--format", fmt, "--severity", "score-range=warning", *extra, cwd=session.root)


def _passed_in(fmt: str, stdout: str) -> bool | None:
    """What the report itself says of the run; None for a format that says it only in the exit code."""
    if fmt == "json":
        report = json.loads(stdout)
        assert report["summary"]["passed"] == all(d["passed"] for d in report["deliverables"])
        return report["summary"]["passed"]
    if fmt == "sarif":
        properties = json.loads(stdout)["runs"][0]["properties"]
        assert properties["passed"] == all(d["passed"] for d in properties["deliverables"])
        return properties["passed"]
    if fmt == "junit":
        values = {p.get("value") for p in ElementTree.fromstring(stdout).iter("property") if p.get("name") == "passed"}
        assert len(values) == 1
        return values == {"true"}
    if fmt == "harness":
        [data] = harness_objects(stdout)
        return data["status"] == "completed"
    if fmt in ("text", "concise", "github"):
        return "Failed:" not in stdout.splitlines()[-1]
    return None


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_agrees_with_the_exit_code_under_fail_under(warned: Session, fmt: str) -> None:
    score = json.loads(_lint(warned, "json").stdout)["deliverables"][0]["score"]
    assert 9 < score < 10
    failing = _lint(warned, fmt, "--fail-under", f"{score + 0.05:.2f}")
    assert failing.exit_code == 1
    assert _passed_in(fmt, failing.stdout) is False
    passing = _lint(warned, fmt, "--fail-under", f"{score:.1f}")
    assert passing.exit_code == 0
    assert _passed_in(fmt, passing.stdout) is True


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_agrees_with_the_exit_code_under_fail_level(warned: Session, fmt: str) -> None:
    assert _lint(warned, fmt, "--fail-level", "warning").exit_code == 1
    assert _passed_in(fmt, _lint(warned, fmt, "--fail-level", "warning").stdout) is False
    assert _lint(warned, fmt).exit_code == 0
    assert _passed_in(fmt, _lint(warned, fmt).stdout) is True


def test_the_text_summary_says_why_a_run_without_errors_fails(warned: Session) -> None:
    run = _lint(warned, "text", "--fail-under", "9.99")
    assert run.stdout.splitlines()[-1].endswith("Failed: 1 deliverable scored under 9.99 (fail-under).")


def test_the_event_reads_the_same_verdict(warned: Session) -> None:
    run = _lint(warned, "text", "--fail-under", "9.99", "--log-event")
    event = json.loads((warned.folder / "EVENTS.jsonl").read_text().splitlines()[-1])
    assert run.exit_code == 1
    assert event["details"]["passed"] is False and event["level"] == "ERROR"
    assert event["details"]["fail_under"] == 9.99 and event["details"]["errors"] == 0


def test_the_api_reads_the_same_verdict(warned: Session) -> None:
    settings = lint.Settings(severity={"score-range": lint.Severity.WARNING}, fail_under=9.99)
    result = lint.lint_project(warned.root, settings=settings)
    assert not result.passed and result.exit_code == 1
    assert result.deliverables[0].reasons == [f"score {result.deliverables[0].score} is under 9.99"]
    assert result.to_worker_output()["status"] == "failed"
    relaxed = lint.lint_project(warned.root, settings=lint.Settings(severity={"score-range": lint.Severity.WARNING}))
    assert relaxed.passed and relaxed.exit_code == 0


def test_exit_zero_changes_the_exit_code_only(warned: Session) -> None:
    run = _lint(warned, "json", "--fail-under", "9.99", "--exit-zero")
    assert run.exit_code == 0 and json.loads(run.stdout)["summary"]["passed"] is False


def test_junit_fails_a_case_only_at_or_above_the_fail_level(warned: Session) -> None:
    passing = ElementTree.fromstring(_lint(warned, "junit").stdout)
    assert passing.get("failures") == "0" and len(list(passing.iter("system-out"))) == 1
    failing = ElementTree.fromstring(_lint(warned, "junit", "--fail-level", "warning").stdout)
    assert failing.get("failures") == "1" and len(list(failing.iter("failure"))) == 1


def test_junit_fails_a_deliverable_that_fails_by_its_score_alone(warned: Session) -> None:
    xml = ElementTree.fromstring(_lint(warned, "junit", "--fail-under", "9.99").stdout)
    failures = [f for f in xml.iter("failure") if f.get("type") == "fail-under"]
    assert xml.get("failures") == "1" and len(failures) == 1 and "under 9.99" in failures[0].get("message")
