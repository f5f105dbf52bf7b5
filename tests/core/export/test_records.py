"""The export model templates see: every field of a document's and an annotation's record."""

from __future__ import annotations

from dataclasses import replace

from reader.core.annotate.annotations import Annotation, AnnotationStatus
from reader.core.export.markdown import ExportDocument
from reader.core.export.records import (
    DocumentMeta,
    Heading,
    block_id,
    document_record,
    link_text,
)
from reader.core.ingest.model import OutlineEntry, Page

OUTLINE = (
    OutlineEntry(1, "报告", 0),
    OutlineEntry(2, "第三部分", 10),
    OutlineEntry(3, "（一）", 20),
    OutlineEntry(3, "（二）", 30),
    OutlineEntry(2, "第四部分", 40),
)
PAGES = (Page("11", 0), Page("12", 25))
DOC = ExportDocument(7, "报告", "/src/报告.pdf", ("政策",), OUTLINE, PAGES)
META = DocumentMeta(
    authors=("国务院",), date="2024-03-05", source_url="https://example.com/r", site="example.com",
    language="zh", format="pdf", chars=1234, collections=("报告/2024",),
)  # fmt: skip


def ann(id: int, start: int, **fields: object) -> Annotation:
    created, updated = f"2024-03-0{id}T00:00:00+00:00", f"2024-04-0{id}T00:00:00+00:00"
    base = Annotation(id, f"{id:04x}abcd-ef01-2345", 7, start, start + 2, "引文", "前", "后",
                      "yellow", "highlight", "", AnnotationStatus.OK, created, updated,
                      None)  # fmt: skip
    return replace(base, **fields)  # type: ignore[arg-type]


LABELS = {"yellow": "黄色", "blue": "重点"}
HEXES = {"yellow": "#ffe066"}


def test_block_ids_are_the_first_eight_hex_digits() -> None:
    assert block_id("1A2B-3C4D-5E6F-7a8b") == "pz-1a2b3c4d"
    assert block_id("ABCDEF0123") == "pz-abcdef01"


def test_the_document_record_carries_the_document_and_its_meta() -> None:
    record = document_record(DOC, META, [ann(1, 12)], LABELS, HEXES)
    assert (record.id, record.title, record.source, record.tags) == (
        7, "报告", "/src/报告.pdf", ("政策",),
    )  # fmt: skip
    assert (record.authors, record.date, record.source_url, record.site) == (
        ("国务院",), "2024-03-05", "https://example.com/r", "example.com",
    )  # fmt: skip
    assert (record.language, record.format, record.chars, record.collections) == (
        "zh", "pdf", 1234, ("报告/2024",),
    )  # fmt: skip
    assert record.link == "pizhu://open?doc=7"
    bare = document_record(replace(DOC, source=None), DocumentMeta(), [], LABELS, HEXES)
    assert bare.source == "" and bare.updated == "" and bare.annotations == ()
    assert bare.counts == {"annotations": 0, "notes": 0, "orphaned": 0}


def test_an_annotation_record_has_every_field() -> None:
    source = ann(2, 22, note=" 笔记 ", tags=("城市/更新",), style="underline")
    (record,) = document_record(DOC, META, [source], LABELS, HEXES).placed
    assert (record.id, record.uuid, record.block_id, record.doc_id) == (
        2, "0002abcd-ef01-2345", "pz-0002abcd", 7,
    )  # fmt: skip
    assert (record.start, record.end, record.quote, record.note, record.tags) == (
        22, 24, "引文", " 笔记 ", ("城市/更新",),
    )  # fmt: skip
    assert (record.color, record.color_label, record.color_hex, record.style) == (
        "yellow", "黄色", "#ffe066", "underline",
    )  # fmt: skip
    assert record.section_path == ("第三部分", "（一）") and record.section == "第三部分 › （一）"
    assert (record.page, record.link) == ("11", "pizhu://open?doc=7&pos=22")
    assert record.link_text == "第三部分 › （一） · p. 11"
    assert (record.created, record.updated, record.orphaned) == (
        "2024-03-02T00:00:00+00:00", "2024-04-02T00:00:00+00:00", False,
    )  # fmt: skip
    assert record.has_note


def test_unknown_colours_print_their_key_and_no_hex() -> None:
    (record,) = document_record(DOC, META, [ann(1, 12, color="teal")], LABELS, HEXES).placed
    assert (record.color_label, record.color_hex) == ("teal", "")
    (blue,) = document_record(DOC, META, [ann(1, 12, color="blue")], LABELS, HEXES).placed
    assert (blue.color_label, blue.color_hex) == ("重点", "")


def test_headings_open_where_the_reader_enters_a_section() -> None:
    anns = [ann(4, 41), ann(3, 32), ann(2, 22), ann(1, 12), ann(5, 23)]
    record = document_record(DOC, META, anns, LABELS, HEXES)
    assert [a.id for a in record.placed] == [1, 2, 5, 3, 4]
    assert [a.headings for a in record.placed] == [
        (Heading(0, "第三部分", 10, 0),),
        (Heading(1, "（一）", 20, 1),),
        (),
        (Heading(1, "（二）", 30, 1),),
        (Heading(0, "第四部分", 40, 0),),
    ]
    assert [a.link_text for a in record.placed] == [
        "第三部分 · p. 11",
        "第三部分 › （一） · p. 11",
        "第三部分 › （一） · p. 11",
        "第三部分 › （二） · p. 12",
        "第四部分 · p. 12",
    ]


def test_the_page_word_is_the_exports() -> None:
    (record,) = document_record(DOC, META, [ann(1, 26)], LABELS, HEXES, page_word="S.").placed
    assert record.link_text == "第三部分 › （一） · S. 12" and record.page == "12"


def test_orphans_come_last_without_section_or_page() -> None:
    lost = ann(3, 12, status=AnnotationStatus.ORPHANED, note="还在")
    record = document_record(DOC, META, [lost, ann(1, 22), ann(2, 5)], LABELS, HEXES)
    assert [a.id for a in record.placed] == [2, 1] and [a.id for a in record.orphans] == [3]
    assert [a.id for a in record.annotations] == [2, 1, 3]
    (orphan,) = record.orphans
    assert (orphan.section_path, orphan.page, orphan.headings) == ((), None, ())
    assert orphan.link_text == "报告" and orphan.orphaned
    assert record.counts == {"annotations": 3, "notes": 1, "orphaned": 1}
    assert record.updated == "2024-04-03T00:00:00+00:00"


def test_link_text() -> None:
    assert link_text(("一", "二"), "3", "题") == "一 › 二 · p. 3"
    assert link_text((), "3", "题", "第") == "第 3"
    assert link_text(("一",), None, "题") == "一"
    assert link_text((), None, "题") == "题"
    assert link_text((), "", "题") == "题"
