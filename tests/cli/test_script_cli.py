"""``show --text --script`` and ``export --script`` (issue 15, "The other script, on demand")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.export.service import ExportScope, ExportService
from reader.core.library import Library
from reader.core.text.script import to_simplified, to_traditional
from reader.errors import UsageError
from tests.helpers import CliResult, run_cli

DOC = (
    "# 城市工作报告\n\n## 一、总体要求\n\n坚持稳中求进，推动城市高质量发展。𠮷ＡＢＣ。\n\n"
    "## 二、任务\n\n推进城市更新行动。\n"
)
NOTE = "我的笔记：发展是第一要务"


def cli(capsys, data_dir: Path, *args: str) -> CliResult:  # type: ignore[no-untyped-def]
    result = run_cli(capsys, data_dir, *args)
    assert "Traceback" not in result.err
    return result


def _import(capsys, data_dir: Path, path: Path, text: str) -> int:  # type: ignore[no-untyped-def]
    path.write_text(text, encoding="utf-8")
    return cli(capsys, data_dir, "import", str(path), "--json").json()[0]["doc_id"]


@pytest.fixture
def doc(capsys, data_dir: Path, tmp_path: Path) -> int:  # type: ignore[no-untyped-def]
    return _import(capsys, data_dir, tmp_path / "report.md", DOC)


def _annotate(capsys, data_dir: Path, doc: int, quote: str, *extra: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    made = cli(capsys, data_dir, "annotate", str(doc), "--quote", quote, "--json", *extra)
    assert made.code == 0, made.err
    return made.json()


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_show_script_keeps_length(capsys, data_dir: Path, tmp_path: Path, doc, script) -> None:
    trad = _import(capsys, data_dir, tmp_path / "trad.txt", to_traditional(DOC) + "乾隆。")
    for doc_id in (doc, trad):
        text = cli(capsys, data_dir, "show", str(doc_id), "--text").out
        shown = cli(capsys, data_dir, "show", str(doc_id), "--text", "--script", script)
        assert shown.code == 0, shown.err
        assert len(shown.out) == len(text)  # code points: capsys gives str
        convert = to_simplified if script == "simplified" else to_traditional
        assert shown.out == convert(text)


def test_show_script_converts(capsys, data_dir: Path, doc) -> None:
    out = cli(capsys, data_dir, "show", str(doc), "--text", "--script", "traditional").out
    assert "堅持穩中求進，推動城市高質量發展。𠮷ＡＢＣ。" in out
    back = cli(capsys, data_dir, "show", str(doc), "--text", "--script", "simplified").out
    assert back == cli(capsys, data_dir, "show", str(doc), "--text").out  # already simplified


def test_offsets_from_the_text_select_the_same_words(capsys, data_dir: Path, doc) -> None:
    ann = _annotate(capsys, data_dir, doc, "高质量发展")
    out = cli(capsys, data_dir, "show", str(doc), "--text", "--script", "traditional").out
    assert out[ann["start"] : ann["end"]] == "高質量發展"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--script", "traditional"], "--script goes with --text"),
        (["--outline", "--script", "simplified"], "--script goes with --text"),
        (["--text", "--script", "klingon"], "invalid choice: 'klingon'"),
        (["--text", "--script", "as-written"], "invalid choice"),
        (["--text", "--script"], "expected one argument"),
    ],
)
def test_show_bad_script_is_a_one_line_usage_error(
    capsys, data_dir: Path, doc, args, message
) -> None:
    result = cli(capsys, data_dir, "show", str(doc), *args)
    assert result.code == 2
    assert result.out == ""
    assert result.err.count("\n") == 1 and result.err.startswith("pizhu: error: ")
    assert message in result.err


def test_export_markdown_script_converts_quotes_and_titles(
    capsys, data_dir: Path, tmp_path: Path, doc
) -> None:
    ann = _annotate(capsys, data_dir, doc, "坚持稳中求进", "--note", NOTE, "--tag", "发展")
    plain, converted = tmp_path / "plain.md", tmp_path / "trad.md"
    assert cli(capsys, data_dir, "export", str(doc), "-o", str(plain)).code == 0
    result = cli(capsys, data_dir, "export", str(doc), "-o", str(converted), "--script",
                 "traditional")  # fmt: skip
    assert result.code == 0, result.err
    text, as_written = converted.read_text(encoding="utf-8"), plain.read_text(encoding="utf-8")
    assert "> 堅持穩中求進" in text and "> 坚持稳中求进" in as_written
    assert 'title: "城市工作報告"' in text and "# 城市工作報告" in text
    assert "## 一、總體要求" in text
    assert NOTE in text and "#发展" in text  # the user's own words stay as written
    assert f"[↗ {ann['start']}](pizhu://open?doc={doc}&pos={ann['start']})" in text
    assert "黄色" in text  # the colour label is the user's too
    assert len(text) == len(as_written)


def test_export_json_script_and_restore(capsys, data_dir: Path, tmp_path: Path, doc) -> None:
    long = _annotate(capsys, data_dir, doc, "坚持稳中求进", "--note", NOTE)
    short = _annotate(capsys, data_dir, doc, "总体")  # too short for a fuzzy match
    backup = tmp_path / "trad.json"
    result = cli(capsys, data_dir, "export", str(doc), "--format", "json", "-o", str(backup),
                 "--script", "traditional")  # fmt: skip
    assert result.code == 0, result.err
    data = json.loads(backup.read_text(encoding="utf-8"))
    assert data["pizhu:script"] == "traditional"
    assert data["pizhu:documents"][0]["title"] == "城市工作報告"
    items = {item["pizhu:document"]["title"] for item in data["first"]["items"]}
    assert items == {"城市工作報告"}
    quotes = [item["target"]["selector"] for item in data["first"]["items"]]
    assert [q[0]["exact"] for q in quotes] == ["總體", "堅持穩中求進"]
    assert [(q[1]["start"], q[1]["end"]) for q in quotes] == [
        (short["start"], short["end"]),
        (long["start"], long["end"]),
    ]
    notes = [b["value"] for i in data["first"]["items"] for b in i["body"]]
    assert notes == [NOTE]

    # Restored into another library holding the same text: in place, as written.
    other = tmp_path / "other"
    _import(capsys, other, tmp_path / "copy.md", DOC)
    restored = cli(capsys, other, "import-annotations", str(backup), "--json")
    assert restored.code == 0, restored.err
    assert restored.json()["imported"] == 2 and restored.json()["orphaned"] == 0
    anns = cli(capsys, other, "annotations", "--json").json()
    assert [(a["quote"], a["start"], a["status"]) for a in anns] == [
        ("总体", short["start"], "ok"),
        ("坚持稳中求进", long["start"], "ok"),
    ]


def test_export_without_script_has_no_script_field(
    capsys, data_dir: Path, tmp_path: Path, doc
) -> None:
    _annotate(capsys, data_dir, doc, "坚持稳中求进")
    backup = tmp_path / "plain.json"
    assert (
        cli(capsys, data_dir, "export", str(doc), "--format", "json", "-o", str(backup)).code == 0
    )
    data = json.loads(backup.read_text(encoding="utf-8"))
    assert "pizhu:script" not in data
    assert data["first"]["items"][0]["target"]["selector"][0]["exact"] == "坚持稳中求进"


@pytest.mark.parametrize("value", ["klingon", "as-written", "Traditional"])
def test_export_bad_script_is_a_one_line_usage_error(
    capsys, data_dir: Path, tmp_path: Path, doc, value
) -> None:
    out = tmp_path / "x.md"
    result = cli(capsys, data_dir, "export", str(doc), "-o", str(out), "--script", value)
    assert result.code == 2
    assert result.err.count("\n") == 1 and "invalid choice" in result.err
    assert not out.exists()


def test_export_service_refuses_an_unknown_script(data_dir: Path, doc) -> None:
    """The API the export dialog calls checks the value before writing anything."""
    library = Library.open(data_dir)
    try:
        service = ExportService(library.db)
        with pytest.raises(UsageError, match="unknown script 'mixed'"):
            service.markdown_for(ExportScope((doc,)), script="mixed")
        text = service.markdown_for(ExportScope((doc,)), script="as-written")
        again = service.markdown_for(ExportScope((doc,)))

        def unstamped(markdown: str) -> list[str]:  # two calls may straddle a second
            return [line for line in markdown.splitlines() if not line.startswith("exported:")]

        assert len(unstamped(text)) == len(text.splitlines()) - 1
        assert unstamped(text) == unstamped(again)
    finally:
        library.close()
