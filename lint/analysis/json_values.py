"""Walking a JSON value: pointers, strings, entries, and how to name values to a reader."""

from __future__ import annotations

from typing import Any
from collections.abc import Iterator

from lint.documents.jsondoc import escape_pointer_token, join_pointer
from lint.patterns import lazy_pattern

_MISSING = object()


def resolve(value: Any, pointer: str, default: Any = None) -> Any:
    """The value at a JSON pointer, or ``default``."""
    if pointer == "":
        return value
    for raw in pointer.split("/")[1:]:
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(value, dict) and token in value:
            value = value[token]
        elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
            value = value[int(token)]
        else:
            return default
    return value


def iter_strings(value: Any, skip_keys: frozenset[str] = frozenset()) -> Iterator[tuple[str, str, str | None]]:
    """(pointer, string, key) for every string in the value, keys skipped as asked."""
    return iter(strings_in(value, skip_keys))


def strings_in(value: Any, skip_keys: frozenset[str] = frozenset(), skipped: list[tuple[str, Any]] | None = None) -> list[tuple[str, str, str | None]]:
    """:func:`iter_strings` as a list, built in one loop (a plain key needs no escaping: no call);
    with ``skipped``, the (pointer, value) of each object or array under a skipped key is added to it."""
    found: list[tuple[str, str, str | None]] = []
    stack: list[tuple[str, Any, str | None]] = [("", value, None)]
    push, add = stack.append, found.append
    while stack:
        pointer, item, key = stack.pop()
        if isinstance(item, str):
            add((pointer, item, key))
        elif isinstance(item, dict):
            for child_key, child in reversed(item.items()):
                if child_key not in skip_keys:
                    plain = child_key.__class__ is str and "~" not in child_key and "/" not in child_key
                    push((f"{pointer}/{child_key if plain else escape_pointer_token(child_key)}", child, child_key))
                elif skipped is not None and isinstance(child, (dict, list)):
                    skipped.append((f"{pointer}/{escape_pointer_token(child_key)}", child))
        elif isinstance(item, list):
            for index in range(len(item) - 1, -1, -1):
                push((f"{pointer}/{index}", item[index], key))
    return found


def iter_pattern(value: Any, pattern: str) -> Iterator[tuple[str, Any]]:
    """(pointer, value) for each place matching a pointer pattern; ``*`` is any index or key."""
    current: list[tuple[str, Any]] = [("", value)]
    for raw in pattern.split("/")[1:]:
        token = raw.replace("~1", "/").replace("~0", "~")
        following: list[tuple[str, Any]] = []
        for pointer, item in current:
            if token == "*":
                if isinstance(item, list):
                    following.extend((join_pointer(pointer, i), v) for i, v in enumerate(item))
                elif isinstance(item, dict):
                    following.extend((join_pointer(pointer, k), v) for k, v in item.items())
            elif isinstance(item, dict) and token in item:
                following.append((join_pointer(pointer, token), item[token]))
            elif isinstance(item, list) and token.isdigit() and int(token) < len(item):
                following.append((join_pointer(pointer, token), item[int(token)]))
        current = following
    return iter(current)


def iter_array_entries(value: Any) -> Iterator[tuple[str, dict]]:
    """(pointer, object) for every object that is an element of an array."""
    stack: list[tuple[str, Any, bool]] = [("", value, False)]
    while stack:
        pointer, item, in_array = stack.pop()
        if isinstance(item, dict):
            if in_array:
                yield pointer, item
            for key, child in item.items():
                if isinstance(child, (dict, list)):  # a pointer only for what holds entries
                    stack.append((join_pointer(pointer, key), child, False))
        elif isinstance(item, list):
            for index, child in enumerate(item):
                if isinstance(child, (dict, list)):
                    stack.append((join_pointer(pointer, index), child, True))


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def short(value: Any, limit: int = 40) -> str:
    import json

    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Schema errors ----------------------------------------------------------------

_PIPE_PART = lazy_pattern(r"^[A-Za-z0-9][\w.\-]*(?: [\w.\-]+){0,2}$")


def pipe_choices(value: str) -> list[str] | None:
    """The alternatives in a value such as ``GET|POST|PUT``, or None."""
    if "|" not in value or len(value) > 300:
        return None
    parts = value.split("|")
    if len(parts) < 2 or not all(_PIPE_PART.match(p) for p in parts):
        return None
    return parts
