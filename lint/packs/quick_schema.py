"""A quick yes-or-don't-know answer to "is this JSON valid against this schema?".

Most outputs are valid, and importing and running ``jsonschema`` costs more
than the rest of a run on one deliverable. This checker knows the keywords the
packs' schemas use (draft 2020-12 semantics, as ``jsonschema`` applies them
without a format checker) and answers ``True`` only when the document is
certainly valid. Anything else (an invalid document, a keyword it does not
know, a remote reference) answers ``False`` or ``None``, and the caller asks
``jsonschema`` for the full list of errors; the findings always come from it.
Each schema is turned into a tree of checks once per process (a pack's schema
serves every deliverable of its worker), not read again at every node.
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


Check = Callable[[Any], bool]


def is_valid(instance: Any, schema: Any) -> bool | None:
    """True: valid for certain. False: invalid. None: this checker cannot tell."""
    try:
        return _checker(schema)(instance)
    except (_Unknown, RecursionError, re.error, TypeError, AttributeError):
        return None


# Each schema is turned into a tree of checks once per process (a pack's schema serves every
# deliverable of its worker); the schema object is kept with it, so its id is never reused.
_COMPILED: dict[int, tuple[Any, Check]] = {}


def _checker(schema: Any) -> Check:
    entry = _COMPILED.get(id(schema))
    if entry is None or entry[0] is not schema:
        if len(_COMPILED) >= 64:  # a long-lived caller loading packs again and again keeps no more
            _COMPILED.clear()
        entry = _COMPILED[id(schema)] = (schema, _Compiler(schema).check(schema))
    return entry[1]


def _raise_unknown(instance: Any) -> bool:
    raise _Unknown


def _yes(instance: Any) -> bool:
    return True


def _no(instance: Any) -> bool:
    return False


class _Compiler:
    """Checks for the parts of one schema. A check answers as reading the schema at each node
    would: what it cannot decide raises when (and only when) a document reaches it."""

    def __init__(self, root: Any) -> None:
        self.root = root
        self.targets: dict[str, Check] = {}

    def check(self, schema: Any) -> Check:
        if schema is True:
            return _yes
        if schema is False:
            return _no
        if not isinstance(schema, dict) or (schema is not self.root and "$id" in schema):
            return _raise_unknown  # a nested $id would change what references mean
        checks = []
        for key, value in schema.items():
            if key.startswith("x-") or key in _ANNOTATIONS:
                continue
            make = _MAKERS.get(key)
            try:
                checks.append(make(self, value, schema) if make is not None else _raise_unknown)
            except (_Unknown, re.error, TypeError, AttributeError, ValueError):
                checks.append(_raise_unknown)
        if not checks:
            return _yes
        if len(checks) == 1:
            return checks[0]
        every = tuple(checks)

        def all_of(instance: Any) -> bool:
            for check in every:
                if not check(instance):
                    return False
            return True

        return all_of

    def reference(self, reference: Any) -> Check:
        # Only a plain JSON pointer into this schema: an anchor ("#name"), an escaped
        # ("%25") or another document's reference is left to jsonschema.
        if not isinstance(reference, str) or not (reference == "#" or reference.startswith("#/")) or "%" in reference:
            return _raise_unknown
        target: Any = self.root
        for part in reference[2:].split("/") if reference != "#" else ():
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, dict) or part not in target:
                return _raise_unknown
            target = target[part]
        resolved = target

        def follow(instance: Any) -> bool:  # compiled on first use: references may be recursive
            check = self.targets.get(reference)
            if check is None:
                check = self.targets[reference] = self.check(resolved)
            return check(instance)

        return follow


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


def _type(compiler: _Compiler, expected: Any, schema: dict) -> Check:
    names = [expected] if isinstance(expected, str) else expected
    if not isinstance(names, list) or not all(isinstance(n, str) and n in _TYPES for n in names):
        return _raise_unknown
    tests = tuple(_TYPES[n] for n in names)
    if len(tests) == 1:
        return tests[0]
    return lambda instance: any(test(instance) for test in tests)


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


def _enum(compiler: _Compiler, options: Any, schema: dict) -> Check:
    return lambda instance: any(_equal(instance, option) for option in options)


def _const(compiler: _Compiler, value: Any, schema: dict) -> Check:
    return lambda instance: _equal(instance, value)


def _properties(compiler: _Compiler, properties: Any, schema: dict) -> Check:
    checks = tuple((key, compiler.check(sub)) for key, sub in properties.items())

    def check(instance: Any) -> bool:
        if not isinstance(instance, dict):
            return True
        for key, sub in checks:
            if key in instance and not sub(instance[key]):
                return False
        return True

    return check


def _additional(compiler: _Compiler, additional: Any, schema: dict) -> Check:
    sub = compiler.check(additional)
    unknown = "patternProperties" in schema
    known = schema.get("properties", {})

    def check(instance: Any) -> bool:
        if not isinstance(instance, dict):
            return True
        if unknown:
            raise _Unknown
        return all(sub(value) for key, value in instance.items() if key not in known)

    return check


def _required(compiler: _Compiler, names: Any, schema: dict) -> Check:
    return lambda instance: not isinstance(instance, dict) or all(name in instance for name in names)


def _items(compiler: _Compiler, items: Any, schema: dict) -> Check:
    if "prefixItems" in schema:
        return _raise_unknown
    sub = compiler.check(items)
    return lambda instance: not isinstance(instance, list) or all(sub(item) for item in instance)


def _bound(compare: Callable[[Any, Any], bool]) -> Callable[[_Compiler, Any, dict], Check]:
    def make(compiler: _Compiler, limit: Any, schema: dict) -> Check:
        if not _is_number(limit):
            return _raise_unknown
        return lambda instance: not _is_number(instance) or compare(instance, limit)

    return make


def _length(compare: Callable[[int, int], bool], kind: type[Sized]) -> Callable[[_Compiler, Any, dict], Check]:
    def make(compiler: _Compiler, limit: Any, schema: dict) -> Check:
        return lambda instance: not isinstance(instance, kind) or compare(len(instance), limit)

    return make


def _pattern(compiler: _Compiler, pattern: Any, schema: dict) -> Check:
    search = re.compile(pattern).search
    return lambda instance: not isinstance(instance, str) or search(instance) is not None


def _ref(compiler: _Compiler, reference: Any, schema: dict) -> Check:
    return compiler.reference(reference)


def _all(compiler: _Compiler, subs: Any, schema: dict) -> Check:
    checks = tuple(compiler.check(sub) for sub in subs)
    return lambda instance: all(check(instance) for check in checks)


def _any(compiler: _Compiler, subs: Any, schema: dict) -> Check:
    checks = tuple(compiler.check(sub) for sub in subs)
    return lambda instance: any(check(instance) for check in checks)


def _one(compiler: _Compiler, subs: Any, schema: dict) -> Check:
    checks = tuple(compiler.check(sub) for sub in subs)
    return lambda instance: sum(1 for check in checks if check(instance)) == 1


def _not(compiler: _Compiler, sub: Any, schema: dict) -> Check:
    check = compiler.check(sub)
    return lambda instance: not check(instance)


def _if(compiler: _Compiler, condition: Any, schema: dict) -> Check:
    test = compiler.check(condition)
    then = compiler.check(schema["then"]) if "then" in schema else None
    otherwise = compiler.check(schema["else"]) if "else" in schema else None

    def check(instance: Any) -> bool:
        branch = then if test(instance) else otherwise
        return branch is None or branch(instance)

    return check


_MAKERS: dict[str, Callable[[_Compiler, Any, dict], Check]] = {
    "type": _type,
    "enum": _enum,
    "const": _const,
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
    "allOf": _all,
    "anyOf": _any,
    "oneOf": _one,
    "not": _not,
    "if": _if,
}
