"""Strict JSON with positions found on demand.

Python's ``json`` is fast but lax (``NaN``, last duplicate wins) and reports no
positions for values. So parsing uses ``json`` with hooks that reject what strict
JSON forbids, and a small tokenizer maps JSON pointers to lines and columns only
when a finding needs one, so a clean file pays nothing for it.
"""

from __future__ import annotations

import json
import re
from functools import cached_property
from typing import Any, NamedTuple

from lint.documents.lines import LineIndex
from lint.patterns import lazy_pattern
from lint.records import FrozenRecord
from lint.settings.limits import JSON_DEPTH_CEILING as DEPTH_CEILING  # noqa: F401  (re-exported)
from lint.settings.limits import MAX_JSON_DEPTH as MAX_DEPTH

_TOKEN = lazy_pattern(r'[ \t\r\n]*(?:("(?:[^"\\]|\\.)*")|([{}\[\],:])|([^ \t\r\n{}\[\],:"]+))', re.S)
_CONSTANTS = {"NaN", "Infinity", "-Infinity"}


class StrictJSONError(ValueError):
    """A strict-JSON violation, with the offset it starts at when known."""

    def __init__(self, message: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


class JsonTooDeep(StrictJSONError):
    """Valid JSON, nested deeper than the limit: the reader stops at ``limit``."""

    def __init__(self, limit: int, offset: int | None) -> None:
        super().__init__(f"the JSON is nested deeper than the limit of {limit} levels", offset)
        self.limit = limit


class Member(NamedTuple):
    """Where a value sits: its key (for object members) and the value's extent."""

    key_offset: int | None
    value_offset: int
    end_offset: int


class DuplicateKey(NamedTuple):
    pointer: str
    key: str
    offset: int
    first_offset: int


def escape_pointer_token(token: str | int) -> str:
    text = str(token)
    return text.replace("~", "~0").replace("/", "~1") if ("~" in text or "/" in text) else text


def join_pointer(parent: str, token: str | int) -> str:
    return f"{parent}/{escape_pointer_token(token)}"


class JsonDocument(FrozenRecord):
    """A parsed output file: the value, and positions for pointers on demand."""

    _fields = ("text", "value", "depth", "has_duplicates")

    text: str
    value: Any
    depth: int
    has_duplicates: bool

    def __init__(self, text: str, value: Any, depth: int, has_duplicates: bool = False) -> None:
        put = object.__setattr__
        put(self, "text", text)
        put(self, "value", value)
        put(self, "depth", depth)
        put(self, "has_duplicates", has_duplicates)

    @cached_property
    def index(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def _scan(self) -> tuple[dict[str, Member], list[DuplicateKey]]:
        return scan_members(self.text)

    @property
    def duplicates(self) -> list[DuplicateKey]:
        return self._scan[1] if self.has_duplicates else []

    def member(self, pointer: str) -> Member | None:
        return self._scan[0].get(pointer)

    def position(self, pointer: str, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at ``pointer`` (or of its key).

        A pointer that does not exist falls back to its nearest existing parent.
        """
        members = self._scan[0]
        while pointer and pointer not in members:
            pointer = pointer.rsplit("/", 1)[0]
        found = members.get(pointer)
        if found is None:
            return (1, 1)
        offset = found.key_offset if key and found.key_offset is not None else found.value_offset
        return self.index.position(offset)


def parse_json(text: str, max_depth: int = MAX_DEPTH) -> JsonDocument:
    """Parse strict JSON or raise :class:`StrictJSONError`; :class:`JsonTooDeep`
    when objects and arrays nest more than ``max_depth`` levels."""
    flags = {"duplicates": False}

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict:
        result = dict(pairs)
        if len(result) != len(pairs):
            flags["duplicates"] = True
        return result

    def reject_constant(name: str) -> Any:
        raise StrictJSONError(f"'{name}' is not a JSON value: strict JSON has no NaN or Infinity")

    try:
        value = json.loads(text, object_pairs_hook=pairs_hook, parse_constant=reject_constant)
    except StrictJSONError as error:
        raise StrictJSONError(error.message, _find_constant(text)) from None
    except RecursionError:
        offset = _offset_at_depth(text, max_depth + 1)
        if offset is None:  # within the limit, but deeper than Python's reader goes
            raise StrictJSONError("the JSON is nested too deeply for the reader", None) from None
        raise JsonTooDeep(max_depth, offset) from None
    except json.JSONDecodeError as error:
        raise StrictJSONError(_explain(error), _error_offset(error)) from None
    except ValueError:  # Python refuses integers of more than 4300 digits
        raise StrictJSONError("a number too long to read (thousands of digits)", _find_long_number(text)) from None
    surrogate = _lone_surrogate(text, value)
    if surrogate is not None:
        raise StrictJSONError("an escaped lone surrogate (\\ud800-\\udfff) is not a character", surrogate)
    depth = _depth(value, max_depth)
    if depth > max_depth:
        raise JsonTooDeep(max_depth, _offset_at_depth(text, max_depth + 1))
    return JsonDocument(text=text, value=value, depth=depth, has_duplicates=flags["duplicates"])


def _error_offset(error: json.JSONDecodeError) -> int:
    """Point at the comma itself for a trailing comma."""
    behind = error.doc[: error.pos].rstrip()
    if behind.endswith(",") and error.doc[error.pos : error.pos + 1] in ("}", "]"):
        return len(behind) - 1
    return error.pos


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_LONG_NUMBER = lazy_pattern(r"-?\d{4000,}")


def _lone_surrogate(text: str, value: Any) -> int | None:
    """Offset of an escape that is half a surrogate pair with no other half."""
    if not _SURROGATE_ESCAPE.search(text):
        return None
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
        return None
    except UnicodeEncodeError:
        pass
    paired_until = -1
    for match in _SURROGATE_ESCAPE.finditer(text):
        if match.start() < paired_until:
            continue
        high = match.group(0)[3].lower() in "89ab"
        following = _SURROGATE_ESCAPE.match(text, match.end())
        if high and following and following.group(0)[3].lower() in "cdef":
            paired_until = following.end()
            continue
        return match.start()
    return 0


def _find_long_number(text: str) -> int | None:
    match = _LONG_NUMBER.search(text)
    return match.start() if match else None


def _explain(error: json.JSONDecodeError) -> str:
    text, pos = error.doc, error.pos
    if text.startswith("\ufeff"):
        return "a second byte-order mark (U+FEFF) at the start of the file"
    if pos >= len(text.rstrip()) and not text.strip():
        return "the file holds no JSON value"
    ahead = text[pos : pos + 2]
    if ahead.startswith("//") or ahead.startswith("/*"):
        return "comments are not allowed in JSON"
    if error.msg.startswith("Extra data"):
        return "unexpected text after the JSON value ends"
    if error.msg.startswith("Invalid control character"):
        return "a raw control character (such as a tab or newline) inside a string: escape it"
    behind = text[:pos].rstrip()
    if behind.endswith(",") and ahead[:1] in ("}", "]"):
        return f"trailing comma before '{ahead[:1]}'"
    if error.msg.startswith(("Expecting property name", "Expecting value")) and ahead[:1] == "'":
        return "strings and keys need double quotes, not single quotes"
    if error.msg.startswith("Unterminated string"):
        return "a string is never closed"
    return error.msg[:1].lower() + error.msg[1:]


def _depth(value: Any, limit: int = MAX_DEPTH) -> int:
    """The nesting of objects and arrays, counted no further than ``limit + 1``."""
    if not isinstance(value, (dict, list)):
        return 0
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if level <= limit:  # only what nests is looked at again: most values are strings and numbers
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item) if isinstance(child, (dict, list)))
    return deepest


def _iter_tokens(text: str):
    """(kind, text, start, end) for each token; kind is 's', 'p' or 'w'."""
    pos, size = 0, len(text)
    while pos < size:
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            return
        if match.group(1) is not None:
            yield "s", match.group(1), match.start(1), match.end(1)
        elif match.group(2) is not None:
            yield "p", match.group(2), match.start(2), match.end(2)
        elif match.group(3) is not None:
            yield "w", match.group(3), match.start(3), match.end(3)
        pos = match.end()


def _find_constant(text: str) -> int | None:
    for kind, token, start, _ in _iter_tokens(text):
        if kind == "w" and token.startswith(("NaN", "Infinity", "-Infinity")):
            return start
    return None


def _offset_at_depth(text: str, depth: int) -> int | None:
    level = 0
    for kind, token, start, _ in _iter_tokens(text):
        if kind == "p" and token in "[{":
            level += 1
            if level >= depth:
                return start
        elif kind == "p" and token in "]}":
            level -= 1
    return None


def scan_members(text: str) -> tuple[dict[str, Member], list[DuplicateKey]]:
    """Walk the tokens once, recording where every pointer's key and value are."""
    members: dict[str, Member] = {}
    duplicates: list[DuplicateKey] = []
    # Each frame: [kind, pointer, next index or pending key, key offset, seen keys, value start]
    stack: list[list] = []
    pending_key: tuple[str, int] | None = None
    root_start: int | None = None

    def current_pointer() -> tuple[str, int | None]:
        frame = stack[-1]
        if frame[0] == "[":
            return join_pointer(frame[1], frame[2]), None
        assert pending_key is not None
        return join_pointer(frame[1], pending_key[0]), pending_key[1]

    expecting_key = False
    for kind, token, start, end in _iter_tokens(text):
        if kind == "p":
            if token in "{[":
                if stack:
                    pointer, key_offset = current_pointer()
                else:
                    pointer, key_offset, root_start = "", None, start
                stack.append([token, pointer, 0, key_offset, {}, start])
                expecting_key = token == "{"
            elif token in "}]":
                if not stack:
                    break
                frame = stack.pop()
                members[frame[1]] = Member(frame[3], frame[5], end)
                expecting_key = False
            elif token == ",":
                if stack and stack[-1][0] == "[":
                    stack[-1][2] += 1
                expecting_key = bool(stack) and stack[-1][0] == "{"
            continue
        if kind == "s" and expecting_key and stack and stack[-1][0] == "{":
            key = json.loads(token)
            seen = stack[-1][4]
            pointer = join_pointer(stack[-1][1], key)
            if key in seen:
                duplicates.append(DuplicateKey(pointer, key, start, seen[key]))
            else:
                seen[key] = start
            pending_key = (key, start)
            expecting_key = False
            continue
        if not stack:
            members[""] = Member(None, start, end)
            continue
        pointer, key_offset = current_pointer()
        members[pointer] = Member(key_offset, start, end)
    if "" not in members and root_start is not None:
        members[""] = Member(None, root_start, len(text))
    return members, duplicates
