"""worker-lint: validate the deliverables that AI workers hand in.

The public API (stable from 0.2)::

    import lint

    result = lint.lint_deliverable("2026-12-02-audit", "backend", project="/srv/app",
                                   settings=lint.Settings(fail_under=7))
    result.passed, result.exit_code, result.score, result.findings
    result.to_worker_output()   # the harness's WorkerOutput, as a dict

Functions: :func:`lint_paths`, :func:`lint_project`, :func:`lint_session`,
:func:`lint_deliverable`, :func:`lint_contents`, :func:`log_event`; values: :class:`Settings`,
:class:`Result` (one run), :class:`DeliverableResult`, :class:`Finding`,
:class:`Severity`; errors: :class:`UsageError`. Names are imported on first use,
so ``worker-lint --version`` stays fast.
"""

# Nothing is imported here, not even ``typing``: ``python -m lint`` imports this
# package while the current folder, which the linted project may be, still comes
# first on the module path (see ``lint/__main__.py``).
TYPE_CHECKING = False

__version__ = "0.2.0"

if TYPE_CHECKING:
    from typing import Any

    from lint.api import lint_contents, lint_deliverable, lint_paths, lint_project, lint_session
    from lint.engine.results import Policy
    from lint.engine.results import RunResult as Result
    from lint.engine.results import UnitResult as DeliverableResult
    from lint.events import LogUnwritable, NotLogged, log_event
    from lint.model import Finding, Severity, UsageError
    from lint.settings.model import Settings

_EXPORTS = {
    "lint_paths": ("lint.api", "lint_paths"),
    "lint_project": ("lint.api", "lint_project"),
    "lint_session": ("lint.api", "lint_session"),
    "lint_deliverable": ("lint.api", "lint_deliverable"),
    "lint_contents": ("lint.api", "lint_contents"),
    "Settings": ("lint.settings.model", "Settings"),
    "Result": ("lint.engine.results", "RunResult"),
    "DeliverableResult": ("lint.engine.results", "UnitResult"),
    "Policy": ("lint.engine.results", "Policy"),
    "Finding": ("lint.model", "Finding"),
    "Severity": ("lint.model", "Severity"),
    "UsageError": ("lint.model", "UsageError"),
    "log_event": ("lint.events", "log_event"),
    "NotLogged": ("lint.events", "NotLogged"),
    "LogUnwritable": ("lint.events", "LogUnwritable"),
}

__all__ = [
    "DeliverableResult", "Finding", "LogUnwritable", "NotLogged", "Policy", "Result", "Settings", "Severity", "UsageError", "__version__",
    "lint_contents", "lint_deliverable", "lint_paths", "lint_project", "lint_session", "log_event",
]


def __getattr__(name: str) -> "Any":
    if name not in _EXPORTS:
        raise AttributeError(f"module 'lint' has no attribute {name!r}")
    import importlib

    module, attribute = _EXPORTS[name]
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
