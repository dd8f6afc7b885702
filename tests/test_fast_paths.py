"""Fast paths give what the straightforward ones give: the notes' blocks, and the paths in a line.

``scan_blocks`` is the fast path and ``parse_blocks`` (mistune) the
straightforward one: on every generated document the scanner either gives
up or gives the same headings, code lines, comment blocks and open fences.
The lines are drawn from the constructs that decide block structure, so the
documents mix what the scanner reads with what it must leave to the parser.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lint.analysis.evidence import find_cited, may_cite
from lint.analysis.source_files import SourceRoot
from lint.documents.block_scan import scan_blocks
from lint.documents.markdown import parse_markdown
from lint.documents.mistune_blocks import parse_blocks
from lint.documents.nesting import MarkdownTooDeep

ROOT = Path(__file__).resolve().parent.parent

INDENTS = ["", " ", "  ", "   ", "    ", "      ", "        "]
LINE_KINDS = [
    "", " ", "\t", "\t ", " \t", "Plain text about the service.", "More text, with `code` and **bold**.", "#hashtag not a heading",
    "# Title", "## Section ##", "### Sub #", "#", "####### seven", "#\tTabbed", "## Executive Summary",
    "```", "```python", "````", "~~~", "~~~ yaml", "```js `x`", "``` ", "`` not a fence",
    "- item", "* item", "+ item", "1. first", "2) second", "10. tenth", "-", "1.", "- # heading in item", "- ```",
    "-     indented content", "- > quoted", "- <b>html</b>", "- - nested on one line", "-\titem", "- [ ] task", "- ***", "* ___",
    "---", "***", "___", "- - -", "* * *", "===", "=", "--", "-",
    "> quote", "<!-- comment -->", "<!-- opens", "still comment", "closes -->", "<!-->", "<div>", "</div>", "<b>inline</b> start",
    "[ref]: /url 'title", "continued title'", "| a | b |", "|---|---|", "\u00a0nbsp start", "text \\",
]
line = st.tuples(st.sampled_from(INDENTS), st.sampled_from(LINE_KINDS)).map(lambda pair: pair[0] + pair[1])
documents = st.lists(line, max_size=30).map("\n".join)


def _lines(text: str) -> list[str]:
    lines = text.split("\n")
    if lines and lines[-1] == "" and text.endswith("\n"):
        lines.pop()
    return lines


def _parsed(text: str, depth: int):
    try:
        return parse_blocks(text, _lines(text), depth)
    except MarkdownTooDeep:
        return "too deep"


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.sampled_from([1, 2, 3, 20]))
@example("- a\n  - b\n    - c", 2)
@example("text\n---\n# Heading", 20)
@example("```\ncode\n", 20)
@example("<!-- a\n\nb -->\n# after", 20)
@example("- item\n# heading\n```\ncode\n```", 20)
def test_the_scanner_declines_or_agrees_with_the_parser(text: str, depth: int) -> None:
    scanned = scan_blocks(text, _lines(text), depth)
    if scanned is not None:
        assert tuple(scanned) == tuple(_parsed(text, depth))


@pytest.mark.parametrize("text", [
    "# Title\n\nText.\n\n## Part\n\n- item\n  continued\n\n```py\nx = 1\n```\n\n<!-- note -->\n",
    "# T\n\n1. one\n2. two\n\n| a | b |\n|---|---|\n\n---\n\n### Sub ###\n",
    "# T\n\n```\nnever closed\n\n",
])
def test_plain_notes_take_the_scanner(text: str) -> None:
    """Documents of the common blocks are read without the parser (else the speed is lost)."""
    scanned = scan_blocks(text, _lines(text), 20)
    assert scanned is not None
    assert tuple(scanned) == tuple(parse_blocks(text, _lines(text), 20))


@pytest.mark.parametrize("text", [
    "> quote\n# x", "Title\n---", "    code", "- item\n\n      code", "- item\n  ```\n  code\n  ```",
    "<div>\n# x\n</div>", "[a]: /b 'c\n# d'", " # indented heading", "\tTabbed", "- a\n  - b\n    - c",
])
def test_the_scanner_declines_what_depends_on_context(text: str) -> None:
    assert scan_blocks(text, _lines(text), 2) is None


def test_the_bundled_example_takes_the_scanner() -> None:
    notes = next((ROOT / "fixtures" / "example").rglob("backend_notes.md")).read_text(encoding="utf-8")
    assert scan_blocks(notes, _lines(notes), 20) is not None


def test_nesting_past_the_limit_is_still_reported_with_its_line() -> None:
    text = "".join("  " * level + "- item\n" for level in range(5))
    with pytest.raises(MarkdownTooDeep) as raised:
        parse_markdown(text, max_depth=3)
    assert raised.value.line == 4


# The path search: word by word, as the straightforward search of the whole line finds.
PATH_PIECES = list("ab/\\.:_-@+$%#~`'\"()[]<>|,;!?*0129LX") + [" ", "\u00a0", "\u2028", "\x1c", "\u3000", "\t", "\n",
                                                                 "://", ".py", "/srv/", "C:\\", "~/", "../", ":12-40", "#L3"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(PATH_PIECES), max_size=40).map("".join))
def test_paths_searched_word_by_word_are_those_of_the_whole_line(text: str) -> None:
    from lint.analysis.file_references import _REFERENCE, reference_matches

    assert [m.span() for m in reference_matches(text)] == [m.span() for m in _REFERENCE.finditer(text)]


def test_a_lazy_pattern_compiles_on_first_use_and_then_is_the_pattern() -> None:
    import re

    from lint.patterns import lazy_pattern

    pattern = lazy_pattern(r"(\d+)-(\d+)", re.I)
    assert "search" not in vars(pattern)  # nothing compiled yet
    assert pattern.search("lines 12-40").groups() == ("12", "40")
    assert vars(pattern)["search"].__self__ is re.compile(r"(\d+)-(\d+)", re.I)  # the compiled pattern's own method
    assert pattern.sub("N", "1-2 and 3-4") == "N and N" and pattern.pattern == r"(\d+)-(\d+)"


def _find_config_straightforward(start: Path) -> Path | None:
    """The configuration search as its docstring says it, each folder looked at afresh."""
    import os

    from lint.fspath import absolute, in_harness_data, inside_sessions, is_boundary, looks_like_session
    from lint.settings.files import FolderLooks

    named = absolute(start if start.is_dir() else start.parent)
    folders = [named, *named.parents]
    outermost = max((i for i, folder in enumerate(folders) if looks_like_session(folder)), default=-1)
    if any(is_boundary(folder) and not inside_sessions(folder) for folder in folders[: outermost + 1]):
        return None
    for folder in folders[outermost + 1 :]:
        if in_harness_data(folder) or in_harness_data(Path(os.path.realpath(folder))):
            continue
        found = FolderLooks().config(folder)
        if found is not None:
            return found
        if is_boundary(folder):
            return None
    return None


# The configuration search: one run shares what it learns of each folder, and finds what the search as described finds.
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["a", "a/b", "a/b/c", "a/Docs/hive-mind/sessions", "a/Docs/hive-mind/sessions/s1", "a/Docs/hive-mind/sessions/s2",
                                           "a/b/Docs/hive-mind/sessions/s3", "x", "x/y", "x/a", "x/a/b"]),
                          st.sampled_from([".worker-lint.toml", "pyproject.toml", "pyproject-table", ".git", "workers/notes",
                                           ".claude", "Docs/hive-mind"])), max_size=10),
       st.sampled_from([None, "a", "a/Docs/hive-mind/sessions", "a/b"]),
       st.permutations(range(11)))
@example(marks=[("a/Docs/hive-mind/sessions", ".worker-lint.toml")], linked="a/Docs/hive-mind/sessions", order=list(range(11)))
def test_a_shared_configuration_search_finds_what_the_described_search_finds(tmp_path_factory, marks, linked, order) -> None:
    import os

    from lint.settings.files import FolderLooks, find_config

    root = tmp_path_factory.mktemp("tree")
    folders = ["a", "a/b", "a/b/c", "a/Docs/hive-mind/sessions/s1/workers/notes", "a/Docs/hive-mind/sessions/s2/workers/json",
               "a/b/Docs/hive-mind/sessions/s3/workers/notes", "x/y", "x/a/b/c"]
    for folder in folders:
        (root / folder).mkdir(parents=True, exist_ok=True)
    for where, mark in marks:
        target = root / where
        if mark in ("workers/notes", "Docs/hive-mind"):
            (target / mark).mkdir(parents=True, exist_ok=True)
        elif mark == "pyproject-table":
            (target / "pyproject.toml").write_text("[tool.worker-lint]\n")
        elif mark in (".git", ".claude"):
            (target / mark).mkdir(exist_ok=True)
        else:
            (target / mark).write_text("")
    (root / "x" / "link").mkdir()
    if linked:  # a folder named outside the harness's data that may lead into it
        (root / "x" / "link").rmdir()
        os.symlink(root / linked, root / "x" / "link")
    starts = [root / folder for folder in folders] + [root / "a/Docs/hive-mind/sessions/s1/workers/notes/backend_notes.md",
                                                       root / "x/link", root / "x/link/s1"]
    starts = [starts[i] for i in order]  # what a run learns first must not change what it finds later
    shared = FolderLooks()
    assert [find_config(start, shared) for start in starts] == [_find_config_straightforward(start) for start in starts]


def test_the_configuration_search_looks_at_nothing_above_a_root(tmp_path, monkeypatch) -> None:
    """A shared search stops where a fresh one does: a folder above the project is never read."""
    from lint.settings.files import FolderLooks, find_config

    project = tmp_path / "outer" / "project"
    for session in ("s1", "s2"):
        (project / "Docs/hive-mind/sessions" / session / "workers/notes").mkdir(parents=True)
    (project / ".git").mkdir()
    (tmp_path / "outer" / ".worker-lint.toml").write_text("")
    looked: list[Path] = []
    real_config = FolderLooks.config
    monkeypatch.setattr(FolderLooks, "config", lambda self, folder: looked.append(folder) or real_config(self, folder))
    shared = FolderLooks()
    assert [find_config(project / "Docs/hive-mind/sessions" / s, shared) for s in ("s1", "s2")] == [None, None]
    assert looked == [project / "Docs", project]  # each once, and none above the repository's root


# Pieces of JSON strings and notes lines around the prefixes of two roots, one of them a Windows path.
CITE_PIECES = ["/srv/app", "/srv/app/x.py:3", "/srv/ap", "/srv", "\\srv\\app\\y.py", "C:\\Code\\w.py", "c:/Code/w.py", "C:/Cod",
               "/", "\\", '"', "é", "\u2028", "\n", "\t", " ", "see ", "`", ":12", "\x00", "~", "\u00a0"]
ROOTS = (SourceRoot("C:/Code", Path("/nonexistent/code")), SourceRoot("/srv/app", Path("/nonexistent/app")))
json_strings = st.lists(st.sampled_from(CITE_PIECES), max_size=8).map("".join)
json_values = st.recursive(json_strings | st.integers(0, 9),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(json_strings, inner, max_size=3), max_leaves=8)


def _escaped_slashes(raw: str) -> str:
    """JSON that writes every slash as ``\\/``, as some writers do (an escape JSON allows)."""
    return raw.replace("/", "\\/")


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, child in value.items() for s in [key, *_strings(child)]]
    if isinstance(value, list):
        return [s for child in value for s in _strings(child)]
    return []


@settings(max_examples=500, deadline=None)
@given(json_values, st.sampled_from([True, False]), st.sampled_from([None, _escaped_slashes]))
def test_a_json_file_said_to_cite_no_root_has_no_string_that_does(value, ascii_only: bool, rewrite) -> None:
    raw = json.dumps(value, ensure_ascii=ascii_only)
    raw = rewrite(raw) if rewrite else raw
    assert json.loads(raw) == value
    if not may_cite(raw, ROOTS, raw_json=True):
        assert not any(find_cited(text, ROOTS) for text in _strings(value)), raw


@settings(max_examples=300, deadline=None)
@given(st.lists(json_strings, max_size=6).map("\n".join))
def test_notes_said_to_cite_no_root_have_no_line_that_does(text: str) -> None:
    if not may_cite(text, ROOTS):
        assert not any(find_cited(line, ROOTS) for line in text.split("\n")), text
    assert may_cite(text, ROOTS) or "/srv/app" not in text


# Real paths in discovery: one resolver shares what it learns of each folder, and answers as safe_resolve does.
LINKS = st.lists(st.tuples(st.sampled_from(["a/l1", "a/b/l2", "s/x/l3", "l4", "a/b/c/l5"]),
                           st.sampled_from(["..", "../..", "a", "a/b/c", "s", "nowhere", "l4", "a/l1", "/", "a/b/c/f.md", "s/x/l3/y"])),
                 max_size=5)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(LINKS, st.permutations(["a/b/c/f.md", "a/l1/b", "a/l1/f.md", "a/b/l2/c/f.md", "l4/x", "s/x/l3/y/z", "a/b/c/l5/l5/f.md",
                               "nowhere/f.md", "a/b/c", "a/b/../b/c"]))
def test_a_shared_resolver_answers_as_safe_resolve(tmp_path_factory, links, asked) -> None:
    import os

    from lint.fspath import Resolver, safe_resolve

    root = tmp_path_factory.mktemp("resolve")
    for folder in ("a/b/c", "s/x/y"):
        (root / folder).mkdir(parents=True)
    (root / "a/b/c/f.md").write_text("")
    for where, target in links:
        link = root / where
        if not os.path.lexists(link) and link.parent.is_dir() and not link.parent.is_symlink():
            os.symlink(target if target.startswith("..") or target == "/" else root / target, link)
    resolve = Resolver()
    paths = [root / path for path in asked]
    assert [resolve(path) for path in paths] == [safe_resolve(path) for path in paths]
    assert [resolve(path) for path in reversed(paths)] == [safe_resolve(path) for path in reversed(paths)]
    assert [resolve.text(path) for path in paths] == [str(safe_resolve(path)) for path in paths]
    real = Resolver(realpath=True)
    assert [real.text(str(path)) for path in paths] == [os.path.realpath(path) for path in paths]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["backend_notes.md", "Backend_notes.md", "scribe_notes.md", "café_notes.md", ".hidden"]),
                          st.sampled_from(["file", "folder", "dangling link", "link"])), max_size=4, unique_by=lambda t: t[0]),
       st.sampled_from(["backend_notes.md", "BACKEND_NOTES.md", "café_notes.md", "scribe_notes.md", "absent_notes.md"]),
       st.booleans())
def test_a_session_listing_answers_lexists_as_the_file_system_does(tmp_path_factory, made, name, listable) -> None:
    import os

    from lint.discover import _lexists, _listing

    workers = tmp_path_factory.mktemp("session") / "workers"
    (workers / "notes").mkdir(parents=True)
    for entry, kind in made:
        path = workers / "notes" / entry
        if kind == "file":
            path.write_text("")
        elif kind == "folder":
            path.mkdir()
        else:
            os.symlink(workers / ("notes" if kind == "link" else "gone"), path)
    listed = _listing(str(workers / "notes")) if listable else None
    assert _lexists(workers, "notes", name, listed) == os.path.lexists(workers / "notes" / name)
    assert _listing(str(workers / "absent")) is None


def test_a_name_differing_only_in_case_is_asked_of_the_file_system(tmp_path, monkeypatch) -> None:
    import os

    from lint.discover import _lexists, _listing

    (tmp_path / "workers" / "notes").mkdir(parents=True)
    (tmp_path / "workers" / "notes" / "Backend_notes.md").write_text("")
    asked = []
    monkeypatch.setattr(os.path, "lexists", lambda path: asked.append(path) or True)  # a file system that folds case
    assert _lexists(tmp_path / "workers", "notes", "backend_notes.md", _listing(str(tmp_path / "workers" / "notes")))
    assert asked == [tmp_path / "workers" / "notes" / "backend_notes.md"]


# The reference search as documented, place by place: the longest spelling of a prefix starting
# at a place, refused inside a longer word or path or before another name, then the rest of the
# path, trimmed, then its line suffix.
_STRAIGHT_REST = re.compile(r"(?:[^\s`'\"<>|,;:#]|#(?!L\d))*")
_STRAIGHT_LINES = re.compile(r":L?(\d+)(?:[-–—]L?(\d+))?((?:,L?\d+(?:[-–—]L?\d+)?)*)(?![\d.–—-]*\w)|#L(\d+)(?:[-–—]L?(\d+))?")
_STOP = " \t\n\r`'\"<>|,;:"


def _find_cited_straightforward(text: str, roots: tuple[SourceRoot, ...]) -> list[tuple]:
    from lint.analysis.evidence import _line, _spellings, trimmed_path

    owners: dict[str, SourceRoot] = {}
    for root in roots:
        for spelling in _spellings(root.prefix):
            owners.setdefault(spelling, root)
    found, position = [], 0
    while position < len(text):
        prefix = next((s for s in sorted(owners, key=len, reverse=True) if text.startswith(s, position)), None)
        start, after = position, position + len(prefix or "")
        position += 1
        if prefix is None or (start > 0 and (text[start - 1].isalnum() or text[start - 1] in "/\\._-~$@")):
            continue
        if after < len(text) and text[after] not in "/\\" + _STOP + ".)]}…*_":
            continue
        if after + 1 < len(text) and text[after] == "." and not (text[after + 1].isspace() or text[after + 1] in _STOP):
            continue
        path = trimmed_path(text[start:_STRAIGHT_REST.match(text, after).end()])
        path = prefix if len(path) < len(prefix) else path
        end = start + len(path)
        ranges, suffix_end = [], end
        lines = _STRAIGHT_LINES.match(text, end)
        if lines is not None:
            suffix_end = lines.end()
            if lines.group(4) is not None:
                ranges.append((_line(lines.group(4)), _line(lines.group(5) or lines.group(4))))
            else:
                ranges.append((_line(lines.group(1)), _line(lines.group(2) or lines.group(1))))
                ranges += [(_line(a), _line(b or a)) for a, b in re.findall(r",L?(\d+)(?:[-–—]L?(\d+))?", lines.group(3))]
        glob = any(c in path for c in "*?{")
        found.append((owners[prefix], path.rstrip("/\\") or path, start, end, suffix_end, tuple(ranges), glob))
        position = max(suffix_end, start + 1)
    return found


# Two roots, one inside the other (a place the longer refuses is no reference of the shorter), and
# one whose prefix holds a line end (no line can hold it).
NESTED_ROOTS = (SourceRoot("/srv/app/sub", Path("/nonexistent/sub")), SourceRoot("/srv/a\nb", Path("/nonexistent/nl")),
                SourceRoot("/srv/app", Path("/nonexistent/app")), SourceRoot("C:/Code", Path("/nonexistent/code")),
                SourceRoot("/srv/a", Path("/nonexistent/a")))
REFERENCE_PIECES = CITE_PIECES + ["/srv/app/sub", "/srv/app/sub-x/y.py", "/srv/a", "b/z.py", "-v2", ".bak/", ".", ". ", ")", "(", "]", "[x]",
                                  "*", "?", "{a}", "_", "…", "x", "9", ":12-40", ":3,8-9", ":L5–L7", "#L3-L4", "#L", "#x", ":0", "a.py:4.",
                                  ":99999999999999999999", "$", "@", "-"]
reference_texts = st.lists(st.sampled_from(REFERENCE_PIECES), max_size=12).map("".join)


@settings(max_examples=1500, deadline=None)
@given(reference_texts, st.sampled_from([ROOTS, NESTED_ROOTS]))
@example("see /srv/app/sub-x/y.py:3", NESTED_ROOTS)
@example("(/srv/app/x.py:3).", ROOTS)
def test_references_found_with_one_pattern_are_those_the_documented_search_finds(text: str, roots) -> None:
    assert [tuple(c) for c in find_cited(text, roots)] == _find_cited_straightforward(text, roots)


@settings(max_examples=600, deadline=None)
@given(st.lists(reference_texts, max_size=8), st.sampled_from([ROOTS, NESTED_ROOTS, ()]), st.sets(st.integers(1, 8)))
@example(["see /srv/a", "b/z.py:3"], NESTED_ROOTS, set())
def test_references_read_from_the_whole_notes_are_those_read_line_by_line(lines: list[str], roots, passed_over: set[int]) -> None:
    from lint.analysis.evidence import cited_in_lines

    text = "\n".join(lines)
    lines = _lines(text)
    found, holding = cited_in_lines(text, lines, roots, frozenset(passed_over))
    by_line = [(number, find_cited(line, roots) if roots else []) for number, line in enumerate(lines, 1)]
    assert found == [(number, cited) for number, cited_list in by_line if number not in passed_over for cited in cited_list]
    assert holding == [number for number, cited_list in by_line if cited_list]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["# a", "#", "", "x", " #", "## b", "a#", "#\t"]), max_size=10).map("\n".join), st.integers(0, 12))
def test_lines_starting_with_a_mark_are_those_a_line_by_line_reading_finds(text: str, last: int) -> None:
    from lint.analysis.evidence import lines_starting

    expected = [number for number, line in enumerate(text.split("\n"), 1) if line.startswith("#") and number <= last]
    assert lines_starting(text, "#", last) == expected


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=5000))
def test_the_digest_of_what_was_linted_is_sha256(data: bytes) -> None:
    import hashlib

    from lint.digest import sha256_digest

    assert sha256_digest(data) == hashlib.sha256(data).digest()


@pytest.mark.parametrize(("hashed_before", "switches"), [(0, False), ((1 << 20) - 2, False), ((1 << 20) - 1, True), (50 << 20, True)])
def test_the_digest_is_the_same_before_and_after_the_switch_to_openssl(monkeypatch: pytest.MonkeyPatch, hashed_before: int,
                                                                        switches: bool) -> None:
    import hashlib

    from lint import digest

    monkeypatch.setattr(digest, "_HASHED", [hashed_before])
    monkeypatch.setattr(digest, "_OPENSSL", None)
    for data in (b"", b"x", bytes(range(256)) * 300):
        assert digest.sha256_digest(data) == hashlib.sha256(data).digest()
    assert (digest._OPENSSL is not None) == switches  # a short run never loads OpenSSL's


def _fenced_blocks_line_by_line(lines: list[str], code_lines: frozenset[int]) -> list[tuple[int, int]]:
    """The straightforward reading: every line is tried as an opening fence."""
    import re

    fence = re.compile(r"^ {0,3}(`{3,}|~{3,})")
    blocks, number = [], 1
    while number <= len(lines):
        opening = fence.match(lines[number - 1])
        if opening and (number + 1) in code_lines:
            marker = opening.group(1)
            close = number + 1
            while close <= len(lines) and not lines[close - 1].strip().startswith(marker[0] * len(marker)):
                close += 1
            blocks.append((number + 1, close - 1))
            number = close + 1
        else:
            number += 1
    return blocks


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["```", "````", "~~~", "```x", "   ```", "    ```", "code", "", "text", "- ```", "  ```"]), max_size=14),
       st.sets(st.integers(1, 16)))
def test_fenced_blocks_found_from_the_code_lines_are_those_a_line_by_line_reading_finds(lines, code) -> None:
    from lint.analysis.evidence_facts import _fenced_blocks

    assert _fenced_blocks(lines, frozenset(code)) == _fenced_blocks_line_by_line(lines, frozenset(code))


def _trimmed_one_at_a_time(path: str) -> str:
    """The straightforward trim: recount the brackets after each character cut."""
    while path:
        last = path[-1]
        if last in ".!?*_…":
            path = path[:-1]
        elif last in ")]}" and path.count({")": "(", "]": "[", "}": "{"}[last]) < path.count(last):
            path = path[:-1]
        else:
            break
    return path


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["/srv/app/x.py", "(", ")", "[", "]", "{", "}", ".", "_", "…", "!", "a", "/"]), max_size=20).map("".join))
def test_a_path_trimmed_with_counted_brackets_is_trimmed_as_one_cut_at_a_time(path: str) -> None:
    from lint.analysis.evidence import trimmed_path

    assert trimmed_path(path) == _trimmed_one_at_a_time(path)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from([":", "1", "12", "L", "-", "–", ",", ".", "#L", "a", " ", "_"]), max_size=16).map("".join))
def test_line_suffixes_read_with_possessive_digits_are_those_read_with_backtracking(text: str) -> None:
    import re

    from lint.analysis.evidence import _LINES

    backtracking = re.compile(_LINES.pattern.replace("++", "+"))
    ours, theirs = _LINES.match(text), backtracking.match(text)
    assert (ours and (ours.span(), ours.groups())) == (theirs and (theirs.span(), theirs.groups()))


def test_a_lazy_pattern_copies_and_pickles_as_its_declaration() -> None:
    import copy
    import pickle
    import re

    from lint.patterns import lazy_pattern

    for used in (False, True):
        pattern = lazy_pattern(r"a+", re.I)
        if used:
            pattern.search("x")
        for again in (pickle.loads(pickle.dumps(pattern)), copy.copy(pattern), copy.deepcopy(pattern)):
            assert again.fullmatch("aA") is not None and again.pattern == r"a+" and again.flags == re.I


# Per-line prefilters and one-loop walks give what the straightforward code gave -----------

_LINE_PIECES = st.sampled_from([" ", "\t", "\u00a0", "\u2003", "\x1c", "#", "-", "*", "_", "+", ">", "|", "1", "٣", "12.", "3)", "a",
                                "REQUIRED", "MANDATORY", "Analyze", "the", "data", "flow", "now", ":", "**", "é", ""])
_LINES_OF_PROSE = st.lists(st.lists(_LINE_PIECES, max_size=8).map("".join), max_size=12)


def _instruction_spans_line_by_line(prose: list[str]) -> list[tuple[int, int]]:
    from lint.analysis.notes_facts import _DIRECTIVE, _INSTRUCTION, _closes_italic

    spans, number = [], 0
    while number < len(prose):
        text = prose[number]
        if _DIRECTIVE.match(text):
            spans.append((number + 1, number + 1))
        elif _INSTRUCTION.match(text):
            start = number
            while not _closes_italic(prose[number], first=number == start) and number + 1 < len(prose):
                following = prose[number + 1]
                if not following.strip() or following.lstrip().startswith("#"):
                    break
                number += 1
            spans.append((start + 1, number + 1))
        number += 1
    return spans


@settings(max_examples=400, deadline=None)
@given(_LINES_OF_PROSE)
@example(["* Analyze the data flow now *", "\u2003_REQUIRED: x_"])
def test_instruction_spans_skip_only_lines_no_pattern_matches(prose: list[str]) -> None:
    from lint.analysis.notes_facts import NotesFacts

    class Doc:  # the facts read the prose only
        pass

    doc = Doc()
    doc.prose = prose  # type: ignore[attr-defined]
    assert NotesFacts(doc, None).instruction_spans == _instruction_spans_line_by_line(prose)  # type: ignore[arg-type]


@settings(max_examples=400, deadline=None)
@given(_LINES_OF_PROSE)
@example(["٣. item", "  - item", "\u00a0| cell", "text"])
def test_block_starts_skip_only_lines_the_pattern_cannot_match(prose: list[str]) -> None:
    from lint.analysis.relative_references import _BLOCK_START, _blocks

    starts, current = [], 1
    for number, text in enumerate(prose, 1):
        if not text.strip() or _BLOCK_START.match(text):
            current = number
        starts.append(current)
    assert _blocks(prose) == starts


_JSON_KEYS = st.sampled_from(["a", "b", "a/b", "~", "~1", "", "id", "code"])
_JSON = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.sampled_from(["x", "", "TBD", "/srv/a.py"])),
                     lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_JSON_KEYS, inner, max_size=4)), max_leaves=25)


@settings(max_examples=300, deadline=None)
@given(_JSON, st.sampled_from([frozenset(), frozenset({"code"}), frozenset({"a", "~"})]))
def test_strings_in_one_loop_are_those_the_walk_yields(value, skip: frozenset[str]) -> None:
    from lint.analysis.json_values import strings_in
    from lint.documents.jsondoc import join_pointer

    def walk(pointer: str, item, key):
        if isinstance(item, str):
            yield pointer, item, key
        elif isinstance(item, dict):
            for child_key, child in item.items():
                if child_key not in skip:
                    yield from walk(join_pointer(pointer, child_key), child, child_key)
        elif isinstance(item, list):
            for index, child in enumerate(item):
                yield from walk(f"{pointer}/{index}", child, key)

    assert strings_in(value, skip) == list(walk("", value, None))


_ENTRY_KEYS = st.sampled_from(["file_path", "file", "path", "location", "line_number", "line", "start_line", "code", "a/b", "~", "id"])
_ENTRIES = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(0, 9), st.just(2.0), st.sampled_from(["x", "/srv/a.py", "a.py:3"])),
                        lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_ENTRY_KEYS, inner, max_size=5)), max_leaves=30)


@settings(max_examples=500, deadline=None)
@given(_ENTRIES, st.sampled_from([frozenset(), frozenset({"code"}), frozenset({"code", "a/b", "~"}), frozenset({"code", "file"})]))
@example({"code": {"file": "/srv/a.py", "line": 3}, "x": [{"path": "a.py", "line_number": 2.0}]}, frozenset({"code"}))
def test_entries_naming_a_file_found_from_the_strings_are_those_a_walk_finds(value, skip: frozenset[str]) -> None:
    from lint.analysis.evidence import line_entries, line_entries_walked
    from lint.analysis.json_values import strings_in

    unwalked: list = []
    strings = strings_in(value, skip, unwalked)
    assert strings == strings_in(value, skip)  # what is not walked changes nothing of what is
    assert line_entries_walked(value, strings, unwalked, skip) == line_entries(value)


_ENTRY_LINES = [
    "# Report", "## Executive Summary", "## Security Analysis", "### Authentication", "## Implementation Roadmap", "",
    "#### TEST-HIGH-001: Tokens never expire", "#### TEST-HIGH-001: The checkout journey never runs", "### TEST-MED-002 – Retries hide failures",
    "**TEST-HIGH-001**: Tokens never expire", "**TEST-HIGH-001: Sessions are shared across tenants**", "**TEST-MED-002** (see above)",
    "- **TEST-MED-002**: add parity tests", "**TEST-LOW-003 — Logs leak secrets** in `/srv/app/log.py:12`",
    "Evidence: `/srv/app/auth.py:40-52`", "Evidence: /srv/app/log.py:12 and SEC-001", "Related to SEC-001.", "plain words about TEST-LOW-003",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ENTRY_LINES), max_size=25).map("\n".join))
@example("## Analysis\n**TEST-HIGH-001**: Tokens never expire\n**TEST-MED-002**: other\n#### TEST-HIGH-001: The checkout journey never runs")
def test_conflicts_among_repeated_entries_are_those_among_all_entries(text: str) -> None:
    """Only ids that open two or more entries are worked out in full; an id that opens one
    has nothing to conflict with, and every entry still ends where the next one opens."""
    from lint.analysis.issue_conflicts import conflicts, entries
    from lint.analysis.notes_facts import NotesFacts
    from lint.packs import PackRegistry

    facts = NotesFacts(parse_markdown(text), PackRegistry.bundled().get("test"))
    every = entries(facts.doc, facts._prose_without_instructions, facts.issue_openers,
                    lambda number: [(ref.path, facts.doc.prose[number - 1][ref.end : ref.end + 16])
                                    for ref in facts.line_references.get(number, ()) if ref.is_absolute])
    assert conflicts(facts.repeated_issue_entries, frozenset({"SEC-001"})) == conflicts(every, frozenset({"SEC-001"}))
    assert set(facts.repeated_issue_entries) <= set(every)
