"""Time and peak memory of one `check` on hostile shapes of input, at growing sizes.

Run: python benchmarks/hostile_shapes.py [--sizes 0.1,0.3,1,3,9.5] [--repeat 5] [--shapes NAME,...]
     python benchmarks/hostile_shapes.py --tiny      # the seconds-long smoke run the test suite makes

Each shape is a deliverable a careless or hostile worker could write, built so that
a parser or a rule that is not linear in its input would show it:

- tab-code:       tab-indented code blocks repeated inside one list item of the notes
- quoted-fences:  ``` fences inside one list item inside a block quote
- bullets:        a plain bulleted list
- template-json:  thousands of `-TEMPLATE` entries (about ten strings each) in the output
- findings:       lines that each give a finding (`- see src/m{i}.py`)

The rest of the deliverable is the clean example; the notes shapes are added at the
end of the notes, the JSON shape replaces the output's API entries. For each shape
and size one `worker-lint check --no-cache --format sarif <session>` runs as a child
process: the median wall time of --repeat runs (process start to exit) and the
largest resident set (os.wait4's ru_maxrss) are reported, beside the same for the
clean example (the start-up every run pays). A shape is linear when its time and
memory per MiB, net of that start-up, stay within 2x across the sizes (the smallest
size, and any size whose net time is under 0.2 s, where the run-to-run spread of
start-up outweighs it, is shown but not judged).
Sizes stay under the default 10 MiB limit: what a run with default settings meets.
Inputs are made in a child process, so the benchmark's own memory never reaches the
processes it measures (bench.py does the same).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLE = ROOT / "fixtures" / "example"
SESSION = Path("Docs/hive-mind/sessions/2025-09-14-10-30-payment-api-audit")
NOTES = SESSION / "workers/notes/backend_notes.md"
OUTPUT = SESSION / "workers/json/backend_output.json"
MIB = 1024 * 1024
LINEAR_WITHIN = 2.0
# A net time shorter than this is mostly the run-to-run spread of start-up: shown, not judged.
MIN_JUDGED_SECONDS = 0.2


# --------------------------------------------------------------------------
# The shapes: each returns (notes, output) text for about ``size`` bytes of the shape


def _repeat_to(size: int, head: str, unit) -> str:
    """``head`` then ``unit(i)`` for i = 0, 1, ... until the text reaches ``size`` bytes."""
    parts, length, i = [head], len(head), 0
    while length < size:
        parts.append(unit(i))
        length += len(parts[-1].encode())
        i += 1
    return "".join(parts)


def _notes_with(shape: str, notes: str, output: str) -> tuple[str, str]:
    return notes.rstrip("\n") + "\n\n" + shape, output


def tab_code(size: int, notes: str, output: str) -> tuple[str, str]:
    return _notes_with(_repeat_to(size, "- item\n\n", lambda i: f"\t\tcode line {i}\n\n  text {i}\n\n"), notes, output)


def quoted_fences(size: int, notes: str, output: str) -> tuple[str, str]:
    return _notes_with(_repeat_to(size, "> - item\n>\n", lambda i: f">   ```\n>   code {i}\n>   ```\n>\n>   text {i}\n>\n"), notes, output)


def bullets(size: int, notes: str, output: str) -> tuple[str, str]:
    return _notes_with(_repeat_to(size, "", lambda i: f"- bullet {i}: the request handler reads the cache and logs the status\n"), notes, output)


def findings(size: int, notes: str, output: str) -> tuple[str, str]:
    return _notes_with(_repeat_to(size, "", lambda i: f"- see src/m{i}.py\n"), notes, output)


def template_json(size: int, notes: str, output: str) -> tuple[str, str]:
    data = json.loads(output)
    entry = {
        "id": "API-000-TEMPLATE", "endpoint": "Template - endpoint name", "method": "GET|POST|PUT|DELETE",
        "path": "/api/v1/[resource]", "description": "[TEMPLATE] describe the endpoint",
        "request_format": {"content_type": "application/json", "body_schema": "{{BODY_SCHEMA}}", "parameters": "[TEMPLATE]"},
        "response_format": {"success_status": 200, "success_schema": "{{RESPONSE_SCHEMA}}", "error_responses": [400]},
        "authentication": "[TEMPLATE] how callers authenticate", "authorization": "Template - who may call it",
        "rate_limiting": "{{RATE_LIMIT}}", "caching_strategy": "[TEMPLATE]", "implementation_notes": "Template - notes",
    }

    def text(count: int) -> str:
        data["api_specifications"] = [dict(entry, id=f"API-{i:06d}-TEMPLATE") for i in range(count)]
        data["statistics"]["total_api_endpoints"] = count
        return json.dumps(data, indent=2) + "\n"

    ten, twenty = len(text(10).encode()), len(text(20).encode())  # what one entry costs where it sits
    return notes, text(max(1, 10 + (size - ten) * 10 // (twenty - ten)))


SHAPES = {
    "tab-code": (tab_code, "tab-indented code blocks repeated inside one list item", NOTES),
    "quoted-fences": (quoted_fences, "``` fences in one list item inside a block quote", NOTES),
    "bullets": (bullets, "a plain bulleted list", NOTES),
    "template-json": (template_json, "`-TEMPLATE` entries in the output JSON, ~10 strings each", OUTPUT),
    "findings": (findings, "one finding a line (`- see src/m{i}.py`)", NOTES),
}


def make(out: Path, shape: str, size: int) -> Path:
    """A project at ``out``: the example with ``shape`` grown to about ``size`` bytes; returns the session."""
    shutil.copytree(EXAMPLE, out)
    notes, output = (out / NOTES).read_text(encoding="utf-8"), (out / OUTPUT).read_text(encoding="utf-8")
    notes, output = SHAPES[shape][0](size, notes, output)
    (out / NOTES).write_text(notes, encoding="utf-8")
    (out / OUTPUT).write_text(output, encoding="utf-8")
    return out / SESSION


# --------------------------------------------------------------------------
# Measuring


def _environment(cache: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache / "bytecode")  # compiled once, as an installed package is
    env["WORKER_LINT_CACHE_DIR"] = str(cache / "results")
    env["NO_COLOR"] = "1"
    return env


def _worker_lint() -> list[str]:
    script = Path(sys.executable).parent / "worker-lint"
    return [str(script)] if script.exists() else [sys.executable, "-P", "-m", "lint"]


def run_once(command: list[str], env: dict) -> tuple[float, int, int]:
    """Wall seconds, peak resident KiB and exit code of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4 above
    return elapsed, usage.ru_maxrss, process.returncode


