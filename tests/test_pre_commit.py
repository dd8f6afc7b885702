"""The hook definition, run by the real pre-commit tool on a temporary git repository.

The repository is configured as the README shows, with this project as it stands
(committed or not) as the hook's repository, so pre-commit installs the hook once
and every later run reuses it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLE, ROOT, SESSION_ID

PRE_COMMIT = [sys.executable, "-m", "pre_commit"]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def snapshot_of_this_project(target: Path) -> str:
    """This project's files as they are now (tracked or new, not ignored) committed in a repository at ``target``; its revision."""
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git(target, "init", "-q")
    git(target, "add", ".")
    git(target, "-c", "user.email=dev@example.com", "-c", "user.name=Dev", "commit", "-q", "-m", "snapshot")
    return git(target, "rev-parse", "HEAD").strip()


def run_hook(repo: Path, env: dict, *files: str) -> subprocess.CompletedProcess:
    """``pre-commit run``: on the staged files, as on commit, or on ``files``."""
    command = [*PRE_COMMIT, "run", "--color", "never"]
    if files:
        command += ["--files", *files]
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=600)


def test_hook_fails_a_bad_deliverable_and_passes_a_good_one(tmp_path: Path) -> None:
    rev = snapshot_of_this_project(tmp_path / "worker-lint")
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLE, repo)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {tmp_path / 'worker-lint'}\n    rev: {rev}\n    hooks:\n      - id: worker-lint\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "dev@example.com")
    git(repo, "config", "user.name", "Dev")
    git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PRE_COMMIT_COLOR": "never"}

    good = run_hook(repo, env)  # runs on the staged files, as on commit
    assert good.returncode == 0, good.stdout + good.stderr
    assert "worker-lint" in good.stdout and "Passed" in good.stdout
    git(repo, "commit", "-q", "-m", "good deliverable")

    notes = repo / "Docs/hive-mind/sessions" / SESSION_ID / "workers/notes/backend_notes.md"
    output = notes.parent.parent / "json" / "backend_output.json"
    output.write_text(output.read_text().replace('"total_api_endpoints": 4', '"total_api_endpoints": 9'))
    git(repo, "add", ".")
    bad = run_hook(repo, env)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout and "statistics-count" in bad.stdout

    # Only the notes are passed: their partner, the bad JSON, is linted with them.
    partner = run_hook(repo, env, str(notes.relative_to(repo)))
    assert partner.returncode == 1, partner.stdout + partner.stderr
    assert "statistics-count" in partner.stdout

    # Files that are not deliverables are not handed to the hook at all,
    # not even ones whose names merely end like a deliverable's.
    (repo / "release_notes.md").write_text("# Release notes\n")
    git(repo, "add", "release_notes.md")
    for path in ("Docs/hive-mind/sessions/" + SESSION_ID + "/SESSION.md", "release_notes.md"):
        unrelated = run_hook(repo, env, path)
        assert unrelated.returncode == 0, unrelated.stdout
        assert "no files to check" in unrelated.stdout.lower()
