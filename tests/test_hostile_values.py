"""Values a worker writes that once made a rule or a fix go wrong."""

from __future__ import annotations

import json

import pytest

import lint

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


@pytest.mark.parametrize("indent", ["      ", "\t\t"], ids=["spaces", "tabs"])
def test_code_in_a_list_item_with_a_tab_after_its_words_is_code(indent: str) -> None:
    """The tab reaches another column in the document than in the block's own text."""
    block = f"- Example request:\n\n{indent}curl -H 'X-Session: {{{{SESSION_ID}}}}'\t# header\n{indent}echo done\n"
    check("backend", notes=[("## Implementation Planning\n", "## Implementation Planning\n\n" + block)], expect=[])


def test_many_code_blocks_in_one_list_item_are_each_placed_once(tmp_path) -> None:
    """Each block is looked up among the item's code lines, not searched for from where the last one ended."""
    import subprocess
    import sys

    notes = "- item\n\n" + "".join(f"      v{i} = {i}\t# c\n\n  para {i}\n\n" for i in range(8000))
    script = ("import sys; from lint.documents.markdown import parse_markdown; "
              "print(len(parse_markdown(sys.stdin.read()).code_lines))")
    run = subprocess.run([sys.executable, "-c", script], input=notes, capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert run.stdout.strip() == "8000", run.stderr


def test_the_same_line_as_prose_is_still_reported() -> None:
    block = _CODE_IN_ITEM.format(indent="  ")  # two columns: a paragraph of the item, not code
    check("backend", notes=[("## Implementation Planning\n", "## Implementation Planning\n\n" + block)],
          expect=["notes:357:3 absolute-path", "notes:357:37 template-placeholder"])


def _many_relative_paths(session: Session, count: int) -> None:
    session.edit_notes("## Implementation Planning\n", "## Implementation Planning\n\n"
                       + "".join(f"- see src/module_{i}.py for it\n" for i in range(count)) + "\n")


def test_findings_beyond_the_cap_are_counted_exactly_and_not_listed(session: Session) -> None:
    _many_relative_paths(session, 250)
    run = run_cli("check", str(session.root), "--format", "json", cwd=session.root)
    report = run.report
    listed = [f for f in report["findings"] if f["rule"] == "absolute-path"]
    assert run.exit_code == 1 and len(listed) == 100
    assert report["not_listed"] == [{"rule": "absolute-path", "severity": "error", "file": listed[0]["file"], "count": 150}]
    assert report["summary"]["findings"] == report["summary"]["errors"] == 250 == report["deliverables"][0]["findings"]
    text = run_cli("check", str(session.root), "--format", "concise", cwd=session.root).stdout.splitlines()
    assert len(text) == 101 and text[-1].startswith("Found 250 problems") and "150 not listed" in text[-1]
    sarif = json.loads(run_cli("check", str(session.root), "--format", "sarif", cwd=session.root).stdout)["runs"][0]
    assert len(sarif["results"]) == 100 and sarif["properties"]["notListed"][0]["count"] == 150


def test_the_cap_keeps_the_score_and_the_verdict_of_every_finding(session: Session, session_factory) -> None:
    _many_relative_paths(session, 250)
    import lint
    from lint.engine.scoring import deliverable_score
    from lint.model import Elided

    [unit] = lint.lint_project(session.root).deliverables
    assert unit.total == 250 and len(unit.findings) == 100 and not unit.passed
    assert unit.score == deliverable_score(unit.findings, unit.size, unit.elided)
    one = unit.findings[0].with_severity(lint.Severity.WARNING)
    more = (Elided(one.path, one.rule, lint.Severity.WARNING, 50),)
    assert deliverable_score([one], 1000, more) == 9.4 < deliverable_score([one], 1000) == 9.9  # 51 warnings, then 1
    cached = lint.lint_project(session.root, cache_dir=session.root.parent / "cache")
    again = lint.lint_project(session.root, cache_dir=session.root.parent / "cache").deliverables[0]
    assert cached.deliverables[0].elided == again.elided and again.total == 250


_HOSTILE_KEY = "z\x1b]0;PWNED\x07\n::error file=README.md,line=1::forged\x85\u2028"


@pytest.mark.parametrize("fmt", ["text", "concise", "github", "junit", "json", "sarif", "harness"])
def test_a_json_key_in_a_pointer_never_reaches_the_output_raw(session: Session, fmt: str) -> None:
    """A key with control characters, repeated (json-duplicate-key gives its pointer), in every format."""
    import json as json_module

    key = json_module.dumps(_HOSTILE_KEY)
    session.edit_output('"analysis_metadata": {', f'"analysis_metadata": {{\n    {key}: 1,\n    {key}: 2,')
    run = run_cli("check", str(session.root), "--isolated", "--no-cache", "--format", fmt, "--color")
    assert run.exit_code == 1
    for raw in ("\x1b]0;", "\x07", "\x85", "\u2028"):
        assert raw not in run.stdout, (fmt, raw)
    assert not any(line.startswith("::error file=README.md") for line in run.stdout.splitlines())
    if fmt in ("json", "sarif"):
        assert _HOSTILE_KEY in run.stdout.encode().decode("unicode_escape")  # escaped, not lost


def test_schema_validation_stops_after_its_limit_and_says_so(session: Session) -> None:
    """A million broken entries would cost minutes and gigabytes; the first thousands say it all."""
    from lint.analysis.schema_errors import MAX_ERRORS

    data = session.data()
    data["priority_actions"] += [{}] * (MAX_ERRORS + 500)
    result = lint.lint_contents("backend", output=json.dumps(data), settings=lint.Settings(select=frozenset({"schema"})))
    messages = [f.message for f in result.findings]
    assert any(m.startswith(f"the schema check stopped after {MAX_ERRORS:,} errors") for m in messages)
    assert not result.passed
    assert sum(u.total for u in result.units) <= MAX_ERRORS + 1  # the errors up to the limit (of every rule), and the note
