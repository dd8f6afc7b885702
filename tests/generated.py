"""Generated deliverable files, and what must hold for whatever the linter says about them.

Shared by tests/test_properties.py and the fuzz target (fuzz/fuzz_loaders.py):
Hypothesis strategies for raw bytes, JSON values, Markdown and mutated clean
deliverables, the clean deliverables they start from, and the checks every
reported position and pointer must pass.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

from hypothesis import strategies as st

from lint.checks import REGISTRY

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
VALUE_START = frozenset('"{[-0123456789tfn')


# --------------------------------------------------------------------------
# The clean deliverables to start from


def clean_projects() -> dict[str, tuple[Path, tuple[str, ...]]]:
    """Each clean fixture project by name, with the packs (relative to it) it needs."""
    projects = {"example": (FIXTURES / "example", ())}
    for group in ("valid", "workers"):
        for folder in sorted((FIXTURES / group).iterdir()):
            projects[folder.name] = (folder, ())
    projects["custom-worker"] = (FIXTURES / "custom-worker", ("packs/dataeng.toml",))
    return projects


def deliverable_files(project: Path) -> tuple[Path, Path]:
    """The notes and output file of the one deliverable in a project."""
    sessions = project / "Docs" / "hive-mind" / "sessions"
    return next(sessions.glob("*/workers/notes/*_notes.md")), next(sessions.glob("*/workers/json/*_output.json"))


PROJECTS = clean_projects()
CLEAN = {name: tuple(p.read_bytes() for p in deliverable_files(folder)) for name, (folder, _) in PROJECTS.items()}
EXAMPLE_NOTES, EXAMPLE_OUTPUT = CLEAN["example"]


# --------------------------------------------------------------------------
# What must hold


def file_lines(data: bytes) -> list[str]:
    """The file's lines as the linter numbers them.

    LF, CRLF and a lone CR each end a line; a leading byte-order mark is no
    column; an undecodable byte is one character; and the empty line after a
    final line break counts (a JSON file may end there unexpectedly).
    """
    text = data.decode("utf-8", errors="replace")
    return _LINE_BREAK.split(text.removeprefix("\ufeff"))


def resolve_pointer(document, pointer: str):
    """The value an RFC 6901 pointer names; KeyError when it names nothing."""
    if pointer == "":
        return document
    if not pointer.startswith("/"):
        raise KeyError(pointer)
    node = document
    for token in pointer[1:].split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and re.fullmatch(r"0|[1-9][0-9]*", token) and int(token) < len(node):
            node = node[int(token)]
        else:
            raise KeyError(pointer)
    return node


def parsed_output(data: bytes):
    """The output file's value, read as the linter reads it (it parsed, or there is no pointer)."""
    text = data.decode("utf-8")
    return json.loads(text.removeprefix("\ufeff"))


def assert_inside(lines: list[str], line: int, column: int, what: str) -> None:
    assert 1 <= line <= len(lines), f"{what}: line {line} of {len(lines)}"
    assert 1 <= column <= len(lines[line - 1]) + 1, f"{what}: column {column} of a line of {len(lines[line - 1])}"


def check_finding(finding: dict, files: dict[Path, bytes], notes: Path) -> None:
    """A finding (as the JSON report has it, ``file`` resolved) lies inside its file; its pointer resolves."""
    path = Path(finding["file"])
    assert path in files, finding
    lines = file_lines(files[path])
    what = f"{finding['rule']} at {finding['line']}:{finding['column']}"
    assert_inside(lines, finding["line"], finding["column"], what)
    if finding["end_line"] is not None:
        assert_inside(lines, finding["end_line"], finding["end_column"], what + " (end)")
        assert (finding["end_line"], finding["end_column"]) >= (finding["line"], finding["column"]), what
    if path == notes:
        assert finding["pointer"] is None, finding
        return
    if finding["pointer"] is None:
        return
    try:
        resolve_pointer(parsed_output(files[path]), finding["pointer"])
    except KeyError:
        raise AssertionError(f"{what}: pointer {finding['pointer']!r} names nothing in the output") from None
    char = lines[finding["line"] - 1][finding["column"] - 1 : finding["column"]]
    assert char in VALUE_START, f"{what}: pointer {finding['pointer']!r} placed at {char!r}, not a value or key"


# --------------------------------------------------------------------------
# Strategies

