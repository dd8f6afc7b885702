"""A quick yes-or-don't-know answer to "is this JSON valid against this schema?".

Most outputs are valid, and importing and running ``jsonschema`` costs more
than the rest of a run on one deliverable. This checker knows the keywords the
packs' schemas use (draft 2020-12 semantics, as ``jsonschema`` applies them
without a format checker) and answers ``True`` only when the document is
certainly valid. Anything else (an invalid document, a keyword it does not
know, a remote reference) answers ``False`` or ``None``, and the caller asks
``jsonschema`` for the full list of errors; the findings always come from it.
"""

from __future__ import annotations

import re
from typing import Any
from collections.abc import Callable, Sized

# Keywords that never make a document invalid (format is not asserted by default).
_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$comment", "$defs", "definitions", "title", "description", "default", "examples",
     "format", "deprecated", "readOnly", "writeOnly", "then", "else", "contentMediaType", "contentEncoding"}
)


class _Unknown(Exception):
    """The schema uses something this checker does not decide."""


def is_valid(instance: Any, schema: Any) -> bool | None:
    """True: valid for certain. False: invalid. None: this checker cannot tell."""
    try:
        return _valid(instance, schema, schema)
    except (_Unknown, RecursionError, re.error, TypeError, AttributeError):
        return None


def _valid(instance: Any, schema: Any, root: dict) -> bool:
    if schema is True:
        return True
    if schema is False:
        return False
    if not isinstance(schema, dict) or (schema is not root and "$id" in schema):
        raise _Unknown  # a nested $id would change what references mean
    for key, value in schema.items():
        if key.startswith("x-") or key in _ANNOTATIONS:
            continue
        check = _KEYWORDS.get(key)
        if check is None:
            raise _Unknown
        if not check(instance, value, schema, root):
            return False
    return True


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_TYPES: dict[str, Callable[[Any], bool]] = {
    "null": lambda v: v is None,
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: _is_number(v) and (isinstance(v, int) or v.is_integer()),
    "number": _is_number,
    "string": lambda v: isinstance(v, str),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}


def _type(instance, expected, schema, root) -> bool:
    names = [expected] if isinstance(expected, str) else expected
    if not isinstance(names, list) or not all(n in _TYPES for n in names):
        raise _Unknown
    return any(_TYPES[n](instance) for n in names)


def _equal(one: Any, two: Any) -> bool:
    """JSON equality: ``true`` is not ``1``, ``1`` is ``1.0``."""
    if isinstance(one, bool) or isinstance(two, bool):
        return isinstance(one, bool) and isinstance(two, bool) and one == two
    if _is_number(one) and _is_number(two):
        return one == two
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(_equal(a, b) for a, b in zip(one, two))
    if isinstance(one, dict) and isinstance(two, dict):
        return one.keys() == two.keys() and all(_equal(one[k], two[k]) for k in one)
    return type(one) is type(two) and one == two


def _properties(instance, properties, schema, root) -> bool:
    if not isinstance(instance, dict):
        return True
    return all(_valid(instance[key], sub, root) for key, sub in properties.items() if key in instance)


def _additional(instance, additional, schema, root) -> bool:
    if not isinstance(instance, dict):
        return True
    if "patternProperties" in schema:
        raise _Unknown
    known = schema.get("properties", {})
    return all(_valid(value, additional, root) for key, value in instance.items() if key not in known)


def _required(instance, names, schema, root) -> bool:
    return not isinstance(instance, dict) or all(name in instance for name in names)


def _items(instance, items, schema, root) -> bool:
    if "prefixItems" in schema:
        raise _Unknown
    return not isinstance(instance, list) or all(_valid(item, items, root) for item in instance)


def _bound(compare: Callable[[Any, Any], bool]) -> Callable:
    def check(instance, limit, schema, root) -> bool:
        if not _is_number(limit):
            raise _Unknown
        return not _is_number(instance) or compare(instance, limit)

    return check


def _length(compare: Callable[[int, int], bool], kind: type[Sized]) -> Callable:
    def check(instance, limit, schema, root) -> bool:
        return not isinstance(instance, kind) or compare(len(instance), limit)

    return check


def _pattern(instance, pattern, schema, root) -> bool:
    return not isinstance(instance, str) or re.search(pattern, instance) is not None  # re caches the compiled pattern


def _ref(instance, reference, schema, root) -> bool:
    # Only a plain JSON pointer into this schema: an anchor ("#name"), an escaped
    # ("%25") or another document's reference is left to jsonschema.
    if not isinstance(reference, str) or not (reference == "#" or reference.startswith("#/")) or "%" in reference:
        raise _Unknown
    target: Any = root
    for part in reference[2:].split("/") if reference != "#" else ():
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(target, dict) or part not in target:
            raise _Unknown
        target = target[part]
    return _valid(instance, target, root)


def _if(instance, condition, schema, root) -> bool:
    branch = "then" if _valid(instance, condition, root) else "else"
    return branch not in schema or _valid(instance, schema[branch], root)


_KEYWORDS: dict[str, Callable[[Any, Any, dict, dict], bool]] = {
    "type": _type,
    "enum": lambda instance, options, schema, root: any(_equal(instance, option) for option in options),
    "const": lambda instance, value, schema, root: _equal(instance, value),
    "properties": _properties,
    "additionalProperties": _additional,
    "required": _required,
    "items": _items,
    "minimum": _bound(lambda v, limit: v >= limit),
    "maximum": _bound(lambda v, limit: v <= limit),
    "exclusiveMinimum": _bound(lambda v, limit: v > limit),
    "exclusiveMaximum": _bound(lambda v, limit: v < limit),
    "minLength": _length(lambda n, limit: n >= limit, str),
    "maxLength": _length(lambda n, limit: n <= limit, str),
    "minItems": _length(lambda n, limit: n >= limit, list),
    "maxItems": _length(lambda n, limit: n <= limit, list),
    "pattern": _pattern,
    "$ref": _ref,
    "allOf": lambda instance, subs, schema, root: all(_valid(instance, s, root) for s in subs),
    "anyOf": lambda instance, subs, schema, root: any(_valid(instance, s, root) for s in subs),
    "oneOf": lambda instance, subs, schema, root: sum(1 for s in subs if _valid(instance, s, root)) == 1,
    "not": lambda instance, sub, schema, root: not _valid(instance, sub, root),
    "if": _if,
}
