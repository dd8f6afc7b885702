"""What the rules accept from careful work must not let a bad deliverable through.

Each test is a way a lazy or hostile worker could try to use that leniency,
and the findings that must still come out, at their places in the example.
"""

from __future__ import annotations

import re

from rulecheck import base, check, finding

# Gives LOW-011 to a second, unrelated issue: reported at that definition (line 87, column 3); LOW-012's own
# mention, "(BACKEND-LOW-012)" on line 351 from column 73, is then defined nowhere.
CONFLICT = ("**BACKEND-LOW-012**", "**BACKEND-LOW-011**")
CONFLICT_FOUND = ["notes:87:3 issue-id-format", "notes:351:73 dangling-reference"]
ERROR_PATH = "one envelope (RFC 9457 problem details) for every error path."  # the whole of line 108, 61 characters


def test_the_documents_title_does_not_make_every_section_a_restatement() -> None:
    check("backend", notes=[("# Backend Implementation Analysis Report: payments-api", "# Detailed Backend Analysis: search-index"), CONFLICT],
          expect=CONFLICT_FOUND, message_contains="names two different issues")


def test_two_headings_with_one_id_conflict_even_in_a_details_section() -> None:
    """The second heading (line 34, id from column 6) is the conflict; CRIT-002's mention on line 189 is left undefined."""
    check("backend", notes=[("## Critical Issues Found", "## Critical Issues Found (Details)"),
                            ("#### BACKEND-CRIT-002: Idempotency", "#### BACKEND-CRIT-001: Idempotency")],
          expect=["notes:34:6 issue-id-format", "notes:189:52 dangling-reference"], message_contains="names two different issues")


def test_citing_another_line_of_one_file_does_not_make_two_issues_one() -> None:
    check("backend", notes=[CONFLICT, ("Swagger UI and `/openapi.json` stay enabled",
                                       "Swagger UI (`/srv/payments-api/app/api/routes/refunds.py:90`) and `/openapi.json` stay enabled")],
          expect=CONFLICT_FOUND, message_contains="names two different issues")


def test_a_token_shaped_like_an_id_is_not_shared_evidence() -> None:
    check("backend", notes=[CONFLICT, ("Swagger UI and `/openapi.json` stay enabled", "Swagger UI (RSA-204 keys) and `/openapi.json` stay enabled"),
                            ("**BACKEND-LOW-011**: The refund route", "**BACKEND-LOW-011**: The refund route (RSA-204 keys)")],
          expect=CONFLICT_FOUND, message_contains="names two different issues")


def test_each_later_entry_is_compared_with_every_earlier_one() -> None:
    """HIGH-005 (line 206) and MED-010 renamed HIGH-004: the database-titled entries are compared with every earlier one,
    and HIGH-004's own entry (line 217) conflicts; the renamed ids' mentions (lines 330 and 336) are left undefined."""
    result = check("backend", notes=[("**BACKEND-HIGH-004**: No index covers", "**BACKEND-HIGH-004**: Database index missing: no index covers"),
                                     ("**BACKEND-HIGH-005**: Celery tasks", "**BACKEND-HIGH-004**: Database sessions leak: Celery tasks"),
                                     ("**BACKEND-MED-010**: `refunds.amount`", "**BACKEND-HIGH-004**: Database. `refunds.amount`")],
                   expect=["notes:217:3 issue-id-format", "notes:330:4 dangling-reference", "notes:336:3 dangling-reference"])
    assert "names two different issues" in finding(result, "issue-id-format").message


def test_a_long_range_in_the_output_carries_only_its_ends() -> None:
    """CRIT-001's one mention in the JSON removed: a range 000..050 elsewhere does not stand for it."""
    check("backend", output=[("Reject acquirer webhooks that carry no signature (BACKEND-CRIT-001)", "Reject acquirer webhooks that carry no signature"),
                             ('"analysis_duration": "52 minutes"', '"analysis_duration": "52 minutes (BACKEND-CRIT-000..050 reviewed)"')],
          expect=["notes:16:6 issue-lost"], message_contains="BACKEND-CRIT-001")


