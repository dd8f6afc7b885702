"""What the score rules share: which JSON values are scores at all."""

from __future__ import annotations

from typing import Any


def valid_score(value: Any) -> float | None:
    """A JSON number from 0 to 10, as a float; None for anything else (score-range reports it)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 10:
        return float(value)
    return None
