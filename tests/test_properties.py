"""Generated and mutated deliverables: the linter never crashes, and what it reports holds.

Each generated pair of files is linted through the command line (twice) and
through the engine with every reporter. For every input:

- no exception escapes and nothing is reported as an internal error;
- the exit code is 0 or 1 (content is never a reason for 2), and it is 1
  exactly when an error is reported;
- every finding's line and column lie inside its file, lines counted as the
  linter counts them: LF, CRLF and a lone CR each end a line, a leading
  byte-order mark is no column, and the empty line after a final line break
  is a line (a JSON file may end there unexpectedly);
- every JSON pointer resolves in the parsed output, and its position is the
  start of a JSON value or key;
- the source lines the text report shows are the file's lines;
- a second run prints exactly the same bytes, with or without the result cache.

The number of examples comes from the Hypothesis profile (see conftest.py):
``HYPOTHESIS_PROFILE=fuzz`` runs many more.
"""

from __future__ import annotations

import io
import json
import shutil
import traceback
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from hypothesis import event, given
from hypothesis import strategies as st

from conftest import harness_objects
from generated import (
    CLEAN, EXAMPLE_NOTES, EXAMPLE_OUTPUT, FIXTURES, PROJECTS, check_finding, deliverable_files, file_lines,
    json_values, markdown_files, mutated_bytes, mutated_json, serialised,
)
from lint.cli import cli
from lint.discover import discover
from lint.engine import RuleSettings, lint_units
from lint.packs import PackRegistry
from lint.reporters import FORMATS, ReportOptions, reporter

# --------------------------------------------------------------------------
# Writable copies of every clean deliverable


@dataclass(frozen=True, repr=False)
class Target:
    name: str
    root: Path
    notes: Path
    output: Path
    packs: tuple[Path, ...] = ()

    def __repr__(self) -> str:
        return f"<{self.name}>"

    @property
    def args(self) -> list[str]:
        return [a for pack in self.packs for a in ("--pack", str(pack))]


class Targets(dict):
    """The copies by name; shown briefly when an example fails."""

    def __repr__(self) -> str:
        return f"<copies of {len(self)} clean deliverables>"

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(repr(self))


@pytest.fixture(scope="module")
def targets(tmp_path_factory) -> Targets:
    base = tmp_path_factory.mktemp("properties").resolve()
    found = Targets()
    for name, (folder, packs) in PROJECTS.items():
        root = base / name
        shutil.copytree(folder, root)
        found[name] = Target(name, root, *deliverable_files(root), tuple(root / p for p in packs))
    # The backend's templates beside the example, so template-unchanged runs too.
    setup = FIXTURES / "setup-state"
    templates = found["example"].root / ".claude" / "agents" / "pydantic_ai" / "backend" / "templates"
    templates.mkdir(parents=True)
    notes, output = deliverable_files(setup)
    shutil.copy(notes, templates / "backend_notes_template.md")
    shutil.copy(output, templates / "backend_output_template.json")
    return found


TARGET_NAMES = list(PROJECTS)


# --------------------------------------------------------------------------
# What must hold for every input


def _invoke(args: list[str]):
    result = CliRunner().invoke(cli, args)
    exception = result.exception
    assert exception is None or isinstance(exception, SystemExit), "".join(traceback.format_exception(exception))
    assert "internal error" not in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result


def _check_engine(target: Target, files: dict[Path, bytes]) -> None:
    """The engine with every reporter: nothing raises, machine formats parse, source lines match."""
    units = discover([target.root], PackRegistry.bundled(list(target.packs)), None).units
    result = lint_units(units, RuleSettings())
    for unit in result.units:
        for path, shown in unit.sources.items():
            lines = file_lines(files[path])
            assert all(0 < n <= len(lines) and lines[n - 1] == text for n, text in shown.items()), (
                f"the text report would show other lines than {path.name} holds"
            )
    for name in FORMATS:
        for color in (False, True) if name == "text" else (False,):
            stream = io.StringIO()
            reporter(name)(result, stream, ReportOptions(color=color))
            printed = stream.getvalue()
            if name in ("json", "sarif"):
                json.loads(printed)
            elif name == "junit":
                ElementTree.fromstring(printed.encode("utf-8"))
            elif name == "harness":
                harness_objects(printed)


