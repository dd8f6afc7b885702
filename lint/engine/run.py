"""Run the rules over deliverables, serially or in processes, with the result cache.

The engine never prints and never exits: it returns results for a reporter.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from collections.abc import Callable

from lint.discover import Unit
from lint.engine.results import Policy, RunResult, UnitResult
from lint.engine.rule_settings import RuleSettings
from lint.model import Elided, Finding, Severity

# The rules, the loaders and the Markdown parser are imported when a deliverable
# is linted: a run answered from the cache never pays for them.
if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable
    from lint.checks import Problem, Rule
    from lint.engine.cache import ResultCache


def _to_finding(problem: Problem, rule: Rule, severity: Severity) -> Finding:
    return Finding(
        path=problem.path if isinstance(problem.path, Path) else Path(problem.path),
        line=max(1, problem.line),
        column=max(1, problem.column),
        rule=rule.name,
        message=problem.message,  # shown safely (escaped) once listed: see lint.engine.decide
        hint=problem.hint,
        severity=severity,
        pointer=problem.pointer,
        end_line=problem.end_line,
        end_column=problem.end_column,
        fix=problem.fix,
    )


def lint_unit(unit: Unit, settings: RuleSettings, contents: dict | None = None, keep_edits: bool = False) -> UnitResult:
    """Lint one deliverable; ``contents`` gives file bytes to use instead of the disk's.
    With ``keep_edits``, the result holds the edits of every finding, listed or not (for --fix)."""
    from lint.engine.recursion import frames_needed, recursion_room

    with recursion_room(frames_needed(settings.max_markdown_depth, settings.max_json_depth)):
        return _lint_unit(unit, settings, contents, keep_edits)


def _lint_unit(unit: Unit, settings: RuleSettings, contents: dict | None, keep_edits: bool) -> UnitResult:
    from lint.checks import REGISTRY
    from lint.analysis.deliverable import Deliverable
    from lint.engine.decide import Decider

    deliverable = Deliverable(unit, settings.max_bytes, contents, settings.template_dir, settings.max_json_depth, settings.max_markdown_depth,
                              settings.source_roots if settings.source_check else None)
    decider = Decider(deliverable, settings, MAX_LISTED, keep_edits)
    for rule in REGISTRY.values():
        if rule.decided or not settings.enabled(rule):
            continue
        if not all(deliverable.available(name) for name in rule.needs):
            continue
        severity = settings.severity(rule)
        chosen = rule.name in settings.severities
        for problem in rule.check(deliverable):
            level = problem.severity if problem.severity is not None and not chosen else severity
            decider.offer(_to_finding(problem, rule, level))
    kept, elided = decider.finish()
    result = UnitResult(unit, kept, _quoted_lines(deliverable, kept), deliverable.size, digests=deliverable.digests, elided=elided)
    result.edits = decider.edits
    evidence = deliverable.__dict__.get("evidence")  # only when a rule looked at it
    if evidence is not None:
        result.unchecked = evidence.unchecked_example
        result.consulted = tuple(sorted(evidence.consulted.items()))
    return result


# The most findings of one rule listed for one file: a hostile file can make thousands,
# and every report then stays proportional to what a person can read. The rest are counted.
MAX_LISTED = 100


def _quoted_lines(deliverable: Deliverable, findings: list[Finding]) -> dict[Path, dict[int, str]]:
    """The lines findings point at, kept for reporters that quote them (the file itself is not kept)."""
    wanted: dict[Path, set[int]] = {}
    for finding in findings:
        wanted.setdefault(finding.path, set()).add(finding.line)
    sources: dict[Path, dict[int, str]] = {}
    notes, output = deliverable.notes, deliverable.output
    if notes is not None and deliverable.notes_path in wanted:
        lines = notes.lines
        sources[deliverable.notes_path] = {n: lines[n - 1] for n in wanted[deliverable.notes_path] if 0 < n <= len(lines)}
    if output is not None and deliverable.output_path in wanted:
        index, text = output.index, output.text
        quoted = {}
        for number in wanted[deliverable.output_path]:
            if 0 < number <= index.line_count:
                end = index.offset(number + 1) if number < index.line_count else len(text)
                quoted[number] = text[index.offset(number) : end].rstrip("\r\n")
        sources[deliverable.output_path] = quoted
    return sources


# Below this many deliverables, starting processes costs more than it saves.
PARALLEL_MIN_UNITS = 40


def default_jobs() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def lint_units(units: list[Unit], settings: RuleSettings, jobs: int = 1, advance: Callable[[int], None] | None = None,
               cache: ResultCache | None = None, policy: Policy | None = None) -> RunResult:
    """Lint every unit, in ``jobs`` processes when there are enough to pay for them.

    ``advance(n)`` is called as units finish, for a progress display. A unit
    found in ``cache`` is not linted again. The result is the same, in the same
    order, whatever the number of jobs and whatever the cache holds.
    """
    results: list[UnitResult | None] = [None] * len(units)
    keys: list[str | None] = [None] * len(units)
    if cache is not None:
        for number, unit in enumerate(units):
            keys[number] = key = cache.key(unit)
            found = cache.get(key, unit) if key is not None else None
            if found is not None:
                results[number] = found
        if advance is not None and cache.hits:
            advance(cache.hits)
    todo = [number for number, result in enumerate(results) if result is None]
    if jobs > 1 and len(todo) >= PARALLEL_MIN_UNITS:
        fresh = _in_processes([units[n] for n in todo], settings, jobs, advance)
    else:
        from lint.analysis.source_files import one_run

        fresh = []
        with one_run():
            for number in todo:
                fresh.append(lint_unit(units[number], settings))
                if advance is not None:
                    advance(1)
    for number, result in zip(todo, fresh):
        results[number] = result
        key = keys[number]
        if cache is not None and key is not None and cache.linted_what_was_keyed(key, result.digests):
            cache.put(key, result)
    return RunResult([r for r in results if r is not None], policy or Policy())


_Returned = tuple[list[Finding], dict, int, tuple[bytes | None, bytes | None], tuple[Elided, ...], str | None, tuple[tuple[str, str], ...]]


def _lint_batch(units: list[Unit], settings: RuleSettings) -> list[_Returned]:
    """Run in a worker process: what comes back is small (no packs, no file text)."""
    from lint.analysis.source_files import one_run

    results = []
    with one_run():
        for unit in units:
            result = lint_unit(unit, settings)
            results.append((result.findings, result.sources, result.size, result.digests, result.elided, result.unchecked, result.consulted))
    return results


def _in_processes(units: list[Unit], settings: RuleSettings, jobs: int, advance) -> list[UnitResult]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # Fork (no re-import per worker) where it is the platform's own default; elsewhere
    # (macOS, Windows) the platform's safer default.
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    size = max(4, min(50, len(units) // (jobs * 32)))  # small enough that the last batches end together, large enough to amortise
    batches = [units[i : i + size] for i in range(0, len(units), size)]
    done: dict[int, list] = {}
    with ProcessPoolExecutor(max_workers=min(jobs, len(batches)), mp_context=context) as pool:
        futures = {pool.submit(_lint_batch, batch, settings): number for number, batch in enumerate(batches)}
        for future in as_completed(futures):
            number = futures[future]
            done[number] = future.result()
            if advance is not None:
                advance(len(batches[number]))
    results = []
    for number, batch in enumerate(batches):
        for unit, (findings, sources, size_, digests, elided, unchecked, consulted) in zip(batch, done[number]):
            results.append(UnitResult(unit, findings, sources, size_, digests=digests, elided=elided, unchecked=unchecked, consulted=consulted))
    return results
