"""A codebase for generated sessions: every file their deliverables cite under
``/srv/payments-api``, long enough for every line they cite, with the code they
quote at the place they cite for it.

With the tree written (``generate.py --sources``) and the prefix mapped
(``--source-root /srv/payments-api=<project>/codebase``) the evidence rules look
every reference up, so a benchmark times that path and a test sees it stay clean.
What to write is read from the generated deliverables, not listed here, so the
tree follows the example when the example changes. Each file's bytes depend only
on the seed, its path and what is cited in it.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from lint.analysis.evidence import trimmed_path  # the path as the linter reads it

PREFIX = "/srv/payments-api"
FOLDER = "codebase"
SESSIONS = Path("Docs/hive-mind/sessions")
# What the evidence rules read in an output entry (lint/analysis/evidence.py, the packs' quoted_code).
FILE_KEYS = ("file_path", "file", "path", "location", "file_reference", "source_file")
LINE_KEYS = ("line_number", "line", "start_line")
QUOTE_KEYS = ("code_snippet",)

_PATH = re.compile(re.escape(PREFIX) + r"(/[^\s`'\"<>|,;:#]*)")
_LINES = re.compile(r":L?\d+(?:[-–—]L?\d+)?(?:,L?\d+(?:[-–—]L?\d+)?)*|#L\d+(?:[-–—]L?\d+)?")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*(\S*)")
_HEAD = re.compile(r"^\s*(?:#|//|--|/\*|<!--)\s*(?=" + re.escape(PREFIX) + ")")
_NOT_QUOTES = frozenset({"diff", "patch", "udiff"})


class Ref(NamedTuple):
    """A file cited under the prefix: where it is in the tree, the first line cited, the last."""

    relative: str
    first: int  # 0: cited without a line
    highest: int


@dataclass
class Citations:
    """What the deliverables ask of the codebase."""

    files: dict[str, int] = field(default_factory=dict)  # relative path -> highest line cited (0: none)
    quotes: dict[str, dict[int, list[tuple[str, ...]]]] = field(default_factory=dict)  # path -> line -> quotes

    def cite(self, ref: Ref) -> None:
        self.files[ref.relative] = max(self.files.get(ref.relative, 0), ref.highest)

    def quote(self, relative: str, line: int, code: list[str]) -> None:
        lines = tuple(code)
        found = self.quotes.setdefault(relative, {}).setdefault(line, [])
        if any(text.strip() for text in lines) and lines not in found:
            found.append(lines)
        self.files[relative] = max(self.files.get(relative, 0), line + len(lines) - 1)


def references(text: str) -> list[Ref]:
    """Every file ``text`` cites under the prefix (globs and paths out of the tree left out)."""
    found = []
    for match in _PATH.finditer(text):
        path = trimmed_path(match.group(1))
        relative = path.strip("/")
        if not relative or not set("*?{").isdisjoint(relative) or ".." in relative.split("/"):
            continue
        suffix = _LINES.match(text, match.start(1) + len(path)) if path == match.group(1) else None
        numbers = [int(n) for n in re.findall(r"\d+", suffix.group())] if suffix else [0]
        found.append(Ref(relative + ("/" if path.endswith("/") else ""), numbers[0], max(numbers)))
    return found


def _fenced_blocks(lines: list[str]) -> Iterator[tuple[int, int, str]]:
    """(fence index, index past the last content line, language) of each fenced block."""
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        marker = opening.group(1)
        close = index + 1
        while close < len(lines) and not lines[close].strip().startswith(marker):
            close += 1
        yield index, close, opening.group(2).lower()
        index = close + 1


def _segments(lines: list[str], first: int, end: int) -> list[tuple[Ref, int, int]]:
    """Parts of a block opened by a comment naming the cited place: ``# /srv/app/x.py:12``."""
    heads = []
    for index in range(first, end):
        head = _HEAD.match(lines[index])
        cited = references(lines[index][head.end():]) if head else []
        if cited and cited[0].first:
            heads.append((index, cited[0]))
    ends = [index for index, _ in heads[1:]] + [end]
    return [(ref, index + 1, stop) for (index, ref), stop in zip(heads, ends) if stop > index + 1]


def scan_notes(text: str, found: Citations) -> None:
    """The notes' references, and each fenced block that quotes a cited place: right after
    a line citing ``path:line`` (at most one blank line between), or in parts under comments naming it."""
    lines = text.splitlines()
    cited = [references(line) for line in lines]
    for refs in cited:
        for ref in refs:
            found.cite(ref)
    for fence, end, language in _fenced_blocks(lines):
        segments = _segments(lines, fence + 1, end)
        for ref, first, stop in segments:
            found.quote(ref.relative, ref.first, lines[first:stop])
        before = fence - 1
        while before >= 0 and not lines[before].strip():
            before -= 1
        places = [ref for ref in cited[before] if ref.first] if before >= 0 and fence - before <= 2 else []
        if places and not segments and language not in _NOT_QUOTES:
            found.quote(places[0].relative, places[0].first, lines[fence + 1 : end])


