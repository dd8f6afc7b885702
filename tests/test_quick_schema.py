"""The quick schema check never calls an invalid document valid.

It answers True only when ``jsonschema`` finds no error; a False or None sends
the run to ``jsonschema``, so only a wrong True could hide a finding.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.packs.quick_schema import is_valid

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = {p.name.split("_")[0]: json.loads(p.read_text()) for p in sorted((ROOT / "schemas").glob("*_output.schema.json"))}


def _clean_output(worker: str) -> dict:
    base = ROOT / "fixtures" / ("example" if worker == "backend" else f"workers/{worker}")
    return json.loads(next(base.rglob(f"{worker}_output.json")).read_text())


def _jsonschema_valid(instance, schema) -> bool:
    return not any(True for _ in jsonschema.Draft202012Validator(schema).iter_errors(instance))


@pytest.mark.parametrize("worker", sorted(SCHEMAS))
def test_a_clean_output_is_known_valid_without_jsonschema(worker: str) -> None:
    assert is_valid(_clean_output(worker), SCHEMAS[worker]) is True


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-20, 20) | st.floats(-20, 20, allow_nan=False) | st.sampled_from(
        ["", "x", "high", "High", "GET", "backend", "2025-09-14T10:30:00Z", "critical", "BACKEND-CRIT-001", "/abs/path"]
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["id", "priority", "method", "score", "x"]), inner, max_size=3),
    max_leaves=8,
)


def _places(value, pointer=()):
    yield pointer
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _places(child, (*pointer, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _places(child, (*pointer, index))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(worker=st.sampled_from(sorted(SCHEMAS)), data=st.data())
def test_a_mutated_output_is_never_wrongly_called_valid(worker: str, data) -> None:
    document = copy.deepcopy(_clean_output(worker))
    places = list(_places(document))[1:]
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(places))
        parent = document
        try:
            for part in path[:-1]:
                parent = parent[part]
            if data.draw(st.booleans()) and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = data.draw(json_values)
        except (KeyError, IndexError, TypeError):
            continue
    quick = is_valid(document, SCHEMAS[worker])
    assert quick in (None, _jsonschema_valid(document, SCHEMAS[worker]))


leaf_schemas = st.sampled_from([
    {"type": "integer"}, {"type": ["string", "null"]}, {"type": "number", "minimum": 0, "maximum": 10},
    {"exclusiveMinimum": 0}, {"enum": [1, "a", None, True]}, {"const": 1}, {"const": False}, {"minLength": 2},
    {"maxLength": 1}, {"pattern": "^[a-z]+$"}, {"minItems": 1}, {"maxItems": 1}, {"required": ["id"]},
    {"format": "date-time"}, {"uniqueItems": True}, {"$ref": "#/$defs/nonempty"}, {"$ref": "#ne"}, True, False,
])


schemas = st.recursive(
    leaf_schemas,
    lambda inner: st.one_of(
        st.builds(lambda p: {"type": "object", "properties": p}, st.dictionaries(st.sampled_from(["id", "score", "x"]), inner, max_size=2)),
        st.builds(lambda a: {"additionalProperties": a}, inner),
        st.builds(lambda i: {"type": "array", "items": i}, inner),
        st.builds(lambda s: {"allOf": s}, st.lists(inner, min_size=1, max_size=2)),
        st.builds(lambda s: {"anyOf": s}, st.lists(inner, min_size=1, max_size=2)),
        st.builds(lambda s: {"oneOf": s}, st.lists(inner, min_size=1, max_size=2)),
        st.builds(lambda s: {"not": s}, inner),
        st.builds(lambda c, t, e: {"if": c, "then": t, "else": e}, inner, inner, inner),
    ),
    max_leaves=5,
)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(schema=schemas, instance=json_values)
def test_agrees_with_jsonschema_on_generated_schemas(schema, instance) -> None:
    if isinstance(schema, dict):
        schema = {**schema, "$defs": {"nonempty": {"$anchor": "ne", "type": "string", "minLength": 1}}}
    quick = is_valid(instance, schema)
    assert quick in (None, _jsonschema_valid(instance, schema))


@pytest.mark.parametrize("schema", [
    {"$ref": "https://example.com/other.json"},
    {"patternProperties": {"^x": {"type": "string"}}, "additionalProperties": False},
    {"prefixItems": [{"type": "string"}], "items": False},
    {"properties": {"a": {"$id": "inner", "type": "string"}}},
    {"dependentRequired": {"a": ["b"]}},
    {"properties": {"a": {"$ref": "#num"}}, "$defs": {"n": {"$anchor": "num", "type": "integer"}}},
    {"properties": {"a": {"$ref": "#nowhere"}}},
    {"properties": {"a": {"$ref": "#/$defs/a%25b"}}, "$defs": {"a%b": {"type": "integer"}}},
])
def test_what_it_does_not_know_it_leaves_to_jsonschema(schema) -> None:
    assert is_valid({"a": "x"}, schema) is None


def test_a_recursive_reference_is_followed_as_deep_as_the_document_goes() -> None:
    tree = {"$defs": {"node": {"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#/$defs/node"}}},
                               "required": ["name"]}},
            "$ref": "#/$defs/node"}
    assert is_valid({"name": "a", "children": [{"name": "b", "children": [{"name": "c"}]}]}, tree) is True
    assert is_valid({"name": "a", "children": [{"name": "b", "children": [{"nom": "c"}]}]}, tree) is False


def test_what_the_checker_cannot_decide_is_left_to_jsonschema_only_where_a_document_reaches_it() -> None:
    schema = {"type": "object", "properties": {"a": {"type": "string"}, "b": {"unknownKeyword": 1}}}
    assert is_valid({"a": "x"}, schema) is True
    assert is_valid({"a": "x", "b": 2}, schema) is None
    assert is_valid({"a": 1, "b": 2}, schema) is False  # a keyword before the unknown one already fails
