"""json-duplicate-key: a key is defined twice in one JSON object."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.analysis.json_values import resolve
from lint.checks.base import Problem, rule
from lint.model import Severity

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable

NAME = "json-duplicate-key"


@rule(NAME, Severity.ERROR, "A key is defined twice in one JSON object.", needs=("output",))
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    Reports every key that appears a second time in the same JSON object.

    ## Why is this bad?
    JSON parsers disagree on duplicates: most silently keep the last value, so
    the first one (often the one the worker meant to fill in) is lost.

    ## Example
    ```json
    {"scores": {"api_design_score": 7, "api_design_score": 0}}
    ```

    ## Use instead
    ```json
    {"scores": {"api_design_score": 7}}
    ```

    ## Options
    None.
    """
    doc = d.output
    if doc is None:
        return
    for duplicate in doc.duplicates:
        line, column = doc.index.position(duplicate.offset)
        first_line, _ = doc.index.position(duplicate.first_offset)
        yield Problem(
            d.output_path,
            line,
            column,
            f"key '{duplicate.key}' is defined again (first on line {first_line}); "
            "only one of the values survives parsing",
            "keep one definition of the key",
            pointer=_surviving(doc.value, duplicate.pointer),
        )


_ABSENT = object()


def _surviving(value: object, pointer: str) -> str:
    """The pointer, or its nearest part that still resolves: a duplicate inside an object
    that a later duplicate of its own key replaced has no place left in the parsed value."""
    while pointer and resolve(value, pointer, _ABSENT) is _ABSENT:
        pointer = pointer.rsplit("/", 1)[0]
    return pointer
