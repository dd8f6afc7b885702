"""The README stays true: its rule table, its commands, and CI's test command."""

from __future__ import annotations

import re

from conftest import ROOT
from lint.checks.docs import TABLE_END, TABLE_START, markdown_table

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_rule_table_is_current() -> None:
    start = README.index(TABLE_START) + len(TABLE_START)
    end = README.index(TABLE_END)
    assert README[start:end].strip() == markdown_table(), "regenerate with: worker-lint rules --format markdown"


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section)


def test_quick_start_has_exactly_two_commands() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2
    assert "worker-lint check fixtures/example" in commands[0]
    assert "pytest" in commands[1] and ".[test]" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert quick_start_commands()[1] in ci


def test_every_rule_is_documented_in_the_ruff_manner() -> None:
    from lint.checks import REGISTRY

    for rule in REGISTRY.values():
        doc = rule.documentation
        for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
            assert heading in doc, (rule.name, heading)
