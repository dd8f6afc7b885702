"""Limits on what is read: file size, JSON nesting, Markdown nesting.

Going over a limit is a finding on the file (file-unreadable, as for the size
limit) naming the limit and its value, with a hint naming the option and the
configuration key that raise it; never a crash, a hang or a memory blow-up.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, Session, lint_json, run_cli

ADD_AFTER = "## Critical Issues Found\n"
HOSTILE_SECONDS = 30  # each hostile file takes well under a second; the machine may be busy


def nested_json(session: Session, levels: int) -> None:
    """The example's output with an array nested ``levels`` deep under one more key (one more level)."""
    data = session.data()
    session.write_data(data)
    text = session.output.read_text()
    session.output.write_text(text.replace('{\n  "analysis_metadata"', '{\n  "x_nested": ' + "[" * levels + "]" * levels + ',\n  "analysis_metadata"', 1))


def nested_list(levels: int) -> str:
    return "".join("  " * i + f"- level {i + 1}\n" for i in range(levels)) + "\n"


def lint_subprocess(path: Path, *args: str) -> tuple[subprocess.CompletedProcess, float]:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "lint", "check", str(path), "--format", "json", *args],
                            capture_output=True, text=True, timeout=120)
    return result, time.perf_counter() - started


@pytest.mark.parametrize(
    "which,content,limit,option",
    [
        ("output", "[" * 100_000 + "]" * 100_000, 128, "max-json-depth"),
        ("output", '{"a":' * 100_000 + "1" + "}" * 100_000, 128, "max-json-depth"),
        ("notes", "# Notes\n\n" + ">" * 100_000 + " quoted\n", 20, "max-markdown-depth"),
        ("notes", "# Notes\n\n" + "> " * 100_000 + "quoted\n", 20, "max-markdown-depth"),
        ("notes", "# Notes\n\n" + "- " * 100_000 + "item\n", 20, "max-markdown-depth"),
        ("notes", "# Notes\n\n" + "1. " * 100_000 + "item\n", 20, "max-markdown-depth"),
        ("notes", "# Notes\n\n" + "> - " * 50_000 + "item\n", 20, "max-markdown-depth"),
        ("notes", "# Notes\n\n" + (">" * 100_000 + " quoted\n") * 60, 20, "max-markdown-depth"),
        # A staircase as deep as the 10 MiB size limit allows (3,000 levels, 9 MB).
        ("notes", "# Notes\n\n" + "".join("  " * i + "- x\n" for i in range(3000)), 20, "max-markdown-depth"),
    ],
    ids=["arrays", "objects", "quotes", "spaced-quotes", "list-items", "ordered-items", "quotes-and-items",
         "many-deep-lines", "list-staircase"],
)
def test_hostile_nesting_is_a_finding_quickly(session: Session, which: str, content: str, limit: int, option: str) -> None:
    path = getattr(session, which)
    path.write_text(content)
    result, seconds = lint_subprocess(session.root)
    assert result.returncode == 1, result.stderr
    assert seconds < HOSTILE_SECONDS
    assert "Traceback" not in result.stderr
    findings = [f for f in json.loads(result.stdout)["findings"] if f["file"] == str(path)]
    [finding] = [f for f in findings if f["rule"] == "file-unreadable"]
    assert f"nested deeper than the limit of {limit} levels" in finding["message"]
    assert f"--{option}" in finding["hint"] and f"{option} in the configuration" in finding["hint"]


def test_json_over_the_limit_points_at_the_level_past_it(session: Session) -> None:
    nested_json(session, 128)  # 129 levels with the top-level object
    [finding] = lint_json(session.root).findings
    assert finding["rule"] == "file-unreadable"
    assert (finding["line"], finding["column"]) == (2, len('  "x_nested": ') + 128)  # the 128th '['
    assert finding["message"] == "the JSON is nested deeper than the limit of 128 levels"
    assert finding["hint"].endswith("raise --max-json-depth (max-json-depth in the configuration)")


