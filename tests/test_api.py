"""The public API, and the README's drop-in for the harness's validation phase."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SESSION_ID, Session, check_worker_output, harness_objects, run_cli

import lint

README = ROOT / "README.md"


# The harness, as far as the drop-in meets it: a base class with the worker's type, and a
# WorkerOutput model that accepts exactly its own shape (the test schema stands in for pydantic).


class WorkerOutput:
    def __init__(self, **fields) -> None:
        self.fields = check_worker_output(fields)


class BaseWorker:
    worker_type = "backend-worker"

    def run_output_phase(self, session_id: str) -> WorkerOutput:  # the harness's own: files exist, nothing more
        raise NotImplementedError


def _drop_in_source() -> str:
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- harness-drop-in:start -->\n```python\n(.*?)```\n<!-- harness-drop-in:end -->", text, re.S)
    assert block, "the README's harness drop-in is missing"
    return block.group(1)


def _drop_in_worker():
    namespace = {"BaseWorker": BaseWorker, "WorkerOutput": WorkerOutput}
    exec(compile(_drop_in_source(), str(README), "exec"), namespace)
    return namespace["LintedWorker"]()


def test_the_drop_in_is_about_ten_lines() -> None:
    code = [line for line in _drop_in_source().splitlines() if line.strip() and not line.strip().startswith("#")]
    assert len(code) <= 12


def test_the_drop_in_validates_logs_and_returns_the_output(session: Session) -> None:
    events = session.folder / "EVENTS.jsonl"
    before = events.read_bytes()
    session.edit_notes("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")
    with contextlib.chdir(session.root / "Docs"):  # the harness runs from inside the project
        output = _drop_in_worker().run_output_phase(SESSION_ID).fields
    assert output["worker"] == "backend-worker" and output["session_id"] == SESSION_ID
    assert output["status"] == "failed" and any("score-mismatch" in line for line in output["summary"]["critical_issues"])
    assert output["notes_markdown"] == session.notes.read_text(encoding="utf-8")
    added = events.read_bytes()[len(before):].decode().splitlines()
    assert len(added) == 1 and json.loads(added[0])["details"]["passed"] is False


def test_the_drop_in_ignores_configuration_a_worker_wrote(session: Session) -> None:
    session.edit_notes("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")
    (session.root / ".worker-lint.toml").write_text('ignore = ["score-mismatch"]\n')
    (session.root / "pyproject.toml").write_text('[tool.worker-lint]\nfail-level = "info"\nignore = ["score-mismatch"]\n')
    session.edit_notes("## Executive Summary", "<!-- worker-lint-disable-file score-mismatch -->\n\n## Executive Summary")
    with contextlib.chdir(session.root):
        output = _drop_in_worker().run_output_phase(SESSION_ID).fields
    assert output["status"] == "failed"
    assert any("score-mismatch" in line for line in output["summary"]["critical_issues"])
    # The command line, by contrast, reads the project's configuration: that is why the gate does not.
    assert run_cli("check", str(session.root)).exit_code == 0


def test_the_drop_in_fails_a_missing_deliverable_without_raising(session: Session) -> None:
    session.output.unlink()
    with contextlib.chdir(session.root):
        output = _drop_in_worker().run_output_phase(SESSION_ID).fields
    assert output["status"] == "failed" and output["metrics"]["items_analyzed"] == 1
    assert any("deliverable-missing" in line for line in output["summary"]["critical_issues"])


def test_the_recommended_command_ignores_a_root_configuration(session: Session) -> None:
    session.edit_notes("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")
    (session.root / ".worker-lint.toml").write_text('ignore = ["score-mismatch"]\n')
    command = re.search(r"^worker-lint (check --session .*)$", README.read_text(encoding="utf-8"), re.M).group(1)
    args = command.replace('"$SESSION_ID"', SESSION_ID).split()
    run = run_cli(*args, cwd=session.root)
    assert run.exit_code == 1
    [data] = harness_objects(run.stdout)
    assert data["status"] == "failed"


def test_the_api_reads_configuration_as_the_command_line_does(session: Session) -> None:
    session.edit_notes("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")
    (session.root / "pyproject.toml").write_text('[tool.worker-lint]\nignore = ["score-mismatch"]\n')
    assert lint.lint_project(session.root).passed
    assert not lint.lint_project(session.root, isolated=True).passed
    assert not lint.lint_project(session.root, settings=lint.Settings()).passed
    other = session.root.parent / "ci.toml"
    other.write_text('fail-level = "info"\n')
    assert lint.lint_project(session.root, config=other).findings[0].rule == "score-mismatch"


def test_api_and_command_line_give_the_same_findings(session: Session) -> None:
    session.edit_notes("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")
    session.edit_output('"total_api_endpoints": 4', '"total_api_endpoints": 5')
    report = json.loads(run_cli("check", str(session.root), "--format", "json", "--no-cache").stdout)
    result = lint.lint_project(session.root)
    assert [(f.rule, f.line, f.column, f.pointer) for f in result.findings] == [
        (f["rule"], f["line"], f["column"], f["pointer"]) for f in report["findings"]
    ]
    assert result.score == report["summary"]["score"] and result.passed == report["summary"]["passed"]


def test_session_by_id_or_folder_and_one_deliverable(session: Session) -> None:
    by_id = lint.lint_session(SESSION_ID, project=session.root)
    by_folder = lint.lint_session(session.folder)
    assert [d.unit.worker for d in by_id.deliverables] == [d.unit.worker for d in by_folder.deliverables] == ["backend"]
    one = lint.lint_deliverable(session.folder, "backend")
    assert one.passed and one.to_worker_output()["status"] == "completed"


def test_lint_contents_reads_nothing_but_the_given_text(session: Session) -> None:
    notes = session.notes.read_text(encoding="utf-8")
    output = session.output.read_text(encoding="utf-8")
    clean = lint.lint_contents("backend", notes=notes, output=output, session_id=SESSION_ID)
    assert clean.passed and clean.findings == []
    broken = lint.lint_contents("backend", notes=notes.replace("**API Design Score**: 6.5/10", "**API Design Score**: 7/10"),
                                output=output, session_id=SESSION_ID)
    assert [f.rule for f in broken.findings] == ["score-mismatch"]
    only_json = lint.lint_contents("backend", output=output)
    assert "deliverable-missing" in {f.rule for f in only_json.findings} and not only_json.passed


def test_usage_errors_are_one_exception_with_the_command_lines_message(tmp_path: Path) -> None:
    with pytest.raises(lint.UsageError, match="no such file or folder"):
        lint.lint_paths([tmp_path / "absent"])
    with pytest.raises(lint.UsageError, match="unknown worker 'nobody'"):
        lint.lint_contents("nobody", notes="# x\n")
    bad = tmp_path / "bad.toml"
    bad.write_text('ignore = ["no-such-rule"]\n')
    with pytest.raises(lint.UsageError, match="unknown rule 'no-such-rule'"):
        lint.lint_paths([tmp_path], config=bad)


def test_a_result_of_several_deliverables_gives_one_output_each(session: Session, session_factory) -> None:
    other = session_factory()
    result = lint.lint_paths([session.root, other.root])
    with pytest.raises(ValueError, match="2 deliverables"):
        result.to_worker_output()
    for deliverable in result.deliverables:
        check_worker_output(deliverable.to_worker_output())


def test_importing_lint_costs_nothing_until_a_name_is_used() -> None:
    code = "import sys, lint; print(sorted(m for m in sys.modules if m.startswith('lint')))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "['lint']"
    assert set(lint.__all__) <= set(dir(lint))
    for name in lint.__all__:
        assert getattr(lint, name) is not None


def _decoy(session: Session, where: Path) -> None:
    """A clean copy of the deliverable, planted where a careless lookup might take it for the session."""
    shutil.copytree(session.folder / "workers", where / "workers")


def test_a_session_id_is_looked_up_in_the_project_never_in_the_current_folder(session: Session) -> None:
    session.edit_notes("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")
    _decoy(session, session.root / SESSION_ID)  # a folder named like the session, beside the project's Docs
    (session.root / SESSION_ID / "workers" / "notes" / "backend_notes.md").write_text(
        (session.root / SESSION_ID / "workers" / "notes" / "backend_notes.md").read_text().replace("7/10", "6.5/10"))
    with contextlib.chdir(session.root):
        result = lint.lint_deliverable(SESSION_ID, "backend", settings=lint.Settings())
        output = _drop_in_worker().run_output_phase(SESSION_ID).fields
    assert not result.passed and result.deliverables[0].unit.session_dir == session.root / "Docs" / "hive-mind" / "sessions" / SESSION_ID
    assert output["status"] == "failed" and output["session_id"] == SESSION_ID


@pytest.mark.parametrize("how", ["api", "command"])
def test_a_session_lints_only_its_own_workers_folders(session: Session, how: str) -> None:
    _decoy(session, session.folder / "scratch" / "x")  # a clean pair hidden below the session, whose own are gone
    shutil.rmtree(session.folder / "workers")
    if how == "api":
        result = lint.lint_session(SESSION_ID, project=session.root, worker="backend", settings=lint.Settings())
        assert not result.passed and {f.rule for f in result.findings} == {"deliverable-missing"}
    else:
        run = run_cli("check", "--session", SESSION_ID, "--worker", "backend", "--format", "harness", "--isolated", cwd=session.root)
        [data] = harness_objects(run.stdout)
        assert run.exit_code == 1 and data["status"] == "failed" and data["session_id"] == SESSION_ID


def test_contents_in_memory_never_touch_the_disk_even_for_their_output(tmp_path: Path) -> None:
    planted = tmp_path / "<memory>" / "Docs" / "hive-mind" / "sessions" / "in-memory" / "workers" / "notes"
    planted.mkdir(parents=True)
    (planted / "backend_notes.md").symlink_to("/etc/passwd")
    with contextlib.chdir(tmp_path):
        result = lint.lint_contents("backend", notes="# mine\n", output="{}")
        output = check_worker_output(result.to_worker_output())
        with pytest.raises(lint.NotLogged, match="in memory"):
            lint.log_event(result.deliverables[0])
    assert output["notes_markdown"] == "# mine\n" and output["metrics"]["items_analyzed"] == 2
    assert not (planted.parent / "EVENTS.jsonl").exists()


def test_notes_linked_elsewhere_in_the_project_are_never_copied_into_the_output(session: Session) -> None:
    secret = session.root / ".env"
    secret.write_text("SECRET_KEY=hunter2\n")
    session.notes.unlink()
    session.notes.symlink_to(Path("../../../../../../.env"))
    result = lint.lint_project(session.root)
    [output] = [d.to_worker_output() for d in result.deliverables]
    assert "hunter2" not in json.dumps(output)
    run = run_cli("check", str(session.root), "--format", "harness", cwd=session.root)
    assert "hunter2" not in run.stdout


def test_both_outputs_of_a_deliverable_agree_but_for_the_time(session: Session) -> None:
    session.edit_notes("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")
    [printed] = harness_objects(run_cli("check", str(session.root), "--format", "harness", cwd=session.root).stdout)
    returned = lint.lint_project(session.root).to_worker_output()
    printed.pop("timestamp"), returned.pop("timestamp")
    assert printed == returned
    assert all(Path(f["file"]).is_absolute() for f in returned["analysis"]["findings"])


def test_a_broken_event_log_is_one_exception_the_drop_in_can_pass_over(session: Session) -> None:
    events = session.folder / "EVENTS.jsonl"
    events.unlink()
    events.mkdir()  # a folder where the log belongs
    result = lint.lint_deliverable(session.folder, "backend")
    with pytest.raises(lint.LogUnwritable, match="cannot append the event"):
        lint.log_event(result.deliverables[0])
    with contextlib.chdir(session.root):
        assert _drop_in_worker().run_output_phase(SESSION_ID).fields["status"] == "completed"


def test_the_api_refuses_what_it_cannot_do_plainly(session: Session, tmp_path: Path) -> None:
    assert lint.lint_paths(str(session.root)).passed  # one path, not its characters
    with pytest.raises(lint.UsageError, match="settings= or config="):
        lint.lint_project(session.root, settings=lint.Settings(), config=tmp_path / "x.toml")
    with pytest.raises(TypeError, match="notes must be str, bytes or None"):
        lint.lint_contents("backend", notes=123)
    with pytest.raises(ValueError, match="jobs"):
        lint.lint_project(session.root, jobs=0)


def test_notes_that_are_a_hard_link_are_never_quoted_whole(session: Session) -> None:
    secret = session.root / ".env"
    secret.write_text(session.notes.read_text(encoding="utf-8") + "\nSECRET_KEY=hunter2\n")
    session.notes.unlink()
    session.notes.hardlink_to(secret)
    output = lint.lint_deliverable(session.folder, "backend").to_worker_output()
    assert output["notes_markdown"] == ""


def test_notes_are_quoted_only_as_they_were_linted(session: Session, tmp_path: Path) -> None:
    result = lint.lint_deliverable(session.folder, "backend")
    session.edit_notes("## Executive Summary", "## Executive Summary\n\nAdded after the lint.")
    assert result.to_worker_output()["notes_markdown"] == ""  # the bytes on disk are no longer those linted
    cache = tmp_path / "cache"
    lint.lint_project(session.root, cache_dir=cache)
    cached = lint.lint_project(session.root, cache_dir=cache).deliverables[0]
    assert cached.to_worker_output()["notes_markdown"] == session.notes.read_text(encoding="utf-8")


def test_contents_in_memory_meet_the_size_limit_and_no_templates_on_disk(session: Session, tmp_path: Path) -> None:
    notes = session.notes.read_text(encoding="utf-8")
    output = session.output.read_text(encoding="utf-8")
    big = lint.lint_contents("backend", notes=notes + "x" * (1024 * 1024), output=output, settings=lint.Settings(max_file_size=1))
    assert "file-unreadable" in {f.rule for f in big.findings}
    planted = tmp_path / "<memory>" / ".claude" / "agents" / "pydantic_ai" / "backend" / "templates"
    planted.mkdir(parents=True)
    (planted / "backend_output_template.json").write_text(output)
    with contextlib.chdir(tmp_path):
        result = lint.lint_contents("backend", notes=notes, output=output, session_id=SESSION_ID)
    assert result.findings == []


def test_both_outputs_quote_notes_up_to_the_runs_own_size_limit(session: Session) -> None:
    session.edit_notes("## Executive Summary", "<!-- " + "x" * (11 * 1024 * 1024) + " -->\n\n## Executive Summary")
    settings = lint.Settings(max_file_size=20)
    returned = lint.lint_deliverable(session.folder, "backend", settings=settings).to_worker_output()
    [printed] = harness_objects(run_cli("check", str(session.folder), "--format", "harness", "--max-file-size", "20", "--no-cache").stdout)
    assert len(returned["notes_markdown"]) == len(printed["notes_markdown"]) > 11 * 1024 * 1024
