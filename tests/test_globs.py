"""Globs have .gitignore semantics, relative to the configuration file's folder (the
current folder for the command line), whichever way the linted path was typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SESSION_ID, Session, run_cli
from lint.settings.globs import glob_match

WRONG_SCORE = ("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")


@pytest.fixture
def failing(session: Session) -> Session:
    session.edit_notes(*WRONG_SCORE)
    return session


def _deliverables(session: Session, *args: str, typed: str = ".", cwd: Path | None = None) -> int:
    target = {".": ".", "absolute": str(session.root)}[typed]
    run = run_cli("check", target, "--format", "json", "--no-cache", *args, cwd=cwd or session.root)
    assert run.exit_code in (0, 1), run.stderr
    return run.report["summary"]["deliverables"]


@pytest.mark.parametrize("typed", [".", "absolute"])
@pytest.mark.parametrize(
    "pattern,excluded",
    [
        ("Docs/hive-mind/sessions/2025-09-14-10-*", True),
        ("/Docs/hive-mind/sessions/2025-09-14-10-*", True),
        ("Docs/hive-mind/sessions/2025-09-14-11-*", False),
        ("sessions/2025-09-14-10-*", False),  # a slash anchors it to the folder: no sessions/ there
        ("**/sessions/2025-09-14-1[0-9]-*", True),  # a character class
        ("**/sessions/2025-09-14-1[!0]-*", False),
        ("2025-09-14-10-??-*", True),  # no slash: a name at any depth
        ("backend_*.md", True),
        ("json/", True),  # a folder covers what is in it
    ],
)
def test_command_line_excludes_match_alike_for_relative_and_absolute_paths(failing: Session, pattern: str, excluded: bool, typed: str) -> None:
    assert _deliverables(failing, "--exclude", pattern, typed=typed) == (0 if excluded else 1)


def test_command_line_globs_are_relative_to_the_current_folder(failing: Session) -> None:
    """Typed from the sessions folder, a pattern names what is below it there."""
    sessions = failing.root / "Docs" / "hive-mind" / "sessions"
    assert _deliverables(failing, "--exclude", f"{SESSION_ID}/workers", typed="absolute", cwd=sessions) == 0
    assert _deliverables(failing, "--exclude", f"{SESSION_ID}/workers", typed="absolute") == 1


@pytest.mark.parametrize("typed", [".", "absolute"])
def test_a_leading_slash_anchors_to_the_configuration_files_folder(failing: Session, typed: str) -> None:
    (failing.root / ".worker-lint.toml").write_text('exclude = ["/Docs/hive-mind/sessions/2025-*"]\n')
    assert _deliverables(failing, typed=typed) == 0
    (failing.root / ".worker-lint.toml").write_text('exclude = ["/hive-mind/sessions/2025-*"]\n')
    assert _deliverables(failing, typed=typed) == 1
    (failing.root / ".worker-lint.toml").write_text('exclude = ["hive-mind/sessions/2025-*"]\n')  # anchored by its slash too
    assert _deliverables(failing, typed=typed) == 1


def test_per_file_ignores_use_the_same_globs(failing: Session) -> None:
    (failing.root / ".worker-lint.toml").write_text('[per-file-ignores]\n"/Docs/**/notes/backend_[a-z]otes.md" = ["score-mismatch"]\n')
    for typed in (".", "absolute"):
        target = "." if typed == "." else str(failing.root)
        assert run_cli("check", target, "--no-cache", cwd=failing.root).exit_code == 0


def test_a_negated_glob_is_refused_not_silently_ignored(failing: Session) -> None:
    run = run_cli("check", ".", "--exclude", "!Docs", cwd=failing.root)
    assert run.exit_code == 2 and "without '!'" in run.stderr and "'!Docs'" in run.stderr
    (failing.root / ".worker-lint.toml").write_text('[per-file-ignores]\n"!*.md" = ["score-mismatch"]\n')
    run = run_cli("check", ".", cwd=failing.root)
    assert run.exit_code == 2 and ".worker-lint.toml" in run.stderr and "without '!'" in run.stderr


def test_a_path_outside_the_base_is_matched_only_by_unanchored_patterns(tmp_path: Path) -> None:
    base = tmp_path / "project"
    base.mkdir()
    elsewhere = tmp_path / "elsewhere" / "backend_notes.md"
    assert glob_match("backend_notes.md", elsewhere, base)
    assert not glob_match("elsewhere/backend_notes.md", elsewhere, base)
    assert glob_match("elsewhere/backend_notes.md", base / "elsewhere" / "backend_notes.md", base)


@pytest.mark.parametrize("pattern,words", [("foo\\", "a backslash at the end escapes nothing"), ("[z-a]", "bad character range z-a")])
def test_a_pattern_that_is_no_glob_is_a_clear_error(failing: Session, pattern: str, words: str) -> None:
    for option in ("--exclude", "--per-file-ignores"):
        value = pattern if option == "--exclude" else f"{pattern}=schema"
        run = run_cli("check", ".", option, value, cwd=failing.root)
        assert run.exit_code == 2 and words in run.stderr and "internal error" not in run.stderr
    (failing.root / ".worker-lint.toml").write_text(f"exclude = ['{pattern}']\n")  # a TOML literal string: the pattern as it is
    run = run_cli("check", ".", cwd=failing.root)
    assert run.exit_code == 2 and ".worker-lint.toml" in run.stderr and words in run.stderr
    import lint

    with pytest.raises(lint.UsageError, match="as in .gitignore"):
        lint.Settings(exclude=[pattern])
