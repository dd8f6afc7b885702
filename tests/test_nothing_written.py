"""`check` writes nothing: over a tree of many sessions, in every format and with
--diff, every file keeps its bytes (and its modification time) and no path appears
or disappears."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli
from invalid_cases import BY_NAME
from lint.reporters import FORMATS

BROKEN = ["json-syntax", "statistics-count", "template-entry", "score-mismatch", "deliverable-missing", "section-missing", "priority-value"]


def fingerprint(tree: Path) -> dict[str, tuple]:
    """Every path below ``tree``: a file's sha256 and mtime, a link's target, a folder."""
    found: dict[str, tuple] = {}
    for current, folders, files in os.walk(tree):
        for name in folders + files:
            path = Path(current) / name
            info = path.lstat()
            key = str(path.relative_to(tree))
            if path.is_symlink():
                found[key] = ("link", os.readlink(path))
            elif path.is_dir():
                found[key] = ("folder",)
            else:
                found[key] = ("file", hashlib.sha256(path.read_bytes()).hexdigest(), info.st_mtime_ns, info.st_mode)
    return found


@pytest.fixture(scope="module")
def sessions(tmp_path_factory) -> Path:
    """The example, every clean fixture, every worker's session and broken ones, three times over
    (54 deliverables: enough for the run to be spread over processes)."""
    tree = tmp_path_factory.mktemp("many") / "tree"
    for copy in range(3):
        shutil.copytree(FIXTURES / "example", tree / f"{copy}-example")
        for group in ("valid", "workers"):
            for project in sorted((FIXTURES / group).iterdir()):
                shutil.copytree(project, tree / f"{copy}-{group}-{project.name}")
        for name in BROKEN:
            BY_NAME[name].write(tree / f"{copy}-invalid-{name}")
    return tree


def test_the_tree_is_what_it_should_be(sessions: Path) -> None:
    run = run_cli("check", str(sessions), "--format", "json")
    assert run.exit_code == 1
    assert run.report["summary"]["deliverables"] == 54
    assert {f["rule"] for f in run.findings} >= {"json-syntax", "statistics-count", "template-placeholder", "deliverable-missing"}


@pytest.mark.parametrize("args", [("--format", name) for name in FORMATS] + [("--diff",)], ids=[*FORMATS, "diff"])
def test_check_changes_nothing(sessions: Path, args: tuple[str, ...]) -> None:
    before = fingerprint(sessions)
    assert len(before) > 300
    run = run_cli("check", str(sessions), *args)
    assert run.exit_code == 1, run.stderr  # there are findings, and fixes to show
    assert run.stdout
    assert fingerprint(sessions) == before


def test_diff_and_every_format_in_a_real_process(sessions: Path) -> None:
    before = fingerprint(sessions)
    for args in (["--diff"], ["--format", "text", "--color"], ["--format", "harness", "--ignore-suppressions"]):
        result = subprocess.run([sys.executable, "-m", "lint", "check", str(sessions), *args], capture_output=True, timeout=300)
        assert result.returncode == 1, result.stderr
    assert fingerprint(sessions) == before


def test_formats_are_all_covered() -> None:
    assert set(FORMATS) == {"text", "concise", "json", "sarif", "junit", "github", "harness"}
