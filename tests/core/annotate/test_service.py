"""AnnotationService: create, validate, edit, trash/restore/purge, list and filter."""

from __future__ import annotations

import pytest

from reader.errors import NotFoundError, UsageError
from tests.core.annotate.conftest import REPORT


def count(library) -> int:  # type: ignore[no-untyped-def]
    return library.db.execute("SELECT count(*) FROM annotations").fetchone()[0]


def test_create_stores_quote_context_and_tags(library, add_doc) -> None:
    doc = add_doc(REPORT)
    text = library.documents.text(doc)
    start = text.index("推动城市高质量发展")
    ann, changes = library.annotations.create(
        doc, start, start + 9, color="blue", style="underline", note="**要点**",
        tags=["城市/更新", " #政策 "],
    )  # fmt: skip
    assert ann.quote == "推动城市高质量发展"
    assert ann.prefix == text[start - 32 : start] and len(ann.prefix) == 32
    assert ann.suffix == text[start + 9 : start + 41] and len(ann.suffix) == 32
    assert (ann.color, ann.style, ann.note, ann.status) == ("blue", "underline", "**要点**", "ok")
    assert ann.tags == ("城市/更新", "政策")
    assert len(ann.uuid) == 36 and ann.created == ann.updated and ann.deleted is None
    assert changes.annotations == {doc} and changes.tags
    assert library.annotations.get(ann.id) == ann == library.annotations.get(ann.uuid)


def test_context_is_shorter_at_the_edges(library, add_doc) -> None:
    doc = add_doc(REPORT)
    ann, _ = library.annotations.create(doc, 0, 4)
    assert ann.prefix == "" and ann.quote == "城市工作"


def test_create_from_quote_and_occurrence(library, add_doc) -> None:
    doc = add_doc(REPORT)
    text = library.documents.text(doc)
    second = text.index("城市", text.index("城市") + 1)
    ann, _ = library.annotations.create_from_quote(doc, "城市", occurrence=2)
    assert ann.start == second
    with pytest.raises(NotFoundError, match=r"occurs 7 time\(s\) in document 1, not 10"):
        library.annotations.create_from_quote(doc, "城市", occurrence=10)
    with pytest.raises(NotFoundError, match="not found"):
        library.annotations.create_from_quote(doc, "不存在的话")


def test_overlapping_annotations_are_allowed(library, add_doc) -> None:
    doc = add_doc(REPORT)
    library.annotations.create(doc, 10, 20)
    library.annotations.create(doc, 15, 25)
    library.annotations.create(doc, 10, 20, color="green")
    assert [(a.start, a.end) for a in library.annotations.list_for_document(doc)] == [
        (10, 20), (10, 20), (15, 25),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [(5, 5, "empty or outside"), (7, 3, "empty or outside"), (-1, 3, "outside"),
     (0, 10_000, "outside"), (6, 8, "blank space")],
)  # fmt: skip
def test_bad_spans_are_refused(library, add_doc, start, end, message) -> None:
    doc = add_doc(REPORT)
    with pytest.raises(UsageError, match=message):
        library.annotations.create(doc, start, end)
    assert count(library) == 0


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"note": "bad \udcff bytes"}, "note is not valid text"),
        ({"note": "nul \x00 here"}, "control characters"),
        ({"color": "orange"}, "unknown colour"),
        ({"style": "squiggly"}, "unknown style"),
        ({"tags": ["ok", "城市//更新"]}, "empty level"),
        ({"tags": ["ok", ""]}, "empty"),
    ],
)
def test_bad_fields_are_refused_and_nothing_is_written(library, add_doc, fields, message) -> None:
    doc = add_doc(REPORT)
    with pytest.raises(UsageError, match=message):
        library.annotations.create(doc, 10, 20, **fields)
    assert count(library) == 0
    assert library.db.execute("SELECT count(*) FROM tags").fetchone()[0] == 0


def test_unknown_document(library) -> None:
    with pytest.raises(NotFoundError, match="no document with id 9"):
        library.annotations.create(9, 0, 1)


def test_colour_by_label(library, add_doc) -> None:
    doc = add_doc(REPORT)
    library.colors.set_label("blue", "数据")
    ann, _ = library.annotations.create(doc, 10, 20, color="数据")
    assert ann.color == "blue"
    assert library.colors.labels()["blue"] == "数据"
    with pytest.raises(UsageError, match="already used"):
        library.colors.set_label("green", "数据")


def test_note_newlines_are_normalised(library, add_doc) -> None:
    doc = add_doc(REPORT)
    ann, _ = library.annotations.create(doc, 10, 20, note="一\r\n二\r三")
    assert ann.note == "一\n二\n三"


