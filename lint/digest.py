"""SHA-256 of the bytes linted, so that a result is known to be theirs.

Python's own SHA-256 module loads in a tenth of a millisecond; ``hashlib`` loads
OpenSSL's, two milliseconds of every run, for files a few kilobytes long. OpenSSL's is
five times faster, though: a process that has hashed a mebibyte takes it from then on.
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


_HASHED = [0]  # bytes hashed by this process
_SWITCH_AT = 1 << 20  # past a mebibyte (a run of many deliverables), OpenSSL's faster SHA-256 repays its loading


def sha256_digest(data: bytes) -> bytes:
    if _HASHED[0] < _SWITCH_AT:
        _HASHED[0] += len(data)
        return _SHA256(data).digest()
    return _openssl()(data).digest()


def _openssl() -> Callable[[bytes], Any]:
    global _OPENSSL
    if _OPENSSL is None:
        from hashlib import sha256

        _OPENSSL = sha256
    return _OPENSSL


_OPENSSL: Callable[[bytes], Any] | None = None
