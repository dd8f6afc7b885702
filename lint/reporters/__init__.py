"""Output formats, chosen by name. A reporter only sees the run's result."""

from __future__ import annotations

from lint.reporters import json_report, text
from lint.reporters.options import ReportOptions

REPORTERS = {
    "text": text.report,
    "json": json_report.report,
}

__all__ = ["REPORTERS", "ReportOptions"]
