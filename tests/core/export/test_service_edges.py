"""The export service at its edges: every option reaching single-file and folder exports,
the trash of a filtered backup, restoring counts and clamps, files in an export folder
that are not ours, pages, and errors while writing (a path through a file, a full disk)."""

from __future__ import annotations

import errno
import json
import tempfile
from pathlib import Path

import pytest

from reader.core.export.scope import ExportScope
from reader.core.export.service import ExportService, write_atomic
from reader.core.library import Library
from reader.core.text.script import convert
from reader.errors import DiskFullError, PizhuError, UsageError
from tests.core.annotate.conftest import REPORT
from tests.core.export.conftest import STAMP

OLD = "2020-05-06T07:08:09+00:00"


def test_single_file_exports_take_every_option(
    library: Library, report: int, tmp_path: Path
) -> None:
    service = ExportService(library.db, library.data_dir)
    out = tmp_path / "one.md"
    service.export_markdown(ExportScope(doc_ids=(report,)), out, STAMP)
    text = out.read_text(encoding="utf-8")
    assert "核心目标" in text and f'exported: "{STAMP}"' in text  # notes are in by default
    service.export_markdown(ExportScope(doc_ids=(report,)), out, STAMP, template="obsidian",
                            lang="en", include_notes=False)  # fmt: skip
    text = out.read_text(encoding="utf-8")
    assert "> [!quote] Green (Underline)\n" in text and "> [!quote] Yellow\n" in text
    assert "核心目标" not in text
    folder = library.data_dir / "templates"
    folder.mkdir()
    (folder / "mine.md.j2").write_text("{{ exported }} {{ doc.title }}", encoding="utf-8")
    service.export_markdown(ExportScope(doc_ids=(report,)), out, STAMP, "traditional",
                            template="mine")  # fmt: skip
    assert out.read_text(encoding="utf-8") == f"{STAMP} 城市工作報告"


def test_folder_exports_take_every_option(library: Library, report: int, tmp_path: Path) -> None:
    service = ExportService(library.db)
    folder = tmp_path / "out"
    service.export_markdown(ExportScope(all=True), folder, STAMP, template="obsidian", lang="en")
    text = (folder / "城市工作报告.md").read_text(encoding="utf-8")
    assert "> [!quote] Green (Underline)\n" in text and "核心目标" in text
    service.export_markdown(ExportScope(all=True), folder, STAMP, include_notes=False)
    assert "核心目标" not in (folder / "城市工作报告.md").read_text(encoding="utf-8")
    service.export_markdown(ExportScope(tag="城市/更新"), folder, STAMP, "traditional")
    text = (folder / "城市工作报告.md").read_text(encoding="utf-8")  # named as written
    assert "> 推進城市更新行動" in text and "城市工作" not in text.split("# 城市工作報告")[1]
    assert "annotations: 1\n" in text


def test_a_filtered_backup_holds_only_the_matching_trash(
    library: Library, report: int, tmp_path: Path
) -> None:
    gone, _ = library.annotations.create_from_quote(report, "稳步实施城中村改造", color="blue",
                                                    tags=["城市/更新"])  # fmt: skip
    library.annotations.delete(gone.id)
    service = ExportService(library.db)

    def exact(scope: ExportScope) -> list[str]:
        service.export_json(scope, tmp_path / "b.json", STAMP)
        data = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
        return [i["target"]["selector"][0]["exact"] for i in data["first"]["items"]]

    assert exact(ExportScope(tag="城市/更新")) == ["推进城市更新行动", "稳步实施城中村改造"]
    assert exact(ExportScope(color="blue")) == ["推动城市高质量发展", "稳步实施城中村改造"]


