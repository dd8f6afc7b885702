"""Hostile surroundings, through the real command line, in every format.

A worker can name files and folders as it likes, put links, pipes and hard links
where the deliverables and their folders should be, and keep writing while the
linter runs. Each case here builds such a tree, runs ``python -P -m lint check``
as a real child process with a timeout, and checks what the README promises
("Security: what worker-lint trusts", "Output formats", "Exit codes"):

- it ends (no hang), with exit code 0, 1 or 2, and never a traceback or an
  internal error;
- standard output and standard error are strict UTF-8, and no control character
  of a name reaches either raw: every name is built with each control character
  between two ``§`` guards, so a raw one shows as ``§<control>`` or ``<control>§``
  (in the parsed JSON, SARIF, harness objects and JUnit XML too);
- the report is valid in its format (JSON against ``schemas/report.schema.json``,
  SARIF 2.1.0, JUnit XML, the harness's WorkerOutput objects, GitHub workflow
  commands);
- nothing is written but what ``--fix`` (the deliverable files, in the project),
  ``--output`` (the named file) and ``--log-event`` (appending to an
  ``EVENTS.jsonl`` in the project) may write: every name and byte of the tree,
  and of the folder outside the project that the links lead to, is the same
  before and after (with ``--follow-symlinks``, a session reached outside is
  the caller's to fix and log into);
- a deliverable with an error finding, linted without the cache, never exits 0,
  whatever surrounds it; one that stays erroneous while a writer rewrites it,
  swaps a pipe in, or swaps in a link to a clean copy outside, never passes; and
  a result is never cached for bytes other than those linted.

Processes are the cost: the ``ci`` profile starts about fifty in all (25 s on 2
CPUs); ``HYPOTHESIS_PROFILE=fuzz`` runs about sixty times more examples.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

import lint
from conftest import EXAMPLE, SESSION_ID, harness_objects

FORMATS = ("text", "concise", "json", "sarif", "junit", "github", "harness")
TIMEOUT = 60  # seconds; a clean run takes a third of one
ROOT = Path(__file__).resolve().parent.parent
REPORT_SCHEMA = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))

# Examples per property: a few in the `ci` profile, about sixty times more with `fuzz`.
_PROFILE_EXAMPLES = settings.default.max_examples


def _examples(ci: int) -> settings:
    return settings(max_examples=max(ci, ci * _PROFILE_EXAMPLES // 80), suppress_health_check=list(HealthCheck))


SID = SESSION_ID.encode()
SESSIONS = b"Docs/hive-mind/sessions"
NOTES = b"workers/notes/backend_notes.md"
OUTPUT = b"workers/json/backend_output.json"
_EXAMPLE_SESSION = EXAMPLE / "Docs" / "hive-mind" / "sessions" / SESSION_ID
CLEAN_NOTES = (_EXAMPLE_SESSION / "workers" / "notes" / "backend_notes.md").read_bytes()
CLEAN_OUTPUT = (_EXAMPLE_SESSION / "workers" / "json" / "backend_output.json").read_bytes()
_FIXABLE_NOTES = CLEAN_NOTES.replace(b"**API Design Score**: 6.5/10", b"**API Design Score**: 7/10")  # score-mismatch
_FIXABLE_OUTPUT = CLEAN_OUTPUT.replace(b'"total_api_endpoints": 4', b'"total_api_endpoints": 9')  # statistics-count
assert _FIXABLE_NOTES != CLEAN_NOTES and _FIXABLE_OUTPUT != CLEAN_OUTPUT


# --------------------------------------------------------------------------
# Names: control characters between guards, and bytes that are not UTF-8

GUARD = "§"
# What the README says is never printed raw: C0 (but the tab) and C1 controls, DEL, U+2028, U+2029.
CONTROL = "[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]"
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")  # anywhere: a line break is the report's own
GUARDED = re.compile(f"{GUARD}{CONTROL}|{CONTROL}{GUARD}")
CONTROLS = ["\x1b", "\x07", "\r", "\n", "\x85", "\u2028", "\u2029", "\x7f", "\x9b", "\x0b", "\x0c", "\x1b[2J",
            "\x1b]0;owned\x07", "\r\n", "\n::error::forged", "\x1b]8;;http:x\x1b\\"]
assert not any("/" in c or "\x00" in c for c in CONTROLS)
NOT_UTF8 = [b"\xff", b"\xe9", b"\xc3", b"\x80", b"\xed\xa0\x80", b"\xc0\xaf", b"\xfe\xfe", b"\xf4\x90\x80\x80"]

_safe_text = st.text(st.characters(codec="utf-8", exclude_characters="/" + GUARD, exclude_categories=("Cc", "Cs", "Zl", "Zp")),
                     min_size=1, max_size=6)
_guarded = st.sampled_from(CONTROLS).map(lambda c: f"{GUARD}{c}{GUARD}".encode())
name_piece = st.one_of(_guarded, st.sampled_from(NOT_UTF8), _safe_text.map(str.encode))
# The simplest name Hypothesis can draw still holds a control character.
hostile_name = st.lists(name_piece, min_size=1, max_size=4).map(b"".join)
utf8_hostile_name = st.lists(st.one_of(_guarded, _safe_text.map(str.encode)), min_size=1, max_size=4).map(b"".join)


def unique(index: int, name: bytes) -> bytes:
    """A name no other entry of the case has (and never ``.`` or ``..``)."""
    return b"h%d-" % index + name


# --------------------------------------------------------------------------
# A case: the project, a folder outside it that links lead to, a working folder


class Case:
    def __init__(self, base: str) -> None:
        self.base = os.fsencode(base)
        self.project = self.base + b"/project"
        self.outside = self.base + b"/outside"  # a clean copy of the project, somewhere else
        self.cwd = self.base + b"/cwd"
        self.cache = self.base + b"/cache"
        shutil.copytree(EXAMPLE, os.fsdecode(self.project))
        shutil.copytree(EXAMPLE, os.fsdecode(self.outside))
        os.mkfifo(self.outside + b"/fifo")
        # What hard links lead to: files with an error --fix would put right, and an event log.
        os.mkdir(self.outside + b"/hard")
        for name, data in ((b"backend_notes.md", _FIXABLE_NOTES), (b"backend_output.json", _FIXABLE_OUTPUT), (b"EVENTS.jsonl", b"")):
            with open(self.outside + b"/hard/" + name, "wb") as file:
                file.write(data)
        os.mkdir(self.cwd)
        self.session_name = SID

    @property
    def sessions(self) -> bytes:
        return self.project + b"/" + SESSIONS

    @property
    def session(self) -> bytes:
        return self.sessions + b"/" + self.session_name

    def path(self, relative: bytes) -> bytes:
        return self.session + b"/" + relative

    def write(self, relative: bytes, data: bytes) -> None:
        with open(self.path(relative), "wb") as file:
            file.write(data)

    def rename_session(self, name: bytes) -> None:
        os.rename(self.session, self.sessions + b"/" + name)
        self.session_name = name

    def snapshot(self) -> dict[bytes, tuple]:
        return snapshot(self.base, skip={b"cache"})


def snapshot(root: bytes, skip: set[bytes] = frozenset()) -> dict[bytes, tuple]:
    """Every entry below ``root``, links not followed: a file's bytes, a link's target, a folder, anything else by type."""
    found: dict[bytes, tuple] = {}

    def walk(folder: bytes, relative: bytes) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                key = relative + b"/" + entry.name if relative else entry.name
                if key in skip:
                    continue
                mode = entry.stat(follow_symlinks=False).st_mode
                if stat.S_ISLNK(mode):
                    found[key] = ("link", os.readlink(entry.path))
                elif stat.S_ISDIR(mode):
                    found[key] = ("folder",)
                    walk(entry.path, key)
                elif stat.S_ISREG(mode):
                    with open(entry.path, "rb") as file:
                        found[key] = ("file", file.read())
                else:
                    found[key] = ("other", stat.S_IFMT(mode))

    walk(root, b"")
    return found


# A session's files, in the project (a copy kept inside it too) or, reached with --follow-symlinks, outside it.
_SESSION = rb"(project|outside)/(?:[^/]+/)*?Docs/hive-mind/sessions/[^/]+/"
_DELIVERABLE_KEY = re.compile(_SESSION + rb"workers/(?:notes/[^/]+_notes\.md|json/[^/]+_output\.json)\Z")
_EVENTS_KEY = re.compile(_SESSION + rb"EVENTS\.jsonl\Z")
REPORT_FILE = b"report.out"  # --output names it in the case's working folder


def _may_write(pattern: re.Pattern, key: bytes, options: list) -> bool:
    match = pattern.fullmatch(key)
    return match is not None and (match.group(1) == b"project" or "--follow-symlinks" in options)


def check_writes(before: dict, after: dict, options: list) -> None:
    """Only what --fix, --output and --log-event may write has changed; outside the project, nothing
    (but a session that --follow-symlinks reaches there: its deliverables fixed, its event logged)."""
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        shown = f"{key!r}: {old and old[0]} -> {new and new[0]}"
        if "--fix" in options and _may_write(_DELIVERABLE_KEY, key, options) and old and new and old[0] == new[0] == "file":
            continue
        if "--log-event" in options and _may_write(_EVENTS_KEY, key, options) and new and new[0] == "file" and (old is None or old[0] == "file"):
            previous = old[1] if old else b""
            assert new[1].startswith(previous), f"{shown}: the event log was rewritten, not appended to"
            added = new[1][len(previous):]
            assert added.endswith(b"\n"), f"{shown}: an event line was left unfinished"
            for line in added.splitlines():
                if line.strip():
                    logged = json.loads(line.decode("utf-8"))  # strict UTF-8, one JSON object a line
                    assert logged["type"] == "outputs_validated", f"{shown}: {line!r}"
                    _check_values(_strings(logged), "the logged event")
            continue
        if "--output" in options and key == b"cwd/" + REPORT_FILE and new and new[0] == "file":
            continue
        raise AssertionError(f"written outside --fix/--output/--log-event: {shown}")


# --------------------------------------------------------------------------
# Running the linter, and what every run must show


class Run:
    def __init__(self, command: list, code: int, stdout: bytes, stderr: bytes, report: bytes) -> None:
        self.command, self.code, self.stdout, self.stderr = command, code, stdout, stderr
        self.report = report  # standard output, or the file --output named

    def __repr__(self) -> str:
        return f"<exit {self.code} of {self.command!r}\nstdout: {self.stdout[:3000]!r}\nstderr: {self.stderr[:3000]!r}>"


def lint_check(case: Case, args: list, cwd: bytes | None = None) -> Run:
    """``python -P -m lint check ARGS`` in a child process (the folder is never the linter's own)."""
    args = [case.cwd + b"/" + REPORT_FILE if a == REPORT_FILE else a for a in args]
    command = [sys.executable, "-P", "-m", "lint", "check", *args]
    process = subprocess.Popen(command, cwd=cwd or case.cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        stdout, stderr = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, stderr = process.communicate()
        raise AssertionError(f"no exit after {TIMEOUT} s (a hang): {command!r}\n{stderr[-2000:]!r}") from None
    report = stdout
    if "--output" in args:
        with contextlib.suppress(FileNotFoundError), open(case.cwd + b"/" + REPORT_FILE, "rb") as file:
            report = file.read()
    return Run(command, process.returncode, stdout, stderr, report)


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _check_values(strings, what: str) -> None:
    for text in strings:
        assert not GUARDED.search(text), f"{what}: a raw control character from a name: {text!r}"
        text.encode("utf-8")  # no lone surrogate (a byte that is not UTF-8, passed on as \\udcNN)


_GITHUB_COMMAND = re.compile(r"::(error|warning|notice)( [^\n]*)?::[^\n]*")


def check_run(run: Run, fmt: str) -> None:
    """What holds for every run, whatever the tree: see the module's docstring."""
    assert run.code in (0, 1, 2), run
    try:
        out, err, report = run.stdout.decode("utf-8"), run.stderr.decode("utf-8"), run.report.decode("utf-8")
    except UnicodeDecodeError as error:
        raise AssertionError(f"output that is not UTF-8 ({error}): {run!r}") from None
    for name, text in (("stdout", out), ("stderr", err), ("the report", report)):
        assert "Traceback" not in text and "internal error" not in text.lower(), run
        raw = RAW_CONTROL.findall(text)
        assert not raw, f"raw control characters {raw!r} on {name}: {run!r}"
        assert not GUARDED.search(text), f"a raw line break from a name on {name}: {run!r}"
    if run.code == 2 and not report:
        return
    out = report
    if fmt == "json":
        import jsonschema

        parsed = json.loads(out)
        jsonschema.Draft202012Validator(REPORT_SCHEMA).validate(parsed)
        _check_values(_strings(parsed), fmt)
    elif fmt == "sarif":
        sarif = json.loads(out)
        assert sarif["version"] == "2.1.0" and len(sarif["runs"]) == 1, run
        _check_values(_strings(sarif), fmt)
    elif fmt == "harness":
        _check_values(_strings(harness_objects(out)), fmt)
    elif fmt == "junit":
        root = ElementTree.fromstring(run.report)
        assert root.tag in ("testsuites", "testsuite"), run
        _check_values((t for e in root.iter() for t in (e.text or "", e.tail or "", *e.attrib.values())), fmt)
    elif fmt == "github":
        for line in out.splitlines():
            assert not line.startswith("::") or _GITHUB_COMMAND.fullmatch(line), f"not a workflow command: {line!r}"


# --------------------------------------------------------------------------
# Links, pipes and hard links in place of the deliverables and their folders

SPOTS = {  # where, relative to the session folder (the sessions folder: relative to the project)
    "notes": NOTES,
    "output": OUTPUT,
    "notes-folder": b"workers/notes",
    "json-folder": b"workers/json",
    "workers": b"workers",
    "session": b"",
    "sessions": None,
    "events": b"EVENTS.jsonl",
}
FILE_SPOTS = ("notes", "output", "events")
COPY_ID = b"2025-09-14-10-31-copy"
KINDS = ("dangling", "out", "out-relative", "self-loop", "pair-loop", "ancestor", "inside", "hard-out", "fifo", "fifo-out")
BROKEN = ("dangling", "out", "out-relative", "self-loop", "pair-loop", "fifo", "fifo-out")  # the deliverable cannot be read


def spot_path(case: Case, spot: str, root: bytes | None = None) -> bytes:
    root = root or case.project
    if spot == "sessions":
        return root + b"/" + SESSIONS
    relative = SPOTS[spot]
    session = root + b"/" + SESSIONS + b"/" + SID
    return session + b"/" + relative if relative else session


def _remove(path: bytes) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    else:
        os.unlink(path)


def place(case: Case, spot: str, kind: str) -> None:
    """Put a link, pipe or hard link of ``kind`` where ``spot`` was."""
    path = spot_path(case, spot)
    twin = spot_path(case, spot, case.outside)  # the same place in the clean copy outside
    _remove(path)
    if kind == "dangling":
        os.symlink(case.outside + b"/no-such-entry", path)
    elif kind == "out":
        os.symlink(twin, path)
    elif kind == "out-relative":
        os.symlink(os.path.relpath(twin, os.path.dirname(path)), path)
    elif kind == "self-loop":
        os.symlink(os.path.basename(path), path)
    elif kind == "pair-loop":
        os.symlink(os.path.basename(path) + b".loop", path)
        os.symlink(os.path.basename(path), path + b".loop")
    elif kind == "ancestor":
        os.symlink(b"..", path)
    elif kind == "inside":  # to the same place in a clean copy kept inside the project
        archive = case.project + b"/archive"
        if not os.path.exists(archive):
            shutil.copytree(EXAMPLE, os.fsdecode(archive))
        os.symlink(os.path.relpath(spot_path(case, spot, archive), os.path.dirname(path)), path)
    elif kind == "hard-out":
        os.link(case.outside + b"/hard/" + os.path.basename(path), path)
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "fifo-out":
        os.symlink(case.outside + b"/fifo", path)
    else:
        raise AssertionError(kind)


def _nested(a: str, b: str) -> bool:
    order = ["sessions", "session", "workers", "notes-folder", "json-folder", "notes", "output", "events"]
    parents = {"session": {"sessions"}, "workers": {"sessions", "session"}, "events": {"sessions", "session"},
               "notes-folder": {"sessions", "session", "workers"}, "json-folder": {"sessions", "session", "workers"},
               "notes": {"sessions", "session", "workers", "notes-folder"}, "output": {"sessions", "session", "workers", "json-folder"}}
    assert a in order and b in order
    return a in parents.get(b, ()) or b in parents.get(a, ())


@st.composite
def replacements(draw) -> list[tuple[str, str]]:
    """One to three places, none inside another, each with a link, pipe or hard link."""
    chosen: list[tuple[str, str]] = []
    for spot in draw(st.lists(st.sampled_from(list(SPOTS)), min_size=1, max_size=3, unique=True)):
        if any(_nested(spot, other) for other, _ in chosen):
            continue
        kinds = KINDS if spot in FILE_SPOTS else tuple(k for k in KINDS if k not in ("hard-out", "fifo"))
        chosen.append((spot, draw(st.sampled_from(kinds))))
    return chosen


OPTIONS = st.sampled_from([[], ["--fix"], ["--log-event"], ["--follow-symlinks"], ["--output", REPORT_FILE],
                           ["--follow-symlinks", "--fix", "--log-event"]])


def _links_case(base: str, places: list[tuple[str, str]], fmt: str, options: list, by_id: bool) -> tuple[Case, Run]:
    case = Case(base)
    # The deliverable is erroneous, so a link that lets a clean copy be read in its place shows as exit 0.
    case.write(NOTES, _FIXABLE_NOTES)
    for spot, kind in places:
        place(case, spot, kind)
    event(", ".join(f"{spot}: {kind}" for spot, kind in places))
    before = case.snapshot()
    args = ["--session", SID] if by_id else [case.project]
    run = lint_check(case, [*args, "--format", fmt, "--cache-dir", case.cache, *options], cwd=case.project if by_id else None)
    check_run(run, fmt)
    check_writes(before, case.snapshot(), options)
    if "--follow-symlinks" not in options and (cause := must_fail(places)):
        assert run.code != 0, f"the deliverable behind {cause} was taken as passing: {run!r}"
    return case, run


def must_fail(places: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The replacements the README says make the (erroneous) deliverable fail, links not followed.

    A deliverable file that cannot be read (a dangling link, a loop, a pipe, a folder, a link
    out) is a file-unreadable finding; so is one inside a folder linked out of the project;
    one folder of the pair gone while the other file is there is deliverable-missing. (Both
    gone, the session simply has no deliverable: nothing is asserted.)
    """
    cause = [(s, k) for s, k in places if s in ("notes", "output") and (k in BROKEN or k == "ancestor")]
    cause += [(s, k) for s, k in places if s not in FILE_SPOTS and k in ("out", "out-relative")]
    pair = [(s, k) for s, k in places if s in ("notes", "output", "notes-folder", "json-folder")]
    if len(pair) == 1 and pair[0][0].endswith("folder") and pair[0][1] in BROKEN:
        cause += pair
    return cause


_LINK_SETTINGS = _examples(3)


@_LINK_SETTINGS
@example(places=[("notes", "hard-out"), ("events", "hard-out")], fmt="json", options=["--fix", "--log-event"])
@example(places=[("output", "hard-out")], fmt="sarif", options=["--fix"])
@example(places=[("events", "out"), ("workers", "ancestor")], fmt="concise", options=["--log-event"])
@example(places=[("notes", "fifo"), ("output", "fifo-out")], fmt="junit", options=["--output", REPORT_FILE])
@example(places=[("session", "out")], fmt="harness", options=["--log-event", "--fix"])
@example(places=[("json-folder", "pair-loop"), ("notes", "self-loop")], fmt="github", options=[])
@given(places=replacements(), fmt=st.sampled_from(FORMATS), options=OPTIONS)
def test_links_pipes_and_hard_links_in_a_project(places, fmt: str, options: list) -> None:
    with tempfile.TemporaryDirectory() as base:
        _links_case(base, places, fmt, options, by_id=False)


@_LINK_SETTINGS
@example(places=[("session", "out")], fmt="json", options=["--log-event"])
@given(places=replacements(), fmt=st.sampled_from(FORMATS), options=OPTIONS)
def test_links_pipes_and_hard_links_under_the_session_the_gate_names(places, fmt: str, options: list) -> None:
    """The same, linted as the gate lints: ``--session ID`` from the project root."""
    with tempfile.TemporaryDirectory() as base:
        _links_case(base, places, fmt, options, by_id=True)


@pytest.mark.parametrize("spot", ["session", "sessions"])
def test_the_gate_never_reads_nor_logs_into_a_session_linked_out_of_the_project(tmp_path: Path, spot: str) -> None:
    """A worker replaces its session folder (or the sessions folder) with a link to a clean copy outside
    the project: the gate's own command fails the deliverable and logs nothing outside (it used to pass
    it and append the event to the copy's EVENTS.jsonl)."""
    case = Case(str(tmp_path))
    case.write(NOTES, CLEAN_NOTES.replace(b"**API Design Score**: 6.5/10", b"**API Design Score**: 7/10"))
    place(case, spot, "out")
    before = case.snapshot()
    run = lint_check(case, ["--session", SID, "--worker", "backend", "--format", "harness", "--log-event",
                            "--ignore-suppressions", "--isolated", "--no-cache"], cwd=case.project)
    check_run(run, "harness")
    assert run.code == 1, run
    check_writes(before, case.snapshot(), ["--log-event"])


@pytest.mark.parametrize("kind", ["dangling", "self-loop"])
def test_a_broken_link_in_place_of_a_lone_deliverable_is_a_finding(tmp_path: Path, kind: str) -> None:
    case = Case(str(tmp_path))
    clean = case.sessions + b"/" + COPY_ID  # another session, clean, so the run has something to pass
    shutil.copytree(os.fsdecode(case.session), os.fsdecode(clean))
    with open(clean + b"/" + OUTPUT, "wb") as file:
        file.write(CLEAN_OUTPUT.replace(SID, COPY_ID))
    os.unlink(case.path(OUTPUT))
    place(case, "notes", kind)
    run = lint_check(case, [case.project, "--format", "json", "--no-cache"])
    check_run(run, "json")
    assert run.code == 1, run
    assert any(f["rule"] == "file-unreadable" and f["file"].endswith("backend_notes.md") for f in json.loads(run.stdout)["findings"]), run


# --------------------------------------------------------------------------
# Hostile names everywhere, in every format

LOCATIONS = [b"", b"Docs", b"Docs/hive-mind", SESSIONS, None, b"workers", b"workers/notes", b"workers/json"]  # None: the session


@st.composite
def strays(draw, case_names: st.SearchStrategy[bytes] = hostile_name) -> list[tuple]:
    """Entries with hostile names: files, folders, sessions, deliverables of an unknown worker, links, pipes."""
    found = []
    for index in range(draw(st.integers(1, 6))):
        where = draw(st.sampled_from(LOCATIONS))
        what = draw(st.sampled_from(["file", "folder", "session", "worker", "link-out", "link-dangling", "link-loop", "fifo"]))
        found.append((where, what, unique(index, draw(case_names)), draw(st.binary(max_size=40))))
    return found


def add_strays(case: Case, entries: list[tuple]) -> None:
    for where, what, name, data in entries:
        folder = case.session if where is None else (case.project + b"/" + where if where else case.project)
        if where is not None and where.startswith(b"workers"):
            folder = case.session + b"/" + where
        path = folder + b"/" + name
        if what == "file":
            with open(path, "wb") as file:
                file.write(data or CLEAN_NOTES)
        elif what == "folder":
            os.mkdir(path)
        elif what == "session":  # a clean copy of the session, under a hostile name
            shutil.copytree(os.fsdecode(spot_path(case, "session", case.outside)), os.fsdecode(case.sessions + b"/" + name))
        elif what == "worker":  # the deliverable pair of a worker no pack knows
            for suffix, content, sub in ((b"_notes.md", CLEAN_NOTES, b"workers/notes"), (b"_output.json", CLEAN_OUTPUT, b"workers/json")):
                with open(case.session + b"/" + sub + b"/" + name + suffix, "wb") as file:
                    file.write(content)
        elif what == "link-out":
            os.symlink(spot_path(case, "session", case.outside), path)
        elif what == "link-dangling":
            os.symlink(name + b"-missing", path)
        elif what == "link-loop":
            os.symlink(name, path)
        elif what == "fifo":
            os.mkfifo(path)


TARGETS = ("project", "session", "notes", "output", "session-id")


def _target(case: Case, target: str) -> tuple[list, bytes | None]:
    """The command line's paths (or --session) and the folder to run in."""
    if target == "project":
        return [case.project], None
    if target == "session":
        return [case.session], None
    if target in ("notes", "output"):
        return [case.path(NOTES if target == "notes" else OUTPUT)], None
    return ["--session", case.session_name], case.project


@_examples(5)
@given(session=st.one_of(st.none(), hostile_name), entries=strays(), target=st.sampled_from(TARGETS),
       fmt=st.sampled_from(FORMATS), options=OPTIONS)
def test_hostile_names_never_reach_the_output_raw(session, entries, target: str, fmt: str, options: list) -> None:
    with tempfile.TemporaryDirectory() as base:
        case = Case(base)
        if session is not None:
            case.rename_session(unique(99, session))
        add_strays(case, entries)
        before = case.snapshot()
        args, cwd = _target(case, target)
        run = lint_check(case, [*args, "--format", fmt, "--cache-dir", case.cache, *options], cwd=cwd)
        check_run(run, fmt)
        check_writes(before, case.snapshot(), options)
        event(f"exit {run.code}")


def _every_hostility(case: Case) -> None:
    """Every control character and non-UTF-8 byte, in a session's name, stray names and a worker's name."""
    everything = b"".join(f"{GUARD}{c}{GUARD}".encode() for c in CONTROLS) + b"".join(NOT_UTF8)
    case.rename_session(b"s" + everything)
    entries = [(where, what, unique(i, b"x" + everything[: 40 + i]), b"")
               for i, (where, what) in enumerate([(None, "file"), (b"workers/notes", "file"), (b"workers/json", "worker"),
                                                  (SESSIONS, "session"), (SESSIONS, "link-out"), (SESSIONS, "link-dangling"),
                                                  (b"workers", "link-loop"), (b"workers/notes", "fifo"), (b"", "folder")])]
    add_strays(case, entries)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_on_a_tree_with_every_hostile_name(tmp_path: Path, fmt: str) -> None:
    case = Case(str(tmp_path))
    _every_hostility(case)
    before = case.snapshot()
    run = lint_check(case, [case.project, "--format", fmt, "--no-cache"])
    check_run(run, fmt)
    assert run.code == 1, run  # the session's name is not its id: session-mismatch
    check_writes(before, case.snapshot(), [])
    shown = run.stdout.decode("utf-8") + run.stderr.decode("utf-8")
    assert "\\x1b" in shown and "\\xff" in shown, "the names are shown escaped"


# --------------------------------------------------------------------------
# A writer at work during the run

_WRONG_NOTES = [CLEAN_NOTES.replace(b"**API Design Score**: 6.5/10", b"**API Design Score**: %d/10" % n) for n in (7, 8)]
_WRONG_OUTPUT = [CLEAN_OUTPUT.replace(b'"api_design_score": 6.5', b'"api_design_score": %d' % n) for n in (7, 8)]
assert all(v not in (CLEAN_NOTES, CLEAN_OUTPUT) for v in _WRONG_NOTES + _WRONG_OUTPUT)


@contextmanager
def writer(case: Case, path: bytes, versions: list[bytes], mode: str, pace: float, link: bytes = b"") -> Iterator[list[int]]:
    """A thread that keeps changing ``path`` until the block ends:

    - ``replace``: each version written beside and renamed over it (atomic);
    - ``rewrite``: each version written in place (a reader can see it empty or half written);
    - ``fifo``: a pipe renamed over it, then a version again;
    - ``exchange``: it trades places with a symbolic link to ``link``, atomically (renameat2), again and again.
    """
    spare = case.base + b"/spare"
    stop, writes = threading.Event(), [0]
    if mode == "exchange":
        os.symlink(link, spare)

    def work() -> None:
        while not stop.is_set():
            n = writes[0]
            data = versions[n % len(versions)]
            if mode == "rewrite":
                with open(path, "wb") as file:
                    file.write(data)
            elif mode == "exchange":
                exchange(path, spare)
            else:
                if mode == "fifo" and n % 2:
                    os.mkfifo(spare)
                else:
                    with open(spare, "wb") as file:
                        file.write(data)
                os.replace(spare, path)
            writes[0] += 1
            if pace:
                time.sleep(pace)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    try:
        yield writes
    finally:
        stop.set()
        thread.join(10)
        assert not thread.is_alive()
        if mode == "exchange" and os.path.islink(path):  # put the file back
            exchange(path, spare)


def exchange(a: bytes, b: bytes) -> None:
    """Swap two names atomically (Linux renameat2 with RENAME_EXCHANGE): no moment without either."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.renameat2(-100, a, -100, b, 2) != 0:  # AT_FDCWD, RENAME_EXCHANGE
        error = ctypes.get_errno()
        raise OSError(error, os.strerror(error))


WRITER_MODES = ("replace", "rewrite", "fifo", "cache", "fix", "events-swap")


@_examples(1)
@example(which="notes", mode="replace", pace=0.0, fmt="json")
@example(which="output", mode="rewrite", pace=0.0, fmt="sarif")
@example(which="notes", mode="fifo", pace=0.0005, fmt="junit")
@example(which="output", mode="cache", pace=0.0005, fmt="harness")
@example(which="notes", mode="fix", pace=0.0, fmt="github")
@example(which="notes", mode="cache", pace=0.0, fmt="concise")
@example(which="output", mode="fix", pace=0.0005, fmt="text")
@example(which="notes", mode="events-swap", pace=0.0, fmt="json")
@given(which=st.sampled_from(["notes", "output"]), mode=st.sampled_from(WRITER_MODES),
       pace=st.sampled_from([0.0, 0.0005, 0.003]), fmt=st.sampled_from(FORMATS))
def test_a_deliverable_rewritten_during_the_run(which: str, mode: str, pace: float, fmt: str) -> None:
    """Every state the writer leaves the deliverable in (half-written ones too) is an error, or a
    pipe: the run never passes. (A link swapped in: see the tests after this one.)

    ``cache``: the writer swaps a clean version in and out; afterwards the erroneous bytes, linted
    with that cache, must still fail (no result is stored for bytes other than those linted).
    ``fix``: --fix runs while the writer works; the file ends as one of the writer's versions or
    their fix, nothing else is written and no temporary file is left. ``events-swap``:
    --log-event runs while EVENTS.jsonl trades places with a link to a log outside the project,
    which must never be appended to.
    """
    relative = NOTES if which == "notes" else OUTPUT
    wrong = _WRONG_NOTES if which == "notes" else _WRONG_OUTPUT
    clean = CLEAN_NOTES if which == "notes" else CLEAN_OUTPUT
    with tempfile.TemporaryDirectory() as base:
        case = Case(base)
        case.write(relative, wrong[0])
        path, versions, link, options = case.path(relative), wrong, spot_path(case, which, case.outside), ["--no-cache"]
        if mode == "cache":
            versions, options = [wrong[0], clean], ["--cache-dir", case.cache]
        elif mode == "fix":
            options = ["--fix"]
        elif mode == "events-swap":
            path, link, options = case.path(b"EVENTS.jsonl"), case.outside + b"/hard/EVENTS.jsonl", ["--log-event", "--no-cache"]
            with open(path, "rb") as file:
                versions = [file.read()]
        moving = path[len(case.base) + 1 :]

        def unmoved(tree: dict) -> dict:
            return {k: v for k, v in tree.items() if not (k == moving or k.startswith(moving + b"/") or k == b"spare")}

        before = unmoved(case.snapshot())
        how = {"cache": "replace", "fix": "replace", "events-swap": "exchange"}.get(mode, mode)
        with writer(case, path, versions, how, pace, link):
            run = lint_check(case, [case.project, "--format", fmt, *options])
        event(f"{mode}: exit {run.code}")
        check_run(run, fmt)
        check_writes(before, unmoved(case.snapshot()), options)
        if mode == "fix":
            with open(path, "rb") as file:
                assert file.read() in (*versions, clean), "--fix left bytes that are neither the writer's nor their fix"
            assert os.listdir(os.path.dirname(path)) == [os.path.basename(path)], "a file was left beside the deliverable"
        elif mode == "cache":
            assert run.code in (0, 1), run
            case.write(relative, wrong[0])
            again = lint_check(case, [case.project, "--format", "json", "--cache-dir", case.cache])
            check_run(again, "json")
            assert again.code == 1, f"a result stored for other bytes was given to the erroneous ones: {again!r}"
        elif mode == "events-swap":
            assert run.code in (1, 2), run  # 2: the event could not be logged (the log was a link)
        else:
            assert run.code == 1, run


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux's")
def test_a_deliverable_swapped_for_a_link_out_during_the_run_never_passes(tmp_path: Path) -> None:
    """8 erroneous deliverables; a writer keeps one file (or the folder holding it) of each trading places
    with a link to the clean copy outside the project. Whenever the linter looks, it meets an error or a
    link it must not read, so every deliverable fails. The race is narrow, so this tries up to 6 runs
    (before the check at the open was added, over half the runs met it)."""
    case = Case(str(tmp_path))
    pairs = []
    for i in range(8):
        sid = b"2025-09-14-10-4%d-race" % i
        for root in (case.project, case.outside):  # the session, and its clean twin outside
            shutil.copytree(os.fsdecode(case.session), os.fsdecode(root + b"/" + SESSIONS + b"/" + sid))
            with open(root + b"/" + SESSIONS + b"/" + sid + b"/" + OUTPUT, "wb") as file:
                file.write(CLEAN_OUTPUT.replace(SID, sid))
        relative, wrong = (NOTES, _WRONG_NOTES[0]) if i % 2 else (OUTPUT, _WRONG_OUTPUT[0].replace(SID, sid))
        with open(case.sessions + b"/" + sid + b"/" + relative, "wb") as file:
            file.write(wrong)
        if i % 4 >= 2:  # the folder holding it, rather than the file
            relative = os.path.dirname(relative)
        link = case.base + b"/link-%d" % i
        os.symlink(case.outside + b"/" + SESSIONS + b"/" + sid + b"/" + relative, link)
        pairs.append((case.sessions + b"/" + sid + b"/" + relative, link))
    shutil.rmtree(case.session)
    stop = threading.Event()

    def swap() -> None:
        while not stop.is_set():
            for path, link in pairs:
                exchange(path, link)

    for attempt in range(1, 7):
        stop.clear()
        thread = threading.Thread(target=swap, daemon=True)
        thread.start()
        try:
            run = lint_check(case, [case.project, "--format", "json", "--no-cache"])
        finally:
            stop.set()
            thread.join(10)
        check_run(run, "json")
        passing = [d["session_id"] for d in json.loads(run.stdout)["deliverables"] if d["passed"]]
        assert not passing and run.code == 1, f"run {attempt}: {passing} passed, read through the link: {run!r}"


def test_a_deliverable_swapped_for_a_link_out_after_the_link_check_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same race, made certain: the swap happens right after the linter checked the notes for a link."""
    import lint.discover
    from conftest import run_cli

    case = Case(str(tmp_path))
    notes = case.path(NOTES)
    case.write(NOTES, _WRONG_NOTES[0])
    real = lint.discover.Unit.leaves_root

    def check_then_swap(unit, path):
        answer = real(unit, path)
        if os.fsencode(path) == notes and not os.path.islink(notes):
            os.unlink(notes)
            os.symlink(spot_path(case, "notes", case.outside), notes)
        return answer

    monkeypatch.setattr(lint.discover.Unit, "leaves_root", check_then_swap)
    run = run_cli("check", os.fsdecode(case.project), "--format", "json", "--no-cache")
    assert run.exit_code == 1, run.stdout


def test_the_writer_really_writes_while_the_linter_runs(tmp_path: Path) -> None:
    """The writer is fast enough to meet the linter: it writes many times during one run."""
    case = Case(str(tmp_path))
    with writer(case, case.path(NOTES), _WRONG_NOTES, "replace", 0.0) as writes:
        run = lint_check(case, [case.project, "--no-cache"])
    assert run.code == 1 and writes[0] > 20, (writes, run)


# --------------------------------------------------------------------------
# An erroneous deliverable in hostile surroundings never exits 0


def _mutations() -> dict[str, tuple[bytes, bytes]]:
    data = json.loads(CLEAN_OUTPUT)
    data["api_specifications"].append(dict(data["api_specifications"][0], id="API-999-TEMPLATE"))
    template_entry = json.dumps(data, indent=2).encode()
    summary = b"FastAPI service on PostgreSQL"
    return {
        "wrong-score": (CLEAN_NOTES.replace(b"**API Design Score**: 6.5/10", b"**API Design Score**: 7/10"), CLEAN_OUTPUT),
        "relative-path": (CLEAN_NOTES.replace(summary, b"See src/zzq/handler_x.py:12 here. " + summary), CLEAN_OUTPUT),
        "placeholder": (CLEAN_NOTES.replace(summary, b"{{SESSION_ID}} " + summary), CLEAN_OUTPUT),
        "instruction": (CLEAN_NOTES.replace(b"## Critical Issues Found\n", b"## Critical Issues Found\n*REQUIRED: cite files.*\n"), CLEAN_OUTPUT),
        "json-score": (CLEAN_NOTES, CLEAN_OUTPUT.replace(b'"api_design_score": 6.5', b'"api_design_score": 7')),
        "json-relative-path": (CLEAN_NOTES, CLEAN_OUTPUT.replace(b"Handler at /srv/payments-api/app/api/routes/payments.py:41.",
                                                                 b"Handler at app/zzq/handler_x.py:41.")),
        "json-placeholder": (CLEAN_NOTES, CLEAN_OUTPUT.replace(b"52 minutes", b"{{DURATION}}")),
        "template-entry": (CLEAN_NOTES, template_entry),
    }


MUTATIONS = _mutations()
CONFIG_LOCATIONS = [SESSIONS, b"Docs/hive-mind", None, b"workers", b"workers/notes", b"workers/json"]
_PERMISSIVE = ('ignore = ["absolute-path", "score-mismatch", "template-placeholder", "template-instruction", "short-reference"]\n'
               'exclude = ["**"]\nfail-level = "error"\nfail-under = 0\n')


@st.composite
def surroundings(draw) -> list[tuple]:
    entries = draw(strays(utf8_hostile_name | hostile_name))
    configs = draw(st.lists(st.tuples(st.sampled_from(CONFIG_LOCATIONS), st.sampled_from([".worker-lint.toml", "pyproject.toml"])),
                            max_size=3, unique=True))
    return [*entries, *(("config", where, name) for where, name in configs)]


def _config_text(name: str) -> bytes:
    return (_PERMISSIVE if name == ".worker-lint.toml" else "[tool.worker-lint]\n" + _PERMISSIVE).encode()


def add_surroundings(case: Case, entries: list[tuple], isolated: bool) -> None:
    add_strays(case, [e for e in entries if e[0] != "config"])
    for _, where, name in (e for e in entries if e[0] == "config"):
        folder = case.session if where is None else (case.session + b"/" + where if where.startswith(b"workers") else case.project + b"/" + where)
        with open(folder + b"/" + name.encode(), "wb") as file:
            file.write(_config_text(name))
    if isolated:  # a gate reads no configuration: files where a run without --isolated would read them
        for folder in (case.project, case.project + b"/Docs"):
            with open(folder + b"/.worker-lint.toml", "wb") as file:
                file.write(_config_text(".worker-lint.toml"))


@_examples(6)
@given(mutation=st.sampled_from(sorted(MUTATIONS)), session=st.one_of(st.none(), utf8_hostile_name), entries=surroundings(),
       target=st.sampled_from([*TARGETS, "session-id-worker", "session-id-inside"]), fmt=st.sampled_from(FORMATS),
       isolated=st.booleans())
def test_an_erroneous_deliverable_in_hostile_surroundings_never_exits_0(mutation, session, entries, target, fmt, isolated) -> None:
    notes, output = MUTATIONS[mutation]
    name = SID if session is None else unique(99, session)
    if target.startswith("session-id"):
        name = name.replace(b"\\", b"")  # --session refuses an id with a path separator (exit 2), / or \\
    data = json.loads(output)
    data["analysis_metadata"]["session_id"] = name.decode("utf-8")
    output = json.dumps(data, indent=2).encode() + b"\n"
    alone = lint.lint_contents("backend", notes=notes.decode(), output=output.decode(), session_id=name.decode("utf-8"))
    assert alone.exit_code == 1 and any(f.severity.name == "ERROR" for f in alone.findings), "the mutation gives an error"
    with tempfile.TemporaryDirectory() as base:
        case = Case(base)
        if session is not None:
            case.rename_session(name)
        case.write(NOTES, notes)
        case.write(OUTPUT, output)
        add_surroundings(case, entries, isolated)
        if target == "session-id-inside":  # a clean copy planted as a project inside the session, the gate run from there
            planted = case.session + b"/" + SESSIONS + b"/" + name
            shutil.copytree(os.fsdecode(spot_path(case, "session", case.outside)), os.fsdecode(planted))
            os.mkdir(case.session + b"/.claude")
            args, cwd = ["--session", name, "--worker", "backend"], case.session + b"/workers"
        elif target == "session-id-worker":
            args, cwd = ["--session", name, "--worker", "backend"], case.project
        else:
            args, cwd = _target(case, target)
        before = case.snapshot()
        run = lint_check(case, [*args, "--format", fmt, "--no-cache", *(["--isolated"] if isolated else [])], cwd=cwd)
        check_run(run, fmt)
        check_writes(before, case.snapshot(), [])
        assert run.code == 1, f"{mutation}: an erroneous deliverable did not fail: {run!r}"


# --------------------------------------------------------------------------
# Many sessions: the run is spread over processes


def test_many_hostile_sessions_linted_in_processes_report_the_same(tmp_path: Path) -> None:
    """Over 40 deliverables the run is spread over processes: names that are not UTF-8 and control characters
    cross between them, and the report is the same in one process, in two, and from the result cache."""
    case = Case(str(tmp_path))
    source = os.fsdecode(case.session)
    for i in range(44):
        control = f"{GUARD}{CONTROLS[i % len(CONTROLS)]}{GUARD}".encode()
        name = unique(i, control + (NOT_UTF8[i % len(NOT_UTF8)] if i % 4 == 0 else b"x"))
        shutil.copytree(source, os.fsdecode(case.sessions + b"/" + name))
        if i % 4:  # a UTF-8 name: the output's session_id follows, and the deliverable is clean
            data = json.loads(CLEAN_OUTPUT)
            data["analysis_metadata"]["session_id"] = name.decode("utf-8")
            with open(case.sessions + b"/" + name + b"/" + OUTPUT, "wb") as file:
                file.write(json.dumps(data, indent=2).encode())
    case.write(NOTES, _FIXABLE_NOTES)
    before = case.snapshot()
    args = [case.project, "--format", "json"]
    runs = [lint_check(case, [*args, "--jobs", "2", "--no-cache"]), lint_check(case, [*args, "--jobs", "1", "--no-cache"]),
            lint_check(case, [*args, "--jobs", "2", "--cache-dir", case.cache]), lint_check(case, [*args, "--jobs", "2", "--cache-dir", case.cache])]
    for run in runs:
        check_run(run, "json")
        assert run.code == 1 and (run.stdout, run.stderr) == (runs[0].stdout, runs[0].stderr), run
    report = json.loads(runs[0].stdout)
    assert report["summary"]["deliverables"] == 45
    assert {f["rule"] for f in report["findings"]} == {"score-mismatch", "session-mismatch"}
    check_writes(before, case.snapshot(), [])
