"""Every setting, declared once: its name, type, default, flag, file key and check.

Each field of :class:`Settings` has a :class:`Declaration` (``_DECLARATIONS``, in field order).
The command line's options, the reading of configuration files and the merging
of the two are all generated from these declarations, so a setting is added,
renamed or documented in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextvars import ContextVar
from pathlib import Path
from typing import Any, NamedTuple

from lint.model import Severity, UsageError
from lint.fspath import absolute
from lint.records import FrozenRecord
from lint.settings.globs import PathRule, glob_error, glob_match, path_rule
from lint.settings.limits import (
    DEFAULT_MAX_BYTES,
    JSON_DEPTH_CEILING,
    MARKDOWN_DEPTH_CEILING,
    MAX_JSON_DEPTH,
    MAX_MARKDOWN_DEPTH,
)
from lint.suggest import close_matches


class ConfigError(UsageError):
    """The settings cannot be used (exit code 2)."""


class Reader:
    """Checks each value's type and names, so every error says where it came from."""

    def __init__(self, source: Path | None, prefix: str, known_rules: Sequence[str]) -> None:
        self.source = source
        self.prefix = prefix  # "tool.worker-lint.", "" (a .worker-lint.toml) or "--" (the command line)
        self.known = known_rules
        self.base = absolute(source.parent) if source else None  # as named: paths are matched where they are found

    @property
    def where(self) -> str:
        return f"{self.source}: " if self.source else ""

    def label(self, key: str, detail: bool = True) -> str:
        """The key as the user wrote it: a setting in a file, or a command-line option."""
        if self.prefix != "--":
            return f"setting '{self.prefix}{key}'" if key else f"'{self.prefix.rstrip('.')}'"
        option, _, part = key.partition(".")
        flag = DECLARED[option].flag if option in DECLARED else f"--{option}"
        return f"option '{flag}'" + (f" for {part}" if part and detail else "")

    def fail(self, key: str, expected: str, found: Any = None, found_text: str | None = None) -> ConfigError:
        got = f", found {found_text or describe(found)}" if found is not None else ""
        return ConfigError(f"{self.where}{self.label(key)} must be {expected}{got}")

    def rule(self, key: str, name: Any) -> str:
        if not isinstance(name, str):
            raise self.fail(key, "a list of rule names", name)
        if name not in self.known:
            close = close_matches(name, list(self.known), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else "; run 'worker-lint rules' for the list"
            raise ConfigError(f"{self.where}{self.label(key, detail=False)} names unknown rule '{name}'{hint}")
        return name

    def rules(self, key: str, value: Any) -> frozenset[str]:
        if isinstance(value, str) or not isinstance(value, list):
            raise self.fail(key, "a list of rule names", value)
        return frozenset(self.rule(key, name) for name in value)

    def severity(self, key: str, value: Any) -> Severity:
        if not isinstance(value, str):
            raise self.fail(key, "one of 'error', 'warning', 'info'", value)
        try:
            return Severity.parse(value)
        except ValueError:
            raise self.fail(key, "one of 'error', 'warning', 'info'", value) from None

    def globs(self, key: str, value: Any, expected: str = "a list of glob patterns") -> list[str]:
        if isinstance(value, str) or not isinstance(value, list):
            raise self.fail(key, expected + " (not empty)", value)
        for item in value:
            if not (isinstance(item, str) and item.strip("/ ")):
                raise self.fail(key, expected + " (not empty)", item, f"an item that is {describe(item)}")
        return value


def describe(value: Any) -> str:
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


# How each kind of setting reads a value (from a file's TOML, or from the command
# line turned into the same TOML shape) -------------------------------------------


def _rule_list(reader: Reader, key: str, value: Any) -> frozenset[str]:
    return reader.rules(key, value)


def _selection(reader: Reader, key: str, value: Any) -> frozenset[str]:
    rules = reader.rules(key, value)
    if not rules:
        raise reader.fail(key, "a list of at least one rule name", value)
    return rules


def _severity_table(reader: Reader, key: str, value: Any) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise reader.fail(key, "a table of rule = level", value)
    return {reader.rule(f"{key}.{name}", name): reader.severity(f"{key}.{name}", level) for name, level in value.items()}


def _ignore_table(reader: Reader, key: str, value: Any) -> tuple[PathRule, ...]:
    if not isinstance(value, dict):
        raise reader.fail(key, "a table of glob = [rules]", value)
    ignores = []
    for pattern, names in value.items():
        glob, hash_, pointer = pattern.partition("#")
        if not glob.strip("/ ") or (hash_ and pointer and not pointer.startswith("/")):
            raise reader.fail(
                f"{key}.{pattern!r}", "GLOB or GLOB#/json/pointer, such as 'backend_output.json#/scores'",
                pattern, "an empty glob" if not glob.strip("/ ") else "a pointer that does not start with '/'",
            )
        _positive(reader, f"{key}.{pattern!r}", glob)
        ignores.append(path_rule(pattern, reader.rules(f"{key}.{pattern!r}", names), reader.base))
    return tuple(ignores)


def _level(reader: Reader, key: str, value: Any) -> Severity:
    return reader.severity(key, value)


def _score(reader: Reader, key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 10:
        raise reader.fail(key, "a number from 0 to 10", value)
    return float(value)


def _globs(reader: Reader, key: str, value: Any) -> tuple[tuple[str, Path | None], ...]:
    return tuple((_positive(reader, key, glob), reader.base) for glob in reader.globs(key, value))


def _positive(reader: Reader, key: str, glob: str) -> str:
    """Each glob stands alone, so a gitignore negation (``!pattern``) would silently match nothing."""
    if glob.startswith("!"):
        raise reader.fail(key, "a list of glob patterns without '!' (each pattern adds to what it covers; "
                               "write the patterns for what to cover instead)", glob)
    problem = glob_error(glob)
    if problem is not None:
        raise reader.fail(key, f"a list of glob patterns (as in .gitignore: {problem})", glob)
    return glob


def _whole(low: int, high: int | None, unit: str) -> Callable[[Reader, str, Any], int]:
    expected = f"a whole number of {unit}, at least {low}" if high is None else f"a whole number of {unit} from {low} to {high}"

    def parse(reader: Reader, key: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < low or (high is not None and value > high):
            raise reader.fail(key, expected, value)
        return value

    return parse


def _pack_paths(reader: Reader, key: str, value: Any) -> tuple[Path, ...]:
    given = reader.globs(key, value, "a list of pack file paths")
    packs = tuple((reader.base / p) if reader.base else Path(p) for p in given)
    for name, pack in zip(given, packs):
        if reader.source is not None and not pack.is_file():
            raise ConfigError(
                f"{reader.source}: setting '{reader.prefix}{key}' names '{name}', but there is no such file ({pack}); "
                "pack paths are relative to this configuration file"
            )
    return packs


def _flag(reader: Reader, key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise reader.fail(key, "true or false", value)
    return value


def _folder(reader: Reader, key: str, value: Any) -> Path:
    if not isinstance(value, (str, Path)):
        raise reader.fail(key, "a folder", value)
    folder = Path(value)
    if not folder.is_dir():
        raise ConfigError(f"{reader.where}{reader.label(key)} names '{value}', which is not a folder; give the folder that holds the templates")
    return folder


def _source_roots(reader: Reader, key: str, value: Any) -> tuple[tuple[str, Path], ...]:
    """A table of cited prefix = folder; a folder is relative to the configuration file
    (to the current folder on the command line and in code)."""
    if not isinstance(value, dict):
        raise reader.fail(key, "a table of cited prefix = folder, such as {\"/workspace/app\" = \"../app\"}", value)
    roots = []
    for prefix, folder in value.items():
        if not (prefix.startswith("/") or (len(prefix) > 2 and prefix[1] == ":" and prefix[2] in "/\\")) or prefix.rstrip("/\\") == "":
            raise reader.fail(f"{key}.{prefix!r}", "an absolute prefix as the deliverables cite it, such as '/workspace/app'", prefix)
        if not isinstance(folder, str) or not folder:
            raise reader.fail(f"{key}.{prefix!r}", "a folder", folder)
        place = (reader.base / folder) if reader.base else Path(folder).absolute()
        if not place.is_dir():
            raise ConfigError(f"{reader.where}{reader.label(f'{key}.{prefix!r}', detail=False)} names '{folder}', which is not a folder ({place}); "
                              "give the folder that holds the codebase the deliverables cite (relative to the configuration file)")
        roots.append((prefix.rstrip("/\\"), place))
    return tuple(roots)


# The command line's raw values, in the shape a configuration file gives them -----


class OptionValueError(Exception):
    """A command-line value that is not in the expected form (click reports it)."""

    def __init__(self, message: str, flag: str) -> None:
        super().__init__(message)
        self.flag = flag


def _comma_list(value: str) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()]


def _pairs_of_rule_level(values: Sequence[str]) -> dict[str, str]:
    table = {}
    for value in values:
        name, sep, level = value.partition("=")
        if not sep:
            example = value.strip() or "absolute-path"
            raise OptionValueError(f"'{value}' is not RULE=LEVEL; write it as, for example, '{example}=warning'", "--severity")
        table[name.strip()] = level.strip()
    return table


def _pairs_of_glob_rules(values: Sequence[str]) -> dict[str, list[str]]:
    table = {}
    for value in values:
        glob, sep, names = value.rpartition("=")
        if not sep or not glob:
            example = f"{value}=absolute-path" if not sep else f"*.md={names.strip() or 'absolute-path'}"
            raise OptionValueError(f"'{value}' is not GLOB=RULE[,RULE...]; write it as, for example, '{example}'", "--per-file-ignores")
        table[glob] = _comma_list(names)
    return table


def _prefix_folder_pairs(values: Sequence[str]) -> dict[str, str]:
    table = {}
    for value in values:
        prefix, sep, folder = value.partition("=")
        if not sep or not prefix or not folder:
            raise OptionValueError(f"'{value}' is not PREFIX=DIR; write it as, for example, '/workspace/app=../app'", "--source-root")
        table[prefix] = folder
    return table


def _as_list(values: Sequence[Any]) -> list[str]:
    return [str(v) for v in values]


class Declaration(NamedTuple):
    """One setting: how it is written on the command line and in a file, and how it merges.

    ``merge`` is ``"replace"`` (the command line wins) or ``"add"`` (lists,
    tables and flags from both sources add up). ``in_files`` is False for a
    setting only the command line may give.
    """

    key: str
    flag: str
    help: str
    parse: Callable[[Reader, str, Any], Any]
    metavar: str | None = None
    click_type: Any = None
    multiple: bool = False
    is_flag: bool = False
    from_option: Callable[[Any], Any] | None = None  # raw option value -> the file's shape
    merge: str = "replace"
    in_files: bool = True
    attribute: str = ""


# Every setting in the order of Settings' fields: its key, flag, check and help, written once.
_DECLARATIONS: tuple[Declaration, ...] = (
    Declaration(
        attribute="select", key="select", flag="--select", metavar="RULES", parse=_selection, from_option=_comma_list,
        help="Comma-separated rules to run (default: all)."),
    Declaration(
        attribute="ignore", key="ignore", flag="--ignore", metavar="RULES", parse=_rule_list, from_option=_comma_list, merge="add",
        help="Comma-separated rules not to run."),
    Declaration(
        attribute="severity", key="severity", flag="--severity", metavar="RULE=LEVEL", multiple=True, parse=_severity_table,
        from_option=_pairs_of_rule_level, merge="add", help="Report RULE at LEVEL (error, warning, info). Repeatable."),
    Declaration(
        attribute="per_file_ignores", key="per-file-ignores", flag="--per-file-ignores", metavar="GLOB=RULES", multiple=True,
        parse=_ignore_table, from_option=_pairs_of_glob_rules, merge="add",
        help="Ignore RULES in files matching GLOB (GLOB#/pointer for part of a JSON file). Repeatable."),
    Declaration(
        attribute="fail_level", key="fail-level", flag="--fail-level", click_type="severity", parse=_level,
        help="Exit 1 when a finding is at or above this severity (default: error)."),
    Declaration(
        attribute="fail_under", key="fail-under", flag="--fail-under", metavar="SCORE", click_type="score", parse=_score,
        help="Exit 1 when a deliverable scores below SCORE."),
    Declaration(
        attribute="exclude", key="exclude", flag="--exclude", metavar="GLOB", multiple=True, parse=_globs, from_option=_as_list,
        merge="add", help="Skip deliverables whose files match GLOB. Repeatable."),
    Declaration(
        attribute="max_file_size", key="max-file-size", flag="--max-file-size", metavar="MIB", click_type="positive",
        parse=_whole(1, None, "MiB"), help="Largest deliverable file read, in MiB (default: 10)."),
    Declaration(
        attribute="max_json_depth", key="max-json-depth", flag="--max-json-depth", metavar="LEVELS", click_type="positive",
        parse=_whole(1, JSON_DEPTH_CEILING, "levels"),
        help=f"Deepest nesting of objects and arrays read in the output JSON (default: {MAX_JSON_DEPTH}, at most {JSON_DEPTH_CEILING})."),
    Declaration(
        attribute="max_markdown_depth", key="max-markdown-depth", flag="--max-markdown-depth", metavar="LEVELS", click_type="positive",
        parse=_whole(1, MARKDOWN_DEPTH_CEILING, "levels"),
        help=f"Deepest nesting of lists and block quotes read in the notes (default: {MAX_MARKDOWN_DEPTH}, at most {MARKDOWN_DEPTH_CEILING})."),
    Declaration(
        attribute="packs", key="packs", flag="--pack", metavar="PATH", multiple=True, click_type="file", parse=_pack_paths,
        from_option=_as_list, merge="add", help="Use this rule pack too (a worker of your own, or a replacement). Repeatable."),
    Declaration(
        attribute="ignore_suppressions", key="ignore-suppressions", flag="--ignore-suppressions", is_flag=True, parse=_flag,
        merge="add", help="Report findings that suppression comments in the notes would hide."),
    Declaration(
        attribute="follow_symlinks", key="follow-symlinks", flag="--follow-symlinks", is_flag=True, parse=_flag, merge="add",
        help="Read deliverables reached through symbolic links that lead out of the folder being linted."),
    Declaration(
        attribute="source_roots", key="source-roots", flag="--source-root", metavar="PREFIX=DIR", multiple=True,
        parse=_source_roots, from_option=_prefix_folder_pairs, merge="add",
        help="Check references cited under PREFIX against the codebase in DIR (default: each session's own project). Repeatable."),
    Declaration(
        attribute="no_source_check", key="no-source-check", flag="--no-source-check", is_flag=True, parse=_flag, merge="add",
        help="Do not check cited files, lines and quoted code against the codebase."),
    Declaration(
        attribute="templates", key="templates", flag="--templates", metavar="DIR", click_type="folder", parse=_folder, in_files=False,
        help="The workers' templates, to report values left unchanged (default: the harness's own, when found)."),
)


class Settings(FrozenRecord):
    """What to check and how strictly: the same whether given in code, a file or on the command line.

    Build one in code (``Settings(select=frozenset({"schema"}), fail_under=8)``)
    to lint with exactly these settings and no configuration file, as a
    harness's gate does; or let the API and the command line read them from
    ``[tool.worker-lint]`` / ``.worker-lint.toml`` and the options given.

    Values given in code are checked and converted as a file's are: ``fail_level="warning"``,
    ``severity={"absolute-path": "warning"}``, ``exclude=["legacy-*"]`` and
    ``per_file_ignores={"*.md": ["absolute-path"]}`` all work; a wrong one raises
    :class:`ConfigError` (a :class:`lint.UsageError`) naming the setting.
    """

    _fields = tuple(d.attribute for d in _DECLARATIONS)

    select: frozenset[str] | None
    ignore: frozenset[str]
    severity: dict[str, Severity]
    per_file_ignores: tuple[PathRule, ...]
    fail_level: Severity
    fail_under: float | None
    exclude: tuple[tuple[str, Path | None], ...]
    max_file_size: int
    max_json_depth: int
    max_markdown_depth: int
    packs: tuple[Path, ...]
    ignore_suppressions: bool
    follow_symlinks: bool
    source_roots: tuple[tuple[str, Path], ...]
    no_source_check: bool
    templates: Path | None

    def __init__(
        self,
        select: frozenset[str] | None = None,
        ignore: frozenset[str] = frozenset(),
        severity: dict[str, Severity] | None = None,  # None: no rule's severity changed ({})
        per_file_ignores: tuple[PathRule, ...] = (),
        fail_level: Severity = Severity.ERROR,
        fail_under: float | None = None,
        exclude: tuple[tuple[str, Path | None], ...] = (),
        max_file_size: int = DEFAULT_MAX_BYTES // (1024 * 1024),
        max_json_depth: int = MAX_JSON_DEPTH,
        max_markdown_depth: int = MAX_MARKDOWN_DEPTH,
        packs: tuple[Path, ...] = (),
        ignore_suppressions: bool = False,
        follow_symlinks: bool = False,
        source_roots: tuple[tuple[str, Path], ...] = (),
        no_source_check: bool = False,
        templates: Path | None = None,
    ) -> None:
        given = (select, ignore, {} if severity is None else severity, per_file_ignores, fail_level, fail_under, exclude,
                 max_file_size, max_json_depth, max_markdown_depth, packs, ignore_suppressions, follow_symlinks, source_roots,
                 no_source_check, templates)
        values = dict(zip(self._fields, given))
        if not _PARSED.get():
            _check_given(values)
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __reduce__(self) -> tuple:
        """Unpickled (in a worker process) as it was: its values were checked when it was made."""
        return _rebuilt, (tuple([getattr(self, name) for name in self._fields]),)

    @property
    def max_bytes(self) -> int:
        return self.max_file_size * 1024 * 1024

    def excluded(self, path: Path) -> bool:
        return any(glob_match(pattern, path, base) for pattern, base in self.exclude)


def _rebuilt(values: tuple) -> Settings:
    token = _PARSED.set(True)
    try:
        return Settings(*values)
    finally:
        _PARSED.reset(token)


def _check_given(values: dict[str, Any]) -> None:
    """Parse, in place, each value given in code that is not its default nor already in the internal form."""
    reader = Reader(None, "", _rule_names())
    for declaration in _DECLARATIONS:
        name = declaration.attribute
        value = values[name]
        if _is_default(name, value) or _already_parsed(name, value):
            continue
        values[name] = declaration.parse(reader, declaration.key, _as_table_value(value))


def default_of(attribute: str) -> Any:
    """A setting's default value (a fresh one, for a table)."""
    return {} if attribute == "severity" else _DEFAULTS[attribute]


_PARSED: ContextVar[bool] = ContextVar("settings_already_parsed", default=False)


def _rule_names() -> Sequence[str]:
    from lint.settings import RuleNames

    return RuleNames()


def _is_default(name: str, value: Any) -> bool:
    default = default_of(name)
    if isinstance(default, dict):
        return bool(value == default)
    return bool(value == default and type(value) is type(default))


def _already_parsed(name: str, value: Any) -> bool:
    """Internal forms (globs with their base folder, path rules) are taken as they are."""
    if name == "per_file_ignores":
        return isinstance(value, tuple) and all(isinstance(v, PathRule) for v in value)
    if name == "source_roots":
        return isinstance(value, tuple) and all(isinstance(v, tuple) and len(v) == 2 and isinstance(v[1], Path) for v in value)
    if name == "exclude":
        return isinstance(value, tuple) and all(
            isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str) and (v[1] is None or isinstance(v[1], Path)) for v in value
        )
    return False


def _as_table_value(value: Any) -> Any:
    """A value given in code, in the shape a configuration file gives it."""
    if isinstance(value, Severity):
        return value.label
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    if isinstance(value, (tuple, list)):
        return [_as_table_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_table_value(v) for k, v in value.items()}
    return value


def _declarations() -> dict[str, Declaration]:
    return {declaration.key: declaration for declaration in _DECLARATIONS}


_DEFAULTS: dict[str, Any] = dict(zip(Settings._fields, Settings.__init__.__defaults__ or ()))
DECLARED: dict[str, Declaration] = _declarations()
FILE_KEYS: tuple[str, ...] = tuple(key for key, d in DECLARED.items() if d.in_files)


class Layer(NamedTuple):
    """The settings one source gave (a file, or the command line), parsed, by attribute."""

    values: dict[str, Any]
    source: Path | None = None


def parse_layer(table: Any, source: Path | None, prefix: str, known_rules: Sequence[str], keys: Sequence[str] = FILE_KEYS) -> Layer:
    """Check and parse a table of settings; every error names the file or option, and the key."""
    reader = Reader(source, prefix, known_rules)
    if not isinstance(table, dict):
        raise reader.fail("", "a table", table)
    for key in table:
        if key not in keys:
            close = close_matches(key, list(keys), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known settings: {', '.join(keys)}"
            raise ConfigError(f"{reader.where}unknown setting '{prefix}{key}'{hint}")
    values = {}
    for key, declaration in DECLARED.items():  # declaration order: errors come in a stable order
        if key in table:
            values[declaration.attribute] = declaration.parse(reader, key, table[key])
    return Layer(values, source)


def merge(*layers: Layer | None) -> Settings:
    """Later layers over earlier ones: lists of globs, ignores and flags add up."""
    values: dict[str, Any] = {}
    for layer in layers:
        if layer is None:
            continue
        for declaration in DECLARED.values():
            name = declaration.attribute
            if name not in layer.values:
                continue
            new = layer.values[name]
            if declaration.merge == "add" and name in values:
                old = values[name]
                new = old | new if isinstance(old, (frozenset, bool)) else ({**old, **new} if isinstance(old, dict) else old + new)
            values[name] = new
    token = _PARSED.set(True)  # each layer was checked as it was read
    try:
        return Settings(**values)
    finally:
        _PARSED.reset(token)
