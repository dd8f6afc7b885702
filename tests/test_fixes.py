"""--fix and --diff: only the bytes that must change, atomically, and stable."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, Session, lint_json, run_cli
from test_bad_input import snapshot


def replace_once(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


def test_each_fix_changes_only_what_it_must(session: Session) -> None:
    notes, output = session.notes.read_text(), session.output.read_text()
    bad_output = replace_once(output, '"total_api_endpoints": 4', '"total_api_endpoints": 9')
    first_medium = bad_output.index('"priority": "medium"')
    bad_output = bad_output[:first_medium] + '"priority": "Medium"' + bad_output[first_medium + len('"priority": "medium"'):]
    bad_notes = replace_once(notes, "**API Design Score**: 6.5/10 (clean", "**API Design Score**: 7/10 (clean")
    session.output.write_text(bad_output)
    session.notes.write_text(bad_notes)
    run = run_cli("check", str(session.root), "--fix")
    assert run.exit_code == 0, run.stdout
    assert "applied 3 fix(es) to 2 file(s)" in run.stderr
    assert session.output.read_text() == output  # whole files: nothing else moved
    assert session.notes.read_text() == notes


def test_fix_keeps_crlf_bom_and_indentation(session: Session) -> None:
    notes = session.notes.read_bytes().replace(b"\n", b"\r\n")
    output = b"\xef\xbb\xbf" + session.output.read_bytes().replace(b"  ", b"\t")
    session.notes.write_bytes(notes.replace(b"**Database Performance Score**: 5/10", b"**Database Performance Score**: 4/10"))
    session.output.write_bytes(output.replace(b'"database_tables_analyzed": 3', b'"database_tables_analyzed": 0'))
    assert run_cli("check", str(session.root), "--fix").exit_code == 0
    assert session.notes.read_bytes() == notes
    assert session.output.read_bytes() == output


def test_template_entries_are_removed_and_statistics_recounted(session: Session) -> None:
    data = session.output.read_text()
    original = data
    entry = '{\n      "id": "SEC-009-TEMPLATE",\n      "security_feature": "Template - remove if none",\n      "priority": "critical|high|medium|low"\n    },\n    '
    at = data.index('"security_implementations": [\n    ') + len('"security_implementations": [\n    ')
    data = data[:at] + entry + data[at:]
    data = replace_once(data, '"security_implementations": 3', '"security_implementations": 4')
    session.output.write_text(data)
    run = run_cli("check", str(session.root), "--fix")
    assert run.exit_code == 0
    assert session.output.read_text() == original


@pytest.mark.parametrize("where", ["only", "last"])
def test_removing_the_only_or_last_entry(session: Session, where: str) -> None:
    data = session.data()
    template = {"id": "PERF-001-TEMPLATE", "optimization": "Template - remove if none"}
    data["performance_optimizations"] = [template] if where == "only" else data["performance_optimizations"] + [template]
    data["statistics"]["performance_optimizations"] = 0 if where == "only" else 3
    session.write_data(data)
    run_cli("check", str(session.root), "--fix")
    fixed = json.loads(session.output.read_text())
    expected = [] if where == "only" else data["performance_optimizations"][:-1]
    assert fixed["performance_optimizations"] == expected
    assert fixed["statistics"]["performance_optimizations"] == len(expected)


def test_fix_reports_only_what_remains(session: Session) -> None:
    session.edit_output('"total_api_endpoints": 4', '"total_api_endpoints": 9')
    session.edit_output('"analysis_duration": "', '"analysis_duration": "TBD", "x_note": "')
    run = run_cli("check", str(session.root), "--fix", "--format", "json")
    assert [f["rule"] for f in json.loads(run.stdout)["findings"]] == ["template-placeholder"]
    assert run.exit_code == 1


def test_fix_twice_changes_nothing_the_second_time(session: Session) -> None:
    session.edit_output('"total_api_endpoints": 4', '"total_api_endpoints": 9')
    session.edit_notes("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")
    run_cli("check", str(session.root), "--fix")
    once = snapshot(session.root)
    second = run_cli("check", str(session.root), "--fix")
    assert snapshot(session.root) == once
    assert "applied" not in second.stderr


def test_unknown_priority_and_mirrored_figures_are_not_guessed(session: Session) -> None:
    session.edit_output('"priority": "high"', '"priority": "urgent"')
    session.edit_notes("- **Files Analyzed**: 47", "- **Files Analyzed**: 45")
    notes = session.notes.read_bytes()
    run = run_cli("check", str(session.root), "--fix", "--format", "json")
    assert session.notes.read_bytes() == notes
    data = session.data()
    assert "urgent" in [e["priority"] for e in data["priority_actions"] + data["security_implementations"]]
    assert data["analysis_metadata"]["files_analyzed"] == 47
    remaining = json.loads(run.stdout)["findings"]
    assert sorted(f["rule"] for f in remaining) == ["priority-value", "statistics-count"]
    assert next(f for f in remaining if f["rule"] == "statistics-count")["pointer"] == "/analysis_metadata/files_analyzed"


def test_diff_prints_and_writes_nothing(session: Session) -> None:
    session.edit_output('"total_api_endpoints": 4', '"total_api_endpoints": 9')
    before = snapshot(session.root.parent)
    run = run_cli("check", str(session.root), "--diff")
    assert run.exit_code == 1
    assert '-    "total_api_endpoints": 9,' in run.stdout and '+    "total_api_endpoints": 4,' in run.stdout
    assert run.stdout.startswith("--- a/")
    assert snapshot(session.root.parent) == before


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_diff_lines_end_only_where_the_file_has_a_line_end(session: Session, separator: str) -> None:
    """Characters str.splitlines() breaks at may stand raw in a JSON string: the diff keeps them inside the line."""
    session.edit_output('"analysis_duration": "52 minutes"', f'"analysis_duration": "52{separator}minutes"')
    session.edit_output('"total_api_endpoints": 4', '"total_api_endpoints": 9')
    run = run_cli("check", str(session.root), "--diff")
    assert run.exit_code == 1
    changed = [line for line in run.stdout.splitlines(keepends=True) if line[:1] in "-+" and not line.startswith(("---", "+++"))]
    assert changed == ['-    "total_api_endpoints": 9,\n', '+    "total_api_endpoints": 4,\n']
    assert "No newline at end of file" not in run.stdout
    line = session.output.read_text(encoding="utf-8").split("\n").index('    "total_api_endpoints": 9,') + 1
    hunk = next(text for text in run.stdout.split("\n") if text.startswith("@@"))
    assert hunk.startswith(f"@@ -{line - 3},7 +{line - 3},7 @@")  # numbered as the file's lines


def test_diff_with_nothing_to_fix_exits_0(session: Session) -> None:
    run = run_cli("check", str(session.root), "--diff")
    assert run.exit_code == 0 and run.stdout == ""


def test_fix_and_diff_together_is_a_usage_error(session: Session) -> None:
    assert run_cli("check", str(session.root), "--fix", "--diff").exit_code == 2


def test_fix_touches_no_other_file(session: Session) -> None:
    session.edit_output('"total_api_endpoints": 4', '"total_api_endpoints": 9')
    others = {p: p.read_bytes() for p in session.folder.rglob("*") if p.is_file() and p != session.output}
    run_cli("check", str(session.root), "--fix", "--log-event")
    for path, data in others.items():
        if path.name == "EVENTS.jsonl":
            assert path.read_bytes().startswith(data)  # only appended to, when asked
        else:
            assert path.read_bytes() == data
    assert not list(session.folder.rglob("*.worker-lint.tmp"))


def test_setup_state_fix_removes_every_template_entry(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(FIXTURES / "setup-state", tmp_path / "s")
    before = len(lint_json(tmp_path / "s").findings)
    run_cli("check", str(tmp_path / "s"), "--fix")
    after = lint_json(tmp_path / "s")
    assert not any("template entry" in f["message"] for f in after.findings)
    assert 0 < len(after.findings) < before


def test_explain_says_whether_a_rule_is_fixable() -> None:
    assert "Fixable: yes" in run_cli("explain", "statistics-count").stdout
    assert "Fixable: no" in run_cli("explain", "absolute-path").stdout


def test_killing_a_fixing_process_never_leaves_a_truncated_file(session: Session) -> None:
    """Kill --fix at random moments; the file is always the old or the new one."""
    data = session.data()
    data["padding"] = ["x" * 200] * 40000  # about 8 MB, so a write takes a while
    data["statistics"]["total_api_endpoints"] = 9
    session.write_data(data)
    old = session.output.read_bytes()
    data["statistics"]["total_api_endpoints"] = 4
    new = json.dumps(data, indent=2).encode() + b"\n"
    command = [sys.executable, "-m", "lint", "check", str(session.root), "--fix", "--max-file-size", "20"]
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, check=False)
    whole = time.perf_counter() - started  # one uninterrupted run, to spread the kills over
    assert session.output.read_bytes() == new
    outcomes = set()
    for step in range(1, 16):
        session.output.write_bytes(old)
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(whole * step / 15)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        current = session.output.read_bytes()
        assert current in (old, new)
        outcomes.add(current == new)
    assert False in outcomes  # some runs were cut short, and left the old file whole


def test_fix_fixes_every_finding_past_the_listing_cap_in_one_run(session: Session) -> None:
    """More fixable findings of one rule in one file than the report lists (and than passes times
    the cap): one --fix run fixes them all, and a second changes nothing."""
    data = session.data()
    entry = dict(data["priority_actions"][0], priority="High")
    data["priority_actions"] = [dict(entry, action=f"Action {i}") for i in range(1_200)]
    data["statistics"]["high_priority_items"] = 0
    session.write_data(data)
    first = run_cli("check", str(session.root), "--fix", "--isolated", "--no-cache", "--format", "json")
    assert "priority-value" not in first.rules(), first.stderr
    fixed = session.output.read_bytes()
    assert fixed.count(b'"priority": "high"') >= 1_200 and b'"High"' not in fixed
    second = run_cli("check", str(session.root), "--fix", "--isolated", "--no-cache", "--format", "json")
    assert session.output.read_bytes() == fixed and "applied" not in second.stderr
