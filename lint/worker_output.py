"""A deliverable's result in the harness's own ``WorkerOutput`` shape.

The harness's validation phase returns one such object per worker; the API's
``to_worker_output()`` and ``--format harness`` both build it here, so they
cannot drift apart. Conventions are the harness's: ``worker`` is the worker
type (``backend-worker``), ``timestamp`` is UTC (``2026-12-02T09:14:07Z``),
``notes_markdown`` is the notes' content.
"""

from __future__ import annotations

import hashlib
import os
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lint import __version__
from lint.engine.results import UnitResult
from lint.fspath import READ_FLAGS, open_no_follow, safe_resolve
from lint.model import Finding, Severity
from lint.shown import clean_tree, printable

MOST = 20  # entries per summary list: the object is read by a person or a model, not a parser


def utc_timestamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def worker_type(worker: str) -> str:
    """The harness names a worker's type with a ``-worker`` suffix."""
    return worker if worker.endswith("-worker") else f"{worker}-worker"


def _located(finding: Finding, show) -> str:
    return f"{show(finding.path)}:{finding.line}:{finding.column}: {finding.rule}: {finding.message}"


def _unread(unit: UnitResult) -> set[Path]:
    """The files that were not read: missing, unreadable, or a link out of bounds."""
    from lint.checks import deliverable_missing, file_unreadable

    rules = {deliverable_missing.NAME, file_unreadable.NAME}
    return {f.path for f in unit.findings if f.rule in rules} | {p for p in unit.files if unit.unit.leaves_root(p)}


def _notes_text(unit: UnitResult, max_bytes: int) -> str:
    """The notes as the worker wrote them and as they were linted; empty otherwise.

    Quoted whole only from a regular file in its own session that is no link and has no
    other name (a hard link), and only when its bytes are exactly those linted: a
    ``.env`` linked or swapped in is never copied out.
    """
    if unit.unit.in_memory:
        return "" if unit.unit.notes_path in _unread(unit) else (unit.notes_text or "")
    path = unit.unit.notes_path
    linted = unit.digests[0]
    if linted is None or path in _unread(unit):
        return ""
    home = unit.unit.session_dir if unit.unit.session_dir is not None else path.parent
    if not safe_resolve(path.parent).is_relative_to(safe_resolve(home)):
        return ""
    try:
        fd = open_no_follow(path, READ_FLAGS)
    except OSError:
        return ""
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1 or info.st_size > max_bytes:
            return ""
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    finally:
        os.close(fd)
    if hashlib.sha256(data).digest() != linted:
        return ""
    return data.decode("utf-8-sig", errors="replace")


def _absolute(path: Path) -> str:
    """Where the file is found, absolute (never where a link leads)."""
    return path.as_posix() if path.is_absolute() else os.path.abspath(path)


def worker_output(unit: UnitResult, timestamp: str | None = None) -> dict[str, Any]:
    """The dict the harness's ``WorkerOutput`` model accepts as it is; paths are absolute, as found."""
    def where(path: Path) -> str:
        return printable(path.as_posix() if unit.unit.in_memory else _absolute(path))
    findings = unit.findings
    counts = {s.label: unit.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
    by_rule: dict[str, int] = {}
    for f in findings:
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    key_findings = [f"{count} {rule}" for rule, count in sorted(by_rule.items(), key=lambda item: (-item[1], item[0]))]
    hints = list(dict.fromkeys(f.hint for f in findings if f.hint))
    files = [where(path) for path in unit.files]
    unread = _unread(unit)
    policy = unit.policy
    verdict = "passed" if unit.passed else "failed: " + "; ".join(unit.reasons)
    return clean_tree({
        "worker": worker_type(unit.unit.worker),
        "session_id": printable(unit.unit.session_id or ""),
        "timestamp": timestamp or utc_timestamp(),
        "status": "completed" if unit.passed else "failed",
        "summary": {
            "key_findings": [f"worker-lint {verdict}, score {unit.score:.1f}/10", *key_findings][:MOST],
            "critical_issues": [_located(f, where) for f in findings if f.severity >= policy.fail_level][:MOST],
            "recommendations": hints[:MOST],
        },
        "analysis": {
            "validator": "worker-lint",
            "passed": unit.passed,
            "score": unit.score,
            "findings": [
                {"rule": f.rule, "severity": f.severity.label, "file": where(f.path), "line": f.line, "column": f.column,
                 "pointer": f.pointer, "message": f.message, "hint": f.hint}
                for f in findings
            ],
            "not_listed": [{"rule": e.rule, "severity": e.severity.label, "file": where(e.path), "count": e.count} for e in unit.elided],
        },
        "metrics": {
            "items_analyzed": sum(1 for p in unit.files if p not in unread and (unit.unit.in_memory or p.is_file())),
            "issues_found": unit.total,
            "severity_breakdown": counts,
        },
        "dependencies": {"requires": [], "blocks": [], "handoffs": []},
        "files_examined": files,
        "files_modified": [],
        "next_actions": [] if unit.passed else [f"fix the {unit.total} finding(s) and run worker-lint again"],
        "notes_markdown": _notes_text(unit, unit.read_limit),
        "config": {
            "validator": "worker-lint",
            "version": __version__,
            "fail_level": policy.fail_level.label,
            "fail_under": policy.fail_under,
        },
    })
