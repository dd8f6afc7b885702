"""``--format github``: GitHub Actions workflow commands, then the plain summary.

Escaping follows the Actions toolkit: ``%``, CR and LF in the message; those and
``:`` and ``,`` in property values.
"""

from __future__ import annotations

from typing import TextIO

from lint.engine import RunResult
from lint.model import Severity
from lint.reporters.options import printable
from lint.reporters.text import summary_line

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report(result: RunResult, stream: TextIO, options) -> None:
    for f in result.findings:
        props = [f"file={escape_property(options.show(f.path))}", f"line={f.line}", f"col={f.column}"]
        props.append(f"endLine={f.end_line or f.line}")
        if f.end_column:
            props.append(f"endColumn={f.end_column}")
        props.append(f"title={escape_property('worker-lint ' + f.rule)}")
        message = f.message + (f" ({f.hint})" if f.hint else "")
        stream.write(f"::{_COMMAND[f.severity]} {','.join(props)}::{escape_data(message)}\n")
    stream.write(summary_line(result) + "\n")
