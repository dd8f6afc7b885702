"""The bundled sessions: clean ones lint clean, the setup-state one fails loudly.

The broken deliverables are small edits of the example, in tests/invalid_cases.py.
"""

from __future__ import annotations

from collections import Counter

import pytest

from conftest import FIXTURES, lint_json
from rulecheck import check

CLEAN = ["example"] + sorted(f"valid/{p.name}" for p in (FIXTURES / "valid").iterdir() if p.is_dir())
# Deliverables written as careful workers write on real codebases: restated ids, tables of
# findings, short forms of paths, whole-file references, null measurements, open vocabularies.
REAL_STYLE = sorted(f"real-style/{p.name}" for p in (FIXTURES / "real-style").iterdir() if p.is_dir())


@pytest.mark.parametrize("name", CLEAN)
def test_expert_deliverables_have_no_findings(name: str) -> None:
    assert check(name, expect=[]).exit_code == 0


@pytest.mark.parametrize("name", REAL_STYLE)
def test_careful_real_style_deliverables_have_no_findings(name: str) -> None:
    assert check(name, expect=[]).exit_code == 0


def test_each_clean_fixture_is_one_deliverable_to_the_command_line() -> None:
    """In memory a fixture is its one pair of files; on disk, discovery must find that pair and nothing else."""
    run = lint_json(*(FIXTURES / name for name in CLEAN + REAL_STYLE))
    assert run.findings == [] and run.exit_code == 0
    assert run.report["summary"]["deliverables"] == len(CLEAN + REAL_STYLE)


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
