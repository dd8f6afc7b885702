"""The command line: parse options, wire the parts, map the result to an exit code."""

from __future__ import annotations

import contextlib
import functools
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from lint import __version__
from lint.reporters import FORMATS

# The rest is imported where a command needs it: `--version` and `--help` stay
# fast, and a clean run never imports what only fixes or other formats use.

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class LintError(click.ClickException):
    """The linter cannot do what was asked: a message and exit code 2."""

    exit_code = EXIT_USAGE

    def show(self, file=None) -> None:
        click.echo(f"worker-lint: error: {self.format_message()}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="worker-lint")
def cli() -> None:
    """Validate the deliverables AI workers hand in: notes and output JSON."""


def _severity_overrides(values: tuple[str, ...]) -> dict:
    table = {}
    for value in values:
        name, sep, level = value.partition("=")
        if not sep:
            raise click.BadParameter(f"'{value}' is not RULE=LEVEL; write it as, for example, '{value.strip() or 'absolute-path'}=warning'", param_hint="'--severity'")
        table[name.strip()] = level.strip()
    return table


def _per_file_ignores(values: tuple[str, ...]) -> dict:
    table = {}
    for value in values:
        glob, sep, names = value.rpartition("=")
        if not sep or not glob:
            example = f"{value}=absolute-path" if not sep else f"*.md={names.strip() or 'absolute-path'}"
            raise click.BadParameter(
                f"'{value}' is not GLOB=RULE[,RULE...]; write it as, for example, '{example}'",
                param_hint="'--per-file-ignores'",
            )
        table[glob] = [n.strip() for n in names.split(",") if n.strip()]
    return table


class _RuleNames(Sequence):
    """The rules' names, loaded only when a setting names a rule: a run answered
    from the cache does not import the rules just to check names it never sees."""

    @functools.cached_property
    def _names(self) -> list[str]:
        from lint.checks import REGISTRY

        return sorted(REGISTRY)

    def __getitem__(self, index):
        return self._names[index]

    def __len__(self) -> int:
        return len(self._names)


def _command_line_config(select, ignore, severity, per_file_ignores, fail_level, fail_under, exclude, max_file_size, packs=(), ignore_suppressions=False,
                         max_json_depth=None, max_markdown_depth=None, follow_symlinks=False):
    from lint.settings.files import ConfigError, parse_settings

    table: dict = {}
    if select is not None:
        table["select"] = [n.strip() for n in select.split(",") if n.strip()]
    if ignore is not None:
        table["ignore"] = [n.strip() for n in ignore.split(",") if n.strip()]
    if severity:
        table["severity"] = _severity_overrides(severity)
    if per_file_ignores:
        table["per-file-ignores"] = _per_file_ignores(per_file_ignores)
    if fail_level is not None:
        table["fail-level"] = fail_level
    if fail_under is not None:
        table["fail-under"] = fail_under
    if exclude:
        table["exclude"] = list(exclude)
    if max_file_size is not None:
        table["max-file-size"] = max_file_size
    if packs:
        table["packs"] = [str(p) for p in packs]
    if ignore_suppressions:
        table["ignore-suppressions"] = True
    if max_json_depth is not None:
        table["max-json-depth"] = max_json_depth
    if max_markdown_depth is not None:
        table["max-markdown-depth"] = max_markdown_depth
    if follow_symlinks:
        table["follow-symlinks"] = True
    try:
        return parse_settings(table, None, "--", _RuleNames())
    except ConfigError as error:
        raise click.UsageError(str(error)) from None


def _file_config(config_file: Path | None, isolated: bool, anchor: Path):
    from lint.settings.files import find_config, load_config

    if isolated:
        return None
    path = config_file if config_file is not None else find_config(anchor)
    if path is None:
        return None
    if not path.is_file():
        raise LintError(f"{path}: no such configuration file; check the path given to --config")
    return load_config(path, _RuleNames())


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--session", "session_id", metavar="ID", help="Lint this session of the project found upward from the current folder.")
@click.option("--worker", metavar="NAME", help="Lint only this worker's deliverable.")
@click.option("--pack", "packs", multiple=True, type=click.Path(dir_okay=False, path_type=Path), metavar="PATH", help="Use this rule pack too (a worker of your own, or a replacement). Repeatable.")
@click.option("--format", "format_name", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format.")
@click.option("--output", "output_file", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to this file instead of standard output.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), help="Use this configuration file instead of searching for one.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--fail-level", type=click.Choice(["error", "warning", "info"]), default=None, help="Exit 1 when a finding is at or above this severity (default: error).")
@click.option("--fail-under", type=click.FloatRange(0, 10), default=None, metavar="SCORE", help="Exit 1 when a deliverable scores below SCORE (0-10).")
@click.option("--select", metavar="RULES", help="Comma-separated rules to run (default: all).")
@click.option("--ignore", metavar="RULES", help="Comma-separated rules not to run.")
@click.option("--severity", multiple=True, metavar="RULE=LEVEL", help="Report RULE at LEVEL (error, warning, info). Repeatable.")
@click.option("--per-file-ignores", multiple=True, metavar="GLOB=RULES", help="Ignore RULES in files matching GLOB (GLOB#/pointer for part of a JSON file). Repeatable.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip deliverables whose files match GLOB. Repeatable.")
@click.option("--max-file-size", type=click.IntRange(min=1), default=None, metavar="MIB", help="Largest deliverable file read, in MiB (default: 10).")
@click.option("--max-json-depth", type=click.IntRange(min=1), default=None, metavar="LEVELS", help="Deepest nesting of objects and arrays read in the output JSON (default: 128, at most 500).")
@click.option("--max-markdown-depth", type=click.IntRange(min=1), default=None, metavar="LEVELS", help="Deepest nesting of lists and block quotes read in the notes (default: 20, at most 100).")
@click.option("--follow-symlinks", is_flag=True, help="Read deliverables reached through symbolic links that lead out of the folder being linted.")
@click.option("--templates", "template_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), metavar="DIR", help="The workers' templates, to report values left unchanged (default: the harness's own, when found).")
@click.option("--ignore-suppressions", is_flag=True, help="Report findings that suppression comments in the notes would hide.")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place, then report what is left.")
@click.option("--diff", is_flag=True, help="Print the changes --fix would make; write nothing. Exit 1 when there are any.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are reported (2 still means the linter could not run).")
@click.option("--log-event", is_flag=True, help="Append an outputs_validated event to each session's EVENTS.jsonl.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: only on a terminal).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N", help="Lint in N processes when there are many deliverables (default: the number of CPUs; 1 runs serially).")
@click.option("--no-cache", is_flag=True, help="Lint every deliverable afresh, and store nothing in the cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="DIR", help="Keep the result cache in DIR (default: $WORKER_LINT_CACHE_DIR, else ~/.cache/worker-lint).")
def check(paths, session_id, worker, packs, format_name, output_file, config_file, isolated, fail_level, fail_under, select, ignore, severity,
          per_file_ignores, exclude, max_file_size, max_json_depth, max_markdown_depth, follow_symlinks, template_dir, ignore_suppressions, fix, diff,
          exit_zero, log_event, color, jobs, no_cache, cache_dir) -> None:
    """Lint deliverables: PATHS are project roots, session folders or deliverable files."""
    from lint.settings.files import ConfigError, merge
    from lint.discover import DiscoveryError, discover, session_folder
    from lint.engine import RunResult, Settings, default_jobs, lint_units
    from lint.model import Severity
    from lint.packs import PackError, PackRegistry
    from lint.reporters import ReportOptions, reporter

    cli_config = _command_line_config(select, ignore, severity, per_file_ignores, fail_level, fail_under, exclude, max_file_size, packs, ignore_suppressions,
                                      max_json_depth, max_markdown_depth, follow_symlinks)
    targets = list(paths)
    try:
        if session_id is not None:
            targets.append(session_folder(session_id, Path.cwd()))
        if not targets:
            raise click.UsageError("nothing to lint: give a PATH, or --session ID")
        config = merge(_file_config(config_file, isolated, targets[0]), cli_config)
        registry = PackRegistry.bundled(list(config.packs))
        found = discover(targets, registry, worker, follow_symlinks=config.follow_symlinks)
    except (DiscoveryError, PackError, ConfigError) as error:
        raise LintError(str(error)) from None
    for note in found.notes:
        click.echo(f"worker-lint: warning: {note}", err=True)
    units = [u for u in found.units if not (config.excluded(u.notes_path) or config.excluded(u.output_path))]
    level = config.fail_level or Severity.ERROR
    settings = Settings(
        select=config.select,
        ignore=config.ignore,
        severities=config.severity,
        per_file_ignores=config.per_file_ignores,
        max_bytes=(config.max_file_size or 10) * 1024 * 1024,
        **({"max_json_depth": config.max_json_depth} if config.max_json_depth else {}),
        **({"max_markdown_depth": config.max_markdown_depth} if config.max_markdown_depth else {}),
        honour_suppressions=not config.ignore_suppressions,
        template_dir=template_dir,
    )
    _refuse_to_overwrite(output_file, units)
    plain_progress = color is False  # --no-color asks for no colour on stderr either
    if output_file is not None:
        color = False
    elif color is None:  # the report is rendered into a buffer: decide for the real stream here
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    options = ReportOptions(fail_level=level, color=color)
    if fix and diff:
        raise click.UsageError("--fix and --diff cannot be used together: --diff only shows what --fix would do; give one of them")
    if fix or diff:
        from lint.fixes import fix_unit
    if diff:
        _show_diff([fix_unit(unit, settings) for unit in units], options)
    if fix:
        outcomes = [fix_unit(unit, settings) for unit in units]
        _write_fixes(outcomes)
        result = RunResult([o.result for o in outcomes])
    else:
        with _progress(units, format_name, plain_progress) as advance:
            result = lint_units(units, settings, jobs or default_jobs(), advance, None if no_cache else _cache(cache_dir, settings))
    buffer = io.StringIO()
    reporter(format_name)(result, buffer, options)
    _emit(buffer.getvalue(), output_file, options)
    if not units:
        click.echo("worker-lint: every deliverable found is excluded by the configuration", err=True)
    if log_event:
        _log_events(result, level)
    below = config.fail_under is not None and any(u.score < config.fail_under for u in result.units)
    sys.exit(EXIT_CLEAN if exit_zero or not (result.fails(level) or below) else EXIT_FINDINGS)


def _cache(directory: Path | None, settings):
    from lint.engine.cache import ResultCache, default_directory

    return ResultCache(directory or default_directory(), settings)


# A progress bar for runs over this many files, on a terminal, for the human formats.
PROGRESS_MIN_FILES = 300


@contextlib.contextmanager
def _progress(units, format_name: str, plain: bool):
    """Yield an ``advance(n)`` callback: a rich progress bar on stderr, or nothing.

    Only a person watching a terminal gets one: never for a machine format,
    never when stderr is a file or a pipe, so logs and reports stay clean.
    """
    files = 2 * len(units)
    if files <= PROGRESS_MIN_FILES or format_name not in ("text", "concise") or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("linting"), BarColumn(), MofNCompleteColumn(), TextColumn("deliverables"), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True, no_color=plain or None), transient=True) as progress:
        task = progress.add_task("lint", total=len(units))
        yield lambda count: progress.advance(task, count)


