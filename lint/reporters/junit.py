"""``--format junit``: JUnit XML, one testsuite per file, one testcase per rule with findings in it.

A testcase is named after its rule, in a class named after the file, so a CI
server tracks the same case from run to run however the lines move; the
positions are in its text. A case fails when one of its findings is at or above
the run's fail level; below it, the case passes with the findings in its
output, so a CI server shows the run red exactly when the exit code says it failed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TextIO
from xml.etree import ElementTree as ET

from lint.engine import RunResult, UnitResult
from lint.model import Elided, Finding, Severity
from lint.shown import printable


def _detail(finding: Finding, shown: str) -> str:
    lines = [f"{shown}:{finding.line}:{finding.column}: {finding.severity.label}: {finding.message}"]
    if finding.pointer is not None:
        lines.append(f"JSON pointer: {printable(finding.pointer) or '/'}")
    if finding.hint:
        lines.append(f"hint: {finding.hint}")
    return "\n".join(lines)


def _rule_case(suite: ET.Element, shown: str, rule: str, findings: list[Finding], elided: list[Elided], fail_level: Severity) -> bool:
    """One rule's case in one file; whether it fails."""
    case = ET.SubElement(suite, "testcase", classname=shown, name=rule, file=shown)
    if findings:
        case.set("line", str(findings[0].line))
    failing = [_detail(f, shown) for f in findings if f.severity >= fail_level]
    passing = [_detail(f, shown) for f in findings if f.severity < fail_level]
    for e in elided:  # beyond the listing cap: counted here, not listed
        text = f"{e.count} more {e.severity.label} finding(s) of {rule} in {shown}, not listed"
        (failing if e.severity >= fail_level else passing).append(text)
    total = len(findings) + sum(e.count for e in elided)
    if failing:
        first = next((f for f in findings if f.severity >= fail_level), None)
        message = first.message if first is not None else failing[0]
        if total > 1:
            message += f" (and {total - 1} more)"
        ET.SubElement(case, "failure", message=message, type=rule).text = "\n\n".join(failing)
    if passing:  # below the fail level: reported, and passing, as the run does
        ET.SubElement(case, "system-out").text = "\n\n".join(passing)
    return bool(failing)


def _suite(root: ET.Element, unit: UnitResult, path: Path, fail_level: Severity, options) -> tuple[int, int]:
    """One file's testsuite; its (tests, failures)."""
    shown = options.show(path)
    suite = ET.SubElement(root, "testsuite", name=shown, tests="0", failures="0", errors="0", skipped="0")
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="worker", value=unit.unit.worker)
    ET.SubElement(properties, "property", name="score", value=f"{unit.score:.1f}")
    ET.SubElement(properties, "property", name="passed", value="true" if unit.passed else "false")
    findings: dict[str, list[Finding]] = {}
    for f in unit.findings:
        if f.path == path:
            findings.setdefault(f.rule, []).append(f)
    elided: dict[str, list[Elided]] = {}
    for e in unit.elided:
        if e.path == path:
            elided.setdefault(e.rule, []).append(e)
    failed = sum(_rule_case(suite, shown, rule, findings.get(rule, []), elided.get(rule, []), fail_level) for rule in sorted(findings.keys() | elided.keys()))
    failing_by_findings = any(f.severity >= fail_level for f in unit.findings) or any(e.severity >= fail_level for e in unit.elided)
    if not unit.passed and not failing_by_findings and path == unit.unit.notes_path:  # failed by its score alone: one failing case says so
        case = ET.SubElement(suite, "testcase", classname=shown, name="score", file=shown)
        reason = "; ".join(unit.reasons)
        ET.SubElement(case, "failure", message=reason, type="fail-under").text = reason
        failed += 1
    if not len(suite.findall("testcase")):  # a clean file: one passing case
        ET.SubElement(suite, "testcase", classname=shown, name="worker-lint")
    tests = len(suite.findall("testcase"))
    suite.set("tests", str(tests))
    suite.set("failures", str(failed))
    return tests, failed


def build(result: RunResult, options) -> ET.Element:
    root = ET.Element("testsuites", name="worker-lint")
    total = failures = 0
    for unit in result.units:
        for path in unit.files:
            tests, failed = _suite(root, unit, path, result.policy.fail_level, options)
            total += tests
            failures += failed
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    return root


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(element: ET.Element) -> None:
    """XML 1.0 cannot hold most control characters: show them escaped instead."""
    for node in element.iter():
        for key, value in node.attrib.items():
            node.set(key, _XML_ILLEGAL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", value))
        if node.text:
            node.text = _XML_ILLEGAL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", node.text)


def report(result: RunResult, stream: TextIO, options) -> None:
    root = build(result, options)
    _clean(root)
    tree = ET.ElementTree(root)
    ET.indent(tree)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
