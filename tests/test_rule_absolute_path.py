"""absolute-path: relative file references are caught; routes, URLs and code are not."""

from __future__ import annotations

import pytest

from conftest import Session, lint_json
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


def test_notes_relative_path_reported_with_position(session: Session) -> None:
    session.edit_notes("## Critical Issues Found\n", "## Critical Issues Found\nThe bug is in app/api/routes.py:12 today.\n")
    [finding] = lint_json(session.root).only("absolute-path")
    assert finding["column"] == len("The bug is in ") + 1
    assert finding["end_column"] == finding["column"] + len("app/api/routes.py")


def test_relative_paths_in_code_blocks_and_comments_are_fine(session: Session) -> None:
    session.edit_notes(
        "## Critical Issues Found\n",
        "## Critical Issues Found\n<!-- old note: app/x.py -->\n```python\nfrom app.db import x  # app/db/x.py\n```\n",
    )
    assert lint_json(session.root).only("absolute-path") == []


def test_json_string_relative_path(session: Session) -> None:
    data = session.data()
    data["performance_optimizations"][0]["expected_impact"] = "see app/db/replica.py:14"
    session.write_data(data)
    [finding] = lint_json(session.root).only("absolute-path")
    assert finding["pointer"] == "/performance_optimizations/0/expected_impact"


def test_json_short_form_of_a_path_given_elsewhere_is_information(session: Session) -> None:
    data = session.data()
    data["performance_optimizations"][0]["expected_impact"] = "see app/db/session.py:14"
    session.write_data(data)
    run = lint_json(session.root)
    assert run.only("absolute-path") == []
    [finding] = run.only("short-reference")
    assert finding["severity"] == "info" and finding["pointer"] == "/performance_optimizations/0/expected_impact"
    assert "/srv/payments-api/app/db/session.py" in finding["message"]
    assert finding["hint"] == "write the absolute path: /srv/payments-api/app/db/session.py:14"
    assert run.exit_code == 0


def test_json_fenced_code_inside_a_string_is_code(session: Session) -> None:
    data = session.data()
    data["performance_optimizations"][0]["expected_impact"] = "Change:\n```python\nimport app/db/x.py\n```\nDone."
    session.write_data(data)
    assert lint_json(session.root).only("absolute-path") == []


@pytest.mark.parametrize("suffix", [":33,40", "#L12-L20", ":L9", ":12-40"])
def test_lists_of_lines_and_web_anchors_keep_a_path_a_reference(suffix: str) -> None:
    refs = find_references(f"see `app/api/routes/callbacks.py{suffix}` for it")
    assert [(r.path, r.is_absolute) for r in refs] == [("app/api/routes/callbacks.py", False)]
