"""Inline suppression comments in the notes.

Each case adds lines under the example's Critical Issues Found heading (line 14), so
they start on line 15; the bad line's relative path starts in column 15.
"""

from __future__ import annotations

import pytest

import lint
from conftest import Session, lint_json
from rulecheck import base, check

WRONG_SCORE = ("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")

BAD_LINE = "The bug is in app/api/routes.py:12 today."
CRITICAL = "## Critical Issues Found\n"


def added(text: str) -> list[tuple[str, str]]:
    return [(CRITICAL, CRITICAL + text)]


def test_disable_next_line() -> None:
    """Only the second bad line (17) is reported."""
    check("backend", notes=added(f"<!-- worker-lint-disable-next-line absolute-path -->\n{BAD_LINE}\n{BAD_LINE}\n"), expect=["notes:17:15 absolute-path"])


def test_disable_and_enable() -> None:
    """Lines 16 and 17 are silenced; the line after the enable comment (19) is not."""
    check("backend", notes=added(f"<!-- worker-lint-disable absolute-path -->\n{BAD_LINE}\n{BAD_LINE}\n<!-- worker-lint-enable absolute-path -->\n{BAD_LINE}\n"),
          expect=["notes:19:15 absolute-path"])


def test_disable_without_rules_covers_every_rule() -> None:
    check("backend", notes=added(f"<!-- worker-lint-disable -->\n{BAD_LINE} {{{{OWNER}}}}\n<!-- worker-lint-enable -->\n"), expect=[])


def test_enable_one_rule_after_disabling_all() -> None:
    """The path on line 17 is reported again; the {{OWNER}} placeholder after it stays silenced."""
    check("backend", notes=added(f"<!-- worker-lint-disable -->\n<!-- worker-lint-enable absolute-path -->\n{BAD_LINE} {{{{OWNER}}}}\n<!-- worker-lint-enable -->\n"),
          expect=["notes:17:15 absolute-path"])


def test_disable_file() -> None:
    notes = "<!-- worker-lint-disable-file absolute-path -->\n" + base("backend").notes.replace(CRITICAL, CRITICAL + BAD_LINE + "\n", 1)
    check("backend", notes=notes, expect=[])


def test_unused_suppression_is_a_warning() -> None:
    """A warning: the deliverable passes, unless warnings fail it."""
    added_lines = added("<!-- worker-lint-disable-next-line absolute-path -->\nAll paths here are fine: /srv/app/x.py:1.\n")
    result = check("backend", notes=added_lines, expect=["notes:15:1 unused-suppression"])
    assert result.findings[0].severity == lint.Severity.WARNING
    assert result.exit_code == 0
    strict = check("backend", notes=added_lines, expect=["notes:15:1 unused-suppression"], settings=lint.Settings(fail_level=lint.Severity.WARNING))
    assert strict.exit_code == 1


def test_unused_rule_in_a_partly_used_comment() -> None:
    check("backend", notes=added(f"<!-- worker-lint-disable-next-line absolute-path, schema -->\n{BAD_LINE}\n"), expect=["notes:15:1 unused-suppression"],
          message_contains="no schema finding here")


def test_unknown_rule_in_a_comment() -> None:
    """A misspelt rule silences nothing: the bad line after it (16) is reported too."""
    check("backend", notes=added(f"<!-- worker-lint-disable-next-line absolute-pth -->\n{BAD_LINE}\n"),
          expect=["notes:15:1 unused-suppression", "notes:16:15 absolute-path"], message_contains="unknown rule 'absolute-pth'")


def test_comments_in_code_blocks_do_nothing() -> None:
    check("backend", notes=added(f"```markdown\n<!-- worker-lint-disable-file absolute-path -->\n```\n{BAD_LINE}\n"), expect=["notes:18:15 absolute-path"])


def test_notes_comments_do_not_silence_json_findings() -> None:
    check("backend", notes="<!-- worker-lint-disable-file statistics-count -->\n" + base("backend").notes,
          output=[('"total_api_endpoints": 4', '"total_api_endpoints": 5')],
          expect=["notes:1:1 unused-suppression", "output:454:28 statistics-count /statistics/total_api_endpoints"])


def test_unused_suppression_can_be_ignored() -> None:
    check("backend", notes=added("<!-- worker-lint-disable-next-line absolute-path -->\nFine.\n"), expect=[],
          settings=lint.Settings(ignore=frozenset({"unused-suppression"})))


@pytest.mark.parametrize(
    "shown",
    [
        "An example: `run\nit <!-- worker-lint-disable-file -->\nnow`.\n",  # inline code over several lines
        "Escaped: \\<!-- worker-lint-disable-file -->\n",  # literal text
        "A link: [x](<!-- worker-lint-disable-file -->).\n",  # a link destination
        '<div title="<!-- worker-lint-disable-file -->">x</div>\n',  # an attribute of another HTML block
        "- a list item\n\n  <!-- worker-lint-disable-file -->\n",  # inside a list item
        "> <!-- worker-lint-disable-file -->\n",  # inside a quote
        "Trailing text <!-- worker-lint-disable-file -->\n",  # after text in a paragraph
        "<!-->\n`<!-- worker-lint-disable-file -->`\n",  # an empty comment ends at once in CommonMark
        "1)  x\n   ```\n<!-- worker-lint-disable-file -->\n   ```\n",  # inside a fence a CommonMark reader shows
        "Text right before.\n<!-- worker-lint-disable-file -->\n",  # run on from a paragraph
    ],
    ids=["multi-line-code", "escaped", "link", "attribute", "list-item", "quote", "after-text", "empty-comment",
         "fence-in-list", "after-paragraph"],
)
def test_a_comment_that_is_not_a_comment_block_of_its_own_silences_nothing(session: Session, shown: str) -> None:
    session.edit_notes(WRONG_SCORE[0], WRONG_SCORE[1])
    session.edit_notes("## Critical Issues Found\n", "## Critical Issues Found\n\n" + shown + "\n")
    run = lint_json(session.root)
    assert "score-mismatch" in run.rules() and run.exit_code == 1


def test_a_comment_block_of_its_own_still_silences(session: Session) -> None:
    session.edit_notes(WRONG_SCORE[0], WRONG_SCORE[1])
    session.edit_notes("## Critical Issues Found\n", "## Critical Issues Found\n\n<!-- worker-lint-disable-file score-mismatch -->\n\n")
    assert lint_json(session.root).rules() == []


def test_many_directives_cost_little(session: Session) -> None:
    """Each finding asks for its suppressor: a lookup, not a walk over every comment."""
    from lint.analysis.suppressions import Directive, Suppressions

    directives = [Directive("disable" if i % 2 else "enable", ("absolute-path",), 3 * i + 1, 1) for i in range(20_000)]
    suppressions = Suppressions(directives)
    calls = 0
    original = suppressions._ranges

    class Counting(list):
        def __iter__(self):
            nonlocal calls
            calls += 1
            return super().__iter__()

    suppressions._ranges = Counting(original)
    suppressions._by_rule.clear()
    assert all(suppressions.suppress("absolute-path", 3 * i + 2) == bool(i % 2) for i in range(20_000))
    assert calls == 1  # the directives were walked once for the rule, not once per finding
