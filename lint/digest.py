"""SHA-256 of the bytes linted, so that a result is known to be theirs.

Python's own SHA-256 module loads in a tenth of a millisecond; ``hashlib`` loads
OpenSSL's, two milliseconds of every run, for files a few kilobytes long.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def _builtin() -> Callable[[bytes], Any]:
    for name in ("_sha256", "_sha2"):  # the module's name before and since Python 3.12
        try:
            return importlib.import_module(name).sha256
        except (ImportError, AttributeError):
            continue
    from hashlib import sha256

    return sha256


_SHA256 = _builtin()


def sha256_digest(data: bytes) -> bytes:
    return _SHA256(data).digest()
