"""The ``check`` command's options, declared once: click's decorators and the quick parser both come from here.

The settings' options are generated from the declarations in lint/settings/model.py;
the rest are the command's own. ``kind`` names how a value is read: "text",
"file" (a path that is not a folder), "folder" (a path that is not a file),
"existing-folder", "path", "count" (a whole number from 1), "score" (0 to 10),
or a choice among ``choices``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from lint.reporters import FORMATS
from lint.settings.model import DECLARED, Declaration

SEVERITIES = ("error", "warning", "info")


class CheckOption(NamedTuple):
    """One option of ``check``: its flags (long first), parameter name and how its value is read."""

    flags: tuple[str, ...]
    name: str
    help: str
    kind: str = "text"  # how a value is read (see the module's docstring); "flag" takes none; "switch" is --x/--no-x
    choices: tuple[str, ...] = ()
    metavar: str | None = None
    multiple: bool = False
    default: Any = None
    show_default: bool = False


def _setting_kind(declaration: Declaration) -> tuple[str, tuple[str, ...]]:
    if declaration.is_flag:
        return "flag", ()
    kinds = {None: "text", "severity": "choice", "score": "score", "positive": "count", "file": "file", "folder": "existing-folder"}
    return kinds[declaration.click_type], SEVERITIES if declaration.click_type == "severity" else ()


def setting_parameter(name: str) -> str:
    return f"setting_{name}"


def _setting_option(declaration: Declaration) -> CheckOption:
    kind, choices = _setting_kind(declaration)
    return CheckOption(
        (declaration.flag,), setting_parameter(declaration.attribute), declaration.help, kind, choices,
        None if declaration.is_flag else declaration.metavar, declaration.multiple,
        False if declaration.is_flag else (() if declaration.multiple else None),
    )


# In the order ``worker-lint check --help`` lists them.
CHECK_OPTIONS: tuple[CheckOption, ...] = (
    CheckOption(("--session",), "session_id", "Lint this session of the project found upward from the current folder.", metavar="ID"),
    CheckOption(("--worker",), "worker", "Lint only this worker's deliverable.", metavar="NAME"),
    CheckOption(("--format",), "format_name", "Output format.", "choice", tuple(FORMATS), default="text", show_default=True),
    CheckOption(("--output",), "output_file", "Write the report to this file instead of standard output.", "file"),
    CheckOption(("--config",), "config_file", "Use this configuration file instead of searching for one.", "file"),
    CheckOption(("--isolated",), "isolated", "Ignore every configuration file.", "flag", default=False),
    *(_setting_option(declaration) for declaration in DECLARED.values()),
    CheckOption(("--fix",), "fix", "Apply safe fixes in place, then report what is left.", "flag", default=False),
    CheckOption(("--diff",), "diff", "Print the changes --fix would make; write nothing. Exit 1 when there are any.", "flag", default=False),
    CheckOption(("--exit-zero",), "exit_zero", "Exit 0 even when findings are reported (2 still means the linter could not run).",
                "flag", default=False),
    CheckOption(("--log-event",), "log_event", "Append an outputs_validated event to each session's EVENTS.jsonl.", "flag", default=False),
    CheckOption(("--color", "--no-color"), "color",
                "Colour the text output (default: on a terminal, or when FORCE_COLOR is set; never when NO_COLOR is).", "switch"),
    CheckOption(("--quiet", "-q"), "quiet", "Print the findings only: no summary, no notes, nothing when all checks pass.",
                "flag", default=False),
    CheckOption(("--statistics",), "statistics",
                "Print how many findings each rule made instead of the findings (text and concise formats).", "flag", default=False),
    CheckOption(("--jobs", "-j"), "jobs",
                "Lint in N processes when there are many deliverables (default: the number of CPUs; 1 runs serially).", "count", metavar="N"),
    CheckOption(("--no-cache",), "no_cache", "Lint every deliverable afresh, and store nothing in the cache.", "flag", default=False),
    CheckOption(("--cache-dir",), "cache_dir",
                "Keep the result cache in DIR (default: $WORKER_LINT_CACHE_DIR, else the platform's cache folder; "
                "see 'worker-lint cache dir').", "folder", metavar="DIR"),
)

PATHS_HELP = "Lint deliverables: PATHS are project roots, session folders or deliverable files (default: the current folder)."


def click_parameters(command: Callable) -> Callable:
    """Decorate ``command`` with click's argument and options, in the order of CHECK_OPTIONS."""
    import click

    types: dict[str, Callable[[], Any]] = {
        "score": lambda: click.FloatRange(0, 10),
        "count": lambda: click.IntRange(min=1),
        "file": lambda: click.Path(dir_okay=False, path_type=Path),
        "folder": lambda: click.Path(file_okay=False, path_type=Path),
        "existing-folder": lambda: click.Path(exists=True, file_okay=False, path_type=Path),
    }
    for option in reversed(CHECK_OPTIONS):
        kwargs: dict[str, Any] = {"help": option.help}
        if option.kind == "flag":
            kwargs["is_flag"] = True
        elif option.kind == "switch":
            kwargs["default"] = None
        else:
            kwargs.update(metavar=option.metavar, multiple=option.multiple, default=option.default, show_default=option.show_default)
            if option.kind == "choice":
                kwargs["type"] = click.Choice(list(option.choices))
            elif option.kind != "text":
                kwargs["type"] = types[option.kind]()
        flags = ("/".join(option.flags),) if option.kind == "switch" else option.flags
        command = click.option(*flags, option.name, **kwargs)(command)
    return click.argument("paths", nargs=-1, type=click.Path(path_type=Path))(command)


def option_table(values: dict[str, Any]) -> dict[str, Any]:
    """The options given, by setting key, in the shape a configuration file's table has;
    raises :class:`OptionValueError` for a value not in its form.

    Options left at their default are absent, so a file's setting applies.
    """
    table: dict[str, Any] = {}
    for key, declaration in DECLARED.items():
        raw = values.pop(setting_parameter(declaration.attribute), None)
        if raw is None or raw == () or raw is False:
            continue
        table[key] = declaration.from_option(raw) if declaration.from_option else raw
    return table
