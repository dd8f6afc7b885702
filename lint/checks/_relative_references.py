"""What absolute-path and short-reference share: where a relative reference is reported."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lint.checks.base import Problem

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable
    from lint.analysis.relative_references import RelativeReference


def reference_problem(d: Deliverable, reference: RelativeReference, message: str, hint: str) -> Problem:
    """A problem at the reference: its JSON string, or its span on its line of the notes."""
    if reference.pointer is not None:
        return d.at_pointer(reference.pointer, message, hint)
    assert reference.line is not None  # a reference not in the JSON is on a line of the notes
    ref = reference.ref
    return Problem(d.notes_path, reference.line, ref.start + 1, message, hint, end_line=reference.line, end_column=ref.end + 1)
