"""How the command line stops: a message and exit code 2."""

from __future__ import annotations

import click

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class LintError(click.ClickException):
    """The linter cannot do what was asked: a message and exit code 2."""

    exit_code = EXIT_USAGE

    def show(self, file=None) -> None:
        from lint.shown import printable

        click.echo(f"worker-lint: error: {printable(self.format_message())}", err=True)
