"""How the command line stops: a message and exit code 2."""

from __future__ import annotations

import click

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class LintError(click.ClickException):
    """The linter cannot do what was asked: a message and exit code 2."""

    exit_code = EXIT_USAGE

    def show(self, file=None) -> None:
        from lint.shown import printable

        tell(f"worker-lint: error: {printable(self.format_message())}")


def tell(message: str) -> None:
    """A line on standard error, when it can take one: a stop (exit 2) must stay a stop
    even when standard error is closed or full."""
    try:
        click.echo(message, err=True)
    except (OSError, ValueError):
        pass


def say(text: str) -> None:
    """The command's answer on standard output; one that cannot be delivered (standard output
    closed, full, or a broken pipe) is a stop with exit 2, never a silent success."""
    import sys

    if sys.stdout is None:
        raise LintError("standard output is closed, so the answer has nowhere to go; run with standard output open")
    try:
        click.echo(text)
        sys.stdout.flush()
    except (OSError, ValueError) as error:
        raise LintError(f"cannot write to standard output: {getattr(error, 'strerror', None) or error}; "
                        "free the space or fix the pipe it goes to") from None
