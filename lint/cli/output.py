"""What ``check`` writes: the report, progress, diffs, fixed files and events."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path

from lint.cli.echo import echo
from lint.cli.errors import LintError
from lint.fspath import FolderId
from lint.shown import printable


# A progress bar for runs over this many files, on a terminal, for the human formats.
PROGRESS_MIN_FILES = 300


@contextlib.contextmanager
def progress(units, format_name: str, plain: bool):
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


def refuse_to_overwrite(output_file: Path | None, units) -> FolderId | None:
    """The report must never land on a file being checked or on a session's event log, nor
    reach its folder through a symbolic link in the folders being linted (the workers could
    point it anywhere). Returns the identity of the folder it goes to, for :func:`emit`."""
    from lint.fspath import absolute, folder_identity, safe_resolve

    if output_file is None:
        return None
    target = safe_resolve(output_file)
    protected: set[Path] = set()
    for unit in units:
        protected.update({safe_resolve(unit.notes_path), safe_resolve(unit.output_path)})
        if unit.session_dir is not None:
            protected.add(safe_resolve(unit.session_dir / "EVENTS.jsonl"))
    identities = {_identity(path) for path in protected} - {None}
    if target in protected or (_identity(output_file) in identities):  # the same file under another name
        raise LintError(f"{output_file}: --output names a file that worker-lint checks or logs to; choose another file")
    trees = {unit.root for unit in units if unit.root is not None}
    for unit in units:  # with --follow-symlinks too: links are followed for reading, never for writing
        if unit.session_dir is not None:
            named = absolute(unit.session_dir)
            trees.add(safe_resolve(named))
            if named.parent.name == "sessions" and named.parent.parent.name == "hive-mind" and named.parents[2].name == "Docs":
                trees.add(safe_resolve(named.parents[3]))
    named = absolute(output_file)
    for folder in named.parents:
        if folder.is_symlink() and any(safe_resolve(folder.parent).is_relative_to(tree) for tree in trees):
            raise LintError(f"{output_file}: --output leads through {folder}, a symbolic link in the folder being linted, "
                            "which the workers could point anywhere; write the report to a folder outside it, or to a real folder")
    return folder_identity(named.parent, None)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def show_diff(outcomes, options) -> int:
    """Print what --fix would change; return how many files it would change."""
    from lint.fixes import unified_diff

    changes = [(path, before, after) for o in outcomes for path, (before, after) in o.changed.items()]
    for path, before, after in changes:
        echo(unified_diff(path, before, after, options.show(path)), nl=False)
    fixes = sum(o.applied for o in outcomes)
    if not options.quiet:
        echo(f"worker-lint: {fixes} fix(es) would change {len(changes)} file(s)" if changes else "worker-lint: no fixes to apply", err=True)
    return len(changes)


def write_fixes(outcomes, quiet: bool = False) -> bool:
    """Write each fixed file; one that cannot be written is left exactly as it was.

    Every file that can be written is; each one that cannot is named with the
    reason and what to do, and False is returned (the run stops with exit code 2).
    """
    from lint.fixes import WriteRefused, write_atomically

    written, failures = 0, []
    for outcome in outcomes:
        for path, (before, after) in outcome.changed.items():
            try:
                write_atomically(path, after, expected=before, folder=outcome.folders.get(path))
            except WriteRefused as refusal:
                failures.append(f"{path}: not fixed: {refusal.reason}; the file is unchanged. To fix it, {refusal.advice}")
            except OSError as error:
                failures.append(f"{path}: not fixed: cannot write it: {error.strerror or error}; the file is unchanged. "
                                "To fix it, free the disk space or permission it needs and run --fix again, or make the changes --diff shows by hand")
            else:
                written += 1
    fixes = sum(o.applied for o in outcomes)
    if fixes and not failures:
        if not quiet:
            echo(f"worker-lint: applied {fixes} fix(es) to {written} file(s)", err=True)
    elif written:
        echo(f"worker-lint: fixed {written} file(s); {len(failures)} could not be fixed", err=True)
    for failure in failures:
        echo(f"worker-lint: error: {printable(failure)}", err=True)
    return not failures


def log_events(result) -> None:
    from lint.events import LogUnwritable, NotLogged, log_event

    for unit in result.units:
        try:
            log_event(unit)
        except LogUnwritable as error:
            raise LintError(str(error)) from None
        except NotLogged as reason:
            echo(f"worker-lint: {printable(str(reason))}", err=True)


def emit(text: str, output_file: Path | None, options, folder: FolderId | None = None) -> None:
    from lint.fspath import absolute
    from lint.shown import unsurrogate

    text = unsurrogate(text)  # names from the file system may hold bytes that are not UTF-8
    if output_file is None:
        if sys.stdout is None:
            raise LintError("standard output is closed, so the report has nowhere to go; give --output a file, or run with standard output open")
        try:
            echo(text, nl=False, color=options.color)
            sys.stdout.flush()
        except OSError as error:
            raise LintError(f"cannot write the report to standard output: {error.strerror or error}; "
                            "free the space or fix the pipe it goes to, or give --output a file") from None
        return
    try:
        _write_report(absolute(output_file), text.encode("utf-8"), folder)  # the folder as named, as its identity was taken
    except OSError as error:
        if error.errno == errno.ESTALE:
            raise LintError(f"{output_file}: the report was not written: its folder was replaced (by a link, or another folder) "
                            "during the run; write the report to a folder the workers cannot change") from None
        raise LintError(f"{output_file}: cannot write the report: {error.strerror or error}; give --output a file in a folder that exists and is writable") from None


def _write_report(path: Path, data: bytes, folder: FolderId | None = None) -> None:
    """Write the report without following a link at ``path``, and never into a file that has
    other names (a hard link planted where the report goes could lead anywhere); with ``folder``,
    only into that very folder (taken before the run)."""
    from lint.fspath import open_same_folder, open_to_write

    directory = open_same_folder(path.parent, folder) if folder is not None else None
    try:
        fd = open_to_write(path, folder=directory)
        try:
            os.ftruncate(fd, 0)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
    finally:
        if directory is not None:
            os.close(directory)
