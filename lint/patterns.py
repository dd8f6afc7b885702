"""Regular expressions compiled when first used.

Compiling a pattern is pure Python and costs about as much as running it on a
whole deliverable, and a run on one deliverable is mostly start-up. Patterns
that most runs never reach (error paths, evidence, rare markup) are declared
with :func:`lazy_pattern`; after the first use its methods are the compiled
pattern's own, so a call costs what it costs on a module-level pattern.
"""

from __future__ import annotations

import re
from typing import cast

_METHODS = ("match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split")


class _LazyPattern:
    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str) -> object:  # only for what the instance does not hold yet
        if name.startswith("__") or name in ("pattern", "flags"):
            raise AttributeError(name)  # asked before __init__ ran (a copy, an unpickling): nothing to compile
        compiled = re.compile(self.pattern, self.flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __reduce__(self) -> tuple:
        """Copied and pickled as the declaration, compiled again where it is used."""
        return lazy_pattern, (self.pattern, self.flags)


def lazy_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern that behaves as ``re.compile(pattern, flags)`` and is compiled on first use."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))
