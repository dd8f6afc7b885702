"""What a run gives back: each deliverable's findings and score, and the one verdict.

Pass or fail is decided here and nowhere else: every format, the exit code,
the logged event and the API read ``passed`` from these objects.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

from lint.discover import Unit
from lint.engine.scoring import deliverable_score, overall_score
from lint.model import Elided, Finding, Severity
from lint.records import FrozenRecord, Record


class Policy(FrozenRecord):
    """When a deliverable fails: a finding at or above ``fail_level``, or a score under ``fail_under``."""

    __slots__ = ("fail_level", "fail_under")
    _fields = __slots__

    fail_level: Severity
    fail_under: float | None

    def __init__(self, fail_level: Severity = Severity.ERROR, fail_under: float | None = None) -> None:
        object.__setattr__(self, "fail_level", fail_level)
        object.__setattr__(self, "fail_under", fail_under)

    def passes(self, findings: list[Finding], score: float, elided: tuple[Elided, ...] = ()) -> bool:
        if any(f.severity >= self.fail_level for f in findings) or any(e.severity >= self.fail_level for e in elided):
            return False
        return self.fail_under is None or score >= self.fail_under

    def reasons(self, findings: list[Finding], score: float, elided: tuple[Elided, ...] = ()) -> list[str]:
        """Why a deliverable fails, in words: empty when it passes."""
        reasons = []
        failing = sum(1 for f in findings if f.severity >= self.fail_level) + sum(e.count for e in elided if e.severity >= self.fail_level)
        if failing:
            reasons.append(f"{failing} finding(s) at or above {self.fail_level.label}")
        if self.fail_under is not None and score < self.fail_under:
            reasons.append(f"score {score} is under {self.fail_under:g}")
        return reasons


class UnitResult(Record):
    """One deliverable's findings; ``sources`` holds only the lines they point at."""

    _fields = ("unit", "findings", "sources", "size", "policy", "digests", "notes_text", "elided", "read_limit", "edits",
               "unchecked", "consulted")

    def __init__(
        self,
        unit: Unit,
        findings: list[Finding],
        sources: dict[Path, dict[int, str]],
        size: int = 0,
        policy: Policy | None = None,
        digests: tuple[bytes | None, bytes | None] = (None, None),
        notes_text: str | None = None,
        elided: tuple[Elided, ...] = (),
        read_limit: int = 10 * 1024 * 1024,
        edits: list | None = None,
        unchecked: str | None = None,
        consulted: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.unit = unit
        self.findings = findings
        self.sources = sources
        self.size = size
        self.policy = Policy() if policy is None else policy
        self.digests = digests  # what was linted (SHA-256 of each file)
        self.notes_text = notes_text  # the notes, for a deliverable linted from contents in memory
        self.elided = elided  # findings beyond the listing cap: counted, not listed
        self.read_limit = read_limit  # the largest file the run read (max-file-size), for quoting the notes
        self.edits = edits  # for --fix: the edits of every finding, listed or not
        self.unchecked = unchecked  # an absolute reference under no source root, when none of the deliverable's could be checked
        self.consulted = consulted  # the source files its evidence was checked against, with their stamps

    @cached_property
    def score(self) -> float:
        return deliverable_score(self.findings, self.size, self.elided)

    @property
    def passed(self) -> bool:
        """The verdict on this deliverable under the run's policy."""
        return self.policy.passes(self.findings, self.score, self.elided)

    @property
    def reasons(self) -> list[str]:
        return self.policy.reasons(self.findings, self.score, self.elided)

    @property
    def total(self) -> int:
        """Every finding, listed or not."""
        return len(self.findings) + sum(e.count for e in self.elided)

    @property
    def files(self) -> list[Path]:
        return [self.unit.notes_path, self.unit.output_path]

    def count(self, severity: Severity) -> int:
        """Findings of this severity, listed or not."""
        return sum(1 for f in self.findings if f.severity == severity) + sum(e.count for e in self.elided if e.severity == severity)

    def to_worker_output(self) -> dict[str, Any]:
        """This deliverable's result as the harness's ``WorkerOutput`` (a plain dict)."""
        from lint.worker_output import worker_output

        return worker_output(self)


class RunResult(Record):
    """Every deliverable's result under one policy; ``passed`` when each of them passes."""

    _fields = ("units", "policy", "notes")

    def __init__(self, units: list[UnitResult], policy: Policy | None = None, notes: list[str] | None = None) -> None:
        self.units = units
        self.policy = Policy() if policy is None else policy
        self.notes = [] if notes is None else notes  # what discovery passed over, for the reader
        for unit in self.units:
            unit.policy = self.policy

    @classmethod
    def joined(cls, parts: list[RunResult]) -> RunResult:
        """One result of runs made with different settings: each deliverable keeps the policy it
        was judged by; the run's own (what a report's summary names) is the first part's."""
        policies = [unit.policy for part in parts for unit in part.units]
        joined = cls([unit for part in parts for unit in part.units], parts[0].policy if parts else Policy())
        for unit, policy in zip(joined.units, policies):
            unit.policy = policy
        joined.notes = [note for part in parts for note in part.notes]
        return joined

    @property
    def passed(self) -> bool:
        return all(unit.passed for unit in self.units)

    @property
    def exit_code(self) -> int:
        """What ``worker-lint check`` exits with for this result: 0 passed, 1 failed."""
        return 0 if self.passed else 1

    @property
    def deliverables(self) -> list[UnitResult]:
        return self.units

    def to_worker_output(self) -> dict[str, Any]:
        """The one deliverable's ``WorkerOutput``; a result of several deliverables
        gives one per deliverable (``result.deliverables[i].to_worker_output()``)."""
        if len(self.units) != 1:
            raise ValueError(f"this result holds {len(self.units)} deliverables, not one: "
                             "call to_worker_output() on each of result.deliverables")
        return self.units[0].to_worker_output()

    @property
    def findings(self) -> list[Finding]:
        return [f for unit in self.units for f in unit.findings]

    def count(self, severity: Severity) -> int:
        """Findings of this severity in every deliverable, listed or not."""
        return sum(unit.count(severity) for unit in self.units)

    @property
    def total(self) -> int:
        """Every finding, listed or not."""
        return sum(unit.total for unit in self.units)

    @property
    def elided(self) -> list[Elided]:
        return [e for unit in self.units for e in unit.elided]

    @property
    def score(self) -> float | None:
        return overall_score([unit.score for unit in self.units])
