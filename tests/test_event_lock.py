"""The event log's lock where there is no ``fcntl`` (Windows): the linter still loads,
and validators appending at once still each write one whole line.

Windows is simulated: ``fcntl`` cannot be imported, and ``msvcrt.locking`` is played
by POSIX record locks, which lock bytes from the current position as it does. This
module imports nothing of the linter at its top, so a process started fresh blocks
``fcntl`` before the linter is loaded.
"""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest


def _msvcrt_played_by_record_locks(calls: list) -> types.ModuleType:
    """A stand-in for Windows' ``msvcrt``: ``locking(fd, mode, n)`` locks n bytes from the
    current position, raising OSError when another process holds them; ``calls`` records
    (mode, position, n) for each call that succeeds."""
    import fcntl

    module = types.ModuleType("msvcrt")
    module.LK_UNLCK, module.LK_LOCK, module.LK_NBLCK = 0, 1, 2

    def locking(fd: int, mode: int, count: int) -> None:
        command = fcntl.LOCK_UN if mode == module.LK_UNLCK else fcntl.LOCK_EX | fcntl.LOCK_NB
        fcntl.lockf(fd, command, count, 0, os.SEEK_CUR)
        calls.append((mode, os.lseek(fd, 0, os.SEEK_CUR), count))

    module.locking = locking
    return module


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """This process as on Windows until the test ends; the stand-in's ``calls`` lists its calls."""
    calls: list = []
    module = _msvcrt_played_by_record_locks(calls)
    module.calls = calls
    monkeypatch.setitem(sys.modules, "msvcrt", module)
    monkeypatch.setitem(sys.modules, "fcntl", None)
    return module


def test_the_linter_loads_where_there_is_no_fcntl() -> None:
    code = "import sys; sys.modules['fcntl'] = None; import lint.events, lint.cli; print('loaded')"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert (run.returncode, run.stdout) == (0, "loaded\n"), run.stderr


def test_the_lock_is_taken_and_released_past_the_end_of_the_log(tmp_path: Path, windows: types.ModuleType) -> None:
    """Windows locks are mandatory: one on the log's bytes would make a reader that takes no lock fail."""
    from lint.events import append_event

    (tmp_path / "EVENTS.jsonl").write_text('{"type": "session_started"}')  # no newline at the end
    append_event(tmp_path, {"type": "outputs_validated"})
    size = (tmp_path / "EVENTS.jsonl").stat().st_size
    assert (tmp_path / "EVENTS.jsonl").read_text() == '{"type": "session_started"}\n{"type": "outputs_validated"}\n'
    [(lock, where, count), (unlock, where_unlocked, count_unlocked)] = windows.calls
    assert (lock, unlock) == (2, 0) and where == where_unlocked > size and count == count_unlocked == 1


def test_a_lock_held_elsewhere_is_waited_for_a_bounded_time(tmp_path: Path, windows: types.ModuleType,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from lint import events

    def held(fd: int, mode: int, count: int) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")  # what msvcrt says of a byte another holds

    monkeypatch.setattr(windows, "locking", held)
    monkeypatch.setattr(events, "LOCK_WAIT", 0)
    (tmp_path / "EVENTS.jsonl").write_bytes(b"")
    with pytest.raises(OSError, match="held it locked"):
        events.append_event(tmp_path, {"type": "outputs_validated"})
    assert (tmp_path / "EVENTS.jsonl").read_bytes() == b""


def test_with_no_way_to_lock_nothing_is_appended(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lint.events import append_event

    monkeypatch.setitem(sys.modules, "fcntl", None)
    monkeypatch.setitem(sys.modules, "msvcrt", None)
    (tmp_path / "EVENTS.jsonl").write_bytes(b"")
    with pytest.raises(OSError, match="no way to lock"):
        append_event(tmp_path, {"type": "outputs_validated"})
    assert (tmp_path / "EVENTS.jsonl").read_bytes() == b""


WRITERS, APPENDS, LONG = 4, 40, 8192  # lines longer than any write is promised to be atomic


def _append_as_on_windows(folder: str, tag: int, start) -> None:
    """Run in a fresh process: block ``fcntl``, then load the linter and append."""
    calls: list = []
    sys.modules["msvcrt"] = _msvcrt_played_by_record_locks(calls)
    sys.modules["fcntl"] = None  # type: ignore[assignment]  # `import fcntl` now fails, as on Windows
    from lint.events import append_event

    start.wait()  # every writer begins at the same moment
    for i in range(APPENDS):
        append_event(Path(folder), {"type": "outputs_validated", "details": {"writer": tag, "n": i, "pad": "é" * (LONG + 500 * i)}})
    if len(calls) != 2 * APPENDS:
        sys.exit(f"the stand-in msvcrt lock was used {len(calls)} times, not {2 * APPENDS}")


def test_validators_appending_at_once_without_fcntl_each_write_whole_lines(tmp_path: Path) -> None:
    (tmp_path / "EVENTS.jsonl").write_text('{"type": "session_started"}\n')
    context = multiprocessing.get_context("spawn")  # fresh interpreters: the linter is loaded after fcntl is blocked
    start = context.Barrier(WRITERS)
    writers = [context.Process(target=_append_as_on_windows, args=(str(tmp_path), tag, start)) for tag in range(WRITERS)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(300)
    assert [w.exitcode for w in writers] == [0] * WRITERS
    lines = (tmp_path / "EVENTS.jsonl").read_bytes().split(b"\n")
    assert lines[-1] == b"" and len(lines) == 2 + WRITERS * APPENDS
    parsed = [json.loads(line) for line in lines[:-1]]  # every line whole: one JSON object each
    assert parsed[0] == {"type": "session_started"}
    for tag in range(WRITERS):
        mine = [e["details"] for e in parsed[1:] if e["details"]["writer"] == tag]
        assert [d["n"] for d in mine] == list(range(APPENDS))
        assert all(d["pad"] == "é" * (LONG + 500 * d["n"]) for d in mine)
    writers_in_order = [e["details"]["writer"] for e in parsed[1:]]
    assert len({a != b for a, b in zip(writers_in_order, writers_in_order[1:])}) == 2  # they did take turns
