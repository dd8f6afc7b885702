"""The decision step: what the configuration and the notes' suppression comments silence,
and which findings are listed.

Each finding is decided as soon as a rule makes it, and only the first
``most`` of each rule in each file are kept (the rest are counted exactly), so
time and memory follow what is printed, not what a hostile file can provoke.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from lint.engine.rule_settings import RuleSettings
from lint.model import Elided, Finding, Severity
from lint.shown import printable

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable


def listing_order(finding: Finding) -> tuple:
    """The order findings are listed in, and the order the cap keeps the first of."""
    return (str(finding.path), finding.line, finding.column, finding.rule, finding.message, finding.pointer or "", finding.hint, finding.severity)


class Decider:
    """Takes findings one by one; gives the listed ones, the counts of the others, and (for
    ``--fix``) the edits of every finding that stands, listed or not."""

    def __init__(self, deliverable: Deliverable, settings: RuleSettings, most: int, keep_edits: bool = False) -> None:
        self.settings = settings
        self.most = most
        self.suppressions: Any = None
        self.notes_path = deliverable.notes_path
        notes = deliverable.notes
        if notes is not None and settings.honour_suppressions and "worker-lint-" in notes.text:
            from lint.analysis.suppressions import parse_suppressions

            self.suppressions = parse_suppressions(notes)
        self._seen: set[int] = set()  # findings already taken (by hash: a rule may make one twice)
        self._groups: dict[tuple[Path, str], list[Finding]] = {}
        self._over: dict[tuple[Path, str, Severity], int] = {}
        self._over_fixable: dict[tuple[Path, str, Severity], int] = {}
        self.edits: list | None = [] if keep_edits else None
        self._ignores: dict[tuple[str, Path, str | None], bool] = {}

    def _ignored(self, finding: Finding) -> bool:
        """Per-file ignores, decided once per rule, file and pointer (globs resolve the file's folder)."""
        key = (finding.rule, finding.path, finding.pointer)
        if key not in self._ignores:
            self._ignores[key] = self.settings.ignored_at(finding)
        return self._ignores[key]

    def offer(self, finding: Finding) -> None:
        if self.settings.per_file_ignores and self._ignored(finding):
            return
        if self.suppressions is not None and finding.path == self.notes_path and self.suppressions.suppress(finding.rule, finding.line):
            return
        key = hash(finding)
        if key in self._seen:
            return
        self._seen.add(key)
        if self.edits is not None:
            self.edits.extend(finding.fix)
        group = self._groups.setdefault((finding.path, finding.rule), [])
        group.append(finding)
        if len(group) >= 2 * self.most + 64:
            self._trim(group)

    def _trim(self, group: list[Finding]) -> None:
        group.sort(key=listing_order)
        for dropped in group[self.most :]:
            over = (dropped.path, dropped.rule, dropped.severity)
            self._over[over] = self._over.get(over, 0) + 1
            if dropped.fix:
                self._over_fixable[over] = self._over_fixable.get(over, 0) + 1
        del group[self.most :]

    def finish(self) -> tuple[list[Finding], tuple[Elided, ...]]:
        """The listed findings in order, shown safely, and the counts of the rest."""
        self._unused_suppressions()
        kept: list[Finding] = []
        for group in self._groups.values():
            if len(group) > self.most:
                self._trim(group)
            kept.extend(group)
        kept.sort(key=listing_order)
        shown = [_shown(f) for f in kept]
        return shown, tuple(Elided(path, rule, severity, count, self._over_fixable.get((path, rule, severity), 0))
                            for (path, rule, severity), count in self._over.items())

    def _unused_suppressions(self) -> None:
        if self.suppressions is None:
            return
        from lint.checks import REGISTRY
        from lint.checks.unused_suppression import NAME as UNUSED_SUPPRESSION

        unused_rule = REGISTRY[UNUSED_SUPPRESSION]
        if not self.settings.enabled(unused_rule):
            return
        severity = self.settings.severity(unused_rule)
        for directive, rule_name, reason in self.suppressions.unused(set(REGISTRY)):
            finding = Finding(
                path=self.notes_path,
                line=directive.line,
                column=directive.column,
                rule=unused_rule.name,
                message=f"this worker-lint-{directive.kind} comment {reason}",
                hint=f"remove {'the rule ' + repr(rule_name) + ' from ' if rule_name and len(directive.rules) > 1 else ''}the comment",
                severity=severity,
            )
            if not self.settings.ignored_at(finding) and hash(finding) not in self._seen:
                self._seen.add(hash(finding))
                self._groups.setdefault((finding.path, finding.rule), []).append(finding)


def _shown(finding: Finding) -> Finding:
    """Values from the files are quoted in messages: shown, never acted on."""
    message, hint = printable(finding.message), printable(finding.hint)
    if message is finding.message and hint is finding.hint:
        return finding
    return finding.replaced(message=message, hint=hint)
