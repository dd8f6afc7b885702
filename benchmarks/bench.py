"""Time worker-lint on typical and large deliverables.

Run: python benchmarks/bench.py [--repeat N]. Prints a Markdown table to paste
into BENCHMARKS.md. Each case is timed as a whole command (process start
included, as a hook or CI gate pays it) and in process (the linting alone).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "example"
SESSION = "2025-09-14-10-30-payment-api-audit"


def _large_project(base: Path, entries: int) -> Path:
    """The example with its arrays repeated until the output JSON is large."""
    project = base / f"large-{entries}"
    shutil.copytree(EXAMPLE, project)
    output = project / "Docs/hive-mind/sessions" / SESSION / "workers/json/backend_output.json"
    data = json.loads(output.read_text())
    template = data["api_specifications"][0]
    data["api_specifications"] = [dict(template, id=f"API-{i:05d}") for i in range(entries)]
    data["statistics"]["total_api_endpoints"] = entries
    output.write_text(json.dumps(data, indent=2))
    return project


def _many_sessions(base: Path, count: int) -> Path:
    project = base / f"sessions-{count}"
    shutil.copytree(EXAMPLE, project)
    sessions = project / "Docs/hive-mind/sessions"
    for i in range(1, count):
        name = f"2025-09-14-10-{i:02d}-copy-{i}"
        shutil.copytree(sessions / SESSION, sessions / name)
        out = sessions / name / "workers/json/backend_output.json"
        out.write_text(out.read_text().replace(SESSION, name))
    return project


def _command(path: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "lint", "check", str(path), "--format", "json"], capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _in_process(path: Path, repeat: int) -> float:
    from lint.discover import discover
    from lint.engine import Settings, lint_units
    from lint.packs import PackRegistry

    registry = PackRegistry.bundled()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        found = discover([path], registry)
        lint_units(found.units, Settings())
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        cases = [
            ("example session (400-line notes, 12 KB JSON)", EXAMPLE),
            ("setup-state session (untouched template)", ROOT / "fixtures" / "setup-state"),
            ("output with 5,000 API entries (2 MB)", _large_project(base, 5000)),
            ("project root with 50 sessions", _many_sessions(base, 50)),
        ]
        print("| case | command, median | in process, median |")
        print("|---|---|---|")
        for name, path in cases:
            command = _command(path, args.repeat)
            inside = _in_process(path, args.repeat)
            print(f"| {name} | {command * 1000:.0f} ms | {inside * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
