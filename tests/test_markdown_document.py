"""Line mapping of the notes document: headings, code lines, prose, sections.

The hand-written cases pin exact line numbers. The oracle tests compare
``parse_markdown`` with markdown-it-py (a CommonMark reference that records
line maps) on the fixture notes files and on generated documents.
"""

from __future__ import annotations

import glob
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from lint.documents.loading import LoadProblem, load_notes
from lint.documents.markdown import MarkdownDocument, parse_markdown

ROOT = Path(__file__).resolve().parent.parent


def doc(*lines: str) -> MarkdownDocument:
    return parse_markdown("\n".join(lines) + "\n")


def heads(d: MarkdownDocument) -> list[tuple[int, str, int, int]]:
    return [(h.level, h.text, h.line, h.end_line) for h in d.headings]


# --------------------------------------------------------------------------
# Headings


def test_atx_heading_levels_and_lines():
    d = doc(
        "# Title",  # 1
        "",
        "Some intro text.",  # 3
        "",
        "## Section A",  # 5
        "text",
        "### Sub A1",  # 7
        "#### Deep",  # 8
        "",
        "## Section B ##",  # 10
    )
    assert heads(d) == [
        (1, "Title", 1, 1),
        (2, "Section A", 5, 5),
        (3, "Sub A1", 7, 7),
        (4, "Deep", 8, 8),
        (2, "Section B", 10, 10),
    ]
    assert d.code_lines == frozenset()


def test_heading_directly_after_paragraph_line():
    d = doc("para line", "# Heading", "more")
    assert heads(d) == [(1, "Heading", 2, 2)]


def test_heading_title_strips_inline_markup():
    d = doc("## **Bold**  and `code` _here_ ##")
    (h,) = d.headings
    assert h.text == "**Bold**  and `code` _here_"
    assert h.title == "Bold and code here"


def test_setext_headings_span_their_underline():
    d = doc(
        "Title",  # 1
        "=====",  # 2
        "",
        "Two line",  # 4
        "heading",  # 5
        "---",  # 6
        "",
        "para",  # 8
        "# After",  # 9
    )
    assert heads(d) == [
        (1, "Title", 1, 2),
        (2, "Two line\nheading", 4, 6),
        (1, "After", 9, 9),
    ]
    assert d.sections[0].body_lines == range(3, 4)


def test_lines_that_are_not_headings():
    d = doc(
        "#hashtag is a paragraph",  # 1
        "",
        "\\# escaped",  # 3
        "",
        "- # heading inside a list item",  # 5
        "",
        "> # heading inside a quote",  # 7
        "",
        "    # indented: code",  # 9
        "",
        "   # three spaces is still a heading",  # 11
    )
    # Only top-level headings count: the ones in the list and quote are nested.
    assert heads(d) == [(1, "three spaces is still a heading", 11, 11)]
    assert d.code_lines == frozenset({9})


def test_no_trailing_newline():
    d = parse_markdown("# A\ntext\n## B")
    assert d.lines == ["# A", "text", "## B"]
    assert heads(d) == [(1, "A", 1, 1), (2, "B", 3, 3)]
    assert d.sections[0].end_line == 3


# --------------------------------------------------------------------------
# Fenced and indented code at the top level


def test_headings_inside_fenced_code_are_code_not_headings():
    d = doc(
        "# Real",  # 1
        "",
        "```bash",  # 3
        "# a shell comment",  # 4
        "## also a comment",  # 5
        "echo hi",  # 6
        "```",  # 7
        "",
        "## Next",  # 9
    )
    assert heads(d) == [(1, "Real", 1, 1), (2, "Next", 9, 9)]
    assert d.code_lines == frozenset({3, 4, 5, 6, 7})
    assert d.prose[3] == "" and d.prose[4] == ""
    assert d.prose[8] == "## Next"


