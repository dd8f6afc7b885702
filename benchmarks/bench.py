"""Time worker-lint against its peers on generated deliverables.

Run: python benchmarks/bench.py [--repeat 7] [--sessions 1000] [--sizes 1,10,50] [--shape-sizes 0.1,0.3,1,3,9.5]
                                [--only one,many,growth,imports,line,shapes]
Prints Markdown tables to paste into BENCHMARKS.md. Every figure is the median
of the repeated runs of a whole command (process start to exit, as a hook or a
CI gate pays it); a peer is timed in the same run, turn about with worker-lint,
so the ratio holds even when the machine's speed drifts.

Targets: one session in at most 0.4 of check-jsonschema's time (P1); 1,000
sessions in at most 0.1 of check-jsonschema's and markdownlint-cli2's together
(P2); and the same run with the cited evidence checked against a codebase
(``--source-root``) at most 15% slower than without.

Peers: check-jsonschema (JSON Schema only) and markdownlint-cli2 (Markdown
only), found on PATH or given with --check-jsonschema and --markdownlint. A
peer that is missing is reported as such and its ratio left out.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import sources  # beside this script

ROOT = Path(__file__).resolve().parent.parent
GENERATE = Path(__file__).resolve().parent / "generate.py"
SESSIONS = Path("Docs/hive-mind/sessions")
SCHEMA = ROOT / "schemas" / "backend_output.schema.json"
MIB = 1024 * 1024
ONE_SESSION_TARGET = 0.4  # P1: of check-jsonschema's time
MANY_SESSIONS_TARGET = 0.1  # P2: of both peers' time together
EVIDENCE_TARGET = 1.15  # checking the evidence: of the same run's time without
EVIDENCE = "worker-lint --no-cache, evidence checked"
SCENARIOS = ("one", "many", "growth", "imports", "line", "shapes")


@dataclass
class Timing:
    seconds: float
    peak_kib: int  # the largest resident set of any run, in KiB


def _environment(cache: Path) -> dict:
    """Bytecode compiled once and reused, as an installed package has it."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache / "bytecode")
    env["WORKER_LINT_CACHE_DIR"] = str(cache / "results")
    env["NO_COLOR"] = "1"
    return env


def _run_once(command: list[str], env: dict) -> tuple[float, int]:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, _, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = 0  # reaped by wait4 above
    return elapsed, usage.ru_maxrss


