"""Hostile or broken input: a clear finding or error, the right exit code, nothing written."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from conftest import Session, lint_json, run_cli


def snapshot(tree: Path) -> dict[str, tuple[str, float]]:
    """Every file below ``tree`` with its content hash and modification time."""
    found = {}
    for path in sorted(tree.rglob("*")):
        if path.is_file() and os.access(path, os.R_OK):
            found[str(path)] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime)
        else:
            found[str(path)] = ("", path.lstat().st_mtime)
    return found


@pytest.fixture
def untouched(session: Session):
    """Asserts, after the test, that linting wrote nothing in or beside the project."""
    yield session
    assert snapshot(session.root.parent) == session.before  # type: ignore[attr-defined]


def prepare(session: Session) -> None:
    session.before = snapshot(session.root.parent)  # type: ignore[attr-defined]


def only_finding(session: Session, rule: str, file: str) -> dict:
    prepare(session)
    run = lint_json(session.root)
    assert run.exit_code == 1
    matching = [f for f in run.findings if f["rule"] == rule]
    assert len(matching) == 1, run.findings
    assert matching[0]["file"].endswith(file)
    assert "Traceback" not in run.stdout + run.stderr
    return matching[0]


@pytest.mark.parametrize("which", ["notes", "output"])
@pytest.mark.parametrize(
    "content,rule,words",
    [
        (b"", "file-empty", "empty"),
        (b"  \n\n ", "file-empty", "white space"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "file-unreadable", "binary"),
    ],
    ids=["empty", "white-space", "binary"],
)
def test_file_that_is_not_text(untouched: Session, which: str, content: bytes, rule: str, words: str) -> None:
    path = getattr(untouched, which)
    path.write_bytes(content)
    finding = only_finding(untouched, rule, path.name)
    assert words in finding["message"]


def test_invalid_utf8_in_json_is_a_syntax_finding_with_position(untouched: Session) -> None:
    untouched.output.write_bytes(b'{\n  "a": "caf\xe9"\n}\n')
    finding = only_finding(untouched, "json-syntax", "backend_output.json")
    assert (finding["line"], finding["column"]) == (2, 12)
    assert "UTF-8" in finding["message"]


def test_invalid_utf8_in_notes(untouched: Session) -> None:
    data = untouched.notes.read_bytes().replace(b"Executive Summary", b"Executive Summ\xffry", 1)
    untouched.notes.write_bytes(data)
    finding = only_finding(untouched, "file-unreadable", "backend_notes.md")
    assert finding["line"] == 3 and "UTF-8" in finding["message"]


def test_json_array_at_top_level(untouched: Session) -> None:
    untouched.output.write_text("[]\n")
    finding = only_finding(untouched, "schema", "backend_output.json")
    assert "top level" in finding["message"]


def test_json_nested_100000_levels(untouched: Session) -> None:
    untouched.output.write_text("[" * 100_000 + "]" * 100_000)
    finding = only_finding(untouched, "file-unreadable", "backend_output.json")
    assert "nested deeper than the limit of 128 levels" in finding["message"]


def test_50_mb_json(untouched: Session) -> None:
    with open(untouched.output, "w") as handle:
        handle.write('{"padding": "')
        handle.write("x" * (50 * 1024 * 1024))
        handle.write('"}')
    finding = only_finding(untouched, "file-unreadable", "backend_output.json")
    assert "MiB" in finding["message"] and "limit" in finding["message"]


def test_5_mb_single_line_notes(untouched: Session) -> None:
    words = "the service reads /srv/app/main.py:1 and answers quickly "
    untouched.notes.write_text(words * (5 * 1024 * 1024 // len(words)))
    prepare(untouched)
    run = lint_json(untouched.root)
    assert run.exit_code == 1
    assert run.rules() == ["section-missing"]


def test_folder_where_a_file_belongs(untouched: Session) -> None:
    untouched.output.unlink()
    untouched.output.mkdir()
    finding = only_finding(untouched, "file-unreadable", "backend_output.json")
    assert "folder" in finding["message"]


def test_unreadable_file(untouched: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    if os.geteuid() != 0:
        untouched.notes.chmod(0)
    else:  # root reads any file: make the open itself fail as it would for a user
        real_open = os.open

        def guarded_open(file, *args, **kwargs):
            if Path(file) == untouched.notes:
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(os, "open", guarded_open)
    finding = only_finding(untouched, "file-unreadable", "backend_notes.md")
    assert "ermission denied" in finding["message"]
    untouched.notes.chmod(0o644)


def test_missing_path_writes_no_report_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    run = run_cli("check", str(tmp_path / "absent"), "--output", str(target))
    assert run.exit_code == 2
    assert not target.exists()
