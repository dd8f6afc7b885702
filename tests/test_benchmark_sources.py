"""The codebase benchmarks/generate.py --sources writes holds what the generated sessions cite:
mapped, the evidence rules look every reference up and find nothing; broken, they fire."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import run_cli

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH))
try:
    import sources
finally:
    sys.path.remove(str(BENCH))

EVIDENCE_RULES = {"reference-missing", "reference-line", "snippet-mismatch"}


def _generate(out: Path) -> Path:
    subprocess.run([sys.executable, str(BENCH / "generate.py"), str(out), "--sessions", "2", "--notes-kb", "30", "--json-kb", "30", "--sources"],
                   check=True, capture_output=True)
    return out


def _lint(project: Path, codebase: Path | None = None):
    mapping = ["--source-root", f"{sources.PREFIX}={codebase or project / sources.FOLDER}"]
    return run_cli("check", str(project), "--format", "json", "--no-cache", "--fail-level", "info", *mapping)


def test_the_generated_codebase_is_deterministic_and_holds_every_cited_file(tmp_path: Path) -> None:
    first, second = _generate(tmp_path / "a"), _generate(tmp_path / "b")
    files = sorted(p.relative_to(first / sources.FOLDER) for p in (first / sources.FOLDER).rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second / sources.FOLDER) for p in (second / sources.FOLDER).rglob("*") if p.is_file())
    assert all((first / sources.FOLDER / p).read_bytes() == (second / sources.FOLDER / p).read_bytes() for p in files)
    cited = sources.scan(first)
    assert {str(p) for p in files} == {f for f in cited.files if not f.endswith("/")}
    assert len(files) >= 20 and cited.quotes, "the example cites a few dozen files and quotes code from some"
    for relative, highest in cited.files.items():
        assert len((first / sources.FOLDER / relative).read_text(encoding="utf-8").splitlines()) >= max(highest, 25), relative


def test_mapped_to_its_codebase_a_generated_project_lints_clean(tmp_path: Path) -> None:
    project = _generate(tmp_path / "project")
    run = _lint(project)
    assert run.exit_code == 0 and run.findings == [], run.findings[:3]
    assert "no known source root" not in run.stderr


def test_without_the_codebase_every_reference_is_missing(tmp_path: Path) -> None:
    project = _generate(tmp_path / "project")
    shutil.rmtree(project / sources.FOLDER)
    (project / sources.FOLDER).mkdir()
    run = _lint(project)
    assert run.exit_code == 1
    assert set(run.rules()) == {"reference-missing"} and len(run.findings) > 40


def test_a_line_too_few_or_a_quote_gone_is_reported(tmp_path: Path) -> None:
    project = _generate(tmp_path / "project")
    codebase = project / sources.FOLDER
    cited = sources.scan(project)
    quoted, places = next(iter(sorted(cited.quotes.items())))
    start, quotes = next(iter(sorted(places.items())))
    lines = (codebase / quoted).read_text(encoding="utf-8").splitlines()
    del lines[start - 1 : start - 1 + len(quotes[0])]  # the quoted lines removed
    (codebase / quoted).write_text("\n".join(lines) + "\n", encoding="utf-8")
    longest = max((f for f in cited.files if f != quoted and f not in cited.quotes), key=lambda f: cited.files[f])
    lines = (codebase / longest).read_text(encoding="utf-8").splitlines()
    (codebase / longest).write_text("\n".join(lines[: cited.files[longest] - 1]) + "\n", encoding="utf-8")  # the last cited line gone
    run = _lint(project)
    assert run.exit_code == 1
    assert set(run.rules()) == {"reference-line", "snippet-mismatch"}, run.rules()
    assert all(quoted in f["message"] for f in run.only("snippet-mismatch"))
    assert all(longest in f["message"] for f in run.only("reference-line"))
