"""Every bad input is one line on stderr, the right exit code, and no change (issue 16).

Each case is a command line (and what is on stdin or in a file it reads), the exit
code (2: a malformed request, 1: a failure), a pattern the single stderr line must
match, and, always: no ``Traceback``, nothing on stdout, and the SQLite library
byte-for-byte the same dump before and after.
"""

from __future__ import annotations

import errno
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from reader.platform.paths import library_path
from tests.helpers import CliResult, run_cli

ROOT = Path(__file__).resolve().parents[2]
DOC = "# 报告\n\n坚持稳中求进，推动城市高质量发展。坚持稳中求进。推进城市更新行动。\n"
HUGE = "9999999999999999999999999"
INT64 = "9223372036854775807"
RANGE = rf"must be a whole number from 1 to {INT64}, not {HUGE}"


@dataclass(frozen=True)
class Case:
    id: str
    args: tuple[str, ...]
    code: int
    message: str  # a regex the whole stderr line must match (after "pizhu: error: ")
    stdin: bytes | None = None
    files: dict[str, str] = field(default_factory=dict)  # name -> text, in the temp dir


def _backup(**changes: object) -> str:
    """A one-annotation backup of document 1, with ``changes`` merged into the item."""
    item: dict[str, object] = {
        "id": "urn:uuid:0b5c7c1e-7d0a-4a43-9c8e-2a9a1d3c4e5f",
        "type": "Annotation",
        "created": "2024-01-02T03:04:05+00:00",
        "body": [],
        "target": {
            "source": "urn:sha256:0",
            "selector": [
                {"type": "TextQuoteSelector", "exact": "稳中求进", "prefix": "", "suffix": ""},
                {"type": "TextPositionSelector", "start": 5, "end": 9},
            ],
        },
        "pizhu:document": {"id": 1, "title": "报告"},
    }
    for key, value in changes.items():
        if key in ("exact", "start"):
            selectors = item["target"]["selector"]  # type: ignore[index]
            selectors[0 if key == "exact" else 1][key] = value
        else:
            item[key] = value
    return json.dumps({"first": {"items": [item]}}, ensure_ascii=False)


def _id_cases() -> list[Case]:
    """An id past SQLite's 64 bits, in every command that takes one."""
    doc = rf"argument (DOC|--doc|ID): a document id {RANGE}"
    ann = rf"argument ANNOTATION: an annotation id {RANGE}"
    commands = {
        "show": (("show", HUGE), doc),
        "show-text": (("show", HUGE, "--text"), doc),
        "doc": (("doc", HUGE, "--title", "x"), doc),
        "annotate": (("annotate", HUGE, "--quote", "坚持"), doc),
        "annotations": (("annotations", HUGE), doc),
        "tag-document": (("tag", "document", HUGE, "--add", "x"), doc),
        "progress": (("progress", HUGE), doc),
        "progress-set": (("progress", HUGE, "--set", "1"), doc),
        "export": (("export", HUGE, "-o", "{tmp}/x.md"), doc),
        "search-doc": (("search", "坚持", "--doc", HUGE), doc),
        "edit": (("edit", HUGE, "--note", "x"), ann),
        "delete": (("delete", HUGE), ann),
        "restore": (("restore", HUGE), ann),
    }
    return [Case(f"id-{name}", args, 2, msg) for name, (args, msg) in commands.items()]