def test_fence_variants():
    d = doc(
        "~~~python",  # 1
        "# tilde",  # 2
        "~~~",  # 3
        "",
        "````md",  # 5
        "```",  # 6  shorter fence does not close
        "# nested",  # 7
        "```",  # 8
        "````",  # 9
        "",
        "  ```",  # 11  indented up to three spaces
        "  # x",  # 12
        "  ```",  # 13
        "# After",  # 14
    )
    assert heads(d) == [(1, "After", 14, 14)]
    assert d.code_lines == frozenset({1, 2, 3, 5, 6, 7, 8, 9, 11, 12, 13})


def test_fence_closed_by_longer_fence():
    d = doc("```", "# c", "`````", "# Heading")
    assert d.code_lines == frozenset({1, 2, 3})
    assert heads(d) == [(1, "Heading", 4, 4)]


def test_unterminated_fence_runs_to_the_end():
    d = doc(
        "# Top",  # 1
        "",
        "```",  # 3
        "code",  # 4
        "# not a heading",  # 5
        "",
        "## still code",  # 7
    )
    assert heads(d) == [(1, "Top", 1, 1)]
    assert d.code_lines == frozenset({3, 4, 5, 6, 7})


def test_indented_code_block_excludes_trailing_blank_lines():
    d = doc(
        "Paragraph.",  # 1
        "",
        "    x = 1",  # 3
        "    # comment",  # 4
        "",
        "    y = 2",  # 6  same block, across a blank line
        "",
        "",
        "# After",  # 9
    )
    assert d.code_lines == frozenset({3, 4, 5, 6})
    assert heads(d) == [(1, "After", 9, 9)]


# --------------------------------------------------------------------------
# Code nested in lists and block quotes


def test_fenced_code_in_list_items():
    d = doc(
        "# Steps",  # 1
        "",
        "- first item",  # 3
        "",
        "  ```bash",  # 5
        "  # comment",  # 6
        "  run it",  # 7
        "  ```",  # 8
        "- second item",  # 9
        "  ~~~",  # 10
        "  tilde",  # 11
        "  ~~~",  # 12
        "",
        "1. ordered",  # 14
        "",
        "   ```",  # 16
        "   # ordered code",  # 17
        "   ```",  # 18
        "",
        "## After",  # 20
    )
    assert heads(d) == [(1, "Steps", 1, 1), (2, "After", 20, 20)]
    assert d.code_lines == frozenset({5, 6, 7, 8, 10, 11, 12, 16, 17, 18})
    assert d.prose[8] == "- second item"


def test_fenced_code_in_nested_list_and_quote_in_list():
    d = doc(
        "- outer",  # 1
        "  - inner",  # 2
        "",
        "    ```",  # 4
        "    # inner code",  # 5
        "    ```",  # 6
        "",
        "  > quoted in item",  # 8
        "  > ```",  # 9
        "  > # quoted code",  # 10
        "  > ```",  # 11
        "",
        "# End",  # 13
    )
    assert d.code_lines == frozenset({4, 5, 6, 9, 10, 11})
    assert heads(d) == [(1, "End", 13, 13)]


def test_fenced_code_in_block_quotes():
    d = doc(
        "> Quote text",  # 1
        "> ```",  # 2
        "> # quoted comment",  # 3
        "> ```",  # 4
        ">",  # 5
        "> > ```",  # 6
        "> > deeper",  # 7
        "> > ```",  # 8
        "",
        "# H",  # 10
    )
    assert d.code_lines == frozenset({2, 3, 4, 6, 7, 8})
    assert heads(d) == [(1, "H", 10, 10)]


def test_indented_code_in_list_item_and_quote():
    d = doc(
        "- item",  # 1
        "",
        "      unique_code()",  # 3
        "      more()",  # 4
        "",
        "> quote",  # 6
        ">",  # 7
        ">     quoted_code()",  # 8
        "",
        "# H",  # 10
    )
    assert d.code_lines == frozenset({3, 4, 8})


