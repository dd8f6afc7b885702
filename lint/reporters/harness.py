"""``--format harness``: the harness's own contract, one object per deliverable.

Each is printed after a ``WORKER_OUTPUT_JSON:`` line, as the harness prints the
result of a phase, so the validation step can parse it the same way.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import TextIO

from lint.fspath import safe_resolve
from lint import __version__
from lint.engine import RunResult, UnitResult
from lint.model import Severity

MARKER = "WORKER_OUTPUT_JSON:"
_MOST = 20


def _line(finding, options) -> str:
    return f"{options.show(finding.path)}:{finding.line}:{finding.column}: {finding.rule}: {finding.message}"


def unit_object(unit: UnitResult, options, timestamp: str) -> dict:
    findings = unit.findings
    level = options.fail_level
    passed = not any(f.severity >= level for f in findings)
    counts = {s.label: sum(1 for f in findings if f.severity == s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
    by_rule: dict[str, int] = {}
    for f in findings:
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    key_findings = [f"{count} {rule}" for rule, count in sorted(by_rule.items(), key=lambda item: (-item[1], item[0]))]
    hints = list(dict.fromkeys(f.hint for f in findings if f.hint))
    files = [str(safe_resolve(unit.unit.notes_path)), str(safe_resolve(unit.unit.output_path))]
    return {
        "worker": unit.unit.worker,
        "session_id": unit.unit.session_id,
        "timestamp": timestamp,
        "status": "completed" if passed else "failed",
        "summary": {
            "key_findings": key_findings or ["no findings"],
            "critical_issues": [_line(f, options) for f in findings if f.severity == Severity.ERROR][:_MOST],
            "recommendations": hints[:_MOST],
        },
        "metrics": {
            "items_analyzed": sum(1 for p in files if Path(p).is_file()),
            "issues_found": len(findings),
            "severity_breakdown": counts,
            "score": unit.score,
        },
        "dependencies": [],
        "files_examined": files,
        "files_modified": [],
        "next_actions": [] if passed else [f"fix the {len(findings)} finding(s) and run worker-lint again"],
        "notes_markdown": files[0],
        "config": {"validator": "worker-lint", "version": __version__, "fail_level": level.label},
    }


def report(result: RunResult, stream: TextIO, options) -> None:
    timestamp = datetime.now().isoformat()
    for unit in result.units:
        stream.write(MARKER + "\n")
        stream.write(json.dumps(unit_object(unit, options, timestamp), indent=2, ensure_ascii=False) + "\n")
