"""The command line: parse options, wire the parts, map the result to an exit code."""

from __future__ import annotations

import difflib
import io
import os
import sys
from pathlib import Path

import click

from lint import __version__
from lint.checks import REGISTRY
from lint.discover import DiscoveryError, discover, session_folder
from lint.engine import Settings, lint_units
from lint.model import Severity
from lint.packs import PackError, PackRegistry
from lint.reporters import REPORTERS, ReportOptions
from lint.rule_docs import markdown_table, render_explanation, rule_table_rows

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class LintError(click.ClickException):
    """The linter cannot do what was asked: a message and exit code 2."""

    exit_code = EXIT_USAGE

    def show(self, file=None) -> None:
        click.echo(f"worker-lint: error: {self.format_message()}", err=True)


def _rule_names(value: str | None, option: str) -> frozenset[str] | None:
    if value is None:
        return None
    names = frozenset(n.strip() for n in value.split(",") if n.strip())
    for name in names:
        if name not in REGISTRY:
            close = difflib.get_close_matches(name, list(REGISTRY), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else "; run 'worker-lint rules' for the list"
            raise click.BadParameter(f"unknown rule '{name}'{hint}", param_hint=option)
    return names


def _severity(_ctx, _param, value: str) -> Severity:
    return Severity.parse(value)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="worker-lint")
def cli() -> None:
    """Validate the deliverables AI workers hand in: notes and output JSON."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--session", "session_id", metavar="ID", help="Lint this session of the project found upward from the current folder.")
@click.option("--worker", metavar="NAME", help="Lint only this worker's deliverable.")
@click.option("--format", "format_name", type=click.Choice(sorted(REPORTERS)), default="text", show_default=True, help="Output format.")
@click.option("--output", "output_file", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to this file instead of standard output.")
@click.option("--fail-level", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True, callback=_severity, help="Exit 1 when a finding is at or above this severity.")
@click.option("--select", metavar="RULES", help="Comma-separated rules to run (default: all).")
@click.option("--ignore", metavar="RULES", help="Comma-separated rules not to run.")
@click.option("--max-file-size", type=click.IntRange(min=1), default=10, show_default=True, metavar="MIB", help="Largest deliverable file read, in MiB.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: only on a terminal).")
def check(paths, session_id, worker, format_name, output_file, fail_level, select, ignore, max_file_size, color) -> None:
    """Lint deliverables: PATHS are project roots, session folders or deliverable files."""
    selected = _rule_names(select, "--select")
    ignored = _rule_names(ignore, "--ignore") or frozenset()
    targets = list(paths)
    try:
        registry = PackRegistry.bundled()
        if session_id is not None:
            targets.append(session_folder(session_id, Path.cwd()))
        if not targets:
            raise click.UsageError("nothing to lint: give a PATH, or --session ID")
        found = discover(targets, registry, worker)
    except (DiscoveryError, PackError) as error:
        raise LintError(str(error)) from None
    settings = Settings(select=selected, ignore=ignored, max_bytes=max_file_size * 1024 * 1024)
    result = lint_units(found.units, settings, found.skipped)
    options = ReportOptions(fail_level=fail_level, color=False if output_file else color)
    buffer = io.StringIO()
    REPORTERS[format_name](result, buffer, options)
    _emit(buffer.getvalue(), output_file, options)
    sys.exit(EXIT_FINDINGS if result.fails(fail_level) else EXIT_CLEAN)


def _emit(text: str, output_file: Path | None, options: ReportOptions) -> None:
    if output_file is None:
        click.echo(text, nl=False, color=options.color)
        return
    try:
        output_file.write_text(text, encoding="utf-8")
    except OSError as error:
        raise LintError(f"{output_file}: cannot write the report: {error.strerror or error}") from None


@cli.command()
@click.option("--format", "format_name", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def rules(format_name: str) -> None:
    """List every rule: name, default severity, whether it can fix, summary."""
    rows = rule_table_rows()
    if format_name == "markdown":
        click.echo(markdown_table())
        return
    if format_name == "json":
        import json

        click.echo(json.dumps(rows, indent=2))
        return
    width = max(len(r["name"]) for r in rows)
    for row in rows:
        fix = "fix" if row["fixable"] else "   "
        click.echo(f"{row['name'].ljust(width)}  {row['severity'].ljust(7)}  {fix}  {row['summary']}")


@cli.command()
@click.argument("rule_name", metavar="RULE")
def explain(rule_name: str) -> None:
    """Show a rule's documentation."""
    if rule_name not in REGISTRY:
        close = difflib.get_close_matches(rule_name, list(REGISTRY), n=1)
        hint = f" Did you mean '{close[0]}'?" if close else " Run 'worker-lint rules' for the list."
        raise LintError(f"unknown rule '{rule_name}'.{hint}")
    click.echo(render_explanation(REGISTRY[rule_name]))


def main() -> None:
    try:
        cli.main(prog_name="worker-lint", standalone_mode=True)
    except Exception as error:  # a bug, not bad input: say so without a traceback
        if os.environ.get("WORKER_LINT_DEBUG"):
            raise
        click.echo(
            f"worker-lint: internal error: {type(error).__name__}: {error}\n"
            "Set WORKER_LINT_DEBUG=1 to see the traceback, and please report it.",
            err=True,
        )
        sys.exit(EXIT_USAGE)
