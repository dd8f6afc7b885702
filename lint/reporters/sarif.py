"""``--format sarif``: SARIF 2.1.0, as code-scanning dashboards (GitHub's among them) read it.

Locations are relative to the git repository root (``%SRCROOT%``), so a dashboard
finds the file whichever folder the linter ran from; each result carries a
fingerprint that survives the finding's line moving, so a dashboard keeps one
alert for one problem across runs.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

from lint import __version__
from lint.checks import REGISTRY
from lint.checks.docs import HOMEPAGE, description, rule_url
from lint.engine import RunResult
from lint.fspath import repository_root, safe_resolve
from lint.model import Finding, Severity
from lint.shown import dumps, printable

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT = "workerLint/v1"  # the partialFingerprints key; a new way of computing it takes a new version


class Locator:
    """Where each file is, as a SARIF artifact location: relative to one root when below it.

    The root is the repository holding the working folder, else the first repository
    holding a linted file, else the working folder itself.
    """

    def __init__(self, base: Path, paths: list[Path]) -> None:
        root = repository_root(base)
        for path in paths if root is None else ():
            root = repository_root(Path(os.path.abspath(path)).parent)
            if root is not None:
                break
        self.root = root or base

    def artifact(self, path: Path, folder: bool = False) -> dict[str, str]:
        """An artifact location, its URI percent-encoded byte by byte (a name that is not UTF-8 keeps its bytes).

        The path as named comes first: a symbolic link is shown where it is, not where it leads.
        """
        named = Path(os.path.abspath(path))
        slash = "/" if folder else ""
        for candidate in (named, safe_resolve(path)):
            if candidate.is_relative_to(self.root):
                relative = candidate.relative_to(self.root).as_posix()
                return {"uri": (quote(os.fsencode(relative)) if relative != "." else ".") + slash, "uriBaseId": "%SRCROOT%"}
        return {"uri": named.as_uri() + slash}

    @property
    def base_ids(self) -> dict:
        return {"%SRCROOT%": {"uri": self.root.as_uri() + "/"}}


def _existing_folder(path: Path, session_dir: Path | None) -> Path:
    """Where a finding on a file that does not exist is shown: its session folder, else the closest folder that exists."""
    if session_dir is not None and session_dir.is_dir():
        return session_dir
    parents = Path(os.path.abspath(path)).parents
    return next((folder for folder in parents if folder.is_dir()), parents[-1])


_NUMBER = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


def _normal(text: str) -> str:
    """Text with its numbers and runs of white space made uniform: a count or a line cited in it may change."""
    return _SPACE.sub(" ", _NUMBER.sub("0", text)).strip()


def _fingerprint(finding: Finding, uri: str, line_text: str) -> str:
    """What the finding is about, never where: the rule, the file, the JSON pointer (or the line's words), the message."""
    where = finding.pointer if finding.pointer is not None else _normal(line_text)
    key = "\0".join((finding.rule, uri, where, _normal(finding.message)))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _rule_descriptor(rule) -> dict:
    full = description(rule)
    return {
        "id": rule.name,
        "name": "".join(part.capitalize() for part in rule.name.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full, "markdown": full},
        "help": {"text": rule.documentation, "markdown": rule.documentation},
        "helpUri": rule_url(rule.name),
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"fixable": rule.fixable},
    }


def _result(finding: Finding, index: int, locator: Locator, session_dir: Path | None, line_text: str, seen: dict[str, int]) -> dict:
    own = locator.artifact(finding.path)
    digest = _fingerprint(finding, own["uri"], line_text)
    seen[digest] = seen.get(digest, 0) + 1  # identical findings in one file are told apart by their order
    if os.path.lexists(finding.path):
        region: dict[str, int] = {"startLine": finding.line, "startColumn": finding.column}
        if finding.end_line:
            region["endLine"] = finding.end_line
        if finding.end_column:
            region["endColumn"] = finding.end_column
        physical: dict = {"artifactLocation": own, "region": region}
    else:  # a missing file: the folder it belongs in, which exists
        physical = {"artifactLocation": locator.artifact(_existing_folder(finding.path, session_dir), folder=True)}
    return {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message + (f" ({finding.hint})" if finding.hint else "")},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {FINGERPRINT: f"{digest}:{seen[digest]}"},
        "properties": {"hint": finding.hint, **({"jsonPointer": finding.pointer} if finding.pointer is not None else {})},
    }


def build(result: RunResult, options) -> dict:
    rules = sorted(REGISTRY.values(), key=lambda r: r.name)
    index = {rule.name: i for i, rule in enumerate(rules)}
    locator = Locator(safe_resolve(options.base or Path.cwd()), [path for unit in result.units for path in unit.files])
    seen: dict[str, int] = {}
    results = [
        _result(f, index[f.rule], locator, unit.unit.session_dir, unit.sources.get(f.path, {}).get(f.line, ""), seen)
        for unit in result.units
        for f in unit.findings
    ]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "worker-lint",
                        "version": __version__,
                        "informationUri": HOMEPAGE,
                        "rules": [_rule_descriptor(rule) for rule in rules],
                    }
                },
                "originalUriBaseIds": locator.base_ids,
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {
                    "score": result.score,
                    "passed": result.passed,
                    "failLevel": result.policy.fail_level.label,
                    "failUnder": result.policy.fail_under,
                    "notListed": [{"ruleId": e.rule, "level": _LEVEL[e.severity], **locator.artifact(e.path), "count": e.count} for e in result.elided],
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
