"""Each broken deliverable of tests/invalid_cases.py shows exactly its problem, at its place, in memory and on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import lint_json
from invalid_cases import INVALID, Invalid
from rulecheck import check


@pytest.mark.parametrize("case", INVALID, ids=[case.name for case in INVALID])
def test_each_invalid_deliverable_shows_exactly_its_problem(case: Invalid) -> None:
    result = check("backend", notes=case.notes, output=case.output, expect=case.expect)
    assert result.exit_code == 1


def test_written_as_sessions_they_give_the_same_findings_from_the_command_line(tmp_path: Path) -> None:
    """Linting in memory stands for linting the files: one run over all the broken sessions on disk agrees, place for place."""
    for case in INVALID:
        case.write(tmp_path / case.name)
    run = lint_json(tmp_path)
    assert run.exit_code == 1 and run.report["summary"]["deliverables"] == len(INVALID)
    found: dict[str, list[str]] = {case.name: [] for case in INVALID}
    for f in run.findings:
        case_name = Path(f["file"]).relative_to(tmp_path).parts[0]
        role = "notes" if f["file"].endswith("_notes.md") else "output"
        pointer = "" if f["pointer"] is None else " " + (f["pointer"] or '""')
        found[case_name].append(f"{role}:{f['line']}:{f['column']} {f['rule']}{pointer}")
    assert {name: sorted(places) for name, places in found.items()} == {case.name: sorted(case.expect) for case in INVALID}


def test_every_rule_has_an_invalid_case() -> None:
    covered = {place.split(" ")[1] for case in INVALID for place in case.expect}
    required = {
        "json-syntax", "json-duplicate-key", "schema", "score-range", "priority-value", "statistics-count",
        "template-placeholder", "template-instruction", "absolute-path", "score-mismatch", "issue-id-format",
        "section-missing", "section-empty", "session-mismatch", "deliverable-missing",
    }
    assert required <= covered, required - covered
