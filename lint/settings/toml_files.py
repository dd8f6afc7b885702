"""Reading the TOML files a user writes (configuration, packs), with errors that name them."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path


def read_toml(path: Path, error: type[Exception], what: str, hint: str = "check that the file exists and is readable") -> dict:
    """The parsed file, or ``error`` with a message naming the file, the place and what to do."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as problem:
        raise error(f"{path}: cannot read the {what}: {problem.strerror or problem}; {hint}") from None
    try:
        return tomllib.loads(data.decode("utf-8"))
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


_POSITION = re.compile(r"\s*\((?:at line (?P<line>\d+), column (?P<column>\d+)|at end of document)\)\s*$")
