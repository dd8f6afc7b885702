"""Read a deliverable file safely: a file that cannot be loaded is a finding.

Reading is bounded (a size limit, strict UTF-8, nesting limits for the JSON
and for the notes' lists and quotes) so that hostile or broken input gives a
clear message instead of a traceback or a stalled run. Going over a limit is a
``file-unreadable`` finding whose hint names the option and the configuration
key that raise it.

Each problem names the rule that reports it; the names come from the rule
modules, which are small, so the loaders do not load the rule catalogue.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import NamedTuple

from lint.checks.file_empty import NAME as FILE_EMPTY
from lint.fspath import READ_FLAGS, opened_inside
from lint.checks.file_unreadable import NAME as FILE_UNREADABLE
from lint.checks.json_syntax import NAME as JSON_SYNTAX
from lint.documents.jsondoc import MAX_DEPTH as MAX_JSON_DEPTH
from lint.documents.jsondoc import JsonDocument, JsonTooDeep, StrictJSONError, parse_json
from lint.documents.lines import LineIndex
from lint.documents.markdown import MarkdownDocument, parse_markdown
from lint.documents.nesting import MAX_DEPTH as MAX_MARKDOWN_DEPTH
from lint.documents.nesting import MarkdownTooDeep

from lint.settings.limits import DEFAULT_MAX_BYTES


class LoadProblem(NamedTuple):
    """Why a file could not be loaded: the rule it belongs to and where."""

    rule: str
    message: str
    hint: str
    line: int = 1
    column: int = 1


class Missing:
    """The file is not there at all."""


def _read_bytes(path: Path, max_bytes: int, root: Path | None = None) -> bytes | LoadProblem | Missing:
    """The file's bytes, bounded and never blocking. With ``root``, the file actually opened
    must lie in it: a link swapped in after any earlier check is caught at the open itself."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            return LoadProblem(FILE_UNREADABLE, "a link to a file that does not exist", "point the link at the deliverable, or replace it with the file")
        return Missing()
    except RuntimeError:  # a loop of symbolic links
        return LoadProblem(FILE_UNREADABLE, "a loop of symbolic links", "replace the link with the deliverable file")
    except OSError as error:
        if error.errno == errno.ELOOP:
            return LoadProblem(FILE_UNREADABLE, "a loop of symbolic links", "replace the link with the deliverable file")
        return LoadProblem(FILE_UNREADABLE, f"cannot read the file: {error.strerror}", "check the file's permissions")
    if stat.S_ISDIR(info.st_mode):
        return LoadProblem(
            FILE_UNREADABLE,
            "a folder stands where the deliverable file belongs",
            "replace the folder with the worker's file",
        )
    if not stat.S_ISREG(info.st_mode):
        return LoadProblem(FILE_UNREADABLE, "not a regular file", "replace it with the worker's file")
    if info.st_size > max_bytes:
        return LoadProblem(
            FILE_UNREADABLE,
            f"the file is {info.st_size / 1048576:.1f} MiB, over the {max_bytes / 1048576:.0f} MiB "
            "limit for a deliverable",
            "a worker's deliverable is a report, not a data dump: cut it down, or raise --max-file-size "
            "(max-file-size in the configuration)",
        )
    try:
        # Non-blocking, then checked again on what was opened: a file swapped for a pipe
        # between the stat above and the open never makes the read wait.
        fd = os.open(path, READ_FLAGS)
        try:
            opened = os.fstat(fd)
            if not stat.S_ISREG(opened.st_mode):
                return LoadProblem(FILE_UNREADABLE, "not a regular file", "replace it with the worker's file")
            if root is not None and not opened_inside(fd, root):
                return link_out_of_root(path, root)
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(min(opened.st_size, max_bytes) + 1)
                if len(data) > opened.st_size:  # grew while being read
                    data += handle.read(max_bytes + 1 - len(data))
        finally:
            os.close(fd)
    except PermissionError:
        return LoadProblem(FILE_UNREADABLE, "permission denied", "make the file readable by the linter")
    except OSError as error:
        return LoadProblem(FILE_UNREADABLE, f"cannot read the file: {error.strerror or error}", "check that it is a readable file on a working disk")
    if len(data) > max_bytes:
        return LoadProblem(
            FILE_UNREADABLE,
            f"the file is over the {max_bytes / 1048576:.0f} MiB limit for a deliverable",
            "cut it down, or raise --max-file-size (max-file-size in the configuration)",
        )
    return data