def _refuse_to_overwrite(output_file: Path | None, units) -> None:
    """The report must never land on a file being checked or on a session's event log."""
    from lint.fspath import safe_resolve

    if output_file is None:
        return
    target = safe_resolve(output_file)
    protected = set()
    for unit in units:
        protected.update({safe_resolve(unit.notes_path), safe_resolve(unit.output_path)})
        if unit.session_dir is not None:
            protected.add(safe_resolve(unit.session_dir / "EVENTS.jsonl"))
    if target in protected:
        raise LintError(f"{output_file}: --output names a file that worker-lint checks or logs to; choose another file")


def _show_diff(outcomes, options) -> None:
    """Print what --fix would change and exit: 1 when there is a change, 0 when none."""
    from lint.fixes import unified_diff

    changes = [(path, before, after) for o in outcomes for path, (before, after) in o.changed.items()]
    for path, before, after in changes:
        click.echo(unified_diff(path, before, after, options.show(path)), nl=False)
    fixes = sum(o.applied for o in outcomes)
    click.echo(f"worker-lint: {fixes} fix(es) would change {len(changes)} file(s)" if changes else "worker-lint: no fixes to apply", err=True)
    sys.exit(EXIT_FINDINGS if changes else EXIT_CLEAN)


def _write_fixes(outcomes) -> None:
    """Write each fixed file; one that cannot be written is left exactly as it was.

    Every file that can be written is; each one that cannot is named with the
    reason and what to do, and the run then stops with exit code 2.
    """
    from lint.fixes import WriteRefused, write_atomically

    written, failures = 0, []
    for outcome in outcomes:
        for path, (before, after) in outcome.changed.items():
            try:
                write_atomically(path, after, expected=before)
            except WriteRefused as refusal:
                failures.append(f"{path}: not fixed: {refusal.reason}; the file is unchanged. To fix it, {refusal.advice}")
            except OSError as error:
                failures.append(f"{path}: not fixed: cannot write it: {error.strerror or error}; the file is unchanged. "
                                "To fix it, free the disk space or permission it needs and run --fix again, or make the changes --diff shows by hand")
            else:
                written += 1
    fixes = sum(o.applied for o in outcomes)
    if fixes and not failures:
        click.echo(f"worker-lint: applied {fixes} fix(es) to {written} file(s)", err=True)
    elif written:
        click.echo(f"worker-lint: fixed {written} file(s); {len(failures)} could not be fixed", err=True)
    for failure in failures:
        click.echo(f"worker-lint: error: {failure}", err=True)
    if failures:
        sys.exit(EXIT_USAGE)


