"""template-placeholder: residue is caught, content's own syntax is not."""

from __future__ import annotations

import json

import pytest

from rulecheck import check

# api_specifications/0/description, line 21 of the example's output: '      "description": ' is 21 characters.
DESCRIPTION = ('"description": "Creates a payment for the calling merchant and requests authorisation from the acquirer. '
               'Safe to retry with the same Idempotency-Key header."')
RESIDUE = "output:21:22 template-placeholder /api_specifications/0/description"
CRITICAL = "## Critical Issues Found\n"  # line 14 of the example's notes


def description(value: str) -> list[tuple[str, str]]:
    return [(DESCRIPTION, f'"description": {json.dumps(value)}')]


@pytest.mark.parametrize(
    "value",
    ["{{SESSION_ID}}", "Measured at {{TIMESTAMP}}", "[[summary]]", "TBD", "tbd.", "GET|POST|PUT|DELETE|PATCH", "hours|days|weeks"],
)
def test_json_residue(value: str) -> None:
    check("backend", output=description(value), expect=[RESIDUE])


def test_template_note_makes_the_entry_a_template_entry() -> None:
    """A 'Template - ' note marks its whole entry as the template's, so it is not counted: 3 endpoints, not 4."""
    check("backend", output=description("Template - remove if no API specifications"),
          expect=[RESIDUE, "output:454:28 statistics-count /statistics/total_api_endpoints"])


@pytest.mark.parametrize(
    "value",
    ["Render with Jinja: {{ ds }} and {{ amount }}", "export ${DATABASE_URL}", "Body such as [[1, 2]] is accepted",
     "items.each { |c| c.save }", "x ||= 1", "a || b", "read|write", "TBD by legal after the audit", "stdout|stderr"],
)
def test_content_syntax_is_not_residue(value: str) -> None:
    check("backend", output=description(value), expect=[])


def test_template_entry_reported_once_at_its_id() -> None:
    """A fourth optimisation, the template's, appended after PERF-003: one finding, at its id on line 411."""
    entry = ('    {\n      "id": "PERF-001-TEMPLATE",\n      "optimization": "Template - remove if no performance optimizations",\n'
             '      "category": "database|api|caching|memory|cpu"\n    }\n')
    check("backend", output=[('    }\n  ],\n  "priority_actions"', '    },\n' + entry + '  ],\n  "priority_actions"')],
          expect=["output:411:13 template-placeholder /performance_optimizations/3/id"])


def test_all_zero_scores() -> None:
    """Every JSON score 0 is the unfilled template (at the scores object, line 9); the notes' scores now disagree with each."""
    zeros = [('"api_design_score": 6.5', '"api_design_score": 0'), ('"database_performance_score": 5', '"database_performance_score": 0'),
             ('"service_architecture_score": 7', '"service_architecture_score": 0'), ('"overall_score": 6.2', '"overall_score": 0')]
    check("backend", output=zeros, expect=["output:9:13 template-placeholder /scores",
                                           "notes:4:25 score-mismatch", "notes:5:35 score-mismatch", "notes:6:35 score-mismatch"])


def test_one_zero_score_is_not_residue() -> None:
    """A single 0 is a score: the notes disagree with it and the overall is far from the new mean, but nothing is residue."""
    check("backend", output=[('"api_design_score": 6.5', '"api_design_score": 0')],
          expect=["notes:4:25 score-mismatch", "output:13:22 overall-score /scores/overall_score"])


def test_code_keys_are_not_checked() -> None:
    code = '"code_examples": "if not signature or not verify_signature(raw_body, signature, secret): raise HTTPException(401)"'
    check("backend", output=[(code, '"code_examples": "render(\'{{NAME}}\')"')], expect=[])


@pytest.mark.parametrize(
    "line,found",
    [
        ("- **Analysis Duration**: TBD", "notes:15:26 template-placeholder"),
        ("| Owner | TBD |", "notes:15:11 template-placeholder"),
        ("The owner is {{OWNER}}.", "notes:15:14 template-placeholder"),
        ("See [[related_work]].", "notes:15:5 template-placeholder"),
        ("- **Method**: GET|POST|PUT", "notes:15:15 template-placeholder"),
        ("Template - remove if not applicable", "notes:15:1 template-placeholder"),
        ("The template uses `{{SESSION_ID}}` for the id.", None),
        ("Jinja renders {{ amount }} here.", None),
        ("The retention period is TBD by legal.", None),
        ("Shell reads ${VAR}.", None),
    ],
)
def test_notes_residue(line: str, found: str | None) -> None:
    """Residue in the notes is reported where it starts on its line."""
    check("backend", notes=[(CRITICAL, f"{CRITICAL}{line}\n\n")], expect=[found] if found else [])


def test_notes_residue_in_code_block_is_content() -> None:
    check("backend", notes=[(CRITICAL, CRITICAL + "```text\n{{SESSION_ID}} TBD\n```\n")], expect=[])
