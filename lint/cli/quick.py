"""``worker-lint check`` without click, for the command lines it reads exactly as click does.

Importing click (with ``inspect``, ``uuid``, ``datetime`` and ``gettext``, which it
loads) is a good part of a cold run. A hook, CI or a harness runs a plain command
line: known long options, ``-q``, ``-j N``, paths. Those are parsed here into the
very values click's command would pass (``lint/cli/options.py`` declares both),
and run by the same code. Anything else (``--help``, ``--``, an unknown or
misspelt option, a value click would refuse or that this parser is not sure of,
a request that cannot run as asked) is left to click by returning None before
anything is printed, so that every message about the command line is click's.
``tests/test_quick_path.py`` holds the parser to click's on generated command lines.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path
from typing import Any

from lint.cli.echo import echo
from lint.cli.errors import UsageProblem
from lint.cli.options import CHECK_OPTIONS, CheckOption
from lint.patterns import lazy_pattern
from lint.settings.model import OptionValueError

_COMPLETION = "_WORKER_LINT_COMPLETE"  # click's shell completion: its own path
_COUNT = lazy_pattern(r"[1-9][0-9]{0,17}")
_SCORE = lazy_pattern(r"(?:10|[0-9])(?:\.[0-9]{1,9})?")


class _Unsure(Exception):
    """A command line, or a value, that click should read."""


def check_quickly(args: list[str]) -> int | None:
    """Run ``check`` with ``args`` and return its exit code; None (having done nothing) to leave it to click."""
    if os.name == "nt" or _COMPLETION in os.environ:  # click expands globs on Windows; completion is click's
        return None
    values = parse(args)
    if values is None:
        return None
    try:
        return _checked(values)
    except (EOFError, KeyboardInterrupt):  # as click ends an interrupted command, at any point
        echo(err=True)
        echo("Aborted!", err=True)
        return 1
    except OSError as error:
        if error.errno != errno.EPIPE:
            raise
        _quiet_broken_streams()
        return 1


def _checked(values: dict[str, Any]) -> int | None:
    from lint.cli.check import execute, exit_code, request_of, settle

    try:
        request = request_of(values)
        settle(request)
    except (OptionValueError, UsageProblem):  # click reports it, with the command's usage
        return None
    return exit_code(execute(request), request)


def parse(args: list[str]) -> dict[str, Any] | None:
    """The values click's ``check`` command would be called with, or None when not sure."""
    try:
        return _parse(args)
    except _Unsure:
        return None


def _by_flag() -> dict[str, tuple[CheckOption, Any]]:
    """Each flag with its option and the value a flag without a value gives."""
    table: dict[str, tuple[CheckOption, Any]] = {}
    for option in CHECK_OPTIONS:
        if option.kind == "switch":
            table[option.flags[0]], table[option.flags[1]] = (option, True), (option, False)
        else:
            for flag in option.flags:
                table[flag] = (option, True)
    return table


def _parse(args: list[str]) -> dict[str, Any]:
    flags = _by_flag()
    values: dict[str, Any] = {"paths": ()}
    values.update({option.name: option.default for option in CHECK_OPTIONS})
    paths: list[Path] = []
    rest = list(reversed(args))
    while rest:
        token = rest.pop()
        if not token.startswith("-"):
            paths.append(_convert("path", token, ()))
            continue
        if token in ("-", "--") or token.startswith("---"):
            raise _Unsure(token)
        name, equals, attached = token.partition("=") if token.startswith("--") else (token[:2], "", token[2:])
        known = flags.get(name)
        if known is None:
            raise _Unsure(token)
        option, flag_value = known
        if option.kind in ("flag", "switch"):
            if equals or attached:
                raise _Unsure(token)
            values[option.name] = flag_value
            continue
        if equals or attached:
            raw = attached
        elif rest and not rest[-1].startswith("-"):
            raw = rest.pop()
        else:
            raise _Unsure(token)  # no value, or one that looks like an option: click decides
        value = _convert(option.kind, raw, option.choices)
        values[option.name] = (*values[option.name], value) if option.multiple else value
    values["paths"] = tuple(paths)
    return values


def _convert(kind: str, raw: str, choices: tuple[str, ...]) -> Any:
    """The value click's type makes of ``raw``, for the values this parser is sure of."""
    if not raw:
        raise _Unsure(raw)
    if kind == "text":
        return raw
    if kind == "choice":
        if raw not in choices:
            raise _Unsure(raw)
        return raw
    if kind == "count":
        if not _COUNT.fullmatch(raw):
            raise _Unsure(raw)
        return int(raw)
    if kind == "score":
        if not _SCORE.fullmatch(raw) or float(raw) > 10:
            raise _Unsure(raw)
        return float(raw)
    return _path(kind, raw)


def _path(kind: str, raw: str) -> Path:
    """As ``click.Path(path_type=Path)`` reads it: a path that exists must be of the kind asked
    for and readable (else click says so); one that does not exist is taken unless it must."""
    try:
        info = os.stat(raw)
    except OSError:
        if kind == "existing-folder":
            raise _Unsure(raw) from None
        return Path(raw)
    except ValueError:
        raise _Unsure(raw) from None
    if kind in ("folder", "existing-folder") and stat.S_ISREG(info.st_mode):
        raise _Unsure(raw)
    if kind == "file" and stat.S_ISDIR(info.st_mode):
        raise _Unsure(raw)
    if not os.access(raw, os.R_OK):
        raise _Unsure(raw)
    return Path(raw)


def _quiet_broken_streams() -> None:
    """As click does after a broken pipe: the interpreter's last flush must not print a traceback."""
    try:
        from click.utils import _PacifyFlushWrapper
    except ImportError:  # a click without it: the interpreter reports the broken pipe itself
        return
    sys.stdout = _PacifyFlushWrapper(sys.stdout)
    sys.stderr = _PacifyFlushWrapper(sys.stderr)
