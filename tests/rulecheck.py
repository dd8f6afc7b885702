"""Rule tests in one line: edit a clean deliverable in memory, lint it, state every finding.

A case names a clean base, the edits that make the mistake, and every finding the
result must give, at its exact place::

    check("backend", notes=[("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")],
          expect=["notes:4:25 score-mismatch"])
    check("backend", output=[('"overall_score": 6.2', '"overall_score": 62')],
          expect=["output:13:22 score-range /scores/overall_score"])

- ``base``: ``"backend"`` is the clean example session (``fixtures/example``); any other
  name is a clean fixture folder under ``fixtures/`` (``"workers/devops"``,
  ``"real-style/test"``, ``"valid/graphql-node"``). Each base's files are read once.
- ``notes=`` / ``output=``: a list of ``(find, replace)`` edits, applied in order, each
  ``find`` occurring exactly once in the text edited so far; or the file's whole new
  content (``str`` or ``bytes``); or ``None`` for a file that is missing.
- ``expect``: every finding, nothing more (``[]`` for a deliverable that must lint clean),
  each ``file:line:column rule [pointer]``: ``file`` is ``notes`` or ``output``; lines and
  columns are 1-based and count characters, as in every report; the pointer is written
  when the finding has one, ``""`` for the whole document.
- ``message_contains=``: text that must appear in a finding's message (one or several).
- ``select=`` (rules to run) or ``settings=`` (a ``lint.Settings``); by default every
  rule runs with the default settings and no configuration file.
- ``session_id=``: the session the deliverable is linted in, which ``session-mismatch``
  compares with; by default the base's own, ``None`` for no session folder at all.

``check`` returns the ``lint.Result``, for what a line cannot say: a hint, a severity,
the score or the verdict. On a mismatch it prints both lists and every message found.
``write_project`` makes the same edits in a copy on disk, for the few tests that need
files (discovery, the command line, the result cache).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import lint

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ALIASES = {"backend": "example"}

Edits = Sequence[tuple[str, str]] | str | bytes | None


class _BaseSession:
    def __repr__(self) -> str:
        return "the base's own session"


BASE_SESSION = _BaseSession()


@dataclass(frozen=True)
class Base:
    """A clean deliverable: its worker, its session folder's name and its two files' text."""

    folder: Path  # the fixture project it is read from
    worker: str
    session_id: str
    notes_name: str
    output_name: str
    notes: str
    output: str


@cache
def base(name: str) -> Base:
    """The clean base called ``name``, read once (bytes decoded as they are: CRLF stays CRLF)."""
    folder = FIXTURES / ALIASES.get(name, name)
    [notes] = folder.glob("Docs/hive-mind/sessions/*/workers/notes/*_notes.md")
    [output] = folder.glob("Docs/hive-mind/sessions/*/workers/json/*_output.json")
    worker = notes.name.removesuffix("_notes.md")
    return Base(folder, worker, notes.parents[2].name, notes.name, output.name,
                notes.read_bytes().decode("utf-8"), output.read_bytes().decode("utf-8"))


def edit(text: str, edits: Edits, where: str) -> str | bytes | None:
    """``text`` after ``edits`` (see the module docstring); ``where`` names the file in errors."""
    if edits is None or isinstance(edits, str | bytes):
        return edits
    for find, replace in edits:
        count = text.count(find)
        assert count == 1, f"{find!r} occurs {count} times in {where}; an edit must find exactly one place"
        text = text.replace(find, replace)
    return text


def located(finding: lint.Finding, notes_name: str, output_name: str) -> str:
    """``file:line:column rule [pointer]``, as the expected findings are written."""
    role = {notes_name: "notes", output_name: "output"}.get(finding.path.name, finding.path.name)
    text = f"{role}:{finding.line}:{finding.column} {finding.rule}"
    if finding.pointer is not None:
        text += " " + (finding.pointer or '""')
    return text


def _order(text: str) -> tuple:
    """Sort by file, then line and column as numbers."""
    place, _, rest = text.partition(" ")
    role, line, column = place.split(":")
    return role, int(line), int(column), rest


def check(base_name: str, *, notes: Edits = (), output: Edits = (), expect: Iterable[str],
          message_contains: str | Iterable[str] = (), select: Iterable[str] | None = None,
          settings: lint.Settings | None = None, session_id: str | None | _BaseSession = BASE_SESSION) -> lint.Result:
    """Lint ``base_name`` after the edits and require exactly the ``expect``ed findings."""
    clean = base(base_name)
    if select is not None:
        assert settings is None, "give select= or settings=, not both"
        settings = lint.Settings(select=frozenset(select))
    result = lint.lint_contents(
        clean.worker,
        notes=edit(clean.notes, notes, f"the notes of {base_name}"),
        output=edit(clean.output, output, f"the output of {base_name}"),
        session_id=clean.session_id if session_id is BASE_SESSION else session_id,
        settings=settings,
    )
    rows = sorted(((located(f, clean.notes_name, clean.output_name), f) for f in result.findings), key=lambda row: _order(row[0]))
    found = [place for place, _ in rows]
    expected = sorted(expect, key=_order)
    messages = [f"{place}  [{f.severity.name.lower()}] {f.message}" for place, f in rows]
    report = "\n".join(["expected:", *[f"  {e}" for e in expected or ["(nothing)"]],
                        "found:", *[f"  {m}" for m in messages or ["(nothing)"]]])
    assert found == expected, "the findings differ from those expected\n" + report
    fragments = [message_contains] if isinstance(message_contains, str) else list(message_contains)
    for fragment in fragments:
        assert any(fragment in f.message for f in result.findings), f"no message contains {fragment!r}\n" + report
    return result


def finding(result: lint.Result, rule: str) -> lint.Finding:
    """The one finding of ``rule`` in ``result``."""
    [only] = [f for f in result.findings if f.rule == rule]
    return only


def write_project(root: Path, base_name: str, *, notes: Edits = (), output: Edits = ()) -> Path:
    """A copy of the base's project at ``root``, with the edits made in its files (``None`` deletes one)."""
    clean = base(base_name)
    shutil.copytree(clean.folder, root)
    workers = root / "Docs" / "hive-mind" / "sessions" / clean.session_id / "workers"
    for path, text, edits in ((workers / "notes" / clean.notes_name, clean.notes, notes), (workers / "json" / clean.output_name, clean.output, output)):
        content = edit(text, edits, str(path))
        if content is None:
            path.unlink()
        else:
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root
