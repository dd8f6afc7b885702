"""Each deliverable is linted with the configuration closest to it (ruff's hierarchical
model): the order of the paths named changes nothing."""

from __future__ import annotations

from pathlib import Path

import lint
from conftest import Session, lint_json, run_cli

WRONG_SCORE = ("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")
WRONG_COUNT = ('"total_api_endpoints": 4', '"total_api_endpoints": 5')


def _two_projects(session_factory) -> tuple[Session, Session]:
    quiet, strict = session_factory(), session_factory()
    for session in (quiet, strict):
        session.edit_notes(*WRONG_SCORE)
        session.edit_output(*WRONG_COUNT)
    (quiet.root / ".worker-lint.toml").write_text('ignore = ["score-mismatch", "statistics-count"]\n')
    (strict.root / ".worker-lint.toml").write_text('[severity]\nscore-mismatch = "warning"\n')
    return quiet, strict


def _by_project(run, *sessions: Session) -> list[list[tuple[str, str]]]:
    return [sorted((f["rule"], f["severity"]) for f in run.findings if f["file"].startswith(str(s.root) + "/")) for s in sessions]


def test_the_order_of_the_paths_changes_nothing(session_factory) -> None:
    quiet, strict = _two_projects(session_factory)
    forward = lint_json(quiet.root, strict.root)
    backward = lint_json(strict.root, quiet.root)
    expected = [[], [("score-mismatch", "warning"), ("statistics-count", "error")]]
    assert _by_project(forward, quiet, strict) == _by_project(backward, quiet, strict) == expected
    assert forward.exit_code == backward.exit_code == 1


def test_a_folder_above_several_projects_lints_each_with_its_own_configuration(session_factory, tmp_path: Path) -> None:
    quiet, strict = _two_projects(session_factory)
    run = lint_json(tmp_path)
    assert _by_project(run, quiet, strict) == [[], [("score-mismatch", "warning"), ("statistics-count", "error")]]


def test_each_projects_own_excludes_apply(session_factory, tmp_path: Path) -> None:
    quiet, strict = _two_projects(session_factory)
    (quiet.root / ".worker-lint.toml").write_text('exclude = ["/Docs/hive-mind/sessions/*"]\n')
    run = lint_json(strict.root, quiet.root)
    assert run.report["summary"]["deliverables"] == 1
    assert _by_project(run, strict) == [[("score-mismatch", "warning"), ("statistics-count", "error")]]


def test_each_deliverable_is_judged_by_its_own_fail_level(session_factory) -> None:
    lenient, strict = session_factory(), session_factory()
    for session in (lenient, strict):
        session.edit_notes(*WRONG_SCORE)
    (lenient.root / ".worker-lint.toml").write_text('[severity]\nscore-mismatch = "warning"\n')
    (strict.root / ".worker-lint.toml").write_text('fail-level = "warning"\n[severity]\nscore-mismatch = "warning"\n')
    for order in ((lenient.root, strict.root), (strict.root, lenient.root)):
        result = lint.lint_paths(list(order))
        verdicts = {str(u.unit.session_dir).startswith(str(strict.root)): u.passed for u in result.units}
        assert verdicts == {False: True, True: False}
        assert not result.passed
        assert run_cli("check", *map(str, order)).exit_code == 1


def test_command_line_options_apply_over_every_configuration(session_factory) -> None:
    quiet, strict = _two_projects(session_factory)
    run = lint_json(quiet.root, strict.root, extra=("--select", "statistics-count"))
    assert _by_project(run, quiet, strict) == [[], [("statistics-count", "error")]]


def test_config_and_isolated_still_apply_to_every_path(session_factory, tmp_path: Path) -> None:
    quiet, strict = _two_projects(session_factory)
    named = tmp_path / "gate.toml"
    named.write_text('ignore = ["statistics-count"]\n')
    run = lint_json(quiet.root, strict.root, extra=("--config", str(named)))
    assert _by_project(run, quiet, strict) == [[("score-mismatch", "error")], [("score-mismatch", "error")]]
    run = lint_json(quiet.root, strict.root, extra=("--isolated",))
    assert all(len(found) == 2 for found in _by_project(run, quiet, strict))


def test_a_path_with_nothing_to_lint_beside_one_with_deliverables(session_factory, tmp_path: Path) -> None:
    quiet, strict = _two_projects(session_factory)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert lint_json(empty, strict.root).exit_code == 1
    assert run_cli("check", str(empty)).exit_code == 2
