"""snippet-mismatch: quoted code is not in the cited file near the cited line."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.analysis.evidence import WINDOW, matches
from lint.checks.base import Problem, rule
from lint.model import Severity

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable

NAME = "snippet-mismatch"


@rule(NAME, Severity.WARNING, "Quoted code is not in the cited file near the cited line.")
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    Looks for quoted code in the file it is quoted from:
    - in the output, an entry's code (the keys the worker's pack names, such as
      the analyzer's `code_snippet`) at the entry's `file_path` and
      `line_number`;
    - in the notes, a fenced code block right after a line that cites
      `path:line` (unless that line presents a change: "Fix", "should",
      "replace", "after", "example" and the like), or each part of a block
      opened by a comment naming its place (`# /srv/app/api/auth.py:19`).

    Each quoted line is compared without whitespace, with a comment the writer
    added at its end, elided lines (`...`, `…`) and lines of fewer than four
    characters left out, against the file from three lines above the cited
    line to three lines below the quote's length. The quote is reported when
    fewer than half of its lines are found there.

    ## Why is this bad?
    Code that is not where the deliverable says is invented or paraphrased,
    and a reader who trusts the quote is misled about the codebase.

    ## Example
    ```json
    {"file_path": "/srv/app/api/auth.py", "line_number": 19, "code_snippet": "verify=False"}
    ```
    where line 19 of `auth.py` reads `return jwt.decode(token, KEY)`.

    ## Use instead
    Quote the line as it is (`return jwt.decode(token, KEY)`), or cite the line
    the quoted code is on.

    ## Options
    - `file_references.quoted_code` (pack): the output keys that quote code.
    - `--source-root` (setting): where the codebase cited under a prefix is (`source-roots`, `PREFIX=DIR`).
    - `--no-source-check` (setting): check no reference against the codebase (`no-source-check`).
    """
    facts = d.evidence
    if facts is None:
        return
    for quote in facts.quotes:
        if matches(quote.found, quote.total):
            continue
        place = f"{quote.reference.cited.path}:{quote.reference.cited.ranges[0][0]}"
        message = (f"the quoted code is not in {place}: {quote.found} of its {quote.total} line{'s' if quote.total != 1 else ''} "
                   f"found within {WINDOW} lines of it")
        hint = "quote the code as the file has it, or cite the line it is on"
        if quote.pointer is not None:
            yield d.at_pointer(quote.pointer, message, hint)
        elif quote.line is not None:
            yield d.at_line(quote.line, 1, message, hint)
