"""absolute-path: relative file references are caught; routes, URLs and code are not."""

from __future__ import annotations

import json

import pytest

from rulecheck import check, finding
from lint.analysis.file_references import find_references


@pytest.mark.parametrize(
    "text,paths",
    [
        ("see app/models.py:42 for it", ["app/models.py"]),
        ("see ./scripts/run.sh", ["./scripts/run.sh"]),
        ("see ../lib/util.ts.", ["../lib/util.ts"]),
        ("see src\\Handlers\\Stock.cs:10", ["src\\Handlers\\Stock.cs"]),
        ("see `src/app.py:3`", ["src/app.py"]),
        ("config at ~/.config/app/settings.toml", ["~/.config/app/settings.toml"]),
        ("see [guide](docs/guide.md)", ["docs/guide.md"]),
        ("the component in components/Button.js", ["components/Button.js"]),
        ("see src/node.js", ["src/node.js"]),
    ],
)
def test_relative_references_are_found(text: str, paths: list[str]) -> None:
    refs = find_references(text)
    assert [r.path for r in refs] == paths
    assert not any(r.is_absolute for r in refs)


@pytest.mark.parametrize(
    "text",
    [
        "see /srv/app/models.py:42",
        "see C:\\svc\\app\\Program.cs:10",
        "see C:/svc/app/Program.cs",
        "see \\\\fileserver\\share\\report.xlsx",
        "see `/Users/me/My Project/app.py:3`",
    ],
)
def test_absolute_references(text: str) -> None:
    refs = find_references(text)
    assert refs and all(r.is_absolute for r in refs)


@pytest.mark.parametrize(
    "text",
    [
        "GET /api/v1/users/{id} returns a user",
        "docs at https://docs.example.com/guide/setup.html",
        "topic payments.settled is consumed",
        "the folder src/api/ holds routes",
        "edit settings.py to change it",
        "built on Node.js/Express.js",
        "a TypeScript/Node.js 20.9 service",
        "Express/Node.js and Vue.js/Nuxt",
        "the CI/CD pipeline and TCP/IP.",
        "content type application/vnd.api+json",
        "uses `import x from './utils/a.js'` in code",
        "HTTP/1.1 and HTTP/2.0",
        "see `My Project/app.py:3` (inline code with a space is code, unless absolute)",
        "run `pytest tests/integration/test_cache.py` to check",
        "docs at docs.python.org/3/library/re.html",
        "topic payments/refund.created and v1/v2.x and TCP/IP.Then",
        "path ${ROOT}/src/app.py is absolute after expansion",
    ],
)
def test_not_relative_file_references(text: str) -> None:
    assert [r.path for r in find_references(text) if not r.is_absolute] == []


CRITICAL = "## Critical Issues Found\n"  # line 14 of the example's notes
IMPACT = '"expected_impact": "Roughly a third less database CPU at peak"'  # performance_optimizations/0, line 377
IMPACT_POINTER = "/performance_optimizations/0/expected_impact"


def impact(text: str) -> list[tuple[str, str]]:
    """An edit of the first optimisation's expected_impact; '      "expected_impact": ' is 25 characters."""
    return [(IMPACT, f'"expected_impact": {json.dumps(text)}')]


def test_notes_relative_path_reported_with_position() -> None:
    """The finding spans the path itself, from column 15 (after 'The bug is in ') to its end."""
    result = check("backend", notes=[(CRITICAL, CRITICAL + "The bug is in app/api/routes.py:12 today.\n")], expect=["notes:15:15 absolute-path"],
                   message_contains="'app/api/routes.py'")
    path = finding(result, "absolute-path")
    assert (path.end_line, path.end_column) == (15, 15 + len("app/api/routes.py"))


def test_relative_paths_in_code_blocks_and_comments_are_fine() -> None:
    check("backend", notes=[(CRITICAL, CRITICAL + "<!-- old note: app/x.py -->\n```python\nfrom app.db import x  # app/db/x.py\n```\n")], expect=[])


def test_json_string_relative_path() -> None:
    check("backend", output=impact("see app/db/replica.py:14"), expect=[f"output:377:26 absolute-path {IMPACT_POINTER}"])


def test_json_short_form_of_a_path_given_elsewhere_is_information() -> None:
    """app/db/session.py is cited absolutely elsewhere: the short form is information, and passes."""
    result = check("backend", output=impact("see app/db/session.py:14"), expect=[f"output:377:26 short-reference {IMPACT_POINTER}"],
                   message_contains="/srv/payments-api/app/db/session.py")
    short = finding(result, "short-reference")
    assert short.severity.name == "INFO"
    assert short.hint == "write the absolute path: /srv/payments-api/app/db/session.py:14"
    assert result.exit_code == 0


def test_json_fenced_code_inside_a_string_is_code() -> None:
    check("backend", output=impact("Change:\n```python\nimport app/db/x.py\n```\nDone."), expect=[])


@pytest.mark.parametrize("suffix", [":33,40", "#L12-L20", ":L9", ":12-40"])
def test_lists_of_lines_and_web_anchors_keep_a_path_a_reference(suffix: str) -> None:
    refs = find_references(f"see `app/api/routes/callbacks.py{suffix}` for it")
    assert [(r.path, r.is_absolute) for r in refs] == [("app/api/routes/callbacks.py", False)]
