"""Paths as typed, from wherever the command is run: a relative path behaves as the same
path made absolute, and with no path the current folder is linted (as ruff does)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SESSION_ID, Session, harness_objects, run_cli

SCORE = "**API Design Score**: 6.5/10"


@pytest.fixture
def one_finding(session: Session) -> Session:
    session.edit_notes(SCORE, "**API Design Score**: 7/10")
    return session


def _where(session: Session, place: str) -> Path:
    return {"root": session.root, "session": session.folder, "workers": session.folder / "workers",
            "notes": session.notes.parent, "json": session.output.parent}[place]


def _findings(run) -> list[tuple[str, str, int, int]]:
    return sorted((Path(f["file"]).name, f["rule"], f["line"], f["column"]) for f in run.findings)


@pytest.mark.parametrize("place", ["root", "session", "workers", "notes", "json"])
def test_dot_lints_what_the_absolute_path_lints(one_finding: Session, place: str) -> None:
    folder = _where(one_finding, place)
    absolute = run_cli("check", str(folder), "--format", "json", "--isolated", "--no-cache")
    dot = run_cli("check", ".", "--format", "json", "--isolated", "--no-cache", cwd=folder)
    implicit = run_cli("check", "--format", "json", "--isolated", "--no-cache", cwd=folder)
    assert absolute.exit_code == dot.exit_code == implicit.exit_code == 1, dot.stderr
    assert _findings(absolute) == _findings(dot) == _findings(implicit) == [("backend_notes.md", "score-mismatch", 4, 25)]
    assert dot.report["deliverables"][0]["session_id"] == SESSION_ID


def test_a_relative_path_from_below_the_session_is_its_session(one_finding: Session) -> None:
    run = run_cli("check", "../json/backend_output.json", "--format", "json", "--isolated", "--no-cache",
                  cwd=one_finding.notes.parent)
    assert _findings(run) == [("backend_notes.md", "score-mismatch", 4, 25)]


def test_session_mismatch_is_checked_from_inside_the_session(session: Session) -> None:
    session.edit_output(f'"session_id": "{SESSION_ID}"', '"session_id": "2025-01-01-other"')
    run = run_cli("check", ".", "--format", "json", "--isolated", "--no-cache", cwd=session.folder)
    assert run.rules() == ["session-mismatch"]


def test_the_harness_object_names_the_session_when_run_from_inside_it(session: Session) -> None:
    run = run_cli("check", ".", "--format", "harness", "--isolated", "--no-cache", cwd=session.folder)
    [worker_output] = harness_objects(run.stdout)
    assert worker_output["session_id"] == SESSION_ID and worker_output["status"] == "completed"


def test_no_path_outside_any_project_says_what_to_give(tmp_path: Path) -> None:
    run = run_cli("check", cwd=tmp_path)
    assert run.exit_code == 2
    assert "nothing to lint in ." in run.stderr and "Traceback" not in run.stderr


def test_a_missing_worker_of_a_named_session_is_a_finding_and_a_failed_worker_output(session: Session) -> None:
    run = run_cli("check", "--session", SESSION_ID, "--worker", "frontend", "--format", "harness", "--isolated", "--no-cache",
                  cwd=session.root)
    assert run.exit_code == 1
    [worker_output] = harness_objects(run.stdout)
    assert worker_output["status"] == "failed" and worker_output["worker"] == "frontend-worker"
    assert [f["rule"] for f in worker_output["analysis"]["findings"]] == ["deliverable-missing"]


@pytest.mark.parametrize("place", ["session", "workers", "json"])
def test_a_missing_worker_of_a_session_named_by_folder_is_a_finding(session: Session, place: str) -> None:
    run = run_cli("check", ".", "--worker", "frontend", "--isolated", "--no-cache", "--format", "json", cwd=_where(session, place))
    assert run.exit_code == 1 and run.rules() == ["deliverable-missing"]
