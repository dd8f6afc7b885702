"""Schema errors in the reader's terms, each under the rule it belongs to (``x-rule``)."""

from __future__ import annotations

from typing import Any, NamedTuple

from lint.analysis.json_values import json_type, pipe_choices, short
from lint.checks.schema import NAME as SCHEMA
from lint.checks.score_range import NAME as SCORE_RANGE
from lint.checks.template_placeholder import NAME as TEMPLATE_PLACEHOLDER
from lint.documents.jsondoc import join_pointer
from lint.packs.quick_schema import is_valid


class SchemaError(NamedTuple):
    rule: str
    pointer: str
    message: str
    hint: str
    at_key: bool = False
    replacement: Any = None  # a safe corrected value, when there is one


def schema_errors(value: Any, schema: dict) -> list[SchemaError]:
    if is_valid(value, schema):
        return []
    import jsonschema  # only when there is something to report: it is slow to import

    validator = jsonschema.Draft202012Validator(schema)
    found: list[SchemaError] = []
    for error in validator.iter_errors(value):
        converted = _convert(error)
        if converted is not None:
            found.append(converted)
            if len(found) == MAX_ERRORS:
                found.append(SchemaError(SCHEMA, "", f"the schema check stopped after {MAX_ERRORS:,} errors: the structure is broken "
                                                 "throughout, and the rest is not counted", "fix the errors listed, then lint again"))
                break
    return sorted(found, key=lambda e: e.pointer)


# Validation stops here: a file of a million broken entries would otherwise cost minutes and
# gigabytes to report what the first thousands already say.
MAX_ERRORS = 5_000


def _readable(path) -> str:
    """``api_specifications[0].method``: how a person names a place in the JSON."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text.rsplit(".", 1)[-1] if not isinstance(list(path)[-1], int) else text


def _pointer_of(error) -> str:
    pointer = ""
    for part in error.absolute_path:
        pointer = join_pointer(pointer, part)
    return pointer


def _convert(error) -> SchemaError | None:
    sub = error.schema if isinstance(error.schema, dict) else {}
    rule = sub.get("x-rule", SCHEMA)
    pointer = _pointer_of(error)
    name = _readable(error.absolute_path) if pointer else "the document"
    kind, instance, expected = error.validator, error.instance, error.validator_value
    hint = sub.get("x-hint", "")
    if kind == "enum" and isinstance(instance, str):
        choices = pipe_choices(instance)
        if choices and all(c in expected for c in choices):
            return SchemaError(
                TEMPLATE_PLACEHOLDER,
                pointer,
                f"the value still lists the template's choices ({instance})",
                "keep the one value that applies",
            )
        allowed = ", ".join(str(v) for v in expected)
        lowered = [v for v in expected if isinstance(v, str) and v.lower() == instance.strip().lower()]
        if not hint:
            hint = f"write '{lowered[0]}'" if lowered else f"use one of: {allowed}"
        return SchemaError(rule, pointer, f"{name} is {short(instance)}, not one of {allowed}", hint, replacement=lowered[0] if lowered else None)
    if rule == SCORE_RANGE:
        if isinstance(instance, (int, float)) and not isinstance(instance, bool):
            message = f"score {name} is {instance}, outside 0 to 10"
        else:
            message = f"score {name} is {json_type(instance)} ({short(instance)}), not a number"
        return SchemaError(rule, pointer, message, hint or "write a number from 0 to 10, such as 7 or 6.5")
    if kind == "required":
        missing = next((k for k in expected if isinstance(instance, dict) and k not in instance), "?")
        where = f"'{name}'" if pointer else "the top level"
        return SchemaError(rule, pointer, f"required key '{missing}' is missing from {where}", hint or f"add '{missing}'")
    if kind == "type":
        wanted = expected if isinstance(expected, str) else " or ".join(expected)
        if not pointer:
            return SchemaError(rule, pointer, f"the output must be a JSON {wanted} at the top level, found {json_type(instance)}", hint or "start from the worker's output template")
        return SchemaError(rule, pointer, f"{name} must be of type {wanted}, found {json_type(instance)} ({short(instance)})", hint or f"write {name} as a JSON {wanted}")
    if kind == "const":
        return SchemaError(rule, pointer, f"{name} is {short(instance)}, expected {short(expected)}", hint or f"set it to {short(expected)}")
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        bound = {"minimum": "at least", "maximum": "at most", "exclusiveMinimum": "above", "exclusiveMaximum": "below"}[kind]
        return SchemaError(rule, pointer, f"{name} is {short(instance)}; it must be {bound} {expected}", hint or "fix the value")
    if kind == "minLength" and expected == 1:
        return SchemaError(rule, pointer, f"{name} is an empty string", hint or f"fill in {name}")
    if kind == "pattern":
        if isinstance(instance, str) and pipe_choices(instance):
            return SchemaError(TEMPLATE_PLACEHOLDER, pointer, f"the value still lists the template's choices ({instance})",
                               "keep the one value that applies")
        return SchemaError(rule, pointer, f"{name} {short(instance)} is not in the expected form", hint or f"match the pattern {expected}")
    return SchemaError(rule, pointer, f"{name}: {error.message}", hint)
