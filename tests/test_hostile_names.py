"""Names and streams a hostile worker or a broken environment hands the linter.

Each case is a defect an adversarial review reproduced: a name that is not
UTF-8 must be shown escaped and valid in every format, a SARIF URI must be
percent-encoded, and an output stream that cannot be written is a clear stop
(exit 2), never an internal error.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import SESSION_ID, Session, harness_objects, run_cli

NOT_UTF8 = os.fsdecode(b"caf\xe9-audit")  # a folder name with a byte that is not UTF-8


@pytest.fixture
def odd_session(session: Session) -> Session:
    """The example session renamed to a name that is not UTF-8, with one finding."""
    target = session.folder.parent / NOT_UTF8
    session.folder.rename(target)
    session = Session(session.root, target)
    session.edit_notes("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")
    return session


def _real_run(*args: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lint", *args], cwd=cwd, capture_output=True, **kwargs)


@pytest.mark.parametrize("fmt", ["json", "sarif", "harness"])
def test_a_name_that_is_not_utf8_is_escaped_and_the_report_stays_valid(odd_session: Session, fmt: str) -> None:
    run = _real_run("check", str(odd_session.root), "--format", fmt, cwd=odd_session.root)
    assert run.returncode == 1, run.stderr
    text = run.stdout.decode("utf-8")  # strict: every byte is UTF-8
    if fmt == "harness":
        [data] = harness_objects(text)
    else:
        data = json.loads(text)
    dumped = json.dumps(data, ensure_ascii=False)
    dumped.encode("utf-8")  # no lone surrogate anywhere
    assert json.dumps("caf\\xe9-audit")[1:-1] in dumped  # the byte shown as \xe9


def test_text_shows_the_byte_that_is_not_utf8(odd_session: Session) -> None:
    run = _real_run("check", str(odd_session.root), "--format", "concise", cwd=odd_session.root)
    assert "caf\\xe9-audit" in run.stdout.decode("utf-8")


def test_the_event_of_a_session_whose_name_is_not_utf8_is_logged(odd_session: Session) -> None:
    run = _real_run("check", str(odd_session.root), "--log-event", cwd=odd_session.root)
    assert run.returncode == 1 and b"internal error" not in run.stderr, run.stderr
    last = (odd_session.folder / "EVENTS.jsonl").read_bytes().splitlines()[-1].decode("utf-8")
    event = json.loads(last)
    assert event["details"]["passed"] is False and "caf\\xe9-audit" in event["details"]["notes"]


def test_sarif_uris_are_percent_encoded(session: Session) -> None:
    target = session.folder.parent / "a b#c%zz"
    session.folder.rename(target)
    session = Session(session.root, target)
    session.edit_notes("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")
    run = run_cli("check", str(session.root), "--format", "sarif", cwd=session.root)
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in json.loads(run.stdout)["runs"][0]["results"]]
    assert uris and all("a%20b%23c%25zz" in uri and " " not in uri and "#" not in uri for uri in uris)


def test_a_report_to_a_full_disk_is_a_clear_stop(session: Session) -> None:
    with open("/dev/full", "wb") as full:
        run = subprocess.run([sys.executable, "-m", "lint", "check", str(session.root)], stdout=full, stderr=subprocess.PIPE)
    assert run.returncode == 2
    assert b"internal error" not in run.stderr
    assert b"cannot write the report to standard output" in run.stderr and b"No space left on device" in run.stderr


def test_a_closed_standard_output_is_a_clear_stop(session: Session) -> None:
    run = subprocess.run([sys.executable, "-m", "lint", "check", str(session.root)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         preexec_fn=lambda: os.close(1))
    assert run.returncode == 2
    assert b"internal error" not in run.stderr and b"standard output is closed" in run.stderr


def test_junit_of_a_name_that_is_not_utf8_parses(odd_session: Session) -> None:
    run = _real_run("check", str(odd_session.root), "--format", "junit", cwd=odd_session.root)
    root = ElementTree.fromstring(run.stdout)
    assert any("caf\\xe9-audit" in (suite.get("name") or "") for suite in root.iter("testsuite"))


def test_session_id_is_the_escaped_name_in_the_harness_output(odd_session: Session) -> None:
    run = _real_run("check", str(odd_session.root), "--format", "harness", cwd=odd_session.root)
    [data] = harness_objects(run.stdout.decode("utf-8"))
    assert data["session_id"] == "caf\\xe9-audit" and data["session_id"] != SESSION_ID


# Output injection: every name and value is printed escaped, the same way everywhere --------

ESC_SEQUENCES = ["\x1b[2J", "\x1b]0;owned\x07", "\x1b]8;;http:x\x1b\\link\x1b]8;;\x1b\\"]
FORGED = "All checks passed: 1 deliverable, no problems."


def _forbidden(text: str) -> list[str]:
    """Control characters left in ``text`` once the linter's own colours (SGR) are taken out."""
    import re

    text = re.sub("\x1b\\[[0-9;]*m", "", text)
    return [c for c in ("\x1b", "\x07", "\x85", "\u2028", "\u2029") if c in text]


