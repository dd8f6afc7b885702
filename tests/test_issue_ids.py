"""Issue ids in the notes: what is an id, what defines one, what it abbreviates, and what names two issues."""

from __future__ import annotations

import pytest

from lint.documents.markdown import parse_markdown
from lint.analysis.notes_facts import NotesFacts
from lint.analysis.issue_conflicts import conflicts
from lint.analysis.issue_counts import distinct_issues
from lint.analysis.issue_ids import ids_by_entry, ids_in_text, mentions
from lint.packs import IssueIdSpec, PackRegistry

SPEC = IssueIdSpec("TEST", ("CRIT", "HIGH", "MED", "LOW"))


@pytest.mark.parametrize(
    "text,ids",
    [
        ("see TEST-MED-001/003/004", ["TEST-MED-001", "TEST-MED-003", "TEST-MED-004"]),
        ("TEST-LOW-001..003 are cosmetic", ["TEST-LOW-001", "TEST-LOW-002", "TEST-LOW-003"]),
        ("**TEST-HIGH-002** to **TEST-HIGH-004**: CI", ["TEST-HIGH-002", "TEST-HIGH-003", "TEST-HIGH-004"]),
        ("TEST-HIGH-001 – 100 users affected", ["TEST-HIGH-001"]),
        ("TEST-CRIT-001, 200 tests", ["TEST-CRIT-001"]),
        ("TEST-HIGH-001 to TEST-MED-003", ["TEST-HIGH-001", "TEST-MED-003"]),
        ("the test-docker-compose job and TEST-HIGH-XXX", []),
    ],
)
def test_ids_a_text_names_with_lists_and_ranges(text: str, ids: list[str]) -> None:
    assert sorted(ids_in_text(text, SPEC)) == ids


@pytest.mark.parametrize(
    "text,found",
    [
        ("the `test-docker-compose` job and test-e2e-nightly", []),
        ("a Test-High-Level view", []),
        ("see test-HIGH-003", [("test-HIGH-003", "capitals")]),
        ("see TEST-crit-001", [("TEST-crit-001", "severity")]),
        ("see TEST-MEDIUM-004", [("TEST-MEDIUM-004", "severity")]),
        ("see TEST-HIGH-XXX", [("TEST-HIGH-XXX", "placeholder")]),
    ],
)
def test_only_tokens_of_the_id_shape_are_ids(text: str, found: list[tuple[str, str]]) -> None:
    result = mentions([(1, text)], set(), SPEC)
    assert [(m.ident, m.problem) for m in result if m.problem] == [(m.ident, m.problem) for m in result]
    assert [m.ident for m in result] == [ident for ident, _ in found]
    for mention, (_, words) in zip(result, found):
        assert words in mention.problem


@pytest.mark.parametrize(
    "line,defines",
    [
        ("- **TEST-HIGH-001**: flaky suite", True),
        ("**TEST-HIGH-001 – Flaky suite.** (JSON: QUAL-001)", True),
        ("- **Feed endpoint (TEST-HIGH-001):** never runs", True),
        ("1. TEST-HIGH-001: flaky suite", False),
        ("- **Issues**: TEST-HIGH-001, TEST-HIGH-002", False),
        ("| TEST-HIGH-001 | flaky suite |", False),
    ],
)
def test_where_an_id_is_defined(line: str, defines: bool) -> None:
    [mention] = [m for m in mentions([(1, line)], set(), SPEC) if m.ident == "TEST-HIGH-001"]
    assert mention.defines is defines


def _facts(text: str) -> NotesFacts:
    return NotesFacts(parse_markdown(text), PackRegistry.bundled().get("test"))


def test_restatements_are_not_conflicts() -> None:
    notes = """# Report

## Test Coverage Analysis Results

### Medium Priority Test Coverage Issues
- **TEST-MED-001**: Query layer untested (see Integration Test Coverage Assessment).

### Integration Test Coverage Assessment
**TEST-MED-001: Query layer and both database backends untested**

**TEST-HIGH-002 – Retries hide failures.** Evidence in `/srv/app/tests/conftest.py:12`.

### Test Reliability Assessment
**TEST-HIGH-002 — Shared fixture state** in the retrying fixture at `/srv/app/tests/conftest.py:12-15`.

## Implementation Roadmap
- **TEST-MED-001**: add Testcontainers parity tests (1 week)
"""
    assert conflicts(_facts(notes).repeated_issue_entries) == []


def test_two_issues_under_one_id_conflict_at_the_second() -> None:
    notes = """# Report

## Test Coverage Analysis Results

### Unit Test Coverage Assessment
#### TEST-HIGH-003: Payment rounding has no unit tests

### End-to-End Test Coverage Assessment
#### TEST-HIGH-003: The checkout journey never runs in CI
"""
    [(first, later)] = conflicts(_facts(notes).repeated_issue_entries)
    assert (first.mention.line, later.mention.line) == (6, 9)
    assert later.title == "The checkout journey never runs in CI"


def test_distinct_issues_join_entries_by_id_notes_id_and_related_findings() -> None:
    strings = [("/findings/0/title", "Default secret (TEST-CRIT-001)", "title"),
               ("/actions/1/action", "Generate it at install (TEST-CRIT-001/002)", "action")]
    named = ids_by_entry(strings, SPEC)
    assert named["/actions/1"] == {"TEST-CRIT-001", "TEST-CRIT-002"}
    entries = [
        ("/findings/0", {"id": "SEC-001", "title": "Default secret (TEST-CRIT-001)"}),
        ("/actions/0", {"action": "Rotate the secret", "related_findings": ["SEC-001"]}),
        ("/actions/1", {"action": "Generate it at install (TEST-CRIT-001/002)"}),
        ("/findings/1", {"id": "SEC-002", "title": "Unrelated"}),
    ]
    assert distinct_issues(entries, named) == 2
