"""line-number-missing: a file reference in the notes has no line number."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.checks.base import Problem, rule
from lint.model import Severity
from lint.analysis.relative_references import proposes
from lint.patterns import lazy_pattern

_LINE_SUFFIX = lazy_pattern(r":L?\d+|#L\d+")
_LINE_CELL = lazy_pattern(r"(?:lines? )?\d+(?:\s*[-–,]\s*\d+)*")
# Files cited as a whole: manifests, lock files, configuration, documentation, data, schemas, images.
_WHOLE_FILE_EXTENSIONS = frozenset(
    """json jsonc json5 yaml yml toml ini cfg conf config env properties lock txt md markdown mdx rst adoc
    xml plist csv tsv sql prisma graphql gql proto avsc svg png jpg jpeg gif ico webp pdf""".split()
)

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable

NAME = "line-number-missing"


def _about_whole_file(path: str) -> bool:
    name = path.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return name.rsplit(".", 1)[-1] in _WHOLE_FILE_EXTENSIONS or name.startswith(("dockerfile", "makefile", ".env"))


def _lines_in_next_cell(text: str, end: int) -> bool:
    """In a table row, the cell after the reference's holds its lines: ``| /srv/a.py | 10, 32-38 |``."""
    if not text.lstrip().startswith("|"):
        return False
    cells = text[end:].split("|")
    return len(cells) > 2 and _LINE_CELL.fullmatch(cells[1].strip()) is not None


def _in_parentheses(text: str, start: int, end: int) -> bool:
    """Whether a reference stands in a parenthetical that cites where a named thing lives:
    "the tracker (`/srv/app/tracker/index.js`) posts to ..."."""
    opened = text.rfind("(", 0, start)
    return opened != -1 and text.rfind(")", opened, start) == -1 and text.find(")", end) != -1


@rule(NAME, Severity.WARNING, "A file reference in the notes has no line number.", needs=("notes",))
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    For workers whose contract asks for it (the pack's
    `[file_references] notes_line_numbers = true`: the analyzer, the architect,
    the researcher), reports a file reference in the notes' prose that names a
    file without a line number: `/srv/app/api/users.py` instead of
    `/srv/app/api/users.py:42`. Relative paths are left to `absolute-path`;
    folders, routes, URLs and code blocks are not file references.

    A reference about a file as a whole needs no line number, and is not
    reported: a manifest, lock file, configuration file, document, data file
    or schema (`requirements.txt`, `package.json`, `poetry.lock`,
    `docker-compose.yml`, `README.md`, `schema.prisma`); a list of files (two
    or more references without lines on one line, such as the files examined
    or the files a fix touches); a reference in parentheses that says where
    a named component lives (`the tracker (/srv/app/tracker/index.js) posts
    to /api/send`); a table row whose next cell holds the lines
    (`| /srv/app/settings.py | 10, 32-38 |`); and a file the deliverable
    proposes to create (`create /srv/app/services/items.py`), wherever it is
    named.

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

    ## Options
    - `file_references.notes_line_numbers` (pack): the rule reports only when this is true.
    """
    notes, facts = d.notes, d.facts
    if not d.pack.notes_line_numbers or notes is None or facts is None:
        return
    prose = notes.prose
    lineless_by_line = {}
    for number, refs in facts.line_references.items():
        text = prose[number - 1]
        lineless_by_line[number] = [ref for ref in refs if ref.is_absolute and not _LINE_SUFFIX.match(text, ref.end)]
    # A file proposed anywhere (create /srv/app/items.py) has no lines wherever it is named.
    proposed = {ref.path for number, refs in lineless_by_line.items() for ref in refs if proposes(prose[number - 1], ref)}
    for number, lineless in lineless_by_line.items():
        text = prose[number - 1]
        if len(lineless) > 1:
            continue  # a list of files, such as those examined or those a fix touches
        for ref in lineless:
            if not (ref.path in proposed or _about_whole_file(ref.path) or _in_parentheses(text, ref.start, ref.end)
                    or _lines_in_next_cell(text, ref.end)):
                yield Problem(d.notes_path, number, ref.start + 1, f"file reference '{ref.shown}' has no line number",
                              f"add the line the evidence is on: {ref.shown}:<line>", end_line=number, end_column=ref.end + 1)
