"""The configuration's JSON Schema: shipped as generated, and accepting exactly what the code accepts.

What the code accepts is what ``parse_layer`` reads without a ConfigError. It is
called with no file, so pack paths are not looked up on disk: whether a pack
file exists is the one thing the schema cannot know, and it accepts any path.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from lint.settings import RuleNames
from lint.settings.config_schema import SCHEMA_FILE, _shape, current
from lint.settings.model import FILE_KEYS, ConfigError, Declaration, parse_layer

SHIPPED = ROOT / "schemas" / SCHEMA_FILE
SCRIPT = ROOT / "scripts" / "config_schema.py"
SCHEMA = json.loads(SHIPPED.read_text(encoding="utf-8"))
RULES = list(RuleNames())


def _toml_integer(checker: Any, instance: Any) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


# JSON has one kind of number, so to JSON Schema 10.0 is an integer; TOML has two, and
# the code takes only a TOML integer where it wants a whole number. Validated here as
# TOML tools validate: "integer" is a TOML integer.
TomlValidator = jsonschema.validators.extend(
    jsonschema.Draft7Validator, type_checker=jsonschema.Draft7Validator.TYPE_CHECKER.redefine("integer", _toml_integer))
VALIDATOR = TomlValidator(SCHEMA)


def schema_accepts(table: dict) -> bool:
    return VALIDATOR.is_valid(table)


def code_accepts(table: dict) -> bool:
    try:
        parse_layer(table, None, "", RULES)
    except ConfigError:
        return False
    return True


def agree(table: dict) -> bool:
    schema, code = schema_accepts(table), code_accepts(table)
    assert schema == code, f"{table!r}: the schema {'accepts' if schema else 'rejects'} it, the code {'accepts' if code else 'rejects'} it"
    return code


# The generated file ---------------------------------------------------------------


def test_the_shipped_schema_is_the_one_the_settings_give() -> None:
    assert SHIPPED.read_text(encoding="utf-8") == current(), "regenerate it: python scripts/config_schema.py"


def test_it_is_in_the_form_schemastore_takes() -> None:
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert SCHEMA["$id"].startswith("https://") and SCHEMA["title"] and SCHEMA["description"]
    assert SCHEMA["type"] == "object" and SCHEMA["additionalProperties"] is False
    assert list(SCHEMA["properties"]) == list(FILE_KEYS)  # every setting a file may give, and nothing else
    for key, prop in SCHEMA["properties"].items():
        assert isinstance(prop["title"], str) and prop["title"], key
        assert isinstance(prop["description"], str) and len(prop["description"]) > 20, key
        if "default" in prop:
            assert agree({key: prop["default"]}), key


def test_a_setting_read_in_a_way_the_generator_does_not_know_stops_it() -> None:
    novel = Declaration(key="docs-link", flag="--docs-link", help="Where the docs are.", parse=lambda reader, key, value: value)
    with pytest.raises(LookupError, match="setting 'docs-link'.*add its schema"):
        _shape(novel, RULES)


def _script() -> Any:
    spec = importlib.util.spec_from_file_location("config_schema_script", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_script_says_when_the_file_is_stale_and_rewrites_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    script = _script()
    target = tmp_path / "schemas" / SCHEMA_FILE
    target.parent.mkdir()
    target.write_text("{}\n", encoding="utf-8")
    monkeypatch.setattr(script, "TARGET", target)
    monkeypatch.setattr(script, "ROOT", tmp_path)
    assert script.main(["--check"]) == 1 and target.read_text(encoding="utf-8") == "{}\n"
    assert script.main([]) == 0 and target.read_text(encoding="utf-8") == current()
    assert script.main(["--check"]) == 0


# What it accepts: the same as the code ---------------------------------------------


def _any_case(word: str) -> st.SearchStrategy[str]:
    return st.lists(st.booleans(), min_size=len(word), max_size=len(word)).map(
        lambda upper: "".join(c.upper() if u else c for c, u in zip(word, upper)))


SPACE = st.sampled_from(["", " ", "\t", "\n", "\u00a0"])
LEVELS = st.builds(lambda left, word, right: left + word + right, SPACE, st.sampled_from(["error", "warning", "info"]).flatmap(_any_case), SPACE)
NEAR_RULES = st.sampled_from(RULES).flatmap(lambda r: st.sampled_from([r[:-1], r.upper(), r.replace("-", "_"), r + "s", " " + r]))
RULE_NAMES = st.one_of(st.sampled_from(RULES), NEAR_RULES)
GLOBS = st.text(alphabet="ab/ *?!#.-[]\\\n", max_size=8) | st.sampled_from(["!*.md", "**/legacy-*/**", "[ab]*", "/", " ", "a#/b"])
NUMBERS = st.one_of(
    st.integers(-3, 12), st.integers(95, 105), st.integers(495, 505), st.integers(),
    st.floats(allow_nan=False),  # JSON has no NaN: no editor hands one to a schema
    st.floats(-1, 11, allow_nan=False), st.sampled_from([0.0, 10.0, -0.0, 1.0, 0.5]),
)
WORDS = st.one_of(st.text(max_size=8), RULE_NAMES, LEVELS, GLOBS, st.sampled_from(["https://example.com/docs", "docs/rules.md"]))
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, WORDS)
LISTS = st.lists(st.one_of(RULE_NAMES, GLOBS, LEVELS, SCALARS), max_size=4) | st.lists(st.sampled_from(RULES), min_size=1, max_size=3)
TABLES = st.one_of(
    st.dictionaries(RULE_NAMES, st.one_of(LEVELS, SCALARS), max_size=3),
    st.dictionaries(st.one_of(GLOBS, st.builds(lambda g, p: f"{g}#{p}", GLOBS, st.text(alphabet="/a#", max_size=3))),
                    st.one_of(st.lists(RULE_NAMES, max_size=3), SCALARS), max_size=3),
)
VALUES = st.one_of(SCALARS, LISTS, TABLES, st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(WORDS, inner, max_size=3),
                                                        max_leaves=6))


@pytest.mark.parametrize("key", FILE_KEYS)
@settings(max_examples=max(300, settings().max_examples))
@given(value=VALUES)
def test_each_setting_is_accepted_by_the_schema_exactly_when_the_code_accepts_it(key: str, value: Any) -> None:
    agree({key: value})


# A value of each kind, right and wrong: each setting takes at least one, and refuses at least one.
CANDIDATES: list[Any] = [
    True, False, 0, 1, 7, 10, 100, 101, 500, 501, -1, 0.0, 7.5, 10.0, 10.5, -0.5, "", "warning", "Warning ", "fatal",
    "legacy-*", "https://example.com/docs", [], [RULES[0]], [RULES[0], "absolute-pat"], ["legacy-*"], ["/"], [" "], [1], ["!keep"],
    {}, {RULES[0]: "warning"}, {RULES[0]: "fatal"}, {"absolute-pat": "info"}, {"*.md": [RULES[0]]}, {"*.md#/scores": [RULES[0]]},
    {"*.md#scores": [RULES[0]]}, {"/": [RULES[0]]}, {"!*.md": [RULES[0]]}, {"*.md": RULES[0]}, {"*.md": ["absolute-pat"]},
]


@pytest.mark.parametrize("key", FILE_KEYS)
def test_each_setting_takes_some_values_and_refuses_others_as_the_code_does(key: str) -> None:
    verdicts = [agree({key: value}) for value in CANDIDATES]
    assert any(verdicts) and not all(verdicts), key


@pytest.mark.parametrize(("table", "accepted"), [
    ({"fail-level": "warning"}, True),
    ({"fail-level": "WARNING"}, True),                       # the code reads a level in any case
    ({"fail-level": "warn"}, False),
    ({"fail-level": 2}, False),                              # wrong type
    ({"max-file-size": "10"}, False),
    ({"max-file-size": 10.0}, False),                        # a TOML float where a whole number is wanted
    ({"ignore": "section-empty"}, False),                    # a rule, not a list of rules
    ({"ignore-suppressions": "true"}, False),
    ({"fail-under": True}, False),
    ({"max-json-depth": 500}, True),
    ({"max-json-depth": 501}, False),                        # out of range
    ({"max-markdown-depth": 0}, False),
    ({"fail-under": 10.5}, False),
    ({"fail-under": 0}, True),
    ({"select": []}, False),                                 # selecting nothing
    ({"severity": {"score-mismatc": "warning"}}, False),     # a misspelt rule in a per-rule table
    ({"severity": {"score-mismatch": "warning"}}, True),
    ({"per-file-ignores": {"**/legacy-*/**": ["absolute-pat"]}}, False),
    ({"per-file-ignores": {"backend_output.json#/scores/0": ["score-range"]}}, True),
    ({"per-file-ignores": {"backend_output.json#scores": ["score-range"]}}, False),   # a pointer starts with '/'
    ({"per-file-ignores": {"#/scores": ["score-range"]}}, False),                      # no glob
    ({"per-file-ignores": {"backend_output.json#\n": ["score-range"]}}, False),        # a line break is no pointer
    ({"exclude": ["Docs/hive-mind/sessions/2024-*"]}, True),
    ({"exclude": ["/"]}, False),
    ({"exclude": ["!Docs/keep"]}, False),                    # a negation would match nothing on its own
    ({"per-file-ignores": {"!*.md": ["absolute-path"]}}, False),
    ({"packs": ["!odd-name.toml"]}, True),                   # a pack is a file name, not a glob
    ({"fail_level": "error"}, False),                        # unknown key: a near miss
    ({"templates": "templates"}, False),                     # command line only
])
def test_named_cases(table: dict, accepted: bool) -> None:
    assert agree(table) is accepted


@given(key=st.text(max_size=20).filter(lambda k: k not in FILE_KEYS), value=SCALARS)
def test_an_unknown_key_is_refused_by_both(key: str, value: Any) -> None:
    assert agree({key: value}) is False


@given(table=st.dictionaries(st.sampled_from(FILE_KEYS), VALUES, max_size=4))
def test_whole_tables_agree(table: dict) -> None:
    agree(table)


# The README's examples -------------------------------------------------------------


def readme_configurations() -> list[dict]:
    """Every configuration the README shows: [tool.worker-lint] tables and .worker-lint.toml files."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tables = []
    for block in re.findall(r"```toml\n(.*?)```", readme, re.S):
        data = tomllib.loads(block)
        if "tool" in data:
            tables.append(data["tool"]["worker-lint"])
        elif set(data) <= set(FILE_KEYS) and data:
            tables.append(data)
    return tables


def test_the_readme_examples_validate() -> None:
    tables = readme_configurations()
    assert tables, "no configuration example found in the README"
    for table in tables:
        errors = [e.message for e in VALIDATOR.iter_errors(table)]
        assert not errors, errors
        assert code_accepts(table)