def test_the_backup_file(library: Library, report: int, tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    ExportService(library.db).export_json(ExportScope(all=True), path, STAMP, "traditional")
    text = path.read_text(encoding="utf-8")
    assert text.startswith('{\n  "@context": [\n    "http://www.w3.org/ns/anno.jsonld"')
    assert '"title": "城市工作報告"' in text  # not \\u escapes
    data = json.loads(text)
    assert data["pizhu:documents"][0]["source"] == str(tmp_path / "src" / "report.md")
    items = {i["target"]["selector"][0]["exact"]: i for i in data["first"]["items"]}
    quote = items["推動城市高質量發展"]["target"]["selector"][0]
    original = next(a for a in library.annotations.list() if a.quote == "推动城市高质量发展")
    assert (quote["prefix"], quote["suffix"]) == (
        convert(original.prefix, "traditional"), convert(original.suffix, "traditional"),
    )  # fmt: skip
    assert quote["prefix"] != original.prefix


def restore(data: object, tmp_path: Path, text: str = REPORT, title: str | None = None):  # type: ignore[no-untyped-def]
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps(data), encoding="utf-8")
    fresh = Library.open(tmp_path / "fresh")
    src = tmp_path / "copy" / "report.md"
    src.parent.mkdir(exist_ok=True)
    src.write_text(text, encoding="utf-8")
    doc = fresh.importer().import_paths([src])[0].doc_id
    assert doc is not None
    if title:
        fresh.documents.rename(doc, title)
    return fresh, ExportService(fresh.db).import_json(backup)


def item(exact: str, **fields: object) -> dict[str, object]:
    return {"id": f"urn:uuid:{fields.pop('uuid', exact)}",
            "target": {"selector": {"type": "TextQuoteSelector", "exact": exact, **fields}},
            "pizhu:document": {"title": "城市工作报告"}}  # fmt: skip


def test_restore_counts_every_item(tmp_path: Path) -> None:
    data = {"items": [
        item("不在这里一", uuid="u1"), item("不在这里二", uuid="u2"),
        {**item("城市工作", uuid="u3"), "pizhu:document": {"title": "别的"}},
        {**item("城市工作", uuid="u4"), "pizhu:document": {"title": "别的"}},
        item("推进城市更新工作", uuid="u5", prefix="重点任务\n\n", suffix="，稳步实施"),
        item("加强老旧小区改造和城市地下", uuid="u6"),
        item("提升城市治理现代化能力", uuid="u8", prefix="统筹城市规划建设管理，", suffix="。"),
        item("坚持稳中求进工作总基调", uuid="u7", prefix="这里变了"),
    ]}  # fmt: skip
    fresh, result = restore(data, tmp_path)
    try:
        assert (result.orphaned, result.unmatched) == (2, 2)
        assert (result.imported, result.changed) == (6, 2)
        assert result.moved == 2
    finally:
        fresh.close()


def test_orphans_are_clamped_into_the_text(tmp_path: Path) -> None:
    text = "# 短\n\n短文。\n"
    data = {"items": [
        {**item("不见了", uuid="a"), "target": {"selector": [
            {"type": "TextQuoteSelector", "exact": "不见了"},
            {"type": "TextPositionSelector", "start": 0, "end": 3}]}},
        {**item("无", uuid="b"), "target": {"selector": [
            {"type": "TextQuoteSelector", "exact": "无"},
            {"type": "TextPositionSelector", "start": 10**6, "end": 10**6 + 1}]}},
        {**item("孤", uuid="c"), "target": {"selector": [
            {"type": "TextQuoteSelector", "exact": "孤"},
            {"type": "TextPositionSelector", "start": 0, "end": 1}]}},
    ]}  # fmt: skip
    for entry in data["items"]:
        entry["pizhu:document"] = {"title": "短"}
    fresh, result = restore(data, tmp_path, text)
    try:
        assert result.orphaned == 3
        length = len(fresh.documents.text(1))
        spans = {a.uuid: (a.start, a.end) for a in fresh.annotations.list(orphaned=True)}
        assert spans == {"a": (0, 3), "b": (length - 1, length), "c": (0, 1)}
    finally:
        fresh.close()


def test_restore_keeps_stamps_and_fills_missing_ones(tmp_path: Path) -> None:
    data = {"items": [
        {**item("城市工作", uuid="old"), "created": OLD, "modified": OLD,
         "body": [{"purpose": "tagging", "value": "甲"}]},
        item("推进城市更新行动", uuid="new"),
    ], "pizhu:documents": [
        {"sha256": "none", "title": "没有这份", "tags": ["乙"]},
    ]}  # fmt: skip
    fresh, result = restore(data, tmp_path)
    try:
        old, new = fresh.annotations.get("old"), fresh.annotations.get("new")
        assert (old.created, old.updated, old.tags) == (OLD, OLD, ("甲",))
        assert new.created > OLD and new.created == new.updated
        assert result.changes.tags and fresh.tags.document_tags(1) == []
    finally:
        fresh.close()


