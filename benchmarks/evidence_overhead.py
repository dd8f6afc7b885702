"""What checking cited evidence against the codebase adds to a cold run.

Run: python benchmarks/evidence_overhead.py [CORPUS] [--repeat 7]

A corpus is a folder of project roots with a ``sources/<repo>/`` folder of the
codebases the deliverables cite as ``/workspace/<repo>/...`` (the real corpus
beside the project has one). Every project is linted in one invocation, cold
(``--no-cache``), once with the codebases mapped (``--source-root``, so every
reference is looked up) and once with ``--no-source-check``, in turns; the
medians and their ratio are printed as a Markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "real-corpus"


def mapping(corpus: Path) -> list[str]:
    sources = corpus / "sources"
    repos = sorted(p for p in sources.iterdir() if p.is_dir()) if sources.is_dir() else []
    return [option for repo in repos for option in ("--source-root", f"/workspace/{repo.name}={repo.resolve()}")]


def projects(corpus: Path) -> list[str]:
    return sorted(str(p) for p in corpus.iterdir() if (p / "Docs" / "hive-mind" / "sessions").is_dir())


def timed(command: list[str]) -> float:
    env = {**os.environ, "NO_COLOR": "1"}
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=env)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode(errors='replace')}")
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    found = projects(args.corpus) if args.corpus.is_dir() else []
    if not found or not mapping(args.corpus):
        print(f"no corpus with sources/ at {args.corpus}; nothing to measure")
        return 0
    base = [sys.executable, "-m", "lint", "check", *found, "--isolated", "--no-cache", "--format", "json", "--jobs", "1"]
    checked, unchecked = [], []
    timed(base + mapping(args.corpus))  # bytecode compiled, files in the page cache
    for _ in range(args.repeat):
        checked.append(timed(base + mapping(args.corpus)))
        unchecked.append(timed(base + ["--no-source-check"]))
    with_evidence, without = statistics.median(checked), statistics.median(unchecked)
    print(f"{len(found)} projects, median of {args.repeat}, cold (--no-cache), one process (--jobs 1)\n")
    print("| run | median | ratio |")
    print("|---|---|---|")
    print(f"| `--no-source-check` | {without * 1000:,.0f} ms | 1.00 |")
    print(f"| codebases mapped (`--source-root`) | {with_evidence * 1000:,.0f} ms | {with_evidence / without:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
