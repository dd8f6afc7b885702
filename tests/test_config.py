"""Configuration files and the options that mirror them."""

from __future__ import annotations

import pytest

from conftest import Session, lint_json, run_cli


@pytest.fixture
def broken(session: Session) -> Session:
    session.edit_notes("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")
    session.edit_output('"total_api_endpoints": 4', '"total_api_endpoints": 5')
    return session


def write_pyproject(session: Session, body: str) -> None:
    (session.root / "pyproject.toml").write_text("[project]\nname = 'x'\n\n[tool.worker-lint]\n" + body)


def test_pyproject_select(broken: Session) -> None:
    write_pyproject(broken, 'select = ["score-mismatch"]\n')
    assert lint_json(broken.root).rules() == ["score-mismatch"]


def test_dot_file_is_found_from_the_linted_path_upward(broken: Session) -> None:
    (broken.root / ".worker-lint.toml").write_text('ignore = ["score-mismatch"]\n')
    assert lint_json(broken.notes).rules() == ["statistics-count"]


def test_closest_configuration_wins(broken: Session) -> None:
    write_pyproject(broken, 'ignore = ["statistics-count"]\n')
    (broken.root / "Docs" / ".worker-lint.toml").write_text('ignore = ["score-mismatch"]\n')
    assert lint_json(broken.folder).rules() == ["statistics-count"]


def test_configuration_inside_a_session_is_never_read(broken: Session) -> None:
    """A worker must not be able to switch the checks off beside its deliverable."""
    (broken.folder / ".worker-lint.toml").write_text('exclude = ["**"]\n')
    (broken.folder / "workers" / "pyproject.toml").write_text('[tool.worker-lint]\nignore = ["score-mismatch"]\n')
    assert sorted(lint_json(broken.folder).rules()) == ["score-mismatch", "statistics-count"]


def test_pyproject_without_the_table_is_passed_over(broken: Session) -> None:
    (broken.root / "Docs" / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    write_pyproject(broken, 'ignore = ["score-mismatch"]\n')
    assert lint_json(broken.folder).rules() == ["statistics-count"]


def test_config_option_overrides_discovery(broken: Session, tmp_path) -> None:
    write_pyproject(broken, 'ignore = ["score-mismatch"]\n')
    other = tmp_path / "other.toml"
    other.write_text('ignore = ["statistics-count"]\n')
    assert lint_json(broken.root, extra=("--config", str(other))).rules() == ["score-mismatch"]


def test_isolated_ignores_configuration(broken: Session) -> None:
    write_pyproject(broken, 'ignore = ["score-mismatch", "statistics-count"]\n')
    assert len(lint_json(broken.root, extra=("--isolated",)).findings) == 2


def test_severity_and_fail_level(broken: Session) -> None:
    write_pyproject(broken, '[tool.worker-lint.severity]\nscore-mismatch = "warning"\nstatistics-count = "info"\n')
    run = lint_json(broken.root)
    assert {f["rule"]: f["severity"] for f in run.findings} == {"score-mismatch": "warning", "statistics-count": "info"}
    assert run.exit_code == 0
    assert lint_json(broken.root, extra=("--fail-level", "warning")).exit_code == 1
    write_pyproject(broken, 'fail-level = "info"\n[tool.worker-lint.severity]\nscore-mismatch = "info"\nstatistics-count = "info"\n')
    assert lint_json(broken.root).exit_code == 1


def test_command_line_severity(broken: Session) -> None:
    run = lint_json(broken.root, extra=("--severity", "score-mismatch=warning", "--severity", "statistics-count=warning"))
    assert {f["severity"] for f in run.findings} == {"warning"}
    assert run.exit_code == 0


def test_per_file_ignores(broken: Session) -> None:
    write_pyproject(broken, '[tool.worker-lint.per-file-ignores]\n"**/workers/json/*.json" = ["statistics-count"]\n')
    assert lint_json(broken.root).rules() == ["score-mismatch"]


def test_per_file_ignores_by_name_and_on_the_command_line(broken: Session) -> None:
    run = lint_json(broken.root, extra=("--per-file-ignores", "backend_notes.md=score-mismatch"))
    assert run.rules() == ["statistics-count"]


def test_pointer_scoped_ignore_for_json(broken: Session) -> None:
    write_pyproject(broken, '[tool.worker-lint.per-file-ignores]\n"backend_output.json#/statistics" = ["statistics-count"]\n')
    assert lint_json(broken.root).rules() == ["score-mismatch"]
    write_pyproject(broken, '[tool.worker-lint.per-file-ignores]\n"backend_output.json#/scores" = ["statistics-count"]\n')
    assert sorted(lint_json(broken.root).rules()) == ["score-mismatch", "statistics-count"]


def test_exclude(broken: Session) -> None:
    write_pyproject(broken, 'exclude = ["Docs/hive-mind/sessions/2025-09-14-*"]\n')
    run = lint_json(broken.root)
    assert run.exit_code == 0 and run.report["summary"]["deliverables"] == 0
    assert "excluded" in run.stderr


def test_exclude_on_the_command_line(broken: Session) -> None:
    assert lint_json(broken.root, extra=("--exclude", "sessions")).report["summary"]["deliverables"] == 0


@pytest.mark.parametrize(
    "body,words",
    [
        ('selct = ["schema"]\n', "unknown setting 'tool.worker-lint.selct'; did you mean 'select'?"),
        ('select = ["score-mismatc"]\n', "unknown rule 'score-mismatc'; did you mean 'score-mismatch'?"),
        ('select = "schema"\n', "'tool.worker-lint.select' must be a list of rule names, found a string"),
        ('fail-level = "fatal"\n', "'tool.worker-lint.fail-level' must be one of 'error', 'warning', 'info'"),
        ('max-file-size = true\n', "must be a whole number of MiB"),
        ('exclude = "x"\n', "must be a list of glob patterns"),
        ('[tool.worker-lint.severity]\nschema = 3\n', "'tool.worker-lint.severity.schema' must be one of"),
        ('[tool.worker-lint.per-file-ignores]\n"*.md" = ["nope-rule"]\n', "unknown rule 'nope-rule'"),
        ("select = [\n", "not valid TOML"),
    ],
)
def test_bad_configuration_exits_2_naming_file_and_key(session: Session, body: str, words: str) -> None:
    write_pyproject(session, body)
    run = run_cli("check", str(session.root))
    assert run.exit_code == 2
    assert str(session.root / "pyproject.toml") in run.stderr
    assert words in run.stderr
    assert "Traceback" not in run.stderr


def test_bad_dot_file_key(session: Session) -> None:
    (session.root / ".worker-lint.toml").write_text("colour = true\n")
    run = run_cli("check", str(session.root))
    assert run.exit_code == 2 and "unknown setting 'colour'" in run.stderr


def test_missing_config_file(session: Session, tmp_path) -> None:
    run = run_cli("check", str(session.root), "--config", str(tmp_path / "none.toml"))
    assert run.exit_code == 2 and "no such configuration file" in run.stderr


@pytest.mark.parametrize(
    "args,words",
    [
        (("--severity", "schema"), "not RULE=LEVEL"),
        (("--severity", "schema=loud"), "must be one of"),
        (("--per-file-ignores", "*.md"), "not GLOB=RULE"),
        (("--ignore", "scheme"), "did you mean 'schema'"),
    ],
)
def test_bad_options_exit_2(session: Session, args, words: str) -> None:
    run = run_cli("check", str(session.root), *args)
    assert run.exit_code == 2 and words in run.stderr
