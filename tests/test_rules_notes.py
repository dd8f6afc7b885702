"""Rules that read the notes, each on an edit of the clean example, with every finding at its place.

In the example, line 3 is the Executive Summary heading, lines 4-6 its three scores,
line 14 the Critical Issues Found heading and line 50 the API Development Analysis
Results heading; text added under a heading on line N starts on line N + 1.
"""

from __future__ import annotations

import pytest

from rulecheck import check, finding

CRITICAL = "## Critical Issues Found\n"  # line 14
RESULTS = "## API Development Analysis Results\n"  # line 50


def under_critical(text: str) -> list[tuple[str, str]]:
    """An edit adding ``text`` just under the Critical Issues Found heading, from line 15."""
    return [(CRITICAL, CRITICAL + text)]


def test_template_instruction_single_line() -> None:
    check("backend", notes=under_critical("*REQUIRED: List the critical issues here.*\n"), expect=["notes:15:1 template-instruction"])


def test_template_instruction_spanning_bullets_is_reported_once() -> None:
    block = "*REQUIRED: Cover each point. Include:\n- the endpoints\n- the evidence*\n"
    check("backend", notes=under_critical(block), expect=["notes:15:1 template-instruction"], message_contains="(lines 15-17)")


def test_mandatory_line_is_an_instruction() -> None:
    check("backend", notes=under_critical("*MANDATORY for every section: cite files.*\n"), expect=["notes:15:1 template-instruction"])


def test_instruction_inside_code_is_not_reported() -> None:
    check("backend", notes=under_critical("```markdown\n*REQUIRED: quoted*\n```\n"), expect=[])


def test_section_missing() -> None:
    """A missing section has no place of its own: it is reported at the top of the notes."""
    check("backend", notes=[("## Executive Summary", "## Overview")], expect=["notes:1:1 section-missing"], message_contains="'Executive Summary'")


def test_heading_in_code_block_does_not_count_as_a_section() -> None:
    check("backend", notes=[("## Executive Summary", "```markdown\n## Executive Summary\n```\n## Overview")],
          expect=["notes:1:1 section-missing"], message_contains="'Executive Summary'")


def test_section_empty_leaf() -> None:
    check("backend", notes=[(RESULTS, "### Nothing here\n\n" + RESULTS)], expect=["notes:50:1 section-empty"], message_contains="'Nothing here'")


def test_section_with_only_an_instruction_is_empty() -> None:
    check("backend", notes=[(RESULTS, "### Caching Layer\n*REQUIRED: describe it.*\n\n" + RESULTS)],
          expect=["notes:50:1 section-empty", "notes:51:1 template-instruction"])


def test_group_whose_subsections_have_text_is_not_empty() -> None:
    check("backend", notes=[(CRITICAL, "## Group\n### Part\nText of the part.\n\n" + CRITICAL)], expect=[])


def test_section_with_only_code_is_not_empty() -> None:
    check("backend", notes=[(CRITICAL, "## Snippet\n```sql\nSELECT 1;\n```\n\n" + CRITICAL)], expect=[])


def test_section_with_only_a_comment_and_a_rule_is_empty() -> None:
    check("backend", notes=[(CRITICAL, "## Snippet\n<!-- to do -->\n\n---\n\n" + CRITICAL)], expect=["notes:14:1 section-empty"])


# Scores: "- **Database Performance Score**: " and "- **Service Architecture Score**: " are 34
# characters, so their scores start in column 35.

def test_score_mismatch_value() -> None:
    result = check("backend", notes=[("**Database Performance Score**: 5/10", "**Database Performance Score**: 6/10")],
                   expect=["notes:5:35 score-mismatch"], message_contains="is 6/10 here but 5 in backend_output.json")
    assert finding(result, "score-mismatch").hint.startswith("write 5/10")


def test_score_mismatch_zero_is_unfilled_even_when_json_agrees() -> None:
    """The overall score follows the lowered mean ((6.5 + 0 + 7) / 3 = 4.5), so only the zero is wrong."""
    check("backend", notes=[("**Database Performance Score**: 5/10", "**Database Performance Score**: 0/10")],
          output=[('"database_performance_score": 5', '"database_performance_score": 0'), ('"overall_score": 6.2', '"overall_score": 4.5')],
          expect=["notes:5:35 score-mismatch"], message_contains="0/10")


def test_score_mismatch_decimal_equal_is_fine() -> None:
    check("backend", notes=[("**Database Performance Score**: 5/10", "**Database Performance Score**: 5.0/10")], expect=[])


def test_score_mismatch_missing_line() -> None:
    """A missing score line is reported at the Executive Summary heading that should hold it."""
    check("backend", notes=[("- **Service Architecture Score**: 7/10", "- Service architecture: good")],
          expect=["notes:3:1 score-mismatch"], message_contains="no 'Service Architecture Score' line")


def test_score_mismatch_not_a_score() -> None:
    check("backend", notes=[("**Service Architecture Score**: 7/10", "**Service Architecture Score**: good")],
          expect=["notes:6:35 score-mismatch"], message_contains="N/10")


# Issue ids. Line 65 defines BACKEND-LOW-011 in bold, at column 3; the roadmap table on line
# 362 ("| later | BACKEND-LOW-011, ...") mentions it at column 11.

@pytest.mark.parametrize(
    "ident,words",
    [("BACKEND-HIGH-XXX", "placeholder"), ("BACKEND-SEVERE-004", "severity"), ("BACKEND-LOW-7", "3 digits"), ("BACKEND-crit-001", "severity")],
)
def test_malformed_issue_ids(ident: str, words: str) -> None:
    """A malformed definition also leaves the id it replaced mentioned but defined nowhere."""
    result = check("backend", notes=[("**BACKEND-LOW-011**", f"**{ident}**")],
                   expect=["notes:65:3 issue-id-format", "notes:362:11 dangling-reference"], message_contains="BACKEND-LOW-011")
    message = finding(result, "issue-id-format").message
    assert ident in message and words in message


def test_issue_id_given_to_two_issues() -> None:
    """BACKEND-LOW-012 (line 87) renamed LOW-011: reported at the second definition; its own
    mention on line 351, "(BACKEND-LOW-012)" from column 73, is then defined nowhere."""
    check("backend", notes=[("**BACKEND-LOW-012**", "**BACKEND-LOW-011**")],
          expect=["notes:87:3 issue-id-format", "notes:351:73 dangling-reference"], message_contains=["names two different issues", "on line 65"])


def test_issue_id_mentions_are_not_definitions() -> None:
    check("backend", notes=under_critical("See BACKEND-CRIT-001 and **BACKEND-CRIT-001** above.\n- BACKEND-CRIT-001: again\n"), expect=[])


def test_other_workers_ids_are_not_checked() -> None:
    check("backend", notes=under_critical("Related: ANALYZER-HIGH-XXX.\n"), expect=[])
