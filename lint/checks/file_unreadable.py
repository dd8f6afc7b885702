"""file-unreadable: a deliverable file cannot be read as text."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.checks._loading import load_problems
from lint.checks.base import Problem, rule
from lint.model import Severity

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable

NAME = "file-unreadable"


@rule(NAME, Severity.ERROR, "A deliverable file cannot be read as text.", blocks_score=True)
def check(d: Deliverable) -> Iterator[Problem]:
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

    ## Options
    - `--max-file-size` (setting): the largest file read, in MiB (`max-file-size` in the configuration).
    - `--max-json-depth` (setting): the deepest nesting of the output's objects and arrays read (`max-json-depth`).
    - `--max-markdown-depth` (setting): the deepest nesting of the notes' lists and block quotes read (`max-markdown-depth`).
    - `--follow-symlinks` (setting): read a file reached through a link that leads out of the folder being linted (`follow-symlinks`).
    """
    yield from load_problems(d, NAME)
