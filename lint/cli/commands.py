"""The command line as click commands; each parses, calls the API, prints, and exits once.

``check`` is run here only when the quick path (``lint/cli/quick.py``) leaves it to
click: for ``--help``, a usage error, or a form the quick parser does not take.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from lint import __version__
from lint.cli.check import exit_code, execute, request_of
from lint.cli.errors import EXIT_USAGE, LintError, UsageProblem, say
from lint.cli.options import PATHS_HELP, click_parameters
from lint.settings.model import OptionValueError

# The rest is imported where a command needs it: `--version` and `--help` stay
# fast, and a clean run never imports what only fixes or other formats use.


def _print_version(context: click.Context, _option: click.Parameter, value: bool) -> None:
    if value and not context.resilient_parsing:
        say(f"worker-lint, version {__version__}")  # a closed standard output is a stop, as for every answer
        context.exit()


class _Stop(click.ClickException):
    """A LintError, shown by click as the linter shows it (exit 2)."""

    exit_code = EXIT_USAGE

    def __init__(self, error: LintError) -> None:
        super().__init__(str(error))
        self.error = error

    def show(self, file=None) -> None:
        self.error.show()


class _Commands(click.Group):
    """The group whose commands' LintErrors stop the run as click's own errors do."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except LintError as error:  # an eager option's answer (--version) could not be printed
            raise _Stop(error) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LintError as error:
            raise _Stop(error) from None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version, help="Show the version and exit.")
def cli() -> None:
    """Validate the deliverables AI workers hand in: notes and output JSON."""


@cli.command(help=PATHS_HELP)
@click_parameters
def check(**values: Any) -> None:
    try:
        request = request_of(values)
    except OptionValueError as error:
        raise click.BadParameter(str(error), param_hint=f"'{error.flag}'") from None
    try:
        outcome = execute(request)
    except UsageProblem as problem:
        raise click.UsageError(str(problem)) from None
    sys.exit(exit_code(outcome, request))


@cli.command()
@click.option("--format", "format_name", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def rules(format_name: str) -> None:
    """List every rule: name, default severity, whether it can fix, summary."""
    from lint.checks.docs import markdown_table, rule_table_rows

    rows = rule_table_rows()
    if format_name == "markdown":
        say(markdown_table())
        return
    if format_name == "json":
        import json

        say(json.dumps(rows, indent=2))
        return
    width = max(len(r["name"]) for r in rows)
    for row in rows:
        fix = "fix" if row["fixable"] else "   "
        say(f"{row['name'].ljust(width)}  {row['severity'].ljust(7)}  {fix}  {row['summary']}")


@cli.command("packs")
@click.option("--pack", "packs", multiple=True, type=click.Path(dir_okay=False, path_type=Path), metavar="PATH", help="Include this pack too.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), help="Read packs = [...] from this configuration file.")
@click.option("--format", "format_name", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_packs(packs, config_file, format_name: str) -> None:
    """List the known workers and where each one's pack comes from."""
    from lint.model import UsageError
    from lint.packs import PackRegistry
    from lint.settings import file_layer, merge, option_layer

    try:
        given = option_layer({"packs": [str(p) for p in packs]} if packs else {})
        settings = merge(file_layer(Path.cwd(), config_file), given)
        registry = PackRegistry.bundled(list(settings.packs))
    except UsageError as error:
        raise LintError(str(error)) from None
    rows: list[dict[str, Any]] = [
        {"worker": p.worker, "source": str(p.source), "bundled": registry.is_bundled(p), "notes_file": p.notes_file,
         "output_file": p.output_file, "description": p.description}
        for p in registry.all()
    ]
    if format_name == "json":
        import json

        say(json.dumps(rows, indent=2))
        return
    width = max(len(r["worker"]) for r in rows)
    for row in rows:
        origin = "bundled" if row["bundled"] else row["source"]
        say(f"{row['worker'].ljust(width)}  {row['notes_file']} + {row['output_file']}  ({origin})")


@cli.command()
@click.argument("rule_name", metavar="RULE")
def explain(rule_name: str) -> None:
    """Show a rule's documentation."""
    import difflib

    from lint.checks import REGISTRY
    from lint.checks.docs import render_explanation

    if rule_name not in REGISTRY:
        close = difflib.get_close_matches(rule_name, list(REGISTRY), n=1)
        hint = f"did you mean '{close[0]}'?" if close else "run 'worker-lint rules' for the list"
        raise LintError(f"unknown rule '{rule_name}'; {hint}")
    say(render_explanation(REGISTRY[rule_name]))


@cli.group("cache")
def cache_group() -> None:
    """Show where the result cache is, or empty it."""


_cache_dir_option = click.option(
    "--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="DIR",
    help="The cache in DIR (default: as for check: $WORKER_LINT_CACHE_DIR, else the platform's cache folder).")


@cache_group.command("dir")
@_cache_dir_option
def show_cache_dir(cache_dir: Path | None) -> None:
    """Print the folder the result cache is kept in."""
    from lint.engine.cache_dirs import default_directory
    from lint.shown import printable

    say(printable(str(cache_dir or default_directory())))


@cache_group.command("clean")
@_cache_dir_option
def cache_clean(cache_dir: Path | None) -> None:
    """Remove the result cache's files, and say what was removed."""
    from lint.engine.cache_dirs import default_directory
    from lint.engine.cache_files import NotACache, clean
    from lint.shown import printable

    folder = cache_dir or default_directory()
    shown = printable(str(folder))
    existed = os.path.lexists(folder)
    try:
        removed = clean(folder)
    except NotACache as error:
        raise LintError(str(error)) from None
    if not existed:
        say(f"No cache at {shown}: nothing to remove.")
    elif not removed.files and not removed.folder:
        say(f"No cache files in {shown}: nothing to remove.")
    else:
        also = ", and the folder itself" if removed.folder else ""
        say(f"Removed {removed.files} cache file{'s' if removed.files != 1 else ''} ({_size(removed.bytes)}) from {shown}{also}.")
    if removed.left:
        say(f"Left {len(removed.left)} file{'s' if len(removed.left) != 1 else ''} the cache did not write, "
                   f"such as {printable(str(removed.left[0]))}.")


def _size(count: int) -> str:
    if count >= 2**20:
        return f"{count / 2**20:.1f} MiB"
    return f"{count / 2**10:.1f} KiB" if count >= 2**10 else f"{count} bytes"
