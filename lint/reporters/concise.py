"""``--format concise``: one line per finding, ``path:line:col: rule message`` (``rule [*]`` when --fix can fix it)."""

from __future__ import annotations

from typing import TextIO

from lint.engine import RunResult
from lint.reporters.options import printable
from lint.reporters.text import fixable_line, summary_line


def report(result: RunResult, stream: TextIO, options) -> None:
    for finding in result.findings:
        mark = " [*]" if finding.fix else ""
        stream.write(printable(f"{options.show(finding.path)}:{finding.line}:{finding.column}: {finding.rule}{mark} {finding.message}") + "\n")
    if options.quiet:
        return
    stream.write(summary_line(result) + "\n")
    fixable = fixable_line(result)
    if fixable:
        stream.write(fixable + "\n")
