"""Where an evidence finding is placed: at the reference in the notes, or at its JSON value."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lint.checks.base import Problem

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable
    from lint.analysis.evidence import Reference

def at_reference(d: Deliverable, reference: Reference, message: str, hint: str) -> Problem:
    if reference.line is not None:
        end = reference.column + (reference.cited.suffix_end - reference.cited.start)
        return d.at_line(reference.line, reference.column, message, hint, end_column=end)
    assert reference.pointer is not None
    return d.at_pointer(reference.pointer, message, hint)


def where(reference: Reference) -> str:
    """The codebase folder a reference was looked for in."""
    return str(reference.cited.root.folder)
