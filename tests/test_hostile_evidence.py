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


def _described(value: object) -> dict:
    """The first object of the output with a description."""
    if isinstance(value, dict):
        if isinstance(value.get("description"), str):
            return value
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            if isinstance(item, (dict, list)) and (found := _described(item)):
                return found
    return {}


@pytest.mark.parametrize("shape", ["one-line", "long-heading", "json-string"])
def test_many_missing_references_together_are_read_in_linear_time(session: Session, shape: str) -> None:
    """Each missing reference's words are read near it, and a heading's once: thousands of them
    on one line, under one long heading or in one JSON string cost their number, not its square."""
    missing = [f"{session.root}/app/m{index}.py" for index in range(10_000)]
    if shape == "json-string":
        data = session.data()
        _described(data)["description"] = " ".join(missing)
        session.write_data(data)
    else:
        text = " ".join(missing) if shape == "one-line" else "## " + "h" * 1_000_000 + "\n\n" + "\n".join(missing[:5_000])
        with session.notes.open("a", encoding="utf-8") as notes:
            notes.write(f"\n{text}\n")
    run = subprocess.run([sys.executable, "-m", "lint", "check", str(session.root), "--no-cache", "--format", "concise"],
                         capture_output=True, text=True, timeout=LIMIT, cwd=session.root)
    assert run.returncode == 1, run.stderr
    assert "reference-missing" in run.stdout
    assert "Traceback" not in run.stderr
