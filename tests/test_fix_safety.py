"""--fix when a file cannot or must not be written: the file stays byte for byte as
it was, no temporary file is left, the message names the file and what to do,
and the exit code is 2."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

import lint.fixes
from conftest import Session, run_cli


def break_statistic(session: Session) -> None:
    session.edit_output('"total_api_endpoints": 4', '"total_api_endpoints": 9')


def break_score(session: Session) -> None:
    session.edit_notes("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")


def tree(session: Session) -> dict[str, bytes]:
    """Every file below the project (temporary files included) with its bytes."""
    return {str(p.relative_to(session.root)): p.read_bytes() for p in sorted(session.root.rglob("*")) if p.is_file()}


def assert_left_alone(session: Session, before: dict[str, bytes], run, path: Path, *words: str) -> None:
    assert run.exit_code == 2, run.stdout + run.stderr
    assert tree(session) == before  # the file whole, nothing new beside it
    assert not list(session.root.rglob("*.worker-lint.tmp"))
    error = next(line for line in run.stderr.splitlines() if line.startswith("worker-lint: error: "))
    assert f"{path}: not fixed: " in error and "the file is unchanged" in error and "To fix it, " in error
    for word in words:
        assert word in error, error
    assert "Traceback" not in run.stderr


def test_read_only_file(session: Session) -> None:
    break_statistic(session)
    session.output.chmod(0o444)
    try:
        before = tree(session)
        run = run_cli("check", str(session.root), "--fix")
        assert_left_alone(session, before, run, session.output, "the file is read-only", "chmod u+w", "--diff")
        assert session.output.stat().st_mode & 0o777 == 0o444
    finally:
        session.output.chmod(0o644)


def test_read_only_folder(session: Session) -> None:
    break_statistic(session)
    folder = session.output.parent
    folder.chmod(0o555)
    try:
        before = tree(session)
        run = run_cli("check", str(session.root), "--fix")
        assert_left_alone(session, before, run, session.output, "its folder is read-only")
    finally:
        folder.chmod(0o755)


def test_the_operating_system_refusing_the_temporary_file(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a read-only folder does for a user who is not root: creating the temporary file fails."""
    break_statistic(session)
    real = os.open

    def refused(name, flags, *args, **kwargs):
        if str(name).endswith(".worker-lint.tmp") and flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(name, flags, *args, **kwargs)

    monkeypatch.setattr(lint.fixes.os, "open", refused)
    before = tree(session)
    run = run_cli("check", str(session.root), "--fix")
    assert_left_alone(session, before, run, session.output, "cannot write it: Permission denied", "run --fix again")


def test_a_link_is_not_written_through(session: Session, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.json"
    target.write_bytes(session.output.read_bytes().replace(b'"total_api_endpoints": 4', b'"total_api_endpoints": 9'))
    session.output.unlink()
    session.output.symlink_to(target)
    before, outside = tree(session), target.read_bytes()
    run = run_cli("check", str(session.output), "--fix")  # named on the command line: read as named
    assert_left_alone(session, before, run, session.output, "symbolic link")
    assert session.output.is_symlink() and target.read_bytes() == outside


@pytest.mark.parametrize("call", ["write", "fsync", "replace"])
def test_a_full_disk(session: Session, monkeypatch: pytest.MonkeyPatch, call: str) -> None:
    break_statistic(session)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    before = tree(session)
    monkeypatch.setattr(os, call, full)
    run = run_cli("check", str(session.root), "--fix")
    monkeypatch.undo()
    assert_left_alone(session, before, run, session.output, "No space left on device", "free the disk space")


def test_a_file_changed_between_reading_and_writing(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    break_statistic(session)
    real = lint.fixes.fix_unit
    theirs = session.output.read_bytes().replace(b'"analysis_duration": "52 minutes"', b'"analysis_duration": "53 minutes"')

    def fix_then_someone_writes(unit, settings):
        outcome = real(unit, settings)
        session.output.write_bytes(theirs)  # another program saves the file (same size) after it was read
        return outcome

    monkeypatch.setattr(lint.fixes, "fix_unit", fix_then_someone_writes)
    run = run_cli("check", str(session.root), "--fix")
    before = tree(session)
    assert session.output.read_bytes() == theirs  # their bytes, not the fix over them
    assert_left_alone(session, before, run, session.output, "the file changed after worker-lint read it", "run --fix again")


def test_a_file_changed_while_the_fix_was_being_written(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    """The last check is made after the temporary file is written, just before the rename."""
    break_statistic(session)
    theirs = session.output.read_bytes().replace(b'"52 minutes"', b'"57 minutes"')
    real_fsync = os.fsync

    def fsync_while_someone_writes(fd):
        real_fsync(fd)
        if session.output.read_bytes() != theirs:
            session.output.write_bytes(theirs)

    monkeypatch.setattr(os, "fsync", fsync_while_someone_writes)
    run = run_cli("check", str(session.root), "--fix")
    monkeypatch.undo()
    assert session.output.read_bytes() == theirs
    assert_left_alone(session, tree(session), run, session.output, "changed after worker-lint read it")


def test_the_other_file_is_still_fixed(session: Session) -> None:
    """One file that cannot be written does not stop the others; the run still exits 2."""
    break_statistic(session)
    break_score(session)
    notes_fixed = session.notes.read_text().replace("**API Design Score**: 7/10", "**API Design Score**: 6.5/10")
    output_before = session.output.read_bytes()
    session.output.chmod(0o444)
    try:
        run = run_cli("check", str(session.root), "--fix")
    finally:
        session.output.chmod(0o644)
    assert run.exit_code == 2
    assert session.notes.read_text() == notes_fixed
    assert session.output.read_bytes() == output_before
    assert "fixed 1 file(s); 1 could not be fixed" in run.stderr
    assert f"{session.output}: not fixed: the file is read-only" in run.stderr
    assert not list(session.root.rglob("*.worker-lint.tmp"))


def test_a_successful_fix_keeps_the_mode(session: Session) -> None:
    break_statistic(session)
    session.output.chmod(0o640)
    run = run_cli("check", str(session.root), "--fix")
    assert run.exit_code == 0 and "applied 1 fix(es) to 1 file(s)" in run.stderr
    assert session.output.stat().st_mode & 0o777 == 0o640
    assert b'"total_api_endpoints": 4' in session.output.read_bytes()


def test_a_folder_swapped_for_a_link_before_the_write_is_never_written_into(session: Session, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Between the read and the write, the json folder becomes a link to a folder outside holding the same bytes."""
    break_statistic(session)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / session.output.name).write_bytes(session.output.read_bytes())
    real_write = lint.fixes.write_atomically

    def swapped_then_written(path: Path, *args, **kwargs):
        folder = path.parent
        if not folder.is_symlink():
            folder.rename(folder.with_name("json.real"))
            folder.symlink_to(outside, target_is_directory=True)
        return real_write(path, *args, **kwargs)

    monkeypatch.setattr(lint.fixes, "write_atomically", swapped_then_written)
    kept = (session.output.read_bytes(), (outside / session.output.name).read_bytes())
    run = run_cli("check", str(session.root), "--fix")
    assert run.exit_code == 2
    assert "its folder was replaced after worker-lint read it" in run.stderr
    assert ((session.output.parent.with_name("json.real") / session.output.name).read_bytes(),
            (outside / session.output.name).read_bytes()) == kept
    assert list(outside.iterdir()) == [outside / session.output.name]  # no temporary file either
