"""``--format sarif``: SARIF 2.1.0, for code-scanning dashboards."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote
from typing import TextIO

from lint.fspath import safe_resolve
from lint import __version__
from lint.checks import REGISTRY
from lint.engine import RunResult
from lint.shown import dumps, printable
from lint.model import Severity

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def _uri(path: Path, options) -> str:
    """A URI, percent-encoded byte by byte (a name that is not UTF-8 keeps its bytes)."""
    shown = options.show(path)
    if Path(shown).is_absolute():
        return safe_resolve(path).as_uri()
    return quote(os.fsencode(Path(shown).as_posix()))


def _rule_descriptor(rule) -> dict:
    return {
        "id": rule.name,
        "name": "".join(part.capitalize() for part in rule.name.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.summary},
        "help": {"text": rule.documentation, "markdown": rule.documentation},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"fixable": rule.fixable},
    }


def build(result: RunResult, options) -> dict:
    rules = sorted(REGISTRY.values(), key=lambda r: r.name)
    index = {rule.name: i for i, rule in enumerate(rules)}
    results = []
    for f in result.findings:
        region: dict[str, int] = {"startLine": f.line, "startColumn": f.column}
        if f.end_line:
            region["endLine"] = f.end_line
        if f.end_column:
            region["endColumn"] = f.end_column
        artifact = {"uri": _uri(f.path, options)}
        if not Path(options.show(f.path)).is_absolute():
            artifact["uriBaseId"] = "%SRCROOT%"
        location = {"physicalLocation": {"artifactLocation": artifact, "region": region}}
        entry = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": _LEVEL[f.severity],
            "message": {"text": f.message + (f" ({f.hint})" if f.hint else "")},
            "locations": [location],
            "properties": {"hint": f.hint, **({"jsonPointer": f.pointer} if f.pointer is not None else {})},
        }
        results.append(entry)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "worker-lint",
                        "version": __version__,
                        "informationUri": "https://worker-lint.dev",
                        "rules": [_rule_descriptor(rule) for rule in rules],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": (options.base or Path.cwd()).resolve().as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {
                    "score": result.score,
                    "passed": result.passed,
                    "failLevel": result.policy.fail_level.label,
                    "failUnder": result.policy.fail_under,
                    "notListed": [{"ruleId": e.rule, "level": _LEVEL[e.severity], "uri": _uri(e.path, options), "count": e.count} for e in result.elided],
                    "deliverables": [
                        {"worker": u.unit.worker, "sessionId": printable(u.unit.session_id) if u.unit.session_id else None, "notes": options.show(u.unit.notes_path),
                         "output": options.show(u.unit.output_path), "score": u.score, "passed": u.passed}
                        for u in result.units
                    ],
                },
            }
        ],
    }


def report(result: RunResult, stream: TextIO, options) -> None:
    stream.write(dumps(build(result, options), indent=2))
    stream.write("\n")