def test_document_tags_follow_the_content_hash(
    library: Library, report: int, tmp_path: Path
) -> None:
    path = tmp_path / "b.json"
    ExportService(library.db).export_json(ExportScope(all=True), path, STAMP)
    data = json.loads(path.read_text(encoding="utf-8"))
    (tmp_path / "r").mkdir()
    fresh, _ = restore(data, tmp_path / "r", title="改过名的报告")  # same bytes, other title
    try:
        assert fresh.tags.document_tags(1) == ["政策/城市"]
    finally:
        fresh.close()


def test_a_bad_note_in_a_backup_names_its_annotation(tmp_path: Path) -> None:
    data = {"items": [{**item("城市工作", uuid="u-9"),
                       "body": {"purpose": "commenting", "value": "坏\x00字"}}]}  # fmt: skip
    with pytest.raises(UsageError) as error:
        restore(data, tmp_path)
    assert str(error.value) == "note of annotation u-9 in the backup contains control characters"


@pytest.mark.parametrize(
    "content",
    [
        b"---\ntitle: x\n---\n\ndoc_id: 1\n\n---\n",  # an id in the body is not the owner
        b"---\ntitle: x\n---\n",
        b"\xff\xfe not utf-8 \xff",
    ],
)
def test_files_that_are_not_ours_are_never_replaced(
    library: Library, report: int, tmp_path: Path, content: bytes
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    theirs = folder / "城市工作报告.md"
    theirs.write_bytes(content)
    result = ExportService(library.db).export_markdown(ExportScope(all=True), folder, STAMP)
    assert result.files == [folder / "城市工作报告 (1).md"]
    assert theirs.read_bytes() == content


def test_pages_name_where_an_annotation_is(library: Library, report: int) -> None:
    text = library.documents.text(report)
    library.db.execute(
        "INSERT INTO pages (doc_id, seq, label, start) VALUES (?, 0, 'iv', 0), (?, 1, '7', ?)",
        [report, report, text.index("以习近平")],
    )
    library.db.conn.commit()
    service = ExportService(library.db)
    (record,) = service.records(ExportScope(doc_ids=(report,)), lang="en")
    assert [a.page for a in record.placed] == ["iv", "iv", "7", "7"]
    assert record.placed[2].link_text == "一、总体要求 › （一）指导思想 · p. 7"
    markdown = service.markdown_for(ExportScope(doc_ids=(report,)), STAMP)
    assert "\n绿色 · p. 7 · [↗ 104]" in markdown


def test_counts_of_orphans_in_the_context(
    library: Library, report: int, reimport  # type: ignore[no-untyped-def]
) -> None:
    reimport(REPORT.replace("推进城市更新行动，", ""))
    context = ExportService(library.db).context(ExportScope(doc_ids=(report,)))
    assert context["counts"] == {"annotations": 4, "notes": 1, "orphaned": 1}


def test_site_and_language_reach_the_record(library: Library, add_doc) -> None:  # type: ignore[no-untyped-def]
    doc = add_doc("---\nlanguage: zh-CN\n---\n\n# 稿\n\n正文一段。\n", "lang.md")
    library.annotations.create_from_quote(doc, "正文")
    (record,) = ExportService(library.db).records(ExportScope(doc_ids=(doc,)))
    assert record.language == "zh-CN"
    page = add_doc(
        '<html lang="zh-CN"><head><meta property="og:site_name" content="新华网">'
        "<title>稿子</title></head><body><article><h1>稿子</h1>"
        + "<p>城市更新要稳步推进，老旧小区改造要加快进行。</p>" * 4
        + "</article></body></html>",
        "page.html",
    )
    library.annotations.create_from_quote(page, "稳步推进")
    (record,) = ExportService(library.db).records(ExportScope(doc_ids=(page,)))
    assert (record.site, record.language, record.format) == ("新华网", "zh-CN", "html")


def test_errors_while_writing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    through = tmp_path / "file" / "x.md"
    with pytest.raises(PizhuError) as error:
        write_atomic(through, "x")
    assert str(error.value) == f"cannot write {through}: Not a directory"

    # A full disk, without a real device: a mutant that renamed over /dev/full
    # (as a test writing into it allowed) destroyed the machine's device node.
    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "mkstemp", full)
    with pytest.raises(DiskFullError):
        write_atomic(tmp_path / "new.md", "满")
    assert not (tmp_path / "new.md").exists()
