"""The command line: what it accepts, what it prints, and its exit codes."""

from __future__ import annotations

import json
import shutil

import jsonschema
import pytest

from conftest import EXAMPLE, ROOT, SESSION_ID, Session, lint_json, run_cli


def test_clean_session_exits_0_with_a_summary(session: Session) -> None:
    run = run_cli("check", str(session.root))
    assert run.exit_code == 0
    assert "All checks passed: 1 deliverable, no problems." in run.stdout


def test_findings_exit_1_and_text_groups_by_file(session: Session) -> None:
    session.edit_notes("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")
    run = run_cli("check", str(session.root))
    assert run.exit_code == 1
    lines = run.stdout.splitlines()
    assert lines[0].endswith("backend_notes.md")
    assert "score-mismatch" in lines[1] and "error" in lines[1]
    assert "**API Design Score**: 7/10" in lines[2]
    assert lines[3].strip() == "^"
    assert lines[4].strip().startswith("hint:")
    assert lines[-3].startswith("backend  2025-09-14-10-30-payment-api-audit  1 error, 0 warnings")
    assert lines[-2] == "Found 1 problem (1 error, 0 warnings) in 1 deliverable. Score 9.4/10."
    assert lines[-1] == "[*] 1 fixable with --fix."
    assert "\x1b[" not in run.stdout  # no colour off a terminal


def test_colour_on_request(session: Session) -> None:
    session.edit_notes("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")
    assert "\x1b[" in run_cli("check", str(session.root), "--color").stdout


@pytest.mark.parametrize("level,code", [("error", 0), ("warning", 0), ("info", 0)])
def test_fail_level_on_a_clean_session(session: Session, level: str, code: int) -> None:
    assert run_cli("check", str(session.root), "--fail-level", level).exit_code == code


def test_fail_level_compares_severity(session: Session) -> None:
    session.edit_notes("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")
    # downgraded by selection of another rule: nothing at all is reported
    assert run_cli("check", str(session.root), "--select", "schema").exit_code == 0
    assert run_cli("check", str(session.root), "--ignore", "score-mismatch").exit_code == 0
    assert run_cli("check", str(session.root), "--fail-level", "warning").exit_code == 1


def test_unknown_rule_suggests_a_name(session: Session) -> None:
    run = run_cli("check", str(session.root), "--select", "score-mismatc")
    assert run.exit_code == 2
    assert "did you mean 'score-mismatch'" in run.stderr


@pytest.mark.parametrize(
    "args,words",
    [
        (["check", "/no/such/place"], "no such file or folder"),
        (["check", "--format", "xml", "."], "Invalid value for '--format'"),
        (["check", "--bogus", "."], "No such option"),
        (["explain", "no-such-rule"], "unknown rule"),
    ],
)
def test_usage_errors_exit_2(args: list[str], words: str) -> None:
    run = run_cli(*args)
    assert run.exit_code == 2
    assert words in run.stderr
    assert "Traceback" not in run.stderr + run.stdout


def test_folder_with_nothing_to_lint_exits_2(tmp_path) -> None:
    run = run_cli("check", str(tmp_path))
    assert run.exit_code == 2
    assert "nothing to lint" in run.stderr


def test_unrecognised_file_name_exits_2(tmp_path) -> None:
    other = tmp_path / "report.md"
    other.write_text("# Report\n")
    run = run_cli("check", str(other))
    assert run.exit_code == 2
    assert "cannot tell which worker" in run.stderr and "backend" in run.stderr


def test_one_file_finds_its_partner_in_the_session_layout(session: Session) -> None:
    session.edit_output('"total_api_endpoints": 4', '"total_api_endpoints": 5')
    run = lint_json(session.notes)
    assert run.rules() == ["statistics-count"]
    assert run.report["deliverables"][0]["session_id"] == SESSION_ID


def test_both_files_of_a_pair_lint_once(session: Session) -> None:
    run = lint_json(session.notes, session.output)
    assert run.report["summary"]["deliverables"] == 1


def test_session_folder_and_project_root(session: Session) -> None:
    assert lint_json(session.folder).report["summary"]["deliverables"] == 1
    second = session.folder.parent / "2025-09-15-08-00-second-audit"
    shutil.copytree(session.folder, second)
    run = lint_json(session.root)
    assert run.report["summary"]["deliverables"] == 2
    assert run.rules() == ["session-mismatch"]


def test_session_option_walks_up_to_the_project_root(session: Session) -> None:
    deep = session.root / "src" / "pkg"
    deep.mkdir(parents=True)
    run = run_cli("check", "--session", SESSION_ID, "--format", "json", cwd=deep)
    assert run.exit_code == 0
    assert run.report["deliverables"][0]["session_id"] == SESSION_ID


def test_session_option_with_claude_marker(tmp_path) -> None:
    root = tmp_path / "proj"
    shutil.copytree(EXAMPLE, root)
    (root / ".claude").mkdir()
    run = run_cli("check", "--session", "no-such-session", cwd=root)
    assert run.exit_code == 2
    assert "no session 'no-such-session'" in run.stderr


def test_session_option_without_project_root(tmp_path) -> None:
    run = run_cli("check", "--session", SESSION_ID, cwd=tmp_path)
    assert run.exit_code == 2
    assert "no project root" in run.stderr


