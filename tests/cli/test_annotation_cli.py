"""The annotation CLI contract (issue 5), end to end in temp data dirs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_cli

DOC = (
    "# 城市工作报告\n\n## 一、总体要求\n\n坚持稳中求进，推动城市高质量发展。坚持稳中求进。\n\n"
    "## 二、任务\n\n推进城市更新行动。\n"
)
KEYS = {
    "id", "doc_id", "start", "end", "quote", "prefix", "suffix", "color", "style", "note",
    "tags", "status", "created", "updated",
}  # fmt: skip


@pytest.fixture
def doc(capsys, data_dir: Path, tmp_path: Path) -> tuple[int, Path]:
    src = tmp_path / "report.md"
    src.write_text(DOC, encoding="utf-8")
    rows = run_cli(capsys, data_dir, "import", str(src), "--json").json()
    return rows[0]["doc_id"], src


def cli(capsys, data_dir, *args):  # type: ignore[no-untyped-def]
    result = run_cli(capsys, data_dir, *args)
    assert "Traceback" not in result.err
    return result


def test_annotate_list_edit_delete_restore(capsys, data_dir: Path, doc) -> None:
    doc_id, _ = doc
    made = cli(capsys, data_dir, "annotate", str(doc_id), "--quote", "坚持稳中求进",
               "--occurrence", "2", "--color", "blue", "--style", "underline",
               "--note", "**注**", "--tag", "城市/更新", "--tag", "政策", "--json")  # fmt: skip
    assert made.code == 0, made.err
    ann = made.json()
    assert set(ann) >= KEYS
    assert (ann["quote"], ann["color"], ann["style"], ann["note"]) == (
        "坚持稳中求进", "blue", "underline", "**注**",
    )  # fmt: skip
    assert ann["tags"] == ["城市/更新", "政策"] and ann["status"] == "ok"
    by_span = cli(capsys, data_dir, "annotate", str(doc_id), "--start", "0", "--end", "2")
    assert by_span.code == 0 and "城市" in by_span.out
    first = cli(capsys, data_dir, "annotate", str(doc_id), "--quote", "坚持稳中求进")
    assert "occurs 2 times" in first.err

    listed = cli(capsys, data_dir, "annotations", str(doc_id), "--json").json()
    assert [a["start"] for a in listed] == sorted(a["start"] for a in listed)
    assert len(listed) == 3 and all(set(a) >= KEYS for a in listed)
    assert [
        a["id"] for a in cli(capsys, data_dir, "annotations", "--tag", "城市", "--json").json()
    ] == [ann["id"]]
    assert len(cli(capsys, data_dir, "annotations", "--color", "yellow", "--json").json()) == 2
    assert cli(capsys, data_dir, "annotations", "--orphaned", "--json").json() == []

    edited = cli(capsys, data_dir, "edit", str(ann["id"]), "--note", "新注", "--color", "pink",
                 "--add-tag", "新/标签", "--remove-tag", "政策", "--json").json()  # fmt: skip
    assert (edited["note"], edited["color"], edited["tags"]) == (
        "新注",
        "pink",
        ["城市/更新", "新/标签"],
    )

    assert cli(capsys, data_dir, "delete", str(ann["id"])).code == 0
    assert len(cli(capsys, data_dir, "annotations", "--json").json()) == 2
    assert cli(capsys, data_dir, "delete", str(ann["id"])).code == 2
    assert cli(capsys, data_dir, "restore", ann["uuid"]).code == 0
    assert len(cli(capsys, data_dir, "annotations", "--json").json()) == 3
    assert cli(capsys, data_dir, "check").code == 0


def test_tags_and_rename(capsys, data_dir: Path, doc) -> None:
    doc_id, _ = doc
    cli(
        capsys,
        data_dir,
        "annotate",
        str(doc_id),
        "--quote",
        "推进城市更新行动",
        "--tag",
        "城市/更新",
    )
    cli(capsys, data_dir, "annotate", str(doc_id), "--quote", "城市高质量", "--tag", "城市")
    tags = cli(capsys, data_dir, "tags", "--json").json()
    assert [(t["name"], t["annotations"], t["total"]) for t in tags] == [
        ("城市", 1, 2), ("城市/更新", 1, 1),
    ]  # fmt: skip
    plain = cli(capsys, data_dir, "tags").out
    assert plain.splitlines() == ["城市  (2)", "  更新  (1)"]
    assert cli(capsys, data_dir, "tag", "rename", "城市", "城镇").code == 0
    assert [t["name"] for t in cli(capsys, data_dir, "tags", "--json").json()] == [
        "城镇",
        "城镇/更新",
    ]
    missing = cli(capsys, data_dir, "tag", "rename", "城市", "x")
    assert missing.code == 1 and missing.err.strip() == "pizhu: error: no tag '城市'"
    tagged = cli(capsys, data_dir, "tag", "document", str(doc_id), "--add", "政策")
    assert tagged.out.strip() == "#政策"


def test_progress(capsys, data_dir: Path, doc) -> None:
    doc_id, _ = doc
    shown = cli(capsys, data_dir, "progress", str(doc_id), "--json").json()
    assert shown == {"doc_id": doc_id, "offset": 0, "percent": 0.0, "last_opened": None}
    set_ = cli(capsys, data_dir, "progress", str(doc_id), "--set", "10", "--json").json()
    assert set_["offset"] == 10 and set_["percent"] > 0 and set_["last_opened"]
    everything = cli(capsys, data_dir, "progress", "--json").json()
    assert [p["doc_id"] for p in everything] == [doc_id]
    assert cli(capsys, data_dir, "progress", str(doc_id), "--set", "99999").code == 2
    assert cli(capsys, data_dir, "progress", "--set", "1").code == 2


def test_export_markdown_and_json_backup_round_trip(
    capsys, data_dir: Path, tmp_path: Path, doc
) -> None:
    doc_id, src = doc
    cli(capsys, data_dir, "annotate", str(doc_id), "--quote", "推进城市更新行动",
        "--tag", "城市/更新", "--note", "注")  # fmt: skip
    gone = cli(capsys, data_dir, "annotate", str(doc_id), "--quote", "城市高质量", "--json")
    cli(capsys, data_dir, "delete", str(gone.json()["id"]))
    cli(capsys, data_dir, "colors", "--label", "yellow", "重点")
    out = tmp_path / "notes.md"
    exported = cli(capsys, data_dir, "export", str(doc_id), "-o", str(out))
    assert exported.code == 0, exported.err
    text = out.read_text(encoding="utf-8")
    assert "> 推进城市更新行动" in text and "#城市/更新 · 重点 · [↗" in text
    assert cli(capsys, data_dir, "export", str(doc_id), "-o", str(out)).code == 0
    assert out.read_text(encoding="utf-8").count("推进城市更新行动") == text.count(
        "推进城市更新行动"
    )
    by_tag = cli(capsys, data_dir, "export", "--tag", "城市", "-o", str(tmp_path / "tag.md"))
    assert by_tag.code == 0
    folder = tmp_path / "all"
    assert cli(capsys, data_dir, "export", "--all", "-o", str(folder)).code == 0
    assert [p.name for p in folder.iterdir()] == ["城市工作报告.md"]
    slash = cli(capsys, data_dir, "export", str(doc_id), "-o", str(tmp_path / "new") + "/")
    assert slash.code == 0 and [p.name for p in (tmp_path / "new").iterdir()] == ["城市工作报告.md"]

    backup = tmp_path / "backup.json"
    assert cli(capsys, data_dir, "export", "--all", "--format", "json", "-o", str(backup)).code == 0
    data = json.loads(backup.read_text(encoding="utf-8"))
    assert data["type"] == "AnnotationCollection" and data["total"] == 2
    selectors = data["first"]["items"][0]["target"]["selector"]
    assert [s["type"] for s in selectors] == ["TextQuoteSelector", "TextPositionSelector"]

    # A fresh library holding an edited copy of the same document (matched by title).
    fresh = tmp_path / "fresh"
    edited = tmp_path / "edited" / "report.md"
    edited.parent.mkdir()
    edited.write_text(
        DOC.replace("## 二、任务\n\n", "## 二、任务\n\n新增一段。\n\n"), encoding="utf-8"
    )
    cli(capsys, fresh, "import", str(edited))
    restored = cli(capsys, fresh, "import-annotations", str(backup), "--json")
    assert restored.code == 0, restored.err
    assert restored.json() == {
        "imported": 2, "existing": 0, "unmatched": 0, "moved": 1, "changed": 0, "orphaned": 0,
    }  # fmt: skip
    again = cli(capsys, fresh, "import-annotations", str(backup), "--json").json()
    assert again["existing"] == 2 and again["imported"] == 0
    anns = cli(capsys, fresh, "annotations", "--json").json()
    assert [(a["quote"], a["tags"], a["note"]) for a in anns] == [
        ("推进城市更新行动", ["城市/更新"], "注")
    ]
    assert len(cli(capsys, fresh, "annotations", "--trash", "--json").json()) == 1
    assert cli(capsys, fresh, "colors", "--json").json()[0]["label"] == "重点"
    assert cli(capsys, fresh, "check").code == 0


def test_reimport_reports_re_anchoring(capsys, data_dir: Path, doc) -> None:
    doc_id, src = doc
    cli(capsys, data_dir, "annotate", str(doc_id), "--quote", "推进城市更新行动")
    src.write_text(DOC.replace("## 一、", "前言一段。\n\n## 一、"), encoding="utf-8")
    result = cli(capsys, data_dir, "import", str(src))
    assert "[moved: 1, changed: 0, orphaned: 0]" in result.out
    assert "annotations 1 moved, 0 changed, 0 orphaned" in result.err


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["annotate", "1"], 2, "give either --quote TEXT or --start S --end E"),
        (["annotate", "1", "--quote", "x", "--start", "1", "--end", "2"], 2, "give either"),
        (["annotate", "1", "--start", "1"], 2, "--start and --end go together"),
        (["annotate", "1", "--start", "3", "--end", "3"], 2, "is empty or outside"),
        (["annotate", "9", "--start", "0", "--end", "3"], 1, "no document with id 9"),
        (["annotate", "1", "--quote", "不存在"], 1, "quote not found in document 1"),
        (["annotate", "1", "--quote", "城市", "--color", "orange"], 2, "unknown colour"),
        (["annotate", "1", "--quote", "城市", "--note", "bad\udcffbytes"], 2, "not valid text"),
        (["edit", "42", "--note", "x"], 1, "no annotation 42"),
        (["edit", "1"], 2, "nothing to change"),
        (["restore", "42"], 1, "no annotation 42"),
        (["export", "-o", "x.md"], 2, "say what to export"),
        (["import-annotations", "/no/such.json"], 1, "cannot read"),
    ],
)
def test_errors_are_one_line(capsys, data_dir: Path, doc, args, code, message) -> None:
    result = cli(capsys, data_dir, *args)
    assert result.code == code
    assert result.err.count("\n") == 1 and message in result.err
    assert result.out == ""


def test_argparse_errors_exit_2(capsys, data_dir: Path) -> None:
    result = run_cli(capsys, data_dir, "annotate", "abc", "--quote", "x")
    assert result.code == 2
    assert result.err.count("\n") == 1


def test_bad_backup_changes_nothing(capsys, data_dir: Path, tmp_path: Path, doc) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"first": {"items": [{"target": {}}]}}', encoding="utf-8")
    result = cli(capsys, data_dir, "import-annotations", str(bad))
    assert result.code == 1 and "malformed" in result.err
    assert cli(capsys, data_dir, "annotations", "--json").json() == []