def test_json_at_the_limit_is_read(session: Session) -> None:
    nested_json(session, 127)  # exactly 128 levels
    assert lint_json(session.root).findings == []


def test_raising_the_json_limit_reads_the_file(session: Session) -> None:
    nested_json(session, 150)
    assert lint_json(session.root).rules() == ["file-unreadable"]
    assert lint_json(session.root, extra=("--max-json-depth", "151")).findings == []
    assert lint_json(session.root, extra=("--max-json-depth", "150")).rules() == ["file-unreadable"]
    (session.root / ".worker-lint.toml").write_text("max-json-depth = 200\n")
    assert lint_json(session.root).findings == []
    # The command line wins over the configuration.
    assert "the limit of 140 levels" in lint_json(session.root, extra=("--max-json-depth", "140")).findings[0]["message"]


def test_lowering_the_json_limit_reports_the_example(session: Session) -> None:
    run = lint_json(session.root, extra=("--max-json-depth", "2"))
    [finding] = run.findings
    assert finding["message"] == "the JSON is nested deeper than the limit of 2 levels"
    assert run.exit_code == 1


def test_markdown_over_the_limit_names_the_line(session: Session) -> None:
    session.edit_notes(ADD_AFTER, ADD_AFTER + nested_list(21))
    [finding] = lint_json(session.root).findings
    assert finding["rule"] == "file-unreadable" and finding["file"] == str(session.notes)
    first = session.notes.read_text().splitlines().index("- level 1") + 1
    assert finding["line"] == first + 20  # the 21st level
    assert finding["message"] == "lists and block quotes are nested deeper than the limit of 20 levels"
    assert finding["hint"].endswith("raise --max-markdown-depth (max-markdown-depth in the configuration)")


def test_markdown_at_the_limit_is_read(session: Session) -> None:
    session.edit_notes(ADD_AFTER, ADD_AFTER + nested_list(20) + "> " * 20 + "quoted\n\n")
    assert lint_json(session.root).findings == []


def test_raising_the_markdown_limit_reads_the_notes(session: Session) -> None:
    session.edit_notes(ADD_AFTER, ADD_AFTER + "> " * 30 + "see app/deep.py:1\n\n")
    assert lint_json(session.root).rules() == ["file-unreadable"]
    # Read: the quoted line is checked like any other (its relative path is found).
    assert lint_json(session.root, extra=("--max-markdown-depth", "30")).rules() == ["absolute-path"]
    (session.root / "pyproject.toml").write_text("[tool.worker-lint]\nmax-markdown-depth = 40\n")
    assert lint_json(session.root).rules() == ["absolute-path"]


def test_code_blocks_do_not_count_as_nesting(session: Session) -> None:
    session.edit_notes(ADD_AFTER, ADD_AFTER + "```text\n" + ">" * 60 + " prompt\n" + "- " * 60 + "x\n```\n\n")
    assert lint_json(session.root).findings == []


def test_the_size_limit_hint_names_the_option_and_the_key(session: Session) -> None:
    session.output.write_text('{"a": "' + "x" * (1024 * 1024 + 10) + '"}')
    [finding] = lint_json(session.root, extra=("--max-file-size", "1")).findings
    assert "over the 1 MiB limit" in finding["message"]
    assert "raise --max-file-size (max-file-size in the configuration)" in finding["hint"]
    assert lint_json(session.root, extra=("--max-file-size", "2")).rules() != ["file-unreadable"]


