"""--log-event: one appended line in the harness's event shape, nothing else."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

from conftest import Session, run_cli
from lint.events import append_event


def events(session: Session) -> list[dict]:
    return [json.loads(line) for line in (session.folder / "EVENTS.jsonl").read_text().splitlines()]


def test_no_event_without_the_flag(session: Session) -> None:
    before = (session.folder / "EVENTS.jsonl").read_bytes()
    run_cli("check", str(session.root))
    assert (session.folder / "EVENTS.jsonl").read_bytes() == before


def test_event_appended_in_the_harness_shape(session: Session) -> None:
    path = session.folder / "EVENTS.jsonl"
    before = path.read_bytes()
    session.edit_notes("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")
    run = run_cli("check", str(session.root), "--log-event", "--format", "harness")
    assert run.exit_code == 1
    after = path.read_bytes()
    assert after.startswith(before)  # appended, never rewritten
    event = events(session)[-1]
    assert set(event) == {"timestamp", "level", "type", "agent", "details"}
    assert event["type"] == "outputs_validated" and event["agent"] == "backend-worker"
    assert event["timestamp"].endswith("Z")
    assert event["details"]["passed"] is False and event["details"]["errors"] == 1


def test_event_for_a_passing_deliverable(session: Session) -> None:
    run_cli("check", str(session.root), "--log-event")
    event = events(session)[-1]
    assert event["level"] == "INFO" and event["details"]["passed"] is True


def test_a_last_line_without_newline_is_kept_whole(session: Session) -> None:
    path = session.folder / "EVENTS.jsonl"
    original = path.read_bytes().rstrip(b"\n")
    path.write_bytes(original)
    run_cli("check", str(session.root), "--log-event")
    assert path.read_bytes().startswith(original + b"\n")
    assert len(events(session)) == original.count(b"\n") + 2  # every line parses
    assert events(session)[-1]["type"] == "outputs_validated"


def _append_many(folder: str, count: int, tag: int) -> None:
    for i in range(count):
        append_event(Path(folder), {"type": "outputs_validated", "details": {"writer": tag, "n": i, "pad": "x" * 3000}})


def test_two_validators_appending_at_once_never_interleave(tmp_path: Path) -> None:
    (tmp_path / "EVENTS.jsonl").write_text('{"type": "session_started"}\n')
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_append_many, args=(str(tmp_path), 200, tag)) for tag in (1, 2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    lines = (tmp_path / "EVENTS.jsonl").read_text().splitlines()
    assert len(lines) == 401
    parsed = [json.loads(line) for line in lines]
    assert parsed[0] == {"type": "session_started"}
    for tag in (1, 2):
        assert [e["details"]["n"] for e in parsed[1:] if e["details"]["writer"] == tag] == list(range(200))


def test_loose_files_log_nothing(session: Session, tmp_path: Path) -> None:
    loose = tmp_path / "loose"
    loose.mkdir()
    for path in (session.notes, session.output):
        (loose / path.name).write_bytes(path.read_bytes())
    run = run_cli("check", str(loose), "--log-event")
    assert "not in a session folder" in run.stderr
    assert not (loose / "EVENTS.jsonl").exists()
