"""Append the validation result to the session's EVENTS.jsonl.

The file is append-only for everyone: one ``os.write`` of one whole line on a
descriptor opened with O_APPEND, under an exclusive ``flock``, so two
validators appending at once never interleave and nothing is rewritten.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import stat
from datetime import datetime, timezone
from pathlib import Path

from lint import __version__
from lint.engine import UnitResult
from lint.model import Severity

EVENTS = "EVENTS.jsonl"


def event_for(unit: UnitResult, fail_level: Severity) -> dict:
    findings = unit.findings
    passed = not any(f.severity >= fail_level for f in findings)
    return {
        "timestamp": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "level": "INFO" if passed else "ERROR",
        "type": "outputs_validated",
        "agent": f"{unit.unit.worker}-worker",
        "details": {
            "validator": "worker-lint",
            "version": __version__,
            "passed": passed,
            "fail_level": fail_level.label,
            "findings": len(findings),
            "errors": sum(1 for f in findings if f.severity == Severity.ERROR),
            "warnings": sum(1 for f in findings if f.severity == Severity.WARNING),
            "info": sum(1 for f in findings if f.severity == Severity.INFO),
            "notes": str(unit.unit.notes_path),
            "output": str(unit.unit.output_path),
        },
    }


def append_event(session_dir: Path, event: dict) -> Path:
    """Append one line; raises OSError when the file cannot be written."""
    path = session_dir / EVENTS
    line = json.dumps(event, ensure_ascii=False, separators=(", ", ": ")).encode("utf-8") + b"\n"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK, 0o644)
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.ENXIO):  # a link, or a pipe: never written through
            raise OSError(error.errno, "not a regular file") from None
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            size = os.fstat(fd).st_size
            if size:
                # A last line without its newline must not swallow ours.
                with open(path, "rb") as reader:
                    reader.seek(size - 1)
                    if reader.read(1) != b"\n":
                        line = b"\n" + line
            written = os.write(fd, line)
            if written != len(line):
                raise OSError(f"only {written} of {len(line)} bytes were appended")
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
    return path
