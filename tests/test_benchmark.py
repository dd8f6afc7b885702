"""The benchmark script runs, on a tiny input; the figures themselves live in BENCHMARKS.md."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"


def test_bench_runs_every_scenario_on_a_tiny_input() -> None:
    run = subprocess.run([sys.executable, str(BENCH / "bench.py"), "--tiny"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    for heading in ("### 1. One session", "### 2. 3 sessions", "### 3. Growth", "### 4. Start-up", "### 5. One line"):
        assert heading in run.stdout
    assert "| `worker-lint check --no-cache <session>` |" in run.stdout and " ms |" in run.stdout
    assert "results cached" in run.stdout
    assert "| worker-lint --no-cache, evidence checked |" in run.stdout
    assert re.search(r"Evidence checked \(`--source-root /srv/payments-api=<project>/codebase`, \d+ cited files, no findings\): [\d.]+×", run.stdout)
    assert "not imported on this path" in run.stdout.lower() and "`jsonschema`" in run.stdout


def test_bench_runs_only_the_scenarios_asked_for() -> None:
    run = subprocess.run([sys.executable, str(BENCH / "bench.py"), "--tiny", "--only", "imports,one"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "### 1. One session" in run.stdout and "### 4. Start-up" in run.stdout
    assert "### 2." not in run.stdout and "### 3." not in run.stdout and "### 5." not in run.stdout and "### 6." not in run.stdout
    wrong = subprocess.run([sys.executable, str(BENCH / "bench.py"), "--only", "one,nine"], capture_output=True, text=True, timeout=60)
    assert wrong.returncode == 2 and "unknown scenario nine" in wrong.stderr


def test_generated_sessions_are_deterministic_and_clean(tmp_path: Path) -> None:
    for name in ("a", "b"):
        subprocess.run([sys.executable, str(BENCH / "generate.py"), str(tmp_path / name), "--sessions", "3", "--json-kb", "60"], check=True, capture_output=True)
    first = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    second = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert first == second and len(first) == 12
    assert all((tmp_path / "a" / p).read_bytes() == (tmp_path / "b" / p).read_bytes() for p in first)
    notes = next((tmp_path / "a").rglob("backend_notes.md"))
    output = next((tmp_path / "a").rglob("backend_output.json"))
    assert 24 * 1024 <= notes.stat().st_size <= 27 * 1024
    assert 55 * 1024 <= output.stat().st_size <= 62 * 1024
    run = run_cli("check", str(tmp_path / "a"), "--format", "json")
    assert run.exit_code == 0, json.dumps(run.report["findings"][:3])