def lint_and_check(target: Target, notes: bytes, output: bytes) -> dict:
    """Write the pair, lint it twice and through every reporter; return the JSON report."""
    target.notes.write_bytes(notes)
    target.output.write_bytes(output)
    args = ["check", str(target.root), "--format", "json", *target.args]
    # Afresh, then twice with the result cache: the first of those lints (unless the
    # input was seen before), the second is answered from the cache.
    first, *again = _invoke([*args, "--no-cache"]), _invoke(args), _invoke(args)
    for second in again:
        assert (second.exit_code, second.stdout, second.stderr) == (first.exit_code, first.stdout, first.stderr), "two runs differ"
    report = json.loads(first.stdout)
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert first.exit_code == (1 if errors else 0), (first.exit_code, first.stderr)
    assert report["summary"]["findings"] == len(report["findings"])
    files = {target.notes: notes, target.output: output}
    for finding in report["findings"]:
        check_finding({**finding, "file": str((Path.cwd() / finding["file"]).resolve())}, files, target.notes)
    _check_engine(target, files)
    return report


target_names = st.sampled_from(TARGET_NAMES)


# --------------------------------------------------------------------------
# The properties


@given(which=st.sampled_from(["notes", "output", "both"]), first=st.binary(max_size=400), second=st.binary(max_size=400))
def test_arbitrary_bytes(targets, which: str, first: bytes, second: bytes) -> None:
    notes = first if which in ("notes", "both") else EXAMPLE_NOTES
    output = (second if which == "both" else first) if which in ("output", "both") else EXAMPLE_OUTPUT
    lint_and_check(targets["example"], notes, output)


@given(value=json_values.flatmap(serialised))
def test_arbitrary_json_values_as_the_output(targets, value: bytes) -> None:
    lint_and_check(targets["example"], EXAMPLE_NOTES, value)


@given(notes=markdown_files())
def test_generated_markdown_as_the_notes(targets, notes: bytes) -> None:
    lint_and_check(targets["example"], notes, EXAMPLE_OUTPUT)


@given(name=target_names, which=st.sampled_from(["notes", "output", "both"]), data=st.data())
def test_mutated_files(targets, name: str, which: str, data) -> None:
    notes, output = CLEAN[name]
    if which != "output":
        notes = data.draw(mutated_bytes(notes))
    if which != "notes":
        output = data.draw(mutated_bytes(output))
    lint_and_check(targets[name], notes, output)


@given(name=target_names, data=st.data())
def test_mutated_json_values(targets, name: str, data) -> None:
    notes, output = CLEAN[name]
    lint_and_check(targets[name], notes, data.draw(mutated_json(output)))


@pytest.mark.parametrize("name", TARGET_NAMES)
def test_the_clean_fixtures_pass_the_same_checks(targets, name: str) -> None:
    report = lint_and_check(targets[name], *CLEAN[name])
    assert report["findings"] == []


@given(name=target_names, data=st.data())
def test_fix_is_shown_by_diff_and_leaves_nothing_to_fix(targets, name: str, data) -> None:
    target = targets[name]
    notes, output = CLEAN[name]
    if data.draw(st.booleans(), label="mutate the notes"):
        notes = data.draw(mutated_bytes(notes))
    output = data.draw(st.one_of(mutated_json(output), mutated_bytes(output)))
    target.notes.write_bytes(notes)
    target.output.write_bytes(output)
    diff = _invoke(["check", str(target.root), "--diff", *target.args])
    assert (target.notes.read_bytes(), target.output.read_bytes()) == (notes, output), "--diff wrote a file"
    fixed = _invoke(["check", str(target.root), "--fix", "--format", "json", *target.args])
    assert fixed.exit_code in (0, 1), fixed.stderr
    changed = (target.notes.read_bytes(), target.output.read_bytes()) != (notes, output)
    event("fixed" if changed else "nothing to fix")
    assert diff.exit_code == (1 if changed else 0), diff.stderr
    again = _invoke(["check", str(target.root), "--diff", *target.args])
    assert again.exit_code == 0 and again.stdout == "", "a second --fix would change the files again"
    lint_and_check(target, target.notes.read_bytes(), target.output.read_bytes())
