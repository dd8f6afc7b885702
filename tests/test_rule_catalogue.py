"""The rule catalogue keeps its shape: one rule per module, named after it, each documented with its options."""

from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys

import pytest

from conftest import ROOT
from lint.checks import NOT_RULES, REGISTRY, Rule, rule_modules
from lint.cli import cli

CHECKS = ROOT / "lint" / "checks"
PACK_SCHEMA = json.loads((ROOT / "schemas" / "pack.schema.json").read_text(encoding="utf-8"))
RULES = sorted(REGISTRY.values(), key=lambda r: r.name)
OPTION = re.compile(r"^- `(?P<name>[^`]+)` \((?P<kind>pack|setting)\): \S.*$")


def module_of(rule: Rule) -> str:
    return "lint.checks." + rule.name.replace("-", "_")


def options_lines(rule: Rule) -> list[str]:
    """The lines of the rule's ``## Options`` section, without blank ones."""
    section = rule.documentation.split("\n## Options\n", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.strip()]


def pack_key(dotted: str) -> dict | None:
    """The schema of a pack key such as ``issue_ids.in_output``; None when the pack has no such key."""
    node: dict = PACK_SCHEMA
    for part in dotted.split("."):
        while "properties" not in node and "items" in node:  # an array of tables: its keys are its items'
            node = node["items"]
        node = node.get("properties", {}).get(part)
        if node is None:
            return None
    return node


def test_rule_modules_are_every_module_of_the_folder_but_the_api_docs_and_helpers() -> None:
    on_disk = {path.stem for path in CHECKS.glob("*.py")} - {"__init__"}
    assert set(rule_modules()) == {name for name in on_disk if name not in NOT_RULES and not name.startswith("_")}
    assert rule_modules() == sorted(rule_modules())


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_a_rule_lives_in_the_module_named_after_it(rule: Rule) -> None:
    assert rule.check.__module__ == module_of(rule)
    assert importlib.import_module(module_of(rule)).NAME == rule.name


@pytest.mark.parametrize("module", rule_modules())
def test_a_rule_module_defines_exactly_one_rule(module: str) -> None:
    defined = [r.name for r in REGISTRY.values() if r.check.__module__ == f"lint.checks.{module}"]
    assert defined == [module.replace("_", "-")]


def test_the_registry_is_in_name_order() -> None:
    assert list(REGISTRY) == sorted(REGISTRY)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_a_rule_documents_what_it_does_why_and_its_options(rule: Rule) -> None:
    headings = re.findall(r"^## (.+)$", rule.documentation, re.M)
    for heading in ("What it does", "Why is this bad?", "Options"):
        assert headings.count(heading) == 1, (rule.name, heading)
    lines = options_lines(rule)
    if lines == ["None."]:
        return
    for line in lines:
        assert OPTION.match(line), f"{rule.name}: write '- `key` (pack): ...' or '- `--flag` (setting): ...', not {line!r}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_the_options_a_rule_names_exist(rule: Rule) -> None:
    flags = {flag for param in cli.commands["check"].params for flag in param.opts}
    for line in options_lines(rule):
        match = OPTION.match(line)
        if match is None:
            continue  # "None."
        name = match["name"]
        if match["kind"] == "pack":
            assert pack_key(name) is not None, f"{rule.name}: no key {name} in schemas/pack.schema.json"
        else:
            assert name in flags, f"{rule.name}: worker-lint check has no option {name}"


def test_the_options_check_tells_a_pack_key_from_a_made_up_one() -> None:
    assert pack_key("issue_ids.in_output") and pack_key("statistics.notes_label") and pack_key("evidence.critical")
    assert pack_key("summary.scores") is None and pack_key("scores.labels") is None


def test_the_score_of_an_uncheckable_deliverable_follows_the_rules_that_block_it() -> None:
    from lint.engine.scoring import uncheckable

    assert uncheckable() == {r.name for r in REGISTRY.values() if r.blocks_score}


def test_naming_a_rule_loads_that_rule_alone() -> None:
    probe = "import sys, lint.checks.file_empty; print(sorted(m for m in sys.modules if m.startswith('lint.checks')))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert eval(loaded) == ["lint.checks", "lint.checks._loading", "lint.checks.base", "lint.checks.file_empty"]


def test_the_decorator_returns_the_check_itself() -> None:
    assert importlib.import_module("lint.checks.json_syntax").check is REGISTRY["json-syntax"].check
