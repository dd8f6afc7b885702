"""Small realistic cases, each a few edits to a clean fixture, with the exact findings they give.

A case file in ``fixtures/cases/`` covers one class of writing: what careful
workers write that must pass, and the mistake next to it that must fail, at an
exact place. The format is described in ``fixtures/cases/README.md``.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from conftest import FIXTURES, lint_json

CASES = FIXTURES / "cases"


def _load_cases() -> list[tuple[str, dict]]:
    found = []
    for path in sorted(CASES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for case in data["case"]:
            found.append((f"{path.stem}: {case['name']}", case))
    return found


ALL = _load_cases()


def _deliverable_file(project: Path, role: str) -> Path:
    pattern = "*_notes.md" if role == "notes" else "*_output.json"
    folder = "notes" if role == "notes" else "json"
    [path] = [p for p in project.glob(f"Docs/hive-mind/sessions/*/workers/{folder}/{pattern}")]
    return path


def _apply(project: Path, edits: list[dict]) -> None:
    for edit in edits:
        path = _deliverable_file(project, edit["file"])
        text = path.read_bytes().decode("utf-8")
        assert text.count(edit["find"]) == 1, f"{edit['find']!r} must occur once in {path.name}"
        path.write_bytes(text.replace(edit["find"], edit["replace"]).encode("utf-8"))


def _found(run, project: Path, rules: set[str]) -> list[dict]:
    roles = {_deliverable_file(project, "notes").name: "notes", _deliverable_file(project, "output").name: "output"}
    found = []
    for finding in run.findings:
        if finding["rule"] not in rules:
            continue
        where = {"rule": finding["rule"], "file": roles[Path(finding["file"]).name], "line": finding["line"], "column": finding["column"]}
        if finding["pointer"] is not None:
            where["pointer"] = finding["pointer"]
        found.append(where)
    return sorted(found, key=lambda f: (f["file"], f["line"], f["column"], f["rule"]))


@pytest.mark.parametrize("name,case", ALL, ids=[name for name, _ in ALL])
def test_case(name: str, case: dict, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / case["base"], project)
    _apply(project, case.get("edit", []))
    extra = tuple(case.get("args", ()))
    run = lint_json(project, extra=("--no-cache", *extra))
    expected = sorted(
        ({k: v for k, v in e.items() if k != "message"} for e in case["expect"]),
        key=lambda f: (f["file"], f["line"], f["column"], f["rule"]),
    )
    # Every finding counts, so a case also proves that its edits raise nothing else.
    assert _found(run, project, {f["rule"] for f in run.findings}) == expected
    for wanted in case["expect"]:
        if "message" in wanted:
            assert any(wanted["message"] in f["message"] for f in run.findings if f["rule"] == wanted["rule"]), wanted
    assert run.exit_code == (1 if any(_severity(run, e) == "error" for e in case["expect"]) else 0)


def _severity(run, expected: dict) -> str:
    return next(f["severity"] for f in run.findings if f["rule"] == expected["rule"] and f["line"] == expected["line"])


def test_every_case_file_has_a_passing_and_a_failing_case() -> None:
    by_file: dict[str, set[bool]] = {}
    for name, case in ALL:
        by_file.setdefault(name.split(":")[0], set()).add(bool(case["expect"]))
    assert by_file and all(kinds == {True, False} for kinds in by_file.values()), by_file
