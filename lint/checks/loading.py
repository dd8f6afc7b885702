"""Rules for files that cannot be read as a deliverable at all."""

from __future__ import annotations

from typing import Iterator

from lint.checks.base import Problem, rule
from lint.model import Severity


def _load_problems(d, rule_name: str) -> Iterator[Problem]:
    for load in (d.notes_load, d.output_load):
        problem = load.problem
        if problem is not None and problem.rule == rule_name:
            yield Problem(load.path, problem.line, problem.column, problem.message, problem.hint)


@rule("json-syntax", Severity.ERROR, "The output file is not strict JSON.")
def check_json_syntax(d) -> Iterator[Problem]:
    """
    ## What it does
    Reads the output file as strict JSON (RFC 8259) and reports the first place
    where it is not: a trailing comma, a comment, single quotes, `NaN` or
    `Infinity`, an unclosed string, or invalid UTF-8.

    ## Why is this bad?
    The harness and every later step parse the file with a strict parser. A file
    that only a lenient parser accepts breaks the next step, far from its cause.

    ## Example
    ```json
    {"scores": {"overall_score": NaN,}}
    ```

    ## Use instead
    ```json
    {"scores": {"overall_score": 6.5}}
    ```
    """
    yield from _load_problems(d, "json-syntax")


@rule("file-unreadable", Severity.ERROR, "A deliverable file cannot be read as text.")
def check_file_unreadable(d) -> Iterator[Problem]:
    """
    ## What it does
    Reports a deliverable file that cannot be read as UTF-8 text: permission
    denied, a folder where the file belongs, a binary file, notes that are not
    valid UTF-8, or a file over one of the limits: its size (`--max-file-size`),
    the nesting of the JSON's objects and arrays (`--max-json-depth`), or of the
    notes' lists and block quotes (`--max-markdown-depth`). Each limit is a
    setting of the same name in the configuration. A file reached through a
    symbolic link that leads out of the folder being linted is reported here
    too, unread (`--follow-symlinks` reads it).

    ## Why is this bad?
    Nothing else can be checked in a file that cannot be read, and the harness
    would hand it on unchecked.

    ## Example
    `workers/notes/backend_notes.md` is a folder, or a file saved as UTF-16.

    ## Use instead
    A regular, readable file saved as UTF-8.
    """
    yield from _load_problems(d, "file-unreadable")


@rule("file-empty", Severity.ERROR, "A deliverable file is empty.")
def check_file_empty(d) -> Iterator[Problem]:
    """
    ## What it does
    Reports a deliverable file with no content, or only white space.

    ## Why is this bad?
    An empty file passes an existence check but carries no analysis.

    ## Example
    `backend_output.json` is 0 bytes long.

    ## Use instead
    The worker's filled-in deliverable.
    """
    yield from _load_problems(d, "file-empty")


@rule("deliverable-missing", Severity.ERROR, "One file of the notes/output pair is absent.")
def check_deliverable_missing(d) -> Iterator[Problem]:
    """
    ## What it does
    Reports when a worker's notes exist without its output JSON, or the other
    way round.

    ## Why is this bad?
    The harness reads both files; the notes and the JSON are two views of one
    analysis and are checked against each other.

    ## Example
    `workers/notes/backend_notes.md` exists, `workers/json/backend_output.json`
    does not.

    ## Use instead
    Hand in both files, in the session's `workers/notes/` and `workers/json/`.
    """
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