def test_ids_the_notes_only_name_do_not_make_a_count_right() -> None:
    """A reserved range named in passing (line 189, from column 70) defines no issues: 19 critical issues stays wrong."""
    check("backend", notes=[("The gap is the idempotency constraint described in BACKEND-CRIT-002.",
                             "The gap is the idempotency constraint described in BACKEND-CRIT-002 (BACKEND-CRIT-003..019 reserved).")],
          output=[('"critical_issues": 3,', '"critical_issues": 19,')],
          expect=["output:458:24 statistics-count /statistics/critical_issues", "notes:189:70 dangling-reference", "notes:189:70 issue-lost"])


def test_without_ids_in_the_notes_there_is_no_notes_reading_of_a_count() -> None:
    """With ids of another shape the notes define no BACKEND ids; the JSON's three critical entries still count."""
    example = base("backend")

    def renamed(text: str) -> str:
        return re.sub(r"BACKEND-(CRIT|HIGH|MED|LOW)-", r"PAY-\1-", text)

    check("backend", notes=renamed(example.notes), output=renamed(example.output).replace('"critical_issues": 3,', '"critical_issues": 0,'),
          expect=["output:458:24 statistics-count /statistics/critical_issues"], message_contains="hold 3 entries with priority 'critical'")


def test_mostly_relative_paths_stay_errors_even_when_one_line_gives_them_all() -> None:
    """Every absolute path shortened, with one line listing them all: each short form stays an error, none is information."""
    text = base("backend").notes
    cited = sorted(set(re.findall(r"/srv/payments-api/[\w./-]+\.\w+", text)))
    text = text.replace("/srv/payments-api/", "")
    text = text.replace("## Evidence Requirements Summary", "Files: " + ", ".join(f"`{p}`" for p in cited) + "\n\n## Evidence Requirements Summary", 1)
    result = check("backend", notes=text, select={"absolute-path", "short-reference"},
                   expect=[f"notes:{line}:{column} absolute-path" for line, column in _shortened_places(text)])
    assert len(result.findings) > 20
    assert all(f.hint.startswith("write the absolute path: /srv/payments-api/") for f in result.findings)


def _shortened_places(text: str) -> list[tuple[int, int]]:
    """Where each shortened path (``app/...``, ``migrations/...``, ...) starts, outside code blocks; the list
    added gives the paths whole, after a slash, so none of it counts."""
    places = []
    fenced = False
    for number, line in enumerate(text.split("\n"), 1):
        if line.startswith("```"):
            fenced = not fenced
            continue
        if fenced:
            continue
        places += [(number, m.start() + 1) for m in re.finditer(r"(?<![\w/.-])(?:app|migrations|tests|deploy|scripts)/[\w./-]+\.\w+", line)]
    return places


def test_a_line_of_a_file_is_evidence_even_after_add() -> None:
    """'Add a guard in ' after the 61 characters of line 108 puts the path at column 78."""
    check("backend", notes=[(ERROR_PATH, ERROR_PATH + " Add a guard in app/api/callbacks.py:33.")], expect=["notes:108:78 absolute-path"],
          message_contains="app/api/callbacks.py")


def test_a_file_a_change_goes_into_is_not_a_proposed_file() -> None:
    check("backend", notes=[(ERROR_PATH, ERROR_PATH + " Add the handler to app/api/errors_v2.py.")], expect=["notes:108:82 absolute-path"])


def test_a_label_field_holding_a_variable_is_residue() -> None:
    """The architect's first roadmap phase: '      "timeline": ' is 18 characters."""
    check("workers/architect", output=[('"timeline": "Days 1-10 (before 1 November)"', '"timeline": "{{TIMELINE}}"')],
          expect=["output:275:19 template-placeholder /implementation_roadmap/0/timeline"])
