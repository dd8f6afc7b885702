"""The default, human format: findings grouped by file, with the source line."""

from __future__ import annotations

from collections import defaultdict
from typing import TextIO

from lint.engine import RunResult
from lint.engine.run import MAX_LISTED
from lint.model import Finding, Severity
from lint.reporters.options import printable

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_CONTEXT = 100


def _excerpt(line: str, column: int) -> tuple[str, int]:
    """A window of a long line around the column, and the column within it."""
    if len(line) <= _CONTEXT:
        return line.replace("\t", " "), column
    start = max(0, min(column - 1 - _CONTEXT // 3, len(line) - _CONTEXT))
    piece = line[start : start + _CONTEXT].replace("\t", " ")
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + _CONTEXT < len(line) else ""
    return prefix + piece + suffix, column - start + len(prefix)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def counts_phrase(counted) -> str:
    """``2 errors, 1 warning`` for a deliverable or a run (listed findings and those beyond the cap)."""
    errors, warnings, infos = (counted.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    parts = [_plural(errors, "error"), _plural(warnings, "warning")]
    if infos:
        parts.append(f"{infos} info")
    return ", ".join(parts)


def summary_line(result: RunResult) -> str:
    units = _plural(len(result.units), "deliverable")
    score = f" Score {result.score:.1f}/10." if result.score is not None else ""
    if not result.total:
        line = f"All checks passed: {units}, no problems.{score}"
    else:
        line = f"Found {_plural(result.total, 'problem')} ({counts_phrase(result)}) in {units}.{score}"
        unlisted = sum(e.count for e in result.elided)
        if unlisted:
            line += f" {unlisted} not listed: at most {MAX_LISTED} per rule and file are."
    return line + _score_verdict(result)


def _score_verdict(result: RunResult) -> str:
    """Why the run fails, when the findings' severities alone do not say it (under the
    default policy, errors fail and the line above already counts them)."""
    policy = result.policy
    if result.passed or (policy.fail_level == Severity.ERROR and policy.fail_under is None):
        return ""
    level = [u for u in result.units if any(f.severity >= policy.fail_level for f in u.findings)]
    low = [u for u in result.units if policy.fail_under is not None and u.score < policy.fail_under and not any(u is x for x in level)]
    reasons = []
    if level:
        reasons.append(f"{_plural(len(level), 'deliverable')} with findings at or above {policy.fail_level.label} (fail-level)")
    if low:
        reasons.append(f"{_plural(len(low), 'deliverable')} scored under {policy.fail_under:g} (fail-under)")
    return " Failed: " + "; ".join(reasons) + "."


def deliverable_lines(result: RunResult, options):
    """One line per deliverable: worker, session, findings by severity, score."""
    if not result.units:
        return
    width = max(len(u.unit.worker) for u in result.units)
    for unit in result.units:
        where = printable(unit.unit.session_id) if unit.unit.session_id else options.show(unit.unit.notes_path.parent)
        style = "green" if not unit.findings else ("red" if not unit.passed else "yellow")
        yield [
            (unit.unit.worker.ljust(width) + "  ", "bold"),
            (where + "  ", "dim"),
            (counts_phrase(unit).ljust(22) + "  ", style),
            (f"score {unit.score:.1f}/10", style),
        ]


Line = list[tuple[str, str]]


def report(result: RunResult, stream: TextIO, options) -> None:
    """Plain text off a terminal (fast for huge reports), rich styles on one."""
    if not options.color:  # a hook, a pipe or a file: rich is not even imported
        for line in _lines(result, options):
            stream.write("".join(piece for piece, _ in line) + "\n")
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, force_terminal=options.color, no_color=options.color is False, highlight=False, soft_wrap=True, emoji=False)
    styled = console.is_terminal and not console.no_color
    for line in _lines(result, options):
        if styled:
            console.print(Text.assemble(*line))
        else:
            stream.write("".join(piece for piece, _ in line) + "\n")


def _lines(result: RunResult, options):
    sources: dict = {}
    for unit in result.units:
        sources.update(unit.sources)
    by_file: dict = defaultdict(list)
    for finding in result.findings:
        by_file[finding.path].append(finding)
    for path, findings in by_file.items():
        yield [(options.show(path), "bold underline")]
        for finding in findings:
            yield from _finding_lines(finding, sources.get(path))
        yield []
    if options.quiet:
        return
    yield from deliverable_lines(result, options)
    style = "bold green" if not result.findings else ("bold red" if not result.passed else "bold yellow")
    yield [(summary_line(result), style)]
    fixable = fixable_line(result)
    if fixable:
        yield [(fixable, "")]


def fixable_line(result: RunResult) -> str:
    """How many of the findings listed ``--fix`` would fix (marked ``[*]``), as ruff says it."""
    count = sum(1 for finding in result.findings if finding.fix) + sum(e.fixable for e in result.elided)
    return f"[*] {count} fixable with --fix." if count else ""


def _finding_lines(finding: Finding, lines: dict[int, str] | None):
    severity_style = _STYLE[finding.severity]
    head: Line = [
        ("  ", ""),
        (f"{finding.line}:{finding.column}".ljust(7) + " ", "dim"),
        (finding.severity.label.ljust(8), severity_style),
        (finding.rule, "magenta"),
        (" [*]" if finding.fix else "", "bold"),
        ("  " + printable(finding.message), ""),
    ]
    if finding.pointer is not None:
        head.append((f"  ({printable(finding.pointer) or '/'})", "dim"))
    yield head
    if lines is not None and finding.line in lines:
        text, column = _excerpt(lines[finding.line], finding.column)
        gutter = f"    {finding.line} │ "
        yield [(gutter, "dim"), (printable(text), "")]
        width = 1
        if finding.end_line == finding.line and finding.end_column:
            width = max(1, min(finding.end_column - finding.column, len(text) - column + 1))
        yield [(" " * (len(gutter) + column - 1) + "^" * width, severity_style)]
    if finding.hint:
        yield [("    hint: ", "dim"), (printable(finding.hint), "green")]