def test_json_report_matches_its_schema(session: Session) -> None:
    session.edit_notes("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")
    session.edit_output('"total_api_endpoints": 4', '"total_api_endpoints": 5')
    report = lint_json(session.root).report
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(report, schema)
    assert report["summary"]["errors"] == 2 and report["summary"]["passed"] is False
    json_finding = next(f for f in report["findings"] if f["file"].endswith(".json"))
    assert json_finding["pointer"] == "/statistics/total_api_endpoints"


def test_output_file(session: Session, tmp_path) -> None:
    target = tmp_path / "report.json"
    run = run_cli("check", str(session.root), "--format", "json", "--output", str(target))
    assert run.stdout == ""
    assert json.loads(target.read_text())["summary"]["findings"] == 0


def test_rules_and_explain() -> None:
    listing = run_cli("rules")
    assert listing.exit_code == 0
    for name in ("json-syntax", "absolute-path", "session-mismatch"):
        assert name in listing.stdout
    rows = json.loads(run_cli("rules", "--format", "json").stdout)
    assert {"name", "severity", "fixable", "summary"} <= set(rows[0])
    explained = run_cli("explain", "absolute-path")
    assert explained.exit_code == 0
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert heading in explained.stdout


def test_worker_filter(session: Session) -> None:
    assert run_cli("check", str(session.root), "--worker", "backend").exit_code == 0
    run = run_cli("check", str(session.root), "--worker", "nobody")
    assert run.exit_code == 2 and "unknown worker" in run.stderr


def _scribe_files(session: Session) -> None:
    """What the harness's own scribe worker writes beside the workers' deliverables."""
    (session.folder / "workers" / "notes" / "scribe_notes.md").write_text("# Session summary\n")
    (session.folder / "workers" / "json" / "scribe_output.json").write_text("{}\n")


def test_files_of_a_worker_without_a_pack_are_one_info_note_and_skipped(session: Session) -> None:
    _scribe_files(session)
    run = run_cli("check", str(session.root))
    assert run.exit_code == 0, run.stderr
    notes = [line for line in run.stderr.splitlines() if "scribe" in line]
    assert len(notes) == 1 and notes[0].startswith("worker-lint: info: ")
    assert "skipped notes/scribe_notes.md, json/scribe_output.json" in notes[0] and "no rule pack for worker 'scribe'" in notes[0]
    assert "1 deliverable" in run.stdout


def test_a_worker_without_a_pack_never_hides_the_others_findings(session: Session) -> None:
    _scribe_files(session)
    session.edit_output('"overall_score": 6.2', '"overall_score": 62')
    run = run_cli("check", str(session.root), "--format", "json")
    assert run.exit_code == 1 and "score-range" in run.rules()


@pytest.mark.parametrize("selection", [["--worker", "backend"], ["--exclude", "scribe_*"]])
def test_worker_and_exclude_select_past_a_worker_without_a_pack(session: Session, selection: list[str]) -> None:
    _scribe_files(session)
    run = run_cli("check", str(session.root), *selection)
    assert run.exit_code == 0 and "scribe" not in run.stderr


def test_a_session_with_only_files_of_unknown_workers_lints_nothing_and_says_so(session: Session) -> None:
    for path in (session.notes, session.output):
        path.unlink()
    _scribe_files(session)
    run = run_cli("check", str(session.folder))
    assert run.exit_code == 0
    assert "no rule pack for worker 'scribe'" in run.stderr and "0 deliverables" in run.stdout


def test_a_stray_file_of_no_worker_in_a_session_is_noted_not_fatal(session: Session) -> None:
    (session.folder / "workers" / "notes" / "README.txt").write_text("x\n")
    run = run_cli("check", str(session.root))
    assert run.exit_code == 0 and "README.txt" in run.stderr


def _run_on_a_terminal(args: list[str], env: dict) -> str:
    """Run the command with its standard output on a pseudo-terminal; return what it printed."""
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "lint", *args], stdout=follower, stderr=subprocess.DEVNULL, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", errors="replace")


def test_colour_by_default_on_a_terminal_unless_no_color(session: Session) -> None:
    import os

    session.edit_notes("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    assert "\x1b[" in _run_on_a_terminal(["check", str(session.root)], env)
    assert "\x1b[" not in _run_on_a_terminal(["check", str(session.root)], {**env, "NO_COLOR": "1"})


def test_deliverable_line_keeps_counts_and_score_apart(session: Session) -> None:
    session.edit_notes("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")
    out = run_cli("check", str(session.root), "--severity", "score-mismatch=info").stdout
    line = next(row for row in out.splitlines() if row.startswith("backend "))
    assert "1 info  " in line and line.rstrip().endswith("score 9.9/10")


def test_a_near_miss_of_a_worker_name_is_named(session: Session) -> None:
    session.notes.rename(session.notes.with_name("Backend_notes.md"))
    session.output.rename(session.output.with_name("Backend_output.json"))
    run = run_cli("check", str(session.root))
    [note] = [line for line in run.stderr.splitlines() if "Backend" in line]
    assert "skipped notes/Backend_notes.md, json/Backend_output.json" in note and "did you mean 'backend'" in note
    gate = run_cli("check", "--session", session.folder.name, "--worker", "backend", cwd=session.root)
    assert gate.exit_code == 1 and "deliverable-missing" in gate.stdout  # the gate asked for it by name
