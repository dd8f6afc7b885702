"""Rules that read the output JSON, each on an edit of the clean example, with every finding at its place.

In the example's output, lines 3-7 are analysis_metadata's values, lines 10-13 the
scores ("    \"overall_score\": " is 21 characters: values start in column 22),
line 15 opens api_specifications and lines 454-459 are the statistics.
"""

from __future__ import annotations

import pytest

from rulecheck import base, check, finding

OUTPUT = base("backend").output


def test_json_syntax_gives_position_and_stops_other_json_rules() -> None:
    """Line 5 is '    "files_analyzed": 47,,': the second comma is column 26."""
    result = check("backend", output=[('"files_analyzed": 47,', '"files_analyzed": 47,,')], expect=["output:5:26 json-syntax"])
    assert result.findings[0].path.name == "backend_output.json"


@pytest.mark.parametrize(
    "old,new,place,needle",
    [
        ('"overall_score": 6.2', '"overall_score": NaN', "13:22", "NaN"),
        ('"overall_score": 6.2', '"overall_score": Infinity', "13:22", "Infinity"),
        ('"high_priority_items": 3', '"high_priority_items": 3 // counted by hand', "459:30", "comments"),
        ('"high_priority_items": 3', '"high_priority_items": 3,', "459:29", "trailing comma"),
    ],
)
def test_json_syntax_messages(old: str, new: str, place: str, needle: str) -> None:
    """At the value that is not JSON, the comment, or the comma ('    "high_priority_items": 3' is 28 characters)."""
    check("backend", output=[(old, new)], expect=[f"output:{place} json-syntax"], message_contains=needle)


def test_duplicate_key_points_at_the_second_definition() -> None:
    """The second overall_score (line 14) is reported; its value 0 is also far from the mean of 6.17."""
    check("backend", output=[('"overall_score": 6.2', '"overall_score": 6.2,\n    "overall_score": 0')],
          expect=["output:14:5 json-duplicate-key /scores/overall_score", "output:14:22 overall-score /scores/overall_score"],
          message_contains="first on line 13")


def test_duplicate_keys_in_nested_objects() -> None:
    check("backend", output=[('"id": "API-001",', '"id": "API-001",\n      "id": "API-001",')],
          expect=["output:18:7 json-duplicate-key /api_specifications/0/id"], message_contains="first on line 17")


SPECIFICATIONS = OUTPUT[OUTPUT.index('"api_specifications": ['):OUTPUT.index(',\n  "database_designs"')]
STATISTICS = OUTPUT[OUTPUT.index(',\n  "statistics"'):]  # the last member, to the end of the file


@pytest.mark.parametrize(
    "old,new,expected,words",
    [
        ('"worker_type": "backend"', '"worker_type": "frontend"', "output:7:20 schema /analysis_metadata/worker_type", 'expected "backend"'),
        ('    "timestamp": "2025-09-14T10:30:12.345678",\n', "", "output:2:24 schema /analysis_metadata", "'timestamp' is missing"),
        (STATISTICS, "\n}\n", 'output:1:1 schema ""', "'statistics' is missing"),
        ('"files_analyzed": 47', '"files_analyzed": "47"', "output:5:23 schema /analysis_metadata/files_analyzed", "integer"),
        ('"method": "POST",\n      "path": "/api/v1/payments",', '"method": "FETCH",\n      "path": "/api/v1/payments",',
         "output:19:17 schema /api_specifications/0/method", "not one of"),
        (SPECIFICATIONS, '"api_specifications": {}', "output:15:25 schema /api_specifications", "array"),
    ],
    ids=["worker-type", "missing-key", "missing-top-level-key", "string-for-integer", "not-in-enum", "object-for-array"],
)
def test_schema_findings_name_the_place(old: str, new: str, expected: str, words: str) -> None:
    """A wrong value is reported at the value; a missing key at the object that lacks it."""
    check("backend", output=[(old, new)], expect=[expected], message_contains=words)


def test_top_level_array_is_a_schema_finding() -> None:
    """With no object to read, the notes' six critical and high issues reach no JSON either."""
    result = check("backend", output="[1, 2, 3]\n", expect=[
        'output:1:1 schema ""',
        "notes:16:6 issue-lost", "notes:34:6 issue-lost", "notes:114:3 issue-lost",
        "notes:168:3 issue-lost", "notes:206:3 issue-lost", "notes:217:3 issue-lost",
    ])
    message = next(f.message for f in result.findings if f.rule == "schema")
    assert "top level" in message and "array" in message
    assert result.exit_code == 1


