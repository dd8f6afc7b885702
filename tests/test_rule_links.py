"""One link per rule, made in one place, leading to a row of the README that exists."""

from __future__ import annotations

import re
import tomllib

from conftest import ROOT
from lint.checks import REGISTRY
from lint.checks.base import Rule
from lint.checks.docs import HOMEPAGE, description, rule_url, section
from lint.model import Severity

README = (ROOT / "README.md").read_text(encoding="utf-8")
URLS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]


def test_every_rule_url_leads_to_an_anchor_in_the_readme_rule_section() -> None:
    rules_section = README.split("\n## Rules\n", 1)[1].split("\n## ", 1)[0]
    anchors = re.findall(r'<a id="([^"]+)"></a>', rules_section)
    assert len(anchors) == len(set(anchors)) == len(REGISTRY)
    for name in REGISTRY:
        base, _, anchor = rule_url(name).partition("#")
        assert base == HOMEPAGE and anchor in anchors
        row = next(line for line in rules_section.splitlines() if f'<a id="{anchor}"></a>' in line)
        assert f"`{name}`" in row


def test_the_package_metadata_names_the_same_place() -> None:
    assert URLS["Homepage"] == HOMEPAGE
    assert URLS["Documentation"] == f"{HOMEPAGE}#rules" and "\n## Rules\n" in README


def _rule(doc: str) -> Rule:
    def check(d):  # pragma: no cover - never run
        return ()

    check.__doc__ = doc
    return Rule("example-rule", Severity.ERROR, "A summary.", frozenset(), check)


def test_a_description_is_what_the_rule_does_and_why_and_a_fenced_heading_stays_in_its_section() -> None:
    rule = _rule("""
        ## What it does
        Finds a thing:
        ```markdown
        ## Not a heading of the documentation
        ```

        ## Why is this bad?
        Because.

        ## Example
        Nothing.
        """)
    assert section(rule, "What it does") == "Finds a thing:\n```markdown\n## Not a heading of the documentation\n```"
    assert description(rule) == section(rule, "What it does") + "\n\nBecause."
    assert section(rule, "Options") == ""
    assert description(_rule("")) == "A summary."