CASES = [
    *_id_cases(),
    Case("id-5000-digits", ("show", "9" * 5000), 2, r"argument DOC: .* \(5000 characters\)"),
    Case("id-zero", ("annotations", "0"), 2, r"argument DOC: a document id must be .* not 0"),
    Case("id-not-a-number", ("show", "abc"), 2, r"argument DOC: .* whole number, not 'abc'"),
    Case("offset-huge", ("annotate", "1", "--start", HUGE, "--end", HUGE), 2, r".*--start.*"),
    Case("progress-set-huge", ("progress", "1", "--set", HUGE), 2, r"argument --set: .*"),
    Case("limit-huge", ("search", "坚持", "--limit", HUGE), 2, r"argument --limit: .*1000000.*"),
    Case("annotation-empty", ("delete", " "), 2, r".*by its id or UUID, not ''"),
    Case("annotation-not-utf8", ("delete", "\udcff"), 2, r"argument ANNOTATION: not valid .*"),
    Case(
        "occurrence-0",
        ("annotate", "1", "--quote", "坚持", "--occurrence", "0"),
        2,
        r"argument --occurrence: the occurrence must be a whole number from 1 .*, not 0",
    ),
    Case(
        "occurrence-negative",
        ("annotate", "1", "--quote", "坚持", "--occurrence", "-2"),
        2,
        r"argument --occurrence: .* not -2",
    ),
    Case(
        "query-stdin-not-utf8",
        ("search", "-"),
        2,
        r"the query on line 1 of standard input is not valid UTF-8",
        stdin=b"\xff\xfe\n",
    ),
    Case(
        "query-stdin-second-line",
        ("search", "-", "--json"),
        2,
        r"the query on line 2 of standard input is not valid UTF-8",
        stdin="坚持\n".encode() + b"\xe5\x9d\n",
    ),
    Case("query-argv-not-utf8", ("search", "\udcff\udcfe"), 2, r"argument QUERY: not valid text.*"),
    Case(
        "query-ascii-dash",
        ("search", "-abc"),
        2,
        r"the following arguments are required: QUERY \(for a value that starts with '-',"
        r" put '--' before it: pizhu search -- -abc\)",
    ),
    Case(
        "option-value-dash",
        ("annotate", "1", "--quote", "-abc"),
        2,
        r"argument --quote: expected one argument \(.*write --quote=VALUE\)",
    ),
    *[
        Case(f"not-utf8{args[-2]}", args, 2, rf"argument {args[-2]}: not valid text .*")
        for args in (
            ("annotate", "1", "--start", "0", "--end", "2", "--note", "\udcff"),
            ("annotations", "--tag", "\udcff"),
            ("search", "x", "--tag", "\udcff"),
            ("doc", "1", "--source", "\udcff"),
            ("doc", "1", "--language", "\udcff"),
            ("doc", "1", "--author", "\udcff"),
            ("import", "{tmp}", "--collection", "\udcff"),
        )
    ],
    Case("not-utf8-positional", ("tag", "rename", "\udcff", "x"), 2, r"argument OLD: not valid .*"),
    Case("export-empty-path", ("export", "1", "-o", ""), 2, r"-o needs a file name.*"),
    Case(
        "export-missing-folder",
        ("export", "1", "-o", "{tmp}/no/such/folder/x.md"),
        1,
        r"cannot write .*x\.md: no such folder .*folder",
    ),
    Case(
        "export-json-to-folder",
        ("export", "1", "--format", "json", "-o", "{tmp}"),
        2,
        r"cannot write .*: it is a folder",
    ),
    Case(
        "backup-created-list",
        ("import-annotations", "{tmp}/b.json"),
        1,
        r'annotation 1 of the backup is malformed: "created" must be text, not a list \[1, 2\]',
        files={"b.json": _backup(created=[1, 2])},
    ),
    Case(
        "backup-deleted-object",
        ("import-annotations", "{tmp}/b.json"),
        1,
        r'annotation 1 of the backup is malformed: "pizhu:deleted" must be text, not an object',
        files={"b.json": _backup(**{"pizhu:deleted": {}})},
    ),
    Case(
        "backup-created-not-a-date",
        ("import-annotations", "{tmp}/b.json"),
        1,
        r'.*malformed: "created" is not a date and time: \'yesterday\'',
        files={"b.json": _backup(created="yesterday")},
    ),
    Case(
        "backup-empty-exact",
        ("import-annotations", "{tmp}/b.json"),
        1,
        r'annotation 1 of the backup is malformed: "exact" is empty',
        files={"b.json": _backup(exact="")},
    ),
    Case(
        "backup-exact-number",
        ("import-annotations", "{tmp}/b.json"),
        1,
        r'.*malformed: "exact" must be text, not a number 5',
        files={"b.json": _backup(exact=5)},
    ),
    Case(
        "backup-start-text",
        ("import-annotations", "{tmp}/b.json"),
        1,
        r'.*malformed: "start" must be a whole number, not text',
        files={"b.json": _backup(start="5")},
    ),
    Case(
        "backup-start-huge",
        ("import-annotations", "{tmp}/b.json"),
        1,
        r'.*malformed: "start" is out of range \(1180591620717411303424\)',
        files={"b.json": _backup(start=2**70)},
    ),
    Case(
        "backup-body-number",
        ("import-annotations", "{tmp}/b.json"),
        1,
        r'.*malformed: "body" must be a list of objects, not a number 5',
        files={"b.json": _backup(body=5)},
    ),
    Case(
        "backup-id-missing",
        ("import-annotations", "{tmp}/b.json"),
        1,
        r'.*malformed: "id" is missing',
        files={"b.json": _backup(id=None)},
    ),
    Case(
        "backup-nested-too-deeply",
        ("import-annotations", "{tmp}/b.json"),
        1,
        r".*b\.json is not a backup: its JSON is nested too deeply",
        files={"b.json": "[" * 100_000 + "]" * 100_000},
    ),
]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One library (a document, an annotation, an up-to-date index), copied per case."""
    base = tmp_path_factory.mktemp("bad-input")
    src = base / "report.md"
    src.write_text(DOC, encoding="utf-8")
    data = base / "data"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for args in (
        ["import", str(src)],
        ["annotate", "1", "--quote", "推进城市更新"],
        ["search", "坚持"],
    ):
        subprocess.run(
            [sys.executable, "-m", "reader", "--data-dir", str(data), *args],
            cwd=ROOT, env=env, check=True, capture_output=True,
        )  # fmt: skip
    return data


@pytest.fixture
def library(template: Path, tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(template, data)
    return data


def dump(data_dir: Path) -> list[str]:
    """Every table's schema and rows: what "the library is unchanged" compares."""
    conn = sqlite3.connect(library_path(data_dir))
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def run(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    args: tuple[str, ...],
    stdin: bytes | None = None,
) -> CliResult:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    return run_cli(capsys, data_dir, *args)


