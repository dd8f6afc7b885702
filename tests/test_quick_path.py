"""The quick path reads a command line exactly as click does, or leaves it to click; and prints the same.

The quick parser (``lint/cli/quick.py``) is the optimised path and click's
``check`` command the straightforward one: on generated command lines, every
line the quick parser takes must give click's values, and whole runs must print
the same and exit with the same code either way.
"""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import click
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE, run_cli, run_click
from lint.cli.commands import check
from lint.cli.echo import echo
from lint.cli.options import CHECK_OPTIONS
from lint.cli.quick import parse

FLAGS = sorted({flag for option in CHECK_OPTIONS for flag in option.flags})
VALUES = ["json", "text", "sarif", "nope", "", "3", "0", "007", "-1", "2.5", "10", "10.0", "11", "1e1", " 4", "abc",
          "absolute-path=warning", "schema,absolute-path", "*.md=absolute-path", "/srv/app=.", "error", "WARNING", "info"]
ODD = ["-h", "--help", "--", "-", "-qj2", "-q2", "-j", "-j4", "-j=4", "--bogus", "--form", "--quiet=1", "--no-color=1",
       "---format", "--format=json", "--format=", "--jobs=2", "--select=schema", "--max-file-size=0", "--fail-under=7.5"]


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Paths of every kind click's path types tell apart: a file, a folder, one that does not exist."""
    root = tmp_path_factory.mktemp("paths")
    (root / "file.toml").write_text("", encoding="utf-8")
    (root / "folder").mkdir()
    return root


def _tokens(root: Path) -> st.SearchStrategy[str]:
    paths = [str(root / "file.toml"), str(root / "folder"), str(root / "missing"), "relative/missing", "."]
    return st.sampled_from(FLAGS + VALUES + ODD + paths)


def _clicks(argv: list[str]) -> dict:
    with check.make_context("check", list(argv)) as context:
        return dict(context.params)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_quick_parser_gives_clicks_values_or_steps_aside(tree: Path, data: st.DataObject) -> None:
    argv = data.draw(st.lists(_tokens(tree), max_size=8))
    quick = parse(argv)
    if quick is not None:
        assert quick == _clicks(argv), argv


@pytest.mark.parametrize("argv", [
    [], ["."], [".", "--no-cache"], [".", "--format", "json", "-q"], ["--format=sarif", "--output", "report.sarif", "."],
    ["-j", "2", "--statistics", "."], ["-j1", "--fail-under", "7.5", "--fail-level", "warning"],
    ["--select", "schema,absolute-path", "--ignore", "section-empty", "--severity", "absolute-path=info", "--severity", "schema=warning"],
    ["--exclude", "legacy-*", "--per-file-ignores", "*.md=absolute-path", "--source-root", "/srv/app=.", "--no-source-check"],
    ["--session", "2026-01-01-audit", "--worker", "backend", "--isolated", "--exit-zero", "--log-event", "--color", "--no-color"],
    ["--fix", "--max-file-size", "3", "--max-json-depth", "40", "--max-markdown-depth", "20", "--follow-symlinks"],
    ["--ignore-suppressions", "--diff", "--cache-dir", "cache", "--config", "lint.toml"],
])
def test_the_command_lines_of_hooks_and_ci_take_the_quick_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               argv: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    quick = parse(argv)
    assert quick is not None, argv
    assert quick == _clicks(argv)


def _copy(tmp_path: Path, flawed: bool = False) -> Path:
    """A fresh copy of the example, at the same place each time (reports show absolute paths)."""
    target = tmp_path / "project"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(EXAMPLE, target)
    return _flaw(target) if flawed else target


def _flaw(project: Path) -> Path:
    notes = next(project.rglob("backend_notes.md"))
    notes.write_text(notes.read_text(encoding="utf-8") + "\nSee ../relative/path.py and TODO fill this in.\n", encoding="utf-8")
    output = next(project.rglob("backend_output.json"))
    text = output.read_text(encoding="utf-8").replace('"files_analyzed": 47', '"files_analyzed": 0')
    output.write_text(text.replace('"priority": "critical"', '"priority": "Critical"', 1), encoding="utf-8")  # fixable
    return project


