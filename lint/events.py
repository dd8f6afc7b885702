"""Append the validation result to the session's EVENTS.jsonl.

The file is append-only for everyone: one ``os.write`` of one whole line on a
descriptor opened with O_APPEND, under an exclusive lock (``flock``, or
``msvcrt.locking`` where there is no ``fcntl``), so two validators appending at
once never interleave and nothing is rewritten.
"""

from __future__ import annotations

import os
from pathlib import Path

from lint import __version__
from lint.engine import UnitResult
from lint.file_lock import exclusive
from lint.fspath import open_to_write
from lint.model import Severity
from lint.shown import dumps, printable
from lint.worker_output import utc_timestamp, worker_type

EVENTS = "EVENTS.jsonl"


def event_for(unit: UnitResult) -> dict:
    passed = unit.passed
    return {
        "timestamp": utc_timestamp(),
        "level": "INFO" if passed else "ERROR",
        "type": "outputs_validated",
        "agent": worker_type(unit.unit.worker),
        "details": {
            "validator": "worker-lint",
            "version": __version__,
            "passed": passed,
            "fail_level": unit.policy.fail_level.label,
            "fail_under": unit.policy.fail_under,
            "score": unit.score,
            "findings": unit.total,
            "errors": unit.count(Severity.ERROR),
            "warnings": unit.count(Severity.WARNING),
            "info": unit.count(Severity.INFO),
            "notes": printable(str(unit.unit.notes_path)),
            "output": printable(str(unit.unit.output_path)),
        },
    }


class NotLogged(Exception):
    """No event was logged for the deliverable; the message says why and what to do."""


class LogUnwritable(NotLogged):
    """The session's event log cannot be appended to (a link, a pipe, a hard link, no permission)."""


def log_event(unit: UnitResult) -> Path:
    """Append this deliverable's ``outputs_validated`` event to its session's log; return the log.

    Raises :class:`NotLogged` for a deliverable outside a session folder, linted from
    contents in memory, or whose session folder is a link out of the linted folder; and
    :class:`LogUnwritable` (a kind of it) when the log cannot be appended to.
    """
    session = unit.unit.session_dir
    if unit.unit.in_memory:
        raise NotLogged(f"no event logged for {unit.unit.notes_path}: it was linted from contents in memory, with no session folder")
    if session is None:
        raise NotLogged(f"no event logged for {unit.unit.notes_path}: it is not in a session folder")
    if unit.unit.leaves_root(session):
        raise NotLogged(f"no event logged for {unit.unit.notes_path}: its session folder is a link out of "
                        f"{unit.unit.root} (--follow-symlinks logs there)")
    try:
        return append_event(session, event_for(unit))
    except OSError as error:
        raise LogUnwritable(
            f"{session / EVENTS}: cannot append the event: {error.strerror or error}; "
            "make it a regular file the linter can write, or run without --log-event"
        ) from None


LOCK_WAIT = 5.0  # seconds: validators at once each hold the lock for a moment; a longer hold is someone else's


def _ends_without_newline(fd: int) -> bool:
    """Whether the log's last line lacks its newline (read with ``lseek``: Windows has no ``pread``;
    the position does not matter to an O_APPEND write)."""
    size = os.fstat(fd).st_size
    if not size:
        return False
    os.lseek(fd, size - 1, os.SEEK_SET)
    return os.read(fd, 1) != b"\n"


def append_event(session_dir: Path, event: dict) -> Path:
    """Append one line; raises OSError when the file cannot be written."""
    path = session_dir / EVENTS
    line = dumps(event, separators=(", ", ": ")).encode("utf-8") + b"\n"
    fd = open_to_write(path, os.O_APPEND, readable=True)
    try:
        with exclusive(fd, LOCK_WAIT):
            if _ends_without_newline(fd):  # a last line without its newline must not swallow ours
                line = b"\n" + line
            written = os.write(fd, line)
            if written != len(line):
                raise OSError(f"only {written} of {len(line)} bytes were appended")
    finally:
        os.close(fd)
    return path
