"""No regular expression in the project backtracks catastrophically.

Every module-level pattern (and each pack's issue-id pattern) is run on long
strings made of the characters it looks for; a child process does it so a
pattern that never finishes is stopped, and named, instead of hanging the suite.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HARNESS = Path(__file__).resolve().parent / "regex_torture.py"
LIMIT = 120  # seconds; the whole run takes a few, a catastrophic pattern takes forever


def _torture(*extra: str, timeout: float = LIMIT) -> tuple[bool, list[str]]:
    try:
        run = subprocess.run([sys.executable, str(HARNESS), *extra], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as expired:
        out = expired.stdout.decode() if isinstance(expired.stdout, bytes) else (expired.stdout or "")
        return False, out.splitlines()
    assert run.returncode == 0, run.stderr
    return True, run.stdout.splitlines()


def test_every_pattern_finishes_on_adversarial_input() -> None:
    finished, printed = _torture()
    assert finished, f"pattern {printed[-1]} did not finish on adversarial input"
    assert printed[-1] == "done"
    assert int(printed[0]) >= 40 and len(printed) == int(printed[0]) + 2  # every pattern ran


def test_the_harness_catches_a_catastrophic_pattern() -> None:
    """Given alone, the pattern starts at once: a few seconds show that it never finishes."""
    finished, printed = _torture(r"^(\w+\s?)*$", timeout=4)
    assert not finished and printed[-1] == "added"
