"""The JSON Schema of the configuration, generated from the settings' declarations.

Editors check ``[tool.worker-lint]`` and ``.worker-lint.toml`` with it
(``schemas/worker-lint-config.schema.json``). It is made from ``model.py``, not
written by hand, so a setting added there is in the schema too, and a test holds
the shipped file to what this module makes. Each kind of value (each parse
function) is described once below; a setting read by a parse function not
described here stops the generation, rather than getting a schema that may
reject what the code accepts.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from lint.model import Severity
from lint.settings import model
from lint.settings.model import DECLARED, FILE_KEYS, Declaration, default_of

SCHEMA_FILE = "worker-lint-config.schema.json"
SCHEMA_ID = "https://json.schemastore.org/worker-lint.json"

# What Severity.parse accepts: the name in any case, with white space around it.
LEVEL_PATTERN = r"^\s*(?:[Ee][Rr][Rr][Oo][Rr]|[Ww][Aa][Rr][Nn][Ii][Nn][Gg]|[Ii][Nn][Ff][Oo])\s*$"
# A glob is refused when nothing but slashes and spaces is left of it, or when it is a
# negation ('!' first): each glob stands alone, so a negation would match nothing.
GLOB_PATTERN = r"^(?:[^!/ ]|[/ ][\s\S]*[^/ ])"
# A pack is a file: any name with something besides slashes and spaces.
PACK_PATTERN = r"[^/ ]"
# A per-file-ignores key: GLOB, or GLOB#/pointer (nothing after the '#' means the whole file).
# It ends with (?![\s\S]), not $: in Python, as jsonschema runs it, $ also matches before a last line break.
# A source-roots key: an absolute prefix as deliverables cite it ("/workspace/app", "C:/src/app"), more than a root alone.
SOURCE_PREFIX_PATTERN = r"^(?:/|[A-Za-z]:[/\\\\])[\s\S]*[^/\\\\](?![\s\S])"
IGNORE_KEY_PATTERN = r"^(?:[^#!/ ][^#]*|[/ ][^#]*[^#/ ][^#]*)(?:#(?:/[\s\S]*)?)?(?![\s\S])"


def _level() -> dict[str, Any]:
    return {"type": "string", "anyOf": [{"enum": [s.label for s in sorted(Severity, reverse=True)]}, {"pattern": LEVEL_PATTERN}]}


def _rules(at_least: int = 0) -> dict[str, Any]:
    return {"type": "array", "items": {"$ref": "#/definitions/rule"}, **({"minItems": at_least} if at_least else {})}


def _strings(pattern: str) -> dict[str, Any]:
    return {"type": "array", "items": {"type": "string", "pattern": pattern}}


def _whole_number(parse: Callable[..., Any]) -> dict[str, Any]:
    bounds = inspect.getclosurevars(parse).nonlocals
    schema: dict[str, Any] = {"type": "integer", "minimum": bounds["low"]}
    if bounds["high"] is not None:
        schema["maximum"] = bounds["high"]
    return schema


def _whole_number_text(parse: Callable[..., Any]) -> str:
    expected = str(inspect.getclosurevars(parse).nonlocals["expected"])  # what the code's error says it expects
    return expected[:1].upper() + expected[1:] + "."


# Each parse function of model.py: the schema of the values it accepts, and how they are written.
SHAPES: dict[Callable[..., Any], tuple[Callable[[Sequence[str]], dict[str, Any]], str]] = {
    model._selection: (lambda rules: _rules(at_least=1), "A list of at least one rule name (`worker-lint rules` lists them)."),
    model._rule_list: (lambda rules: _rules(), "A list of rule names (`worker-lint rules` lists them)."),
    model._severity_table: (
        lambda rules: {"type": "object", "properties": {rule: {"$ref": "#/definitions/level"} for rule in rules}, "additionalProperties": False},
        "A table of rule = level: error, warning or info."),
    model._ignore_table: (
        lambda rules: {"type": "object", "patternProperties": {IGNORE_KEY_PATTERN: _rules()}, "additionalProperties": False},
        "A table of glob = [rules]; globs are relative to this file, and cannot start with '!'."),
    model._level: (lambda rules: _level(), "One of error, warning, info."),
    model._score: (lambda rules: {"type": "number", "minimum": 0, "maximum": 10}, "A number from 0 to 10."),
    model._globs: (lambda rules: _strings(GLOB_PATTERN), "A list of globs, relative to this file; a glob cannot start with '!'."),
    model._pack_paths: (lambda rules: _strings(PACK_PATTERN), "A list of pack files, relative to this file."),
    model._flag: (lambda rules: {"type": "boolean"}, "Either true or false."),
    model._source_roots: (
        lambda rules: {"type": "object", "patternProperties": {SOURCE_PREFIX_PATTERN: {"type": "string", "minLength": 1}}, "additionalProperties": False},
        "A table of cited prefix = folder, such as \"/workspace/app\" = \"../app\"; folders are relative to this file."),
}


def _shape(declaration: Declaration, rules: Sequence[str]) -> tuple[dict[str, Any], str]:
    """The schema of a setting's values, and a sentence saying how they are written."""
    parse = declaration.parse
    if parse.__qualname__ == f"{model._whole.__name__}.<locals>.parse":  # whole numbers: the bounds are in the closure
        return _whole_number(parse), _whole_number_text(parse)
    if parse not in SHAPES:
        raise LookupError(
            f"setting '{declaration.key}' is read by {parse.__qualname__}, which lint/settings/config_schema.py does not describe; "
            "add its schema to SHAPES there"
        )
    schema, text = SHAPES[parse]
    return schema(rules), text