def assert_one_line(result: CliResult, code: int, message: str) -> None:
    assert "Traceback" not in result.err
    assert result.code == code, result.err
    assert result.err.count("\n") == 1 and result.err.endswith("\n"), result.err
    line = result.err.removesuffix("\n")
    assert line.startswith("pizhu: error: "), line
    assert re.fullmatch(message, line.removeprefix("pizhu: error: ")), line


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(capsys, monkeypatch, library: Path, tmp_path: Path, case: Case) -> None:
    for name, text in case.files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    args = tuple(a.replace("{tmp}", str(tmp_path)) for a in case.args)
    before = dump(library)
    result = run(capsys, monkeypatch, library, args, case.stdin)
    assert_one_line(result, case.code, case.message)
    assert result.out == "" or case.stdin is not None  # a stream answers the good lines
    assert dump(library) == before


@pytest.mark.parametrize(
    ("argv", "stdin"),
    [([b"search", b"\xff\xfe"], None), ([b"search", b"-"], b"\xff\xfe\n")],
    ids=["argv", "stdin"],
)
def test_undecodable_query_from_a_real_process(
    library: Path, argv: list[bytes], stdin: bytes | None
) -> None:
    """The bytes really arrive undecoded: argv via surrogateescape, stdin as bytes."""
    before = dump(library)
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(library), *argv],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "LC_ALL": "C.UTF-8"},
        input=stdin or b"",
        capture_output=True,
    )
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2 and err.count("\n") == 1 and "not valid" in err, err
    assert dump(library) == before


def test_a_query_starting_with_a_dash_needs_no_double_dash(capsys, library: Path) -> None:
    result = run_cli(capsys, library, "search", "-社会主义", "--json")
    assert result.code == 0, result.err
    assert result.json()["query"] == "-社会主义"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_export_to_a_full_disk(capsys, library: Path) -> None:
    """/dev/full answers every write with ENOSPC: a real full disk, without mounting one."""
    before = dump(library)
    result = run_cli(capsys, library, "export", "1", "-o", "/dev/full")
    assert_one_line(result, 1, r"the disk is full; nothing was changed")
    assert dump(library) == before


@pytest.mark.parametrize("command", ["import", "annotate"])
def test_a_full_library_file_changes_nothing(
    capsys, monkeypatch, library: Path, tmp_path: Path, command: str
) -> None:
    """SQLite's ``max_page_count`` makes the file unable to grow: a real SQLITE_FULL."""
    from reader.core import library as library_module

    real_open = library_module.open_database

    def full_open(path):  # type: ignore[no-untyped-def]
        db = real_open(path)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")
        return db

    monkeypatch.setattr(library_module, "open_database", full_open)
    big = tmp_path / "big.txt"
    big.write_text("城市更新行动。" * 20_000, encoding="utf-8")
    args = {
        "import": ("import", str(big)),
        "annotate": ("annotate", "1", "--start", "0", "--end", "2", "--note", "注" * 50_000),
    }[command]
    before = dump(library)
    result = run_cli(capsys, library, *args)
    assert_one_line(result, 1, r"the disk is full; nothing was changed")
    assert dump(library) == before


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (RuntimeError("boom"), r"internal error: RuntimeError: boom \(please report\)"),
        (KeyError("x"), r"internal error: KeyError: 'x' \(please report\)"),
        (ValueError("two\nlines"), r"internal error: ValueError: two\\nlines \(please report\)"),
        (sqlite3.OperationalError("database or disk is full"), r"the disk is full; nothing .*"),
        (OSError(errno.ENOSPC, "No space left on device"), r"the disk is full; nothing .*"),
        (sqlite3.OperationalError("database is locked"), r"the library is busy .*; try again"),
    ],
    ids=["runtime", "keyerror", "multiline", "sqlite-full", "enospc", "locked"],
)
def test_unexpected_errors_are_one_line(
    capsys, monkeypatch, library: Path, error: Exception, message: str
) -> None:
    def broken(args, data_dir):  # type: ignore[no-untyped-def]
        raise error

    monkeypatch.setattr("reader.cli.library_cmds.cmd_list", broken)
    assert_one_line(run_cli(capsys, library, "list"), 1, message)


def test_debug_shows_the_traceback_too(capsys, monkeypatch, library: Path) -> None:
    def broken(args, data_dir):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")

    monkeypatch.setattr("reader.cli.library_cmds.cmd_list", broken)
    monkeypatch.setenv("PIZHU_DEBUG", "1")
    result = run_cli(capsys, library, "list")
    assert result.code == 1
    assert "Traceback" in result.err and "in broken" in result.err
    assert result.err.splitlines()[-1] == (
        "pizhu: error: internal error: RuntimeError: boom (please report)"
    )