def test_two_fences_in_one_item_are_placed_in_order():
    d = doc(
        "- item",  # 1
        "  ```",  # 2
        "  a",  # 3
        "  ```",  # 4
        "  text between",  # 5
        "  ```",  # 6
        "  b",  # 7
        "  c",  # 8
        "  ```",  # 9
        "- next",  # 10
    )
    assert d.code_lines == frozenset({2, 3, 4, 6, 7, 8, 9})
    assert d.prose[4] == "  text between"


# Known bugs in the nested-code placement (see the report). Each asserts the
# CommonMark line mapping; mistune (the parser of record) produces the same
# token structure as markdown-it for all three inputs, so the fault is ours.


def test_inline_triple_backtick_span_in_list_item_is_not_a_fence():
    d = doc(
        "- ```inline``` span",  # 1
        "- item",  # 2
        "",
        "  ```",  # 4
        "  code",  # 5
        "  ```",  # 6
    )
    assert d.code_lines == frozenset({4, 5, 6})


def test_unterminated_fence_in_list_item_ends_with_the_item():
    d = doc(
        "- a",  # 1
        "  ```",  # 2
        "  code",  # 3
        "- b TODO",  # 4
    )
    assert d.code_lines == frozenset({2, 3})
    assert d.prose[3] == "- b TODO"


def test_indented_code_in_list_item_with_text_seen_earlier():
    d = doc(
        "- foo",  # 1
        "",
        "      foo",  # 3
        "      bar",  # 4
    )
    assert d.code_lines == frozenset({3, 4})
    assert d.prose[0] == "- foo"


# --------------------------------------------------------------------------
# Prose: code and HTML comments blanked, columns kept


def test_prose_blanks_html_comments_keeping_columns():
    d = doc(
        "Intro <!-- hidden --> tail",  # 1
        "<!-- multi",  # 2
        "line -->after",  # 3
        "plain",  # 4
    )
    assert d.prose[0] == "Intro " + " " * len("<!-- hidden -->") + " tail"
    assert len(d.prose[0]) == len(d.lines[0])
    assert d.prose[0].index("tail") == d.lines[0].index("tail")
    assert d.prose[1] == " " * len("<!-- multi")
    assert d.prose[2] == " " * len("line -->") + "after"
    assert d.prose[3] == "plain"
    # The lines themselves are untouched.
    assert d.lines[0] == "Intro <!-- hidden --> tail"


def test_comment_opener_inside_code_does_not_hide_prose():
    d = doc(
        "```html",  # 1
        "<!-- opened in code",  # 2
        "```",  # 3
        "TODO visible",  # 4
        "--> still visible",  # 5
    )
    assert d.prose[:3] == ["", "", ""]
    assert d.prose[3] == "TODO visible"
    assert d.prose[4] == "--> still visible"


def test_comment_markers_in_inline_code_are_not_a_comment():
    d = doc("Use `<!--` to open.", "", "TODO visible", "", "and `-->` to close.")
    assert d.prose[2] == "TODO visible"


def test_prose_length_matches_lines():
    d = doc("# T", "", "```", "code", "```", "<!-- c -->", "end")
    assert len(d.prose) == len(d.lines) == 7
    assert d.prose == ["# T", "", "", "", "", " " * 10, "end"]


def test_line_accessor():
    d = doc("one", "two")
    assert d.line(1) == "one"
    assert d.line(2) == "two"
    assert d.line(0) == "" and d.line(3) == ""


# --------------------------------------------------------------------------
# Loading: CRLF, lone CR, BOM


def test_crlf_and_bom_through_load_notes(tmp_path):
    text = "# Title\r\n\r\n```\r\n# code\r\n```\r\n\r\n## Section\r\nbody <!-- c -->\r\n"
    path = tmp_path / "notes.md"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    d = load_notes(path)
    assert isinstance(d, MarkdownDocument)
    assert d.lines == ["# Title", "", "```", "# code", "```", "", "## Section", "body <!-- c -->"]
    assert not any("\r" in line or "\ufeff" in line for line in d.lines)
    assert heads(d) == [(1, "Title", 1, 1), (2, "Section", 7, 7)]
    assert d.code_lines == frozenset({3, 4, 5})
    assert d.prose[7] == "body " + " " * len("<!-- c -->")
    assert d.sections[0].end_line == 8


