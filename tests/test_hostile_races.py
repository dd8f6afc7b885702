"""Another process writes while the linter works: it never acts on bytes it did not lint."""

from __future__ import annotations

import pytest

from conftest import Session, run_cli

import lint.fixes


def test_fix_leaves_alone_a_file_changed_after_it_was_linted(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    session.edit_output('"total_api_endpoints": 4', '"total_api_endpoints": 9')  # a fixable count
    real = lint.fixes.lint_unit
    calls = []

    def lint_then_someone_writes(*args, **kwargs):
        result = real(*args, **kwargs)
        if not calls:  # right after the first lint, another writer inserts a line at the top
            session.output.write_text("\n" + session.output.read_text(encoding="utf-8"), encoding="utf-8")
        calls.append(1)
        return result

    monkeypatch.setattr(lint.fixes, "lint_unit", lint_then_someone_writes)
    changed = session.output.read_bytes()
    run = run_cli("check", str(session.root), "--fix")
    now = session.output.read_bytes()
    assert run.exit_code == 2
    assert now.startswith(b"\n") and b'"total_api_endpoints": 9' in now and b"tota4" not in now
    assert str(session.output) in run.stderr and "changed after worker-lint read it" in run.stderr
    assert now == b"\n" + changed
