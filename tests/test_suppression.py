"""Inline suppression comments in the notes."""

from __future__ import annotations

from conftest import Session, lint_json

BAD_LINE = "The bug is in app/api/routes.py:12 today."


def add(session: Session, text: str) -> None:
    session.edit_notes("## Critical Issues Found\n", "## Critical Issues Found\n" + text)


def test_disable_next_line(session: Session) -> None:
    add(session, f"<!-- worker-lint-disable-next-line absolute-path -->\n{BAD_LINE}\n{BAD_LINE}\n")
    findings = lint_json(session.root).findings
    assert [f["rule"] for f in findings] == ["absolute-path"]  # only the second line


def test_disable_and_enable(session: Session) -> None:
    add(session, f"<!-- worker-lint-disable absolute-path -->\n{BAD_LINE}\n{BAD_LINE}\n<!-- worker-lint-enable absolute-path -->\n{BAD_LINE}\n")
    assert len(lint_json(session.root).findings) == 1


def test_disable_without_rules_covers_every_rule(session: Session) -> None:
    add(session, f"<!-- worker-lint-disable -->\n{BAD_LINE} {{{{OWNER}}}}\n<!-- worker-lint-enable -->\n")
    assert lint_json(session.root).findings == []


def test_enable_one_rule_after_disabling_all(session: Session) -> None:
    add(session, f"<!-- worker-lint-disable -->\n<!-- worker-lint-enable absolute-path -->\n{BAD_LINE} {{{{OWNER}}}}\n<!-- worker-lint-enable -->\n")
    assert lint_json(session.root).rules() == ["absolute-path"]


def test_disable_file(session: Session) -> None:
    session.notes.write_text("<!-- worker-lint-disable-file absolute-path -->\n" + session.notes.read_text())
    add(session, f"{BAD_LINE}\n")
    assert lint_json(session.root).findings == []


def test_unused_suppression_is_a_warning(session: Session) -> None:
    add(session, "<!-- worker-lint-disable-next-line absolute-path -->\nAll paths here are fine: /srv/app/x.py:1.\n")
    run = lint_json(session.root)
    [finding] = run.findings
    assert finding["rule"] == "unused-suppression" and finding["severity"] == "warning"
    assert run.exit_code == 0
    assert lint_json(session.root, extra=("--fail-level", "warning")).exit_code == 1


def test_unused_rule_in_a_partly_used_comment(session: Session) -> None:
    add(session, f"<!-- worker-lint-disable-next-line absolute-path, schema -->\n{BAD_LINE}\n")
    [finding] = lint_json(session.root).findings
    assert finding["rule"] == "unused-suppression" and "schema" in finding["message"]


def test_unknown_rule_in_a_comment(session: Session) -> None:
    add(session, f"<!-- worker-lint-disable-next-line absolute-pth -->\n{BAD_LINE}\n")
    rules = sorted(lint_json(session.root).rules())
    assert rules == ["absolute-path", "unused-suppression"]


def test_comments_in_code_blocks_do_nothing(session: Session) -> None:
    add(session, f"```markdown\n<!-- worker-lint-disable-file absolute-path -->\n```\n{BAD_LINE}\n")
    assert lint_json(session.root).rules() == ["absolute-path"]


def test_notes_comments_do_not_silence_json_findings(session: Session) -> None:
    session.notes.write_text("<!-- worker-lint-disable-file statistics-count -->\n" + session.notes.read_text())
    session.edit_output('"total_api_endpoints": 4', '"total_api_endpoints": 5')
    assert sorted(lint_json(session.root).rules()) == ["statistics-count", "unused-suppression"]


def test_unused_suppression_can_be_ignored(session: Session) -> None:
    add(session, "<!-- worker-lint-disable-next-line absolute-path -->\nFine.\n")
    assert lint_json(session.root, extra=("--ignore", "unused-suppression")).findings == []
