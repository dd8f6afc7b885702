"""Rule documentation, written once (the docstrings) and shown everywhere."""

from __future__ import annotations

from lint.checks import REGISTRY, Rule

TABLE_START = "<!-- rules-table:start -->"
TABLE_END = "<!-- rules-table:end -->"

# Where worker-lint is published; pyproject.toml's [project.urls] names the same place.
HOMEPAGE = "https://github.com/worker-lint/worker-lint"


def rule_anchor(name: str) -> str:
    """The id of a rule's row in the README's rule table."""
    return f"rule-{name}"


def rule_url(name: str) -> str:
    """Where a rule is documented: its row of the README's rule table, one link for every format."""
    return f"{HOMEPAGE}#{rule_anchor(name)}"


def rule_table_rows() -> list[dict]:
    return [
        {"name": r.name, "severity": r.severity.label, "fixable": r.fixable, "summary": r.summary}
        for r in sorted(REGISTRY.values(), key=lambda r: r.name)
    ]


def markdown_table() -> str:
    """The README's rule table; each row carries the anchor that :func:`rule_url` links to."""
    lines = ["| rule | default severity | fixable | what it reports |", "|---|---|---|---|"]
    for row in rule_table_rows():
        anchor = f'<a id="{rule_anchor(row["name"])}"></a>'
        lines.append(f"| {anchor}`{row['name']}` | {row['severity']} | {'yes' if row['fixable'] else 'no'} | {row['summary']} |")
    return "\n".join(lines)


def section(rule: Rule, heading: str) -> str:
    """One ``## heading`` section of a rule's documentation, without the heading; empty when absent.

    A ``## `` line inside a fenced example is part of the example, not a heading.
    """
    found: list[str] | None = None
    fenced = False
    for line in rule.documentation.splitlines():
        if line.startswith(("```", "~~~")):
            fenced = not fenced
        if not fenced and line.startswith("## "):
            if found is not None:
                break
            if line[3:].strip() == heading:
                found = []
                continue
        if found is not None:
            found.append(line)
    return "\n".join(found or []).strip()


def description(rule: Rule) -> str:
    """What the rule does and why that matters, for a dashboard that shows a rule in a paragraph or two."""
    parts = [section(rule, "What it does"), section(rule, "Why is this bad?")]
    return "\n\n".join(part for part in parts if part) or rule.summary


def render_explanation(rule: Rule) -> str:
    header = f"# {rule.name}\n\nDefault severity: {rule.severity.label}. Fixable: {'yes' if rule.fixable else 'no'}.\n{rule.summary}\n"
    return f"{header}\n{rule.documentation}\n"