def _whole(value: Any) -> bool:
    return not isinstance(value, bool) and (isinstance(value, int) or (isinstance(value, float) and value.is_integer()))


def scan_output(value: Any, found: Citations) -> None:
    """The output's references in every string, and each entry's file with its line and quoted code."""
    if isinstance(value, str):
        for ref in references(value):
            found.cite(ref)
    elif isinstance(value, list):
        for item in value:
            scan_output(item, found)
    elif isinstance(value, dict):
        _entry(value, found)
        for item in value.values():
            scan_output(item, found)


def _entry(entry: dict, found: Citations) -> None:
    file_key = next((k for k in FILE_KEYS if isinstance(entry.get(k), str)), None)
    refs = references(entry[file_key]) if file_key else []
    if len(refs) != 1:
        return
    line_key = next((k for k in LINE_KEYS if k in entry and _whole(entry[k])), None)
    line = int(entry[line_key]) if line_key else 0
    found.cite(Ref(refs[0].relative, line, line))
    place = refs[0].first or line
    for key in QUOTE_KEYS:
        if isinstance(entry.get(key), str) and place > 0:
            found.quote(refs[0].relative, place, entry[key].splitlines())


def scan(project: Path) -> Citations:
    """What every generated session's deliverables cite, read from the files."""
    found = Citations()
    for session in sorted((project / SESSIONS).iterdir()):
        for notes in sorted(session.glob("workers/notes/*.md")):
            scan_notes(notes.read_text(encoding="utf-8"), found)
        for output in sorted(session.glob("workers/json/*.json")):
            scan_output(json.loads(output.read_text(encoding="utf-8")), found)
    return found


# The files ---------------------------------------------------------------------------

_WORDS = (
    "request payment refund merchant ledger entry batch event token session cache key amount currency "
    "status limit cursor page result record payload signature header account settlement webhook"
).split()
_IMPORTS = (  # the standard library's, others', the application's: a group each
    ("import uuid", "from datetime import datetime, timezone", "from decimal import Decimal", "from typing import Any"),
    ("from fastapi import APIRouter, Depends, HTTPException, Request, status", "from sqlalchemy import select, update",
     "from sqlalchemy.orm import Session, selectinload", "from pydantic import BaseModel, Field"),
    ("from app.core.config import settings", "from app.db.models import Merchant, Payment, Refund",
     "from app.db.session import session_scope", "from app.services import payment_service"),
)
_STATEMENTS = (
    ["    {a} = {b}.get(\"{c}\")"],
    ["    if {a} is None:", "        raise HTTPException(status_code=404, detail=\"{c} not found\")"],
    ["    {a} = db.scalar(select(Payment).where(Payment.{b}_id == {c}))"],
    ["    log.info(\"{b} {c}\", extra={{\"{a}\": {a}}})"],
    ["    for item in {a}:", "        {b}.append(item.{c})"],
    ["    {a}.updated_at = datetime.now(timezone.utc)"],
    ["    db.flush()"],
    ["    if not {a}.{b}:", "        return None"],
)
_PACKAGES = (
    "fastapi uvicorn starlette pydantic pydantic-settings sqlalchemy alembic psycopg psycopg-pool celery "
    "redis kombu billiard slowapi limits pyjwt cryptography httpx anyio sniffio h11 idna certifi jinja2 "
    "markupsafe babel structlog orjson python-multipart email-validator dnspython tenacity sentry-sdk "
    "prometheus-client opentelemetry-api opentelemetry-sdk click typing-extensions annotated-types vine amqp"
).split()


def _words(rng: random.Random, count: int) -> list[str]:
    return rng.sample(_WORDS, count)


