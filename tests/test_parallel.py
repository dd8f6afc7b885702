"""--jobs: several processes give the same report as one; a progress bar only for a person."""

from __future__ import annotations

import os
import re
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE, SESSION_ID, run_cli
from lint import engine
from lint.engine import run as engine_run

SESSIONS = Path("Docs/hive-mind/sessions")


def _project(root: Path, count: int) -> Path:
    """``count`` copies of the example session; every third one has findings."""
    source = EXAMPLE / SESSIONS / SESSION_ID
    for index in range(count):
        name = f"2025-09-14-10-{index % 60:02d}-copy-{index:03d}"
        folder = root / SESSIONS / name
        shutil.copytree(source, folder)
        output = folder / "workers/json/backend_output.json"
        text = output.read_text(encoding="utf-8").replace(SESSION_ID, name)
        if index % 3 == 0:
            text = text.replace('"worker_type": "backend"', '"worker_type": "frontend"', 1)
        output.write_text(text, encoding="utf-8")
        notes = folder / "workers/notes/backend_notes.md"
        notes_text = notes.read_text(encoding="utf-8").replace(SESSION_ID, name)
        if index % 3 == 1:
            notes_text = notes_text.replace("**Files Analyzed**: 47", "**Files Analyzed**: TBD", 1)
        notes.write_text(notes_text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _project(tmp_path_factory.mktemp("many"), engine.PARALLEL_MIN_UNITS + 5)


@pytest.mark.parametrize("format_name", ["json", "text", "sarif"])
def test_processes_give_the_same_report_as_one(many: Path, format_name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = engine_run._in_processes
    monkeypatch.setattr(engine_run, "_in_processes", lambda *a: calls.append(a[2]) or real(*a))
    serial = run_cli("check", str(many), "--format", format_name, "-j", "1", "--no-cache")
    parallel = run_cli("check", str(many), "--format", format_name, "--jobs", "2", "--no-cache")
    assert calls == [2], "two jobs on this many deliverables should use processes"
    assert serial.exit_code == parallel.exit_code == 1
    assert parallel.stdout == serial.stdout
    assert parallel.stderr == serial.stderr  # the evidence note too: it travels back from the workers
    assert f"{engine.PARALLEL_MIN_UNITS + 5} deliverables cite absolute paths under no known source root" in parallel.stderr
    if format_name == "text":
        assert "│" in parallel.stdout  # the offending lines travel back from the workers


def test_few_deliverables_stay_in_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path, 3)
    monkeypatch.setattr(engine_run, "_in_processes", lambda *a: pytest.fail("processes started for three deliverables"))
    assert run_cli("check", str(project), "--jobs", "8").exit_code == 1


def test_jobs_must_be_positive(many: Path) -> None:
    run = run_cli("check", str(many), "--jobs", "0")
    assert run.exit_code == 2 and "--jobs" in run.stderr


def _run_on_a_terminal(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """Run worker-lint with stderr on a pseudo-terminal and stdout to a file."""
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    with open(cwd / "stdout.txt", "w+b") as stdout:
        process = subprocess.Popen([sys.executable, "-m", "lint", *args], stdout=stdout, stderr=follower, cwd=cwd, env=env)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: the process is done with it
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait()
        os.close(leader)
        stdout.seek(0)
        printed = stdout.read().decode()
    return process.returncode, printed, b"".join(chunks).decode(errors="replace")


@pytest.fixture(scope="module")
def crowd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough deliverables (over 300 files) for a progress bar."""
    return _project(tmp_path_factory.mktemp("crowd"), 160)


def test_a_long_run_on_a_terminal_shows_progress_on_stderr(crowd: Path) -> None:
    code, stdout, stderr = _run_on_a_terminal(["check", str(crowd), "--format", "concise"], crowd)
    assert code == 1
    assert "linting" in stderr and "deliverables" in stderr
    assert "linting" not in stdout and "━" not in stdout


@pytest.mark.parametrize("format_name", ["json", "sarif", "junit", "github", "harness"])
def test_machine_formats_never_show_progress(crowd: Path, format_name: str) -> None:
    code, stdout, stderr = _run_on_a_terminal(["check", str(crowd), "--format", format_name], crowd)
    assert code == 1 and stdout
    assert "linting" not in stderr and "━" not in stderr


def test_no_progress_when_stderr_is_not_a_terminal(crowd: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "lint", "check", str(crowd), "--format", "concise"], capture_output=True, text=True)
    assert run.returncode == 1
    assert "linting" not in run.stderr and "━" not in run.stderr


def test_a_short_run_shows_no_progress(tmp_path: Path) -> None:
    project = _project(tmp_path, 5)
    code, _, stderr = _run_on_a_terminal(["check", str(project)], project)
    assert code == 1 and "linting" not in stderr


_COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|9[0-7])(?:;[0-9;]*)?m")


def test_no_color_draws_the_progress_bar_without_colour(crowd: Path) -> None:
    _, _, coloured = _run_on_a_terminal(["check", str(crowd), "--format", "concise", "--no-cache"], crowd)
    _, _, plain = _run_on_a_terminal(["check", str(crowd), "--format", "concise", "--no-cache", "--no-color"], crowd)
    assert _COLOUR.search(coloured) and "linting" in plain
    assert not _COLOUR.search(plain)


def test_processes_check_evidence_and_remember_its_sources(many: Path, tmp_path: Path) -> None:
    """Each worker process looks the cited files up, and the cache learns what they were."""
    codebase = tmp_path / "payments-api"
    (codebase / "app" / "api" / "routes").mkdir(parents=True)
    (codebase / "app" / "api" / "routes" / "webhooks.py").write_text("x = 1\n" * 10)  # the example cites line 57
    mapping = ("--source-root", f"/srv/payments-api={codebase}")
    cache = ("--cache-dir", str(tmp_path / "cache"))
    first = run_cli("check", str(many), "--format", "json", "--jobs", "2", *mapping, *cache)
    lines = [f for f in first.findings if f["rule"] == "reference-line"]
    assert len(lines) == 2 * (engine.PARALLEL_MIN_UNITS + 5)  # lines 44 and 57, in each deliverable
    (codebase / "app" / "api" / "routes" / "webhooks.py").write_text("x = 1\n" * 80)
    second = run_cli("check", str(many), "--format", "json", "--jobs", "2", *mapping, *cache)
    assert not [f for f in second.findings if f["rule"] == "reference-line"]  # the cached results went with the file