def test_lone_cr_line_ends_through_load_notes(tmp_path):
    path = tmp_path / "notes.md"
    path.write_bytes(b"# A\rtext\r## B\r")
    d = load_notes(path)
    assert isinstance(d, MarkdownDocument)
    assert d.lines == ["# A", "text", "## B"]
    assert heads(d) == [(1, "A", 1, 1), (2, "B", 3, 3)]


def test_load_notes_empty_and_invalid(tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"\xef\xbb\xbf \r\n")
    problem = load_notes(empty)
    assert isinstance(problem, LoadProblem) and problem.rule == "file-empty"
    bad = tmp_path / "bad.md"
    bad.write_bytes("# T\n\nab\u00e9".encode() + b"\xff\n")
    problem = load_notes(bad)
    assert isinstance(problem, LoadProblem)
    assert (problem.rule, problem.line, problem.column) == ("file-unreadable", 3, 4)


# --------------------------------------------------------------------------
# Sections


def test_sections_ranges_and_children():
    d = doc(
        "# Title",  # 1
        "intro",  # 2
        "## A",  # 3
        "a text",  # 4
        "### A1",  # 5
        "a1 text",  # 6
        "## B",  # 7
        "b text",  # 8
        "# Second",  # 9
        "tail",  # 10
    )
    title, second = d.sections
    assert (title.heading.text, title.end_line, title.own_end_line) == ("Title", 8, 2)
    assert title.body_lines == range(2, 3)
    a, b = title.children
    assert (a.heading.line, a.end_line, a.own_end_line) == (3, 6, 4)
    (a1,) = a.children
    assert (a1.heading.line, a1.end_line, a1.own_end_line, a1.children) == (5, 6, 6, [])
    assert (b.heading.line, b.end_line, b.own_end_line, b.children) == (7, 8, 8, [])
    assert (second.heading.line, second.end_line, second.own_end_line) == (9, 10, 10)
    assert [s.heading.text for s in d.iter_sections()] == ["Title", "A", "A1", "B", "Second"]


def test_sections_skipped_levels_and_empty_bodies():
    d = doc(
        "## Starts at two",  # 1
        "#### Skips a level",  # 2
        "x",  # 3
        "### Back up",  # 4
        "# Top",  # 5
    )
    first, top = d.sections
    assert first.own_end_line == 1 and list(first.body_lines) == []
    (skip, back) = first.children
    assert (skip.heading.level, skip.end_line, skip.own_end_line) == (4, 3, 3)
    assert (back.heading.level, back.end_line, back.own_end_line) == (3, 4, 4)
    assert first.end_line == 4
    assert (top.end_line, top.own_end_line, top.children) == (5, 5, [])


def test_sections_with_setext_heading_and_code_heading():
    d = doc(
        "Title",  # 1
        "=====",  # 2
        "text",  # 3
        "```",  # 4
        "# fake",  # 5
        "```",  # 6
        "Sub",  # 7
        "---",  # 8
        "sub text",  # 9
    )
    (title,) = d.sections
    assert title.body_lines == range(3, 7)
    (sub,) = title.children
    assert (sub.heading.line, sub.heading.end_line, sub.end_line) == (7, 8, 9)
    assert sub.body_lines == range(9, 10)


def test_no_headings_no_sections():
    d = doc("just text", "```", "# c", "```")
    assert d.headings == [] and d.sections == [] and list(d.iter_sections()) == []


# --------------------------------------------------------------------------
# Oracle: markdown-it-py

_MD = MarkdownIt("commonmark")


