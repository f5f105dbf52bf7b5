"""The export service on a real library: what a scope selects, what a template is given,
where files go, the JSON backup's round trip (scripts, trash, labels, matching), and how
files are written and read (links, devices, folders, FIFOs)."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import pytest

from reader import __version__
from reader.core.export.scope import ExportScope
from reader.core.export.service import ExportService, is_markdown_name, write_atomic
from reader.core.library import Library
from reader.errors import PizhuError, UsageError
from tests.core.annotate.conftest import REPORT
from tests.core.export.conftest import STAMP

OTHER = (
    "---\nauthor: 张三\ndate: 2024-03-05\nurl: https://example.com/r\n---\n\n"
    "# 另一份报告\n\n城市更新要稳步推进。\n"
)


def quotes(docs) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[a.quote for a in d.annotations] for d in docs]


def test_what_a_scope_selects(library: Library, report: int, add_doc) -> None:  # type: ignore[no-untyped-def]
    other = add_doc(OTHER, "other.md")
    empty = add_doc("# 空白\n\n没有批注。\n", "empty.md")
    service = ExportService(library.db)
    named = service.records(ExportScope(doc_ids=(empty, report, empty)))
    assert [d.id for d in named] == [empty, report]  # named documents stay, once each
    assert quotes(named)[0] == []
    assert [d.id for d in service.records(ExportScope(all=True))] == [report]
    assert [d.id for d in service.records(ExportScope(doc_ids=(empty,), color="yellow"))] == []
    assert quotes(service.records(ExportScope(tag=" #城市 / 更新 "))) == [["推进城市更新行动"]]
    library.annotations.create_from_quote(other, "稳步推进")
    folder = library.collections.ensure_path("报告/其他")
    library.collections.add_document(folder, other)
    top = library.collections.ensure_path("报告")
    assert [d.id for d in service.records(ExportScope(collection_id=top))] == [other]
    both = ExportScope(doc_ids=(report, other), collection_id=top)
    assert [d.id for d in service.records(both)] == [other]
    outside = ExportScope(doc_ids=(report,), collection_id=top)
    assert service.records(outside) == []
    (record,) = service.records(ExportScope(doc_ids=(other,)))
    assert (record.authors, record.date, record.source_url) == (
        ("张三",), "2024-03-05", "https://example.com/r",
    )  # fmt: skip
    assert record.collections == ("报告/其他",) and record.source.endswith("other.md")
    assert record.format == "markdown" and record.chars == len(library.documents.text(other))


def test_records_in_another_script_and_language(library: Library, report: int) -> None:
    service = ExportService(library.db)
    (record,) = service.records(ExportScope(doc_ids=(report,)), "traditional", "en")
    assert record.title == "城市工作報告"
    assert record.placed[1].section_path == ("一、總體要求",)
    assert record.placed[1].quote == "推動城市高質量發展"
    assert record.placed[1].note.startswith("核心目标")  # the user's words stay as written
    assert record.tags == ("政策/城市",)
    assert [a.color_label for a in record.placed] == ["Yellow", "数据", "Green", "Yellow"]
    assert record.placed[0].color_hex.startswith("#")
    with pytest.raises(UsageError, match="unknown export language 'fr'"):
        service.records(ExportScope(doc_ids=(report,)), lang="fr")
    with pytest.raises(UsageError, match="'klingon'"):
        service.records(ExportScope(doc_ids=(report,)), "klingon")


def test_what_a_template_is_given(library: Library, report: int, add_doc) -> None:  # type: ignore[no-untyped-def]
    other = add_doc(OTHER, "other.md")
    library.annotations.create_from_quote(other, "城市更新", tags=["城市/更新"], note="注")
    service = ExportService(library.db)
    one = service.context(ExportScope(doc_ids=(report,)), exported=STAMP, include_notes=False)
    assert (one["many"], one["title"], one["tag"], one["exported"]) == (False, "批注", None, STAMP)
    assert one["doc"] is one["documents"][0]  # type: ignore[index]
    assert (one["lang"], one["include_notes"]) == ("zh", False)
    assert one["words"]["annotations"] == "批注"  # type: ignore[index]
    assert one["counts"] == {"annotations": 4, "notes": 1, "orphaned": 0}
    tagged = service.context(ExportScope(doc_ids=(report,), tag="城市"), lang="en")
    assert (tagged["many"], tagged["doc"], tagged["title"]) == (True, None, "Annotations · 城市")
    assert tagged["counts"] == {"annotations": 2, "notes": 1, "orphaned": 0}
    assert datetime.fromisoformat(str(tagged["exported"])).tzinfo is not None
    both = service.context(ExportScope(all=True))
    assert (both["many"], both["doc"], both["title"]) == (True, None, "批注")
    assert both["counts"] == {"annotations": 5, "notes": 2, "orphaned": 0}
    assert service.context(ExportScope(doc_ids=(report,)), documents=[])["documents"] == []


def test_render_options_reach_the_template(library: Library, report: int) -> None:
    service = ExportService(library.db)
    scope = ExportScope(doc_ids=(report,))
    text = service.render(scope, "obsidian", exported=STAMP, script="traditional", lang="en",
                          include_notes=False)  # fmt: skip
    assert "> [!quote] Data" not in text and "> [!quote] 数据\n> 推動城市高質量發展" in text
    assert "> [!quote] Green (Underline)" in text and "核心目标" not in text
    assert f'exported: "{STAMP}"' in text
    plain = service.markdown_for(scope, STAMP, "traditional")
    assert plain.startswith('---\ntitle: "城市工作報告"')


def test_where_markdown_files_go(library: Library, report: int, add_doc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    other = add_doc(OTHER, "other.md")
    library.annotations.create_from_quote(other, "稳步推进")
    service = ExportService(library.db)
    folder = tmp_path / "new" / "notes"
    result = service.export_markdown(ExportScope(all=True), folder, STAMP, lang="en")
    assert sorted(p.name for p in result.files) == ["另一份报告.md", "城市工作报告.md"]
    assert (result.documents, result.annotations) == (2, 5)
    text = (folder / "城市工作报告.md").read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "城市工作报告"\n') and "· Yellow ·" in text
    assert f'exported: "{STAMP}"' in text
    assert "## 另一份报告" not in text
    one = service.export_markdown(ExportScope(all=True), tmp_path / "ALL.Markdown", STAMP)
    assert one.files == [tmp_path / "ALL.Markdown"] and one.documents == 2
    into = service.export_markdown(ExportScope(doc_ids=(other,)), folder, STAMP,
                                   include_notes=False, template="logseq")  # fmt: skip
    assert into.files == [folder / "另一份报告.md"]
    assert (folder / "另一份报告.md").read_text(encoding="utf-8").startswith("title:: 另一份报告")
    single = service.export_markdown(ExportScope(doc_ids=(report,)), tmp_path / "x", STAMP,
                                     "traditional")  # fmt: skip
    assert single.files == [tmp_path / "x"] and (single.documents, single.annotations) == (1, 4)
    assert "城市工作報告" in (tmp_path / "x").read_text(encoding="utf-8")


def test_folder_exports_refuse_files_and_unknown_templates(
    library: Library, report: int, tmp_path: Path
) -> None:
    service = ExportService(library.db)
    file = tmp_path / "notes"
    file.write_text("mine", encoding="utf-8")
    with pytest.raises(UsageError) as error:
        service.export_markdown(ExportScope(all=True), file)
    assert str(error.value) == f"{file} is a file; --all writes one file per document to a folder"
    with pytest.raises(UsageError, match="no template 'nope'"):
        service.export_markdown(ExportScope(all=True), tmp_path / "out", template="nope")
    with pytest.raises(UsageError, match="no template 'nope'"):
        service.export_markdown(ExportScope(doc_ids=(report,)), tmp_path / "o.md", template="nope")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "notes", "src"]


def test_a_folder_export_replaces_its_own_files_only(
    library: Library, report: int, tmp_path: Path
) -> None:
    service = ExportService(library.db)
    folder = tmp_path / "out"
    folder.mkdir()
    ours = folder / "城市工作报告.md"
    ours.write_text(f"---\ntitle: old\ndoc_id: {report}\n---\n\nold\n", encoding="utf-8")
    (folder / "城市工作报告 (1).md").write_text(f"---\ndoc_id: {report + 1}\n---\n", "utf-8")
    assert service.export_markdown(ExportScope(all=True), folder, STAMP).files == [ours]
    assert "推动城市高质量发展" in ours.read_text(encoding="utf-8")
    ours.write_text("# 我的笔记\n\ndoc_id: 1\n", encoding="utf-8")  # no front matter: not ours
    (folder / "城市工作报告 (1).md").unlink()
    result = service.export_markdown(ExportScope(all=True), folder, STAMP)
    assert result.files == [folder / "城市工作报告 (1).md"]
    assert ours.read_text(encoding="utf-8") == "# 我的笔记\n\ndoc_id: 1\n"


@pytest.mark.parametrize(
    ("name", "markdown"),
    [("a.md", True), ("a.MD", True), ("a.markdown", True), ("a.txt", True), ("a", False),
     ("a.json", False), ("md", False)],
)  # fmt: skip
def test_is_markdown_name(name: str, markdown: bool) -> None:
    assert is_markdown_name(Path(name)) is markdown


def backup(library: Library, tmp_path: Path, script: str = "as-written") -> dict:  # type: ignore[type-arg]
    path = tmp_path / f"backup-{script}.json"
    ExportService(library.db).export_json(ExportScope(all=True), path, STAMP, script)
    assert path.read_text(encoding="utf-8").endswith("}\n")
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_json_backup_holds_the_trash_and_says_its_script(
    library: Library, report: int, tmp_path: Path
) -> None:
    data = backup(library, tmp_path)
    assert (data["generator"], data["generated"]) == (f"pizhu {__version__}", STAMP)
    assert "pizhu:script" not in data
    assert [i["pizhu:deleted"] is not None for i in data["first"]["items"]].count(True) == 1
    assert data["total"] == 5 and data["pizhu:documents"][0]["tags"] == ["政策/城市"]
    labels = {c["key"]: c["label"] for c in data["pizhu:colors"]}
    assert labels["blue"] == "数据"
    assert data["pizhu:documents"][0]["title"] == "城市工作报告"
    converted = backup(library, tmp_path, "traditional")
    assert converted["pizhu:script"] == "traditional"
    assert converted["pizhu:documents"][0]["title"] == "城市工作報告"
    exact = [i["target"]["selector"][0]["exact"] for i in converted["first"]["items"]]
    assert "推動城市高質量發展" in exact
    report_ = ExportService(library.db).export_json(ExportScope(doc_ids=(report,)), tmp_path / "b")
    assert (report_.documents, report_.annotations, report_.files) == (1, 5, [tmp_path / "b"])


def restore(path: Path, into: Path, text: str = REPORT, name: str = "report.md"):  # type: ignore[no-untyped-def]
    fresh = Library.open(into / "data")
    src = into / "src" / name
    src.parent.mkdir(parents=True, exist_ok=True)
    src.write_text(text, encoding="utf-8")
    fresh.importer().import_paths([src])
    return fresh, ExportService(fresh.db).import_json(path)


def test_restoring_a_backup(library: Library, report: int, tmp_path: Path) -> None:
    data = backup(library, tmp_path)
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    fresh, result = restore(path, tmp_path / "one")
    try:
        assert result.as_json() == {
            "imported": 5, "existing": 0, "unmatched": 0, "moved": 0, "changed": 0, "orphaned": 0,
        }  # fmt: skip
        assert fresh.colors.labels()["blue"] == "数据"
        assert fresh.tags.document_tags(1) == ["政策/城市"]
        assert result.changes.annotations == {1} and result.changes.tags
        restored = {a.uuid: a for a in fresh.annotations.list()}
        for ann in library.annotations.list():
            copy = restored[ann.uuid]
            assert (copy.start, copy.quote, copy.color, copy.style, copy.note, copy.tags) == (
                ann.start, ann.quote, ann.color, ann.style, ann.note, ann.tags,
            )  # fmt: skip
            assert (copy.created, copy.updated) == (ann.created, ann.updated)
        assert len(fresh.annotations.list(trashed=True)) == 1
        again = ExportService(fresh.db).import_json(path)
        assert (again.imported, again.existing) == (0, 5)
        assert not again.changes.annotations
    finally:
        fresh.close()


def test_restoring_into_a_changed_text(library: Library, report: int, tmp_path: Path) -> None:
    data = backup(library, tmp_path)
    for item in data["first"]["items"]:
        item["target"]["source"] = "urn:sha256:0000"  # matched by title instead
    data["first"]["items"][0]["pizhu:color"] = "teal"
    data["first"]["items"][0]["pizhu:style"] = "wavy"
    data["pizhu:colors"] = [
        {"key": "blue", "label": "数据"}, {"key": "green", "label": "数据"},
        {"key": "pink", "label": 3}, {"key": "nope", "label": "x"},
        {"key": "purple", "label": "紫"},
    ]  # fmt: skip
    data["pizhu:documents"][0]["tags"] = ["新", 5]
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    edited = "# 城市工作报告\n\n前言一段。\n\n" + REPORT.split("\n", 2)[2].replace(
        "推进城市更新行动", "推进城市更新工作"
    ).replace("完整准确全面贯彻新发展理念", "")
    fresh, result = restore(path, tmp_path / "two", edited, "renamed.md")
    try:
        assert (result.imported, result.moved, result.changed, result.orphaned) == (5, 2, 1, 1)
        labels = fresh.colors.labels()
        assert (labels["blue"], labels["green"]) == ("数据", "绿色")  # a clash keeps the old
        assert (labels["pink"], labels["purple"]) == ("粉色", "紫")
        assert fresh.tags.document_tags(1) == ["新"]
        first = fresh.annotations.get(data["first"]["items"][0]["id"].removeprefix("urn:uuid:"))
        assert (first.color, first.style) == ("yellow", "highlight")
        (orphan,) = fresh.annotations.list(orphaned=True)
        assert orphan.quote == "完整准确全面贯彻新发展理念"
        assert 0 <= orphan.start < orphan.end <= len(fresh.documents.text(1))
        assert orphan.end - orphan.start == len(orphan.quote)
    finally:
        fresh.close()


def test_a_backup_in_another_script_is_placed_in_the_librarys_own(
    library: Library, report: int, tmp_path: Path
) -> None:
    backup(library, tmp_path, "traditional")
    fresh, result = restore(tmp_path / "backup-traditional.json", tmp_path / "three")
    try:
        assert (result.imported, result.moved, result.changed, result.orphaned) == (5, 0, 0, 0)
        assert sorted(a.quote for a in fresh.annotations.list()) == sorted(
            a.quote for a in library.annotations.list()
        )
    finally:
        fresh.close()


def test_unmatched_items_and_unreadable_backups(library: Library, tmp_path: Path) -> None:
    service = ExportService(library.db)
    path = tmp_path / "b.json"
    item = {"id": "urn:uuid:u", "target": {"selector": {"type": "TextQuoteSelector", "exact": "x"}},
            "pizhu:document": {"title": "没有这份"}}  # fmt: skip
    path.write_text(json.dumps([item]), encoding="utf-8")
    assert service.import_json(path).unmatched == 1
    missing = tmp_path / "missing.json"
    with pytest.raises(PizhuError) as error:
        service.import_json(missing)
    assert str(error.value) == f"cannot read {missing}: No such file or directory"
    with pytest.raises(PizhuError) as error:
        service.import_json(tmp_path)
    assert str(error.value) == f"cannot read {tmp_path}: not a regular file"
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(PizhuError, match="not a regular file"):
        service.import_json(fifo)
    path.write_bytes(b"\xff\xfe{}")
    with pytest.raises(PizhuError, match=r"b\.json is not a JSON file: 'utf-8' codec"):
        service.import_json(path)
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(PizhuError) as error:
        service.import_json(path)
    assert str(error.value) == f"{path} is not a backup: its JSON is nested too deeply"


def test_write_atomic(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    write_atomic(link, "新\n")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "新\n"
    # Not a regular file: written into, never renamed over. A FIFO of our own, not a
    # device of the machine's (a mutant that renamed over /dev/null destroyed it).
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_atomic(fifo, "管道")
        assert fifo.is_fifo() and os.read(reader, 64) == "管道".encode()
    finally:
        os.close(reader)
    with pytest.raises(UsageError) as error:
        write_atomic(tmp_path, "x")
    assert str(error.value) == f"cannot write {tmp_path}: it is a folder"
    nowhere = tmp_path / "no" / "x.md"
    with pytest.raises(PizhuError) as error:
        write_atomic(nowhere, "x")
    assert str(error.value) == f"cannot write {nowhere}: no such folder {nowhere.parent}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md", "pipe", "real.md"]
    crlf = tmp_path / "crlf.md"
    write_atomic(crlf, "a\nb")
    assert crlf.read_bytes() == b"a\nb"
