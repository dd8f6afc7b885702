"""``--format json``: one document, described by schemas/report.schema.json.

``FORMAT_VERSION`` changes only when a field is removed or changes meaning; fields
are added without a change, so a consumer reads the fields it knows and ignores the rest.
"""

from __future__ import annotations

from typing import TextIO

from lint import __version__
from lint.checks.docs import rule_url
from lint.engine import RunResult
from lint.model import Finding, Severity
from lint.shown import dumps, printable

FORMAT_VERSION = 1


def finding_dict(finding: Finding, show) -> dict:
    return {
        "rule": finding.rule,
        "severity": finding.severity.label,
        "file": show(finding.path),
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "pointer": finding.pointer,
        "message": finding.message,
        "hint": finding.hint,
        "fixable": finding.fixable,
        "url": rule_url(finding.rule),
        "edits": [
            {"file": show(e.path), "line": e.line, "column": e.column, "end_line": e.end_line, "end_column": e.end_column, "text": e.text}
            for e in finding.fix
        ],
    }


def build(result: RunResult, options) -> dict:
    policy = result.policy
    return {
        "tool": "worker-lint",
        "version": __version__,
        "format_version": FORMAT_VERSION,
        "summary": {
            "deliverables": len(result.units),
            "findings": result.total,
            "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING),
            "info": result.count(Severity.INFO),
            "fail_level": policy.fail_level.label,
            "fail_under": policy.fail_under,
            "passed": result.passed,
            "score": result.score,
        },
        "deliverables": [
            {
                "worker": unit.unit.worker,
                "session_id": printable(unit.unit.session_id) if unit.unit.session_id else None,
                "notes": options.show(unit.unit.notes_path),
                "output": options.show(unit.unit.output_path),
                "findings": unit.total,
                "errors": unit.count(Severity.ERROR),
                "warnings": unit.count(Severity.WARNING),
                "info": unit.count(Severity.INFO),
                "score": unit.score,
                "passed": unit.passed,
            }
            for unit in result.units
        ],
        "findings": [finding_dict(f, options.show) for f in result.findings],
        "not_listed": [{"rule": e.rule, "severity": e.severity.label, "file": options.show(e.path), "count": e.count} for e in result.elided],
    }


def report(result: RunResult, stream: TextIO, options) -> None:
    stream.write(dumps(build(result, options), indent=2))
    stream.write("\n")
