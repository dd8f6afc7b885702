"""statistics-count."""

from __future__ import annotations

from typing import Iterator

from lint.checks.base import Problem, rule
from lint.model import Severity
from lint.template import is_template_entry


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def expected_count(d, statistic) -> tuple[int, str] | None:
    """What a statistic should be, and a phrase saying why; None when unknowable."""
    if statistic.count:
        total, names = 0, []
        for pointer, own in statistic.count:
            entries = d.value_at(pointer)
            if not isinstance(entries, list):
                return None
            match = own if own is not None else statistic.where
            kept = [e for e in entries if not is_template_entry(e) and match(e)]
            total += len(kept)
            names.append(pointer.lstrip("/") + (f" ({own.describe()})" if own is not None and own.conditions else ""))
        what = " and ".join(names)
        if statistic.where.conditions and all(own is None for _, own in statistic.count):
            return total, f"{what} hold {total} entr{'y' if total == 1 else 'ies'} with {statistic.where.describe()}"
        return total, f"{what} hold{'s' if len(names) == 1 else ''} {total} entr{'y' if total == 1 else 'ies'}"
    if statistic.notes_label is not None:
        if d.facts is None:
            return None
        line = d.facts.summary_lines.get(statistic.notes_label.casefold())
        number = line.integer() if line else None
        if number is None:
            return None
        return number, f"the notes' {line.label} (line {line.line}) says {number}"
    if statistic.equals is not None:
        other = d.value_at(statistic.equals)
        if not _is_count(other):
            return None
        return other, f"{statistic.equals.lstrip('/')} is {other}"
    return None


@rule("statistics-count", Severity.ERROR, "A statistic disagrees with what the deliverable holds.", needs=("output",), fixable=True)
def check(d) -> Iterator[Problem]:
    """
    ## What it does
    Recomputes every statistic the worker's pack defines and reports the ones
    that differ: counts of array entries (`total_api_endpoints` is the number of
    `api_specifications`), counts by priority (`critical_issues` is the entries
    with priority `critical` in `security_implementations` and
    `priority_actions`), and figures that mirror the notes (`files_analyzed`
    equals the Executive Summary's **Files Analyzed**). Template entries are not
    counted.

    ## Why is this bad?
    Statistics are what dashboards and the harness read instead of the arrays.
    An invented or stale count misreports the analysis.

    ## Example
    ```json
    {"api_specifications": [{"id": "API-001"}, {"id": "API-002"}],
     "statistics": {"total_api_endpoints": 5}}
    ```

    ## Use instead
    ```json
    {"statistics": {"total_api_endpoints": 2}}
    ```

    ## Fix
    `--fix` sets each counted statistic to the number the file implies. A figure
    that mirrors the notes (`files_analyzed`) is not changed: either side may be
    the wrong one.
    """
    for statistic in d.pack.statistics:
        value = d.value_at(statistic.pointer)
        if not _is_count(value):
            continue
        if statistic.notes_label is not None and d.facts is not None:
            section = d.facts.find_section(d.pack.summary_section)
            if section is not None and statistic.notes_label.casefold() not in d.facts.summary_lines:
                yield d.at_line(section.heading.line, 1, f"the {d.pack.summary_section} has no '{statistic.notes_label}' line",
                                f"add '- **{statistic.notes_label}**: {value}'")
                continue
        expected = expected_count(d, statistic)
        if expected is None or expected[0] == value:
            continue
        number, reason = expected
        name = statistic.pointer.lstrip("/").replace("/", ".")
        # Counts are the file's own facts; a figure mirrored from the notes could be wrong on either side.
        edit = d.replace_value(statistic.pointer, str(number)) if statistic.notes_label is None else None
        level = Severity.parse(statistic.level) if statistic.level else None
        yield d.at_pointer(statistic.pointer, f"{name} is {value}, but {reason}", f"set it to {number}", fix=[edit] if edit else (), severity=level)