def _log_events(result, level) -> None:
    from lint.events import append_event, event_for

    for unit in result.units:
        if unit.unit.session_dir is None:
            click.echo(f"worker-lint: no event logged for {unit.unit.notes_path}: it is not in a session folder", err=True)
            continue
        if unit.unit.leaves_root(unit.unit.session_dir):
            click.echo(f"worker-lint: no event logged for {unit.unit.notes_path}: its session folder is a link out of "
                       f"{unit.unit.root} (--follow-symlinks logs there)", err=True)
            continue
        try:
            append_event(unit.unit.session_dir, event_for(unit, level))
        except OSError as error:
            raise LintError(
                f"{unit.unit.session_dir / 'EVENTS.jsonl'}: cannot append the event: {error.strerror or error}; "
                "make it a regular file the linter can write, or run without --log-event"
            ) from None


def _emit(text: str, output_file: Path | None, options) -> None:
    # Paths from the file system may hold undecodable bytes (surrogate escapes).
    text = text.encode("utf-8", errors="backslashreplace").decode("utf-8")
    if output_file is None:
        click.echo(text, nl=False, color=options.color)
        return
    try:
        output_file.write_text(text, encoding="utf-8")
    except OSError as error:
        raise LintError(f"{output_file}: cannot write the report: {error.strerror or error}; give --output a file in a folder that exists and is writable") from None


