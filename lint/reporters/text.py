"""The default, human format: findings grouped by file, with the source line."""

from __future__ import annotations

from collections import defaultdict
from typing import TextIO

from rich.console import Console
from rich.text import Text

from lint.engine import RunResult
from lint.model import Finding, Severity

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_CONTEXT = 100


def _excerpt(line: str, column: int) -> tuple[str, int]:
    """A window of a long line around the column, and the column within it."""
    line = line.replace("\t", " ")
    if len(line) <= _CONTEXT:
        return line, column
    start = max(0, min(column - 1 - _CONTEXT // 3, len(line) - _CONTEXT))
    piece = line[start : start + _CONTEXT]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + _CONTEXT < len(line) else ""
    return prefix + piece + suffix, column - start + len(prefix)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(result: RunResult) -> str:
    errors, warnings, infos = (result.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    units = _plural(len(result.units), "deliverable")
    total = errors + warnings + infos
    if not total:
        return f"All checks passed: {units}, no problems."
    parts = [_plural(errors, "error"), _plural(warnings, "warning")]
    if infos:
        parts.append(f"{infos} info")
    return f"Found {_plural(total, 'problem')} ({', '.join(parts)}) in {units}."


def report(result: RunResult, stream: TextIO, options) -> None:
    console = Console(file=stream, force_terminal=options.color, no_color=options.color is False, highlight=False, soft_wrap=True, emoji=False)
    sources: dict = {}
    for unit in result.units:
        sources.update(unit.sources)
    by_file: dict = defaultdict(list)
    for finding in result.findings:
        by_file[finding.path].append(finding)
    for path, findings in by_file.items():
        console.print(Text(options.show(path), style="bold underline"))
        for finding in findings:
            _print_finding(console, finding, sources.get(path))
        console.print()
    for note in result.skipped:
        console.print(Text(f"skipped {note}", style="dim"))
    style = "bold green" if not result.findings else ("bold red" if result.fails(options.fail_level) else "bold yellow")
    console.print(Text(summary_line(result), style=style))


def _print_finding(console: Console, finding: Finding, lines: list[str] | None) -> None:
    head = Text("  ")
    head.append(f"{finding.line}:{finding.column}".ljust(8), style="dim")
    head.append(finding.severity.label.ljust(8), style=_STYLE[finding.severity])
    head.append(finding.rule, style="magenta")
    head.append("  ")
    head.append(finding.message)
    if finding.pointer is not None:
        head.append(f"  ({finding.pointer or '/'})", style="dim")
    console.print(head)
    if lines is not None and 0 < finding.line <= len(lines):
        text, column = _excerpt(lines[finding.line - 1], finding.column)
        gutter = f"{finding.line} │ "
        console.print(Text("    " + gutter, style="dim") + Text(text))
        width = 1
        if finding.end_line == finding.line and finding.end_column:
            width = max(1, min(finding.end_column - finding.column, len(text) - column + 1))
        console.print(Text(" " * (4 + len(gutter) + column - 1) + "^" * width, style=_STYLE[finding.severity]))
    if finding.hint:
        console.print(Text("    hint: ", style="dim") + Text(finding.hint, style="green"))