def oracle(text: str) -> tuple[set[tuple[int, int]], set[int]]:
    """Top-level headings as (level, line) and non-blank lines of code blocks.

    Blank lines are left out of the code comparison: markdown-it keeps the
    trailing blank lines of indented code and of a fence left open at the end
    of a list item or document, while parse_markdown trims them. A blank line
    is blank in the prose either way.
    """
    lines = text.split("\n")
    headings: set[tuple[int, int]] = set()
    code: set[int] = set()
    for token in _MD.parse(text):
        if token.type == "heading_open" and token.level == 0:
            headings.add((int(token.tag[1]), token.map[0] + 1))
        elif token.type in ("fence", "code_block"):
            code.update(n for n in range(token.map[0] + 1, token.map[1] + 1) if _nonblank(lines, n))
    return headings, code


def ours(text: str) -> tuple[set[tuple[int, int]], set[int]]:
    lines = text.split("\n")
    d = parse_markdown(text)
    return {(h.level, h.line) for h in d.headings}, {n for n in d.code_lines if _nonblank(lines, n)}


def _nonblank(lines: list[str], number: int) -> bool:
    # A quote line holding only '>' is a blank line inside the quote.
    return lines[number - 1].strip(" \t>") != ""


# The notes of every worker's fixture: the example, the other clean ones, the setup state and the real-style ones.
FIXTURE_NOTES = sorted(glob.glob(str(ROOT / "fixtures" / "**" / "*_notes.md"), recursive=True))


def test_fixture_notes_exist():
    assert len(FIXTURE_NOTES) >= 10


@pytest.mark.parametrize("path", FIXTURE_NOTES, ids=lambda p: str(Path(p).relative_to(ROOT / "fixtures")))
def test_oracle_on_fixture_notes(path):
    raw = Path(path).read_bytes().decode("utf-8-sig")
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    expected_heads, expected_code = oracle(text)
    got_heads, got_code = ours(text)
    assert got_heads == expected_heads
    assert got_code == expected_code
    assert expected_heads  # the comparison is not vacuous
    # load_notes agrees with parsing the normalised text.
    loaded = load_notes(Path(path))
    assert isinstance(loaded, MarkdownDocument)
    assert loaded.headings == parse_markdown(text).headings
    assert loaded.code_lines == parse_markdown(text).code_lines


# Generated documents. Restrictions, each avoiding a place where mistune (the
# parser of record) itself departs from CommonMark, so markdown-it is no oracle:
#  * a block quote or list is always followed by a blank line: mistune takes a
#    following '# heading' (or paragraph) as a lazy continuation of the quote or
#    item even when CommonMark ends the container ('> x\n# H' puts the heading
#    inside the quote in mistune, at the top level in CommonMark);
#  * paragraph text never starts with a block marker ('>', '-', '1.'), so every
#    container comes from the generator, where the rule above holds.
#  * fences are always closed: an unclosed fence in a nested list item takes
#    the parent item's next line into the code in mistune, not in CommonMark.
# Inline ```span``` code, unclosed fences and indented code inside list items
# have dedicated tests above rather than a place in the generator.

_FIRST = st.sampled_from(["alpha", "beta", "gamma", "x", "foo", "`tick`", "*em*", "Issue", "TODO"])
_WORD = st.sampled_from(["alpha", "beta", "x", "#", "##", "foo", "`tick`", "*em*", "- dash", "> gt", "1. one", "~~"])
_words = st.tuples(_FIRST, st.lists(_WORD, max_size=3)).map(lambda t: " ".join([t[0], *t[1]]))
_code_line = st.one_of(
    _words,
    st.sampled_from(["# comment", "## not a heading", "#!", "", "- item", "> q", "    indented", "1. one"]),
    _words.map(lambda w: "#" + w),
)


