"""Fuzz the loaders: any bytes give a document or a finding, never an exception.

    python fuzz/fuzz_loaders.py                        # for 60 seconds
    python fuzz/fuzz_loaders.py --seconds 3600         # for an hour
    python fuzz/fuzz_loaders.py --inputs 300 --seed 1  # a fixed run, as the test suite does
    python fuzz/fuzz_loaders.py --replay fuzz/failures/<file>   # check one saved input again

Random buffers are turned by Hypothesis into deliverable files (raw bytes,
JSON, Markdown, or a clean deliverable of the fixtures mutated) and given to
the output loader (strict JSON), the notes loader (Markdown), and the engine
with both files in memory. For each file it checks that a loader returns a
document or a finding placed inside the file, that a document's positions all
lie inside the file (every JSON pointer at the start of its value), and that
the engine's findings lie inside their files with pointers that resolve.

A failing input is saved to fuzz/failures/ and the run exits 1.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "tests")]

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generated import (
    CLEAN, VALUE_START, assert_inside, check_finding, file_lines, json_values, markdown_files, mutated_bytes,
    mutated_json, resolve_pointer, serialised,
)
from lint.discover import Unit
from lint.documents.jsondoc import MAX_DEPTH, JsonDocument, join_pointer
from lint.documents.loading import LoadProblem, load_notes, load_output
from lint.documents.markdown import MarkdownDocument
from lint.engine import RuleSettings, lint_unit
from lint.packs import PackRegistry
from lint.reporters.json_report import finding_dict

FAILURES = HERE / "failures"
NOTES = Path("/fuzz/Docs/hive-mind/sessions/fuzz/workers/notes/backend_notes.md")
OUTPUT = Path("/fuzz/Docs/hive-mind/sessions/fuzz/workers/json/backend_output.json")
BACKEND = PackRegistry.bundled().get("backend")
NAMES = sorted(CLEAN)


def check_output(data: bytes) -> None:
    """The output loader: a finding inside the file, or a document whose every value is placed."""
    loaded = load_output(OUTPUT, data=data)
    lines = file_lines(data)
    if isinstance(loaded, LoadProblem):
        assert loaded.rule in ("file-empty", "file-unreadable", "json-syntax"), loaded
        assert_inside(lines, loaded.line, loaded.column, f"{loaded.rule}: {loaded.message}")
        return
    assert isinstance(loaded, JsonDocument), loaded
    text = data.decode("utf-8")
    assert loaded.value == json.loads(text.removeprefix("\ufeff"))
    assert loaded.depth <= MAX_DEPTH
    stack = [("", loaded.value)]
    while stack:
        pointer, value = stack.pop()
        for key in (False, True) if pointer else (False,):
            line, column = loaded.position(pointer, key=key)
            assert_inside(lines, line, column, f"{pointer!r}")
            char = lines[line - 1][column - 1 : column]
            assert char in VALUE_START, f"{pointer!r} (key={key}) placed at {char!r}"
        children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        stack.extend((join_pointer(pointer, k), v) for k, v in children)
    for duplicate in loaded.duplicates:
        resolve_pointer(loaded.value, duplicate.pointer)


def check_notes(data: bytes) -> None:
    """The notes loader: a finding inside the file, or a document whose lines and blocks are the file's."""
    loaded = load_notes(NOTES, data=data)
    lines = file_lines(data)
    if isinstance(loaded, LoadProblem):
        assert loaded.rule in ("file-empty", "file-unreadable"), loaded
        assert_inside(lines, loaded.line, loaded.column, f"{loaded.rule}: {loaded.message}")
        return
    assert isinstance(loaded, MarkdownDocument), loaded
    expected = lines[:-1] if len(lines) > 1 and lines[-1] == "" else lines
    assert loaded.lines == expected
    count = len(expected)
    for heading in loaded.headings:
        assert 1 <= heading.line <= heading.end_line <= count, heading
    assert all(1 <= n <= count for n in loaded.code_lines)
    assert all(1 <= n <= count for n in loaded.unclosed_fences)
    assert all(1 <= first <= last <= count for first, last in loaded.comment_blocks)
    prose = loaded.prose
    assert len(prose) == count
    assert all(len(p) == len(line) or (p == "" and n in loaded.code_lines) for n, (p, line) in enumerate(zip(prose, expected), 1))
    sections = list(loaded.iter_sections())
    assert len(sections) == len(loaded.headings)
    for section in sections:
        assert section.heading.line <= section.end_line <= count and section.own_end_line <= section.end_line, section.heading


