"""The evidence benchmark runs on a tiny corpus of its own (the real one is not the suite's)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLE, ROOT


def test_the_evidence_benchmark_measures_both_runs(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLE, corpus / "project")
    (corpus / "sources" / "payments-api" / "app").mkdir(parents=True)
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "evidence_overhead.py"), str(corpus), "--repeat", "1"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "| `--no-source-check` |" in run.stdout and "| codebases mapped (`--source-root`) |" in run.stdout


def test_without_a_corpus_it_says_so(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "evidence_overhead.py"), str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 0 and "nothing to measure" in run.stdout
