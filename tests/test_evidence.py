"""Cited evidence is checked against the analysed codebase: reference-missing,
reference-line and snippet-mismatch, the source-roots mapping, and the cache."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import lint
from conftest import Session, run_cli

HANDLER = "\n".join(
    [
        "import hmac",
        "",
        "",
        "def verify(request, secret):",
        "    signature = request.headers.get('X-Signature')",
        "    if signature is None:",
        "        return True  # accepted unsigned",
        "    digest = hmac.new(secret, request.body, 'sha256').hexdigest()",
        "    return hmac.compare_digest(digest, signature)",
        "",
    ]
)  # 9 lines, the last one ended


@pytest.fixture
def codebase(session: Session) -> Path:
    """A small codebase in the project the session belongs to: its default source tree."""
    app = session.root / "app"
    (app / "api").mkdir(parents=True)
    (app / "api" / "webhooks.py").write_text(HANDLER)
    (app / "api" / "no_final_newline.py").write_text("a = 1\nb = 2")
    (app / "docs").mkdir()
    return app


def _cite(session: Session, text: str) -> None:
    session.edit_notes("## Critical Issues Found\n", "## Critical Issues Found\n\n" + text + "\n\n")


def _rules(session: Session, *extra: str) -> list[tuple[str, str]]:
    run = run_cli("check", str(session.root), "--isolated", "--no-cache", "--format", "json", *extra)
    assert run.exit_code in (0, 1), run.stderr
    return sorted((f["rule"], f["message"]) for f in run.findings)


def test_real_files_folders_and_lines_are_clean(session: Session, codebase: Path) -> None:
    root = session.root
    _cite(session, f"See `{root}/app/api/webhooks.py:7`, {root}/app/api/webhooks.py:4-9, {root}/app/api/webhooks.py#L5-L6, "
                   f"{root}/app/api/webhooks.py:1,5-6, the folder {root}/app/docs/ and {root}/app/api/no_final_newline.py:2.")
    assert _rules(session) == []


@pytest.mark.parametrize(
    "cited,rule,words",
    [
        ("app/api/webhook.py:7", "reference-missing", "app/api/webhook.py does not exist in the codebase"),
        ("app/routes/", "reference-missing", "app/routes does not exist"),
        ("app/api/webhooks.py:10", "reference-line", "line 10 is past the end of the file (9 lines)"),
        ("app/api/webhooks.py:5-12", "reference-line", "the range 5-12 runs past the end of the file (9 lines)"),
        ("app/api/webhooks.py:8-5", "reference-line", "the range 8-5 ends before it starts"),
        ("app/api/webhooks.py:0", "reference-line", "line 0 is no line"),
        ("app/api/webhooks.py:2,40", "reference-line", "line 40 is past the end"),
        ("app/api/no_final_newline.py:3", "reference-line", "(2 lines)"),
    ],
)
def test_a_wrong_reference_is_a_finding(session: Session, codebase: Path, cited: str, rule: str, words: str) -> None:
    _cite(session, f"Evidence: {session.root}/{cited}.")
    [(found, message)] = _rules(session)
    assert found == rule and words in message


def test_the_finding_is_placed_on_the_reference(session: Session, codebase: Path) -> None:
    _cite(session, f"Evidence: {session.root}/app/api/webhook.py:7 is missing.")
    run = run_cli("check", str(session.root), "--isolated", "--no-cache", "--format", "json")
    [finding] = run.findings
    line = session.notes.read_text().splitlines().index(f"Evidence: {session.root}/app/api/webhook.py:7 is missing.") + 1
    assert (finding["line"], finding["column"], finding["end_column"]) == (line, 11, 11 + len(f"{session.root}/app/api/webhook.py:7"))


@pytest.mark.parametrize(
    "text",
    [
        "Add {root}/app/api/signing.py to hold the verifier.",
        "Introduce a new module {root}/app/api/signing.py.",
        "Every workflow ({root}/.github/workflows/*.yml) runs the tests.",
        "```sh\ncat {root}/app/nowhere.py\n```",
        "The container copies it to /app/api/signing.py.",
    ],
    ids=["add", "new-module", "glob", "fenced-code", "under-no-root"],
)
def test_what_is_not_evidence_of_an_existing_file_is_not_checked(session: Session, codebase: Path, text: str) -> None:
    _cite(session, text.format(root=session.root))
    assert _rules(session) == []


def test_a_link_out_of_the_codebase_is_not_followed(session: Session, codebase: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret"
    outside.mkdir()
    (outside / "keys.py").write_text("KEY = 1\n")
    (codebase / "linked").symlink_to(outside, target_is_directory=True)
    _cite(session, f"See {session.root}/app/linked/keys.py:99 and {session.root}/app/../../secret/keys.py:99.")
    assert _rules(session) == []  # neither is looked at, so neither is judged


def test_a_json_line_number_beside_its_file_is_checked(session: Session, codebase: Path) -> None:
    data = session.data()
    data["security_implementations"][0].update({"file_path": f"{session.root}/app/api/webhooks.py", "line_number": 0})
    session.write_data(data)
    [(rule, message)] = _rules(session)
    assert rule == "reference-line" and "line 0 is no line" in message
    data["security_implementations"][0]["line_number"] = 7
    session.write_data(data)
    assert _rules(session) == []


# Quoted code ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "line,code,matches",
    [
        (6, "if signature is None:\n    return True", True),
        (3, "if signature is None:\n    return True", True),  # drifted by three lines
        (6, "if signature is None:  # the hole\n    return True", True),  # a comment the writer added
        (5, "signature = request.headers.get(...)\n...\nreturn True", True),  # elided
        (6, "if signature:\n    raise Forbidden()\n    log.warning(signature)", False),
        (1, "if signature is None:\n    return True", False),  # too far from the cited line
    ],
    ids=["exact", "drift", "comment", "elision", "other-code", "far"],
)
def test_a_fenced_block_after_a_cited_line_is_looked_for_there(session: Session, codebase: Path, line: int, code: str, matches: bool) -> None:
    _cite(session, f"The handler ({session.root}/app/api/webhooks.py:{line}):\n```python\n{code}\n```")
    found = _rules(session)
    if matches:
        assert found == []
    else:
        [(rule, message)] = found
        assert rule == "snippet-mismatch" and f"the quoted code is not in {session.root}/app/api/webhooks.py:{line}" in message


def test_a_block_presented_as_a_change_is_not_a_quote(session: Session, codebase: Path) -> None:
    _cite(session, f"Fix ({session.root}/app/api/webhooks.py:6): reject it.\n```python\nif signature is None:\n    raise Forbidden()\n```")
    assert _rules(session) == []


def test_a_block_part_opened_by_a_comment_naming_its_place(session: Session, codebase: Path) -> None:
    root = session.root
    _cite(session, f"```python\n# {root}/app/api/webhooks.py:8\ndigest = hmac.new(secret, request.body, 'sha256').hexdigest()\n"
                   f"# {root}/app/api/webhooks.py:1\nreturn hmac.compare_digest(digest, signature)\n```")
    [(rule, message)] = _rules(session)
    assert rule == "snippet-mismatch" and "webhooks.py:1" in message


def test_an_output_snippet_is_looked_for_at_its_file_and_line(tmp_path: Path) -> None:
    project = tmp_path / "project"
    app = project / "app"
    app.mkdir(parents=True)
    (app / "jwt.py").write_text("\n".join(f"line_{i} = {i}" for i in range(1, 30)) + "\n")
    finding = {"id": "SEC-001", "file_path": f"{project}/app/jwt.py", "line_number": 12, "code_snippet": "line_12 = 12\nline_13 = 13"}
    output = {"security_findings": [finding]}
    settings = lint.Settings(source_roots={str(project): str(project)}, select=frozenset({"snippet-mismatch", "reference-line"}))
    assert lint.lint_contents("analyzer", output=json.dumps(output), settings=settings).findings == []
    finding["code_snippet"] = "verify = False"
    [found] = lint.lint_contents("analyzer", output=json.dumps(output), settings=settings).findings
    assert found.rule == "snippet-mismatch" and found.pointer == "/security_findings/0/code_snippet"


# Where the codebase is ------------------------------------------------------------


def test_a_mapped_prefix_is_checked_against_its_folder(session: Session, tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    (checkout / "api").mkdir(parents=True)
    (checkout / "api" / "users.py").write_text("x = 1\n" * 20)
    _cite(session, "See /workspace/app/api/users.py:12 and /workspace/app/api/users.py:40 and /workspace/app/api/user.py:1.")
    assert _rules(session) == []  # not mapped: not checked
    found = _rules(session, "--source-root", f"/workspace/app={checkout}")
    assert [rule for rule, _ in found] == ["reference-line", "reference-missing"]
    (session.root / ".worker-lint.toml").write_text(f'[source-roots]\n"/workspace/app" = "{os.path.relpath(checkout, session.root)}"\n')
    run = run_cli("check", str(session.root), "--no-cache", "--format", "json")
    assert sorted(f["rule"] for f in run.findings) == ["reference-line", "reference-missing"]
    assert _rules(session, "--source-root", f"/workspace/app={checkout}", "--no-source-check") == []


def test_references_under_no_root_make_one_note_not_a_finding(session: Session) -> None:
    run = run_cli("check", str(session.root), "--isolated", "--no-cache", "--format", "json")
    assert run.findings == [] and run.exit_code == 0
    assert "1 deliverable cites absolute paths under no known source root (such as /srv/payments-api/" in run.stderr
    assert "--source-root PREFIX=DIR" in run.stderr
    assert "source root" not in run_cli("check", str(session.root), "--isolated", "--no-cache", "-q").stderr


@pytest.mark.parametrize("value,words", [
    ({"workspace/app": "."}, "an absolute prefix"),
    ({"/workspace/app": "no-such-folder"}, "which is not a folder"),
    ({"/": "."}, "an absolute prefix"),
])
def test_a_bad_mapping_is_a_configuration_error(session: Session, value: dict, words: str) -> None:
    body = "[source-roots]\n" + "".join(f'"{k}" = "{v}"\n' for k, v in value.items())
    (session.root / ".worker-lint.toml").write_text(body)
    run = run_cli("check", str(session.root))
    assert run.exit_code == 2 and words in run.stderr and ".worker-lint.toml" in run.stderr


def test_a_cached_result_is_linted_again_when_a_cited_file_changes(session: Session, codebase: Path, tmp_path: Path) -> None:
    _cite(session, f"Evidence: {session.root}/app/api/webhooks.py:9.")
    cache = ["--cache-dir", str(tmp_path / "cache"), "--isolated", "--format", "json"]
    assert run_cli("check", str(session.root), *cache).findings == []
    (codebase / "api" / "webhooks.py").write_text("short = True\n")
    assert [f["rule"] for f in run_cli("check", str(session.root), *cache).findings] == ["reference-line"]
    (codebase / "api" / "webhooks.py").unlink()
    assert [f["rule"] for f in run_cli("check", str(session.root), *cache).findings] == ["reference-missing"]


def _retarget_file_link(app: Path) -> None:
    (app / "current.py").unlink()
    (app / "current.py").symlink_to("long.py")


def _retarget_folder_link(app: Path) -> None:
    (app / "cur").unlink()
    (app / "cur").symlink_to("long")


def _file_becomes_folder(app: Path) -> None:
    (app / "mod.py").unlink()
    (app / "mod.py").mkdir()
    (app / "mod.py" / "x.py").write_text("x = 1\n" * 3)


def _missing_folder_becomes_link_out(app: Path) -> None:
    (app / "gone").symlink_to(app.parent.parent / "elsewhere")  # outside the codebase, without x.py either


def _link_out_is_removed(app: Path) -> None:
    (app / "out").unlink()


@pytest.mark.parametrize("cited,change,before,after", [
    ("current.py:50", _retarget_file_link, ["reference-line"], []),
    ("cur/x.py:50", _retarget_folder_link, ["reference-line"], []),
    ("mod.py/x.py:50", _file_becomes_folder, [], ["reference-line"]),
    ("gone/x.py:5", _missing_folder_becomes_link_out, ["reference-missing"], []),
    ("out/x.py:5", _link_out_is_removed, [], ["reference-missing"]),
], ids=["file-link", "folder-link", "file-to-folder", "missing-to-link-out", "link-out-to-missing"])
def test_a_cached_result_is_linted_again_when_what_a_cited_path_leads_to_changes(
        session: Session, codebase: Path, tmp_path: Path, cited: str, change, before: list[str], after: list[str]) -> None:
    """A link pointed elsewhere, or a file where a folder is cited turned into that folder: the cached
    report is the one a fresh run gives."""
    (codebase / "short.py").write_text("x = 1\n" * 10)
    (codebase / "long.py").write_text("x = 1\n" * 100)
    (codebase / "short").mkdir()
    (codebase / "short" / "x.py").write_text("x = 1\n" * 10)
    (codebase / "long").mkdir()
    (codebase / "long" / "x.py").write_text("x = 1\n" * 100)
    (codebase / "current.py").symlink_to("short.py")
    (codebase / "cur").symlink_to("short")
    (codebase / "mod.py").write_text("x = 1\n")
    (codebase.parent.parent / "elsewhere").mkdir()
    (codebase / "out").symlink_to(codebase.parent.parent / "elsewhere")
    _cite(session, f"Evidence: {codebase}/{cited}.")
    cache = ["--cache-dir", str(tmp_path / "cache"), "--isolated", "--format", "json"]
    assert [f["rule"] for f in run_cli("check", str(session.root), *cache).findings] == before
    change(codebase)
    assert [f["rule"] for f in run_cli("check", str(session.root), *cache).findings] == after
    assert [f["rule"] for f in run_cli("check", str(session.root), "--no-cache", "--isolated", "--format", "json").findings] == after


def test_a_line_number_of_thousands_of_digits_is_past_the_end_not_a_crash(session: Session, codebase: Path) -> None:
    _cite(session, f"Evidence: {codebase}/api/webhooks.py:{'1' * 5000}.")
    assert [rule for rule, _ in _rules(session)] == ["reference-line"]


def test_every_diligent_shape_of_reference_is_read(session: Session, codebase: Path) -> None:
    root = session.root
    _cite(session, f"| File | Why |\n|---|---|\n| `{root}/app/api/webhooks.py:6` | hole |\n\n"
                   f"({root}/app/api/webhooks.py:6), \"{root}/app/api/webhooks.py\"; {root}/app/api/webhooks.py: the handler.")
    assert _rules(session) == []


def test_a_cited_file_over_the_size_limit_is_not_read(session: Session, codebase: Path) -> None:
    (codebase / "big.py").write_text("x = 1\n" * 200_000)  # 1.1 MiB
    _cite(session, f"See {session.root}/app/big.py:999999.")
    assert _rules(session, "--max-file-size", "1") == []  # not read, so not judged
    assert [rule for rule, _ in _rules(session, "--max-file-size", "2")] == ["reference-line"]


def test_a_pipe_cited_as_a_file_is_never_waited_on(session: Session, codebase: Path) -> None:
    os.mkfifo(codebase / "pipe.py")
    _cite(session, f"See {session.root}/app/pipe.py:3.")
    assert _rules(session) == []


def test_each_cited_file_is_read_once_however_often_it_is_cited(session_factory, monkeypatch: pytest.MonkeyPatch) -> None:
    import lint.analysis.source_files as source_files

    first, second = session_factory(), session_factory()
    shared = first.root.parent / "shared-code"
    shared.mkdir()
    (shared / "module.py").write_text("a = 1\n" * 50)
    for session in (first, second):
        _cite(session, " ".join(f"{shared}/module.py:{n}" for n in range(1, 30)))
    opened: list[str] = []
    real_open = source_files.os.open

    def counting(path, *args, **kwargs):
        opened.append(str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(source_files.os, "open", counting)
    result = lint.lint_paths([first.root, second.root], settings=lint.Settings(source_roots={str(shared): str(shared)}))
    assert result.findings == []
    assert opened.count(str((shared / "module.py").resolve())) == 1


@pytest.mark.parametrize(
    "cited,rule",
    [
        ("app/api/webhooks.py:5–12", "reference-line"),  # an en dash
        ("app/api/webhooks.py:5—12", "reference-line"),  # an em dash
        ("app/api/webhooks.py:L12", "reference-line"),
        ("app/api/webhooks.py:L5-L12", "reference-line"),
        ("**{root}/app/api/nope.py**", "reference-missing"),  # bold, no line
        ("app/../app/api/webhooks.py:40", "reference-line"),  # '..' that stays in the codebase
    ],
)
def test_more_ways_of_writing_a_wrong_reference(session: Session, codebase: Path, cited: str, rule: str) -> None:
    text = cited.format(root=session.root) if cited.startswith("*") else f"{session.root}/{cited}"
    _cite(session, f"Evidence: {text}.")
    assert [found for found, _ in _rules(session)] == [rule]


@pytest.mark.parametrize(
    "text",
    [
        "The project (see {root}/…) is small.",
        "Everything under {root}/app/… is Python.",
        "Backups go to {root}.bak/ and old code to {root}.orig/app/main.py:3.",
        "`{root}/app/api/signing.py` (new) will hold the verifier.",
        "{root}/tests/test_signing.py — to be added.",
        "Target file (does not exist yet): {root}/app/api/throttle.py",
        "Move the checks to `{root}/app/api/ownership.py`.",
        "Add two files, `{root}/app/x1.py` and `{root}/app/x2.py`.",
    ],
)
def test_what_is_not_a_claim_that_a_file_exists_is_not_missing(session: Session, codebase: Path, text: str) -> None:
    _cite(session, text.format(root=session.root))
    assert _rules(session) == []


def test_a_section_about_files_to_create_proposes_them(session: Session, codebase: Path) -> None:
    _cite(session, f"### Files to create\n\n- {session.root}/app/api/limits.py\n- {session.root}/app/api/quota.py")
    assert _rules(session) == []


def test_only_the_heading_of_a_reference_s_own_section_proposes_it(session: Session, codebase: Path) -> None:
    _cite(session, f"### Files to create\n\n- {session.root}/app/api/limits.py\n\n### Findings\n\n```sh\n# create the files\n```\n\n"
                   f"- {session.root}/app/api/quota.py\n")
    assert [(rule, "quota.py" in message) for rule, message in _rules(session)] == [("reference-missing", True)]


@pytest.mark.parametrize(("line", "proposed"), [
    ("We will add{900} {path} for the quotas.", True),
    ("We will add{1100} {path} for the quotas.", False),
    ("zz new{997}{path}", True),  # the word starts where the stretch read does
    ("zzzznew{997}{path}", False),  # the stretch read starts inside "zzzznew": "new" is no word there
    ("{path}{1} for the new quotas", True),
], ids=["near", "too-far", "whole-word-at-the-limit", "cut-word-at-the-limit", "after"])
def test_a_proposal_word_counts_within_a_thousand_characters_of_the_reference(session: Session, codebase: Path, line: str,
                                                                               proposed: bool) -> None:
    for width in (900, 1100, 997, 1):
        line = line.replace(f"{{{width}}}", " " * width)
    _cite(session, line.replace("{path}", f"{session.root}/app/api/limits.py"))
    assert [rule for rule, _ in _rules(session)] == ([] if proposed else ["reference-missing"])


def test_words_inside_the_cited_path_do_not_make_the_block_a_change(session: Session, codebase: Path) -> None:
    (codebase / "example-fix").mkdir()
    (codebase / "example-fix" / "conf.py").write_text("DEBUG = False\nSECRET = 'x'\n")
    _cite(session, f"`{session.root}/app/example-fix/conf.py:1`:\n```python\nDEBUG = True\n```")
    assert [rule for rule, _ in _rules(session)] == ["snippet-mismatch"]


@pytest.mark.parametrize(
    "block",
    [
        "```python\n5:    signature = request.headers.get('X-Signature')\n6:    if signature is None:\n```",  # grep -n
        "```python\n     5\t    signature = request.headers.get('X-Signature')\n     6\t    if signature is None:\n```",  # cat -n
        "```diff\n-    if signature is None:\n+    if not signature:\n```",  # a change, whatever the line above says
    ],
    ids=["grep", "cat-n", "diff"],
)
def test_quotes_copied_with_line_numbers_and_diffs_are_not_mismatches(session: Session, codebase: Path, block: str) -> None:
    _cite(session, f"`{session.root}/app/api/webhooks.py:5-6`:\n{block}")
    assert _rules(session) == []


def test_an_output_entry_whose_path_carries_its_line(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "app").mkdir(parents=True)
    (project / "app" / "jwt.py").write_text("\n".join(f"line_{i} = {i}" for i in range(1, 30)) + "\n")
    finding = {"id": "SEC-001", "file_path": f"{project}/app/jwt.py:12", "code_snippet": "invented = True"}
    settings = lint.Settings(source_roots={str(project): str(project)}, select=frozenset({"snippet-mismatch", "reference-line"}))
    [found] = lint.lint_contents("analyzer", output=json.dumps({"security_findings": [finding]}), settings=settings).findings
    assert found.rule == "snippet-mismatch"
    finding.update({"file_path": f"{project}/app/jwt.py", "line_number": 99.0, "code_snippet": "line_12 = 12"})
    [found] = lint.lint_contents("analyzer", output=json.dumps({"security_findings": [finding]}), settings=settings).findings
    assert found.rule == "reference-line" and "line 99 is past the end" in found.message


def test_many_references_on_one_line_are_each_checked(session: Session, codebase: Path) -> None:
    _cite(session, " ".join(f"{session.root}/app/api/webhooks.py:{n % 9 + 1}" for n in range(3000)) + f" {session.root}/app/api/webhooks.py:99")
    assert [rule for rule, _ in _rules(session)] == ["reference-line"]


def test_a_cached_result_goes_when_a_link_out_of_the_codebase_is_replaced(session: Session, codebase: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.py"
    outside.write_text("a = 1\n" * 50)
    (codebase / "linked.py").symlink_to(outside)
    _cite(session, f"Evidence: {session.root}/app/linked.py:30.")
    cache = ["--cache-dir", str(tmp_path / "cache"), "--isolated", "--format", "json"]
    assert run_cli("check", str(session.root), *cache).findings == []  # not followed, so not judged
    (codebase / "linked.py").unlink()
    (codebase / "linked.py").write_text("a = 1\n")
    assert [f["rule"] for f in run_cli("check", str(session.root), *cache).findings] == ["reference-line"]


def test_windows_paths_are_read_with_either_separator_and_drive_case(session: Session, codebase: Path) -> None:
    _cite(session, "See C:\\src\\app\\api\\webhooks.py:40, c:/src/app/api/webhooks.py:41 and C:/src/app/api/nope.py:1.")
    found = _rules(session, "--source-root", f"C:/src/app={codebase}")
    assert [rule for rule, _ in found] == ["reference-line", "reference-line", "reference-missing"]


def test_within_one_run_where_a_cited_path_leads_is_worked_out_once_with_its_stamps(tmp_path: Path) -> None:
    """A run shares what cited paths lead to (a thousand sessions cite the same files); each
    deliverable still records the stamps that view was taken with, so a cached result goes when
    a link changes; a deliverable linted on its own, or the next run, works it out afresh."""
    from lint.analysis.source_files import SourceFiles, SourceRoot, one_run

    code = tmp_path / "code"
    (code / "v1").mkdir(parents=True)
    (code / "v2").mkdir()
    (code / "v1" / "app.py").write_text("one\n")
    (code / "v2" / "app.py").write_text("two\nlines\n")
    (code / "current").symlink_to("v1")
    root = SourceRoot("/srv/app", code.resolve())
    files = SourceFiles(1024 * 1024)

    with one_run():
        files.start()
        first = files.look(root, "/current/app.py")
        stamps = dict(files.consulted)
        (code / "current").unlink()
        (code / "current").symlink_to("v2")
        files.start()  # the next deliverable of the same run
        assert files.look(root, "/current/app.py").count == first.count == 1
        assert dict(files.consulted) == stamps and str(code / "current" / "app.py") in stamps
    files.start()  # on its own: afresh
    assert files.look(root, "/current/app.py").count == 2
    with one_run():
        files.start()  # a new run: afresh
        assert files.look(root, "/current/app.py").count == 2
        assert dict(files.consulted) != stamps
