"""Hostile and tricky input found in review: each case stays fixed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

import lint
from conftest import Session, lint_json, run_cli
from rulecheck import base, check, edit

ADD_AFTER = "## Critical Issues Found\n"


def add(session: Session, text: str) -> None:
    session.edit_notes(ADD_AFTER, ADD_AFTER + text)


def lint_subprocess(path: Path, *args: str) -> subprocess.CompletedProcess:
    """A separate process with a generous timeout: a hang fails instead of stalling the suite."""
    return subprocess.run([sys.executable, "-m", "lint", "check", str(path), "--format", "json", *args],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    "hostile",
    [
        "see " + "`" * 2000 + "x" * 200_000 + "\n",
        "<!-- x\n" * 20_000,
        "- **Note**: a" + " " * 100_000 + "b\n",
        "a." * 100_000 + " /\n",
    ],
    ids=["backtick-run", "unclosed-comments", "spaces-in-label", "dotted-run"],
)
def test_hostile_notes_finish_and_report(session: Session, hostile: str) -> None:
    add(session, hostile)
    result = lint_subprocess(session.root)
    assert result.returncode in (0, 1), result.stderr
    json.loads(result.stdout)


def test_huge_integer_is_a_syntax_finding() -> None:
    """Line 5 of the output, '    "files_analyzed": ' then 5000 nines from column 23."""
    check("backend", output=[('"files_analyzed": 47', '"files_analyzed": ' + "9" * 5000)], expect=["output:5:23 json-syntax"], message_contains="too long")


def test_huge_integer_in_the_notes_is_not_a_crash() -> None:
    example = base("backend")
    notes = edit(example.notes, [("- **Files Analyzed**: 47", "- **Files Analyzed**: " + "9" * 5000)], "the notes")
    assert lint.lint_contents("backend", notes=notes, output=example.output).exit_code in (0, 1)


def test_lone_surrogate_is_a_finding_and_every_format_prints(session: Session, tmp_path: Path) -> None:
    session.edit_output('"session_id": "2025', '"session_id": "\\ud800 2025')
    [finding] = lint_json(session.root).findings
    assert finding["rule"] == "json-syntax" and "surrogate" in finding["message"]
    target = tmp_path / "report.txt"
    run = run_cli("check", str(session.root), "--output", str(target))
    assert run.exit_code == 1 and "surrogate" in target.read_text()


def test_symlink_loop_at_a_deliverable(session: Session) -> None:
    session.output.unlink()
    session.output.symlink_to(session.output.name)
    [finding] = lint_json(session.root).findings
    assert finding["rule"] == "file-unreadable" and "loop" in finding["message"]


def test_dangling_symlink_named_on_the_command_line(session: Session) -> None:
    session.output.unlink()
    session.output.symlink_to("/nonexistent/backend_output.json")
    run = lint_json(session.output)
    assert run.exit_code == 1 and run.rules() == ["file-unreadable"]


def test_a_huge_size_limit_does_not_allocate_it(session: Session) -> None:
    assert run_cli("check", str(session.root), "--max-file-size", "1000000").exit_code == 0


def test_unclosed_fence_cannot_hide_the_rest() -> None:
    """The fence never closed turns the rest into code, which hides the instruction after it, but fails the
    deliverable itself: the example's 400 lines and the 5 added leave 390 after the fence on line 15."""
    result = check("backend", notes=[(ADD_AFTER, ADD_AFTER + "~~~~python\nx = 1\n\n### Later\n*REQUIRED: fill me*\n")],
                   expect=["notes:15:1 code-fence-unclosed"], message_contains="the remaining 390 lines are read as code")
    assert result.exit_code == 1


def test_disable_file_is_disregarded_with_ignore_suppressions(session: Session) -> None:
    session.notes.write_text("<!-- worker-lint-disable-file -->\n" + session.notes.read_text())
    add(session, "See app/x.py:1.\n")
    assert lint_json(session.root).findings == []
    assert lint_json(session.root, extra=("--ignore-suppressions",)).rules() == ["absolute-path"]
    (session.root / ".worker-lint.toml").write_text("ignore-suppressions = true\n")
    assert lint_json(session.root).rules() == ["absolute-path"]


def test_log_event_refuses_a_link(session: Session) -> None:
    events = session.folder / "EVENTS.jsonl"
    events.unlink()
    events.symlink_to(session.notes)
    before = session.notes.read_bytes()
    run = run_cli("check", str(session.root), "--log-event")
    assert run.exit_code == 2 and "not a regular file" in run.stderr
    assert session.notes.read_bytes() == before


