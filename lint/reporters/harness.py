"""``--format harness``: the harness's ``WorkerOutput``, one object per deliverable.

Each is printed after a ``WORKER_OUTPUT_JSON:`` line, as the harness prints the
result of a phase, so the validation step can parse it the same way. The
object is the one ``Result.to_worker_output()`` returns (lint/worker_output.py).
"""

from __future__ import annotations

from typing import TextIO

from lint.engine import RunResult
from lint.shown import dumps
from lint.worker_output import utc_timestamp, worker_output

MARKER = "WORKER_OUTPUT_JSON:"


def report(result: RunResult, stream: TextIO, options) -> None:
    timestamp = utc_timestamp()
    for unit in result.units:
        stream.write(MARKER + "\n")
        stream.write(dumps(worker_output(unit, timestamp), indent=2) + "\n")