def link_out_of_root(path: Path, root: Path) -> LoadProblem:
    """A deliverable reached through a symbolic link that leads out of the folder being linted: not read."""
    from lint.fspath import safe_resolve

    return LoadProblem(
        FILE_UNREADABLE,
        f"a symbolic link leads out of {root}, to {safe_resolve(path)}; the file is not read",
        "put the file itself in the session, or pass --follow-symlinks (follow-symlinks in the configuration) to read it",
    )


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and character column of a byte offset; a leading BOM is not a column.

    Lines end at LF, CRLF or a lone CR, as everywhere else (:class:`LineIndex`).
    """
    before = data[:offset].decode("utf-8", errors="replace")
    if before.startswith("\ufeff"):
        before = before[1:]
    return LineIndex(before).position(len(before))


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32, by byte-order mark or by the NUL bytes of ASCII text."""
    for bom, name in ((b"\x00\x00\xfe\xff", "UTF-32"), (b"\xff\xfe\x00\x00", "UTF-32"), (b"\xfe\xff", "UTF-16"), (b"\xff\xfe", "UTF-16")):
        if data.startswith(bom):
            return name
    head = data[:200]
    if len(head) >= 8:
        if head[1::2].count(0) >= len(head) // 2 * 0.9 or head[0::2].count(0) >= len(head) // 2 * 0.9:
            return "UTF-16"
    return None


def _decode(data: bytes, syntax_rule: str) -> str | LoadProblem:
    if not data:
        return LoadProblem(FILE_EMPTY, "the file is empty", "the worker must fill in the deliverable")
    if not data.strip():
        return LoadProblem(FILE_EMPTY, "the file holds only white space", "the worker must fill in the deliverable")
    encoding = _wide_encoding(data)
    if encoding:
        return LoadProblem(
            FILE_UNREADABLE,
            f"the file is encoded as {encoding}, not UTF-8",
            "save the file as UTF-8",
        )
    nul = data.find(b"\x00")
    if nul != -1:
        line, column = _byte_position(data, nul)
        return LoadProblem(
            FILE_UNREADABLE,
            "this is a binary file, not text (a NUL byte)",
            "replace it with the worker's UTF-8 text file",
            line,
            column,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        start = error.start
        line, column = _byte_position(data, start)
        return LoadProblem(
            syntax_rule,
            f"invalid UTF-8: byte 0x{data[start]:02x} cannot be decoded",
            "save the file as UTF-8",
            line,
            column,
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        return LoadProblem(FILE_EMPTY, "the file holds only white space", "the worker must fill in the deliverable")
    return text


def _read_text(path: Path, max_bytes: int, encoding_rule: str, data: bytes | None = None) -> str | LoadProblem | Missing:
    raw = data if data is not None else _read_bytes(path, max_bytes)
    return _decode(raw, encoding_rule) if isinstance(raw, bytes) else raw


def load_output(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, data: bytes | None = None,
                max_depth: int = MAX_JSON_DEPTH) -> JsonDocument | LoadProblem | Missing:
    text = _read_text(path, max_bytes, JSON_SYNTAX, data)
    if not isinstance(text, str):
        return text
    try:
        return parse_json(text, max_depth)
    except JsonTooDeep as error:
        line, column = (1, 1) if error.offset is None else LineIndex(text).position(error.offset)
        return LoadProblem(
            FILE_UNREADABLE,
            error.message,
            "a report needs no such depth: flatten the structure, or raise --max-json-depth "
            "(max-json-depth in the configuration)",
            line,
            column,
        )
    except StrictJSONError as error:
        line, column = (1, 1) if error.offset is None else LineIndex(text).position(error.offset)
        return LoadProblem(JSON_SYNTAX, error.message, _SYNTAX_HINT, line, column)


_SYNTAX_HINT = "write strict JSON (RFC 8259): double-quoted strings, no comments, no trailing commas"


def load_notes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, data: bytes | None = None,
               max_depth: int = MAX_MARKDOWN_DEPTH) -> MarkdownDocument | LoadProblem | Missing:
    text = _read_text(path, max_bytes, FILE_UNREADABLE, data)
    if not isinstance(text, str):
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        return parse_markdown(text, max_depth)
    except MarkdownTooDeep as error:
        return LoadProblem(
            FILE_UNREADABLE,
            error.message,
            "a report needs no such depth: flatten the lists and quotes, or raise --max-markdown-depth "
            "(max-markdown-depth in the configuration)",
            error.line,
        )
    except RecursionError:  # the limits keep the parser well within Python's recursion: never expected
        return LoadProblem(FILE_UNREADABLE, "the notes are nested too deeply for the Markdown reader",
                           "flatten the lists and quotes, or lower --max-markdown-depth")

