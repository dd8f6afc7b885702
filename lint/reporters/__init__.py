"""Output formats, chosen by name. A reporter only sees the run's result."""

from __future__ import annotations

from lint.reporters import concise, github, harness, json_report, junit, sarif, text
from lint.reporters.options import ReportOptions

REPORTERS = {
    "text": text.report,
    "concise": concise.report,
    "json": json_report.report,
    "sarif": sarif.report,
    "junit": junit.report,
    "github": github.report,
    "harness": harness.report,
}

__all__ = ["REPORTERS", "ReportOptions"]