def test_log_event_refuses_a_pipe(session: Session) -> None:
    events = session.folder / "EVENTS.jsonl"
    events.unlink()
    os.mkfifo(events)
    result = subprocess.run([sys.executable, "-m", "lint", "check", str(session.root), "--log-event"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "not a regular file" in result.stderr


@pytest.mark.parametrize("target", ["output", "notes", "events"])
def test_output_never_overwrites_a_checked_file_or_the_log(session: Session, target: str) -> None:
    path = {"output": session.output, "notes": session.notes, "events": session.folder / "EVENTS.jsonl"}[target]
    before = path.read_bytes()
    run = run_cli("check", str(session.root), "--output", str(path))
    assert run.exit_code == 2 and "--output names a file" in run.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("args", [("--exclude", ""), ("--exclude", "/"), ("--select", ","), ("--select=",)])
def test_empty_patterns_and_selections_are_usage_errors(session: Session, args) -> None:
    assert run_cli("check", str(session.root), *args).exit_code == 2


def test_session_mismatch_only_inside_the_sessions_tree(session: Session, tmp_path: Path) -> None:
    import shutil

    review = tmp_path / "review"
    shutil.copytree(session.folder, review)
    assert "session-mismatch" not in lint_json(review).rules()


def test_thousands_separator_in_a_figure() -> None:
    check("backend", output=[('"files_analyzed": 47', '"files_analyzed": 1247')], notes=[("- **Files Analyzed**: 47", "- **Files Analyzed**: 1,247")],
          expect=[])


def test_missing_figure_line() -> None:
    """Reported at the Executive Summary heading (line 3), which should hold it."""
    check("backend", notes=[("- **Files Analyzed**: 47\n", "")], expect=["notes:3:1 statistics-count"], message_contains="no 'Files Analyzed' line")


def test_control_characters_never_reach_the_terminal_or_break_xml(session: Session, tmp_path: Path) -> None:
    add(session, "Bad \x1b[31mred\x1b[0m path app/x.py:1 here.\n")
    text = run_cli("check", str(session.root)).stdout
    assert "\x1b" not in text and "\\x1b" in text
    report = tmp_path / "j.xml"
    report.write_text(run_cli("check", str(session.root), "--format", "junit").stdout)
    ElementTree.parse(report)


def test_a_deliverable_in_the_wrong_folder_is_linted_where_it_is(session: Session) -> None:
    moved = session.folder / "workers" / "json" / "backend_notes.md"
    session.notes.rename(moved)
    run = lint_json(moved)
    assert run.report["deliverables"][0]["notes"].endswith("workers/json/backend_notes.md")
    assert run.findings == []


def test_utf16_is_named() -> None:
    check("backend", output=base("backend").output.encode("utf-16"), expect=["output:1:1 file-unreadable"], message_contains="UTF-16")


def test_double_bom() -> None:
    check("backend", output=b"\xef\xbb\xbf\xef\xbb\xbf" + base("backend").output.encode("utf-8"), expect=["output:1:1 json-syntax"],
          message_contains="second byte-order mark")


def test_instruction_in_a_quote() -> None:
    check("backend", notes=[(ADD_AFTER, ADD_AFTER + "> *REQUIRED: cite files.*\n\n")], expect=["notes:15:1 template-instruction"])


@pytest.mark.parametrize("ident,words", [("backend-HIGH-003", "capitals"), ("BACKEND-003", "severity is missing")])
def test_more_malformed_ids(ident: str, words: str) -> None:
    """Mentioned, not defined, and still reported, after 'Related: ' (column 10)."""
    check("backend", notes=[(ADD_AFTER, ADD_AFTER + f"Related: {ident}.\n")], expect=["notes:15:10 issue-id-format"], message_contains=words)


def test_mentioned_id_defined_nowhere() -> None:
    check("backend", notes=[(ADD_AFTER, ADD_AFTER + "- BACKEND-LOW-777: follow-up.\n")], expect=["notes:15:3 dangling-reference"],
          message_contains="BACKEND-LOW-777")


@pytest.mark.parametrize(
    "written,found",
    [("2025-09-13", True), ("14 September 2025", False), ("September 14, 2025", False), ("Sept 15th, 2025", False), ("15 Sep 2025", True)],
)
def test_date_mismatch_by_day(written: str, found: bool) -> None:
    """The output's timestamp is of 14 September; '- **Analysis Date**: ' (line 8) is 21 characters."""
    check("backend", notes=[("- **Analysis Date**: 2025-09-14T10:30:12.345678", f"- **Analysis Date**: {written}")],
          expect=["notes:8:22 date-mismatch"] if found else [])


def test_trailing_comma_points_at_the_comma() -> None:
    """'    "high_priority_items": 3' is 28 characters: the comma after it is column 29."""
    check("backend", output=[('"high_priority_items": 3', '"high_priority_items": 3,')], expect=["output:459:29 json-syntax"])


def test_cr_only_json_positions() -> None:
    """A lone CR ends a line as LF does: total_api_endpoints stays on line 454."""
    output = base("backend").output.replace("\n", "\r").replace('"total_api_endpoints": 4', '"total_api_endpoints": 5')
    check("backend", output=output, expect=["output:454:28 statistics-count /statistics/total_api_endpoints"])


def test_text_report_quotes_the_right_json_line_after_a_unicode_line_separator(session: Session) -> None:
    # U+2028, U+2029 and U+0085 may stand raw in a JSON string; they end no line.
    session.edit_output('"session_id": "2025', '"session_id": "\u2028\u2029\x85 2025')
    session.edit_output('"total_api_endpoints": 4', '"total_api_endpoints": 5')
    text = run_cli("check", str(session.root), "--no-color").stdout
    line = session.output.read_text().split("\n").index('    "total_api_endpoints": 5,') + 1
    assert f"    {line} │     \"total_api_endpoints\": 5," in text


def test_fixes_that_undo_each_other_stop(session: Session, tmp_path: Path) -> None:
    pack = tmp_path / "backend.toml"
    from conftest import ROOT

    text = (ROOT / "rules" / "backend.toml").read_text()
    pack.write_text(text.replace('schema = "backend_output.schema.json"', f'schema = "{ROOT / "schemas" / "backend_output.schema.json"}"')
                    + '\n[[statistics]]\npointer = "/statistics/total_api_endpoints"\ncount = ["/database_designs"]\n')
    session.edit_output('"total_api_endpoints": 4', '"total_api_endpoints": 9')
    run = run_cli("check", str(session.root), "--fix", "--pack", str(pack))
    assert run.exit_code == 1
    assert "applied 1 fix(es) to 1 file(s)" in run.stderr
