"""Status values are enums in Python and the same plain strings in SQLite and in JSON."""

from __future__ import annotations

import json

from reader.core.annotate.anchoring import Anchor, PlacementKind, locate
from reader.core.annotate.annotations import AnnotationStatus
from reader.core.ingest.importer import ImportStatus
from tests.core.annotate.conftest import REPORT

LOST = "统筹城市规划建设管理"


def test_an_orphan_reads_back_as_the_enum_and_is_stored_and_shown_as_text(
    library, add_doc, reimport
) -> None:
    doc = add_doc(REPORT)
    ann, _ = library.annotations.create_from_quote(doc, LOST)
    assert ann.status is AnnotationStatus.OK
    result = reimport(REPORT.replace(LOST, "完全不同的文字内容"))
    assert result.status is ImportStatus.UPDATED
    assert json.dumps(result.details) == '{"moved": 0, "changed": 0, "orphaned": 1}'
    orphan = library.annotations.get(ann.id)
    assert orphan.status is AnnotationStatus.ORPHANED and orphan.orphaned
    stored = library.db.execute(
        "SELECT status, typeof(status) FROM annotations WHERE id = ?", [ann.id]
    ).fetchone()
    assert tuple(stored) == ("orphaned", "text")
    assert json.loads(json.dumps(orphan.as_json()))["status"] == "orphaned"


def test_import_statuses_keep_their_json_words(library, add_doc, reimport) -> None:
    add_doc(REPORT)
    again = reimport(REPORT)
    assert again.status is ImportStatus.UNCHANGED
    assert json.loads(json.dumps(again.as_json()))["status"] == "unchanged"
    assert [s.value for s in ImportStatus] == [
        "imported", "updated", "unchanged", "duplicate", "skipped"
    ]  # fmt: skip


def test_placement_kinds_are_the_words_of_the_reanchoring_counts() -> None:
    text = "一二三四五六七八九十"
    assert locate(Anchor(2, 4, "三四", "一二", "五六"), text).kind is PlacementKind.UNCHANGED
    assert locate(Anchor(2, 4, "三四", "", ""), "零" + text, 3).kind is PlacementKind.MOVED
    assert locate(Anchor(0, 2, "甲乙", "", ""), text).kind is PlacementKind.ORPHANED
    assert {k.value for k in PlacementKind} == {"unchanged", "moved", "changed", "orphaned"}
