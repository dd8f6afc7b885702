"""Generate realistic backend deliverable sessions for benchmarks: seeded, so
the same arguments always give the same bytes.

Each session starts from the clean example deliverable and grows from there:
seeded prose paragraphs in the notes' assessment sections until the notes reach
their target size, and more API entries in the output (with the statistic that
counts them kept right) until the JSON reaches its target. Every generated
session lints clean, so a benchmark times the real path, not an error report.

With ``--sources`` the project also gets ``codebase/``: every file the sessions
cite under /srv/payments-api, with the lines and the quoted code they cite
(benchmarks/sources.py), so that a run with
``--source-root /srv/payments-api=OUT/codebase`` checks every reference and
still finds nothing.

Run: python benchmarks/generate.py OUT --sessions 1000 [--notes-kb 25] [--json-kb 22] [--seed 1] [--sources]
     python benchmarks/generate.py OUT --one-line-mb 5
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from pathlib import Path

import sources  # beside this script

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "example"
EXAMPLE_ID = "2025-09-14-10-30-payment-api-audit"
SESSIONS = Path("Docs/hive-mind/sessions")

_WORDS = (
    "request handler service query index table cache worker queue retry timeout pool connection transaction "
    "migration schema endpoint payload response status latency throughput partition replica lock batch "
    "validation serializer middleware token session header limit window backoff consumer producer event "
    "snapshot ledger refund settlement invoice customer merchant webhook signature audit metric trace log"
).split()
_VERBS = "reads writes checks returns holds skips retries commits rolls caches batches logs measures".split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(4, 9))]
    words.insert(rng.randint(1, len(words) - 1), rng.choice(_VERBS))
    if rng.random() < 0.25:
        words.append(f"`{rng.choice(_WORDS)}_{rng.choice(_WORDS)}`")
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    text = " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))
    lines, line = [], ""
    for word in text.split(" "):  # wrapped like a person's editor would
        if line and len(line) + len(word) > 88:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line]) + "\n"


def grow_notes(text: str, target_bytes: int, rng: random.Random) -> str:
    """Add paragraphs at the end of assessment sections until the notes reach the target."""
    parts = re.split(r"(?m)^(?=### )", text)
    assessments = [i for i, part in enumerate(parts) if part.startswith("### ") and "```" not in part]
    size = len(text.encode())
    while size < target_bytes and assessments:
        index = rng.choice(assessments)
        paragraph = _paragraph(rng)
        parts[index] = parts[index].rstrip("\n") + "\n\n" + paragraph + "\n"
        size += len(paragraph.encode()) + 2
    return "".join(parts)


def grow_output(data: dict, target_bytes: int, rng: random.Random) -> dict:
    """Add API entries until the JSON reaches the target, keeping the endpoint count right."""
    entries = data["api_specifications"]
    template = dict(entries[0])

    def add(count: int) -> None:
        for _ in range(count):
            number = len(entries) + 100
            entries.append(dict(template, id=f"API-{number:06d}", endpoint=f"/api/v1/{rng.choice(_WORDS)}s/{number}"))

    size = len(json.dumps(data, indent=2).encode())
    if size < target_bytes:
        add(10)  # measure what one entry costs where it sits, then add the rest
        grown = len(json.dumps(data, indent=2).encode())
        add(max(0, int((target_bytes - grown) / ((grown - size) / 10))))
    data["statistics"]["total_api_endpoints"] = len(entries)
    return data


def make_session(project: Path, index: int, rng: random.Random, notes_kb: float = 25, json_kb: float = 22) -> Path:
    """One session folder under ``project``; returns it."""
    minute = index % 60
    hour = (index // 60) % 24
    session_id = f"2025-09-14-{hour:02d}-{minute:02d}-bench-{index:05d}"
    source = EXAMPLE / SESSIONS / EXAMPLE_ID
    folder = project / SESSIONS / session_id
    shutil.copytree(source, folder)
    notes = folder / "workers/notes/backend_notes.md"
    output = folder / "workers/json/backend_output.json"
    text = notes.read_text(encoding="utf-8").replace(EXAMPLE_ID, session_id)
    notes.write_text(grow_notes(text, int(notes_kb * 1024), rng), encoding="utf-8")
    data = json.loads(output.read_text(encoding="utf-8").replace(EXAMPLE_ID, session_id))
    output.write_text(json.dumps(grow_output(data, int(json_kb * 1024), rng), indent=2) + "\n", encoding="utf-8")
    for name in ("SESSION.md", "EVENTS.jsonl"):
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8").replace(EXAMPLE_ID, session_id), encoding="utf-8")
    return folder


def make_project(project: Path, sessions: int, seed: int = 1, notes_kb: float = 25, json_kb: float = 22) -> Path:
    """A project root holding ``sessions`` generated sessions."""
    rng = random.Random(seed)
    for index in range(sessions):
        make_session(project, index, rng, notes_kb, json_kb)
    return project


def make_one_line(project: Path, megabytes: float, seed: int = 1) -> Path:
    """One session whose notes are a single line of prose and whose output holds
    one string of the same size: the shape that trips up line-based scanners."""
    rng = random.Random(seed)
    session = make_session(project, 0, rng)
    size = int(megabytes * 1024 * 1024)
    pieces, length = [], 0
    while length < size:
        pieces.append(_paragraph(rng).replace("\n", " "))
        length += len(pieces[-1])
    line = "".join(pieces)[:size]
    (session / "workers/notes/backend_notes.md").write_text(line + "\n", encoding="utf-8")
    output = session / "workers/json/backend_output.json"
    data = json.loads(output.read_text(encoding="utf-8"))
    data["api_specifications"][0]["description"] = line
    output.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return session


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the project root to create (must not exist)")
    parser.add_argument("--sessions", type=int, default=1)
    parser.add_argument("--notes-kb", type=float, default=25)
    parser.add_argument("--json-kb", type=float, default=22)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--one-line-mb", type=float, default=None, metavar="MB",
                        help="instead: one session whose notes are one line, and whose output holds one string, of MB each")
    parser.add_argument("--sources", action="store_true",
                        help=f"also write OUT/{sources.FOLDER}/: the files the sessions cite under {sources.PREFIX}, with the cited lines and code")
    args = parser.parse_args()
    if args.out.exists():
        parser.error(f"{args.out} exists; give a new folder")
    if args.one_line_mb is not None:
        make_one_line(args.out, args.one_line_mb, args.seed)
        print(f"one single-line session in {args.out}")
    else:
        make_project(args.out, args.sessions, args.seed, args.notes_kb, args.json_kb)
        print(f"{args.sessions} session(s) in {args.out}")
    if args.sources:
        codebase = sources.write(args.out, args.seed)
        print(f"codebase in {codebase}: lint with --source-root {sources.PREFIX}={codebase}")


if __name__ == "__main__":
    main()