SCENARIOS = {
    "clean": [],
    "json": ["--format", "json"],
    "concise-quiet": ["--format", "concise", "-q"],
    "statistics": ["--statistics"],
    "sarif": ["--format=sarif"],
    "junit": ["--format", "junit"],
    "github": ["--format", "github"],
    "harness": ["--format", "harness"],
    "fail-under": ["--fail-under", "9.9", "--fail-level", "info"],
    "exit-zero": ["--exit-zero", "--select", "absolute-path,schema"],
    "diff": ["--diff"],
    "colour": ["--color"],
    "one-job": ["-j", "1", "--severity", "absolute-path=info"],
    "fix-and-diff": ["--fix", "--diff"],  # refused: left to click, which names the usage
    "bad-pair": ["--severity", "absolute-path"],  # refused: left to click
    "unknown-rule": ["--select", "no-such-rule"],  # refused: left to click
    "missing-path": ["--worker", "backend", "does-not-exist"],
}


@pytest.mark.parametrize("flawed", [False, True], ids=["clean", "flawed"])
@pytest.mark.parametrize("name", list(SCENARIOS))
def test_a_run_prints_and_exits_the_same_by_either_path(tmp_path: Path, name: str, flawed: bool) -> None:
    args = SCENARIOS[name]
    by_quick = run_cli("check", *args, "--no-cache", cwd=_copy(tmp_path, flawed))
    by_click = run_click("check", *args, "--no-cache", cwd=_copy(tmp_path, flawed))
    assert (by_quick.exit_code, by_quick.stdout, by_quick.stderr) == (by_click.exit_code, by_click.stdout, by_click.stderr)


def test_fixes_are_written_the_same_by_either_path(tmp_path: Path) -> None:
    tree = _copy(tmp_path, flawed=True)
    by_quick = run_cli("check", "--fix", "--no-cache", cwd=tree)
    fixed = {p.relative_to(tree): p.read_bytes() for p in tree.rglob("*") if p.is_file()}
    tree = _copy(tmp_path, flawed=True)
    by_click = run_click("check", "--fix", "--no-cache", cwd=tree)
    assert (by_quick.exit_code, by_quick.stdout, by_quick.stderr) == (by_click.exit_code, by_click.stdout, by_click.stderr)
    assert "applied" in by_quick.stderr
    assert fixed == {p.relative_to(tree): p.read_bytes() for p in tree.rglob("*") if p.is_file()}


# echo is click.echo on the streams it writes itself ---------------------------------


class _Stream(io.TextIOWrapper):
    def __init__(self, tty: bool, encoding: str = "utf-8") -> None:
        super().__init__(io.BytesIO(), encoding=encoding, errors="strict")
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty

    def text(self) -> bytes:
        self.flush()
        return self.buffer.getvalue()  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None)
@given(
    message=st.lists(st.sampled_from(["a", "é", "\n", "\033", "[", "1", ";", "m", "?", "\x1b[31m", "\x1b[0m", "x", "~", ">", " ", "@",
                                      "\x1b[2~", "\x1b[>0c", "\x1b[1 q", "\x1b[@"]), max_size=20).map("".join),
    err=st.booleans(), nl=st.booleans(), color=st.sampled_from([None, True, False]), tty=st.booleans(),
    encoding=st.sampled_from(["utf-8", "ascii", "latin-1"]),
)
def test_echo_writes_what_click_echo_writes(message: str, err: bool, nl: bool, color: bool | None, tty: bool, encoding: str) -> None:
    written = []
    for writer in (lambda: echo(message, err=err, nl=nl, color=color), lambda: click.echo(message, err=err, nl=nl, color=color)):
        stream = _Stream(tty, encoding)
        saved = sys.stderr if err else sys.stdout
        setattr(sys, "stderr" if err else "stdout", stream)
        try:
            writer()
            written.append(stream.text())
        except UnicodeEncodeError:
            written.append(b"UnicodeEncodeError")
        finally:
            setattr(sys, "stderr" if err else "stdout", saved)
    assert written[0] == written[1]
