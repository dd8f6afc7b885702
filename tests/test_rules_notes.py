"""Rules that read the notes, each on a copy of the clean example."""

from __future__ import annotations

import pytest

from conftest import Session, lint_json


def line_of(session: Session, text: str) -> int:
    return next(i for i, line in enumerate(session.notes.read_text().splitlines(), 1) if text in line)


def test_template_instruction_single_line(session: Session) -> None:
    session.edit_notes("## Critical Issues Found\n", "## Critical Issues Found\n*REQUIRED: List the critical issues here.*\n")
    [finding] = lint_json(session.root).only("template-instruction")
    assert finding["line"] == line_of(session, "*REQUIRED: List")
    assert finding["column"] == 1


def test_template_instruction_spanning_bullets_is_reported_once(session: Session) -> None:
    block = "*REQUIRED: Cover each point. Include:\n- the endpoints\n- the evidence*\n"
    session.edit_notes("## Critical Issues Found\n", "## Critical Issues Found\n" + block)
    [finding] = lint_json(session.root).only("template-instruction")
    assert "lines" in finding["message"]


def test_mandatory_line_is_an_instruction(session: Session) -> None:
    session.edit_notes("## Critical Issues Found\n", "## Critical Issues Found\n*MANDATORY for every section: cite files.*\n")
    assert len(lint_json(session.root).only("template-instruction")) == 1


def test_instruction_inside_code_is_not_reported(session: Session) -> None:
    session.edit_notes("## Critical Issues Found\n", "## Critical Issues Found\n```markdown\n*REQUIRED: quoted*\n```\n")
    assert lint_json(session.root).only("template-instruction") == []


def test_section_missing(session: Session) -> None:
    session.edit_notes("## Executive Summary", "## Overview")
    [finding] = lint_json(session.root).only("section-missing")
    assert "Executive Summary" in finding["message"]


def test_heading_in_code_block_does_not_count_as_a_section(session: Session) -> None:
    session.edit_notes("## Executive Summary", "```markdown\n## Executive Summary\n```\n## Overview")
    assert len(lint_json(session.root).only("section-missing")) == 1


def test_section_empty_leaf(session: Session) -> None:
    session.edit_notes("## API Development Analysis Results\n", "### Nothing here\n\n## API Development Analysis Results\n")
    run = lint_json(session.root)
    [finding] = run.only("section-empty")
    assert finding["line"] == line_of(session, "### Nothing here")


def test_section_with_only_an_instruction_is_empty(session: Session) -> None:
    session.edit_notes("## API Development Analysis Results\n", "### Caching Layer\n*REQUIRED: describe it.*\n\n## API Development Analysis Results\n")
    run = lint_json(session.root)
    assert len(run.only("section-empty")) == 1
    assert len(run.only("template-instruction")) == 1


def test_group_whose_subsections_have_text_is_not_empty(session: Session) -> None:
    session.edit_notes("## Critical Issues Found\n", "## Group\n### Part\nText of the part.\n\n## Critical Issues Found\n")
    assert lint_json(session.root).only("section-empty") == []


def test_section_with_only_code_is_not_empty(session: Session) -> None:
    session.edit_notes("## Critical Issues Found\n", "## Snippet\n```sql\nSELECT 1;\n```\n\n## Critical Issues Found\n")
    assert lint_json(session.root).only("section-empty") == []


def test_section_with_only_a_comment_and_a_rule_is_empty(session: Session) -> None:
    session.edit_notes("## Critical Issues Found\n", "## Snippet\n<!-- to do -->\n\n---\n\n## Critical Issues Found\n")
    assert len(lint_json(session.root).only("section-empty")) == 1


def test_score_mismatch_value(session: Session) -> None:
    session.edit_notes("**Database Performance Score**: 5/10", "**Database Performance Score**: 6/10")
    [finding] = lint_json(session.root).only("score-mismatch")
    assert finding["line"] == line_of(session, "Database Performance Score")
    assert "6/10" in finding["message"] and "5" in finding["message"]
    assert finding["hint"].startswith("write 5/10")


def test_score_mismatch_zero_is_unfilled_even_when_json_agrees(session: Session) -> None:
    session.edit_notes("**Database Performance Score**: 5/10", "**Database Performance Score**: 0/10")
    data = session.data()
    data["scores"]["database_performance_score"] = 0
    session.write_data(data)
    [finding] = lint_json(session.root).only("score-mismatch")
    assert "0/10" in finding["message"]


def test_score_mismatch_decimal_equal_is_fine(session: Session) -> None:
    session.edit_notes("**Database Performance Score**: 5/10", "**Database Performance Score**: 5.0/10")
    assert lint_json(session.root).only("score-mismatch") == []


def test_score_mismatch_missing_line(session: Session) -> None:
    session.edit_notes("- **Service Architecture Score**: 7/10", "- Service architecture: good")
    [finding] = lint_json(session.root).only("score-mismatch")
    assert "no 'Service Architecture Score' line" in finding["message"]


def test_score_mismatch_not_a_score(session: Session) -> None:
    session.edit_notes("**Service Architecture Score**: 7/10", "**Service Architecture Score**: good")
    [finding] = lint_json(session.root).only("score-mismatch")
    assert "N/10" in finding["message"]


@pytest.mark.parametrize(
    "ident,words",
    [("BACKEND-HIGH-XXX", "placeholder"), ("BACKEND-SEVERE-004", "severity"), ("BACKEND-LOW-7", "3 digits"), ("BACKEND-crit-001", "severity")],
)
def test_malformed_issue_ids(session: Session, ident: str, words: str) -> None:
    session.edit_notes("**BACKEND-LOW-011**", f"**{ident}**")
    [finding] = lint_json(session.root).only("issue-id-format")
    assert ident in finding["message"] and words in finding["message"]
    assert finding["line"] == line_of(session, ident)
    assert finding["column"] == 3


def test_issue_id_given_to_two_issues(session: Session) -> None:
    session.edit_notes("**BACKEND-LOW-012**", "**BACKEND-LOW-011**")
    [finding] = lint_json(session.root).only("issue-id-format")
    assert "names two different issues" in finding["message"]
    assert finding["line"] == line_of(session, "Swagger UI and") and finding["column"] == 3


def test_issue_id_mentions_are_not_definitions(session: Session) -> None:
    session.edit_notes("## Critical Issues Found\n", "## Critical Issues Found\nSee BACKEND-CRIT-001 and **BACKEND-CRIT-001** above.\n- BACKEND-CRIT-001: again\n")
    assert lint_json(session.root).only("issue-id-format") == []


def test_other_workers_ids_are_not_checked(session: Session) -> None:
    session.edit_notes("## Critical Issues Found\n", "## Critical Issues Found\nRelated: ANALYZER-HIGH-XXX.\n")
    assert lint_json(session.root).only("issue-id-format") == []
