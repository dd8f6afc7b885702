"""Output formats, chosen by name. A reporter only sees the run's result.

Each format's module is imported only when it is chosen, so a run pays for
one reporter (the JUnit one needs an XML library, the SARIF one URL parsing).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from lint.reporters.options import ReportOptions

_MODULES = {
    "text": "text",
    "concise": "concise",
    "json": "json_report",
    "sarif": "sarif",
    "junit": "junit",
    "github": "github",
    "harness": "harness",
}

FORMATS = tuple(_MODULES)
_MODULES["statistics"] = "statistics"  # --statistics, over the text and concise formats


def reporter(name: str) -> Callable:
    """The ``report(result, stream, options)`` function of one format."""
    return importlib.import_module(f"lint.reporters.{_MODULES[name]}").report


__all__ = ["FORMATS", "ReportOptions", "reporter"]
