"""What a worker can plant in the project tree must not change how its deliverable is judged.

Each case is a defect an adversarial review reproduced: configuration reached
through a linked sessions folder, a project planted inside a session, a
configuration file far above the project, a suppression shown as an example.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLE, SESSION_ID, Session, run_cli

import lint

_WRONG_SCORE = ("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")


def test_configuration_in_a_session_is_ignored_when_the_sessions_folder_is_a_link(session: Session, tmp_path: Path) -> None:
    sessions = session.folder.parent
    store = tmp_path / "store"
    shutil.move(str(sessions), store)
    sessions.symlink_to(store, target_is_directory=True)
    linked = sessions / SESSION_ID
    (linked / ".worker-lint.toml").write_text('ignore = ["score-mismatch"]\n')
    (linked / "workers" / ".worker-lint.toml").write_text('ignore = ["score-mismatch"]\n')
    Session(session.root, linked).edit_notes(*_WRONG_SCORE)
    run = run_cli("check", str(linked), "--format", "json", "--follow-symlinks")
    assert run.exit_code == 1 and "score-mismatch" in run.rules()
    run = run_cli("check", str(linked / "workers" / "notes" / "backend_notes.md"), "--format", "json")
    assert run.exit_code == 1 and "score-mismatch" in run.rules()


def test_session_from_inside_a_session_never_picks_a_copy_planted_there(session: Session) -> None:
    session.edit_notes(*_WRONG_SCORE)
    planted = session.folder / "Docs" / "hive-mind" / "sessions" / SESSION_ID
    shutil.copytree(session.folder / "workers", planted / "workers")
    (planted / "workers" / "notes" / "backend_notes.md").write_text(session.notes.read_text().replace(_WRONG_SCORE[1], _WRONG_SCORE[0]))
    run = run_cli("check", "--session", SESSION_ID, "--format", "json", cwd=session.folder / "workers")
    assert run.exit_code == 1 and "score-mismatch" in run.rules()
    assert all("/Docs/hive-mind/sessions/" + SESSION_ID + "/Docs/" not in f["file"] for f in run.findings)


def test_the_harness_project_is_preferred_to_a_stray_claude_folder_below_it(session: Session) -> None:
    (session.root / ".claude").mkdir()
    stray = session.root / "src" / ".claude"
    stray.mkdir(parents=True)
    run = run_cli("check", "--session", SESSION_ID, cwd=session.root / "src")
    assert run.exit_code == 0, run.stderr


def test_configuration_is_not_looked_for_above_the_project(session: Session, tmp_path: Path) -> None:
    outer = tmp_path / ".worker-lint.toml"  # above the project root: someone else's folder
    outer.write_text('ignore = ["score-mismatch"]\n')
    session.edit_notes(*_WRONG_SCORE)
    assert lint.lint_project(session.root).findings[0].rule == "score-mismatch"
    run = run_cli("check", str(session.root), "--format", "json")
    assert run.exit_code == 1 and run.rules() == ["score-mismatch"]


def test_configuration_at_the_project_root_still_applies(session: Session) -> None:
    (session.root / ".worker-lint.toml").write_text('ignore = ["score-mismatch"]\n')
    session.edit_notes(*_WRONG_SCORE)
    assert run_cli("check", str(session.folder)).exit_code == 0


def test_a_suppression_shown_in_inline_code_silences_nothing() -> None:
    from conftest import EXAMPLE

    folder = EXAMPLE / "Docs" / "hive-mind" / "sessions" / SESSION_ID / "workers"
    notes = (folder / "notes" / "backend_notes.md").read_text(encoding="utf-8").replace(*_WRONG_SCORE)
    output = (folder / "json" / "backend_output.json").read_text(encoding="utf-8")
    example = notes.replace("## Executive Summary", "Write `<!-- worker-lint-disable-file -->` to silence a file.\n\n## Executive Summary", 1)
    result = lint.lint_contents("backend", notes=example, output=output, session_id=SESSION_ID)
    assert [f.rule for f in result.findings] == ["score-mismatch"]
    real = notes.replace("## Executive Summary", "<!-- worker-lint-disable-file score-mismatch -->\n\n## Executive Summary", 1)
    assert lint.lint_contents("backend", notes=real, output=output, session_id=SESSION_ID).findings == []


def test_an_exclude_glob_matches_where_a_deliverable_is_found_not_where_its_link_leads(session: Session) -> None:
    (session.root / ".worker-lint.toml").write_text('exclude = ["Docs/hive-mind/sessions/2024-*"]\n')
    gone = session.folder.parent / "2024-01-01-gone" / "workers" / "json" / "backend_output.json"
    session.output.unlink()
    session.output.symlink_to(Path("../../../2024-01-01-gone/workers/json/backend_output.json"))  # dangling
    run = run_cli("check", str(session.root), "--format", "json")
    assert not gone.exists()
    assert run.report["summary"]["deliverables"] == 1 and run.exit_code == 1
    assert "file-unreadable" in run.rules()


def test_output_never_follows_a_link_planted_where_the_report_goes(session: Session, tmp_path: Path) -> None:
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me\n")
    report = session.root / "report.json"
    report.symlink_to(outside)
    run = run_cli("check", str(session.root), "--format", "json", "--output", str(report))
    assert run.exit_code == 2 and "symbolic link" in run.stderr
    assert outside.read_text() == "keep me\n"


def test_output_never_writes_a_hard_link_to_a_deliverable_or_elsewhere(session: Session, tmp_path: Path) -> None:
    before = session.notes.read_bytes()
    alias = session.root / "report.txt"
    alias.hardlink_to(session.notes)
    run = run_cli("check", str(session.root), "--output", str(alias))
    assert run.exit_code == 2 and session.notes.read_bytes() == before
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me\n")
    other = session.root / "report2.txt"
    other.hardlink_to(outside)
    run = run_cli("check", str(session.root), "--output", str(other))
    assert run.exit_code == 2 and "hard link" in run.stderr and outside.read_text() == "keep me\n"


def test_an_event_log_that_is_a_hard_link_receives_nothing(session: Session, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.jsonl"
    outside.write_text("")
    events = session.folder / "EVENTS.jsonl"
    events.unlink()
    events.hardlink_to(outside)
    run = run_cli("check", str(session.root), "--log-event")
    assert run.exit_code == 2 and "hard link" in run.stderr
    assert outside.read_text() == ""


def test_a_folder_tree_thousands_deep_is_searched_without_recursion(session: Session, tmp_path: Path) -> None:
    import os

    top = tmp_path / "deep"
    top.mkdir()
    fd = os.open(top, os.O_RDONLY)
    try:
        for _ in range(1100):  # made relative to a descriptor: no path this long is ever spelt out
            os.mkdir("d", dir_fd=fd)
            inner = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
    finally:
        os.close(fd)
    bottom = top / Path(*["d"] * 1100)
    shutil.copytree(session.folder, bottom / "session")
    try:
        run = run_cli("check", str(top), "--format", "json")
        assert run.exit_code == 0, run.stderr
        assert run.report["summary"]["deliverables"] == 1
    finally:  # removed bottom up here: a recursive removal (pytest's own) would not get through it
        shutil.rmtree(bottom / "session")
        for folder in [bottom, *bottom.parents][:1100]:
            folder.rmdir()


def _harness_templates(session: Session) -> Path:
    folder = session.root / ".claude" / "agents" / "pydantic_ai" / "backend" / "templates"
    folder.mkdir(parents=True)
    return folder


def test_a_deeply_nested_template_is_no_template_not_a_crash(session: Session) -> None:
    folder = _harness_templates(session)
    (folder / "backend_output_template.json").write_text("[" * 100_000 + "]" * 100_000)
    run = run_cli("check", str(session.root), "--format", "json", "--no-cache")
    assert run.exit_code == 0 and run.findings == []


def test_a_template_that_is_a_pipe_never_hangs_the_run(session: Session) -> None:
    import os
    import subprocess
    import sys

    folder = _harness_templates(session)
    os.mkfifo(folder / "backend_output_template.json")
    run = subprocess.run([sys.executable, "-m", "lint", "check", str(session.root), "--no-cache"], capture_output=True, timeout=120)
    assert run.returncode == 0, run.stderr


def test_configuration_in_the_harness_data_folder_is_never_read(session: Session) -> None:
    session.edit_notes(*_WRONG_SCORE)
    for folder in (session.root / "Docs" / "hive-mind", session.folder.parent):
        (folder / ".worker-lint.toml").write_text('select = ["json-duplicate-key"]\n')
    run = run_cli("check", "--session", SESSION_ID, "--worker", "backend", "--format", "json", cwd=session.root)
    assert run.exit_code == 1 and run.rules() == ["score-mismatch"]


def test_a_deeply_nested_or_piped_configuration_is_a_clear_stop(session: Session) -> None:
    import os
    import subprocess
    import sys

    config = session.root / ".worker-lint.toml"
    config.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    run = run_cli("check", str(session.root))
    assert run.exit_code == 2 and "nested too deeply" in run.stderr
    config.unlink()
    os.mkfifo(config)
    done = subprocess.run([sys.executable, "-m", "lint", "check", str(session.root)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0  # a pipe is no configuration file: passed over, never waited on


def test_a_notes_folder_linked_out_of_the_tree_is_reported_never_listed(session: Session, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "backend_notes.md").write_text(session.notes.read_text(encoding="utf-8"))
    (outside / "private-plans.txt").write_text("x\n")
    notes = session.folder / "workers" / "notes"
    shutil.rmtree(notes)
    notes.symlink_to(outside, target_is_directory=True)
    run = run_cli("check", str(session.root), "--format", "json")
    assert run.exit_code == 1 and "file-unreadable" in run.rules()
    assert "private-plans" not in run.stdout + run.stderr


def test_a_harness_layout_planted_below_the_project_is_not_taken_for_it(session: Session) -> None:
    (session.root / ".claude").mkdir()
    session.edit_notes(*_WRONG_SCORE)
    decoy = session.root / "src"
    (decoy / ".claude").mkdir(parents=True)
    shutil.copytree(session.folder, decoy / "Docs" / "hive-mind" / "sessions" / SESSION_ID)
    (decoy / "Docs" / "hive-mind" / "sessions" / SESSION_ID / "workers" / "notes" / "backend_notes.md").write_text(
        session.notes.read_text().replace(_WRONG_SCORE[1], _WRONG_SCORE[0]))
    # Run from the project root, or from any folder of it outside the decoy, the project's own session is linted.
    (session.root / "docs-site").mkdir()
    for cwd in (session.root, session.root / "docs-site"):
        run = run_cli("check", "--session", SESSION_ID, "--worker", "backend", "--format", "json", "--isolated", cwd=cwd)
        assert run.exit_code == 1 and run.rules() == ["score-mismatch"]
        with contextlib.chdir(cwd):
            assert not lint.lint_deliverable(SESSION_ID, "backend", settings=lint.Settings()).passed


def test_the_innermost_harness_project_is_the_one_the_harness_uses(session: Session, tmp_path: Path) -> None:
    """As the harness finds its project: the first folder upward with Docs/hive-mind and .claude,
    so a home folder (or an outer checkout) with the harness installed does not hide it."""
    (session.root / ".claude").mkdir()
    (tmp_path / ".claude").mkdir()
    (tmp_path / "Docs" / "hive-mind" / "sessions").mkdir(parents=True)
    session.edit_notes(*_WRONG_SCORE)
    run = run_cli("check", "--session", SESSION_ID, "--format", "json", "--isolated", cwd=session.root)
    assert run.exit_code == 1 and run.rules() == ["score-mismatch"]


def test_a_project_without_the_harness_installed_is_found_past_a_stray_claude_folder(session: Session) -> None:
    stray = session.root / "src"
    (stray / ".claude").mkdir(parents=True)
    session.edit_notes(*_WRONG_SCORE)
    run = run_cli("check", "--session", SESSION_ID, "--format", "json", "--isolated", cwd=stray)
    assert run.exit_code == 1 and run.rules() == ["score-mismatch"]


def _sessions_linked_elsewhere(session: Session, tmp_path: Path) -> Path:
    """The project's sessions folder moved to another folder of the project and linked back;
    the session's real folder is returned."""
    store = session.root / "store"
    store.mkdir()
    sessions = session.root / "Docs" / "hive-mind" / "sessions"
    sessions.rename(store / "sess")
    sessions.symlink_to(store / "sess", target_is_directory=True)
    return store / "sess" / SESSION_ID


