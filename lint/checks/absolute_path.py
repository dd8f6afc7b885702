"""absolute-path."""

from __future__ import annotations

from typing import Iterator

from lint.checks.base import Problem, rule
from lint.facts import short
from lint.model import Severity
from lint.paths import find_references, is_absolute, mask_fenced

_HINT = "write the absolute path, with a line number: /srv/app/src/api/users.py:42"


@rule("absolute-path", Severity.ERROR, "A file reference is not an absolute path.")
def check(d) -> Iterator[Problem]:
    """
    ## What it does
    Finds file references (a path with a folder part and a file name with an
    extension, such as `src/api/users.py:42`) in the notes' prose and in the
    output's strings, and reports those that are not absolute. Windows drive
    paths (`C:\\svc\\app.cs:10`) and UNC paths are absolute.

    Not file references: URLs, API routes such as `/api/v1/users/{id}`, folders,
    message topics, bare file names. Not checked: fenced code blocks, HTML
    comments, inline code that is code rather than a lone path, and JSON keys
    the pack marks as holding code.

    ## Why is this bad?
    The harness and the workers after this one open the files a deliverable
    cites. A relative path resolves against an unknown folder, so the evidence
    cannot be found.

    ## Example
    ```markdown
    The handler in `app/api/payments.py:88` retries without a limit.
    ```

    ## Use instead
    ```markdown
    The handler in `/srv/payments-api/app/api/payments.py:88` retries without a limit.
    ```
    """
    if d.notes is not None:
        for number, text in d.facts.prose_lines():
            for ref in find_references(text):
                if not ref.is_absolute:
                    yield Problem(
                        d.notes_path,
                        number,
                        ref.start + 1,
                        f"file reference '{ref.path}' is not an absolute path",
                        _HINT,
                        end_line=number,
                        end_column=ref.end + 1,
                    )
    if d.output is not None:
        path_keys = d.pack.path_keys
        for pointer, text, key in d.output_strings:
            if key in path_keys:
                if text.strip() and not is_absolute(text.strip()):
                    yield d.at_pointer(pointer, f"{key} {short(text)} is not an absolute path", _HINT)
                continue
            for ref in find_references(mask_fenced(text)):
                if not ref.is_absolute:
                    yield d.at_pointer(pointer, f"file reference '{ref.path}' is not an absolute path", _HINT)