@pytest.mark.parametrize("fmt", ["text", "concise", "github"])
def test_a_session_id_with_a_newline_forges_no_line(session: Session, fmt: str) -> None:
    data = json.loads(session.output.read_text(encoding="utf-8"))
    data["analysis_metadata"]["session_id"] = "x\n" + FORGED + "\u2028" + FORGED + "\x85" + FORGED
    session.output.write_text(json.dumps(data, indent=2), encoding="utf-8")
    run = run_cli("check", str(session.root), "--format", fmt, cwd=session.root)
    assert run.exit_code == 1
    assert not any(line.startswith(FORGED) for line in run.stdout.splitlines())
    assert not _forbidden(run.stdout)
    if fmt == "concise":
        assert len(run.stdout.splitlines()) == 2  # one finding, one summary


@pytest.mark.parametrize("sequence", ESC_SEQUENCES)
def test_escape_sequences_in_names_and_keys_never_reach_the_output(session: Session, sequence: str) -> None:
    target = session.folder.parent / ("audit" + sequence)
    session.folder.rename(target)
    session = Session(session.root, target)
    session.edit_output('"overall_score": 6.2', f'"overall_score": 6.2, {json.dumps("k" + sequence)}: 1')
    session.edit_notes("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")
    for fmt in ("text", "concise", "github"):
        run = run_cli("check", str(session.root), "--format", fmt, "--color", cwd=session.root)
        assert run.exit_code == 1 and not _forbidden(run.stdout + run.stderr), fmt
    diff = run_cli("check", str(session.root), "--diff", cwd=session.root)
    assert not _forbidden(diff.stdout + diff.stderr)


def test_a_file_name_with_newlines_forges_no_workflow_command(session: Session) -> None:
    name = "zz\n::error file=README.md,line=1::forged\n::add-mask::x"
    (session.folder / "workers" / "notes" / name).write_text("# stray\n")
    run = run_cli("check", str(session.root), "--format", "github", cwd=session.root)
    printed = run.stdout + run.stderr
    assert "zz\\n::error" in printed  # the stray file is named, escaped
    assert not any(line.startswith(("::error file=README.md", "::add-mask")) for line in printed.splitlines())


def test_a_name_too_long_is_a_clear_stop_on_the_command_line_and_in_the_api(session: Session) -> None:
    import lint

    long = "a" * 300
    run = subprocess.run([sys.executable, "-m", "lint", "check", long], capture_output=True, text=True, cwd=session.root)
    assert run.returncode == 2 and "File name too long" in run.stderr and "internal error" not in run.stderr
    with pytest.raises(lint.UsageError, match="File name too long"):
        lint.lint_deliverable(long, "backend", project=session.root)


