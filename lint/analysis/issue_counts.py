"""Counting the issues of one severity, the three ways workers count them.

One issue often appears in several arrays: the finding, and the action that
schedules it. A statistic such as ``critical_issues`` is right when it equals
the matching entries, the distinct issues among them, or the ids of that
severity the notes define.
"""

from __future__ import annotations
from typing import NamedTuple




class IssueCounts(NamedTuple):
    entries: int
    distinct: int
    notes_ids: int | None  # None when the notes are not at hand

    def accepts(self, value: int) -> bool:
        return value in (self.entries, self.distinct, self.notes_ids)


def distinct_issues(entries: list[tuple[str, dict]], named: dict[str, frozenset[str]]) -> int:
    """Entries that share an id, name the same notes id, or list each other in
    ``related_findings`` are one issue. ``entries`` are (pointer, entry); ``named``
    gives the notes ids each entry's text names, by pointer."""
    parent = list(range(len(entries)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owners: dict[str, int] = {}
    for index, (pointer, entry) in enumerate(entries):
        keys = set(named.get(pointer, ()))
        if isinstance(entry.get("id"), str) and entry["id"].strip():
            keys.add(entry["id"].strip())
        related = entry.get("related_findings")
        if isinstance(related, list):
            keys.update(r.strip() for r in related if isinstance(r, str) and r.strip())
        for key in keys:
            if key in owners:
                parent[find(index)] = find(owners[key])
            else:
                owners[key] = index
    return len({find(i) for i in range(len(entries))})


def notes_ids(defined: frozenset[str], severity: str) -> int:
    """How many of the ids the notes define have this severity."""
    return sum(1 for ident in defined if ident.split("-")[-2] == severity)