# Fragments that reach the rules: ids, paths, placeholders, suppressions, odd characters.
TOKENS = [
    "BACKEND-CRIT-001", "BACKEND-HIGH-003", "BACKEND-MED-1", "backend-low-007", "BACKEND-LOW-777",
    "/srv/app/api/x.py:12", "app/models/user.py", "C:\\src\\app.py", "https://example.com/a/b.py", "/api/v1/users",
    "High", "CRITICAL", "{{SESSION_ID}}", "[TEMPLATE]", "API-001-TEMPLATE", "Template - fill", "*REQUIRED: cite files.*", "critical|high|low",
    "<!-- worker-lint-disable -->", "<!-- worker-lint-enable absolute-path -->", "<!-- worker-lint-disable-next-line nope -->",
    "<!-- worker-lint-disable-file section-empty -->", "<!--", "-->", "`", "``", "```", "~~~", "**", "*", "_", "|", "#", ">",
    "0/10", "7.5/10", "11/10", "-1/10", "1,247", "9" * 40, "2025-09-14", "14 September 2025", "\t", "\u2028", "\x85",
    "\ufeff", "\x1b[31m", "\u00e9\U0001f600", "\\", "\"", "\r", "\x0c",
]
RULE_NAMES = sorted(REGISTRY) + ["no-such-rule"]

words = st.text(st.characters(codec="utf-8", exclude_characters="\x00\r\n"), max_size=12)
inline = st.lists(st.one_of(words, st.sampled_from(TOKENS), words.map(lambda w: f"`{w}`"), words.map(lambda w: f"**{w}**")),
                  max_size=6).map(" ".join)

HEADINGS = sorted({line.lstrip("#").strip() for line in EXAMPLE_NOTES.decode().splitlines() if line.startswith("#")})
LABELS = ["API Design Score", "Database Performance Score", "Service Architecture Score", "Files Analyzed", "Analysis Date"]


def _one_line(strategy):
    return strategy.map(lambda line: [line])


heading = st.builds(lambda level, title: "#" * level + " " + title, st.integers(1, 7), st.one_of(st.sampled_from(HEADINGS), inline))
setext = st.builds(lambda title, under: [title, under], inline, st.sampled_from(["===", "---", "=", "- - -"]))
label_line = st.builds(lambda marker, label, value: f"{marker}**{label}**: {value}", st.sampled_from(["- ", "* ", ""]),
                       st.sampled_from(LABELS), st.one_of(inline, st.sampled_from(["7/10", "0/10", "47", "2025-09-14", "6.5/10 (x)"])))
fence = st.builds(
    lambda marker, info, body, closing: [marker + info, *body] + ([closing] if closing is not None else []),
    st.sampled_from(["```", "````", "~~~", "~~~~~"]), st.sampled_from(["", "python", "json", " x `y`"]),
    st.lists(inline, max_size=4), st.one_of(st.none(), st.sampled_from(["```", "````", "~~~", "~~~~~", " ```", "```x"])),
)
comment = st.builds(
    lambda kind, rules, body, closed: [f"<!-- worker-lint-{kind} {' '.join(rules)}" if kind else "<!--", *body] + (["-->"] if closed else []),
    st.sampled_from(["", "disable", "enable", "disable-next-line", "disable-file", "bogus"]),
    st.lists(st.sampled_from(RULE_NAMES), max_size=2), st.lists(inline, max_size=3), st.booleans(),
)
table = st.builds(lambda head, rows: [head, "|---|---|", *rows], inline.map(lambda c: f"| {c} | b |"),
                  st.lists(inline.map(lambda c: f"| {c} |  |"), max_size=3))
leaf_block = st.one_of(
    _one_line(heading), setext, _one_line(label_line), fence, comment, table,
    st.lists(inline, min_size=1, max_size=3),
    _one_line(inline.map(lambda text: "    " + text)),
    st.sampled_from([[""], ["---"], ["***"], ["<div>"], ["</div>"], ["1. one", "2) two"]]),
)


def _quote(blocks: list[list[str]]) -> list[str]:
    return ["> " + line for block in blocks for line in block] or [">"]


def _item(marker: str, blocks: list[list[str]]) -> list[str]:
    lines = [line for block in blocks for line in block] or [""]
    return [marker + " " + lines[0]] + ["  " + line for line in lines[1:]]


block = st.recursive(
    leaf_block,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(_quote),
        st.builds(_item, st.sampled_from(["-", "*", "+", "1.", "12)"]), st.lists(inner, max_size=3)),
    ),
    max_leaves=8,
)


@st.composite
def with_line_ends(draw, lines: list[str]) -> bytes:
    """Join lines with LF, CRLF or CR, one kind for the file or a mix."""
    style = draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
    ends = [draw(st.sampled_from(["\n", "\r\n", "\r"])) if style == "mixed" else style for _ in lines]
    if lines and not draw(st.booleans()):
        ends[-1] = ""  # no final line break
    bom = "\ufeff" if draw(st.integers(0, 9)) == 0 else ""
    return (bom + "".join(line + end for line, end in zip(lines, ends))).encode("utf-8")


@st.composite
def markdown_files(draw) -> bytes:
    """Generated Markdown, on its own or spliced into the example's notes."""
    lines = [line for blocks in draw(st.lists(block, max_size=12)) for line in blocks]
    if draw(st.booleans()):
        base = EXAMPLE_NOTES.decode("utf-8").split("\n")
        at = draw(st.integers(0, len(base)))
        lines = base[:at] + lines + base[at:]
    return draw(with_line_ends(lines))


