"""An exclusive lock on an open file, waited for a bounded time, on every platform.

POSIX has ``fcntl.flock``. Windows has no ``fcntl`` module, so nothing here imports
it at load time; there ``msvcrt.locking`` locks one byte far past the end of any
log instead. Windows locks are mandatory, so locking the data itself would make a
reader that takes no lock (the harness reading its event log) fail; a byte no
one reads or writes keeps the lock among the processes that ask for it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Callable, Iterator
from types import ModuleType

LOCKED_BYTE = 1 << 30  # where the Windows lock is taken: past the end of any event log
_BUSY = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, errno.EDEADLK, getattr(errno, "EDEADLOCK", errno.EDEADLK)}


def _module(name: str) -> ModuleType | None:
    try:
        return __import__(name)
    except ImportError:
        return None


def _lock_and_unlock(fd: int) -> tuple[Callable[[], None], Callable[[], None]]:
    """This platform's way to try the lock once (OSError when another holds it) and to release it."""
    fcntl = _module("fcntl")
    if fcntl is not None:
        return (lambda: fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)), (lambda: fcntl.flock(fd, fcntl.LOCK_UN))
    msvcrt = _module("msvcrt")
    if msvcrt is None:
        raise OSError(errno.ENOTSUP, "this platform offers no way to lock a file")

    def on_the_byte(mode: int) -> None:
        os.lseek(fd, LOCKED_BYTE, os.SEEK_SET)  # msvcrt locks from the current position
        msvcrt.locking(fd, mode, 1)

    return (lambda: on_the_byte(msvcrt.LK_NBLCK)), (lambda: on_the_byte(msvcrt.LK_UNLCK))


@contextlib.contextmanager
def exclusive(fd: int, wait: float) -> Iterator[None]:
    """Hold an exclusive lock on ``fd`` for the block, waiting at most ``wait`` seconds for
    it: a lock another process keeps never hangs the run (an OSError says so)."""
    lock, unlock = _lock_and_unlock(fd)
    deadline = time.monotonic() + wait
    while True:
        try:
            lock()
            break
        except OSError as error:
            if error.errno not in _BUSY:
                raise
            if time.monotonic() > deadline:
                raise OSError(errno.EWOULDBLOCK, f"another process has held it locked for over {wait:g} s") from None
            time.sleep(0.02)
    try:
        yield
    finally:
        unlock()
