"""dangling-reference: an id referred to is defined nowhere in the deliverable."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterable, Iterator

from lint.checks.base import Problem, rule
from lint.analysis.json_values import iter_pattern
from lint.model import Severity
from lint.analysis.template_residue import is_template_entry

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable
    from lint.analysis.notes_facts import NotesFacts
    from lint.documents.jsondoc import JsonDocument

NAME = "dangling-reference"


def _defined_ids(output: JsonDocument, patterns: Iterable[str]) -> set[str]:
    ids = set()
    for pattern in patterns:
        entries_pattern, _, key = pattern.rpartition("/")
        for _, entry in iter_pattern(output.value, entries_pattern):
            if isinstance(entry, dict) and not is_template_entry(entry) and isinstance(entry.get(key), str):
                ids.add(entry[key])
    return ids


@rule(NAME, Severity.WARNING, "An id referred to is defined nowhere in the deliverable.")
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    Follows the cross-references the worker's pack declares (`[[references]]`):
    for the analyzer, every id in `priority_actions[*].related_findings` must be
    the `id` of an entry in `security_findings`, `performance_issues` or
    `quality_metrics` of the same file. In the notes, every mention of one of
    the worker's issue ids (`BACKEND-HIGH-004` in a roadmap) must be defined
    somewhere in the notes (a heading or a bold id). Reports each id that is
    defined nowhere. Template entries define nothing.

    ## Why is this bad?
    Actions are traced back to the findings that justify them. A reference to
    an id that does not exist breaks that trace, usually after a finding was
    renumbered or removed.

    ## Example
    ```json
    {"security_findings": [{"id": "SEC-001"}],
     "priority_actions": [{"action": "Rotate keys", "related_findings": ["SEC-002"]}]}
    ```

    ## Use instead
    ```json
    {"priority_actions": [{"action": "Rotate keys", "related_findings": ["SEC-001"]}]}
    ```

    ## Options
    - `references.from` (pack): where ids are referred to in the output: a pointer pattern to strings or arrays of strings.
    - `references.ids` (pack): the `id` keys of the entries that define those ids (`/security_findings/*/id`).
    - `issue_ids` (pack): the notes' issue ids, whose every mention must be defined in the notes.
    """
    if d.facts is not None:
        yield from _notes(d, d.facts)
    output = d.output
    if output is None:
        return
    in_notes = {m.ident for m in d.facts.id_mentions if not m.problem} if d.facts is not None else set()
    for reference in d.pack.references:
        defined = _defined_ids(output, reference.ids) | in_notes
        for pointer, value in iter_pattern(output.value, reference.source):
            if d.in_template_entry(pointer):
                continue
            items = [(pointer, value)] if isinstance(value, str) else (
                [(f"{pointer}/{i}", v) for i, v in enumerate(value)] if isinstance(value, list) else []
            )
            for item_pointer, ident in items:
                if isinstance(ident, str) and ident.strip() and ident not in defined:
                    yield d.at_pointer(
                        item_pointer,
                        f"'{ident}' is referred to here but no entry defines it, and the notes do not name it",
                        "refer to an id defined in this file or in the notes, or add the entry it names",
                    )


def _notes(d: Deliverable, facts: NotesFacts) -> Iterator[Problem]:
    mentions = [m for m in facts.id_mentions if not m.problem]
    defined = facts.defined_ids
    reported = set()
    for mention in mentions:
        if mention.ident not in defined and mention.ident not in reported:
            reported.add(mention.ident)
            yield d.at_line(mention.line, mention.column, f"issue id {mention.ident} is mentioned but defined nowhere in the notes",
                            "define it where the issue is described (a heading or a bold id), or correct the reference",
                            end_column=mention.end_column)
