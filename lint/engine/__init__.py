"""Run the rules, decide what is reported and whether it passes, score, cache."""

from lint.engine.results import RunResult, UnitResult
from lint.engine.rule_settings import RuleSettings
from lint.engine.run import PARALLEL_MIN_UNITS, default_jobs, lint_unit, lint_units

__all__ = ["PARALLEL_MIN_UNITS", "RuleSettings", "RunResult", "UnitResult", "default_jobs", "lint_unit", "lint_units"]
