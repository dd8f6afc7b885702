"""Names from the file system, written so that every output stays valid UTF-8.

A file or folder name may hold bytes that are not UTF-8; Python carries them
as lone surrogates, which no UTF-8 writer accepts and which would make a JSON
report invalid. Every format shows such a byte as ``\\xNN`` (the byte's value),
and any other lone surrogate as ``\\uXXXX``: readable, and the same in all.
"""

from __future__ import annotations

import re
from typing import Any

from lint.patterns import lazy_pattern

_SURROGATE = re.compile("[\ud800-\udfff]")
# What a terminal or a line-based reader acts on: C0 and C1 controls (ESC, BEL, CR, LF;
# NEL), DEL, and the Unicode line and paragraph separators. A tab is left as it is.
_CONTROL = lazy_pattern("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """One line of text with every control character shown (``\\x1b``, ``\\n``), never acted on."""
    text = unsurrogate(text)
    return _CONTROL.sub(_show_control, text) if _CONTROL.search(text) else text


def _show_control(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return {10: "\\n", 13: "\\r"}.get(code, f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def unsurrogate(text: str) -> str:
    """``text`` with each byte that was not UTF-8 written as ``\\xNN``."""
    return _SURROGATE.sub(_escape, text) if _SURROGATE.search(text) else text


# What json.dumps leaves raw but a terminal or a log viewer may take for a line break or a
# command: C1 controls (U+0085 among them) and the Unicode line and paragraph separators.
_RAW_IN_JSON = lazy_pattern("[\x7f-\x9f\u2028\u2029]")


def dumps(value: Any, **options: Any) -> str:
    """``json.dumps`` (UTF-8, not ASCII) whose result is valid UTF-8 whatever names ``value`` holds,
    with every control character escaped (``\\u0085``): the same value, on one line of the log."""
    import json

    text = json.dumps(value, ensure_ascii=False, **options)
    if _SURROGATE.search(text):
        text = json.dumps(clean_tree(value), ensure_ascii=False, **options)
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _RAW_IN_JSON.search(text) else text


def clean_tree(value: Any) -> Any:
    """A JSON-ready value with every string (keys too) passed through :func:`unsurrogate`."""
    if isinstance(value, str):
        return unsurrogate(value)
    if isinstance(value, dict):
        return {clean_tree(k): clean_tree(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_tree(v) for v in value]
    return value
