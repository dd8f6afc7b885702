"""The result cache: an unchanged deliverable is not linted again, and the
report is byte for byte what an uncached run prints."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLE, FIXTURES, Session, run_cli
from invalid_cases import INVALID
from lint.engine import cache as cache_module
from lint import engine


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def _tree(root: Path) -> Path:
    """A clean session, the setup-state one and every broken deliverable, under one folder."""
    shutil.copytree(EXAMPLE, root / "example")
    shutil.copytree(FIXTURES / "setup-state", root / "setup-state")
    for case in INVALID:
        case.write(root / "invalid" / case.name)
    return root


def _entries(directory: Path) -> list[Path]:
    return sorted(directory.rglob("*.json")) if directory.exists() else []


def _no_linting(*args, **kwargs):
    raise AssertionError("a deliverable was linted although its result was cached")


@pytest.mark.parametrize("format_name", ["json", "text", "sarif", "concise"])
def test_cached_and_uncached_reports_are_identical(tmp_path: Path, cache_dir: Path, format_name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = _tree(tmp_path / "tree")
    args = ("check", str(tree), "--format", format_name, "--cache-dir", str(cache_dir), "-j", "1")
    cold = run_cli(*args)
    assert _entries(cache_dir), "the first run stores its results"
    monkeypatch.setattr(engine, "lint_unit", _no_linting)
    warm = run_cli(*args)
    monkeypatch.undo()
    uncached = run_cli("check", str(tree), "--format", format_name, "--no-cache")
    assert cold.exit_code == warm.exit_code == uncached.exit_code == 1
    assert cold.stdout == warm.stdout == uncached.stdout


def test_a_changed_file_is_linted_again(session: Session, cache_dir: Path) -> None:
    args = ("check", str(session.root), "--format", "json", "--cache-dir", str(cache_dir))
    assert run_cli(*args).exit_code == 0
    session.edit_notes("**Files Analyzed**: 47", "**Files Analyzed**: TBD")
    run = run_cli(*args)
    assert run.exit_code == 1 and "template-placeholder" in run.rules()


def test_other_settings_are_other_results(session: Session, cache_dir: Path) -> None:
    session.edit_notes("**Files Analyzed**: 47", "**Files Analyzed**: TBD")
    base = ("check", str(session.root), "--format", "json", "--cache-dir", str(cache_dir))
    everything = run_cli(*base).report
    only_schema = run_cli(*base, "--select", "schema").report
    as_warning = run_cli(*base, "--severity", "template-placeholder=warning").report
    assert only_schema["findings"] == [] and everything["findings"]
    assert {f["severity"] for f in as_warning["findings"] if f["rule"] == "template-placeholder"} == {"warning"}
    assert run_cli(*base).report == everything


def test_a_changed_template_is_linted_again(session: Session, tmp_path: Path, cache_dir: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    data = session.data()
    args = ("check", str(session.root), "--format", "json", "--templates", str(templates), "--cache-dir", str(cache_dir))
    assert run_cli(*args).exit_code == 0
    (templates / "backend_output_template.json").write_text(json.dumps(data), encoding="utf-8")
    run = run_cli(*args)
    assert "template-unchanged" in run.rules()


def test_a_damaged_entry_is_a_miss(tmp_path: Path, cache_dir: Path) -> None:
    tree = _tree(tmp_path / "tree")
    args = ("check", str(tree), "--format", "json", "--cache-dir", str(cache_dir))
    first = run_cli(*args)
    for entry in _entries(cache_dir):
        entry.write_text('{"findings": [{"path": 1}]', encoding="utf-8")
    assert run_cli(*args).stdout == first.stdout
    for entry in _entries(cache_dir):
        entry.write_bytes(b"\xff\xfe not json")
    assert run_cli(*args).stdout == first.stdout


def test_a_cache_that_cannot_be_written_changes_nothing(session: Session, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    run = run_cli("check", str(session.root), "--format", "json", "--cache-dir", str(blocked / "cache"))
    assert run.exit_code == 0 and run.report["findings"] == []
    assert blocked.read_text() == "not a folder"


def test_no_cache_reads_and_writes_nothing(session: Session, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKER_LINT_CACHE_DIR", str(cache_dir))
    assert run_cli("check", str(session.root), "--no-cache").exit_code == 0
    assert not cache_dir.exists()
    assert run_cli("check", str(session.root)).exit_code == 0
    assert _entries(cache_dir), "WORKER_LINT_CACHE_DIR names the cache"


def test_the_cache_lives_outside_the_linted_tree(session: Session, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("WORKER_LINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    before = sorted(p for p in session.root.rglob("*"))
    assert run_cli("check", str(session.root)).exit_code == 0
    assert sorted(p for p in session.root.rglob("*")) == before
    assert _entries(tmp_path / "xdg" / "worker-lint")


def test_a_pipe_where_a_file_belongs_is_never_keyed(session: Session, cache_dir: Path) -> None:
    session.output.unlink()
    os.mkfifo(session.output)
    run = run_cli("check", str(session.root), "--format", "json", "--cache-dir", str(cache_dir))
    assert run.exit_code == 1 and "file-unreadable" in run.rules()
    assert not _entries(cache_dir)


def test_editing_the_linter_changes_every_key(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache_module._code_fingerprint()
    module = Path(cache_module.__file__).resolve().parent.parent / "settings" / "limits.py"
    info = module.stat()
    try:
        os.utime(module, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
        assert cache_module._code_fingerprint() != before
    finally:
        os.utime(module, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert cache_module._code_fingerprint() == before


def test_settings_are_keyed_the_same_in_every_process() -> None:
    from lint.engine import RuleSettings

    one = RuleSettings(ignore=frozenset({"schema", "absolute-path", "score-range", "date-mismatch"}))
    assert cache_module.canonical(one)["ignore"] == sorted(["schema", "absolute-path", "score-range", "date-mismatch"], key=repr)


def test_a_folder_name_that_is_not_utf8_is_cached_like_any_other(tmp_path: Path, cache_dir: Path) -> None:
    root = tmp_path / "project"
    sessions = root / "Docs" / "hive-mind" / "sessions"
    sessions.mkdir(parents=True)
    source = next((EXAMPLE / "Docs" / "hive-mind" / "sessions").iterdir())
    shutil.copytree(source, Path(os.fsdecode(os.fsencode(sessions) + b"/sess-\xff")))
    args = ("check", str(root), "--format", "json", "--cache-dir", str(cache_dir))
    uncached = run_cli("check", str(root), "--format", "json", "--no-cache")
    first, second = run_cli(*args), run_cli(*args)
    assert uncached.exit_code == first.exit_code == second.exit_code == 1  # the folder is not named as the session id
    assert uncached.stdout == first.stdout == second.stdout
    assert _entries(cache_dir)


def test_library_versions_are_part_of_the_key() -> None:
    versions = cache_module._library_versions()
    assert any(v.startswith("jsonschema-") for v in versions) and any(v.startswith("mistune-") for v in versions)
