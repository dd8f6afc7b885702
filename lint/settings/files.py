"""Configuration: ``[tool.worker-lint]`` in pyproject.toml, or ``.worker-lint.toml``.

The file is found from the linted path upward (the closest wins), or named
with ``--config``. Every key is checked: an unknown setting, a misspelt rule
or a wrong type is a :class:`ConfigError` naming the file, the key and what
was expected.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from lint.settings.limits import JSON_DEPTH_CEILING, MARKDOWN_DEPTH_CEILING
from lint.fspath import safe_resolve
from lint.settings.toml_files import read_toml
from lint.model import Severity

CONFIG_NAMES = (".worker-lint.toml", "pyproject.toml")
SETTINGS = (
    "select", "ignore", "severity", "per-file-ignores", "fail-level", "fail-under", "exclude",
    "max-file-size", "max-json-depth", "max-markdown-depth", "packs", "ignore-suppressions", "follow-symlinks",
)


class ConfigError(Exception):
    """The configuration cannot be used (exit code 2)."""


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


@dataclass(frozen=True)
class Config:
    """Settings as read from a file (or from the command line), not yet merged."""

    source: Path | None = None
    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    severity: dict[str, Severity] = field(default_factory=dict)
    per_file_ignores: tuple[PathRule, ...] = ()
    fail_level: Severity | None = None
    exclude: tuple[tuple[str, Path | None], ...] = ()
    max_file_size: int | None = None
    fail_under: float | None = None
    packs: tuple[Path, ...] = ()
    ignore_suppressions: bool = False
    max_json_depth: int | None = None
    max_markdown_depth: int | None = None
    follow_symlinks: bool = False

    def excluded(self, path: Path) -> bool:
        return any(glob_match(pattern, path, base) for pattern, base in self.exclude)


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
    resolved = safe_resolve(path)
    if base is not None and resolved.is_relative_to(base):
        text = resolved.relative_to(base).as_posix()
    else:
        text = path.as_posix()
    parts = text.split("/")
    if "/" not in pattern:
        return any(regex.match(part) for part in parts)
    # A pattern that names a folder covers everything in it.
    return any(regex.match("/".join(parts[:i])) for i in range(1, len(parts) + 1))


def _inside_sessions(folder: Path) -> bool:
    """A folder in ``Docs/hive-mind/sessions``: written by the workers being checked."""
    parts = folder.parts
    return any(parts[i : i + 3] == ("Docs", "hive-mind", "sessions") for i in range(len(parts) - 2))


def find_config(start: Path) -> Path | None:
    """The closest configuration file at or above ``start``.

    Folders inside a sessions tree are passed over: a worker must not be able to
    switch the checks off by writing a configuration beside its deliverable.
    """
    folder = start if start.is_dir() else start.parent
    start_folder = safe_resolve(folder)
    for candidate in [start_folder, *start_folder.parents]:
        if _inside_sessions(candidate):
            continue
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file() and (name != "pyproject.toml" or _has_tool_table(path)):
                return path
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return "worker-lint" in tomllib.load(handle).get("tool", {})
    except (OSError, ValueError):  # not TOML, or not UTF-8: load_config will say where
        return "[tool.worker-lint" in path.read_text(encoding="utf-8", errors="replace")


def load_config(path: Path, known_rules: list[str]) -> Config:
    data = read_toml(path, ConfigError, "configuration")
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(f"{path}: 'tool' must be a table, found {_describe(tool)}; write the settings under [tool.worker-lint]")
        table = tool.get("worker-lint", {})
        prefix = "tool.worker-lint."
    else:
        table, prefix = data, ""
    return parse_settings(table, path, prefix, known_rules)


class _Reader:
    """Checks each setting's type and names, so every error says where."""

    def __init__(self, source: Path | None, prefix: str, known_rules: list[str]) -> None:
        self.source = source
        self.prefix = prefix
        self.known = known_rules

    @property
    def where(self) -> str:
        return f"{self.source}: " if self.source else ""

    def label(self, key: str, detail: bool = True) -> str:
        """The key as the user wrote it: a setting in a file, or a command-line option."""
        if self.prefix != "--":
            return f"setting '{self.prefix}{key}'" if key else f"'{self.prefix.rstrip('.')}'"
        option, _, part = key.partition(".")
        return f"option '--{_OPTIONS.get(option, option)}'" + (f" for {part}" if part and detail else "")

    def fail(self, key: str, expected: str, found=None, found_text: str | None = None) -> ConfigError:
        got = f", found {found_text or _describe(found)}" if found is not None else ""
        return ConfigError(f"{self.where}{self.label(key)} must be {expected}{got}")

    def rule(self, key: str, name) -> str:
        if not isinstance(name, str):
            raise self.fail(key, "a list of rule names", name)
        if name not in self.known:
            close = difflib.get_close_matches(name, self.known, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else "; run 'worker-lint rules' for the list"
            raise ConfigError(f"{self.where}{self.label(key, detail=False)} names unknown rule '{name}'{hint}")
        return name

    def rules(self, key: str, value) -> frozenset[str]:
        if isinstance(value, str) or not isinstance(value, list):
            raise self.fail(key, "a list of rule names", value)
        return frozenset(self.rule(key, name) for name in value)

    def severity(self, key: str, value) -> Severity:
        if not isinstance(value, str):
            raise self.fail(key, "one of 'error', 'warning', 'info'", value)
        try:
            return Severity.parse(value)
        except ValueError:
            raise self.fail(key, "one of 'error', 'warning', 'info'", value) from None

    def globs(self, key: str, value, expected: str = "a list of glob patterns") -> list[str]:
        if isinstance(value, str) or not isinstance(value, list):
            raise self.fail(key, expected + " (not empty)", value)
        for item in value:
            if not (isinstance(item, str) and item.strip("/ ")):
                raise self.fail(key, expected + " (not empty)", item, f"an item that is {_describe(item)}")
        return value


_OPTIONS = {"packs": "pack"}  # settings whose command-line option is spelt otherwise


def _describe(value) -> str:
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, str):
        return f"a string ({value!r})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def parse_settings(table: dict, source: Path | None, prefix: str, known_rules: list[str]) -> Config:
    reader = _Reader(source, prefix, known_rules)
    base = source.parent.resolve() if source else None
    if not isinstance(table, dict):
        raise reader.fail("", "a table", table)
    for key in table:
        if key not in SETTINGS:
            close = difflib.get_close_matches(key, SETTINGS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known settings: {', '.join(SETTINGS)}"
            where = f"{source}: " if source else ""
            raise ConfigError(f"{where}unknown setting '{prefix}{key}'{hint}")
    select = reader.rules("select", table["select"]) if "select" in table else None
    ignore = reader.rules("ignore", table["ignore"]) if "ignore" in table else frozenset()
    severity: dict[str, Severity] = {}
    raw_severity = table.get("severity", {})
    if not isinstance(raw_severity, dict):
        raise reader.fail("severity", "a table of rule = level", raw_severity)
    for name, level in raw_severity.items():
        severity[reader.rule(f"severity.{name}", name)] = reader.severity(f"severity.{name}", level)
    ignores = []
    raw_ignores = table.get("per-file-ignores", {})
    if not isinstance(raw_ignores, dict):
        raise reader.fail("per-file-ignores", "a table of glob = [rules]", raw_ignores)
    for pattern, names in raw_ignores.items():
        glob, hash_, pointer = pattern.partition("#")
        if not glob.strip("/ ") or (hash_ and pointer and not pointer.startswith("/")):
            raise reader.fail(
                f"per-file-ignores.{pattern!r}", "GLOB or GLOB#/json/pointer, such as 'backend_output.json#/scores'",
                pattern, "an empty glob" if not glob.strip("/ ") else "a pointer that does not start with '/'",
            )
        ignores.append(path_rule(pattern, reader.rules(f"per-file-ignores.{pattern!r}", names), base))
    fail_level = reader.severity("fail-level", table["fail-level"]) if "fail-level" in table else None
    exclude = tuple((g, base) for g in reader.globs("exclude", table.get("exclude", [])))
    max_size = table.get("max-file-size")
    if max_size is not None and (isinstance(max_size, bool) or not isinstance(max_size, int) or max_size < 1):
        raise reader.fail("max-file-size", "a whole number of MiB, at least 1", max_size)
    depths = {}
    for key, ceiling in (("max-json-depth", JSON_DEPTH_CEILING), ("max-markdown-depth", MARKDOWN_DEPTH_CEILING)):
        depth = table.get(key)
        if depth is not None and (isinstance(depth, bool) or not isinstance(depth, int) or not 1 <= depth <= ceiling):
            raise reader.fail(key, f"a whole number of levels from 1 to {ceiling}", depth)
        depths[key] = depth
    fail_under = table.get("fail-under")
    if fail_under is not None and (isinstance(fail_under, bool) or not isinstance(fail_under, (int, float)) or not 0 <= fail_under <= 10):
        raise reader.fail("fail-under", "a number from 0 to 10", fail_under)
    packs = tuple(((base / p) if base else Path(p)) for p in reader.globs("packs", table.get("packs", []), "a list of pack file paths"))
    for given, pack in zip(table.get("packs", []), packs):
        if source is not None and not pack.is_file():
            raise ConfigError(
                f"{source}: setting '{prefix}packs' names '{given}', but there is no such file ({pack}); "
                "pack paths are relative to this configuration file"
            )
    ignore_suppressions = table.get("ignore-suppressions", False)
    if not isinstance(ignore_suppressions, bool):
        raise reader.fail("ignore-suppressions", "true or false", ignore_suppressions)
    follow_symlinks = table.get("follow-symlinks", False)
    if not isinstance(follow_symlinks, bool):
        raise reader.fail("follow-symlinks", "true or false", follow_symlinks)
    if select is not None and not select:
        raise reader.fail("select", "a list of at least one rule name", table["select"])
    return Config(source, select, ignore, severity, tuple(ignores), fail_level, exclude, max_size, fail_under, packs, ignore_suppressions,
                  depths["max-json-depth"], depths["max-markdown-depth"], follow_symlinks)


def path_rule(pattern: str, rules: frozenset[str], base: Path | None) -> PathRule:
    """``glob`` or ``glob#/json/pointer``: the pointer narrows an ignore to part of a JSON file."""
    glob, _, pointer = pattern.partition("#")
    return PathRule(glob, rules, pointer if pointer else None, base)


def merge(file_config: Config | None, cli: Config) -> Config:
    """Command-line settings over the file's: lists of globs and ignores add up."""
    if file_config is None:
        return cli
    return Config(
        source=file_config.source,
        select=cli.select if cli.select is not None else file_config.select,
        ignore=file_config.ignore | cli.ignore,
        severity={**file_config.severity, **cli.severity},
        per_file_ignores=file_config.per_file_ignores + cli.per_file_ignores,
        fail_level=cli.fail_level or file_config.fail_level,
        exclude=file_config.exclude + cli.exclude,
        max_file_size=cli.max_file_size or file_config.max_file_size,
        fail_under=cli.fail_under if cli.fail_under is not None else file_config.fail_under,
        packs=file_config.packs + cli.packs,
        ignore_suppressions=cli.ignore_suppressions or file_config.ignore_suppressions,
        max_json_depth=cli.max_json_depth or file_config.max_json_depth,
        max_markdown_depth=cli.max_markdown_depth or file_config.max_markdown_depth,
        follow_symlinks=cli.follow_symlinks or file_config.follow_symlinks,
    )
