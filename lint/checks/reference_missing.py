"""reference-missing: a cited file or folder does not exist in the analysed codebase."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.checks._evidence import at_reference, where
from lint.checks.base import Problem, rule
from lint.model import Severity

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable

NAME = "reference-missing"


@rule(NAME, Severity.ERROR, "A cited file or folder does not exist in the analysed codebase.")
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    Looks up every absolute file reference of the notes and the output JSON
    that lies under a source root: by default the project the session belongs
    to (the folder holding `Docs/hive-mind`), or a prefix mapped with
    `--source-root PREFIX=DIR`. A cited file or folder that is not there is
    reported. Not checked: a path under no known root, a glob (`*.yml`), a
    reference inside fenced code, a path that leads out of its root through a
    link, and a file the deliverable proposes to create ("add
    `/srv/app/ci/pr.yml`", "a new module `/srv/app/api/service.py`"): a word
    that proposes, plans or says a file is absent, within 1,000 characters of
    it on its line (or in its JSON string), or in its section's heading.

    When a deliverable cites absolute paths but none of them lies under a known
    root, an `info` note on standard error says so, and how to map them (it is
    about the run, not the deliverable: it is no finding and costs no score).

    ## Why is this bad?
    A deliverable is only as good as its evidence. A path that does not exist
    is invented or mistyped, and a reader cannot check the claim it supports.

    ## Example
    ```markdown
    - Tokens never expire: /srv/app/api/auth/tokens.py:42
    ```
    where the project has `api/auth/token.py`.

    ## Use instead
    ```markdown
    - Tokens never expire: /srv/app/api/auth/token.py:42
    ```

    ## Options
    - `--source-root` (setting): where the codebase cited under a prefix is (`source-roots`, `PREFIX=DIR`).
    - `--no-source-check` (setting): check no reference against the codebase (`no-source-check`).
    - `--max-file-size` (setting): cited files larger than this are not read.
    """
    facts = d.evidence
    if facts is None:
        return
    for reference in facts.references:
        if reference.looked.kind == "missing" and not reference.proposed:
            yield at_reference(d, reference, f"{reference.cited.path} does not exist in the codebase ({where(reference)})",
                               "cite the file as it is named in the codebase, or say that the deliverable proposes to create it")
