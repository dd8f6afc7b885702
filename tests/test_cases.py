"""Small realistic cases, each a few edits to a clean fixture, with the exact findings they give.

A case file in ``fixtures/cases/`` covers one class of writing: what careful
workers write that must pass, and the mistake next to it that must fail, at an
exact place. The format is described in ``fixtures/cases/README.md``. Cases are
linted in memory, through ``rulecheck``.
"""

from __future__ import annotations

import tomllib

import pytest

import lint
from conftest import FIXTURES
from rulecheck import base, check, located

CASES = FIXTURES / "cases"
CASE_KEYS = {"name", "base", "expect", "edit"}
EXPECT_KEYS = {"rule", "file", "line", "column", "pointer", "message"}


def _load_cases() -> list[tuple[str, dict]]:
    found = []
    for path in sorted(CASES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for case in data["case"]:
            name = f"{path.stem}: {case['name']}"
            assert set(case) <= CASE_KEYS, f"{name}: unknown keys {sorted(set(case) - CASE_KEYS)}"
            assert all(set(e) <= EXPECT_KEYS for e in case["expect"]), f"{name}: an expected finding has unknown keys"
            found.append((name, case))
    return found


ALL = _load_cases()


def _place(expected: dict) -> str:
    """An expected finding as rulecheck writes it: ``file:line:column rule [pointer]``."""
    pointer = " " + (expected["pointer"] or '""') if "pointer" in expected else ""
    return f"{expected['file']}:{expected['line']}:{expected['column']} {expected['rule']}{pointer}"


@pytest.mark.parametrize("name,case", ALL, ids=[name for name, _ in ALL])
def test_case(name: str, case: dict) -> None:
    edits: dict[str, list[tuple[str, str]]] = {"notes": [], "output": []}
    for edit in case.get("edit", []):
        edits[edit["file"]].append((edit["find"], edit["replace"]))
    # Every finding counts, so a case also proves that its edits raise nothing else.
    result = check(case["base"], notes=edits["notes"], output=edits["output"], expect=[_place(e) for e in case["expect"]])
    clean = base(case["base"])
    at = {located(f, clean.notes_name, clean.output_name): f for f in result.findings}
    for wanted in case["expect"]:
        if "message" in wanted:
            assert wanted["message"] in at[_place(wanted)].message, wanted
    assert result.exit_code == (1 if any(f.severity is lint.Severity.ERROR for f in result.findings) else 0)


def test_every_case_file_has_a_passing_and_a_failing_case() -> None:
    by_file: dict[str, set[bool]] = {}
    for name, case in ALL:
        by_file.setdefault(name.split(":")[0], set()).add(bool(case["expect"]))
    assert by_file and all(kinds == {True, False} for kinds in by_file.values()), by_file
