"""The command line's entry point: ``check`` through the quick path when it can, else click.

A plain ``worker-lint check`` command line (the pre-commit hook's, CI's, a
harness's) is parsed and run without importing click (``lint/cli/quick.py``),
which is a good part of a cold run's start-up; every other command line, and
every one the quick parser does not take as it is, goes to click
(``lint/cli/commands.py``), so help, usage errors and every other command are
click's own. ``lint.cli.cli`` is the click group.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from lint.cli.errors import EXIT_USAGE, LintError, tell


def main() -> None:
    run()


def run(args: list[str] | None = None) -> None:
    """Run the command line ``args`` (default: the process's); exits with its code."""
    try:
        given = sys.argv[1:] if args is None else list(args)
        code = None
        if given[:1] == ["check"]:
            from lint.cli.quick import check_quickly

            code = check_quickly(given[1:])
        if code is not None:
            sys.exit(code)
        from lint.cli.commands import cli

        cli.main(args=args, prog_name="worker-lint", standalone_mode=True)
    except LintError as error:  # the quick path's stops; click's own are shown by click
        error.show()
        sys.exit(error.exit_code)
    except OSError as error:  # the file system refused (a name too long, a folder gone): say which and stop
        name = error.filename if error.filename is not None else "a file"
        from lint.shown import printable

        tell(f"worker-lint: error: {printable(str(name))}: {error.strerror or error}; check the path")
        sys.exit(EXIT_USAGE)
    except Exception as error:  # a bug, not bad input: say so without a traceback
        if os.environ.get("WORKER_LINT_DEBUG"):
            raise
        tell(
            f"worker-lint: internal error: {type(error).__name__}: {error}\n"
            "Set WORKER_LINT_DEBUG=1 to see the traceback, and please report it."
        )
        sys.exit(EXIT_USAGE)


def __getattr__(name: str) -> Any:
    if name == "cli":  # the click group, imported when asked for
        from lint.cli.commands import cli

        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
