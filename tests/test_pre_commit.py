"""The hook definition, run by the real pre-commit tool on a temporary git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLE, ROOT, SESSION_ID

PRE_COMMIT = [sys.executable, "-m", "pre_commit"]


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def try_repo(repo: Path, env: dict, *files: str) -> subprocess.CompletedProcess:
    command = [*PRE_COMMIT, "try-repo", str(ROOT), "worker-lint", "--color", "never"]
    if files:
        command += ["--files", *files]
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=600)


def test_hook_fails_a_bad_deliverable_and_passes_a_good_one(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLE, repo)
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "dev@example.com")
    git(repo, "config", "user.name", "Dev")
    git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PRE_COMMIT_COLOR": "never"}

    good = try_repo(repo, env)  # runs on the staged files, as on commit
    assert good.returncode == 0, good.stdout + good.stderr
    assert "worker-lint" in good.stdout and "Passed" in good.stdout
    git(repo, "commit", "-q", "-m", "good deliverable")

    notes = repo / "Docs/hive-mind/sessions" / SESSION_ID / "workers/notes/backend_notes.md"
    output = notes.parent.parent / "json" / "backend_output.json"
    output.write_text(output.read_text().replace('"total_api_endpoints": 4', '"total_api_endpoints": 9'))
    git(repo, "add", ".")
    bad = try_repo(repo, env)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout and "statistics-count" in bad.stdout

    # Only the notes are passed: their partner, the bad JSON, is linted with them.
    partner = try_repo(repo, env, str(notes.relative_to(repo)))
    assert partner.returncode == 1, partner.stdout + partner.stderr
    assert "statistics-count" in partner.stdout

    # Files that are not deliverables are not handed to the hook at all,
    # not even ones whose names merely end like a deliverable's.
    (repo / "release_notes.md").write_text("# Release notes\n")
    git(repo, "add", "release_notes.md")
    for path in ("Docs/hive-mind/sessions/" + SESSION_ID + "/SESSION.md", "release_notes.md"):
        unrelated = try_repo(repo, env, path)
        assert unrelated.returncode == 0, unrelated.stdout
        assert "no files to check" in unrelated.stdout.lower()
