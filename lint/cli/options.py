"""The ``check`` command's setting options, generated from the declarations in lint/settings/model.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from lint.settings.model import DECLARED, Declaration, OptionValueError

_TYPES: dict[str, Callable[[], Any]] = {
    "severity": lambda: click.Choice(["error", "warning", "info"]),
    "score": lambda: click.FloatRange(0, 10),
    "positive": lambda: click.IntRange(min=1),
    "file": lambda: click.Path(dir_okay=False, path_type=Path),
    "folder": lambda: click.Path(exists=True, file_okay=False, path_type=Path),
}


def _parameter(name: str) -> str:
    return f"setting_{name}"


def _option(declaration: Declaration) -> Callable:
    kwargs: dict[str, Any] = {"help": declaration.help}
    if declaration.is_flag:
        kwargs["is_flag"] = True
    else:
        kwargs["metavar"] = declaration.metavar
        kwargs["multiple"] = declaration.multiple
        if declaration.click_type is not None:
            kwargs["type"] = _TYPES[declaration.click_type]()
        kwargs["default"] = () if declaration.multiple else None
    return click.option(declaration.flag, _parameter(declaration.attribute), **kwargs)


def setting_options(command: Callable) -> Callable:
    """Add one option per declared setting, in declaration order."""
    for declaration in reversed(DECLARED.values()):
        command = _option(declaration)(command)
    return command


def option_table(values: dict[str, Any]) -> dict[str, Any]:
    """The options given, by setting key, in the shape a configuration file's table has.

    Options left at their default are absent, so a file's setting applies.
    """
    table: dict[str, Any] = {}
    for key, declaration in DECLARED.items():
        raw = values.pop(_parameter(declaration.attribute), None)
        if raw is None or raw == () or raw is False:
            continue
        try:
            table[key] = declaration.from_option(raw) if declaration.from_option else raw
        except OptionValueError as error:
            raise click.BadParameter(str(error), param_hint=f"'{error.flag}'") from None
    return table