@st.composite
def _fence(draw, prefix: str = "") -> list[str]:
    marker = draw(st.sampled_from(["```", "~~~", "````", "~~~~"]))
    info = draw(st.sampled_from(["", "python", "bash", "md"]))
    body = draw(st.lists(_code_line, max_size=5))
    closer = marker + draw(st.sampled_from(["", marker[0]]))
    inner = [(prefix + line).rstrip() if line else prefix.rstrip() for line in body]
    return [prefix + marker + info, *inner, prefix + closer]


@st.composite
def _list_block(draw) -> list[str]:
    ordered = draw(st.booleans())
    out: list[str] = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        bullet, indent = (f"{number}. ", "   ") if ordered else ("- ", "  ")
        out.append(bullet + draw(_words))
        for _ in range(draw(st.integers(0, 2))):
            kind = draw(st.sampled_from(["fence", "fence", "para", "sublist", "quote", "heading"]))
            if draw(st.booleans()):
                out.append("")
            if kind == "fence":
                out += draw(_fence(indent))
            elif kind == "para":
                out.append(indent + draw(_words))
            elif kind == "heading":
                out.append(indent + "## " + draw(_words))
            elif kind == "quote":
                out += [indent + "> " + draw(_words), *draw(_fence(indent + "> ")), ""]
            else:
                out.append(indent + "- " + draw(_words))
                if draw(st.booleans()):
                    out += draw(_fence(indent + "  "))
        if draw(st.booleans()):
            out.append("")
    return out + [""]


@st.composite
def _block(draw) -> list[str]:
    kind = draw(st.sampled_from(["atx", "atx", "para", "list", "quote", "fence", "fence", "blank", "indented"]))
    if kind == "atx":
        return ["#" * draw(st.integers(1, 4)) + " " + draw(_words)]
    if kind == "para":
        return draw(st.lists(_words, min_size=1, max_size=3))
    if kind == "list":
        return draw(_list_block())
    if kind == "quote":
        return ["> " + draw(_words), *draw(_fence("> ")), ""]
    if kind == "fence":
        return draw(_fence())
    if kind == "indented":
        return ["", "    " + draw(_words), "    " + draw(_code_line), ""]
    return [""]


@st.composite
def markdown_documents(draw) -> str:
    lines: list[str] = []
    for block in draw(st.lists(_block(), min_size=1, max_size=10)):
        lines += block
        if draw(st.booleans()):
            lines.append("")
    return "\n".join(lines) + draw(st.sampled_from(["\n", ""]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_documents())
def test_oracle_on_generated_documents(text):
    expected_heads, expected_code = oracle(text)
    got_heads, got_code = ours(text)
    assert got_heads == expected_heads
    assert got_code == expected_code
    d = parse_markdown(text)
    # Invariants that hold for any document.
    assert len(d.prose) == len(d.lines)
    assert all(len(p) in (0, len(line)) for p, line in zip(d.prose, d.lines))
    assert all(1 <= n <= len(d.lines) for n in d.code_lines)
    assert all(h.line not in d.code_lines for h in d.headings)
    assert [h.line for h in d.headings] == sorted(h.line for h in d.headings)
    for section in d.iter_sections():
        assert section.heading.line <= section.own_end_line <= section.end_line <= len(d.lines)


@pytest.mark.parametrize("text", [
    "> quoted\n\n- Reproduce it:\n\n      >>> import app\n      >>> app.run()\n",
    "> Reproduce it:\n>\n>     >>> import app\n>     >>> app.run()\n",
    "> quoted\n\n- Request:\n\n      curl -H 'X-Session: 1'\t# header\n      echo done\n",
], ids=["prompt-in-list-item", "prompt-in-quote", "tab-after-words"])
def test_indented_code_the_parser_reads_is_placed_on_its_lines(text: str) -> None:
    """Code opening with '>' keeps it (only the container's markers are not the code's), and a
    tab after the words reaches another column in the document than in the block."""
    assert ours(text) == oracle(text)
    assert oracle(text)[1]  # there is code to place
