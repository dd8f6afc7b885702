"""What ruff users expect of the human output: fixable findings marked, --statistics,
-q/--quiet, FORCE_COLOR and NO_COLOR, and --diff only where a diff can be printed."""

from __future__ import annotations

import io

import pytest

from conftest import Session, run_cli
from lint.cli.check import wants_color

WRONG_SCORE = ("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")  # score-mismatch, fixable
WRONG_COUNT = ('"total_api_endpoints": 4', '"total_api_endpoints": 5')  # statistics-count, fixable
DATE = "**Analysis Date**: 2025-09-14"


@pytest.fixture
def fixable(session: Session) -> Session:
    session.edit_notes(*WRONG_SCORE)
    session.edit_output(*WRONG_COUNT)
    return session


def _check(session: Session, *args: str):
    return run_cli("check", str(session.root), "--isolated", "--no-cache", *args)


def test_text_marks_fixable_findings_and_counts_them(fixable: Session) -> None:
    run = _check(fixable)
    assert "score-mismatch [*]  API Design Score is 7/10" in run.stdout
    assert "statistics-count [*]  statistics.total_api_endpoints is 5" in run.stdout
    assert run.stdout.rstrip("\n").splitlines()[-1] == "[*] 2 fixable with --fix."


def test_concise_marks_fixable_findings(fixable: Session) -> None:
    run = _check(fixable, "--format", "concise")
    assert ":4:25: score-mismatch [*] API Design Score is 7/10" in run.stdout
    assert run.stdout.splitlines()[-1] == "[*] 2 fixable with --fix."


def test_findings_no_fix_can_make_are_not_marked(session: Session) -> None:
    session.edit_notes(DATE, "**Analysis Date**: 2025-09-15")
    run = _check(session)
    assert run.exit_code == 1 and "date-mismatch  " in run.stdout
    assert "[*]" not in run.stdout and "fixable" not in run.stdout


@pytest.mark.parametrize("fmt", ["text", "concise"])
def test_quiet_prints_only_the_findings(fixable: Session, fmt: str) -> None:
    loud = _check(fixable, "--format", fmt)
    quiet = _check(fixable, "--format", fmt, "-q")
    assert quiet.exit_code == loud.exit_code == 1
    assert "Found 2 problems" in loud.stdout and "Found" not in quiet.stdout and "fixable with" not in quiet.stdout
    assert "score-mismatch [*]" in quiet.stdout and "statistics-count [*]" in quiet.stdout
    assert "score 8.8/10" not in quiet.stdout  # no per-deliverable line


def test_quiet_prints_nothing_when_all_checks_pass(session: Session) -> None:
    (session.folder / "workers" / "notes" / "scribe_notes.md").write_text("# Scribe\n")  # an info note on stderr
    loud = _check(session)
    quiet = _check(session, "--quiet")
    assert "skipped scribe_notes.md" in loud.stderr and "All checks passed" in loud.stdout
    assert quiet.exit_code == 0 and quiet.stdout == "" and quiet.stderr == ""


def test_statistics_counts_each_rule_with_the_findings_beyond_the_cap(fixable: Session) -> None:
    references = "".join(f"- see src/module_{i}.py:1\n" for i in range(150))
    fixable.edit_notes("## Critical Issues Found\n", "## Critical Issues Found\n\n" + references + "\n")
    run = _check(fixable, "--statistics")
    rows = [line.split() for line in run.stdout.splitlines()[:-1]]
    assert [row[:3] for row in rows] == [["150", "absolute-path", "error"], ["1", "score-mismatch", "[*]"], ["1", "statistics-count", "[*]"]]
    assert "A file reference is not an absolute path." in run.stdout
    assert run.stdout.splitlines()[-1].startswith("Found 152 problems")
    assert run.exit_code == 1
    assert "src/module_" not in run.stdout  # counts, not findings


def test_statistics_refuses_a_format_that_cannot_hold_it(fixable: Session) -> None:
    run = _check(fixable, "--statistics", "--format", "json")
    assert run.exit_code == 2 and run.stdout == ""
    assert "--statistics prints a table of counts, which --format json cannot hold" in run.stderr


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github", "harness"])
def test_diff_refuses_a_format_it_cannot_print_in(fixable: Session, fmt: str) -> None:
    before = fixable.notes.read_bytes(), fixable.output.read_bytes()
    run = _check(fixable, "--diff", "--format", fmt)
    assert run.exit_code == 2 and run.stdout == ""
    assert f"--diff prints a unified diff, which --format {fmt} cannot hold" in run.stderr
    assert (fixable.notes.read_bytes(), fixable.output.read_bytes()) == before


def test_diff_honours_exit_zero(fixable: Session) -> None:
    assert _check(fixable, "--diff").exit_code == 1
    run = _check(fixable, "--diff", "--exit-zero")
    assert run.exit_code == 0 and "+- **API Design Score**: 6.5/10" in run.stdout


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    "environ,tty,colour",
    [
        ({}, False, False),
        ({}, True, True),
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": "true"}, False, True),
        ({"FORCE_COLOR": ""}, False, False),
        ({"FORCE_COLOR": "0"}, False, False),
        ({"FORCE_COLOR": "false"}, True, True),  # not forced, but a terminal
        ({"NO_COLOR": "1"}, True, False),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, False, False),
        ({"NO_COLOR": ""}, True, True),
    ],
)
def test_colour_follows_force_color_and_no_color(environ: dict, tty: bool, colour: bool) -> None:
    assert wants_color(_Stream(tty), environ) is colour


def test_force_color_colours_a_ci_log(fixable: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in _check(fixable).stdout
    assert "\x1b[" not in _check(fixable, "--no-color").stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in _check(fixable).stdout


def test_the_fixable_count_includes_the_findings_past_the_listing_cap(session: Session) -> None:
    data = session.data()
    entry = dict(data["priority_actions"][0], priority="Urgent")  # not fixable: no allowed value is meant
    data["priority_actions"] = [dict(entry, action=f"A{i}") for i in range(150)] + \
        [dict(entry, action=f"B{i}", priority="High") for i in range(150)]  # fixable, and all past the first 100 listed
    session.write_data(data)
    run = _check(session, "--select", "priority-value")
    assert run.stdout.rstrip("\n").splitlines()[-1] == "[*] 150 fixable with --fix."
    statistics = _check(session, "--select", "priority-value", "--statistics")
    assert statistics.stdout.splitlines()[0].split()[:3] == ["300", "priority-value", "[*]"]


def test_quiet_says_nothing_of_fixes(fixable: Session) -> None:
    diff = _check(fixable, "--diff", "-q")
    assert diff.exit_code == 1 and diff.stderr == "" and "+- **API Design Score**: 6.5/10" in diff.stdout
    fixed = _check(fixable, "--fix", "-q")
    assert fixed.exit_code == 0 and fixed.stdout == "" and fixed.stderr == ""
