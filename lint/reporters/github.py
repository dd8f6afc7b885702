"""``--format github``: GitHub Actions workflow commands, then the plain summary (not with -q).

Escaping follows the Actions toolkit: ``%``, CR and LF in the message; those and
``:`` and ``,`` in property values.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from lint.engine import RunResult
from lint.fspath import absolute, logical_cwd, repository_root
from lint.model import Severity
from lint.reporters.options import printable
from lint.reporters.text import summary_line

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report(result: RunResult, stream: TextIO, options) -> None:
    root = repository_root(logical_cwd())
    for f in result.findings:
        props = [f"file={escape_property(printable(_annotated(f.path, root)))}", f"line={f.line}", f"col={f.column}"]
        props.append(f"endLine={f.end_line or f.line}")
        if f.end_column:
            props.append(f"endColumn={f.end_column}")
        props.append(f"title={escape_property('worker-lint ' + f.rule)}")
        message = f.message + (f" ({f.hint})" if f.hint else "")
        stream.write(f"::{_COMMAND[f.severity]} {','.join(props)}::{escape_data(message)}\n")
    if not options.quiet:
        stream.write(summary_line(result) + "\n")


def _annotated(path: Path, root: Path | None) -> str:
    """As GitHub reads an annotation's file: relative to the repository checked out (the one
    holding the current folder), wherever the linter runs from in it; else absolute."""
    named = absolute(path)
    if root is not None and named.is_relative_to(root):
        return named.relative_to(root).as_posix()
    return str(named)
