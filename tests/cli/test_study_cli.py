"""``pizhu words`` and ``pizhu stats`` (issue 15), end to end in temp data dirs."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from reader.core.library import Library
from tests.helpers import CliResult, run_cli

DOC = "# 区域发展报告\n\n推动京津冀协同发展。坚持稳中求进工作总基调！\n\n京津冀地区。\n"
TEXT = DOC.removeprefix("# ")  # the canonical text: the heading without its mark
STEADY = "稳中求进\twěn zhōng qiú jìn\tmake progress while staying stable\t坚持稳中求进工作总基调！"
WORD_KEYS = {
    "id", "word", "pinyin", "definition", "doc_id", "start", "end", "sentence", "created_at",
}  # fmt: skip


@pytest.fixture
def doc(capsys, data_dir: Path, tmp_path: Path) -> int:
    src = tmp_path / "report.md"
    src.write_text(DOC, encoding="utf-8")
    return run_cli(capsys, data_dir, "import", str(src), "--json").json()[0]["doc_id"]


def cli(capsys, data_dir: Path, *args: str) -> CliResult:
    result = run_cli(capsys, data_dir, *args)
    assert "Traceback" not in result.err
    return result


def _fails(result: CliResult, code: int, fragment: str) -> None:
    assert result.code == code, result
    assert result.out == ""
    assert result.err.startswith("pizhu: error: ") and result.err.count("\n") == 1, result.err
    assert fragment in result.err


def _add_words(capsys, data_dir: Path, doc: int) -> None:
    for args in (
        ["京津冀", "--doc", str(doc), "--pinyin", "jīng jīn jì", "--definition",
         "Beijing-Tianjin-Hebei"],
        ["稳中求进", "--doc", str(doc), "--pinyin", "wěn zhōng qiú jìn", "--definition",
         "make progress\twhile\nstaying stable"],
        ["双循环", "--pinyin", "shuāng xún huán", "--definition", 'the "dual" circulation'],
    ):  # fmt: skip
        assert cli(capsys, data_dir, "words", "--add", *args).code == 0


# -- words -----------------------------------------------------------------------------


def test_words_add_list_and_json(capsys, data_dir: Path, doc: int) -> None:
    assert cli(capsys, data_dir, "show", str(doc), "--text").out == TEXT
    added = cli(capsys, data_dir, "words", "--add", "京津冀", "--doc", str(doc), "--json")
    assert added.code == 0, added.err
    entry = added.json()
    assert set(entry) == WORD_KEYS
    assert (entry["doc_id"], entry["sentence"]) == (doc, "推动京津冀协同发展。")
    assert TEXT[entry["start"] : entry["end"]] == "京津冀"  # the first occurrence

    again = cli(capsys, data_dir, "words", "--add", "京津冀", "--doc", str(doc), "--at",
                str(TEXT.rindex("京津冀")))  # fmt: skip
    assert again.code == 0 and again.out.startswith("already in the word list: ")

    cli(capsys, data_dir, "words", "--add", "双循环", "--pinyin", "shuāng xún huán")
    listed = cli(capsys, data_dir, "words", "--json").json()
    assert [e["word"] for e in listed] == ["双循环", "京津冀"]  # newest first
    assert all(set(e) == WORD_KEYS for e in listed)
    assert listed[1] == entry
    assert [
        e["word"] for e in cli(capsys, data_dir, "words", "--filter", "xun", "--json").json()
    ] == ["双循环"]
    assert [
        e["word"] for e in cli(capsys, data_dir, "words", "--doc", str(doc), "--json").json()
    ] == ["京津冀"]
    human = cli(capsys, data_dir, "words")
    assert human.code == 0
    assert human.out.splitlines()[1].split() == [
        str(entry["id"]),
        "京津冀",
        "「推动京津冀协同发展。」",
        "doc",
        str(doc),
        f"@{entry['start']}",
    ]


def test_words_export_writes_the_anki_file(capsys, data_dir: Path, doc: int, tmp_path) -> None:
    _add_words(capsys, data_dir, doc)
    out = tmp_path / "words.tsv"
    result = cli(capsys, data_dir, "words", "--export", str(out))
    assert result.code == 0, result.err
    assert result.out == f"exported 3 word(s) to {out}\n"
    assert out.read_bytes().decode("utf-8") == (
        "#separator:tab\n"
        "#html:false\n"
        "#columns:word\tpinyin\tdefinition\tsentence\n"
        "京津冀\tjīng jīn jì\tBeijing-Tianjin-Hebei\t推动京津冀协同发展。\n"
        f"{STEADY}\n"
        '双循环\tshuāng xún huán\t"the ""dual"" circulation"\t\n'
    )
    filtered = cli(capsys, data_dir, "words", "--export", str(out), "--filter", "qiu")
    assert filtered.out == f"exported 1 word(s) to {out}\n"
    assert out.read_text(encoding="utf-8").splitlines()[3:] == [STEADY]


def test_words_export_refuses_a_folder_or_a_missing_folder(
    capsys, data_dir: Path, doc: int, tmp_path: Path
) -> None:
    _add_words(capsys, data_dir, doc)
    _fails(cli(capsys, data_dir, "words", "--export", str(tmp_path)), 2, "is a folder")
    missing = tmp_path / "nowhere" / "words.tsv"
    _fails(cli(capsys, data_dir, "words", "--export", str(missing)), 1, "no such folder")
    _fails(cli(capsys, data_dir, "words", "--export", ""), 2, "needs a file name")
    assert not missing.parent.exists()


def test_words_delete(capsys, data_dir: Path, doc: int) -> None:
    _add_words(capsys, data_dir, doc)
    ids = {e["word"]: e["id"] for e in cli(capsys, data_dir, "words", "--json").json()}
    _fails(cli(capsys, data_dir, "words", "--delete", str(ids["京津冀"]), "999"), 1, "999")
    assert len(cli(capsys, data_dir, "words", "--json").json()) == 3  # all or nothing
    gone = cli(capsys, data_dir, "words", "--delete", str(ids["京津冀"]), str(ids["双循环"]))
    assert gone.code == 0 and gone.out == "deleted 2 word(s): 京津冀、双循环\n"
    assert [e["word"] for e in cli(capsys, data_dir, "words", "--json").json()] == ["稳中求进"]


def test_words_add_with_an_annotation(capsys, data_dir: Path, doc: int) -> None:
    added = cli(capsys, data_dir, "words", "--add", "稳中求进", "--doc", str(doc),
                "--definition", "steady progress", "--annotate")  # fmt: skip
    assert added.code == 0, added.err
    [ann] = cli(capsys, data_dir, "annotations", str(doc), "--json").json()
    assert (ann["quote"], ann["note"], ann["tags"]) == ("稳中求进", "steady progress", ["生词"])


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["--add", "京津冀", "--at", "2"], 2, "--at needs --doc"),
        (["--add", "京津冀", "--doc", "{doc}", "--at", "0"], 2, "is '区域发'"),
        (["--add", "上海", "--doc", "{doc}"], 1, "does not occur"),
        (["--add", "京津冀", "--doc", "99"], 1, "no document with id 99"),
        (["--add", "京津冀", "--annotate"], 2, "needs its document"),
        (["--add", "京津冀", "--tag", "x"], 2, "--tag goes with --annotate"),
        (["--add", "  "], 2, "the word is empty"),
        (["--pinyin", "jing"], 2, "--pinyin goes with --add"),
        (["--delete", "0"], 2, "word id"),
        (["--delete", "1", "--filter", "x"], 2, "--filter goes with"),
        (["--export", "a.tsv", "--delete", "1"], 2, "not allowed with"),
    ],
)
def test_words_usage_errors_are_one_line(
    capsys, data_dir: Path, doc: int, args: list[str], code: int, fragment: str
) -> None:
    _fails(cli(capsys, data_dir, "words", *(a.format(doc=doc) for a in args)), code, fragment)


def test_words_of_an_empty_library(capsys, data_dir: Path) -> None:
    assert cli(capsys, data_dir, "words", "--json").json() == []
    assert cli(capsys, data_dir, "words").out == ""


# -- stats -----------------------------------------------------------------------------


def _record(data_dir: Path, doc: int, days_ago: int, seconds: int, chars: int) -> None:
    library = Library.open(data_dir)
    try:
        library.stats.record(doc, seconds, chars, date.today() - timedelta(days=days_ago))
    finally:
        library.close()


def test_stats_json(capsys, data_dir: Path, doc: int) -> None:
    _record(data_dir, doc, 0, 3725, 1200)
    _record(data_dir, doc, 2, 60, 300)
    cli(capsys, data_dir, "annotate", str(doc), "--quote", "稳中求进")
    cli(capsys, data_dir, "words", "--add", "京津冀")
    data = cli(capsys, data_dir, "stats", "--json", "--days", "3").json()
    today = date.today()
    assert data["days"] == [
        {"day": (today - timedelta(days=2)).isoformat(), "seconds": 60, "chars_read": 300,
         "annotations": 0},
        {"day": (today - timedelta(days=1)).isoformat(), "seconds": 0, "chars_read": 0,
         "annotations": 0},
        {"day": today.isoformat(), "seconds": 3725, "chars_read": 1200, "annotations": 1},
    ]  # fmt: skip
    assert data["documents"] == [
        {"doc_id": doc, "title": "区域发展报告", "seconds": 3785, "chars_read": 1500,
         "annotations": 1, "last_read": today.isoformat()},
    ]  # fmt: skip
    assert data["totals"] == {
        "seconds": 3785, "chars_read": 1500, "annotations": 1, "words": 1,
        "documents_read": 1, "days_read": 2,
    }  # fmt: skip
    assert len(cli(capsys, data_dir, "stats", "--json").json()["days"]) == 28


def test_stats_table(capsys, data_dir: Path, doc: int) -> None:
    _record(data_dir, doc, 0, 3725, 1200)
    result = cli(capsys, data_dir, "stats", "--days", "2")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    today = date.today().isoformat()
    assert lines[0].split() == ["day", "time", "chars", "annotations"]
    assert lines[2].split() == [today, "1:02:05", "1200", "0"]
    assert lines[4].split() == ["doc", "time", "chars", "annotations", "last", "read", "title"]
    assert lines[5].split() == [str(doc), "1:02:05", "1200", "0", today, "区域发展报告"]
    assert lines[-1].startswith("total: 1:02:05 reading, 1200 characters read in 1 document(s)")


def test_stats_of_an_empty_library(capsys, data_dir: Path) -> None:
    data = cli(capsys, data_dir, "stats", "--json", "--days", "1").json()
    assert data["documents"] == [] and data["days"][0]["seconds"] == 0
    assert "no document read or annotated yet" in cli(capsys, data_dir, "stats").out


@pytest.mark.parametrize("days", ["0", "-3", "x", "99999"])
def test_stats_bad_days(capsys, data_dir: Path, days: str) -> None:
    _fails(cli(capsys, data_dir, "stats", f"--days={days}"), 2, "days")