def test_update_changes_only_what_is_given(library, add_doc) -> None:
    doc = add_doc(REPORT)
    ann, _ = library.annotations.create(doc, 10, 20, note="旧", tags=["a", "b"])
    edited, changes = library.annotations.update(
        ann.id, color="pink", add_tags=["c/d"], remove_tags=["a"]
    )
    assert (edited.note, edited.color, edited.tags) == ("旧", "pink", ("b", "c/d"))
    assert changes.annotations == {doc} and changes.tags
    edited, _ = library.annotations.update(ann.uuid, note="", style="underline")
    assert (edited.note, edited.style) == ("", "underline")
    with pytest.raises(UsageError):
        library.annotations.update(ann.id, note="x", color="nope")
    assert library.annotations.get(ann.id).note == ""


def test_trash_restore_purge(library, add_doc) -> None:
    doc = add_doc(REPORT)
    ann, _ = library.annotations.create(doc, 10, 20, tags=["t"])
    library.annotations.delete(ann.id)
    assert library.annotations.list_for_document(doc) == []
    assert [a.id for a in library.annotations.list(trashed=True)] == [ann.id]
    assert library.tags.list()[0].total == 0
    with pytest.raises(UsageError, match="already in the trash"):
        library.annotations.delete(ann.id)
    restored, _ = library.annotations.restore(ann.id)
    assert restored == ann
    with pytest.raises(UsageError, match="not in the trash"):
        library.annotations.purge(ann.id)
    library.annotations.delete(ann.id)
    library.annotations.purge(ann.id)
    with pytest.raises(NotFoundError):
        library.annotations.get(ann.id)


def test_empty_trash(library, add_doc) -> None:
    doc = add_doc(REPORT)
    keep, _ = library.annotations.create(doc, 10, 20)
    gone, _ = library.annotations.create(doc, 30, 40)
    library.annotations.delete(gone.id)
    assert library.annotations.empty_trash().annotations == {doc}
    assert [a.id for a in library.annotations.list()] == [keep.id]


def test_list_filters(library, add_doc) -> None:
    one = add_doc(REPORT, "one.md")
    two = add_doc(REPORT + "\n补充。\n", "two.md")
    a, _ = library.annotations.create(one, 10, 20, tags=["城市/更新"], color="blue")
    b, _ = library.annotations.create(two, 10, 20, tags=["城市"])
    c, _ = library.annotations.create(two, 30, 40, tags=["城市更新"])
    ids = lambda found: [x.id for x in found]  # noqa: E731
    assert ids(library.annotations.list()) == [a.id, b.id, c.id]
    assert ids(library.annotations.list(tag="城市")) == [a.id, b.id]  # subtree, not prefix
    assert ids(library.annotations.list(tag="城市/更新")) == [a.id]
    assert ids(library.annotations.list(color="蓝色")) == [a.id]
    assert ids(library.annotations.list(doc_ids=[two], tag="城市")) == [b.id]
    assert ids(library.annotations.list(orphaned=True)) == []


def test_deleting_the_document_removes_its_annotations(library, add_doc) -> None:
    doc = add_doc(REPORT)
    library.annotations.create(doc, 10, 20, tags=["t"])
    library.documents.delete(doc)
    assert count(library) == 0


def test_check_reports_annotations_that_lost_their_text(library, add_doc) -> None:
    from reader.core.check import check_database

    doc = add_doc(REPORT)
    ann, _ = library.annotations.create(doc, 10, 20)
    assert check_database(library.db) == []
    library.db.execute("UPDATE annotations SET quote = 'x' WHERE id = ?", [ann.id])
    assert check_database(library.db) == [
        f"annotation {ann.id} of document {doc}: 10..20 does not match its quote"
    ]


def test_in_range_for_painting_and_cursor(library, add_doc) -> None:
    doc = add_doc(REPORT)
    a, _ = library.annotations.create(doc, 10, 20)
    b, _ = library.annotations.create(doc, 15, 25)
    c, _ = library.annotations.create(doc, 40, 45)
    library.annotations.delete(c.id)
    ids = lambda found: [x.id for x in found]  # noqa: E731
    assert ids(library.annotations.in_range(doc, 0, 12)) == [a.id]
    assert ids(library.annotations.in_range(doc, 19, 50)) == [a.id, b.id]
    assert ids(library.annotations.in_range(doc, 20, 20)) == [b.id]
    assert ids(library.annotations.in_range(doc, 25, 40)) == []
