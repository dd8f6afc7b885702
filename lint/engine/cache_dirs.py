"""Where the result cache lives by default: the platform's own cache folder.

This is the small part of ``platformdirs`` the linter needs, written out: that
library's import alone would cost every run answered from the cache several
milliseconds, and start-up is most of such a run.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "worker-lint"


def user_cache_dir() -> Path:
    """The folder the platform keeps programs' caches in, for this program:

    - Windows: ``%LOCALAPPDATA%\\worker-lint\\Cache``;
    - macOS: ``~/Library/Caches/worker-lint``;
    - elsewhere: ``$XDG_CACHE_HOME/worker-lint``, else ``~/.cache/worker-lint``. A relative
      ``XDG_CACHE_HOME`` is ignored, as the XDG specification says: it would put the cache
      in whatever folder the linter runs in, which may be the tree being linted.
    """
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        return (Path(local) if local else Path.home() / "AppData" / "Local") / APP / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / APP


def default_directory() -> Path:
    """``$WORKER_LINT_CACHE_DIR``, else the platform's cache folder: never inside the linted tree."""
    explicit = os.environ.get("WORKER_LINT_CACHE_DIR")
    return Path(explicit) if explicit else user_cache_dir()
