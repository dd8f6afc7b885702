"""short-reference: a relative file reference shortens a path given absolutely elsewhere."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.analysis.relative_references import Status
from lint.checks._relative_references import reference_problem
from lint.checks.base import Problem, rule
from lint.model import Severity

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable

NAME = "short-reference"


@rule(NAME, Severity.INFO, "A relative file reference shortens a path the deliverable gives absolutely elsewhere.")
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    Reports a relative file reference (`store/app.ts:14`) when the deliverable
    gives exactly one file absolutely that it can stand for
    (`/srv/web/src/store/app.ts`), but not in the same paragraph, list item,
    table row or issue entry of the notes or the same JSON entry, and writes its paths
    absolutely as a rule (nine file references in ten or more; otherwise
    `absolute-path` reports it as an error). The message names the absolute
    path.

    ## Why is this bad?
    The reader, and the tools that open cited files, can find the file only by
    searching the rest of the deliverable for it. It is information, not an
    error: the file is named, and careful workers do shorten a path they have
    given in full.

    ## Example
    ```markdown
    Preferences are read at module scope (`store/app.ts:14-23`).
    ```
    where the notes cite `/srv/web/src/store/app.ts:9` in another section.

    ## Use instead
    ```markdown
    Preferences are read at module scope (`/srv/web/src/store/app.ts:14-23`).
    ```

    ## Options
    - `json.path_keys` (pack): keys whose strings are file paths; the absolute ones count among the paths the deliverable gives.
    - `json.code_keys` (pack): keys whose strings hold code: not searched for file references.
    - `issue_ids` (pack): the ids that open an issue entry of the notes, within which an absolute path resolves a short form.
    """
    for reference in d.relative_references:
        if reference.status is Status.RESOLVED:
            yield reference_problem(d, reference, f"file reference '{reference.ref.path}' is relative; the deliverable gives it as {reference.absolute}",
                                    f"write the absolute path: {reference.replacement}")
