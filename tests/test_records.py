"""Records behave as the dataclasses they replace: equality, hashing, order, repr, copies and pickling."""

from __future__ import annotations

import copy
import dataclasses
import operator
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.engine.results import Policy, RunResult, UnitResult
from lint.model import Elided, Finding, Severity
from lint.reporters.options import ReportOptions
from lint.settings import Settings


@dataclasses.dataclass(frozen=True, order=True)
class ReferenceFinding:
    """The straightforward definition the record must match."""

    path: Path
    line: int
    column: int
    rule: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR
    pointer: str | None = None
    end_line: int | None = None
    end_column: int | None = None
    fix: tuple = dataclasses.field(default=(), compare=False, repr=False)


values = st.fixed_dictionaries({
    "path": st.sampled_from([Path("a.md"), Path("b.json"), Path("/x/a.md")]),
    "line": st.integers(0, 3),
    "column": st.integers(0, 2),
    "rule": st.sampled_from(["schema", "absolute-path"]),
    "message": st.sampled_from(["m", "n"]),
    "hint": st.sampled_from(["", "h"]),
    "severity": st.sampled_from(list(Severity)),
    "pointer": st.sampled_from([None, "", "/a"]),
    "end_line": st.sampled_from([None, 1]),
    "end_column": st.sampled_from([None, 2]),
    "fix": st.sampled_from([(), ("edit",)]),
})


def _outcome(op, left, right):
    try:
        return op(left, right)
    except TypeError:  # None against a string: the dataclass could not order them either
        return TypeError


@settings(max_examples=200, deadline=None)
@given(values, values)
def test_finding_compares_hashes_and_orders_as_the_dataclass_did(a: dict, b: dict) -> None:
    fa, fb, ra, rb = Finding(**a), Finding(**b), ReferenceFinding(**a), ReferenceFinding(**b)
    assert (fa == fb) == (ra == rb) and (fa != fb) == (ra != rb)
    for op in (operator.lt, operator.le, operator.gt, operator.ge):
        assert _outcome(op, fa, fb) == _outcome(op, ra, rb)
    if fa == fb:
        assert hash(fa) == hash(fb)
    assert repr(fa) == repr(ra).replace("ReferenceFinding(", "Finding(", 1)
    assert fa.replaced(line=9, fix=("x",)) == Finding(**{**a, "line": 9})
    assert fa.with_severity(Severity.INFO).severity is Severity.INFO
    for copied in (pickle.loads(pickle.dumps(fa)), copy.copy(fa), copy.deepcopy(fa)):
        assert copied == fa and copied.fix == fa.fix and type(copied) is Finding


def test_findings_sort_and_dedupe_as_before() -> None:
    found = [Finding(Path("b"), 2, 1, "r", "m"), Finding(Path("a"), 9, 1, "r", "m"), Finding(Path("a"), 9, 1, "r", "m", fix=("e",))]
    assert [f.path.name for f in sorted(found)] == ["a", "a", "b"]
    assert len(set(found)) == 2  # ``fix`` takes no part in equality
    assert Finding(Path("a"), 1, 1, "r", "m") != ReferenceFinding(Path("a"), 1, 1, "r", "m")  # another class is never equal


@pytest.mark.parametrize("record", [
    Finding(Path("a"), 1, 1, "r", "m"), Elided(Path("a"), "r", Severity.ERROR, 3), Policy(), ReportOptions(), Settings(),
])
def test_immutable_records_refuse_assignment(record: object) -> None:
    with pytest.raises(AttributeError, match="immutable"):
        record.line = 3  # type: ignore[attr-defined]
    with pytest.raises(AttributeError, match="immutable"):
        del record.rule  # type: ignore[attr-defined]


def test_replaced_refuses_a_field_it_does_not_have() -> None:
    with pytest.raises(TypeError, match="no field 'lines'"):
        Finding(Path("a"), 1, 1, "r", "m").replaced(lines=2)


def test_mutable_results_are_unhashable_and_compare_by_value() -> None:
    unit = UnitResult(None, [], {})  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        hash(unit)
    assert unit == UnitResult(None, [], {}) and unit.policy == Policy()  # type: ignore[arg-type]
    run = RunResult([unit], Policy(Severity.WARNING))
    assert unit.policy == Policy(Severity.WARNING) and run.notes == []
    assert pickle.loads(pickle.dumps(run)) == run


def test_settings_survive_pickling_without_being_parsed_again(tmp_path: Path) -> None:
    """A worker process gets the settings as they were made (packs, globs and roots already resolved)."""
    made = Settings(fail_level="warning", severity={"absolute-path": "info"}, exclude=["legacy-*"], fail_under=7)
    again = pickle.loads(pickle.dumps(made))
    assert again == made and again.fail_level is Severity.WARNING and again.severity == {"absolute-path": Severity.INFO}
    assert Settings() == Settings(severity=None) and Settings().severity == {} and Settings().severity is not Settings().severity
    assert "fail_level=<Severity.ERROR: 3>" in repr(Settings())


def test_a_subclass_compares_hashes_and_shows_as_its_parent() -> None:
    class Mine(Finding):
        __slots__ = ()

    class Options(ReportOptions):
        pass

    a, b = Mine(Path("a"), 1, 1, "r", "m", fix=("e",)), Mine(Path("a"), 1, 1, "r", "m")
    assert a == b and hash(a) == hash(b) and "fix" not in repr(a)
    assert hash(Options()) == hash(Options())