@pytest.mark.parametrize("bad", ['"7"', "true", "false", "null", "-1", "11", "10.5", "[7]"])
def test_score_range_rejects_non_scores(bad: str) -> None:
    """Reported by score-range alone, not also by schema; '    "api_design_score": ' is 24 characters."""
    check("backend", output=[('"api_design_score": 6.5', f'"api_design_score": {bad}')], expect=["output:10:25 score-range /scores/api_design_score"])


@pytest.mark.parametrize("good", ["0.5", "10", "0", "9.75"])
def test_score_range_accepts_numbers_from_0_to_10(good: str) -> None:
    """The only finding is the warning that each is more than 1 from the other scores' mean, 6.17."""
    check("backend", output=[('"overall_score": 6.2', f'"overall_score": {good}')], expect=["output:13:22 overall-score /scores/overall_score"],
          message_contains=f"overall_score is {good},")


# priority_actions/4 (line 447) is the medium one: a priority that is no priority is not counted,
# and a medium one is not counted anyway, so the statistics stay right.
MEDIUM_ACTION = '"category": "database",\n      "priority": "medium"'


@pytest.mark.parametrize("bad,hint", [("High", "write 'high'"), ("urgent", "use one of"), ("P1", "use one of"), ("CRITICAL", "write 'critical'")])
def test_priority_value(bad: str, hint: str) -> None:
    result = check("backend", output=[(MEDIUM_ACTION, f'"category": "database",\n      "priority": "{bad}"')],
                   expect=["output:447:19 priority-value /priority_actions/4/priority"])
    assert hint in finding(result, "priority-value").hint


def test_priority_choice_list_is_template_residue_not_a_bad_priority() -> None:
    check("backend", output=[('"category": "input_validation",\n      "priority": "medium"', '"category": "input_validation",\n      "priority": "critical|high|medium|low"')],
          expect=["output:352:19 template-placeholder /security_implementations/2/priority"])


def test_statistics_count_entries() -> None:
    """Without API-004, total_api_endpoints (4) moves up to line 432, after the 22 lines removed."""
    last = OUTPUT[OUTPUT.index(',\n    {\n      "id": "API-004"'):OUTPUT.index('\n  ],\n  "database_designs"')]
    result = check("backend", output=[(last, "")], expect=["output:432:28 statistics-count /statistics/total_api_endpoints"])
    assert "set it to 3" in finding(result, "statistics-count").hint


def test_statistics_count_by_priority() -> None:
    """One of the three critical entries (priority_actions/0) made low: critical_issues should be 2."""
    result = check("backend", output=[('"category": "security",\n      "priority": "critical"', '"category": "security",\n      "priority": "low"')],
                   expect=["output:458:24 statistics-count /statistics/critical_issues"])
    assert "set it to 2" in finding(result, "statistics-count").hint


def test_statistics_count_files_analyzed_against_notes() -> None:
    check("backend", notes=[("- **Files Analyzed**: 47", "- **Files Analyzed**: 45")],
          expect=["output:5:23 statistics-count /analysis_metadata/files_analyzed"], message_contains="(line 7) says 45")


def test_statistics_ignore_template_entries() -> None:
    """A fifth, template, specification: residue on its own line (104), and still 4 endpoints."""
    entry = ',\n    {"id": "API-001-TEMPLATE", "method": "GET", "path": "/api/v1/resource"}'
    check("backend", output=[("\n  ],\n  \"database_designs\"", entry + "\n  ],\n  \"database_designs\"")],
          expect=["output:104:12 template-placeholder /api_specifications/4/id"])


def test_session_mismatch() -> None:
    result = check("backend", output=[('"session_id": "2025-09-14-10-30-payment-api-audit"', '"session_id": "2025-09-13-09-00-other"')],
                   expect=["output:3:19 session-mismatch /analysis_metadata/session_id"])
    assert "2025-09-14-10-30-payment-api-audit" in finding(result, "session-mismatch").hint


def test_session_mismatch_needs_a_session_folder() -> None:
    check("backend", output=[('"session_id": "2025-09-14-10-30-payment-api-audit"', '"session_id": "anything"')], session_id=None, expect=[])


def test_duplicate_json_ids() -> None:
    check("backend", output=[('"id": "DB-002"', '"id": "DB-001"')], expect=["output:171:13 issue-id-format /database_designs/1/id"],
          message_contains="first at /database_designs/0/id")
