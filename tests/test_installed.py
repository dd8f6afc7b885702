"""The installed command, and a wheel installed into a fresh virtual environment."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

from conftest import EXAMPLE, ROOT

BIN = Path(sys.executable).parent


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300)


def test_console_command_from_another_folder(tmp_path: Path) -> None:
    result = run([str(BIN / "worker-lint"), "check", str(EXAMPLE)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "All checks passed" in result.stdout


def test_python_dash_m(tmp_path: Path) -> None:
    result = run([sys.executable, "-m", "lint", "check", str(EXAMPLE / ".."/ "setup-state"), "--format", "json"], tmp_path)
    assert result.returncode == 1
    assert json.loads(result.stdout)["summary"]["errors"] > 10


def test_bad_input_never_shows_a_traceback(tmp_path: Path) -> None:
    result = run([str(BIN / "worker-lint"), "check", "/no/such/path"], tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "no such file or folder" in result.stderr


def test_wheel_in_a_fresh_environment_carries_packs_and_schemas(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)], tmp_path)
    assert built.returncode == 0, built.stderr
    [wheel] = list(wheels.glob("worker_lint-*.whl"))
    env = tmp_path / "fresh"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    installed = run([str(python), "-m", "pip", "install", "-q", str(wheel)], tmp_path)
    assert installed.returncode == 0, installed.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run([str(env / "bin" / "worker-lint"), "check", str(EXAMPLE), "--format", "json"], elsewhere)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["deliverables"] == 1
    where = run([str(python), "-c", "import lint.packs.resources as r; print(r.rules_dir()); print(r.schemas_dir())"], elsewhere)
    rules_dir, schemas_dir = where.stdout.split()
    assert str(env) in rules_dir and (Path(rules_dir) / "backend.toml").is_file()
    assert (Path(schemas_dir) / "backend_output.schema.json").is_file()
