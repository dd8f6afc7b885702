"""``worker-lint check``: a request made of the options, run, and its outcome mapped to one exit code.

Nothing here imports click: the quick path (``lint/cli/quick.py``) and click's
command (``lint/cli/commands.py``) both parse into the same request and run it here.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from lint.cli.echo import echo
from lint.cli.errors import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, LintError, UsageProblem
from lint.cli.options import option_table

if TYPE_CHECKING:
    from lint.settings import Layer


class CheckRequest(NamedTuple):
    """Everything ``check`` was asked to do, as given on the command line."""

    options: dict[str, Any]  # settings given as options, by key
    paths: tuple[Path, ...] = ()
    session_id: str | None = None
    worker: str | None = None
    format_name: str = "text"
    output_file: Path | None = None
    config_file: Path | None = None
    isolated: bool = False
    fix: bool = False
    diff: bool = False
    exit_zero: bool = False
    log_event: bool = False
    color: bool | None = None
    quiet: bool = False
    statistics: bool = False
    jobs: int | None = None
    no_cache: bool = False
    cache_dir: Path | None = None


class Outcome:
    """What the run gave: the result (its verdict), and whether the run itself had to stop."""

    def __init__(self) -> None:
        self.result: Any = None  # lint.engine.RunResult
        self.changes: int | None = None  # --diff: how many files fixes would change
        self.stopped = False  # a fix could not be written


def exit_code(outcome: Outcome, request: CheckRequest) -> int:
    """The one place a verdict becomes an exit code: 0 passed, 1 failed, 2 could not run."""
    if outcome.stopped:
        return EXIT_USAGE
    if outcome.changes is not None:
        return EXIT_FINDINGS if outcome.changes and not request.exit_zero else EXIT_CLEAN
    if request.exit_zero or outcome.result.passed:
        return EXIT_CLEAN
    return EXIT_FINDINGS


def request_of(values: dict[str, Any]) -> CheckRequest:
    """The request the parsed options make (click's or the quick parser's: the same values);
    raises OptionValueError for a setting's value not in its form."""
    values = dict(values)
    options = option_table(values)
    return CheckRequest(paths=tuple(values.pop("paths")), options=options, **values)


def settle(request: CheckRequest) -> Layer:
    """The settings the options give, unless the request is impossible before anything is done:
    a setting that cannot be parsed, options that cannot be honoured together (UsageProblem)."""
    from lint.settings import ConfigError, option_layer

    try:
        given = option_layer(request.options)
    except ConfigError as error:
        raise UsageProblem(str(error)) from None
    _refuse_combinations(request)
    return given


_HUMAN_FORMATS = ("text", "concise")


def _refuse_combinations(request: CheckRequest) -> None:
    """Options that cannot be honoured together stop the run (exit 2), never print something else."""
    if request.fix and request.diff:
        raise UsageProblem("--fix and --diff cannot be used together: --diff only shows what --fix would do; give one of them")
    if request.diff and request.format_name not in _HUMAN_FORMATS:
        raise UsageProblem(f"--diff prints a unified diff, which --format {request.format_name} cannot hold; "
                               "drop --format (or use text or concise), or run --fix and report in that format")
    if request.statistics and request.format_name not in _HUMAN_FORMATS:
        raise UsageProblem(f"--statistics prints a table of counts, which --format {request.format_name} cannot hold; "
                               "use --format text or concise (the json format counts findings by rule in its findings list)")
    if request.statistics and request.diff:
        raise UsageProblem("--statistics and --diff cannot be used together: give one of them")


def wants_color(stream, environ) -> bool:
    """Colour by the conventions: NO_COLOR (set, not empty) turns it off; FORCE_COLOR (set, not
    empty, not 0 or false) turns it on where the stream is no terminal (a CI log); else a terminal."""
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR", "").strip().lower() not in ("", "0", "false"):
        return True
    return stream is not None and stream.isatty()


def execute(request: CheckRequest) -> Outcome:
    """Run a request: discover, lint (or fix), report, log. Prints; never exits."""
    from lint.api import plan_paths, run
    from lint.cli import output
    from lint.discover import session_folder
    from lint.fspath import logical_cwd
    from lint.model import UsageError

    given = settle(request)
    targets = list(request.paths)
    sessions = []
    try:
        if request.session_id is not None:
            sessions.append(session_folder(request.session_id, logical_cwd()))
        if not targets and not sessions:
            targets = [Path(".")]  # as ruff does: the current folder
        work = plan_paths(targets, given, request.worker, sessions, request.config_file, request.isolated)
    except UsageError as error:
        raise LintError(str(error)) from None
    from lint.shown import printable

    for note in work.warnings:
        echo(f"worker-lint: warning: {printable(note)}", err=True)
    for note in work.skipped if not request.quiet else ():
        echo(f"worker-lint: info: {printable(note)}", err=True)
    report_folder = output.refuse_to_overwrite(request.output_file, work.units)
    color = request.color
    plain_progress = color is False  # --no-color asks for no colour on stderr either
    if request.output_file is not None:
        color = False
    elif color is None:  # the report is rendered into a buffer: decide for the real stream here
        color = wants_color(sys.stdout, os.environ)
    from lint.reporters import ReportOptions, reporter

    report_options = ReportOptions(color=color, quiet=request.quiet)
    outcome = Outcome()
    if request.diff or request.fix:
        from lint.api import policy_of
        from lint.engine import RuleSettings, RunResult
        from lint.fixes import fix_unit

        fixed, parts = [], []
        for settings, units in work.groups:
            rule_settings = RuleSettings.from_settings(settings)
            group = [fix_unit(unit, rule_settings) for unit in units]
            fixed.extend(group)
            parts.append(RunResult([o.result for o in group], policy_of(settings)))
            for unit in parts[-1].units:
                unit.read_limit = settings.max_bytes
        if request.diff:
            outcome.changes = output.show_diff(fixed, report_options)
            return outcome
        outcome.stopped = not output.write_fixes(fixed, request.quiet)
        if outcome.stopped:
            return outcome
        outcome.result = RunResult.joined(parts)
    else:
        from lint.engine import default_jobs

        cache_dir = None if request.no_cache else (request.cache_dir or _default_cache_directory())
        with output.progress(work.units, request.format_name, plain_progress) as advance:
            outcome.result = run(work, request.jobs or default_jobs(), cache_dir, advance)
    buffer = io.StringIO()
    reporter("statistics" if request.statistics else request.format_name)(outcome.result, buffer, report_options)
    output.emit(buffer.getvalue(), request.output_file, report_options, report_folder)

    if not work.units and not work.skipped and not request.quiet:
        echo("worker-lint: every deliverable found is excluded by the configuration", err=True)
    if request.log_event:
        output.log_events(outcome.result)
    from lint.api import unchecked_notes

    for note in unchecked_notes(outcome.result) if not request.quiet else ():
        echo(f"worker-lint: info: {printable(note)}", err=True)
    return outcome


def _default_cache_directory() -> Path:
    """The cache's own modules are imported only by a run that uses it."""
    from lint.engine.cache import default_directory

    return default_directory()
