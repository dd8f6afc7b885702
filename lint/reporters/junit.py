"""``--format junit``: JUnit XML, one testsuite per file, one testcase per finding.

A finding at or above the fail level is a failing case; one below it is a
passing case with the finding in its output, so a CI server shows the run
red exactly when the exit code says it failed.
"""

from __future__ import annotations

import re
from typing import TextIO
from xml.etree import ElementTree as ET

from lint.engine import RunResult


def build(result: RunResult, options) -> ET.Element:
    root = ET.Element("testsuites", name="worker-lint")
    total = failures = 0
    for unit in result.units:
        by_score = not unit.passed and not any(f.severity >= result.policy.fail_level for f in unit.findings) \
            and not any(e.severity >= result.policy.fail_level for e in unit.elided)
        for path in unit.files:
            findings = [f for f in unit.findings if f.path == path]
            failing = [f for f in findings if f.severity >= result.policy.fail_level]
            shown = options.show(path)
            suite = ET.SubElement(root, "testsuite", name=shown, tests=str(max(1, len(findings))), failures=str(len(failing)), errors="0", skipped="0")
            properties = ET.SubElement(suite, "properties")
            ET.SubElement(properties, "property", name="worker", value=unit.unit.worker)
            ET.SubElement(properties, "property", name="score", value=f"{unit.score:.1f}")
            ET.SubElement(properties, "property", name="passed", value="true" if unit.passed else "false")
            if not findings:
                ET.SubElement(suite, "testcase", classname=shown, name="worker-lint")
            for f in findings:
                case = ET.SubElement(suite, "testcase", classname=f"{shown}", name=f"{f.rule} at {f.line}:{f.column}", file=shown, line=str(f.line))
                detail = [f"{shown}:{f.line}:{f.column}: {f.severity.label}: {f.message}"]
                if f.pointer is not None:
                    detail.append(f"JSON pointer: {f.pointer or '/'}")
                if f.hint:
                    detail.append(f"hint: {f.hint}")
                if f.severity >= result.policy.fail_level:
                    ET.SubElement(case, "failure", message=f.message, type=f.rule).text = "\n".join(detail)
                else:  # below the fail level: reported, and the case passes, as the run does
                    ET.SubElement(case, "system-out").text = "\n".join(detail)
            cases, failed = len(findings), len(failing)
            for e in (e for e in unit.elided if e.path == path):  # beyond the listing cap: one case each
                case = ET.SubElement(suite, "testcase", classname=shown, name=f"{e.rule}: {e.count} more not listed", file=shown)
                text = f"{e.count} more {e.severity.label} finding(s) of {e.rule} in {shown}, not listed"
                if e.severity >= result.policy.fail_level:
                    ET.SubElement(case, "failure", message=text, type=e.rule).text = text
                    failed += 1
                else:
                    ET.SubElement(case, "system-out").text = text
                cases += 1
            if by_score and path == unit.unit.notes_path:  # failed by its score alone: one failing case says so
                case = ET.SubElement(suite, "testcase", classname=shown, name="score", file=shown)
                reason = "; ".join(unit.reasons)
                ET.SubElement(case, "failure", message=reason, type="fail-under").text = reason
                cases, failed = cases + 1, failed + 1
            tests = len(suite.findall("testcase"))
            suite.set("tests", str(tests))
            suite.set("failures", str(failed))
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
