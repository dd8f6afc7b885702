"""What the rules accept from careful work must not let a bad deliverable through.

Each test is a way a lazy or hostile worker could try to use that leniency,
and the finding that must still come out.
"""

from __future__ import annotations

import json
import re

from conftest import Session, lint_json

CONFLICT = ("**BACKEND-LOW-012**", "**BACKEND-LOW-011**")  # gives LOW-011 to a second, unrelated issue


def test_the_documents_title_does_not_make_every_section_a_restatement(session: Session) -> None:
    session.edit_notes("# Backend Implementation Analysis Report: payments-api", "# Detailed Backend Analysis: search-index")
    session.edit_notes(*CONFLICT)
    assert len(lint_json(session.root).only("issue-id-format")) == 1


def test_two_headings_with_one_id_conflict_even_in_a_details_section(session: Session) -> None:
    session.edit_notes("## Critical Issues Found", "## Critical Issues Found (Details)")
    session.edit_notes("#### BACKEND-CRIT-002: Idempotency", "#### BACKEND-CRIT-001: Idempotency")
    [finding] = lint_json(session.root).only("issue-id-format")
    assert "names two different issues" in finding["message"]


def test_citing_another_line_of_one_file_does_not_make_two_issues_one(session: Session) -> None:
    session.edit_notes(*CONFLICT)
    session.edit_notes("Swagger UI and `/openapi.json` stay enabled",
                       "Swagger UI (`/srv/payments-api/app/api/routes/refunds.py:90`) and `/openapi.json` stay enabled")
    assert len(lint_json(session.root).only("issue-id-format")) == 1


def test_a_token_shaped_like_an_id_is_not_shared_evidence(session: Session) -> None:
    session.edit_notes(*CONFLICT)
    session.edit_notes("Swagger UI and `/openapi.json` stay enabled", "Swagger UI (RSA-204 keys) and `/openapi.json` stay enabled")
    session.edit_notes("**BACKEND-LOW-011**: The refund route", "**BACKEND-LOW-011**: The refund route (RSA-204 keys)")
    assert len(lint_json(session.root).only("issue-id-format")) == 1


def test_each_later_entry_is_compared_with_every_earlier_one(session: Session) -> None:
    session.edit_notes("**BACKEND-HIGH-004**: No index covers", "**BACKEND-HIGH-004**: Database index missing: no index covers")
    session.edit_notes("**BACKEND-HIGH-005**: Celery tasks", "**BACKEND-HIGH-004**: Database sessions leak: Celery tasks")
    session.edit_notes("**BACKEND-MED-010**: `refunds.amount`", "**BACKEND-HIGH-004**: Database. `refunds.amount`")
    findings = lint_json(session.root).only("issue-id-format")
    assert len(findings) >= 1 and all("names two different issues" in f["message"] for f in findings)


def test_a_long_range_in_the_output_carries_only_its_ends(session: Session) -> None:
    session.edit_output("Reject acquirer webhooks that carry no signature (BACKEND-CRIT-001)", "Reject acquirer webhooks that carry no signature")
    data = session.data()
    data["analysis_metadata"]["analysis_duration"] = "52 minutes (BACKEND-CRIT-000..050 reviewed)"
    session.write_data(data)
    [finding] = lint_json(session.root).only("issue-lost")
    assert "BACKEND-CRIT-001" in finding["message"]


def test_ids_the_notes_only_name_do_not_make_a_count_right(session: Session) -> None:
    session.edit_notes("The gap is the idempotency constraint described in BACKEND-CRIT-002.",
                       "The gap is the idempotency constraint described in BACKEND-CRIT-002 (BACKEND-CRIT-003..019 reserved).")
    session.edit_output('"critical_issues": 3,', '"critical_issues": 19,')
    assert len(lint_json(session.root).only("statistics-count")) == 1


def test_without_ids_in_the_notes_there_is_no_notes_reading_of_a_count(session: Session) -> None:
    session.notes.write_text(re.sub(r"BACKEND-(CRIT|HIGH|MED|LOW)-", r"PAY-\1-", session.notes.read_text()))
    session.output.write_text(re.sub(r"BACKEND-(CRIT|HIGH|MED|LOW)-", r"PAY-\1-", session.output.read_text()))
    session.edit_output('"critical_issues": 3,', '"critical_issues": 0,')
    [finding] = lint_json(session.root).only("statistics-count")
    assert finding["pointer"] == "/statistics/critical_issues"


def test_mostly_relative_paths_stay_errors_even_when_one_line_gives_them_all(session: Session) -> None:
    text = session.notes.read_text()
    cited = sorted(set(re.findall(r"/srv/payments-api/[\w./-]+\.\w+", text)))
    text = text.replace("/srv/payments-api/", "")
    text = text.replace("## Evidence Requirements Summary", "Files: " + ", ".join(f"`{p}`" for p in cited) + "\n\n## Evidence Requirements Summary", 1)
    session.notes.write_text(text)
    run = lint_json(session.root)
    assert run.only("short-reference") == []
    errors = run.only("absolute-path")
    assert len(errors) > 20 and all(f["hint"].startswith("write the absolute path: /srv/payments-api/") for f in errors[:5])


def test_a_line_of_a_file_is_evidence_even_after_add(session: Session) -> None:
    session.edit_notes("one envelope (RFC 9457 problem details) for every error path.",
                       "one envelope (RFC 9457 problem details) for every error path. Add a guard in app/api/callbacks.py:33.")
    [finding] = lint_json(session.root).only("absolute-path")
    assert "app/api/callbacks.py" in finding["message"]


def test_a_file_a_change_goes_into_is_not_a_proposed_file(session: Session) -> None:
    session.edit_notes("one envelope (RFC 9457 problem details) for every error path.",
                       "one envelope (RFC 9457 problem details) for every error path. Add the handler to app/api/errors_v2.py.")
    assert len(lint_json(session.root).only("absolute-path")) == 1


def test_a_label_field_holding_a_variable_is_residue(tmp_path) -> None:
    import shutil

    from conftest import FIXTURES

    shutil.copytree(FIXTURES / "workers" / "architect", tmp_path / "a")
    [output] = (tmp_path / "a").glob("Docs/hive-mind/sessions/*/workers/json/architect_output.json")
    data = json.loads(output.read_text())
    data["implementation_roadmap"][0]["timeline"] = "{{TIMELINE}}"
    output.write_text(json.dumps(data, indent=2))
    [finding] = lint_json(tmp_path / "a").only("template-placeholder")
    assert finding["pointer"] == "/implementation_roadmap/0/timeline"
