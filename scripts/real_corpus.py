"""Lint a corpus of real deliverables and show, per deliverable, its findings by rule.

A corpus is a folder of project roots (``<root>/Docs/hive-mind/sessions/...``)
with a ``kinds.json`` that says which deliverables are diligent (they should
lint clean) and which are rushed (they should fail). This is how precision on
real work is checked; the test suite never depends on a corpus being present.

    python scripts/real_corpus.py                      # ../shared/real-corpus beside the project
    python scripts/real_corpus.py CORPUS --details     # every finding, with its place and message

The codebases the deliverables cite as ``/workspace/<repo>/...`` are mapped to
``CORPUS/sources/<repo>/`` when that folder exists (``--source-root``), so that
the evidence rules check every reference; ``--no-sources`` lints without them.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "real-corpus"


def source_options(corpus: Path) -> list[str]:
    """``--source-root /workspace/<repo>=<corpus>/sources/<repo>`` for each codebase of the corpus."""
    sources = corpus / "sources"
    if not sources.is_dir():
        return []
    return [option for repo in sorted(p for p in sources.iterdir() if p.is_dir())
            for option in ("--source-root", f"/workspace/{repo.name}={repo.resolve()}")]


def lint(project: Path, worker: str, extra: tuple[str, ...] | list[str] = ()) -> dict:
    """The JSON report of one worker's deliverables in a project, linted as a new user would."""
    command = [sys.executable, "-m", "lint", "check", ".", "--worker", worker, "--format", "json", "--no-cache", "--isolated", *extra]
    done = subprocess.run(command, cwd=project, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{project}: worker-lint exited {done.returncode}: {done.stderr.strip()}")
    report = json.loads(done.stdout)
    report["exit_code"] = done.returncode
    return report


def describe(kind: str, report: dict) -> tuple[str, str]:
    """A verdict for the deliverable, and a line of counts by rule and severity."""
    summary = report["summary"]
    by_rule = Counter(f"{f['rule']}({f['severity'][0]})" for f in report["findings"])
    counts = ", ".join(f"{rule} {n}" for rule, n in sorted(by_rule.items())) or "no findings"
    if kind == "diligent":
        verdict = "ok" if summary["errors"] == 0 and summary["warnings"] <= 3 else "REVIEW"
    else:
        verdict = "ok" if report["exit_code"] == 1 and summary["score"] <= 3 else "MISSED"
    line = (f"exit {report['exit_code']}  score {summary['score']:>4}  "
            f"{summary['errors']} errors, {summary['warnings']} warnings, {summary['info']} info: {counts}")
    return verdict, line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--details", action="store_true", help="print every finding")
    parser.add_argument("--no-sources", action="store_true", help="do not map the cited codebases to CORPUS/sources")
    args = parser.parse_args(argv)
    kinds_file = args.corpus / "kinds.json"
    if not kinds_file.is_file():
        print(f"no corpus at {args.corpus} (no kinds.json there); nothing to do")
        return 0
    kinds = json.loads(kinds_file.read_text(encoding="utf-8"))
    verdicts = Counter()
    extra = [] if args.no_sources else source_options(args.corpus)
    for key, kind in kinds.items():
        folder, worker = key.rsplit(":", 1)
        report = lint(args.corpus / folder, worker, extra)
        verdict, line = describe(kind, report)
        verdicts[verdict] += 1
        print(f"{verdict:6} {kind:8} {worker:10} {folder}\n       {line}")
        if args.details:
            for f in report["findings"]:
                where = f["pointer"] if f["pointer"] is not None else ""
                print(f"         {Path(f['file']).name}:{f['line']}:{f['column']} {f['severity']} {f['rule']} {where} {f['message']}")
    print(f"\n{sum(verdicts.values())} deliverables: " + ", ".join(f"{n} {v}" for v, n in sorted(verdicts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
