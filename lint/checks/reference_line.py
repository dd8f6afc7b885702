"""reference-line: a cited line lies past the end of its file, or a cited range is reversed."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.checks._evidence import at_reference
from lint.checks.base import Problem, rule
from lint.model import Severity

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable

NAME = "reference-line"


@rule(NAME, Severity.ERROR, "A cited line lies past the end of its file, or a cited range is reversed.")
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    For each reference that `reference-missing` finds in the codebase, checks
    the lines it cites: `:42`, the end of a range `:12-40`, each part of
    `:3,8-9`, `#L12-L40`, and an output entry's separate line number
    (`line_number` or `line` beside `file_path`, `file`, `path` or
    `location`). A line past the file's last line, a line 0, or a range whose
    end comes before its start is reported. Lines are counted as the file's
    line ends give them (a last line without a line end counts).

    ## Why is this bad?
    A line past the end of a file cannot hold what the deliverable says it
    holds: the line number is invented, or belongs to another file.

    ## Example
    ```markdown
    - Missing rate limit: /srv/app/api/login.py:212
    ```
    where `login.py` has 80 lines.

    ## Use instead
    ```markdown
    - Missing rate limit: /srv/app/api/login.py:57
    ```

    ## Options
    - `--source-root` (setting): where the codebase cited under a prefix is (`source-roots`, `PREFIX=DIR`).
    - `--no-source-check` (setting): check no reference against the codebase (`no-source-check`).
    """
    facts = d.evidence
    if facts is None:
        return
    for reference in facts.references:
        if reference.looked.kind != "file":
            continue
        count = reference.looked.count
        for first, last in reference.cited.ranges:
            problem = _wrong(first, last, count)
            if problem:
                yield at_reference(d, reference, f"{reference.cited.path}: {problem}", _hint(count))
                break
    for entry in facts.line_entries:
        if entry.reference.looked.kind != "file":
            continue
        count = entry.reference.looked.count
        problem = _wrong(entry.line, entry.line, count)
        if problem:
            yield d.at_pointer(entry.pointer, f"{entry.reference.cited.path}: {problem}", _hint(count))


def _wrong(first: int, last: int, count: int) -> str:
    if first < 1:
        return f"line {first} is no line (lines count from 1)"
    if last < first:
        return f"the range {first}-{last} ends before it starts"
    if first > count:
        return f"line {first} is past the end of the file ({count} line{'s' if count != 1 else ''})"
    if last > count:
        return f"the range {first}-{last} runs past the end of the file ({count} line{'s' if count != 1 else ''})"
    return ""


def _hint(count: int) -> str:
    return f"cite a line from 1 to {count} where the code is" if count else "the file is empty: cite it without a line"