@pytest.mark.parametrize("shell_pwd", [True, False], ids=["pwd-names-the-link", "physical-folder-only"])
def test_a_configuration_planted_in_a_session_reached_through_a_linked_sessions_folder_is_never_read(
        session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shell_pwd: bool) -> None:
    session.edit_output('"total_api_endpoints": 4', '"total_api_endpoints": 9')
    real = _sessions_linked_elsewhere(session, tmp_path)
    (real / ".worker-lint.toml").write_text('ignore = ["statistics-count"]\n')
    monkeypatch.chdir(real)
    monkeypatch.setenv("PWD", str(session.folder) if shell_pwd else str(real))
    run = run_cli("check", ".", "--no-cache", "--format", "json", cwd=real)
    assert run.exit_code == 1 and run.rules() == ["statistics-count"]


def test_session_id_from_inside_a_session_reached_through_a_link_finds_the_project(
        session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    session.edit_output('"total_api_endpoints": 4', '"total_api_endpoints": 9')
    real = _sessions_linked_elsewhere(session, tmp_path)
    planted = real / "Docs" / "hive-mind" / "sessions" / SESSION_ID
    shutil.copytree(EXAMPLE / "Docs" / "hive-mind" / "sessions" / SESSION_ID, planted)  # a clean copy
    monkeypatch.chdir(real)
    monkeypatch.setenv("PWD", str(session.folder))  # as a shell that went through the link keeps it
    run = run_cli("check", "--session", SESSION_ID, "--isolated", "--no-cache", "--format", "json", cwd=real)
    assert run.exit_code == 1 and run.rules() == ["statistics-count"]
    monkeypatch.setenv("PWD", str(real))  # only the physical folder known: the planted copy is still never taken
    run = run_cli("check", "--session", SESSION_ID, "--isolated", "--no-cache", "--format", "json", cwd=real)
    assert run.exit_code == 1 and run.rules() == ["statistics-count"]  # the project, found above the store


def test_session_id_from_a_session_outside_any_project_never_takes_a_copy_planted_in_it(
        session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(EXAMPLE / "Docs" / "hive-mind" / "sessions" / SESSION_ID, tmp_path / "lone" / SESSION_ID)
    real = tmp_path / "lone" / SESSION_ID  # a session folder with no project around it
    shutil.copytree(EXAMPLE / "Docs" / "hive-mind" / "sessions" / SESSION_ID, real / "Docs" / "hive-mind" / "sessions" / SESSION_ID)
    monkeypatch.chdir(real)
    monkeypatch.setenv("PWD", str(real))
    run = run_cli("check", "--session", SESSION_ID, "--isolated", "--no-cache", "--format", "json", cwd=real)
    assert run.exit_code == 2 and "no project root" in run.stderr


def test_output_never_goes_through_a_link_in_the_linted_folder(session: Session, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (session.root / "reports").symlink_to(outside, target_is_directory=True)
    run = run_cli("check", ".", "--isolated", "--no-cache", "--format", "sarif", "--output", "reports/worker-lint.sarif", cwd=session.root)
    assert run.exit_code == 2
    assert "--output leads through" in run.stderr and "a symbolic link in the folder being linted" in run.stderr
    assert list(outside.iterdir()) == []


def test_output_may_go_through_a_link_of_the_callers_own(session: Session, tmp_path: Path) -> None:
    """A link outside the linted folder is the caller's (trusted), as on any system with a linked home."""
    real = tmp_path / "real-reports"
    real.mkdir()
    (tmp_path / "reports").symlink_to(real, target_is_directory=True)
    run = run_cli("check", str(session.root), "--isolated", "--no-cache", "--format", "json", "--output", str(tmp_path / "reports" / "r.json"))
    assert run.exit_code == 0, run.stderr
    assert (real / "r.json").is_file()


def test_output_folder_swapped_during_the_run_is_not_written(session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import lint.cli.output as output

    reports = session.root / "reports"
    reports.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    real_emit = output.emit

    def swapped_then_emitted(*args, **kwargs):
        reports.rename(session.root / "reports.real")
        reports.symlink_to(outside, target_is_directory=True)
        return real_emit(*args, **kwargs)

    monkeypatch.setattr(output, "emit", swapped_then_emitted)
    run = run_cli("check", ".", "--isolated", "--no-cache", "--output", "reports/report.txt", cwd=session.root)
    assert run.exit_code == 2 and "its folder was replaced" in run.stderr
    assert list(outside.iterdir()) == [] and list((session.root / "reports.real").iterdir()) == []


def test_an_exclude_glob_never_matches_where_a_linked_folder_leads(session: Session) -> None:
    """The session's json folder is a link into an excluded session: the file is found in the session linted."""
    session.edit_output('"total_api_endpoints": 4', '"total_api_endpoints": 9')
    sessions = session.folder.parent
    old = sessions / "2024-01-01-old" / "workers"
    old.mkdir(parents=True)
    session.output.parent.rename(old / "json")
    session.output.parent.symlink_to(Path("..") / ".." / "2024-01-01-old" / "workers" / "json", target_is_directory=True)
    for args in (["--session", SESSION_ID], ["."]):
        run = run_cli("check", *args, "--isolated", "--no-cache", "--format", "json", "--exclude", "/Docs/hive-mind/sessions/2024-*",
                      cwd=session.root)
        assert run.exit_code == 1 and "statistics-count" in run.rules(), (args, run.stderr)


def test_a_workers_folder_added_to_the_project_root_never_lets_a_configuration_above_apply(session: Session, tmp_path: Path) -> None:
    """An empty workers/notes at the project root makes it look like a session: no configuration
    is read there, and the search goes no higher (a file above the project never applies);
    --session is refused rather than run on a project it cannot trust."""
    session.edit_output('"total_api_endpoints": 4', '"total_api_endpoints": 9')
    (session.root / ".claude").mkdir()
    (tmp_path / ".worker-lint.toml").write_text('ignore = ["statistics-count"]\n')  # above the project: someone else's
    (session.root / "workers" / "notes").mkdir(parents=True)
    run = run_cli("check", ".", "--no-cache", "--format", "json", cwd=session.root)
    assert run.exit_code == 1 and "statistics-count" in run.rules(), run.stderr
    run = run_cli("check", "--session", SESSION_ID, "--no-cache", "--format", "json", cwd=session.root)
    assert run.exit_code in (1, 2) and run.exit_code != 0


def test_a_repository_marker_planted_in_a_session_does_not_hide_the_projects_configuration(session: Session) -> None:
    session.edit_notes(*_WRONG_SCORE)
    (session.root / ".worker-lint.toml").write_text('[severity]\nscore-mismatch = "warning"\n')
    (session.folder / ".git").mkdir()
    run = run_cli("check", ".", "--no-cache", "--format", "json", cwd=session.folder)
    assert [f["severity"] for f in run.findings] == ["warning"]  # the project's configuration applied


def test_output_never_goes_through_a_link_in_the_tree_even_when_links_are_followed(session: Session, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (session.root / "out").symlink_to(outside, target_is_directory=True)
    run = run_cli("check", ".", "--isolated", "--no-cache", "--follow-symlinks", "--output", "out/r.txt", cwd=session.root)
    assert run.exit_code == 2 and list(outside.iterdir()) == []


def test_output_named_from_a_logical_current_folder_is_written(session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The current folder reached through a link: '..' is the folder as the shell named it."""
    (tmp_path / "lnk").symlink_to(session.root / "Docs", target_is_directory=True)
    monkeypatch.chdir(tmp_path / "lnk")
    monkeypatch.setenv("PWD", str(tmp_path / "lnk"))
    run = run_cli("check", "hive-mind", "--isolated", "--no-cache", "--output", "../r.txt", cwd=tmp_path / "lnk")
    assert run.exit_code == 0, run.stderr
    assert (tmp_path / "r.txt").is_file()
