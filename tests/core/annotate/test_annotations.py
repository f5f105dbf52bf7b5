"""AnnotationService: what each call reports back (Changes), its JSON, and how it is looked up.

test_service.py covers what the calls store; these pin down the parts the views and the
CLI read: a delete that forgets ``tags`` leaves the tag counts stale, a lookup that turns
``urn:uuid:`` references or huge ids into errors breaks scripts that pass them through.
"""

from __future__ import annotations

import pytest

from reader.core.storage.db import SQLITE_INT_MAX
from reader.errors import NotFoundError, UsageError
from tests.core.annotate.conftest import REPORT

JSON_KEYS = [
    "id", "uuid", "doc_id", "start", "end", "quote", "prefix", "suffix", "color", "style",
    "note", "tags", "status", "created", "updated", "deleted",
]  # fmt: skip


def test_json_has_every_field_under_its_documented_name(library, add_doc) -> None:
    doc = add_doc(REPORT)
    ann, _ = library.annotations.create(doc, 0, 7, note="要点", tags=["城市"], color="blue")
    data = ann.as_json()
    assert list(data) == JSON_KEYS
    assert data["id"] == ann.id and data["uuid"] == ann.uuid and data["doc_id"] == doc
    assert (data["start"], data["end"], data["quote"]) == (0, 7, ann.quote)
    assert (data["prefix"], data["suffix"]) == ("", ann.suffix)
    assert (data["color"], data["style"], data["note"]) == ("blue", "highlight", "要点")
    assert data["tags"] == ["城市"] and data["status"] == "ok"
    assert data["created"] == ann.created and data["updated"] == ann.updated
    assert data["deleted"] is None


def test_lookup_by_id_text_uuid_and_urn(library, add_doc) -> None:
    doc = add_doc(REPORT)
    ann, _ = library.annotations.create(doc, 0, 7)
    service = library.annotations
    assert service.get(str(ann.id)) == ann
    assert service.get(f" {ann.id} ") == ann
    assert service.get(ann.uuid) == ann
    assert service.get(f"urn:uuid:{ann.uuid}") == ann


def test_references_no_annotation_can_have_are_not_found_not_errors(library, add_doc) -> None:
    doc = add_doc(REPORT)
    library.annotations.create(doc, 0, 7)
    service = library.annotations
    for ref in (0, -1, SQLITE_INT_MAX + 1, "0", str(SQLITE_INT_MAX + 1), "\udcff", "nope"):
        with pytest.raises(NotFoundError):
            service.get(ref)
    with pytest.raises(NotFoundError, match="no annotation with that id"):
        service.get(SQLITE_INT_MAX + 1)
    with pytest.raises(NotFoundError, match="no annotation 99999"):
        service.get(99999)
    with pytest.raises(NotFoundError, match="no annotation nope"):
        service.get("nope")
    with pytest.raises(NotFoundError) as long_ref:
        service.get("x" * 100)
    assert str(long_ref.value) == "no annotation " + "x" * 60


def test_the_largest_id_sqlite_can_hold_is_looked_up(library, add_doc) -> None:
    doc = add_doc(REPORT)
    ann, _ = library.annotations.create(doc, 0, 7, uuid="big")
    library.db.execute("UPDATE annotations SET id = ? WHERE id = ?", [SQLITE_INT_MAX, ann.id])
    assert library.annotations.get(SQLITE_INT_MAX).uuid == "big"
    assert library.annotations.get(str(SQLITE_INT_MAX)).uuid == "big"


def test_creating_reports_the_document_and_tags_only_when_tagged(library, add_doc) -> None:
    doc = add_doc(REPORT)
    _, plain = library.annotations.create(doc, 0, 7)
    assert plain.annotations == {doc} and not plain.tags
    _, tagged = library.annotations.create_from_quote(doc, "城市", tags=["城市"])
    assert tagged.annotations == {doc} and tagged.tags


def test_a_span_up_to_the_end_of_the_text_can_be_annotated(library, add_doc) -> None:
    doc = add_doc(REPORT)
    text = library.documents.text(doc)
    ann, _ = library.annotations.create(doc, len(text) - 5, len(text))
    assert ann.quote == text[-5:] and ann.suffix == ""
    with pytest.raises(UsageError, match="blank space"):
        library.annotations.create(doc, text.index("\n"), text.index("\n") + 1)


def test_create_from_quote_refuses_empty_quotes_and_bad_occurrences(library, add_doc) -> None:
    doc = add_doc(REPORT)
    with pytest.raises(UsageError, match="the quote is empty"):
        library.annotations.create_from_quote(doc, "")
    with pytest.raises(UsageError, match="occurrence counts from 1"):
        library.annotations.create_from_quote(doc, "城市", occurrence=0)