@cli.command()
@click.option("--format", "format_name", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def rules(format_name: str) -> None:
    """List every rule: name, default severity, whether it can fix, summary."""
    from lint.checks.docs import markdown_table, rule_table_rows

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


@cli.command("packs")
@click.option("--pack", "packs", multiple=True, type=click.Path(dir_okay=False, path_type=Path), metavar="PATH", help="Include this pack too.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), help="Read packs = [...] from this configuration file.")
@click.option("--format", "format_name", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_packs(packs, config_file, format_name: str) -> None:
    """List the known workers and where each one's pack comes from."""
    from lint.settings.files import ConfigError, merge
    from lint.packs import PackError, PackRegistry

    try:
        config = merge(_file_config(config_file, False, Path.cwd()), _command_line_config(None, None, (), (), None, None, (), None, packs))
        registry = PackRegistry.bundled(list(config.packs))
    except (PackError, ConfigError) as error:
        raise LintError(str(error)) from None
    rows = [
        {"worker": p.worker, "source": str(p.source), "bundled": registry.is_bundled(p), "notes_file": p.notes_file,
         "output_file": p.output_file, "description": p.description}
        for p in registry.all()
    ]
    if format_name == "json":
        import json

        click.echo(json.dumps(rows, indent=2))
        return
    width = max(len(r["worker"]) for r in rows)
    for row in rows:
        origin = "bundled" if row["bundled"] else row["source"]
        click.echo(f"{row['worker'].ljust(width)}  {row['notes_file']} + {row['output_file']}  ({origin})")


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
