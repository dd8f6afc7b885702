"""deliverable-missing: a file of the notes/output pair is absent."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.checks.base import Problem, rule
from lint.model import Severity

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable

NAME = "deliverable-missing"


@rule(NAME, Severity.ERROR, "One file of the notes/output pair is absent.", blocks_score=True)
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    Reports when a worker's notes exist without its output JSON, or the other
    way round; and, when one worker's deliverable is asked for by name
    (`--session ID --worker NAME`, or the API's `lint_deliverable`), when
    neither file exists.

    ## Why is this bad?
    The harness reads both files; the notes and the JSON are two views of one
    analysis and are checked against each other.

    ## Example
    `workers/notes/backend_notes.md` exists, `workers/json/backend_output.json`
    does not.

    ## Use instead
    Hand in both files, in the session's `workers/notes/` and `workers/json/`.

    ## Options
    - `notes_file` (pack): the notes' file name.
    - `output_file` (pack): the output JSON's file name.
    """
    if d.notes_load.missing and d.output_load.missing:  # asked for by name (--session with --worker), and nothing there
        yield Problem(
            d.notes_load.path,
            1,
            1,
            f"the deliverable is missing: neither {d.notes_load.path.name} nor {d.output_load.path.name} exists",
            f"the worker must write {d.notes_load.path} and {d.output_load.path} from its templates",
        )
        return
    for load, partner, role in ((d.notes_load, d.output_load, "notes"), (d.output_load, d.notes_load, "output")):
        if load.missing and not partner.missing:
            other = "output JSON" if role == "output" else "notes"
            yield Problem(
                load.path,
                1,
                1,
                f"the {other} file {load.path.name} is missing; its partner {partner.path.name} exists",
                f"write {load.path} from the worker's template",
            )
