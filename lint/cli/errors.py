"""How the command line stops: a message and exit code 2. Nothing here imports click."""

from __future__ import annotations

import sys

from lint.cli.echo import echo

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class LintError(Exception):
    """The linter cannot do what was asked: a message and exit code 2."""

    exit_code = EXIT_USAGE

    def format_message(self) -> str:
        return str(self)

    def show(self) -> None:
        from lint.shown import printable

        tell(f"worker-lint: error: {printable(self.format_message())}")


class UsageProblem(Exception):
    """Options that cannot be honoured together, or a setting given badly on the command line:
    reported as click reports a usage error (the command's usage, then the message), exit 2."""


def tell(message: str) -> None:
    """A line on standard error, when it can take one: a stop (exit 2) must stay a stop
    even when standard error is closed or full."""
    try:
        echo(message, err=True)
    except (OSError, ValueError):
        pass


def say(text: str) -> None:
    """The command's answer on standard output; one that cannot be delivered (standard output
    closed, full, or a broken pipe) is a stop with exit 2, never a silent success."""
    if sys.stdout is None:
        raise LintError("standard output is closed, so the answer has nowhere to go; run with standard output open")
    try:
        echo(text)
        sys.stdout.flush()
    except (OSError, ValueError) as error:
        raise LintError(f"cannot write to standard output: {getattr(error, 'strerror', None) or error}; "
                        "free the space or fix the pipe it goes to") from None
