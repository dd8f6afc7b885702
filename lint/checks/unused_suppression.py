"""unused-suppression: reported by the engine once the other rules have run."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.checks.base import Problem, rule
from lint.model import Severity

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable

NAME = "unused-suppression"


@rule(NAME, Severity.WARNING, "A suppression comment in the notes suppresses nothing.", needs=("notes",), decided=True)
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    Reports a `<!-- worker-lint-disable ... -->`, `disable-next-line` or
    `disable-file` comment in the notes that silenced no finding, and a comment
    naming a rule that does not exist. Each rule named in a comment is judged on
    its own. `enable` comments are not reported.

    ## Why is this bad?
    A stale suppression hides the next real problem at that place, and a
    misspelt rule name silences nothing while looking as if it did.

    ## Example
    ```markdown
    <!-- worker-lint-disable-next-line absolute-path -->
    The handler is at `/srv/app/api.py:10`.
    ```

    ## Use instead
    Remove the comment: the path is already absolute.

    ## Options
    - `--ignore-suppressions` (setting): suppression comments are not honoured, and none is reported (`ignore-suppressions` in the configuration).
    """
    return iter(())
