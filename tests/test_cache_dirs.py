"""Where the result cache lives: the platform's cache folder, unless the caller names one."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import run_cli
from lint.engine.cache import default_directory


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of its own, and none of the variables that move the cache."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for name in ("WORKER_LINT_CACHE_DIR", "XDG_CACHE_HOME", "LOCALAPPDATA"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path / "home"


@pytest.mark.parametrize(("platform", "variables", "expected"), [
    ("linux", {}, "home/.cache/worker-lint"),
    ("linux", {"XDG_CACHE_HOME": "{tmp}/xdg"}, "xdg/worker-lint"),
    ("linux", {"XDG_CACHE_HOME": "relative/cache"}, "home/.cache/worker-lint"),  # never wherever the run starts
    ("freebsd14", {"XDG_CACHE_HOME": "{tmp}/xdg"}, "xdg/worker-lint"),
    ("darwin", {}, "home/Library/Caches/worker-lint"),
    ("darwin", {"XDG_CACHE_HOME": "{tmp}/xdg"}, "home/Library/Caches/worker-lint"),
    ("win32", {"LOCALAPPDATA": "{tmp}/Local"}, "Local/worker-lint/Cache"),
    ("win32", {}, "home/AppData/Local/worker-lint/Cache"),
])
def test_the_default_is_the_platforms_cache_folder(platform: str, variables: dict[str, str], expected: str, home: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    tmp = home.parent
    monkeypatch.setattr(sys, "platform", platform)
    for name, value in variables.items():
        monkeypatch.setenv(name, value.format(tmp=tmp))
    assert default_directory() == tmp / expected


@pytest.mark.parametrize("platform", ["linux", "darwin", "win32"])
def test_worker_lint_cache_dir_wins_on_every_platform(platform: str, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setenv("WORKER_LINT_CACHE_DIR", str(home / "mine"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "xdg"))
    monkeypatch.setenv("LOCALAPPDATA", str(home / "Local"))
    assert default_directory() == home / "mine"


def test_cache_dir_prints_the_folder_check_uses(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "xdg"))
    assert run_cli("cache", "dir").stdout == f"{home / 'xdg' / 'worker-lint'}\n"
    monkeypatch.setenv("WORKER_LINT_CACHE_DIR", str(home / "env"))
    assert run_cli("cache", "dir").stdout == f"{home / 'env'}\n"
    named = run_cli("cache", "dir", "--cache-dir", str(home / "named"))
    assert (named.exit_code, named.stdout) == (0, f"{home / 'named'}\n")
