"""Rules that read the output JSON, each on a copy of the clean example."""

from __future__ import annotations

import pytest

from conftest import Session, lint_json


def test_json_syntax_gives_position_and_stops_other_json_rules(session: Session) -> None:
    session.edit_output('"files_analyzed": 47,', '"files_analyzed": 47,,')
    run = lint_json(session.root)
    assert run.rules() == ["json-syntax"]
    finding = run.findings[0]
    assert finding["file"].endswith("backend_output.json")
    line = session.output.read_text().splitlines().index('    "files_analyzed": 47,,') + 1
    assert (finding["line"], finding["column"]) == (line, 26)


@pytest.mark.parametrize(
    "old,new,needle",
    [
        ('"overall_score": 6.2', '"overall_score": NaN', "NaN"),
        ('"overall_score": 6.2', '"overall_score": Infinity', "Infinity"),
        ('"high_priority_items": 3', '"high_priority_items": 3 // counted by hand', "comments"),
        ('"high_priority_items": 3', '"high_priority_items": 3,', "trailing comma"),
    ],
)
def test_json_syntax_messages(session: Session, old: str, new: str, needle: str) -> None:
    session.edit_output(old, new)
    run = lint_json(session.root)
    assert run.rules() == ["json-syntax"]
    assert needle in run.findings[0]["message"]


def test_duplicate_key_points_at_the_second_definition(session: Session) -> None:
    session.edit_output('"overall_score": 6.2', '"overall_score": 6.2,\n    "overall_score": 0')
    run = lint_json(session.root)
    [finding] = run.only("json-duplicate-key")
    lines = session.output.read_text().splitlines()
    second = [i for i, l in enumerate(lines) if '"overall_score"' in l][1] + 1
    assert finding["line"] == second
    assert finding["pointer"] == "/scores/overall_score"
    assert "first on line" in finding["message"]


def test_duplicate_keys_in_nested_objects(session: Session) -> None:
    data = session.output.read_text().replace('"id": "API-001",', '"id": "API-001",\n      "id": "API-001",', 1)
    session.output.write_text(data)
    [finding] = lint_json(session.root).only("json-duplicate-key")
    assert finding["pointer"] == "/api_specifications/0/id"


@pytest.mark.parametrize(
    "change,pointer,words",
    [
        (lambda d: d["analysis_metadata"].update(worker_type="frontend"), "/analysis_metadata/worker_type", "expected \"backend\""),
        (lambda d: d["analysis_metadata"].pop("timestamp"), "/analysis_metadata", "'timestamp' is missing"),
        (lambda d: d.pop("statistics"), "", "'statistics' is missing"),
        (lambda d: d["analysis_metadata"].update(files_analyzed="47"), "/analysis_metadata/files_analyzed", "integer"),
        (lambda d: d["api_specifications"][0].update(method="FETCH"), "/api_specifications/0/method", "not one of"),
        (lambda d: d.update(api_specifications={}), "/api_specifications", "array"),
    ],
)
def test_schema_findings_name_the_place(session: Session, change, pointer: str, words: str) -> None:
    data = session.data()
    change(data)
    session.write_data(data)
    findings = lint_json(session.root).only("schema")
    assert [f["pointer"] for f in findings] == [pointer]
    assert words in findings[0]["message"]


def test_top_level_array_is_a_schema_finding(session: Session) -> None:
    session.output.write_text("[1, 2, 3]\n")
    run = lint_json(session.root)
    [finding] = run.only("schema")
    assert "top level" in finding["message"] and "array" in finding["message"]
    assert run.exit_code == 1


@pytest.mark.parametrize("bad", ["7", True, False, None, -1, 11, 10.5, [7]])
def test_score_range_rejects_non_scores(session: Session, bad) -> None:
    data = session.data()
    data["scores"]["api_design_score"] = bad
    session.write_data(data)
    run = lint_json(session.root)
    findings = run.only("score-range")
    assert [f["pointer"] for f in findings] == ["/scores/api_design_score"]
    assert "schema" not in run.rules()


