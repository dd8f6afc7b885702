"""template-placeholder: residue is caught, content's own syntax is not."""

from __future__ import annotations

import pytest

from conftest import Session, lint_json


def findings_after(session: Session, change) -> list[dict]:
    data = session.data()
    change(data)
    session.write_data(data)
    return lint_json(session.root).only("template-placeholder")


@pytest.mark.parametrize(
    "value",
    ["{{SESSION_ID}}", "Measured at {{TIMESTAMP}}", "[[summary]]", "TBD", "tbd.", "GET|POST|PUT|DELETE|PATCH", "hours|days|weeks",
     "Template - remove if no API specifications"],
)
def test_json_residue(session: Session, value: str) -> None:
    findings = findings_after(session, lambda d: d["api_specifications"][0].update(description=value))
    assert [f["pointer"] for f in findings] == ["/api_specifications/0/description"]


@pytest.mark.parametrize(
    "value",
    ["Render with Jinja: {{ ds }} and {{ amount }}", "export ${DATABASE_URL}", "Body such as [[1, 2]] is accepted",
     "items.each { |c| c.save }", "x ||= 1", "a || b", "read|write", "TBD by legal after the audit", "stdout|stderr"],
)
def test_content_syntax_is_not_residue(session: Session, value: str) -> None:
    assert findings_after(session, lambda d: d["api_specifications"][0].update(description=value)) == []


def test_template_entry_reported_once_at_its_id(session: Session) -> None:
    entry = {"id": "PERF-001-TEMPLATE", "optimization": "Template - remove if no performance optimizations",
             "category": "database|api|caching|memory|cpu"}
    findings = findings_after(session, lambda d: d["performance_optimizations"].append(entry))
    assert [f["pointer"] for f in findings] == ["/performance_optimizations/3/id"]


def test_all_zero_scores(session: Session) -> None:
    def zero(d):
        for key in d["scores"]:
            d["scores"][key] = 0
    findings = findings_after(session, zero)
    assert [f["pointer"] for f in findings] == ["/scores"]


def test_one_zero_score_is_not_residue(session: Session) -> None:
    assert findings_after(session, lambda d: d["scores"].update(api_design_score=0)) == []


def test_code_keys_are_not_checked(session: Session) -> None:
    def change(d):
        d["security_implementations"][0]["implementation"] = {"code_examples": "render('{{NAME}}')"}
    assert findings_after(session, change) == []


@pytest.mark.parametrize(
    "line,found",
    [
        ("- **Analysis Duration**: TBD", True),
        ("| Owner | TBD |", True),
        ("The owner is {{OWNER}}.", True),
        ("See [[related_work]].", True),
        ("- **Method**: GET|POST|PUT", True),
        ("Template - remove if not applicable", True),
        ("The template uses `{{SESSION_ID}}` for the id.", False),
        ("Jinja renders {{ amount }} here.", False),
        ("The retention period is TBD by legal.", False),
        ("Shell reads ${VAR}.", False),
    ],
)
def test_notes_residue(session: Session, line: str, found: bool) -> None:
    session.edit_notes("## Critical Issues Found\n", f"## Critical Issues Found\n{line}\n\n")
    findings = lint_json(session.root).only("template-placeholder")
    assert bool(findings) is found
    if found:
        assert findings[0]["file"].endswith("backend_notes.md")


def test_notes_residue_in_code_block_is_content(session: Session) -> None:
    session.edit_notes("## Critical Issues Found\n", "## Critical Issues Found\n```text\n{{SESSION_ID}} TBD\n```\n")
    assert lint_json(session.root).only("template-placeholder") == []
