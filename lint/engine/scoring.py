"""One number per deliverable, from 0.0 to 10.0, in the spirit of pylint's score.

    score = 10 - 10 * (5 * errors + warnings + 0.1 * infos) / size

``size`` is how much there is to judge: the notes' sections, plus the objects
in the output's arrays (findings, specifications, actions), plus its scores.
Normalising by size means one warning in a large, good deliverable costs little,
while an error costs a point or more. The result is clamped to 0 and rounded
down to one decimal, so that it is 10.0 exactly when there is no finding. A
deliverable that cannot be checked (a file missing, unreadable, empty or not
JSON) scores 0.0: half of it is unverified.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable

from lint.model import Elided, Finding, Severity

WEIGHTS = {Severity.ERROR: 5.0, Severity.WARNING: 1.0, Severity.INFO: 0.1}
MIN_SIZE = 10


def penalty(findings: Iterable[Finding]) -> float:
    return sum(WEIGHTS[f.severity] for f in findings)


@functools.cache
def uncheckable() -> frozenset[str]:
    """The rules whose finding means the deliverable could not be checked (``blocks_score``).

    Their names come from the four small rule modules, imported only when a
    deliverable has findings: a clean or cached run loads no rule.
    """
    from lint.checks import deliverable_missing, file_empty, file_unreadable, json_syntax

    return frozenset({deliverable_missing.NAME, file_unreadable.NAME, file_empty.NAME, json_syntax.NAME})


def deliverable_score(findings: list[Finding], size: int, elided: Iterable[Elided] = ()) -> float:
    """``elided``: findings counted but not listed (beyond the cap), which weigh the same."""
    extra = sum(WEIGHTS[e.severity] * e.count for e in elided)
    if not findings:
        return 10.0
    if any(f.rule in uncheckable() for f in findings):
        return 0.0
    raw = 10.0 - 10.0 * (penalty(findings) + extra) / max(size, MIN_SIZE)
    return min(9.9, max(0.0, math.floor(raw * 10 + 1e-9) / 10))


def overall_score(scores: list[float]) -> float | None:
    """The mean of the deliverables' scores, rounded down like each of them."""
    if not scores:
        return None
    return math.floor(sum(scores) / len(scores) * 10 + 1e-9) / 10