def test_unowned_files_named_relative_and_absolute_make_one_note(session: Session) -> None:
    notes = session.folder / "workers" / "notes" / "scribe_notes.md"
    output = session.folder / "workers" / "json" / "scribe_output.json"
    notes.write_text("# x\n")
    output.write_text("{}\n")
    run = subprocess.run([sys.executable, "-m", "lint", "check", str(notes), str(output.relative_to(session.root))],
                         capture_output=True, text=True, cwd=session.root)
    assert "internal error" not in run.stderr
    assert [line for line in run.stderr.splitlines() if "scribe" in line][0].count("scribe_") == 2


def test_diff_with_exit_zero_exits_zero(session: Session) -> None:
    session.edit_output('"total_api_endpoints": 4', '"total_api_endpoints": 9')
    assert run_cli("check", str(session.root), "--diff").exit_code == 1
    assert run_cli("check", str(session.root), "--diff", "--exit-zero").exit_code == 0


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "harness"])
def test_values_quoted_in_machine_formats_carry_no_control_character(session: Session, fmt: str) -> None:
    data = json.loads(session.output.read_text(encoding="utf-8"))
    data["analysis_metadata"]["session_id"] = "wrong\u2028::error::forged\x1b[2J\x85X"
    session.output.write_text(json.dumps(data, indent=2), encoding="utf-8")
    run = run_cli("check", str(session.root), "--format", fmt, "--log-event", cwd=session.root)
    assert run.exit_code == 1
    printed = run.stdout
    if fmt != "junit":
        printed = json.dumps([json.loads(chunk) for chunk in printed.split("WORKER_OUTPUT_JSON:\n") if chunk.strip()], ensure_ascii=False)
    assert not _forbidden(printed) and "::error::forged" in printed
    assert not any(line.startswith("::error") for line in run.stdout.splitlines())
    event = (session.folder / "EVENTS.jsonl").read_text(encoding="utf-8")
    assert len(event.splitlines()) == event.count("\n")


@pytest.mark.parametrize("module", ["click", "rich", "mistune", "jsonschema", "re", "typing", "enum", "__future__", "json", "tomllib"])
def test_python_m_lint_never_runs_a_module_planted_in_the_current_folder(session: Session, module: str) -> None:
    """`python -m lint` puts the linted project first on the module path; what a worker plants there never runs."""
    marker = session.root / "planted-code-ran"
    (session.root / f"{module}.py").write_text(f"open({str(marker)!r}, 'w').close()\nraise SystemExit(0)\n")
    run = _real_run("check", ".", "--isolated", "--no-cache", "--format", "json", cwd=session.root, timeout=120)
    assert not marker.exists()
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["findings"] == []


@pytest.mark.parametrize("extra", [(), ("--exit-zero",), ("--format", "json")])
def test_a_full_disk_for_both_streams_is_still_exit_2(session: Session, extra: tuple[str, ...]) -> None:
    """Nowhere to say so, yet the exit code must not read as a verdict."""
    with open("/dev/full", "wb") as full:
        run = subprocess.run([sys.executable, "-m", "lint", "check", str(session.root), *extra], stdout=full, stderr=full)
    assert run.returncode == 2


@pytest.mark.parametrize("args", [("explain", "schema"), ("rules",), ("rules", "--format", "json"), ("packs",), ("--version",), ("cache", "dir")])
@pytest.mark.parametrize("stream", ["closed", "full"])
def test_an_answer_that_cannot_be_delivered_is_exit_2(args: tuple[str, ...], stream: str) -> None:
    if stream == "closed":
        run = subprocess.run([sys.executable, "-m", "lint", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             preexec_fn=lambda: os.close(1))
    else:
        with open("/dev/full", "wb") as full:
            run = subprocess.run([sys.executable, "-m", "lint", *args], stdout=full, stderr=subprocess.PIPE)
    assert run.returncode == 2, run.stderr
    assert b"standard output" in run.stderr and b"Traceback" not in run.stderr
