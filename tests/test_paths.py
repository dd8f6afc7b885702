"""Paths and what is read: symbolic links out of the linted folder, link loops,
what the output may quote, and configuration and packs as data only."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, SESSION_ID, Session, harness_objects, lint_json, run_cli
from lint.reporters import FORMATS

RELATIVE = "See app/relative.py:3 for the handler.\n"  # an absolute-path finding, when read
ADD_AFTER = "## Critical Issues Found\n"


def move_out(path: Path, outside: Path) -> Path:
    """Move ``path`` to ``outside`` and leave a link to it in its place."""
    outside.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(path, outside)
    path.symlink_to(outside)
    return outside


def lint_subprocess(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lint", "check", *args], capture_output=True, text=True, timeout=60, cwd=cwd)


# Symbolic links ------------------------------------------------------------


def test_a_linked_deliverable_outside_is_reported_not_read(session: Session, tmp_path: Path) -> None:
    session.edit_notes(ADD_AFTER, ADD_AFTER + RELATIVE)
    target = move_out(session.notes, tmp_path / "outside" / "backend_notes.md")
    run = lint_json(session.root)
    assert run.exit_code == 1
    [finding] = run.findings
    assert finding["rule"] == "file-unreadable" and finding["file"] == str(session.notes)
    assert finding["message"] == f"a symbolic link leads out of {session.root}, to {target}; the file is not read"
    assert "--follow-symlinks (follow-symlinks in the configuration)" in finding["hint"]
    assert "relative.py" not in run.stdout
    assert lint_json(session.root, extra=("--follow-symlinks",)).rules() == ["absolute-path"]  # read when asked
    (session.root / ".worker-lint.toml").write_text("follow-symlinks = true\n")
    assert lint_json(session.root).rules() == ["absolute-path"]


def test_a_linked_session_outside_is_reported_not_read_and_logs_nothing(session: Session, tmp_path: Path) -> None:
    session.edit_notes(ADD_AFTER, ADD_AFTER + RELATIVE)
    outside = move_out(session.folder, tmp_path / "elsewhere" / SESSION_ID)
    events = outside / "EVENTS.jsonl"
    before = events.read_bytes()
    run = lint_json(session.root, extra=("--log-event",))
    assert run.exit_code == 1
    assert sorted((f["rule"], Path(f["file"]).name) for f in run.findings) == [
        ("file-unreadable", "backend_notes.md"), ("file-unreadable", "backend_output.json")]
    assert all(f["file"].startswith(str(session.folder)) for f in run.findings)  # named where the link is
    assert "no event logged" in run.stderr and "link out of" in run.stderr
    assert events.read_bytes() == before
    followed = lint_json(session.root, extra=("--follow-symlinks", "--log-event"))
    assert followed.rules() == ["absolute-path"]
    assert events.read_bytes().startswith(before) and len(events.read_bytes()) > len(before)


def test_a_linked_project_outside_found_in_a_search_is_reported(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    shutil.copytree(FIXTURES / "example", tmp_path / "outside-project")
    (tree / "linked").symlink_to(tmp_path / "outside-project")
    shutil.copytree(FIXTURES / "example", tree / "real")
    run = lint_json(tree)
    assert run.report["summary"]["deliverables"] == 2
    assert sorted(Path(f["file"]).name for f in run.findings) == ["backend_notes.md", "backend_output.json"]
    assert all(f["rule"] == "file-unreadable" and "/linked/" in f["file"] for f in run.findings)
    assert lint_json(tree, extra=("--follow-symlinks",)).findings == []


def test_a_linked_folder_outside_is_not_searched_and_says_so(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(FIXTURES / "example", tree / "real")
    shutil.copytree(FIXTURES / "example", tmp_path / "archive" / "2024" / "project")
    (tree / "archive").symlink_to(tmp_path / "archive")
    run = lint_json(tree)
    assert run.exit_code == 0 and run.report["summary"]["deliverables"] == 1
    assert f"worker-lint: warning: {tree / 'archive'}: a link to {tmp_path / 'archive'}, outside {tree}; not searched" in run.stderr
    assert "--follow-symlinks" in run.stderr
    followed = lint_json(tree, extra=("--follow-symlinks",))
    assert followed.report["summary"]["deliverables"] == 2 and "warning" not in followed.stderr


def test_links_inside_the_folder_are_read(session: Session) -> None:
    session.edit_notes(ADD_AFTER, ADD_AFTER + RELATIVE)
    drafts = session.root / "drafts" / "backend_notes.md"
    drafts.parent.mkdir()
    shutil.move(session.notes, drafts)
    session.notes.symlink_to(Path("../../../../../../drafts/backend_notes.md"))  # relative, inside the project
    sessions = session.folder.parent
    (sessions / "alias").symlink_to(session.folder.name)  # the same session under a second name
    run = lint_json(session.root)
    assert run.rules() == ["absolute-path"] and run.report["summary"]["deliverables"] == 1


@pytest.mark.parametrize("follow", [False, True], ids=["default", "follow-symlinks"])
def test_a_link_loop_is_not_an_infinite_walk(tmp_path: Path, follow: bool) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(FIXTURES / "example", tree / "projects" / "one")
    (tree / "projects" / "up").symlink_to("..")  # a folder link pointing at its own parent
    (tree / "projects" / "one" / "back").symlink_to(tree)  # and at the top, absolutely
    (tree / "self").symlink_to("self")  # a link to itself
    sessions = tree / "projects" / "one" / "Docs" / "hive-mind" / "sessions"
    (sessions / "loop").symlink_to("..")
    result = lint_subprocess(str(tree), "--format", "json", *(["--follow-symlinks"] if follow else []))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["deliverables"] == 1


def test_a_file_named_on_the_command_line_is_read_as_named(session: Session, tmp_path: Path) -> None:
    session.edit_notes(ADD_AFTER, ADD_AFTER + RELATIVE)
    move_out(session.notes, tmp_path / "outside" / "backend_notes.md")
    assert lint_json(session.notes).rules() == ["absolute-path"]
    # Its partner is not named: a link out of its session is reported, not read.
    move_out(session.output, tmp_path / "outside" / "backend_output.json")
    run = lint_json(session.notes)
    assert sorted(run.rules()) == ["absolute-path", "file-unreadable"]
    assert next(f for f in run.findings if f["rule"] == "file-unreadable")["file"] == str(session.output)


def test_a_folder_named_on_the_command_line_may_itself_be_a_link(session: Session, tmp_path: Path) -> None:
    link = tmp_path / "shortcut"
    link.symlink_to(session.folder)
    run = lint_json(link)
    assert run.exit_code == 0 and run.findings == [] and run.report["summary"]["deliverables"] == 1


def test_follow_symlinks_setting_must_be_a_boolean(session: Session) -> None:
    (session.root / ".worker-lint.toml").write_text('follow-symlinks = "yes"\n')
    run = run_cli("check", str(session.root))
    assert run.exit_code == 2 and "setting 'follow-symlinks' must be true or false, found a string ('yes')" in run.stderr


# What the output may quote -------------------------------------------------

SECRET = "SECRET-7f3a9c"


@pytest.mark.parametrize("args", [("--format", name) for name in FORMATS] + [("--diff",)], ids=[*FORMATS, "diff"])
def test_output_quotes_no_line_without_a_finding(session: Session, args: tuple[str, ...]) -> None:
    session.edit_notes(ADD_AFTER, ADD_AFTER + f"Token {SECRET} kept for the audit.\n\n```text\n{SECRET}\n```\n\n<!-- {SECRET} -->\n\n"
                       + RELATIVE)
    session.edit_notes("## Implementation Planning\n", f"## Implementation Planning\n{SECRET} in prose, far from any finding.\n\n")
    session.edit_output('"analysis_duration": "52 minutes"', f'"analysis_duration": "52 minutes {SECRET}"')
    session.edit_output('"total_api_endpoints": 4', '"total_api_endpoints": 9')
    run = run_cli("check", str(session.root), *args)
    assert run.exit_code == 1
    printed = run.stdout
    if "harness" in args:  # the harness's WorkerOutput carries the notes whole, by contract; nothing else quotes them
        [data] = harness_objects(printed)
        assert data.pop("notes_markdown") == session.notes.read_text(encoding="utf-8")
        printed = json.dumps(data)
    assert SECRET not in printed + run.stderr
    if args == ("--format", "text"):
        assert "See app/relative.py:3 for the handler." in run.stdout  # the offending line itself is quoted
        assert '"total_api_endpoints": 9' in run.stdout


# Configuration and packs are data ------------------------------------------

def evil_module(folder: Path, marker: Path, name: str = "evil.py") -> Path:
    path = folder / name
    path.write_text(f"open({str(marker)!r}, 'w').write('executed')\n")
    return path


CODE = "__import__('os').system('touch {marker}')"


@pytest.mark.parametrize(
    "body",
    [
        'select = ["{code}"]\n',
        'exclude = ["$(touch {marker})", "`touch {marker}`"]\n',
        '[per-file-ignores]\n"{code}" = ["schema"]\n',
        'packs = ["evil"]\n',
        'packs = ["evil.py"]\n',
        'fail-level = "{code}"\n',
    ],
    ids=["select", "exclude", "per-file-ignores", "packs-module", "packs-py-file", "fail-level"],
)
def test_configuration_values_are_never_run(session: Session, tmp_path: Path, body: str) -> None:
    marker = tmp_path / "MARKER"
    evil_module(session.root, marker)
    code = CODE.format(marker=marker).replace('"', '\\"')
    (session.root / ".worker-lint.toml").write_text(body.format(code=code, marker=marker))
    before = set(sys.modules)
    run = run_cli("check", str(session.root))
    assert run.exit_code in (0, 2), run.stderr  # used as data (the example is clean), or refused as bad data
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr
    result = lint_subprocess(str(session.root), cwd=session.root)  # 'evil' could be imported from here
    assert result.returncode == run.exit_code
    assert not marker.exists()
    assert "evil" not in set(sys.modules) - before


def custom_pack(tmp_path: Path, **changes: str) -> tuple[Path, Path]:
    """The custom worker's project and its pack, with some keys of the pack replaced."""
    project = tmp_path / "custom"
    shutil.copytree(FIXTURES / "custom-worker", project)
    pack = project / "packs" / "dataeng.toml"
    lines = pack.read_text().splitlines()
    for key, value in changes.items():
        lines = [f"{key} = {json.dumps(value)}" if line.split("=")[0].strip() == key else line for line in lines]
    pack.write_text("\n".join(lines) + "\n")
    return project, pack