@pytest.mark.parametrize("good", [0.5, 10, 0, 9.75])
def test_score_range_accepts_numbers_from_0_to_10(session: Session, good) -> None:
    data = session.data()
    data["scores"]["overall_score"] = good
    session.write_data(data)
    assert lint_json(session.root).only("score-range") == []


@pytest.mark.parametrize("bad,hint", [("High", "write 'high'"), ("urgent", "use one of"), ("P1", "use one of"), ("CRITICAL", "write 'critical'")])
def test_priority_value(session: Session, bad: str, hint: str) -> None:
    data = session.data()
    data["priority_actions"][1]["priority"] = bad
    session.write_data(data)
    run = lint_json(session.root)
    findings = run.only("priority-value")
    assert [f["pointer"] for f in findings] == ["/priority_actions/1/priority"]
    assert hint in findings[0]["hint"]
    assert "schema" not in run.rules()


def test_priority_choice_list_is_template_residue_not_a_bad_priority(session: Session) -> None:
    data = session.data()
    data["security_implementations"][0]["priority"] = "critical|high|medium|low"
    session.write_data(data)
    run = lint_json(session.root)
    assert "priority-value" not in run.rules()
    assert any(f["pointer"] == "/security_implementations/0/priority" for f in run.only("template-placeholder"))


def test_statistics_count_entries(session: Session) -> None:
    data = session.data()
    data["api_specifications"].pop()
    session.write_data(data)
    [finding] = lint_json(session.root).only("statistics-count")
    assert finding["pointer"] == "/statistics/total_api_endpoints"
    assert "set it to 3" in finding["hint"]


def test_statistics_count_by_priority(session: Session) -> None:
    data = session.data()
    action = next(a for a in data["priority_actions"] if a["priority"] == "critical")
    action["priority"] = "low"
    session.write_data(data)
    [finding] = lint_json(session.root).only("statistics-count")
    assert finding["pointer"] == "/statistics/critical_issues"
    expected = data["statistics"]["critical_issues"] - 1
    assert f"set it to {expected}" in finding["hint"]


def test_statistics_count_files_analyzed_against_notes(session: Session) -> None:
    session.edit_notes("- **Files Analyzed**: 47", "- **Files Analyzed**: 45")
    [finding] = lint_json(session.root).only("statistics-count")
    assert finding["pointer"] == "/analysis_metadata/files_analyzed"
    assert "45" in finding["message"]


def test_statistics_ignore_template_entries(session: Session) -> None:
    data = session.data()
    data["api_specifications"].append({"id": "API-001-TEMPLATE", "method": "GET", "path": "/api/v1/resource"})
    session.write_data(data)
    run = lint_json(session.root)
    assert "statistics-count" not in run.rules()
    assert run.only("template-placeholder")


def test_session_mismatch(session: Session) -> None:
    data = session.data()
    data["analysis_metadata"]["session_id"] = "2025-09-13-09-00-other"
    session.write_data(data)
    [finding] = lint_json(session.root).only("session-mismatch")
    assert finding["pointer"] == "/analysis_metadata/session_id"
    assert "2025-09-14-10-30-payment-api-audit" in finding["hint"]


def test_session_mismatch_needs_a_session_folder(session: Session, tmp_path) -> None:
    loose = tmp_path / "loose"
    loose.mkdir()
    data = session.data()
    data["analysis_metadata"]["session_id"] = "anything"
    (loose / "backend_output.json").write_text(__import__("json").dumps(data))
    (loose / "backend_notes.md").write_text(session.notes.read_text())
    assert "session-mismatch" not in lint_json(loose).rules()


def test_duplicate_json_ids(session: Session) -> None:
    data = session.data()
    data["database_designs"][1]["id"] = data["database_designs"][0]["id"]
    session.write_data(data)
    [finding] = lint_json(session.root).only("issue-id-format")
    assert finding["pointer"] == "/database_designs/1/id"