def _title(key: str) -> str:
    words = [{"json": "JSON", "markdown": "Markdown", "url": "URL"}.get(word, word) for word in key.split("-")]
    return " ".join(words)[:1].upper() + " ".join(words)[1:]


def _meaning(help_text: str) -> str:
    """The option's help, said of a file: a file gives lists as lists, and a key once."""
    text = help_text.replace(" Repeatable.", "")
    if text.startswith("Comma-separated "):
        text = text.removeprefix("Comma-separated ")
        text = text[:1].upper() + text[1:]
    return text


def _default(attribute: str) -> Any:
    """The setting's default as a file writes it; None when a file cannot write it (no value)."""
    return _as_toml(default_of(attribute))


def _as_toml(value: Any) -> Any:
    if isinstance(value, Severity):
        return value.label
    if isinstance(value, (frozenset, set, tuple, list)):
        return sorted(_as_toml(v) for v in value) if isinstance(value, (set, frozenset)) else [_as_toml(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_toml(v) for k, v in value.items()}
    if isinstance(value, Path):
        return str(value)
    return value


def config_schema(rules: Sequence[str]) -> dict[str, Any]:
    """The schema of a configuration table whose rules are ``rules``."""
    properties = {}
    for key in FILE_KEYS:
        declaration = DECLARED[key]
        schema, text = _shape(declaration, rules)
        prop = {"title": _title(key), "description": f"{_meaning(declaration.help)} {text}", **schema}
        default = _default(declaration.attribute)
        if default == [] and schema["type"] == "object":  # an empty tuple of table entries
            default = {}
        if default is not None:
            prop["default"] = default
        properties[key] = prop
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "worker-lint configuration",
        "description": (
            "The settings of worker-lint, a linter for AI workers' deliverables: the [tool.worker-lint] table of "
            "pyproject.toml, or the top level of .worker-lint.toml. An unknown key is an error."
        ),
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "definitions": {
            "rule": {"title": "Rule", "description": "The name of a rule.", "type": "string", "enum": list(rules)},
            "level": {"title": "Level", "description": "A severity: error, warning or info (in any case).", **_level()},
        },
    }


def render(schema: dict[str, Any]) -> str:
    """The schema as the shipped file holds it."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def current() -> str:
    """The schema of this version's settings and rules, rendered."""
    from lint.settings import RuleNames

    return render(config_schema(list(RuleNames())))
