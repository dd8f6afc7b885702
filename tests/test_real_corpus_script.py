"""scripts/real_corpus.py: lints a corpus of deliverables by kind, and skips cleanly without one."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, ROOT

SCRIPT = ROOT / "scripts" / "real_corpus.py"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=ROOT)


def test_without_a_corpus_it_says_so_and_exits_0(tmp_path: Path) -> None:
    done = run(str(tmp_path / "nowhere"))
    assert done.returncode == 0
    assert "no corpus at" in done.stdout and "nothing to do" in done.stdout


def test_it_gives_a_verdict_per_deliverable_by_kind(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "example", tmp_path / "careful")
    shutil.copytree(FIXTURES / "setup-state", tmp_path / "untouched")
    (tmp_path / "kinds.json").write_text(json.dumps({"careful:backend": "diligent", "untouched:backend": "rushed",
                                                     "example-as-rushed:backend": "rushed"}))
    shutil.copytree(FIXTURES / "example", tmp_path / "example-as-rushed")
    done = run(str(tmp_path), "--details")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    verdicts = {line.split()[-1]: line.split()[0] for line in lines if line.split() and line.split()[-1] in
                ("careful", "untouched", "example-as-rushed")}
    assert verdicts == {"careful": "ok", "untouched": "ok", "example-as-rushed": "MISSED"}
    assert "template-placeholder(e)" in done.stdout  # findings by rule, with their severity
    assert "3 deliverables: 1 MISSED, 2 ok" in done.stdout
