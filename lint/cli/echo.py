"""A line to standard output or standard error, written as ``click.echo`` writes it, without click.

``worker-lint check`` runs without importing click when its command line is a
plain one (``lint/cli/quick.py``), and every command prints through here. On the
streams a terminal, a pipe or a file gives (text streams with a real encoding)
the message is written and flushed, with colour codes taken out where
``click.echo`` takes them out. Any other stream (no encoding, ASCII, a Windows
console, a notebook) is handed to ``click.echo`` itself, which knows how to mend it.
"""

from __future__ import annotations

import codecs
import io
import sys

from lint.patterns import lazy_pattern

_ANSI = lazy_pattern(r"\033\[[0-?]*[ -/]*[@-~]")  # the codes click.echo strips (click 8.5)


def echo(message: str = "", *, err: bool = False, nl: bool = True, color: bool | None = None) -> None:
    """Write ``message`` (and a line end) to standard output, or standard error with ``err``.

    ``color`` True keeps colour codes, False takes them out, None keeps them on a terminal only.
    """
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    if not _plain_text_stream(stream):
        import click

        click.echo(message, err=err, nl=nl, color=color)
        return
    out = message + "\n" if nl else message
    if not out:
        stream.flush()
        return
    if "\033" in out and (not color if color is not None else not _isatty(stream)):
        out = _ANSI.sub("", out)
    stream.write(out)
    stream.flush()


def _plain_text_stream(stream: object) -> bool:
    """A stream click would write to as it is: text, with an encoding other than ASCII and an
    error handler, off Windows (whose console click wraps)."""
    if sys.platform == "win32" or not isinstance(stream, io.TextIOWrapper) or getattr(stream, "errors", None) is None:
        return False
    encoding = getattr(stream, "encoding", None)
    if not encoding:
        return False
    try:
        return codecs.lookup(encoding).name != "ascii"
    except LookupError:
        return False


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except Exception:  # a closed stream, or one that cannot say: as click does, not a terminal
        return False
