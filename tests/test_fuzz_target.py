"""The loaders' fuzz target (fuzz/fuzz_loaders.py) runs, finds nothing, and would report what it finds."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

SCRIPT = ROOT / "fuzz" / "fuzz_loaders.py"


@pytest.fixture(scope="module")
def target():
    spec = importlib.util.spec_from_file_location("fuzz_loaders", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_fixed_run_finds_nothing(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(SCRIPT), "--inputs", "400", "--seed", "0"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "400 inputs" in result.stdout and "no failures (seed 0)" in result.stdout


def test_the_same_seed_generates_the_same_inputs(target) -> None:
    seen: list[list[bytes]] = []
    original = target.check_notes
    for _ in range(2):
        seen.append([])
        target.check_notes = seen[-1].append
        try:
            target.run(None, 60, seed=5)
        finally:
            target.check_notes = original
    assert seen[0] and seen[0] == seen[1]


def test_a_failure_is_saved_and_replays(target, tmp_path: Path, monkeypatch, capsys) -> None:
    def broken(path, max_bytes=0, data=None):
        raise RuntimeError("the loader broke")

    monkeypatch.setattr(target, "FAILURES", tmp_path)
    monkeypatch.setattr(target, "load_output", broken)
    assert target.main(["--inputs", "200", "--seed", "3"]) == 1
    assert "FAILED checking the output (seed 3)" in capsys.readouterr().err
    [saved] = tmp_path.glob("output-*.json")
    assert "the loader broke" in saved.with_suffix(".txt").read_text()
    with pytest.raises(RuntimeError, match="the loader broke"):
        target.main(["--replay", str(saved)])
    monkeypatch.undo()
    assert target.main(["--replay", str(saved)]) == 0
