"""The bundled sessions: clean ones lint clean, each invalid one shows its problem."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from conftest import FIXTURES, lint_json

INVALID = sorted(p for p in (FIXTURES / "invalid").iterdir() if (p / "expected.json").is_file())


CLEAN = ["example"] + sorted(f"valid/{p.name}" for p in (FIXTURES / "valid").iterdir() if p.is_dir())
# Deliverables written as careful workers write on real codebases: restated ids, tables of
# findings, short forms of paths, whole-file references, null measurements, open vocabularies.
REAL_STYLE = sorted(f"real-style/{p.name}" for p in (FIXTURES / "real-style").iterdir() if p.is_dir())


@pytest.mark.parametrize("name", CLEAN)
def test_expert_deliverables_have_no_findings(name: str) -> None:
    run = lint_json(FIXTURES / name)
    assert run.findings == []
    assert run.exit_code == 0
    assert run.report["summary"]["deliverables"] == 1


@pytest.mark.parametrize("name", REAL_STYLE)
def test_careful_real_style_deliverables_have_no_findings(name: str) -> None:
    run = lint_json(FIXTURES / name, extra=("--no-cache",))
    assert run.findings == [] and run.exit_code == 0
    assert run.report["summary"]["deliverables"] == 1


def test_second_style_notes_really_use_crlf() -> None:
    notes = next((FIXTURES / "valid" / "second-style").rglob("backend_notes.md"))
    assert b"\r\n" in notes.read_bytes()


def test_setup_state_fails_loudly() -> None:
    run = lint_json(FIXTURES / "setup-state")
    counts = Counter(run.rules())
    assert run.exit_code == 1
    assert len(run.findings) >= 40
    for rule in ("template-placeholder", "template-instruction", "section-empty", "score-mismatch"):
        assert counts[rule] >= 3, rule
    messages = " ".join(f["message"] for f in run.findings)
    assert "TBD" in messages
    assert "every score is 0" in messages
    assert "0/10" in messages


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_each_invalid_session_shows_exactly_its_problem(case: Path) -> None:
    expected = json.loads((case / "expected.json").read_text())["findings"]
    run = lint_json(case)
    assert dict(Counter(run.rules())) == expected
    assert run.exit_code == 1


def test_every_rule_has_an_invalid_fixture_or_a_dedicated_test() -> None:
    covered = set()
    for case in INVALID:
        covered.update(json.loads((case / "expected.json").read_text())["findings"])
    required = {
        "json-syntax", "json-duplicate-key", "schema", "score-range", "priority-value", "statistics-count",
        "template-placeholder", "template-instruction", "absolute-path", "score-mismatch", "issue-id-format",
        "section-missing", "section-empty", "session-mismatch", "deliverable-missing",
    }
    assert required <= covered
