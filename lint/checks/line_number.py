"""line-number-missing."""

from __future__ import annotations

import re
from typing import Iterator

from lint.checks.base import Problem, rule
from lint.model import Severity
from lint.paths import find_references

_LINE_SUFFIX = re.compile(r":\d+")


@rule("line-number-missing", Severity.WARNING, "A file reference in the notes has no line number.", needs=("notes",))
def check(d) -> Iterator[Problem]:
    """
    ## What it does
    For workers whose contract asks for it (the pack's
    `[file_references] notes_line_numbers = true`: the analyzer, the architect,
    the researcher), reports a file reference in the notes' prose that names a
    file without a line number: `/srv/app/api/users.py` instead of
    `/srv/app/api/users.py:42`. Relative paths are left to `absolute-path`;
    folders, routes, URLs and code blocks are not file references.

    ## Why is this bad?
    The reader has to search the file for what the finding is about; with a
    line number the evidence is one click away, and stays checkable.

    ## Example
    ```markdown
    The token check in `/srv/app/auth/jwt.py` skips the audience.
    ```

    ## Use instead
    ```markdown
    The token check in `/srv/app/auth/jwt.py:57` skips the audience.
    ```
    """
    if not d.pack.notes_line_numbers:
        return
    for number, text in d.facts.prose_lines():
        for ref in find_references(text):
            if ref.is_absolute and not _LINE_SUFFIX.match(text, ref.end):
                yield Problem(d.notes_path, number, ref.start + 1, f"file reference '{ref.shown}' has no line number",
                              f"add the line the evidence is on: {ref.shown}:<line>", end_line=number, end_column=ref.end + 1)
