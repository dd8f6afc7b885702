"""Each path imports only what it needs: start-up is most of a hook's run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "example"

_PROBE = """
import sys
from lint.cli import main
sys.argv = ['worker-lint', *sys.argv[1:]]
try:
    main()
except SystemExit as exit:
    code = exit.code
print(sorted(m for m in sys.modules if m.split('.')[0] in ('jsonschema', 'rich', 'mistune', 'xml', 'lint', '_hashlib', 'click', 'dataclasses', 'inspect', 'tomllib')), file=sys.stderr)
"""


def _modules_after(*args: str) -> set[str]:
    run = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True)
    return set(eval(run.stderr.strip().splitlines()[-1]))  # the list printed by the probe


def _loaded(modules: set[str], package: str) -> bool:
    return any(m == package or m.startswith(package + ".") for m in modules)


def test_version_imports_no_linting_machinery() -> None:
    modules = _modules_after("--version")
    for package in ("jsonschema", "rich", "mistune", "lint.engine", "lint.checks"):
        assert not _loaded(modules, package), package


@pytest.mark.parametrize("format_name", ["text", "concise", "json", "sarif", "github", "harness"])
def test_a_clean_check_imports_neither_jsonschema_nor_rich(format_name: str) -> None:
    modules = _modules_after("check", str(EXAMPLE), "--format", format_name, "--no-cache")
    assert _loaded(modules, "lint.engine")
    assert not _loaded(modules, "mistune")  # the example's notes are read by the line scanner
    assert not _loaded(modules, "jsonschema")
    assert not _loaded(modules, "rich")  # standard output is a pipe here, not a terminal
    assert not _loaded(modules, "xml")
    assert not _loaded(modules, "lint.fixes")
    for package in ("click", "dataclasses", "tomllib"):  # a plain command line is parsed without click
        assert not _loaded(modules, package), package
    assert _loaded(modules, "inspect") == (format_name == "sarif")  # only SARIF carries the rules' documentation
    if format_name not in ("sarif", "harness"):  # their fingerprints and checks hash with hashlib
        assert not _loaded(modules, "_hashlib")  # the digests of what was linted need no OpenSSL


@pytest.mark.parametrize("args", [("check", "--help"), ("check", str(EXAMPLE), "--format", "nope"), ("check", "--", str(EXAMPLE)),
                                  ("rules",)])
def test_what_the_quick_path_leaves_to_click_imports_it(args: tuple[str, ...]) -> None:
    assert _loaded(_modules_after(*args), "click")


def test_notes_the_scanner_declines_bring_in_the_parser(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(EXAMPLE, tmp_path / "p")
    notes = next((tmp_path / "p").rglob("backend_notes.md"))
    notes.write_text(notes.read_text(encoding="utf-8") + "\n> A block quote the scanner leaves to the parser.\n", encoding="utf-8")
    assert _loaded(_modules_after("check", str(tmp_path / "p"), "--no-cache"), "mistune")


def test_only_the_chosen_format_is_imported() -> None:
    modules = _modules_after("check", str(EXAMPLE), "--format", "junit")
    assert "lint.reporters.junit" in modules and "lint.reporters.sarif" not in modules and _loaded(modules, "xml")


def test_an_invalid_output_brings_in_jsonschema_for_its_errors(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(EXAMPLE, tmp_path / "p")
    output = next((tmp_path / "p").rglob("backend_output.json"))
    output.write_text(output.read_text().replace('"files_analyzed": 47', '"files_analyzed": "47"'))
    modules = _modules_after("check", str(tmp_path / "p"), "--format", "json")
    assert _loaded(modules, "jsonschema")


def test_colour_on_a_terminal_uses_rich() -> None:
    modules = _modules_after("check", str(EXAMPLE), "--color")
    assert _loaded(modules, "rich")


def test_a_run_answered_from_the_cache_parses_nothing(tmp_path: Path) -> None:
    cache = ("--cache-dir", str(tmp_path / "cache"))
    first = _modules_after("check", str(EXAMPLE), *cache)
    second = _modules_after("check", str(EXAMPLE), *cache)
    assert "lint.documents.markdown" in first and "lint.analysis.deliverable" in first
    assert "lint.documents.markdown" not in second and "lint.analysis.deliverable" not in second
    assert not _loaded(second, "lint.checks")  # no rule is run, and no rule name needs checking


def test_a_rule_named_in_an_option_is_still_checked_on_a_cached_run(tmp_path: Path) -> None:
    cache = ("--cache-dir", str(tmp_path / "cache"))
    _modules_after("check", str(EXAMPLE), *cache)
    run = subprocess.run([sys.executable, "-m", "lint", "check", str(EXAMPLE), *cache, "--ignore", "absolute-paht"], capture_output=True, text=True)
    assert run.returncode == 2 and "absolute-paht" in run.stderr and "absolute-path" in run.stderr
