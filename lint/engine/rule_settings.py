"""The settings the rules run under, reduced to what changes a finding."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from lint.model import Finding, Severity
from lint.settings.globs import PathRule
from lint.settings.limits import DEFAULT_MAX_BYTES, MAX_JSON_DEPTH, MAX_MARKDOWN_DEPTH

if TYPE_CHECKING:
    from lint.checks.base import Rule
    from lint.settings.model import Settings


class RuleSettings(NamedTuple):
    """The part of the settings that shapes findings: what the cache keys on and processes receive."""

    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    severities: dict[str, Severity] = {}  # one shared empty table: it is only read
    per_file_ignores: tuple[PathRule, ...] = ()
    max_bytes: int = DEFAULT_MAX_BYTES
    max_json_depth: int = MAX_JSON_DEPTH
    max_markdown_depth: int = MAX_MARKDOWN_DEPTH
    honour_suppressions: bool = True
    template_dir: Path | None = None
    source_roots: tuple[tuple[str, Path], ...] = ()
    source_check: bool = True

    def enabled(self, rule: Rule) -> bool:
        if rule.name in self.ignore:
            return False
        return self.select is None or rule.name in self.select

    def severity(self, rule: Rule) -> Severity:
        return self.severities.get(rule.name, rule.severity)

    def ignored_at(self, finding: Finding) -> bool:
        return any(finding.rule in p.rules and p.applies(finding.path, finding.pointer) for p in self.per_file_ignores)



    @classmethod
    def from_settings(cls, settings: Settings) -> RuleSettings:
        return cls(
            select=settings.select,
            ignore=settings.ignore,
            severities=dict(settings.severity),
            per_file_ignores=settings.per_file_ignores,
            max_bytes=settings.max_bytes,
            max_json_depth=settings.max_json_depth,
            max_markdown_depth=settings.max_markdown_depth,
            honour_suppressions=not settings.ignore_suppressions,
            template_dir=settings.templates,
            source_roots=tuple((prefix, folder.resolve()) for prefix, folder in settings.source_roots),
            source_check=not settings.no_source_check,
        )
