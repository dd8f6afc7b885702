"""--log-event: one appended line in the harness's event shape, nothing else."""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
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


PIPE_BUF = 4096  # what POSIX promises to write atomically to a pipe; regular files promise nothing


def _append_many(folder: str, count: int, tag: int, start) -> None:
    start.wait()  # every writer begins at the same moment
    for i in range(count):
        pad = "é" * (PIPE_BUF + 1000 * ((tag + i) % 7))  # 2 bytes each: 8 to 20 KB a line
        append_event(Path(folder), {"type": "outputs_validated", "details": {"writer": tag, "n": i, "pad": pad}})


WRITERS, APPENDS = 6, 60


def test_many_validators_appending_long_lines_at_once_never_interleave(tmp_path: Path) -> None:
    (tmp_path / "EVENTS.jsonl").write_text('{"type": "session_started"}\n')
    context = multiprocessing.get_context("fork")
    start = context.Barrier(WRITERS)
    workers = [context.Process(target=_append_many, args=(str(tmp_path), APPENDS, tag, start)) for tag in range(WRITERS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert [w.exitcode for w in workers] == [0] * WRITERS
    data = (tmp_path / "EVENTS.jsonl").read_bytes()
    assert data.endswith(b"\n")
    lines = data.split(b"\n")[:-1]
    assert len(lines) == 1 + WRITERS * APPENDS
    assert min(len(line) for line in lines[1:]) > PIPE_BUF
    parsed = [json.loads(line) for line in lines]  # every line whole: one valid JSON object each
    assert parsed[0] == {"type": "session_started"}
    for tag in range(WRITERS):
        mine = [e["details"] for e in parsed[1:] if e["details"]["writer"] == tag]
        assert [d["n"] for d in mine] == list(range(APPENDS))
        assert all(set(d["pad"]) == {"é"} and len(d["pad"]) == PIPE_BUF + 1000 * ((tag + d["n"]) % 7) for d in mine)
    writers_in_order = [e["details"]["writer"] for e in parsed[1:]]
    assert len({a != b for a, b in zip(writers_in_order, writers_in_order[1:])}) == 2  # they did take turns


def test_validators_run_at_once_on_one_session_each_log_one_whole_line(session: Session) -> None:
    path = session.folder / "EVENTS.jsonl"
    before = path.read_bytes()
    session.edit_notes("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")  # a failing event, longer
    command = [sys.executable, "-m", "lint", "check", str(session.root), "--log-event", "--format", "json"]
    for _ in range(2):
        processes = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
        outcomes = [(p.wait(120), p.stderr.read()) for p in processes]
        for process in processes:
            process.stdout.close()
            process.stderr.close()
        assert [code for code, _ in outcomes] == [1] * 4, outcomes
    after = path.read_bytes()
    assert after.startswith(before)  # appended to, never rewritten
    added = after[len(before):].split(b"\n")
    assert added[-1] == b"" and len(added) == 9
    events_added = [json.loads(line) for line in added[:-1]]
    assert all(e["type"] == "outputs_validated" and e["details"]["errors"] == 1 for e in events_added)


def test_loose_files_log_nothing(session: Session, tmp_path: Path) -> None:
    loose = tmp_path / "loose"
    loose.mkdir()
    for path in (session.notes, session.output):
        (loose / path.name).write_bytes(path.read_bytes())
    run = run_cli("check", str(loose), "--log-event")
    assert "not in a session folder" in run.stderr
    assert not (loose / "EVENTS.jsonl").exists()
