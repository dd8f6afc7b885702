"""Reading the TOML files a user writes (configuration, packs), with errors that name them."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from lint.fspath import READ_FLAGS
from lint.patterns import lazy_pattern


def read_toml(path: Path, error: type[Exception], what: str, hint: str = "check that the file exists and is readable") -> dict:
    """The parsed file, or ``error`` with a message naming the file, the place and what to do."""
    import tomllib  # only a run that finds a file to read pays for the parser

    try:
        data = _read_small(path)
    except OSError as problem:
        raise error(f"{path}: cannot read the {what}: {problem.strerror or problem}; {hint}") from None
    try:
        return tomllib.loads(data.decode("utf-8"))
    except RecursionError:
        raise error(f"{path}: not valid TOML here: tables or arrays nested too deeply to read; flatten them") from None
    except UnicodeDecodeError as problem:
        line = data.count(b"\n", 0, problem.start) + 1
        column = problem.start - (data.rfind(b"\n", 0, problem.start) + 1) + 1
        raise error(
            f"{path}:{line}:{column}: not valid TOML: byte 0x{data[problem.start]:02x} is not UTF-8; save the file as UTF-8"
        ) from None
    except tomllib.TOMLDecodeError as problem:
        message = str(problem)
        place = _POSITION.search(message)
        if place is None:
            raise error(f"{path}: not valid TOML: {message}; fix the TOML syntax") from None
        where = f"{path}:{place['line']}:{place['column']}" if place["line"] else str(path)
        message = message[: place.start()].rstrip() + (" at the end of the file" if not place["line"] else "")
        raise error(f"{where}: not valid TOML: {message[:1].lower()}{message[1:]}; fix the TOML syntax there") from None


MAX_TOML_BYTES = 1024 * 1024  # a configuration or a pack is a page of settings, never more


def _read_small(path: Path) -> bytes:
    """The file's bytes, opened without blocking (a pipe in its place never hangs the run),
    a regular file of at most MAX_TOML_BYTES."""
    fd = os.open(path, READ_FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        if info.st_size > MAX_TOML_BYTES:
            raise OSError(errno.EFBIG, f"the file is over {MAX_TOML_BYTES // 1024} KiB")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(MAX_TOML_BYTES + 1)[:MAX_TOML_BYTES]
    finally:
        os.close(fd)


_POSITION = lazy_pattern(r"\s*\((?:at line (?P<line>\d+), column (?P<column>\d+)|at end of document)\)\s*$")
