"""Broken backend deliverables: each an edit of the clean example that shows one problem, with every finding it gives.

``tests/test_invalid_cases.py`` lints them in memory and, once, as sessions on disk;
the result cache and the tree of many sessions (``tests/test_cache.py``,
``tests/test_nothing_written.py``) write them out with ``rulecheck.write_project``.
Places are in the example: notes line 4 holds the API Design Score, line 20 the first
critical issue's location, line 52 the first subsection of the API results; output
lines 3-7 hold analysis_metadata, 10-13 the scores, 454-459 the statistics.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rulecheck import Edits, base, write_project

_NOTES = base("backend").notes
_CACHING = _NOTES[_NOTES.index("### Caching Strategies\n"):_NOTES.index("### Background Job Processing")]  # a heading, a paragraph, a blank line
_TEMPLATE_ACTION = ('  "priority_actions": [\n    {\n      "action": "Template - remove if no priority actions",\n'
                    '      "category": "api_design|database|security|performance|architecture",\n      "priority": "critical|high|medium|low",\n'
                    '      "effort_estimate": "hours|days|weeks",\n      "impact": "Expected impact",\n      "dependencies": "None"\n    },\n')


@dataclass(frozen=True)
class Invalid:
    name: str
    description: str
    expect: tuple[str, ...]  # every finding, as rulecheck writes them
    notes: Edits = ()
    output: Edits = ()

    def write(self, root: Path) -> Path:
        """The broken session as a project on disk at ``root``."""
        return write_project(root, "backend", notes=self.notes, output=self.output)


INVALID = [
    Invalid("deliverable-missing", "the output JSON is absent, reported at the top of the file that should be there",
            ("output:1:1 deliverable-missing",), output=None),
    Invalid("files-analyzed-mismatch", "files_analyzed differs from the notes' Files Analyzed",
            ("output:5:23 statistics-count /analysis_metadata/files_analyzed",), output=[('"files_analyzed": 47,', '"files_analyzed": 52,')]),
    Invalid("issue-id-placeholder", "an id still numbered XXX (line 65); its mention in the roadmap (line 362) is then undefined",
            ("notes:65:3 issue-id-format", "notes:362:11 dangling-reference"), notes=[("**BACKEND-LOW-011**:", "**BACKEND-LOW-XXX**:")]),
    Invalid("issue-id-twice", "one id defined by two headings (line 34); the id they replaced is then undefined where it is mentioned (line 189)",
            ("notes:34:6 issue-id-format", "notes:189:52 dangling-reference"), notes=[("#### BACKEND-CRIT-002:", "#### BACKEND-CRIT-001:")]),
    Invalid("json-duplicate-key", "files_analyzed defined twice: the second is reported",
            ("output:6:5 json-duplicate-key /analysis_metadata/files_analyzed",),
            output=[('    "files_analyzed": 47,\n', '    "files_analyzed": 47,\n    "files_analyzed": 47,\n')]),
    Invalid("json-syntax", "a trailing comma after the last statistic", ("output:459:29 json-syntax",),
            output=[('"high_priority_items": 3', '"high_priority_items": 3,')]),
    Invalid("priority-value", "a priority in title case", ("output:352:19 priority-value /security_implementations/2/priority",),
            output=[('"category": "input_validation",\n      "priority": "medium"', '"category": "input_validation",\n      "priority": "Medium"')]),
    Invalid("relative-path", "a file reference without its root, after 'Location: '", ("notes:20:11 absolute-path",),
            notes=[("Location: `/srv/payments-api/app/api/routes/webhooks.py:57`.", "Location: app/webhooks/signature.py:57.")]),
    Invalid("schema-worker-type", "worker_type names another worker", ("output:7:20 schema /analysis_metadata/worker_type",),
            output=[('"worker_type": "backend"', '"worker_type": "frontend"')]),
    Invalid("score-mismatch", "the notes round a decimal score", ("notes:4:25 score-mismatch",),
            notes=[("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")]),
    Invalid("score-range", "a score written as a string", ("output:12:35 score-range /scores/service_architecture_score",),
            output=[('"service_architecture_score": 7', '"service_architecture_score": "7"')]),
    Invalid("section-empty", "a subsection left without text, at its heading", ("notes:262:1 section-empty",),
            notes=[(_CACHING, "### Caching Strategies\n\n")]),
    Invalid("section-missing", "the Executive Summary heading renamed: reported at the top of the notes", ("notes:1:1 section-missing",),
            notes=[("## Executive Summary\n", "## Summary\n")]),
    Invalid("session-mismatch", "session_id of another session", ("output:3:19 session-mismatch /analysis_metadata/session_id",),
            output=[('"session_id": "2025-09-14-10-30-payment-api-audit"', '"session_id": "2025-09-13-09-00-payment-api-audit"')]),
    Invalid("statistics-count", "an invented endpoint count", ("output:454:28 statistics-count /statistics/total_api_endpoints",),
            output=[('"total_api_endpoints": 4', '"total_api_endpoints": 9')]),
    Invalid("template-entry", "a template entry left first in priority_actions: reported once, at its 'Template - ' action",
            ("output:413:17 template-placeholder /priority_actions/0/action",), output=[('  "priority_actions": [\n', _TEMPLATE_ACTION)]),
    Invalid("template-instruction", "an instruction line left under a heading", ("notes:53:1 template-instruction",),
            notes=[("### API Design & Implementation Assessment\n",
                    "### API Design & Implementation Assessment\n*REQUIRED: Review the endpoints and cite files for every issue.*\n")]),
]

BY_NAME = {case.name: case for case in INVALID}
