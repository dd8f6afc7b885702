"""Globs with .gitignore semantics (the ``pathspec`` library), matched against the paths where files are found."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, NamedTuple

from lint.fspath import absolute, logical_cwd


class PathRule(NamedTuple):
    """A glob (and optional JSON pointer) with the rules ignored there."""

    pattern: str
    rules: frozenset[str]
    pointer: str | None = None
    base: Path | None = None

    def applies(self, path: Path, pointer: str | None) -> bool:
        if not glob_match(self.pattern, path, self.base):
            return False
        if self.pointer is None:
            return True
        return pointer is not None and (pointer == self.pointer or pointer.startswith(self.pointer + "/"))


def glob_match(pattern: str, path: Path, base: Path | None = None) -> bool:
    """Whether ``path`` matches a gitignore pattern of a configuration file in ``base``
    (the current folder for patterns given on the command line or in code).

    As in ``.gitignore``: a pattern with a slash before its end is anchored to
    ``base`` (a leading ``/`` too), one without matches a name at any depth, ``**``
    crosses folders, ``*``, ``?`` and ``[a-z]`` do not, and a pattern that names a
    folder covers everything in it. The path is taken where the file is found,
    as named: never where a link leads, its own or one of its folders'. A path
    outside ``base`` is matched as an absolute path, so only unanchored
    patterns can match it.
    """
    return _spec(pattern).match_file(_matched_text(path, base if base is not None else logical_cwd()))


def _matched_text(path: Path, folder: Path) -> str:
    """The path as a pattern of ``folder`` sees it: as named, never resolved (a folder of the
    path may be a link a worker put there; what matters is where the file is found)."""
    found = absolute(path)
    return found.relative_to(folder).as_posix() if found.is_relative_to(folder) else found.as_posix().lstrip("/")


@functools.lru_cache(maxsize=256)
def _spec(pattern: str) -> Any:
    import pathspec  # only runs that have globs pay for it

    return pathspec.GitIgnoreSpec.from_lines([pattern])


def path_rule(pattern: str, rules: frozenset[str], base: Path | None) -> PathRule:
    """``glob`` or ``glob#/json/pointer``: the pointer narrows an ignore to part of a JSON file."""
    glob, _, pointer = pattern.partition("#")
    return PathRule(glob, rules, pointer if pointer else None, base)


def glob_error(pattern: str) -> str | None:
    """Why ``pattern`` is no glob (a lone trailing backslash, a reversed range such as
    ``[z-a]``), or None: checked when the settings are read, never when a file is matched."""
    if pattern.endswith("\\") and not pattern.endswith("\\\\"):
        return "a backslash at the end escapes nothing"
    try:
        _spec(pattern).match_file("x")
    except Exception as error:  # pathspec's own pattern error, or the regular expression's
        return re.sub(r" at position \d+$", "", str(error).split(":")[0])
    return None