def measure(commands: dict, repeat: int, env: dict) -> dict:
    """Median seconds, peak KiB and exit code of each command, run in turns after one warm-up each."""
    seconds: dict = {name: [] for name in commands}
    peak: dict = {name: 0 for name in commands}
    codes: dict = {}
    for command in commands.values():
        run_once(command, env)
    for _ in range(repeat):
        for name, command in commands.items():
            elapsed, rss, code = run_once(command, env)
            seconds[name].append(elapsed)
            peak[name] = max(peak[name], rss)
            codes[name] = code
    return {name: (statistics.median(seconds[name]), peak[name], codes[name]) for name in commands}


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def _size(nbytes: int) -> str:
    return f"{nbytes / 1024:,.0f} KiB" if nbytes < MIB else f"{nbytes / MIB:,.1f} MiB"


def run(sizes: list[float], repeat: int, shapes: list[str], base: Path, env: dict | None = None, lint: list[str] | None = None,
        min_judged: float = MIN_JUDGED_SECONDS) -> list[str]:
    """Make the inputs (in a child process), measure them, and return the Markdown table and verdicts
    (a smoke run judges every size with ``min_judged=0``, even one noise made faster than start-up,
    to show the verdicts are made)."""
    lint = lint or _worker_lint()
    env = env or _environment(base / "cache")
    sizes_bytes = [int(s * MIB) for s in sizes]
    subprocess.run([sys.executable, __file__, "--make", str(base / "inputs"), "--shapes", ",".join(shapes),
                    "--sizes", ",".join(map(str, sizes))], check=True)
    check = ["check", "--no-cache", "--format", "sarif"]
    commands = {("clean", 0): [*lint, *check, str(EXAMPLE / SESSION)]}
    for shape in shapes:
        for size in sizes_bytes:
            commands[(shape, size)] = [*lint, *check, str(base / "inputs" / f"{shape}-{size}" / SESSION)]
    results = measure(commands, repeat, env)
    start, start_kib, _ = results[("clean", 0)]
    lines = [
        f"Start-up (the clean example, same command): {_ms(start)}, {start_kib / 1024:,.0f} MiB peak. "
        f"Median of {repeat} runs; 'net' is the figure less the clean example's.",
        "",
        "| shape | file size | exit | median | ms per MiB | net ms per MiB | peak memory | net MiB per MiB of input |",
        "|---|---|---|---|---|---|---|---|",
    ]
    verdicts = []
    for shape in shapes:
        description, which = SHAPES[shape][1], SHAPES[shape][2]
        net_time, net_memory, judged = [], [], []
        for size in sizes_bytes:
            seconds, kib, code = results[(shape, size)]
            actual = (base / "inputs" / f"{shape}-{size}" / which).stat().st_size
            mib = actual / MIB
            net_s, net_mib = max(seconds - start, 0.0) / mib, max(kib - start_kib, 0) / 1024 / mib
            if size != sizes_bytes[0] and (min_judged <= 0 or seconds - start >= min_judged):
                net_time.append(net_s)
                net_memory.append(net_mib)
                judged.append(actual)
            lines.append(f"| {shape} | {_size(actual)} | {code} | {_ms(seconds)} | {seconds * 1000 / mib:,.0f} | "
                         f"{net_s * 1000:,.0f} | {kib / 1024:,.0f} MiB | {net_mib:,.1f} |")
        if len(net_time) < 2:
            verdicts.append(f"- **{shape}** ({description}): not judged: linearity needs two sizes or more whose net time is "
                            f"{min_judged:g} s or more.")
            continue
        spread_time = max(net_time) / min(net_time) if min(net_time) > 0 else float("inf")
        spread_memory = max(net_memory) / max(min(net_memory), 0.1)
        linear = spread_time <= LINEAR_WITHIN and spread_memory <= LINEAR_WITHIN
        verdicts.append(
            f"- **{shape}** ({description}): {'linear' if linear else 'NOT linear'}: net time per MiB spreads "
            f"{spread_time:.1f}x and net memory per MiB {spread_memory:.1f}x from {_size(judged[0])} to {_size(judged[-1])} "
            f"(linear: within {LINEAR_WITHIN:g}x)."
        )
    return [*lines, "", *verdicts, ""]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="0.1,0.3,1,3,9.5", help="sizes of the shape in MiB, under the 10 MiB limit")
    parser.add_argument("--repeat", type=int, default=5, help="runs per input; the median time is reported")
    parser.add_argument("--shapes", default=",".join(SHAPES), help=f"some of {', '.join(SHAPES)}")
    parser.add_argument("--tiny", action="store_true", help="a seconds-long smoke run: three small sizes, one repeat")
    parser.add_argument("--make", type=Path, metavar="DIR", help=argparse.SUPPRESS)  # the child that makes the inputs
    args = parser.parse_args(argv)
    if args.tiny:
        args.sizes, args.repeat = "0.01,0.02,0.04", 1
    sizes = [float(s) for s in args.sizes.split(",")]
    shapes = args.shapes.split(",")
    unknown = [s for s in shapes if s not in SHAPES]
    if unknown:
        parser.error(f"unknown shape {unknown[0]!r}; known: {', '.join(SHAPES)}")
    if args.make:
        for shape in shapes:
            for size in sizes:
                make(args.make / f"{shape}-{int(size * MIB)}", shape, int(size * MIB))
        return
    with tempfile.TemporaryDirectory() as tmp:
        lines = run(sizes, args.repeat, shapes, Path(tmp), min_judged=0 if args.tiny else MIN_JUDGED_SECONDS)
    print(f"### Hostile shapes: one `check --no-cache --format sarif` per input ({os.cpu_count()} CPUs, Python {sys.version.split()[0]})\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
