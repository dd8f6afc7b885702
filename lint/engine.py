"""Run the rules over deliverables and decide what is reported.

The engine never prints and never exits: it returns results for a reporter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lint.checks import REGISTRY, Problem, Rule
from lint.config import PathRule
from lint.deliverable import Deliverable
from lint.discover import Unit
from lint.documents.loading import DEFAULT_MAX_BYTES
from lint.model import Finding, Severity
from lint.scoring import deliverable_score, overall_score
from lint.suppression import parse_suppressions


@dataclass(frozen=True)
class Settings:
    """What the user chose: which rules run, at which severity, and limits."""

    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    severities: dict[str, Severity] = field(default_factory=dict)
    per_file_ignores: tuple[PathRule, ...] = ()
    max_bytes: int = DEFAULT_MAX_BYTES
    honour_suppressions: bool = True
    template_dir: Path | None = None

    def enabled(self, rule: Rule) -> bool:
        if rule.name in self.ignore:
            return False
        return self.select is None or rule.name in self.select

    def severity(self, rule: Rule) -> Severity:
        return self.severities.get(rule.name, rule.severity)

    def ignored_at(self, finding: Finding) -> bool:
        return any(finding.rule in p.rules and p.applies(finding.path, finding.pointer) for p in self.per_file_ignores)


@dataclass
class UnitResult:
    unit: Unit
    findings: list[Finding]
    sources: dict[Path, list[str]]
    size: int = 0

    @property
    def score(self) -> float:
        return deliverable_score(self.findings, self.size)

    @property
    def files(self) -> list[Path]:
        return [self.unit.notes_path, self.unit.output_path]


@dataclass
class RunResult:
    units: list[UnitResult]

    @property
    def findings(self) -> list[Finding]:
        return [f for unit in self.units for f in unit.findings]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def fails(self, level: Severity) -> bool:
        return any(f.severity >= level for f in self.findings)

    @property
    def score(self) -> float | None:
        return overall_score([unit.score for unit in self.units])


def _to_finding(problem: Problem, rule: Rule, severity: Severity) -> Finding:
    return Finding(
        path=Path(problem.path),
        line=max(1, problem.line),
        column=max(1, problem.column),
        rule=rule.name,
        message=problem.message,
        hint=problem.hint,
        severity=severity,
        pointer=problem.pointer,
        end_line=problem.end_line,
        end_column=problem.end_column,
        fix=problem.fix,
    )


def lint_unit(unit: Unit, settings: Settings, contents: dict | None = None) -> UnitResult:
    """Lint one deliverable; ``contents`` gives file bytes to use instead of the disk's."""
    deliverable = Deliverable(unit, settings.max_bytes, contents, settings.template_dir)
    findings: set[Finding] = set()
    for rule in REGISTRY.values():
        if rule.decided or not settings.enabled(rule):
            continue
        if not all(deliverable.available(name) for name in rule.needs):
            continue
        severity = settings.severity(rule)
        chosen = rule.name in settings.severities
        for problem in rule.check(deliverable):
            level = problem.severity if problem.severity is not None and not chosen else severity
            findings.add(_to_finding(problem, rule, level))
    kept = _decide(deliverable, findings, settings)
    sources = {}
    if deliverable.notes is not None:
        sources[unit.notes_path] = deliverable.notes.lines
    if deliverable.output is not None:
        sources[unit.output_path] = deliverable.output.text.splitlines()
    kept.sort(key=lambda f: (str(f.path), f.line, f.column, f.rule, f.message))
    return UnitResult(unit, kept, sources, deliverable.size)


def _decide(deliverable: Deliverable, findings: set[Finding], settings: Settings) -> list[Finding]:
    """Drop what the configuration and the notes' suppression comments silence."""
    kept = [f for f in findings if not settings.ignored_at(f)]
    notes = deliverable.notes
    if notes is None or not settings.honour_suppressions or "worker-lint-" not in notes.text:
        return kept
    suppressions = parse_suppressions(notes)
    notes_path = deliverable.notes_path
    kept = [f for f in kept if f.path != notes_path or not suppressions.suppress(f.rule, f.line)]
    unused_rule = REGISTRY["unused-suppression"]
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


def lint_units(units: list[Unit], settings: Settings) -> RunResult:
    return RunResult([lint_unit(unit, settings) for unit in units])