def check_pair(notes: bytes, output: bytes) -> None:
    """Both files linted in memory: every finding inside its file, every pointer resolving."""
    unit = Unit(BACKEND, NOTES, OUTPUT, NOTES.parent.parent.parent)
    result = lint_unit(unit, RuleSettings(), {NOTES: notes, OUTPUT: output})
    for finding in result.findings:
        check_finding(finding_dict(finding, str), {NOTES: notes, OUTPUT: output}, NOTES)


@st.composite
def files(draw) -> bytes:
    kind = draw(st.sampled_from(["bytes", "json", "markdown", "mutated", "mutated-json"]))
    if kind == "bytes":
        return draw(st.binary(max_size=2000))
    if kind == "json":
        return draw(json_values.flatmap(serialised))
    if kind == "markdown":
        return draw(markdown_files())
    notes, output = CLEAN[draw(st.sampled_from(NAMES))]
    if kind == "mutated-json":
        return draw(mutated_json(output))
    return draw(mutated_bytes(draw(st.sampled_from([notes, output]))))


LAST: dict = {}


@settings(database=None, deadline=None, suppress_health_check=list(HealthCheck))
@given(target=st.sampled_from(["output", "notes", "pair"]), data=files(), other=files())
def fuzz(target: str, data: bytes, other: bytes) -> None:
    LAST.clear()
    LAST.update(target=target, data=data, other=other)
    if target == "output":
        check_output(data)
    elif target == "notes":
        check_notes(data)
    else:
        check_pair(data, other)


def save_failure(error: BaseException) -> Path:
    FAILURES.mkdir(exist_ok=True)
    digest = hashlib.sha256(LAST["data"] + LAST["other"]).hexdigest()[:12]
    stem = FAILURES / f"{LAST['target']}-{digest}"
    if LAST["target"] == "pair":
        (stem.parent / f"{stem.name}.notes.md").write_bytes(LAST["data"])
        (stem.parent / f"{stem.name}.output.json").write_bytes(LAST["other"])
    else:
        (stem.parent / f"{stem.name}.{'json' if LAST['target'] == 'output' else 'md'}").write_bytes(LAST["data"])
    (stem.parent / f"{stem.name}.txt").write_text("".join(traceback.format_exception(error)))
    return stem


def replay(paths: list[Path]) -> None:
    """Check saved inputs again: FILE.json as an output, FILE.md as notes, a .notes.md/.output.json pair together."""
    for path in paths:
        data = path.read_bytes()
        if path.name.endswith(".notes.md") and path.with_name(path.name.replace(".notes.md", ".output.json")).exists():
            check_pair(data, path.with_name(path.name.replace(".notes.md", ".output.json")).read_bytes())
        elif path.suffix == ".json":
            check_output(data)
        else:
            check_notes(data)
        print(f"{path}: ok")


def run(seconds: float | None, inputs: int | None, seed: int) -> int:
    """Feed random buffers until the time or the number of inputs is used up; the number run."""
    rng = random.Random(seed)
    deadline = None if seconds is None else time.monotonic() + seconds
    done = 0
    while (inputs is None or done < inputs) and (deadline is None or time.monotonic() < deadline):
        fuzz.hypothesis.fuzz_one_input(rng.randbytes(rng.choice((512, 4096, 16384))))
        done += 1
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, help="time budget (default: 60, unless --inputs is given)")
    parser.add_argument("--inputs", type=int, help="stop after this many inputs")
    parser.add_argument("--seed", type=int, default=None, help="seed of the random buffers (default: a new one)")
    parser.add_argument("--replay", nargs="+", type=Path, metavar="FILE", help="check saved inputs instead of fuzzing")
    args = parser.parse_args(argv)
    if args.replay:
        replay(args.replay)
        return 0
    seconds = args.seconds if args.seconds is not None or args.inputs is not None else 60.0
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    start = time.monotonic()
    try:
        done = run(seconds, args.inputs, seed)
    except Exception as error:  # a failure of the linter: keep the input
        stem = save_failure(error)
        traceback.print_exception(error)
        print(f"fuzz_loaders: FAILED checking the {LAST['target']} (seed {seed}); the input is saved as {stem}.*", file=sys.stderr)
        return 1
    print(f"fuzz_loaders: {done} inputs in {time.monotonic() - start:.1f} s, no failures (seed {seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
