"""Globs as in ruff and .gitignore, matched against the paths where files are found."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lint.fspath import safe_resolve


@dataclass(frozen=True)
class PathRule:
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


def glob_to_regex(pattern: str) -> re.Pattern:
    """Globs as in ruff and .gitignore: ``**`` crosses folders, ``*`` does not."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def glob_match(pattern: str, path: Path, base: Path | None = None) -> bool:
    """A pattern without a slash matches any one name in the path (a file or a
    folder); a pattern with a slash matches the path or a folder it lies in,
    taken relative to ``base`` (the configuration's folder) when below it."""
    pattern = pattern.rstrip("/")
    regex = glob_to_regex(pattern)
    text = path.as_posix()
    if base is not None:
        # Where the file is found, never where a link leads: its folder may be reached
        # through links (resolved), its own name is kept (a link is not followed).
        found = safe_resolve(path.parent) / path.name
        if found.is_relative_to(base):
            text = found.relative_to(base).as_posix()
    parts = text.split("/")
    if "/" not in pattern:
        return any(regex.match(part) for part in parts)
    # A pattern that names a folder covers everything in it.
    return any(regex.match("/".join(parts[:i])) for i in range(1, len(parts) + 1))


def path_rule(pattern: str, rules: frozenset[str], base: Path | None) -> PathRule:
    """``glob`` or ``glob#/json/pointer``: the pointer narrows an ignore to part of a JSON file."""
    glob, _, pointer = pattern.partition("#")
    return PathRule(glob, rules, pointer if pointer else None, base)
