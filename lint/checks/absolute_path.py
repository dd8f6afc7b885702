"""absolute-path: a file reference is not an absolute path."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.analysis.file_references import is_absolute
from lint.analysis.json_values import short
from lint.analysis.relative_references import Status
from lint.checks._relative_references import reference_problem
from lint.checks.base import Problem, rule
from lint.model import Severity

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable

NAME = "absolute-path"

_HINT = "write the absolute path, with a line number: /srv/app/src/api/users.py:42"


@rule(NAME, Severity.ERROR, "A file reference is not an absolute path.")
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    Finds file references (a path with a folder part and a file name with an
    extension, such as `src/api/users.py:42`) in the notes' prose and in the
    output's strings, and reports those that are not absolute and that the
    deliverable does not resolve. Windows drive paths (`C:\\svc\\app.cs:10`)
    and UNC paths are absolute; a line range (`:34-40`) is as good as a line.

    Not file references: URLs, API routes such as `/api/v1/users/{id}`,
    folders, message topics, bare file names, package specifiers
    (`@scope/ui/styles.css`), a repository's issue (`vercel/next.js#43400`),
    and a name used to build a word (`` `docker/proxy.ts`-style ``). Not
    checked: fenced code blocks, HTML comments, inline code that is code
    rather than a lone path, and JSON keys the pack marks as holding code.

    Not reported here:
    - a short form of a file the same paragraph, list item, table row or issue
      entry of the notes, or the same JSON entry, gives absolutely
      (`/srv/app/api/users.py:50` ... `api/users.py:71`): it refers to that file;
    - in a deliverable that writes its paths absolutely as a rule (nine file
      references in ten or more), a short form of a file it gives absolutely
      elsewhere: `short-reference` reports it, as information. Where relative
      paths are more common than that, such short forms are reported here, with
      the absolute path to write;
    - a file name without a line that the words just before introduce as one
      to create (`add .github/workflows/pr.yml`, `a new module (app/orders/service.py)`).

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

    ## Options
    - `json.path_keys` (pack): keys whose strings are file paths: each must be absolute, whatever its form.
    - `json.code_keys` (pack): keys whose strings hold code: not searched for file references.
    - `issue_ids` (pack): the ids that open an issue entry of the notes, within which an absolute path resolves a short form.
    """
    for reference in d.relative_references:
        if reference.status is Status.UNRESOLVED:
            hint = f"write the absolute path: {reference.replacement}" if reference.absolute else _HINT
            yield reference_problem(d, reference, f"file reference '{reference.ref.path}' is not an absolute path", hint)
    if d.output is not None:
        path_keys = d.pack.path_keys
        for pointer, text, key in d.output_strings:
            if key in path_keys and text.strip() and not is_absolute(text.strip()):
                yield d.at_pointer(pointer, f"{key} {short(text)} is not an absolute path", _HINT)
