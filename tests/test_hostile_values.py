"""Values a worker writes that once made a rule or a fix go wrong."""

from __future__ import annotations

import json

import pytest

from conftest import Session, run_cli
from rulecheck import check


@pytest.mark.parametrize("json_score,written", [(0.00001, "0.00001"), (6.123456789, "6.123456789"), (7.0, "7"), (1e-07, "0.0000001")])
def test_score_mismatch_fix_writes_the_json_score_as_a_person_would(session: Session, json_score: float, written: str) -> None:
    data = json.loads(session.output.read_text(encoding="utf-8"))
    data["scores"]["api_design_score"] = json_score
    session.output.write_text(json.dumps(data, indent=2), encoding="utf-8")
    run = run_cli("check", str(session.root), "--fix")
    assert f"**API Design Score**: {written}/10" in session.notes.read_text(encoding="utf-8")
    assert run.exit_code == 0, run.stdout


def test_a_score_with_many_decimals_can_be_matched_by_hand() -> None:
    check("backend", output=[('"api_design_score": 6.5', '"api_design_score": 6.1234567')],
          notes=[("**API Design Score**: 6.5/10", "**API Design Score**: 6.1234567/10")], expect=[])


def test_a_duplicate_inside_an_object_that_was_itself_replaced_points_where_something_is() -> None:
    text = '{"zz": {"k": 1, "k": 2}, "zz": {}}'
    result = check("backend", output=text, select=["json-duplicate-key"],
                   expect=["output:1:17 json-duplicate-key /zz", "output:1:26 json-duplicate-key /zz"])
    assert {f.message.split("'")[1] for f in result.findings} == {"k", "zz"}


_CODE_IN_ITEM = "- The handler reads its settings:\n\n{indent}config/settings.py TEMPLATE_VALUE {{{{SESSION_ID}}}}\n\n"


@pytest.mark.parametrize("indent", ["\t\t", "      ", "  \t  "], ids=["tabs", "spaces", "mixed"])
def test_code_indented_with_tabs_in_a_list_item_is_code_as_with_spaces(indent: str) -> None:
    block = _CODE_IN_ITEM.format(indent=indent)
    check("backend", notes=[("## Implementation Planning\n", "## Implementation Planning\n\n" + block)], expect=[])


def test_the_same_line_as_prose_is_still_reported() -> None:
    block = _CODE_IN_ITEM.format(indent="  ")  # two columns: a paragraph of the item, not code
    check("backend", notes=[("## Implementation Planning\n", "## Implementation Planning\n\n" + block)],
          expect=["notes:357:3 absolute-path", "notes:357:37 template-placeholder"])
