"""The rule-test helper fails loudly and readably: a wrong expectation or an edit without one place never passes."""

from __future__ import annotations

import pytest

from rulecheck import base, check

ROUNDED = [("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")]


def test_a_missing_or_extra_finding_fails_showing_both_lists_and_the_messages() -> None:
    with pytest.raises(AssertionError) as missing:
        check("backend", notes=ROUNDED, expect=[])
    assert "expected:\n  (nothing)" in str(missing.value)
    assert "notes:4:25 score-mismatch  [error] API Design Score is 7/10 here but 6.5" in str(missing.value)
    with pytest.raises(AssertionError, match="found:\n  \\(nothing\\)"):
        check("backend", expect=["notes:4:25 score-mismatch"])


def test_a_wrong_place_fails() -> None:
    with pytest.raises(AssertionError, match="the findings differ"):
        check("backend", notes=ROUNDED, expect=["notes:4:24 score-mismatch"])


def test_a_message_fragment_must_appear() -> None:
    check("backend", notes=ROUNDED, expect=["notes:4:25 score-mismatch"], message_contains="7/10 here")
    with pytest.raises(AssertionError, match="no message contains"):
        check("backend", notes=ROUNDED, expect=["notes:4:25 score-mismatch"], message_contains="8/10")


@pytest.mark.parametrize("find", ["**API Design Score**: 9/10", "Score**"], ids=["absent", "three-times"])
def test_an_edit_must_find_exactly_one_place(find: str) -> None:
    with pytest.raises(AssertionError, match="an edit must find exactly one place"):
        check("backend", notes=[(find, "x")], expect=[])


def test_a_base_keeps_its_line_endings() -> None:
    """Read as bytes: CRLF notes stay CRLF, so positions are those of the file as written."""
    assert "\r\n" in base("valid/second-style").notes
    assert "\r\n" not in base("backend").notes
