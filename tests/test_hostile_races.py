"""Another process writes while the linter works: it never acts on bytes it did not lint."""

from __future__ import annotations

import pytest

from conftest import Session, run_cli

import lint.fixes


def test_fix_leaves_alone_a_file_changed_after_it_was_linted(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    session.edit_output('"total_api_endpoints": 4', '"total_api_endpoints": 9')  # a fixable count
    real = lint.fixes.lint_unit
    calls = []

    def lint_then_someone_writes(*args, **kwargs):
        result = real(*args, **kwargs)
        if not calls:  # right after the first lint, another writer inserts a line at the top
            session.output.write_text("\n" + session.output.read_text(encoding="utf-8"), encoding="utf-8")
        calls.append(1)
        return result

    monkeypatch.setattr(lint.fixes, "lint_unit", lint_then_someone_writes)
    changed = session.output.read_bytes()
    run = run_cli("check", str(session.root), "--fix")
    now = session.output.read_bytes()
    assert run.exit_code == 2
    assert now.startswith(b"\n") and b'"total_api_endpoints": 9' in now and b"tota4" not in now
    assert str(session.output) in run.stderr and "changed after worker-lint read it" in run.stderr
    assert now == b"\n" + changed


def test_a_file_swapped_for_a_pipe_after_its_stat_never_hangs_the_read(tmp_path) -> None:
    """The stat says regular file, the open meets a pipe with no writer: a finding, at once."""
    import subprocess
    import sys

    regular = tmp_path / "regular.md"
    regular.write_text("# Notes\n")
    pipe = tmp_path / "backend_notes.md"
    os_mkfifo = __import__("os").mkfifo
    os_mkfifo(pipe)
    code = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from lint.documents.loading import _read_bytes\n"
        "class SwappedAfterStat(type(Path())):\n"
        f"    def stat(self, **kw): return os.stat({str(regular)!r})\n"
        f"print(_read_bytes(SwappedAfterStat({str(pipe)!r}), 1 << 20).message)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "not a regular file"


def test_a_result_is_never_stored_for_bytes_other_than_those_linted(session: Session, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer swaps in clean bytes of the same size, with the times restored, between the
    key and the lint: the clean result must not be stored under the bad bytes' key."""
    import os

    import lint.engine.run

    cache = ("--cache-dir", str(tmp_path / "cache"))
    clean = session.notes.read_bytes()
    bad = clean.replace(b"**API Design Score**: 6.5/10", b"**API Design Score**: 6.6/10")
    assert len(bad) == len(clean) and bad != clean
    session.notes.write_bytes(bad)
    times = os.stat(session.notes)
    real = lint.engine.run.lint_unit

    def swap_then_lint(unit, *args, **kwargs):
        session.notes.write_bytes(clean)
        os.utime(session.notes, ns=(times.st_atime_ns, times.st_mtime_ns))
        return real(unit, *args, **kwargs)

    monkeypatch.setattr(lint.engine.run, "lint_unit", swap_then_lint)
    run_cli("check", str(session.root), *cache)
    monkeypatch.setattr(lint.engine.run, "lint_unit", real)
    session.notes.write_bytes(bad)
    os.utime(session.notes, ns=(times.st_atime_ns, times.st_mtime_ns))
    run = run_cli("check", str(session.root), "--format", "json", *cache)
    assert run.exit_code == 1 and run.rules() == ["score-mismatch"]


def test_a_cache_folder_others_can_write_to_is_not_used(session: Session, tmp_path) -> None:
    shared = tmp_path / "shared-cache"
    shared.mkdir()
    shared.chmod(0o777)
    run = run_cli("check", str(session.root), "--cache-dir", str(shared))
    assert run.exit_code == 0
    assert list(shared.iterdir()) == []


def test_an_event_log_someone_keeps_locked_never_hangs_the_run(session: Session) -> None:
    import fcntl
    import subprocess
    import sys

    with open(session.folder / "EVENTS.jsonl", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        run = subprocess.run([sys.executable, "-m", "lint", "check", str(session.root), "--log-event"],
                             capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and "held it locked" in run.stderr and "internal error" not in run.stderr
