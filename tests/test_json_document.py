"""Strict JSON loading: errors with exact positions, and pointer positions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.documents.jsondoc import (
    MAX_DEPTH,
    JsonDocument,
    StrictJSONError,
    escape_pointer_token,
    join_pointer,
    parse_json,
)
from lint.documents.loading import LoadProblem, Missing, load_output


def load(tmp_path: Path, data: bytes | str):
    path = tmp_path / "backend_output.json"
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return load_output(path)


def problem(tmp_path: Path, data: bytes | str) -> LoadProblem:
    result = load(tmp_path, data)
    assert isinstance(result, LoadProblem), result
    return result


def where(tmp_path: Path, data: bytes | str) -> tuple[str, int, int]:
    p = problem(tmp_path, data)
    return p.rule, p.line, p.column


# --------------------------------------------------------------------------
# Strict-JSON errors, with the exact line and column


@pytest.mark.parametrize(
    "text, line, column, message",
    [
        ('{"a": NaN}', 1, 7, "'NaN' is not a JSON value"),
        ('{\n  "a": 1,\n  "b": Infinity\n}', 3, 8, "'Infinity' is not a JSON value"),
        ('{"a": [1, -Infinity]}', 1, 11, "'-Infinity' is not a JSON value"),
        # The words inside strings are not the constant: the bare one is found.
        ('{"NaN": "Infinity", "b": NaN}', 1, 26, "'NaN' is not a JSON value"),
        # Columns count characters, not bytes.
        ('{"\u00e9\U0001f600": NaN}', 1, 8, "'NaN' is not a JSON value"),
    ],
)
def test_nan_and_infinity(tmp_path, text, line, column, message):
    p = problem(tmp_path, text)
    assert (p.rule, p.line, p.column) == ("json-syntax", line, column)
    assert p.message.startswith(message)


@pytest.mark.parametrize(
    "text, line, column, bracket",
    [
        # The position is the trailing comma itself; the message names the
        # bracket that follows it.
        ('{"a": 1,\n}', 1, 8, "}"),
        ('{"a": 1, }', 1, 8, "}"),
        ("[1, 2, ]", 1, 6, "]"),
        ('{"a": [1,\n  2,\n  ],\n  "b": 0}', 2, 4, "]"),
    ],
)
def test_trailing_commas(tmp_path, text, line, column, bracket):
    p = problem(tmp_path, text)
    assert (p.rule, p.line, p.column) == ("json-syntax", line, column)
    assert p.message == f"trailing comma before '{bracket}'"


@pytest.mark.parametrize(
    "text, line, column",
    [
        ('{\n  // a line comment\n  "a": 1\n}', 2, 3),
        ('{"a": /* block */ 1}', 1, 7),
        ("// leading\n{}", 1, 1),
        ('{"a": 1} // trailing', 1, 10),
        ('{"a": 1, /* after a comma */ "b": 2}', 1, 10),
    ],
)
def test_comments(tmp_path, text, line, column):
    p = problem(tmp_path, text)
    assert (p.rule, p.line, p.column) == ("json-syntax", line, column)
    assert p.message == "comments are not allowed in JSON"


def test_single_quoted_key(tmp_path):
    p = problem(tmp_path, "{\n  'a': 1\n}")
    assert (p.rule, p.line, p.column) == ("json-syntax", 2, 3)
    assert p.message == "strings and keys need double quotes, not single quotes"


def test_single_quoted_value_position(tmp_path):
    assert where(tmp_path, "{\"a\": 'x'}") == ("json-syntax", 1, 7)


def test_single_quoted_value_message(tmp_path):
    p = problem(tmp_path, "{\"a\": 'x'}")
    assert p.message == "strings and keys need double quotes, not single quotes"


def test_unterminated_string(tmp_path):
    p = problem(tmp_path, '{\n  "a": "never closed\n}')
    # Closed by the end of the line: reported at the raw newline itself.
    assert (p.rule, p.line, p.column) == ("json-syntax", 2, 21)
    assert p.message.startswith("a raw control character")
    p = problem(tmp_path, '{"a": "abc')
    assert (p.rule, p.line, p.column) == ("json-syntax", 1, 7)
    assert p.message == "a string is never closed"


def test_raw_control_character_in_string(tmp_path):
    p = problem(tmp_path, '{"a": "x\ty"}')
    assert (p.rule, p.line, p.column) == ("json-syntax", 1, 9)
    assert p.message.startswith("a raw control character")


@pytest.mark.parametrize(
    "text, line, column",
    [('{"a": 1}\n{"b": 2}', 2, 1), ("{} x", 1, 4), ("[1]\n\n  ]", 3, 3)],
)
def test_extra_data(tmp_path, text, line, column):
    p = problem(tmp_path, text)
    assert (p.rule, p.line, p.column) == ("json-syntax", line, column)
    assert p.message == "unexpected text after the JSON value ends"


def test_crlf_positions(tmp_path):
    assert where(tmp_path, b'{\r\n  "a": NaN\r\n}') == ("json-syntax", 2, 8)


@pytest.mark.parametrize(
    "data, line, column, byte",
    [
        ('{"a": "\u00e9\u00e9'.encode() + b'\xff"}', 1, 10, 0xFF),
        (b'{\n "\xc3\xa9x": "\xe2\x82"}', 2, 9, 0xE2),  # truncated sequence
        ('{\n  "k": "\U0001f600'.encode() + b'\xc3\x28"}', 2, 10, 0xC3),
        (b"\x80{}", 1, 1, 0x80),
    ],
)
def test_invalid_utf8_column_in_characters(tmp_path, data, line, column, byte):
    p = problem(tmp_path, data)
    assert (p.rule, p.line, p.column) == ("json-syntax", line, column)
    assert p.message == f"invalid UTF-8: byte 0x{byte:02x} cannot be decoded"


def test_invalid_utf8_after_bom_column(tmp_path):
    assert where(tmp_path, b'\xef\xbb\xbf{"a": "\xff"}') == ("json-syntax", 1, 8)


@pytest.mark.parametrize("data, line, column", [(b'{\r  "a": "\xff"}', 2, 9), (b'{\r\n"a":\r"\xff"}', 3, 2), (b"{}\r\x00", 2, 1)])
def test_undecodable_byte_positions_count_lone_cr_line_ends(tmp_path, data, line, column):
    # A lone CR ends a line here as in every other position the linter reports.
    _, found_line, found_column = where(tmp_path, data)
    assert (found_line, found_column) == (line, column)


@pytest.mark.parametrize("data", [b"", b" ", b" \n\t \r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf  \n"])
def test_empty_and_whitespace_only(tmp_path, data):
    p = problem(tmp_path, data)
    assert (p.rule, p.line, p.column) == ("file-empty", 1, 1)


def test_nul_byte(tmp_path):
    p = problem(tmp_path, b'{"a":\n "b\x00"}')
    assert (p.rule, p.line, p.column) == ("file-unreadable", 2, 4)
    assert "NUL" in p.message


def test_nul_byte_column_in_characters(tmp_path):
    assert where(tmp_path, '{"\u00e9": "\x00"}'.encode()) == ("file-unreadable", 1, 8)


def test_missing_file(tmp_path):
    assert isinstance(load_output(tmp_path / "nope.json"), Missing)


def test_top_level_array_and_scalars_parse(tmp_path):
    d = load(tmp_path, "[1, 2, {\"a\": null}]")
    assert isinstance(d, JsonDocument)
    assert d.value == [1, 2, {"a": None}] and d.depth == 2
    d = load(tmp_path, ' "just a string" ')
    assert isinstance(d, JsonDocument) and d.value == "just a string" and d.depth == 0
    assert d.position("") == (1, 2)


def test_bom_is_accepted(tmp_path):
    d = load(tmp_path, b'\xef\xbb\xbf{\n  "a": 1\n}\n')
    assert isinstance(d, JsonDocument)
    assert d.value == {"a": 1}
    assert d.position("/a") == (2, 8)
    # Positions of errors after a BOM do not count it either.
    assert where(tmp_path, b'\xef\xbb\xbf{"a": NaN}') == ("json-syntax", 1, 7)


@pytest.mark.parametrize("opener, closer", [("[", "]"), ('{"a":', "}")])
def test_nesting_100000_levels(tmp_path, opener, closer):
    depth = 100_000
    inner = "1" if opener != "[" else ""
    p = problem(tmp_path, opener * depth + inner + closer * depth)
    assert p.rule == "file-unreadable"  # a limit of the reader, as the size limit is
    # Reported at the bracket that opens level MAX_DEPTH + 1.
    assert (p.line, p.column) == (1, len(opener) * MAX_DEPTH + 1)
    assert str(MAX_DEPTH) in p.message


def test_nesting_at_and_over_the_limit(tmp_path):
    ok = load(tmp_path, "[" * MAX_DEPTH + "]" * MAX_DEPTH)
    assert isinstance(ok, JsonDocument) and ok.depth == MAX_DEPTH
    text = '{"k":\n' + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "}"
    p = problem(tmp_path, text)
    assert p.rule == "file-unreadable"
    assert p.message == f"the JSON is nested deeper than the limit of {MAX_DEPTH} levels"
    assert "--max-json-depth" in p.hint and "max-json-depth in the configuration" in p.hint
    # Level 1 is the '{'; level MAX_DEPTH + 1 is the MAX_DEPTH-th '['.
    assert (p.line, p.column) == (2, MAX_DEPTH)


def test_parse_json_raises_with_offset():
    with pytest.raises(StrictJSONError) as info:
        parse_json('{"a": [1, 2,]}')
    assert info.value.offset == 11
    with pytest.raises(StrictJSONError) as info:
        parse_json('[Infinity]')
    assert info.value.offset == 1


# --------------------------------------------------------------------------
# Positions of pointers

NESTED = """{
  "session": {
    "id": "s-1",
    "workers": [
      {"name": "backend", "files": ["a.py", "b.py"]},
      {"name": "frontend", "files": []}
    ]
  },
  "a/b": {"c~d": 1, "~1": 2, "": 3},
  "score": 7.5
}"""


@pytest.fixture(scope="module")
def nested() -> JsonDocument:
    return parse_json(NESTED)


@pytest.mark.parametrize(
    "pointer, value_pos, key_pos",
    [
        ("", (1, 1), (1, 1)),
        ("/session", (2, 14), (2, 3)),
        ("/session/id", (3, 11), (3, 5)),
        ("/session/workers", (4, 16), (4, 5)),
        ("/session/workers/0", (5, 7), (5, 7)),  # array elements have no key
        ("/session/workers/0/name", (5, 16), (5, 8)),
        ("/session/workers/0/files/1", (5, 45), (5, 45)),
        ("/session/workers/1/files", (6, 37), (6, 28)),
        ("/a~1b", (9, 10), (9, 3)),  # key "a/b"
        ("/a~1b/c~0d", (9, 18), (9, 11)),  # key "c~d"
        ("/a~1b/~01", (9, 27), (9, 21)),  # key "~1", not "/"
        ("/a~1b/", (9, 34), (9, 30)),  # the empty key
        ("/score", (10, 12), (10, 3)),
    ],
)
def test_positions(nested, pointer, value_pos, key_pos):
    assert nested.position(pointer) == value_pos
    assert nested.position(pointer, key=True) == key_pos
    # The text really is there.
    line, column = value_pos
    assert NESTED.split("\n")[line - 1][column - 1] in '{["0123456789-tfn\"'
    line, column = key_pos
    if pointer and not pointer.split("/")[-1].isdigit():
        assert NESTED.split("\n")[line - 1][column - 1] == '"'


def test_pointer_escaping_helpers():
    assert escape_pointer_token("a/b~c") == "a~1b~0c"
    assert escape_pointer_token("~1") == "~01"
    assert escape_pointer_token(3) == "3"
    assert join_pointer("/x", "a/b") == "/x/a~1b"
    assert join_pointer("", "") == "/"


@pytest.mark.parametrize(
    "pointer, parent",
    [
        ("/session/workers/5", "/session/workers"),
        ("/session/workers/0/missing/deeper", "/session/workers/0"),
        ("/session/id/not-an-object", "/session/id"),
        ("/nothing", ""),
        ("/a/b", ""),  # unescaped: no key "a", so the root
        ("/a~1b/zz", "/a~1b"),
    ],
)
def test_missing_pointer_falls_back_to_nearest_parent(nested, pointer, parent):
    assert nested.member(pointer) is None
    assert nested.position(pointer) == nested.position(parent)
    assert nested.position(pointer, key=True) == nested.position(parent, key=True)


def test_root_position_after_leading_whitespace():
    d = parse_json('\n\n   {"a": 1}')
    assert d.position("") == (3, 4)
    assert d.position("/zzz") == (3, 4)


def test_member_extent():
    d = parse_json(NESTED)
    member = d.member("/session/workers/0")
    assert NESTED[member.value_offset : member.end_offset] == '{"name": "backend", "files": ["a.py", "b.py"]}'
    member = d.member("/a~1b/c~0d")
    assert NESTED[member.key_offset : member.value_offset] == '"c~d": '


def test_duplicate_keys():
    text = '{\n  "scores": {\n    "api": 7,\n    "api": 0\n  },\n  "x": 1\n}'
    d = parse_json(text)
    assert d.has_duplicates
    assert d.value == {"scores": {"api": 0}, "x": 1}
    (dup,) = d.duplicates
    assert (dup.pointer, dup.key) == ("/scores/api", "api")
    assert d.index.position(dup.offset) == (4, 5)
    assert d.index.position(dup.first_offset) == (3, 5)
    # The pointer resolves to the value that survives parsing: the second.
    assert d.position("/scores/api") == (4, 12)


def test_duplicate_keys_spelled_differently_and_nested_containers():
    text = '{"a": {"n": 1}, "b": [], "\\u0061": [1]}'
    d = parse_json(text)
    (dup,) = d.duplicates
    assert dup.key == "a" and dup.pointer == "/a"
    assert dup.offset == text.index('"\\u0061"')
    assert dup.first_offset == 1
    assert d.value == {"a": [1], "b": []}


def test_same_key_in_different_objects_is_not_a_duplicate():
    d = parse_json('{"a": {"k": 1}, "b": {"k": 2}, "c": [{"k": 1}, {"k": 2}]}')
    assert not d.has_duplicates and d.duplicates == []


def test_triple_duplicate_points_at_the_first_definition():
    d = parse_json('{\n"a": 1,\n"a": 2,\n"a": 3\n}')
    assert [d.index.position(x.first_offset)[0] for x in d.duplicates] == [2, 2]


# --------------------------------------------------------------------------
# Property: every pointer's position points at its serialised value

_key = st.one_of(
    st.text(max_size=8),
    st.sampled_from(["", "/", "~", "~0", "~1", "a/b", "a~b", '"', "\\", "\n", "\u2028", "\U0001f600", "0"]),
)
_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=10),
    st.sampled_from(["", '"quoted"', "back\\slash", "tab\there", "line\nbreak", "{[,:]}", "NaN", "\x00"]),
)
_values = st.recursive(
    _scalar,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(_key, children, max_size=4),
    ),
    max_leaves=25,
)


def _walk(value, pointer=""):
    yield pointer, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _walk(child, join_pointer(pointer, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _walk(child, join_pointer(pointer, index))


def _offset(text: str, line: int, column: int) -> int:
    # Independent of LineIndex: count the characters of the earlier lines.
    return sum(len(part) + 1 for part in text.split("\n")[: line - 1]) + column - 1


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_values, st.sampled_from([None, 2]), st.booleans())
def test_positions_point_at_serialised_values(value, indent, ensure_ascii):
    text = json.dumps(value, indent=indent, ensure_ascii=ensure_ascii)
    d = parse_json(text)
    assert d.value == value
    for pointer, child in _walk(value):
        dumped = json.dumps(child, indent=indent, ensure_ascii=ensure_ascii)
        at = _offset(text, *d.position(pointer))
        if isinstance(child, (dict, list)):
            assert text[at] == dumped[0], pointer
        else:
            assert text.startswith(dumped, at), pointer
        member = d.member(pointer)
        assert member is not None and member.value_offset == at
        assert json.loads(text[member.value_offset : member.end_offset]) == child
        if pointer and isinstance(_parent(value, pointer), dict):
            key_at = _offset(text, *d.position(pointer, key=True))
            assert text.startswith(json.dumps(_last_key(value, pointer), ensure_ascii=ensure_ascii), key_at)
        else:
            assert d.position(pointer, key=True) == d.position(pointer)
    assert not d.has_duplicates


def _parent(value, pointer):
    tokens = pointer.split("/")[1:-1]
    for token in tokens:
        token = token.replace("~1", "/").replace("~0", "~")
        value = value[int(token)] if isinstance(value, list) else value[token]
    return value


def _last_key(value, pointer):
    return pointer.rsplit("/", 1)[1].replace("~1", "/").replace("~0", "~")
