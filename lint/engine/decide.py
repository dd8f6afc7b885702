"""The decision step: what the configuration and the notes' suppression comments silence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lint.engine.rule_settings import RuleSettings
from lint.model import Finding

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable


def decide(deliverable: Deliverable, findings: set[Finding], settings: RuleSettings) -> list[Finding]:
    """Drop what the configuration and the notes' suppression comments silence."""
    kept = [f for f in findings if not settings.ignored_at(f)]
    notes = deliverable.notes
    if notes is None or not settings.honour_suppressions or "worker-lint-" not in notes.text:
        return kept
    from lint.checks import REGISTRY
    from lint.checks.unused_suppression import NAME as UNUSED_SUPPRESSION
    from lint.analysis.suppressions import parse_suppressions

    suppressions = parse_suppressions(notes)
    notes_path = deliverable.notes_path
    kept = [f for f in kept if f.path != notes_path or not suppressions.suppress(f.rule, f.line)]
    unused_rule = REGISTRY[UNUSED_SUPPRESSION]
    if settings.enabled(unused_rule):
        severity = settings.severity(unused_rule)
        for directive, rule_name, reason in suppressions.unused(set(REGISTRY)):
            finding = Finding(
                path=notes_path,
                line=directive.line,
                column=directive.column,
                rule=unused_rule.name,
                message=f"this worker-lint-{directive.kind} comment {reason}",
                hint=f"remove {'the rule ' + repr(rule_name) + ' from ' if rule_name and len(directive.rules) > 1 else ''}the comment",
                severity=severity,
            )
            if not settings.ignored_at(finding):
                kept.append(finding)
    return kept