@pytest.mark.parametrize(
    "body,words",
    [
        ("max-json-depth = 0\n", "setting 'max-json-depth' must be a whole number of levels from 1 to 500, found a number (0)"),
        ("max-json-depth = 501\n", "must be a whole number of levels from 1 to 500, found a number (501)"),
        ("max-json-depth = 12.5\n", "must be a whole number of levels from 1 to 500"),
        ('max-json-depth = "deep"\n', "must be a whole number of levels from 1 to 500, found a string ('deep')"),
        ("max-markdown-depth = true\n", "setting 'max-markdown-depth' must be a whole number of levels from 1 to 100, found a boolean (true)"),
        ("max-markdown-depth = 101\n", "must be a whole number of levels from 1 to 100, found a number (101)"),
        ("max-markdown-depth = -1\n", "must be a whole number of levels from 1 to 100"),
        ("max-markdown-dept = 3\n", "did you mean 'max-markdown-depth'?"),
    ],
)
def test_bad_limit_settings_exit_2(session: Session, body: str, words: str) -> None:
    (session.root / ".worker-lint.toml").write_text(body)
    run = run_cli("check", str(session.root))
    assert run.exit_code == 2
    assert str(session.root / ".worker-lint.toml") in run.stderr and words in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize(
    "args,words",
    [
        (("--max-json-depth", "501"), "option '--max-json-depth' must be a whole number of levels from 1 to 500"),
        (("--max-json-depth", "0"), "'--max-json-depth'"),
        (("--max-markdown-depth", "1000"), "option '--max-markdown-depth' must be a whole number of levels from 1 to 100"),
        (("--max-markdown-depth", "many"), "'--max-markdown-depth'"),
    ],
)
def test_bad_limit_options_exit_2(session: Session, args, words: str) -> None:
    run = run_cli("check", str(session.root), *args)
    assert run.exit_code == 2 and words in run.stderr


def test_the_highest_limits_stay_within_the_readers_recursion(session: Session) -> None:
    """At the ceilings, input nested just within them is read, not a crash."""
    nested_json(session, 499)  # 500 levels
    session.edit_notes(ADD_AFTER, ADD_AFTER + "> - " * 50 + "item\n\n")  # 100 levels
    result, _ = lint_subprocess(session.root, "--max-json-depth", "500", "--max-markdown-depth", "100")
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["findings"] == []


def test_readme_documents_the_limits() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    options = readme.split("## Command line", 1)[1].split("\n## ", 1)[0]
    configuration = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    for name in ("max-file-size", "max-json-depth", "max-markdown-depth"):
        assert f"`--{name}" in options, name
        assert f"\n{name} = " in configuration, name


def _called_from_depth(frames: int, call):
    """Run ``call`` with ``frames`` more frames of the caller's own on the stack."""
    return call() if frames == 0 else _called_from_depth(frames - 1, call)


@pytest.mark.parametrize("caller_frames", [0, 600, 2000])
def test_nesting_within_the_limits_is_read_from_a_deep_caller(caller_frames: int) -> None:
    """A harness deep in its own code reads the same document as a shallow one: no false 'too deep'."""
    from lint import Settings, lint_contents

    session = ROOT / "fixtures/example/Docs/hive-mind/sessions/2025-09-14-10-30-payment-api-audit"
    notes = (session / "workers/notes/backend_notes.md").read_text()
    output = (session / "workers/json/backend_output.json").read_text()
    notes = notes.replace(ADD_AFTER, ADD_AFTER + "\n" + "> - " * 50 + "item\n\n" + nested_list(100), 1)
    output = output.replace('{\n  "analysis_metadata"', '{\n  "x_nested": ' + "[" * 499 + "]" * 499 + ',\n  "analysis_metadata"', 1)
    settings = Settings(max_markdown_depth=100, max_json_depth=500)
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, caller_frames + 200))  # room for the caller's own frames only
    try:
        limit_before = sys.getrecursionlimit()
        result = _called_from_depth(caller_frames, lambda: lint_contents(
            "backend", notes=notes, output=output, session_id="2025-09-14-10-30-payment-api-audit", settings=settings))
        assert sys.getrecursionlimit() == limit_before  # given back as it was
    finally:
        sys.setrecursionlimit(old)
    assert [f.rule for f in result.findings] == []
