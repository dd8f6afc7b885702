"""``--statistics``: how many findings of each rule, as ``ruff --statistics`` prints them.

One line per rule, most frequent first: the count (listed findings and those
beyond the per-file cap), the rule, ``[*]`` when ``--fix`` can fix some of them,
the severity and the rule's summary.
"""

from __future__ import annotations

from typing import TextIO

from lint.engine import RunResult
from lint.model import Severity


def counts(result: RunResult) -> list[tuple[int, str, bool, Severity]]:
    """(count, rule, fixable, highest severity) per rule, most frequent first, then by name."""
    count: dict[str, int] = {}
    fixable: dict[str, bool] = {}
    severity: dict[str, Severity] = {}
    for finding in result.findings:
        count[finding.rule] = count.get(finding.rule, 0) + 1
        fixable[finding.rule] = fixable.get(finding.rule, False) or bool(finding.fix)
        severity[finding.rule] = max(severity.get(finding.rule, finding.severity), finding.severity)
    for elided in result.elided:
        count[elided.rule] = count.get(elided.rule, 0) + elided.count
        fixable[elided.rule] = fixable.get(elided.rule, False) or elided.fixable > 0
        severity[elided.rule] = max(severity.get(elided.rule, elided.severity), elided.severity)
    return sorted(((n, rule, fixable.get(rule, False), severity[rule]) for rule, n in count.items()), key=lambda row: (-row[0], row[1]))


def report(result: RunResult, stream: TextIO, options) -> None:
    from lint.checks import REGISTRY

    rows = counts(result)
    width = max((len(str(n)) for n, *_ in rows), default=1)
    rule_width = max((len(rule) for _, rule, *_ in rows), default=0)
    for n, rule, fixable, severity in rows:
        summary = REGISTRY[rule].summary if rule in REGISTRY else ""
        stream.write(f"{n:>{width}}  {rule:<{rule_width}}  {'[*]' if fixable else '   '}  {severity.label:<7}  {summary}".rstrip() + "\n")
    if not options.quiet:
        from lint.reporters.text import summary_line

        stream.write(summary_line(result) + "\n")
