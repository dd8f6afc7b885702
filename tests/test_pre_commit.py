"""The hook definition, run by the real pre-commit tool on a temporary git repository.

Both forms the README shows are run: the hook this project defines, with this
project as it stands (committed or not) as the hook's repository, so pre-commit
installs it once and every later run reuses it; and the README's ``local`` hook,
copied from the README as written, which runs the installed ``worker-lint``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLE, ROOT, SESSION_ID

PRE_COMMIT = [sys.executable, "-m", "pre_commit"]
HOOK_FILES = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]["files"]
LAYOUT = "Docs/hive-mind/sessions/" + SESSION_ID + "/workers"


@pytest.mark.parametrize("path", [
    f"{LAYOUT}/notes/backend_notes.md",
    f"{LAYOUT}/json/backend_output.json",
    f"{LAYOUT}/json/test_output.json",
    f"{LAYOUT}/json/dataeng_output.json",                 # a worker of the team's own
    f"services/api/{LAYOUT}/notes/frontend_notes.md",      # a project in a folder of the repository
])
def test_the_hook_takes_deliverables_in_the_harness_layout(path: str) -> None:
    assert re.search(HOOK_FILES, path)  # as pre-commit matches `files:`


@pytest.mark.parametrize("path", [
    "src/tests/test_output.json",
    "tests/backend_output.json",
    "release_notes.md",
    "backend_notes.md",
    "Docs/hive-mind/sessions/" + SESSION_ID + "/SESSION.md",
    f"{LAYOUT}/notes/backend_output.json",                  # a file in the other file's folder
    f"{LAYOUT}/json/old/backend_output.json",
    f"{LAYOUT}/json/backend_output.json.bak",
    "xDocs/hive-mind/sessions/s/workers/json/backend_output.json",
])
def test_the_hook_leaves_other_files_alone(path: str) -> None:
    assert not re.search(HOOK_FILES, path)


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
    (repo / "src/tests").mkdir(parents=True)
    (repo / "src/tests/test_output.json").write_text('{"expected": [1, 2]}\n')  # a test's data, not the test worker's output
    git(repo, "add", "release_notes.md", "src/tests/test_output.json")
    for path in ("Docs/hive-mind/sessions/" + SESSION_ID + "/SESSION.md", "release_notes.md", "src/tests/test_output.json"):
        unrelated = run_hook(repo, env, path)
        assert unrelated.returncode == 0, unrelated.stdout
        assert "no files to check" in unrelated.stdout.lower()

    # A worker's files in the layout are handed over; one without a pack is skipped, not failed.
    scribe = repo / LAYOUT / "json" / "scribe_output.json"
    scribe.write_text('{"notes": "the harness\'s own worker"}\n')
    git(repo, "add", str(scribe.relative_to(repo)))
    skipped = run_hook(repo, env, str(scribe.relative_to(repo)))
    assert skipped.returncode == 0 and "Passed" in skipped.stdout, skipped.stdout


def readme_local_hook() -> str:
    """The README's `repo: local` configuration, as written."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## In CI and pre-commit", 1)[1].split("\n## ", 1)[0]
    [block] = [b for b in re.findall(r"```yaml\n(.*?)```", section, re.S) if "repo: local" in b]
    return block


def test_the_readme_local_hook_takes_the_files_the_hook_takes() -> None:
    [local] = yaml.safe_load(readme_local_hook())["repos"]
    assert local["hooks"][0]["files"] == HOOK_FILES


def commit(repo: Path, env: dict, message: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "commit", "-m", message], cwd=repo, env=env, capture_output=True, text=True, timeout=600)


def test_the_readme_local_hook_blocks_a_bad_deliverable_and_nothing_else(tmp_path: Path) -> None:
    installed = Path(sys.executable).parent  # where this environment's worker-lint command is
    assert (installed / "worker-lint").is_file() or (installed / "worker-lint.exe").is_file()
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLE, repo)
    (repo / ".pre-commit-config.yaml").write_text(readme_local_hook(), encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "dev@example.com")
    git(repo, "config", "user.name", "Dev")
    env = {**os.environ, "PATH": f"{installed}{os.pathsep}{os.environ.get('PATH', '')}",
           "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PRE_COMMIT_COLOR": "never"}
    subprocess.run([*PRE_COMMIT, "install"], cwd=repo, env=env, check=True, capture_output=True)
    git(repo, "add", ".")
    good = commit(repo, env, "a clean deliverable")
    assert good.returncode == 0, good.stdout + good.stderr
    assert re.search(r"worker-lint\.+Passed", good.stdout + good.stderr)
    head = git(repo, "rev-parse", "HEAD")

    output = repo / LAYOUT / "json" / "backend_output.json"
    output.write_text(output.read_text().replace('"total_api_endpoints": 4', '"total_api_endpoints": 9'))
    git(repo, "add", ".")
    bad = commit(repo, env, "a bad deliverable")
    printed = bad.stdout + bad.stderr
    assert bad.returncode == 1, printed
    assert re.search(r"worker-lint\.+Failed", printed) and "statistics-count" in printed and "backend_output.json" in printed
    assert git(repo, "rev-parse", "HEAD") == head  # nothing was committed

    git(repo, "checkout", "HEAD", "--", str(output.relative_to(repo)))
    (repo / "src/tests").mkdir(parents=True)
    (repo / "src/tests/test_output.json").write_text('{"expected": [1, 2]}\n')  # would fail as the test worker's output
    git(repo, "add", ".")
    unrelated = commit(repo, env, "a test's data")
    assert unrelated.returncode == 0, unrelated.stdout + unrelated.stderr
    assert "no files to check" in (unrelated.stdout + unrelated.stderr).lower()
    assert git(repo, "rev-parse", "HEAD") != head
