"""Opening files where the platform lacks O_NOFOLLOW or O_NONBLOCK (Windows): links are still refused."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from lint import fspath


def test_a_link_is_refused_without_o_nofollow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "elsewhere.txt"
    target.write_text("outside\n")
    link = tmp_path / "EVENTS.jsonl"
    link.symlink_to(target)
    monkeypatch.setattr(fspath, "O_NOFOLLOW", 0)
    with pytest.raises(OSError) as refused:
        fspath.open_to_write(link)
    assert refused.value.errno == errno.ELOOP
    with pytest.raises(OSError):
        fspath.read_regular(link, 100, follow=False)
    assert target.read_text() == "outside\n"


def test_a_regular_file_opens_without_the_flags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fspath, "O_NOFOLLOW", 0)
    monkeypatch.setattr(fspath, "O_NONBLOCK", 0)
    path = tmp_path / "log.jsonl"
    fd = fspath.open_to_write(path, os.O_APPEND)
    try:
        os.write(fd, b"line\n")
    finally:
        os.close(fd)
    assert fspath.read_regular(path, 100, follow=False) == b"line\n"
