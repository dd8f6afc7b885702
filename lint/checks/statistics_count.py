"""statistics-count: a statistic disagrees with what the deliverable holds."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeGuard
from collections.abc import Iterator

from lint.checks.base import Problem, rule
from lint.analysis.issue_counts import IssueCounts, distinct_issues, notes_ids
from lint.model import Severity
from lint.analysis.template_residue import is_template_entry

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable
    from lint.packs import Statistic

NAME = "statistics-count"


def _is_count(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _counted_entries(d: Deliverable, statistic: Statistic) -> tuple[list[tuple[str, Any]], list[str]] | None:
    """The entries a counting statistic counts, (pointer, entry), and how to name the
    arrays; None when unknowable."""
    kept, names = [], []
    for pointer, own in statistic.counted:
        entries = d.value_at(pointer)
        if not isinstance(entries, list):
            return None
        match = own if own is not None else statistic.where
        kept += [(f"{pointer}/{i}", e) for i, e in enumerate(entries) if not is_template_entry(e) and match(e)]
        names.append(pointer.lstrip("/") + (f" ({own.describe()})" if own is not None and own.conditions else ""))
    return kept, names


def expected_count(d: Deliverable, statistic: Statistic) -> tuple[int, str] | None:
    """What a statistic should be, and a phrase saying why; None when unknowable."""
    if statistic.counted:
        counted = _counted_entries(d, statistic)
        if counted is None:
            return None
        kept, names = counted
        total = len(kept)
        what = " and ".join(names)
        if statistic.where.conditions and all(own is None for _, own in statistic.counted):
            return total, f"{what} hold {total} entr{'y' if total == 1 else 'ies'} with {statistic.where.describe()}"
        return total, f"{what} hold{'s' if len(names) == 1 else ''} {total} entr{'y' if total == 1 else 'ies'}"
    if statistic.notes_label is not None:
        if d.facts is None:
            return None
        line = d.facts.summary_lines.get(statistic.notes_label.casefold())
        number = line.integer() if line else None
        if line is None or number is None:
            return None
        return number, f"the notes' {line.label} (line {line.line}) says {number}"
    if statistic.equals is not None:
        other = d.value_at(statistic.equals)
        if not _is_count(other):
            return None
        return other, f"{statistic.equals.lstrip('/')} is {other}"
    return None


def _issue_counts(d: Deliverable, statistic: Statistic) -> IssueCounts | None:
    counted = _counted_entries(d, statistic)
    if counted is None:
        return None
    kept, _ = counted
    defined = d.facts.defined_ids if d.facts is not None else {}
    severity = statistic.issues
    in_notes = notes_ids(frozenset(defined), severity) if defined and severity is not None else None  # no ids at all: no such reading
    return IssueCounts(len(kept), distinct_issues(kept, d.output_issue_ids), in_notes)


def _issues_problem(d: Deliverable, statistic: Statistic, value: int) -> Problem | None:
    """A count of issues is right under any of three readings (see the rule's documentation)."""
    counts = _issue_counts(d, statistic)
    if counts is None or counts.accepts(value):
        return None
    expected = expected_count(d, statistic)
    readings = [expected[1] if expected else f"{counts.entries} matching entries",
                f"{counts.distinct} distinct issue{'s' if counts.distinct != 1 else ''} among them"]
    if counts.notes_ids is not None:
        readings.append(f"the notes define {counts.notes_ids} {d.pack.issue_ids.prefix}-{statistic.issues} id{'s' if counts.notes_ids != 1 else ''}")
    choices = sorted({counts.entries, counts.distinct} | ({counts.notes_ids} if counts.notes_ids is not None else set()))
    name = statistic.pointer.lstrip("/").replace("/", ".")
    edit = d.replace_value(statistic.pointer, str(counts.entries))
    return d.at_pointer(statistic.pointer, f"{name} is {value}, but {'; '.join(readings)}",
                        f"set it to {' or '.join(map(str, choices))}, whichever way the deliverable counts issues",
                        fix=[edit] if edit else ())


@rule(NAME, Severity.ERROR, "A statistic disagrees with what the deliverable holds.", needs=("output",), fixable=True)
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    Recomputes every statistic the worker's pack defines and reports the ones
    that differ: counts of array entries (`total_api_endpoints` is the number of
    `api_specifications`, exactly), figures that mirror the notes
    (`files_analyzed` equals the Executive Summary's **Files Analyzed**), and
    counts of a part (the test worker's `total_test_files_analyzed` may not
    exceed `files_analyzed`). Template entries are not counted.

    Counts of issues by priority (`critical_issues`, `high_priority_items`)
    are right under any of three readings, because one issue often appears in
    several arrays (the finding, and the action that schedules it) and workers
    count it either way: the entries with that priority in the arrays the pack
    names (`security_implementations` and `priority_actions` for the backend);
    the distinct issues among them (entries that share an id, name the same
    notes id, or list each other in `related_findings` are one); or the ids of
    that severity the notes define (`BACKEND-CRIT-...`, where they open a
    heading or a bold line; this reading applies when the notes define ids at
    all). It is a finding only when it matches none of them.

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
    `--fix` sets each counted statistic to the number the file implies (for a
    count of issues, its matching entries). A figure that mirrors the notes
    (`files_analyzed`) or bounds a part is not changed: either side may be the
    wrong one.

    ## Options
    - `statistics.pointer` (pack): the statistic.
    - `statistics.count` (pack): the arrays whose entries it counts, each with conditions of its own or none.
    - `statistics.where` (pack): conditions an entry must meet to be counted.
    - `statistics.issues` (pack): it counts issues of this severity of the notes' ids: any of three readings is right.
    - `statistics.notes_label` (pack): it equals the number on this Executive Summary line.
    - `statistics.equals` (pack): it equals the value at this pointer.
    - `statistics.at_most` (pack): it counts a part of the value at this pointer, so it may not exceed it.
    - `statistics.level` (pack): the severity of a mismatch of this statistic (default: the rule's).
    - `sections.summary` (pack): the section that holds the lines `notes_label` names.
    - `issue_ids.prefix` (pack): the prefix of the notes' ids an issue count is compared with.
    """
    # A statistic the pack describes twice (two readings that must both hold) is reported once.
    reported: set[str] = set()
    for statistic in d.pack.statistics:
        if statistic.pointer not in reported and (problem := _problem(d, statistic)) is not None:
            reported.add(statistic.pointer)
            yield problem


def _problem(d: Deliverable, statistic: Statistic) -> Problem | None:
    """What is wrong with one statistic, or None when it is right or cannot be checked."""
    value = d.value_at(statistic.pointer)
    if not _is_count(value):
        return None
    name = statistic.pointer.lstrip("/").replace("/", ".")
    if statistic.issues is not None:
        return _issues_problem(d, statistic, value)
    if statistic.at_most is not None:
        whole, whole_name = d.value_at(statistic.at_most), statistic.at_most.lstrip("/").replace("/", ".")
        if _is_count(whole) and value > whole:
            return d.at_pointer(statistic.pointer, f"{name} is {value}, more than {whole_name} ({whole}), of which it counts a part",
                                f"count at most {whole}, or correct {whole_name}")
        return None
    if statistic.notes_label is not None and d.facts is not None:
        section = d.facts.find_section(d.pack.summary_section)
        if section is not None and statistic.notes_label.casefold() not in d.facts.summary_lines:
            return d.at_line(section.heading.line, 1, f"the {d.pack.summary_section} has no '{statistic.notes_label}' line",
                             f"add '- **{statistic.notes_label}**: {value}'")
    expected = expected_count(d, statistic)
    if expected is None or expected[0] == value:
        return None
    number, reason = expected
    # Counts are the file's own facts; a figure mirrored from the notes could be wrong on either side.
    edit = d.replace_value(statistic.pointer, str(number)) if statistic.notes_label is None else None
    level = Severity.parse(statistic.level) if statistic.level else None
    return d.at_pointer(statistic.pointer, f"{name} is {value}, but {reason}", f"set it to {number}", fix=[edit] if edit else (), severity=level)
