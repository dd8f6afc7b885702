"""A worker cannot stall the evidence check with the text around a cited path.

A path under the project (always a source root) followed by a long run of closing
brackets, or by a line suffix of many digits and dots, used to cost the square of
its length (minutes for a few hundred kilobytes). Each case runs in a child
process with a time limit far above what a linear reading needs: a quadratic one
would not finish in it.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import Session

LIMIT = 60  # seconds; linear readings take about one


@pytest.mark.parametrize("tail", [")" * 1_000_000, "]" * 1_000_000, "." * 1_000_000, ":" + "1" * 300_000 + "." * 300_000 + "x"],
                         ids=["parentheses", "brackets", "dots", "line-suffix"])
def test_a_long_run_after_a_cited_path_is_read_in_linear_time(session: Session, tail: str) -> None:
    cited = session.root / "app" / "x.py"
    cited.parent.mkdir(parents=True)
    cited.write_text("x = 1\n")
    with session.notes.open("a", encoding="utf-8") as notes:
        notes.write(f"\nSee {cited}{tail}\n")
    run = subprocess.run([sys.executable, "-m", "lint", "check", str(session.root), "--no-cache", "--format", "concise"],
                         capture_output=True, text=True, timeout=LIMIT, cwd=session.root)
    assert run.returncode in (0, 1), run.stderr
    assert "Traceback" not in run.stderr
