"""The command line: click commands only; each parses, calls the API, prints, and exits once."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from lint import __version__
from lint.cli.check import check
from lint.cli.errors import EXIT_USAGE, LintError, say, tell

# The rest is imported where a command needs it: `--version` and `--help` stay
# fast, and a clean run never imports what only fixes or other formats use.


def _print_version(context: click.Context, _option: click.Parameter, value: bool) -> None:
    if value and not context.resilient_parsing:
        say(f"worker-lint, version {__version__}")  # a closed standard output is a stop, as for every answer
        context.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version, help="Show the version and exit.")
def cli() -> None:
    """Validate the deliverables AI workers hand in: notes and output JSON."""


cli.add_command(check)


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


def main() -> None:
    try:
        cli.main(prog_name="worker-lint", standalone_mode=True)
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
