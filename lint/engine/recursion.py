"""Room on the call stack for reading a deliverable, wherever the caller stands.

The readers recurse once per level of nesting (about five frames per Markdown
level, one per JSON level), and the nesting limits are chosen to fit within
Python's default recursion limit from a shallow stack. A harness calling the
API from deep inside its own code would otherwise see a document within the
limits reported as "nested too deeply": the limit is raised, for as long as
any deliverable is being read, to what the reading needs above the caller.
"""

from __future__ import annotations

import _thread  # threading's own lock, without importing threading at start-up
import sys
from collections.abc import Iterator
from contextlib import contextmanager

FRAMES_PER_MARKDOWN_LEVEL = 6
FRAMES_PER_JSON_LEVEL = 2
MARGIN = 300  # the rules, the schema validator and the engine above the readers

_lock = _thread.allocate_lock()
_active = 0
_restore_to: int | None = None  # the limit before the first raise, while raised


def frames_needed(max_markdown_depth: int, max_json_depth: int) -> int:
    """Frames a deliverable at both nesting limits needs, above where it is read."""
    return FRAMES_PER_MARKDOWN_LEVEL * max_markdown_depth + FRAMES_PER_JSON_LEVEL * max_json_depth + MARGIN


def _stack_depth() -> int:
    frame, depth = sys._getframe(), 0
    while frame is not None:
        depth += 1
        frame = frame.f_back  # type: ignore[assignment]
    return depth


@contextmanager
def recursion_room(frames: int) -> Iterator[None]:
    """Make sure ``frames`` more frames fit on this thread's stack; undo it when the last reader is done."""
    global _active, _restore_to
    wanted = _stack_depth() + frames
    with _lock:
        _active += 1
        if sys.getrecursionlimit() < wanted:
            if _restore_to is None:
                _restore_to = sys.getrecursionlimit()
            sys.setrecursionlimit(wanted)
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0 and _restore_to is not None:
                sys.setrecursionlimit(_restore_to)
                _restore_to = None