def test_editing_reports_tags_only_when_tags_changed(library, add_doc) -> None:
    doc = add_doc(REPORT)
    ann, _ = library.annotations.create(doc, 0, 7, tags=["城市"])
    edited, changes = library.annotations.update(ann.id, note="新的批注")
    assert edited.note == "新的批注" and edited.updated >= ann.updated
    assert changes.annotations == {doc} and not changes.tags
    added, changes = library.annotations.update(ann.id, add_tags=["政策"])
    assert added.tags == ("城市", "政策") and changes.tags
    removed, changes = library.annotations.update(ann.id, remove_tags=["城市"])
    assert removed.tags == ("政策",) and changes.tags
    with pytest.raises(UsageError, match="note"):
        library.annotations.update(ann.id, note="a\x00b")


def test_a_tag_edit_alone_marks_the_annotation_updated(library, add_doc) -> None:
    doc = add_doc(REPORT)
    ann, _ = library.annotations.create(doc, 0, 7)
    library.db.execute("UPDATE annotations SET updated_at = '2000-01-01' WHERE id = ?", [ann.id])
    removed, _ = library.annotations.update(ann.id, remove_tags=["没有"])
    assert removed.updated != "2000-01-01"
    library.db.execute("UPDATE annotations SET updated_at = '2000-01-01' WHERE id = ?", [ann.id])
    same, _ = library.annotations.update(ann.id)
    assert same.updated == "2000-01-01"  # nothing given, nothing changed


def test_trash_restore_and_purge_report_the_document_and_its_tags(library, add_doc) -> None:
    doc = add_doc(REPORT)
    tagged, _ = library.annotations.create(doc, 0, 7, tags=["城市"])
    plain, _ = library.annotations.create(doc, 10, 20)
    deleted = library.annotations.delete(tagged.id)
    assert deleted.annotations == {doc} and deleted.tags
    assert not library.annotations.delete(plain.id).tags
    restored, changes = library.annotations.restore(tagged.id)
    assert restored.deleted is None and changes.annotations == {doc} and changes.tags
    with pytest.raises(UsageError, match=f"annotation {tagged.id} is not in the trash"):
        library.annotations.restore(tagged.id)
    library.annotations.delete(tagged.id)
    purged = library.annotations.purge(tagged.id)
    assert purged.annotations == {doc} and purged.tags
    emptied = library.annotations.empty_trash()
    assert emptied.annotations == {doc} and emptied.tags
    assert library.annotations.empty_trash() == type(emptied)()


def test_listing_by_several_documents(library, add_doc) -> None:
    one = add_doc(REPORT, "one.md")
    two = add_doc(REPORT + "\n二。\n", "two.md")
    three = add_doc(REPORT + "\n三。\n", "three.md")
    for doc in (one, two, three):
        library.annotations.create(doc, 0, 7)
    listed = library.annotations.list(doc_ids=[one, three])
    assert sorted(a.doc_id for a in listed) == [one, three]
    assert [a.doc_id for a in library.annotations.list_for_document(two)] == [two]
    with pytest.raises(NotFoundError, match="no document with id 99"):
        library.annotations.list_for_document(99)


def test_the_text_cache_follows_a_reimported_document(library, add_doc, reimport) -> None:
    doc = add_doc(REPORT)
    library.annotations.create(doc, 0, 7)
    reimport("新的开头。\n\n" + REPORT)
    text = library.documents.text(doc)
    ann, _ = library.annotations.create(doc, 0, 5)
    assert ann.quote == text[:5] == "新的开头。"


def test_an_orphan_keeps_its_length_near_where_it_was(library, add_doc, reimport) -> None:
    doc = add_doc(REPORT)
    text = library.documents.text(doc)
    start = text.index("推进城市更新行动")
    ann, _ = library.annotations.create(doc, start, start + 8)
    result = reimport("全新的内容。" * 3 + "\n")
    assert result.details["orphaned"] == 1
    orphan = library.annotations.get(ann.id)
    new_len = len(library.documents.text(doc))
    assert orphan.status == "orphaned" and orphan.quote == "推进城市更新行动"
    assert orphan.prefix == ann.prefix and orphan.suffix == ann.suffix
    assert orphan.start == min(start, new_len - 1)
    assert orphan.end == min(new_len, orphan.start + 8)


def test_a_moved_annotation_near_the_start_gets_its_new_context(library, add_doc, reimport) -> None:
    doc = add_doc(REPORT)
    ann, _ = library.annotations.create(doc, 2, 6)
    reimport("一" + REPORT)
    moved = library.annotations.get(ann.id)
    text = library.documents.text(doc)
    assert moved.quote == ann.quote and 0 < moved.start < 32 and moved.start != ann.start
    assert moved.prefix == text[: moved.start]
