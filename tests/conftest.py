"""Shared helpers: a copy of the example session to change, and the CLI."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

from lint.cli import cli, run

# Generated tests: 'ci' (the default) is short and the same on every run;
# HYPOTHESIS_PROFILE=fuzz runs many more, different examples each time.
settings.register_profile("ci", max_examples=40, deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True, scope="session")
def _private_result_cache(tmp_path_factory: pytest.TempPathFactory):
    """The suite's runs (and the processes they start) share a result cache of their own."""
    os.environ["WORKER_LINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("result-cache"))
    yield


ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
EXAMPLE = FIXTURES / "example"
SESSION_ID = "2025-09-14-10-30-payment-api-audit"


@dataclass
class Session:
    """A writable copy of the clean example session."""

    root: Path
    folder: Path

    @property
    def notes(self) -> Path:
        return self.folder / "workers" / "notes" / "backend_notes.md"

    @property
    def output(self) -> Path:
        return self.folder / "workers" / "json" / "backend_output.json"

    def data(self) -> dict:
        return json.loads(self.output.read_text(encoding="utf-8"))

    def write_data(self, data: dict) -> None:
        self.output.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")

    def edit_notes(self, old: str, new: str) -> None:
        text = self.notes.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in the notes"
        self.notes.write_text(text.replace(old, new, 1), encoding="utf-8")

    def edit_output(self, old: str, new: str) -> None:
        text = self.output.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in the output"
        self.output.write_text(text.replace(old, new, 1), encoding="utf-8")


def _copy_example(root: Path) -> Session:
    shutil.copytree(EXAMPLE, root)
    return Session(root, root / "Docs" / "hive-mind" / "sessions" / SESSION_ID)


@pytest.fixture
def session(tmp_path: Path) -> Session:
    return _copy_example(tmp_path / "project")


@pytest.fixture
def session_factory(tmp_path: Path):
    """Makes further independent copies of the example project."""
    count = iter(range(1, 1000))
    return lambda: _copy_example(tmp_path / f"project-{next(count)}")


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def report(self) -> dict:
        return json.loads(self.stdout)

    @property
    def findings(self) -> list[dict]:
        return self.report["findings"]

    def rules(self) -> list[str]:
        return [f["rule"] for f in self.findings]

    def only(self, rule: str) -> list[dict]:
        return [f for f in self.findings if f["rule"] == rule]


def run_cli(*args: str, cwd: Path | None = None) -> Run:
    """Run a command line as the installed command does (``check`` through the quick path when it
    takes the command line, else click), with its streams captured as click's test runner does."""
    runner = CliRunner()
    with contextlib.chdir(cwd or Path.cwd()), runner.isolation() as (stdout, stderr, _):
        try:
            run(list(args))
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        out, err = stdout.getvalue(), stderr.getvalue()
    return Run(code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"))


def run_click(*args: str, cwd: Path | None = None) -> Run:
    """Run a command line through click alone (what the quick path must match)."""
    runner = CliRunner()
    with contextlib.chdir(cwd or Path.cwd()):
        result = runner.invoke(cli, list(args), catch_exceptions=False, prog_name="worker-lint")
    return Run(result.exit_code, result.stdout, result.stderr)


def lint_json(*paths: Path | str, extra: tuple[str, ...] = ()) -> Run:
    """Lint with --format json; the report is in ``.report``."""
    return run_cli("check", *map(str, paths), "--format", "json", *extra)


WORKER_OUTPUT_SCHEMA = json.loads((Path(__file__).parent / "schemas" / "worker_output.schema.json").read_text(encoding="utf-8"))


def check_worker_output(data: dict) -> dict:
    """Fail unless ``data`` has the exact shape of the harness's WorkerOutput."""
    import jsonschema

    jsonschema.Draft202012Validator(WORKER_OUTPUT_SCHEMA, format_checker=jsonschema.FormatChecker()).validate(data)
    return data


def harness_objects(stdout: str) -> list[dict]:
    """Each object ``--format harness`` printed, checked against the WorkerOutput shape."""
    marker = "WORKER_OUTPUT_JSON:"
    chunks = stdout.split(marker + "\n")
    assert chunks[0] == "", f"text before the first {marker} line: {chunks[0]!r}"
    return [check_worker_output(json.loads(chunk)) for chunk in chunks[1:]]

