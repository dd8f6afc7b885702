"""template-placeholder: template residue is left in the deliverable."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.checks.base import Edit, Problem, rule
from lint.documents.jsondoc import join_pointer
from lint.analysis.json_values import pipe_choices, short
from lint.model import Severity
from lint.analysis.template_residue import (
    REMOVE_NOTE,
    SETUP_VARIABLE,
    SYNTHESIS_VARIABLE,
    TEMPLATE_ID_SUFFIX,
    is_tbd,
    is_template_entry,
    kept_labels,
    mask_inline_code,
)

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable
    from lint.analysis.notes_facts import NotesFacts
    from lint.documents.jsondoc import JsonDocument

NAME = "template-placeholder"

_NOTES_TBD = re.compile(r"(?:\*\*[^*]+\*\*\s*:?\s*|\|\s*)(TBD)\.?\s*(?:\||$)")
_ENTRY_HINT = "remove the entry, or replace it with a real finding"
_LABEL_VALUE = re.compile(r"^\s*(?:[-*+]\s+)?\*\*[^*]+\*\*\s*:?[ \t]*(?P<value>\S.*)")


def _may_be_residue(text: str) -> bool:
    """What every kind of residue in a line of notes contains, looser than each: a line
    without any of it is passed over at the cost of a few substring tests."""
    return "{{" in text or "[[" in text or "TBD" in text or "|" in text or ("- " in text and "template - " in text.lower())


def _string_residue(text: str, residue: frozenset[str]) -> str | None:
    """Why a JSON string is template residue, or None."""
    if text in residue:
        return f"{short(text)} is the template's example value, never replaced"
    if REMOVE_NOTE.match(text):
        return f"the template's note {short(text.strip())} is still here"
    if is_tbd(text):
        return "the value is still 'TBD', the template's stand-in"
    match = ("{{" in text and SETUP_VARIABLE.search(text)) or ("[[" in text and SYNTHESIS_VARIABLE.search(text))
    if match:
        return f"template variable {match.group(0)} was never filled in"
    choices = pipe_choices(text)
    if choices and len(choices) >= 3:
        return f"the value still lists the template's choices ({text.strip()})"
    return None


def _template_entries(d: Deliverable, output: JsonDocument) -> Iterator[tuple[str, Problem]]:
    """Each template example entry once, at its id or at its 'remove' note."""
    for pointer, entry in d.array_entries:
        if not is_template_entry(entry):
            continue
        ident = entry.get("id")
        if isinstance(ident, str) and ident.endswith(TEMPLATE_ID_SUFFIX):
            removal = _removal(d, output, pointer)
            yield pointer, d.at_pointer(join_pointer(pointer, "id"), f"template entry {ident} is still in the file", _ENTRY_HINT, fix=[removal] if removal else ())
            continue
        key = next(k for k, v in entry.items() if isinstance(v, str) and REMOVE_NOTE.match(v))
        removal = _removal(d, output, pointer)
        yield pointer, d.at_pointer(join_pointer(pointer, key), f"template entry ({short(entry[key])}) is still in the file", _ENTRY_HINT, fix=[removal] if removal else ())


def _removal(d: Deliverable, doc: JsonDocument, pointer: str) -> Edit | None:
    """An edit that takes one element out of its array, with its comma and no more."""
    parent, _, last = pointer.rpartition("/")
    siblings = d.value_at(parent)
    if not isinstance(siblings, list) or not last.isdigit():
        return None
    index = int(last)
    element = doc.member(pointer)
    array = doc.member(parent)
    if element is None or array is None:
        return None
    if len(siblings) == 1:
        return d.edit_offsets(array.value_offset + 1, array.end_offset - 1, "")
    if index + 1 < len(siblings):
        following = doc.member(f"{parent}/{index + 1}")
        return d.edit_offsets(element.value_offset, following.value_offset, "") if following else None
    previous = doc.member(f"{parent}/{index - 1}")
    return d.edit_offsets(previous.end_offset, element.end_offset, "") if previous else None


def _inside(pointer: str, entries: set[str]) -> bool:
    """Whether ``pointer`` lies below one of ``entries``: its ancestors are looked up, one
    each, so the cost grows with the depth, never with the number of entries."""
    if not entries:
        return False
    cut = pointer.rfind("/")
    while cut > 0:
        pointer = pointer[:cut]
        if pointer in entries:
            return True
        cut = pointer.rfind("/")
    return False


def _json_problems(d: Deliverable, output: JsonDocument) -> Iterator[Problem]:
    reported: set[str] = set()
    template_entries: set[str] = set()
    for pointer, problem in _template_entries(d, output):
        template_entries.add(pointer)
        yield problem
    labels = kept_labels(d) if d.pack.labels else set()
    for pointer, text, _key in d.output_strings:
        if _inside(pointer, template_entries):
            continue
        if pointer in labels and text in d.pack.residue:
            continue  # the template's own label, kept in an entry the worker filled
        reason = _string_residue(text, d.pack.residue)
        if reason:
            reported.add(pointer)
            yield d.at_pointer(pointer, reason, "replace it with the real value, or remove the entry")
    for error in d.schema_errors:
        if error.rule == NAME and error.pointer not in reported:
            if not _inside(error.pointer, template_entries):
                yield d.at_pointer(error.pointer, error.message, error.hint)
    scores = [d.value_at(score.pointer) for score in d.pack.scores]
    numbers = [s for s in scores if isinstance(s, (int, float)) and not isinstance(s, bool)]
    if numbers and len(numbers) == len(scores) and all(n == 0 for n in numbers):
        parent = d.pack.scores[0].pointer.rsplit("/", 1)[0]
        yield d.at_pointer(parent, "every score is 0, the template's unfilled value", "score each area from 0 to 10 on the evidence found")


def _notes_problems(d: Deliverable, facts: NotesFacts) -> Iterator[Problem]:
    for number, text in facts.prose_lines():
        if not _may_be_residue(text):
            continue
        visible = mask_inline_code(text)
        for pattern in (SETUP_VARIABLE, SYNTHESIS_VARIABLE):
            for variable in pattern.finditer(visible):
                yield d.at_line(number, variable.start() + 1, f"template variable {variable.group(0)} was never filled in", "replace it with the real value", end_column=variable.end() + 1)
        note = REMOVE_NOTE.search(visible)
        if note:
            yield d.at_line(number, note.start() + 1, "the template's 'Template - ' text is still here", "replace it with the analysis, or remove the part it marks if that part does not apply")
        tbd = _NOTES_TBD.search(visible)
        if tbd:
            yield d.at_line(number, tbd.start(1) + 1, "the value is still 'TBD', the template's stand-in", "write the real value")
        labelled = _LABEL_VALUE.match(visible)
        if labelled:
            value = labelled.group("value").rstrip()
            choices = pipe_choices(value)
            if choices and len(choices) >= 3:
                yield d.at_line(number, labelled.start("value") + 1, f"the value still lists the template's choices ({value})", "keep the one that applies")


@rule(NAME, Severity.ERROR, "Template residue is left in the deliverable.", fixable=True)
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    Finds what the template put there for the worker to replace, in either file:
    variables such as `{{SESSION_ID}}` or `[[summary]]`, the value `TBD`, entries
    whose `id` ends in `-TEMPLATE`, strings starting `Template - ` (such as
    `Template - remove if no findings`), the pack's unmarked example values, a
    value that still lists the template's choices (`GET|POST|PUT`), and scores
    that are all 0.

    A template value that names a structure (the pack's `labels`: a roadmap
    phase's name such as `Phase 1: Critical Architecture Fixes`, its timeline
    `Week 1-2`) may be kept when the rest of its entry is the worker's own; it
    is residue only while the entry's content is still the template's.

    Content's own syntax is not residue: Jinja `{{ ds }}`, shell `${VAR}`, JSON
    `[[1, 2]]` in a string, code such as `a || b`, and anything in fenced code,
    inline code or keys that hold code.

    ## Why is this bad?
    The harness's setup step fills in the date and the session id, so an
    untouched template looks finished at a glance. Residue is the sign that a
    part was never analysed.

    ## Example
    ```json
    {"id": "API-001-TEMPLATE", "method": "GET|POST|PUT|DELETE|PATCH"}
    ```

    ## Use instead
    ```json
    {"id": "API-001", "method": "POST"}
    ```

    ## Fix
    `--fix` removes a template entry (an object whose `id` ends in `-TEMPLATE`,
    or that holds a `Template - ` note) from its array; the statistics are then
    recounted. Other residue needs the
    worker's analysis and is left alone.

    ## Options
    - `json.residue` (pack): the template's example values that carry no marker.
    - `json.labels` (pack): template values that name a structure, kept where the rest of their entry is filled.
    - `json.code_keys` (pack): keys whose strings hold code: not searched for residue.
    - `scores.pointer` (pack): the scores that may not all be 0.
    - `schema` (pack): the output's JSON Schema: a value that still lists the template's choices where it allows one of them, and the failures of subschemas marked `"x-rule": "template-placeholder"`, are reported here.
    """
    if d.output is not None:
        yield from _json_problems(d, d.output)
    if d.facts is not None:
        yield from _notes_problems(d, d.facts)