json_keys = st.one_of(st.text(max_size=8), st.sampled_from(["id", "priority", "scores", "a/b", "~", "~1", "~0/", "", "0", "file_path"]))
json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(-(10**30), 10**30),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20), st.sampled_from(TOKENS),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(json_keys, inner, max_size=4)),
    max_leaves=25,
)


@st.composite
def serialised(draw, value) -> bytes:
    """JSON text for ``value``, in one of the layouts a worker might write."""
    indent = draw(st.sampled_from([None, 0, 2, 4, "\t"]))
    text = json.dumps(value, indent=indent, ensure_ascii=draw(st.booleans()))
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = text.replace("\n", ending)  # strings hold escaped line breaks only: this changes white space
    return (text + draw(st.sampled_from(["", ending]))).encode("utf-8")


GARBAGE = [t.encode("utf-8") for t in TOKENS] + [
    b"\x00", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\r", b"\r\n", b"\n", b"{", b"}", b"[", b"]", b",",
    b":", b'"', b"NaN", b"-Infinity", b"\\u0000", b"\\ud800", b'"a": 1,', b"// c", b"/* c */", b"\xff\xfe",
]
garbage = st.one_of(st.sampled_from(GARBAGE), st.binary(max_size=30))


@st.composite
def mutated_bytes(draw, raw: bytes) -> bytes:
    """The file after a few byte or line edits: delete, duplicate, swap, insert garbage, truncate,
    change a number or the case of a word (what the fixes put right)."""
    data = raw
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "truncate", "renumber", "recase",
                                   "delete-line", "duplicate-line", "swap-lines", "insert-line"]))
        if op in ("renumber", "recase"):
            found = [m.span() for m in re.finditer(rb"[0-9]+" if op == "renumber" else rb"[a-z]+", data)]
            if found:
                i, j = draw(st.sampled_from(found))
                new = str(draw(st.integers(0, 120))).encode() if op == "renumber" else data[i:j].title()
                data = data[:i] + new + data[j:]
            continue
        if op.endswith(("line", "lines")):
            lines = data.split(b"\n")
            i, j = sorted(draw(st.lists(st.integers(0, len(lines) - 1), min_size=2, max_size=2)))
            if op == "delete-line":
                del lines[i]
            elif op == "duplicate-line":
                lines.insert(i, lines[i])
            elif op == "swap-lines":
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines.insert(i, draw(garbage))
            data = b"\n".join(lines)
            continue
        i, j = sorted(draw(st.lists(st.integers(0, len(data)), min_size=2, max_size=2)))
        if op == "delete":
            data = data[:i] + data[j:]
        elif op == "duplicate":
            data = data[:j] + data[i:j] + data[j:]
        elif op == "swap":
            k = draw(st.integers(j, len(data)))
            data = data[:i] + data[j:k] + data[i:j] + data[k:]
        elif op == "insert":
            data = data[:i] + draw(garbage) + data[i:]
        else:
            data = data[:i]
    return data


def _places(value, parent=None, key=None) -> list:
    """(container, key) for every value below the top, in document order."""
    found = [(parent, key)] if parent is not None else []
    if isinstance(value, dict):
        for k, v in value.items():
            found += _places(v, value, k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += _places(v, value, i)
    return found


@st.composite
def mutated_json(draw, raw: bytes) -> bytes:
    """The output after a few edits of its values: types changed, keys removed, strings replaced, entries doubled."""
    value = copy.deepcopy(json.loads(raw))
    for _ in range(draw(st.integers(1, 4))):
        places = _places(value)
        if not places:
            break
        container, key = draw(st.sampled_from(places))
        op = draw(st.sampled_from(["retype", "remove", "string", "double", "empty", "number", "template"]))
        if op == "retype":
            container[key] = draw(json_values)
        elif op == "remove":
            del container[key]
        elif op == "string":
            container[key] = draw(st.one_of(st.sampled_from(TOKENS), st.text(max_size=30)))
        elif op == "double" and isinstance(container, list):
            container.insert(key, copy.deepcopy(container[key]))
        elif op == "double":
            container[draw(json_keys)] = copy.deepcopy(container[key])
        elif op == "template" and isinstance(container, list) and isinstance(container[key], dict):
            entry = copy.deepcopy(container[key])
            entry["id"] = f"{entry.get('id', 'X-001')}-TEMPLATE"
            container.append(entry)
        elif op == "empty":
            container[key] = type(container[key])() if isinstance(container[key], (dict, list, str)) else None
        else:
            container[key] = draw(st.sampled_from([0, -1, 10, 10.5, 1e308, 2**64, True, "7", 0.1]))
    return draw(serialised(value))
