"""Rule documentation, written once (the docstrings) and shown everywhere."""

from __future__ import annotations

from lint.checks import REGISTRY, Rule

TABLE_START = "<!-- rules-table:start -->"
TABLE_END = "<!-- rules-table:end -->"


def rule_table_rows() -> list[dict]:
    return [
        {"name": r.name, "severity": r.severity.label, "fixable": r.fixable, "summary": r.summary}
        for r in sorted(REGISTRY.values(), key=lambda r: r.name)
    ]


def markdown_table() -> str:
    lines = ["| rule | default severity | fixable | what it reports |", "|---|---|---|---|"]
    for row in rule_table_rows():
        lines.append(f"| `{row['name']}` | {row['severity']} | {'yes' if row['fixable'] else 'no'} | {row['summary']} |")
    return "\n".join(lines)


def render_explanation(rule: Rule) -> str:
    header = f"# {rule.name}\n\nDefault severity: {rule.severity.label}. Fixable: {'yes' if rule.fixable else 'no'}.\n{rule.summary}\n"
    return f"{header}\n{rule.documentation}\n"