def time_side_by_side(commands: dict[str, list[str]], repeat: int, env: dict) -> dict[str, Timing]:
    """Median wall time of each command, run in turns after one warm-up each."""
    for command in commands.values():
        _run_once(command, env)
    seconds: dict[str, list[float]] = {name: [] for name in commands}
    peak: dict[str, int] = {name: 0 for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            elapsed, rss = _run_once(command, env)
            seconds[name].append(elapsed)
            peak[name] = max(peak[name], rss)
    return {name: Timing(statistics.median(values), peak[name]) for name, values in seconds.items()}


def _generate(out: Path, *options: str) -> Path:
    """Inputs are made in a child process: a benchmark process that held 50 MB of
    JSON would hand its memory high-water mark to every command it starts."""
    subprocess.run([sys.executable, str(GENERATE), str(out), *options], check=True, capture_output=True)
    return out


def _worker_lint() -> list[str]:
    script = Path(sys.executable).parent / "worker-lint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "lint"]


def _find(given: str | None, name: str) -> list[str] | None:
    if given:
        return [given]
    found = shutil.which(name) or next((str(p) for p in [ROOT / "node_modules/.bin" / name] if p.exists()), None)
    return [found] if found else None


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def _ratio(ours: float, theirs: float | None, target: float) -> str:
    if theirs is None:
        return "peer not installed"
    ratio = ours / theirs
    return f"{ratio:.2f} ({'meets' if ratio <= target else 'misses'} ≤ {target})"


def scenario_one_session(base: Path, args, env: dict, lint: list[str]) -> list[str]:
    project = _generate(base / "one", "--seed", str(args.seed))
    session = next((project / SESSIONS).iterdir())
    output = session / "workers/json/backend_output.json"
    commands = {
        "worker-lint check": [*lint, "check", str(session), "--no-cache"],
        "worker-lint check, cached": [*lint, "check", str(session)],
        "worker-lint --version": [*lint, "--version"],
    }
    if args.cj:
        commands["check-jsonschema"] = [*args.cj, "--schemafile", str(SCHEMA), str(output)]
    times = time_side_by_side(commands, args.repeat, env)
    peer = times.get("check-jsonschema")
    ours = times["worker-lint check"].seconds
    cached = times["worker-lint check, cached"].seconds
    return [
        "### 1. One session, one backend pair (the pre-commit case)",
        "",
        "| command | median | ratio to check-jsonschema (target) |",
        "|---|---|---|",
        f"| `worker-lint check --no-cache <session>` | {_ms(ours)} | {_ratio(ours, peer.seconds if peer else None, ONE_SESSION_TARGET)} |",
        f"| `worker-lint check <session>`, result cached | {_ms(cached)} | {_ratio(cached, peer.seconds if peer else None, ONE_SESSION_TARGET)} |",
        f"| `worker-lint --version` | {_ms(times['worker-lint --version'].seconds)} | |",
        f"| `check-jsonschema --schemafile ... <json>` | {_ms(peer.seconds) if peer else 'not installed'} | |",
        "",
    ]


def _evidence_clean(command: list[str], env: dict) -> str:
    """Whether the run with the evidence checked finds nothing: else it would time an error report."""
    run = subprocess.run([*command, "--fail-level", "info"], capture_output=True, text=True, env=env)
    if run.returncode == 0:
        return "no findings"
    first = run.stdout.strip().splitlines()[:1] or run.stderr.strip().splitlines()[:1]
    return f"**findings reported** (exit {run.returncode}): {first[0] if first else 'no output'}"


def _overhead(checked: float, plain: float) -> str:
    ratio = checked / plain
    return f"{ratio:.2f}× the time of the plain `--no-cache` run ({'meets' if ratio <= EVIDENCE_TARGET else 'misses'} ≤ {EVIDENCE_TARGET})"


def scenario_many_sessions(base: Path, args, env: dict, lint: list[str]) -> list[str]:
    """The plain rows cite a prefix no root maps, so their evidence is not checked; the evidence row maps it."""
    project = _generate(base / "many", "--sessions", str(args.sessions), "--seed", str(args.seed), "--sources")
    sessions = sorted((project / SESSIONS).iterdir())
    outputs = [str(s / "workers/json/backend_output.json") for s in sessions]
    notes = [str(s / "workers/notes/backend_notes.md") for s in sessions]
    codebase = project / sources.FOLDER
    plain = [*lint, "check", str(project), "--format", "concise", "--no-cache"]
    commands = {
        "worker-lint --no-cache": plain,
        EVIDENCE: [*plain, "--source-root", f"{sources.PREFIX}={codebase}"],
        "worker-lint --no-cache --jobs 1": [*plain, "--jobs", "1"],
        "worker-lint, results cached": [*lint, "check", str(project), "--format", "concise"],
    }
    clean = _evidence_clean(commands[EVIDENCE], env)
    if args.cj:
        commands["check-jsonschema"] = [*args.cj, "--schemafile", str(SCHEMA), *outputs]
    if args.mdl:
        commands["markdownlint-cli2"] = [*args.mdl, *notes]
    repeat = max(1, min(args.repeat, 3)) if args.mdl else args.repeat  # the Markdown peer takes half a minute
    times = time_side_by_side(commands, repeat, env)
    peers = None
    if "check-jsonschema" in times and "markdownlint-cli2" in times:
        peers = times["check-jsonschema"].seconds + times["markdownlint-cli2"].seconds
    rows = [
        f"### 2. {args.sessions:,} sessions in one invocation (the CI case), median of {repeat}",
        "",
        "| command | median | sessions/s | ratio to both peers (target) |",
        "|---|---|---|---|",
    ]
    for name in commands:
        seconds = times[name].seconds
        ratio = _ratio(seconds, peers, MANY_SESSIONS_TARGET) if name.startswith("worker-lint") else ""
        rows.append(f"| {name} | {_ms(seconds)} | {args.sessions / seconds:,.0f} | {ratio} |")
    if peers is not None:
        rows.append(f"| both peers together | {_ms(peers)} | {args.sessions / peers:,.0f} | |")
    cited = sum(1 for path in codebase.rglob("*") if path.is_file())
    return [
        *rows,
        "",
        f"Evidence checked (`--source-root {sources.PREFIX}=<project>/{sources.FOLDER}`, {cited} cited files, {clean}): "
        f"{_overhead(times[EVIDENCE].seconds, times['worker-lint --no-cache'].seconds)}.",
        "",
    ]


def scenario_growth(base: Path, args, env: dict, lint: list[str]) -> list[str]:
    rows = [
        "### 3. Growth: one deliverable with a large output JSON",
        "",
        "| JSON size | median | time per MiB | peak memory | memory ÷ file size |",
        "|---|---|---|---|---|",
    ]
    for size in args.sizes:
        project = _generate(base / f"grow-{size}", "--json-kb", str(size * 1024), "--seed", str(args.seed))
        output = next(project.rglob("backend_output.json"))
        actual = output.stat().st_size
        limit = str(max(10, int(actual / MIB) + 2))
        timing = time_side_by_side({"lint": [*lint, "check", str(project), "--max-file-size", limit, "--format", "json", "--no-cache"]}, args.repeat, env)["lint"]
        mib = actual / MIB
        rows.append(
            f"| {mib:,.1f} MiB | {_ms(timing.seconds)} | {_ms(timing.seconds / mib)} | "
            f"{timing.peak_kib / 1024:,.0f} MiB | {timing.peak_kib * 1024 / actual:.1f}× |"
        )
    return [*rows, ""]


def scenario_single_line(base: Path, args, env: dict, lint: list[str]) -> list[str]:
    """A notes file that is one 5 MB line, and an output with one 5 MB string."""
    project = _generate(base / "line", "--one-line-mb", str(args.line_mb), "--seed", str(args.seed))
    session = next((project / SESSIONS).iterdir())
    timing = time_side_by_side({"lint": [*lint, "check", str(session), "--format", "json", "--no-cache"]}, args.repeat, env)["lint"]
    return [
        "### 5. One line of notes and one JSON string, each of "
        f"{args.line_mb:g} MiB",
        "",
        "| case | median | peak memory | target |",
        "|---|---|---|---|",
        f"| single-line notes + long JSON string | {_ms(timing.seconds)} | {timing.peak_kib / 1024:,.0f} MiB | under 2 s: {'meets' if timing.seconds < 2 else 'misses'} |",
        "",
    ]


def scenario_hostile_shapes(base: Path, args, env: dict, lint: list[str]) -> list[str]:
    """Hostile shapes of notes and output (benchmarks/hostile_shapes.py): time and memory against size."""
    import hostile_shapes  # beside this script

    # The smoke run takes one shape; tests/test_benchmark_hostile_shapes.py runs them all, small.
    sizes, shapes = ([0.01, 0.02, 0.04], ["findings"]) if args.tiny else (args.shape_sizes, list(hostile_shapes.SHAPES))
    rows = hostile_shapes.run(sizes, args.repeat, shapes, base / "shapes", env, lint, min_judged=0 if args.tiny else hostile_shapes.MIN_JUDGED_SECONDS)
    return ["### 6. Hostile shapes: time and peak memory against size, up to the 10 MiB limit", "", *rows]


def scenario_imports(base: Path, args, env: dict, lint: list[str]) -> list[str]:
    """Scenario 4 called as the others are, so --only can pick it."""
    return import_breakdown(base, env)


def import_breakdown(base: Path, env: dict, top: int = 15) -> list[str]:
    """Which imports a clean check pays for (``python -X importtime``), largest first."""
    project = _generate(base / "imports")
    command = [sys.executable, "-X", "importtime", "-m", "lint", "check", str(project), "--format", "json", "--no-cache"]
    subprocess.run(command, capture_output=True, env=env)  # compile bytecode first
    stderr = subprocess.run(command, capture_output=True, text=True, env=env).stderr
    top_level, nested = [], []
    for line in stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match:
            depth = (len(match.group(3)) - 1) // 2
            (top_level if depth == 0 else nested).append((int(match.group(2)), depth, match.group(4)))
    total = sum(us for us, _, _ in top_level)
    loaded = {name for _, _, name in top_level + nested}
    absent = [m for m in ("click", "dataclasses", "inspect", "tomllib", "jsonschema", "rich", "xml.etree.ElementTree", "tempfile") if m not in loaded]
    rows = [
        "### 4. Start-up: what a clean `check` imports (`python -X importtime`)",
        "",
        f"Total: {total / 1000:,.0f} ms of imports. Not imported on this path: {', '.join(f'`{m}`' for m in absent) or 'none'}.",
        "",
        "| module (depth: 0 imported by the program, 1 by that module...) | depth | ms, with its imports |",
        "|---|---|---|",
    ]
    shown = sorted((e for e in top_level + nested if e[1] <= 2), reverse=True)[:top]
    for us, depth, name in shown:
        rows.append(f"| `{name}` | {depth} | {us / 1000:,.1f} |")
    return [*rows, ""]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per command; the median is reported")
    parser.add_argument("--sessions", type=int, default=1000, help="sessions for the CI case")
    parser.add_argument("--sizes", default="1,10,50", help="output JSON sizes in MiB for the growth case")
    parser.add_argument("--line-mb", type=float, default=5, help="size of the one-line notes and long string")
    parser.add_argument("--shape-sizes", default="0.1,0.3,1,3,9.5", help="sizes in MiB of each hostile shape (scenario 6)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--check-jsonschema", dest="cj_path", help="the check-jsonschema command")
    parser.add_argument("--markdownlint", dest="mdl_path", help="the markdownlint-cli2 command")
    parser.add_argument("--tiny", action="store_true", help="a seconds-long smoke run: 3 sessions, small files, one repeat")
    parser.add_argument("--only", default=",".join(SCENARIOS), metavar="NAMES",
                        help=f"comma-separated scenarios to run, of {', '.join(SCENARIOS)} (default: all)")
    args = parser.parse_args(argv)
    only = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(only) - set(SCENARIOS))
    if unknown or not only:
        parser.error(f"--only: unknown scenario {', '.join(unknown) or '(none given)'}; choose from {', '.join(SCENARIOS)}")
    if args.tiny:
        args.repeat, args.sessions, args.sizes, args.line_mb = 1, 3, "0.1", 0.1
    args.sizes = [float(s) for s in args.sizes.split(",")]
    args.shape_sizes = [float(s) for s in args.shape_sizes.split(",")]
    args.cj = _find(args.cj_path, "check-jsonschema")
    args.mdl = _find(args.mdl_path, "markdownlint-cli2")
    lint = _worker_lint()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        env = _environment(base / "pycache")
        sections = [
            f"Machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {sys.platform}. "
            f"Peers: check-jsonschema {'found' if args.cj else 'not installed'}, markdownlint-cli2 {'found' if args.mdl else 'not installed'}.",
            "",
        ]
        for name in SCENARIOS:
            if name in only:
                sections += RUNS[name](base, args, env, lint)
    print("\n".join(sections))


RUNS = {
    "one": scenario_one_session,
    "many": scenario_many_sessions,
    "growth": scenario_growth,
    "imports": scenario_imports,
    "line": scenario_single_line,
    "shapes": scenario_hostile_shapes,
}


if __name__ == "__main__":
    main()