def _python(rng: random.Random, relative: str) -> Iterator[list[str]]:
    """A module: docstring and imports, then functions, some of them routes or tasks."""
    title = Path(relative).stem.replace("_", " ")
    router = ["router = APIRouter()"] if "routes" in relative else []
    stdlib, others, ours = (sorted(rng.sample(group, rng.randint(1, 3))) for group in _IMPORTS)
    yield [f'"""{title.capitalize()}: {" ".join(_words(rng, 4))}."""', "", "from __future__ import annotations", "",
           "import logging", *stdlib, "", *others, "", *ours, "", "log = logging.getLogger(__name__)", *router, "", ""]
    while True:
        a, b, c = _words(rng, 3)
        head = [f"@router.get(\"/{b}s/{{{a}_id}}\")"] if "routes" in relative and rng.random() < 0.5 else []
        body = [line.format(a=a, b=b, c=c) for statement in rng.sample(_STATEMENTS, rng.randint(2, 6)) for line in statement]
        yield [*head, f"def {b}_{c}({a}, db: Session):", f'    """{" ".join(_words(rng, 5)).capitalize()}."""',
               *body, f"    return {a}", "", ""]


def _requirements(rng: random.Random, relative: str) -> Iterator[list[str]]:
    yield ["# pinned with pip-compile; edit requirements.in"]
    for name in sorted(_PACKAGES):
        yield [f"{name}=={rng.randint(0, 9)}.{rng.randint(0, 40)}.{rng.randint(0, 12)}"]
    while True:
        yield [f"#   via {rng.choice(_PACKAGES)}"]


def _template(rng: random.Random, relative: str) -> Iterator[list[str]]:
    yield ['{% extends "email/base.html.j2" %}', "{% block content %}"]
    while True:
        a, b, _ = _words(rng, 3)
        yield ["<tr>", f'  <td class="label">{{{{ _("{a.capitalize()}") }}}}</td>', f"  <td>{{{{ {a}.{b} }}}}</td>", "</tr>"]


_KINDS = {".txt": (_requirements, (25, 45)), ".j2": (_template, (40, 90)), ".html": (_template, (40, 90))}


def _framed(quote: tuple[str, ...], relative: str, rng: random.Random) -> tuple[list[str], list[str]]:
    """Python statements quoted on their own go in a function, whose first line comes before the cited one."""
    first = next((line for line in quote if line.strip() and not line.lstrip().startswith("#")), "#")
    if not relative.endswith(".py") or first.startswith("#") or first[:1].isspace() or first.startswith(("@", "def ", "async ", "class ", "import ", "from ")):
        return [], list(quote)
    a, b, c = _words(rng, 3)
    asynchronous = "async " if any("await " in line for line in quote) else ""
    return [f"{asynchronous}def {b}_{c}(request: Request, db: Session):"], [f"    {line}" if line.strip() else "" for line in quote]


def _cut(block: list[str], room: int) -> list[str]:
    """The start of a block, in ``room`` lines: it ends on a statement, then a blank line sets it apart."""
    part = block[: room - 1]
    while part and (part[-1].endswith(":") or part[-1].startswith("@")):
        part.pop()  # a header whose body was cut off
    return part + [""] * (room - len(part))


def _fill(lines: list[str], count: int, blocks: Iterator[list[str]]) -> None:
    """Code up to ``count`` lines; a gap too small for a block is left blank."""
    while len(lines) < count:
        room = count - len(lines)
        block = next(blocks) if room >= 3 or not lines else [""] * room
        lines.extend(block if len(block) <= room else _cut(block, room))


def render(relative: str, highest: int, quotes: dict[int, list[tuple[str, ...]]], rng: random.Random) -> str:
    """One file: code, each quote starting at the line cited for it, and some lines past the last cited."""
    make, (low, high) = _KINDS.get(Path(relative).suffix, (_python, (120, 400)))
    blocks = make(rng, relative)
    lines: list[str] = []
    for start in sorted(quotes):
        for quote in quotes[start]:
            lead, body = _framed(quote, relative, rng)
            _fill(lines, max(start, len(lines) + 1 + len(lead)) - 1 - len(lead), blocks)
            lines.extend([*lead, *body, "", ""])
    _fill(lines, max(highest + rng.randint(5, 40), len(lines) + 5, rng.randint(low, high)), blocks)
    return "\n".join(lines) + "\n"


def write(project: Path, seed: int = 1) -> Path:
    """The codebase at ``project/codebase``, for what the project's sessions cite; returns it."""
    found = scan(project)
    root = project / FOLDER
    root.mkdir()
    folders = {relative.rstrip("/") for relative in found.files if relative.endswith("/")}
    folders |= {str(parent) for relative in found.files for parent in Path(relative).parents if str(parent) != "."}
    for relative in sorted(folders):
        (root / relative).mkdir(parents=True, exist_ok=True)
    for relative, highest in sorted(found.files.items()):
        if relative.rstrip("/") in folders:
            continue
        rng = random.Random(f"{seed}:{relative}")
        (root / relative).write_text(render(relative, highest, found.quotes.get(relative, {}), rng), encoding="utf-8")
    return root
