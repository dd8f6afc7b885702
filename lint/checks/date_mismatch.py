"""date-mismatch: the Executive Summary's date differs from the output's timestamp."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.checks.base import Problem, rule
from lint.model import Severity
from lint.patterns import lazy_pattern

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable

NAME = "date-mismatch"

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\b|T)")
_DAY_MONTH = lazy_pattern(r"^(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]+)\.?,? (\d{4})\b")
_MONTH_DAY = lazy_pattern(r"^([A-Za-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b")


def parse_date(text: str) -> date | None:
    """A calendar date written in an unambiguous form, or None."""
    text = text.strip()
    try:
        if match := _ISO.match(text):
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if (match := _DAY_MONTH.match(text)) and match.group(2).lower() in _MONTHS:
            return date(int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1)))
        if (match := _MONTH_DAY.match(text)) and match.group(1).lower() in _MONTHS:
            return date(int(match.group(3)), _MONTHS[match.group(1).lower()], int(match.group(2)))
    except ValueError:
        return None
    return None


@rule(NAME, Severity.ERROR, "The Executive Summary's Analysis Date differs from the output's timestamp.", needs=("notes", "output"))
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    Compares the Executive Summary's date line (`- **Analysis Date**: ...`) with
    the output's `analysis_metadata.timestamp`, as the worker's pack says
    (`[date]`): the same calendar day in any unambiguous form (`2025-09-14`,
    `14 September 2025`, `September 14, 2025`), or, for workers whose contract
    asks for it, the very same string. A date that cannot be read is not judged.

    ## Why is this bad?
    The two files describe one analysis. A date that differs shows that one of
    them was copied from another session or never updated.

    ## Example
    ```markdown
    - **Analysis Date**: 2025-09-13
    ```
    with `"timestamp": "2025-09-14T10:30:12.345678"` in the JSON.

    ## Use instead
    ```markdown
    - **Analysis Date**: 2025-09-14
    ```

    ## Options
    - `date.label` (pack): the Executive Summary's date line; without a `[date]` table the rule does nothing.
    - `date.pointer` (pack): the output's timestamp.
    - `date.compare` (pack): `date`, the same calendar day in any unambiguous form (default), or `exact`, the same string.
    - `sections.summary` (pack): the section that holds the date line.
    """
    spec, facts = d.pack.date, d.facts
    if spec is None or facts is None:
        return
    line = facts.summary_lines.get(spec.label.casefold())
    stamp = d.value_at(spec.pointer)
    if line is None or not isinstance(stamp, str) or not line.value.strip():
        return
    written = line.value.strip()
    if spec.compare == "exact":
        if written != stamp:
            yield d.at_line(line.line, line.value_column, f"{spec.label} is '{written[:40]}' but the output's timestamp is '{stamp[:40]}'",
                            f"write '{stamp}', as in {d.output_path.name}")
        return
    notes_day, json_day = parse_date(written), parse_date(stamp)
    if notes_day is not None and json_day is not None and notes_day != json_day:
        yield d.at_line(line.line, line.value_column, f"{spec.label} is {notes_day.isoformat()} but the output's timestamp is {json_day.isoformat()}",
                        f"write the date of the analysis: {json_day.isoformat()}")
