"""``--format concise``: one line per finding, ``path:line:col: rule message``."""

from __future__ import annotations

from typing import TextIO

from lint.engine import RunResult
from lint.reporters.options import printable
from lint.reporters.text import summary_line


def report(result: RunResult, stream: TextIO, options) -> None:
    for finding in result.findings:
        stream.write(printable(f"{options.show(finding.path)}:{finding.line}:{finding.column}: {finding.rule} {finding.message}") + "\n")
    stream.write(summary_line(result) + "\n")