@pytest.mark.parametrize(
    "changes,words",
    [
        ({"schema": "evil.py"}, "the schema is not valid JSON"),
        ({"schema": "lint.cli"}, "no schema file 'lint.cli'"),
        ({"schema": "os.path"}, "no schema file 'os.path'"),
        ({"worker": CODE}, "key worker"),
        ({"description": CODE}, None),
    ],
    ids=["schema-py-file", "schema-module", "schema-stdlib-module", "worker-code", "description-code"],
)
def test_pack_values_are_never_run_or_imported(tmp_path: Path, changes: dict, words: str | None) -> None:
    marker = tmp_path / "MARKER"
    changes = {k: v.format(marker=marker) for k, v in changes.items()}
    project, pack = custom_pack(tmp_path, **changes)
    evil_module(pack.parent, marker)
    before = set(sys.modules)
    run = run_cli("check", str(project), "--pack", str(pack))
    if words is None:
        assert run.exit_code == 0, run.stderr  # only data: a description is text
    else:
        assert run.exit_code == 2 and words in run.stderr, run.stderr
    result = lint_subprocess(str(project), "--pack", str(pack), cwd=pack.parent)
    assert result.returncode == run.exit_code
    assert not marker.exists()
    assert "evil" not in set(sys.modules) - before
    assert "Traceback" not in run.stderr + result.stderr


@pytest.mark.parametrize("reference", ["https://example.invalid/schema.json", "file:///etc/passwd", "evil.py", "other.schema.json#/$defs/x"])
def test_a_schema_refers_only_within_itself(tmp_path: Path, reference: str) -> None:
    marker = tmp_path / "MARKER"
    project, pack = custom_pack(tmp_path)
    evil_module(pack.parent, marker)
    schema_path = pack.parent / "dataeng_output.schema.json"
    schema = json.loads(schema_path.read_text())
    schema.setdefault("properties", {})["x_extra"] = {"$ref": reference}
    schema_path.write_text(json.dumps(schema, indent=2))
    run = run_cli("check", str(project), "--pack", str(pack))
    assert run.exit_code == 2
    assert f"{schema_path}: at /properties/x_extra: $ref '{reference}' refers outside the schema" in run.stderr
    assert "'#/$defs/NAME'" in run.stderr and "internal error" not in run.stderr
    assert not marker.exists()
