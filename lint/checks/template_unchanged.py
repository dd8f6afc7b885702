"""template-unchanged: a value or line is still the template's own."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.checks.base import Problem, rule
from lint.analysis.json_values import iter_pattern, iter_strings, short
from lint.model import Severity
from lint.analysis.template_residue import kept_labels
from lint.patterns import lazy_pattern

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable
    from lint.documents.jsondoc import JsonDocument

NAME = "template-unchanged"

_MIN_LENGTH = 6
_NUMBER = lazy_pattern(r"^[\d\s.,:%/-]*$")


def _fixed(d: Deliverable, output: JsonDocument) -> set[str]:
    """Pointers where the template's value is a fine real value: fixed by the
    contract (``worker_type``), or common (a JSON content type)."""
    fixed = {d.pack.worker_type_pointer} if d.pack.worker_type_pointer else set()
    for pattern in d.pack.same_as_template:
        fixed.update(pointer for pointer, _ in iter_pattern(output.value, pattern))
    return fixed | kept_labels(d)


@rule(NAME, Severity.ERROR, "A value or line is still the template's own, unchanged.")
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    When the worker's templates are at hand (in the harness at
    `.claude/agents/pydantic_ai/<worker>/templates/`, or named with
    `--templates DIR`), reports what the worker left exactly as the template
    wrote it: a JSON string equal to the template's string at the same place
    (list elements included, by position), and a line of prose in the notes
    equal to a line of the template (headings excepted). Values the contract
    fixes (`worker_type`), the places the pack lists in `same_as_template`,
    structural labels kept in a filled entry (the pack's `labels`: a roadmap
    phase's name and timeline), the id of one of the output's own entries (an
    action's `related_findings` naming `SEC-001`), very short strings and
    numbers are not compared. Without the templates, the rule does nothing.

    ## Why is this bad?
    Many template values carry no marker at all: an example path, a roadmap
    phase, a sample sentence. Only a comparison with the template shows that
    the worker never replaced them.

    ## Example
    ```json
    {"implementation_roadmap": [{"phase": "Phase 1: Critical fixes", "timeline": "Week 1-2"}]}
    ```
    where the template has exactly these values.

    ## Use instead
    The worker's own phases and timelines, or remove the part.

    ## Options
    - `--templates` (setting): the folder of the workers' templates (default: the harness's own, when found); without templates the rule does nothing.
    - `json.same_as_template` (pack): places where the template's own value is a fine real value.
    - `json.labels` (pack): template values that name a structure, kept where the rest of their entry is filled.
    - `json.residue` (pack): the template's example values that do not make an entry filled.
    - `metadata.worker_type` (pack): the worker type, which the contract fixes to the template's value.
    - `json.code_keys` (pack): keys whose strings hold code: their ids are not read.
    """
    templates = d.templates
    if templates is None:
        return
    if d.output is not None and templates.output is not None:
        expected = {pointer: text for pointer, text, _ in iter_strings(templates.output)}
        fixed = _fixed(d, d.output)
        # An id of one of the output's own entries names that entry, even where the template's example was the same id.
        entry_ids = d.output_entry_ids
        for pointer, text, _ in iter_strings(d.output.value):
            template_text = expected.get(pointer)
            if template_text is None or text != template_text or pointer in fixed or text in entry_ids:
                continue
            if len(text.strip()) < _MIN_LENGTH or _NUMBER.match(text) or d.in_template_entry(pointer):
                continue
            yield d.at_pointer(pointer, f"{short(text)} is the template's value here, never replaced",
                               "write the real value, or remove the part if it does not apply")
    if d.facts is not None and templates.notes_lines:
        for number, text in d.facts.prose_lines():
            stripped = text.strip()
            if stripped in templates.notes_lines:
                yield d.at_line(number, len(text) - len(text.lstrip()) + 1,
                                f"this line is the template's, unchanged: {stripped[:60]}{'…' if len(stripped) > 60 else ''}",
                                "replace it with the analysis, or remove it")
