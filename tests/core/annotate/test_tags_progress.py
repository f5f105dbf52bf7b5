"""Hierarchical tags (rename, merge, counts, document tags) and reading progress."""

from __future__ import annotations

import pytest

from reader.core.annotate.tags import normalise_tag
from reader.errors import NotFoundError, UsageError
from tests.core.annotate.conftest import REPORT


def tag_table(library) -> list[tuple[str, int, int, int]]:  # type: ignore[no-untyped-def]
    return [(t.name, t.annotations, t.documents, t.total) for t in library.tags.list()]


def test_normalise_tag() -> None:
    assert normalise_tag("  #城市 / 更新  ") == "城市/更新"
    assert normalise_tag("a  b") == "a b"
    for bad in ("", "#", "a//b", "/a", "a/", "a\nb", "\udcff"):
        with pytest.raises(UsageError):
            normalise_tag(bad)


def test_counts_include_implied_parents_and_skip_the_trash(library, add_doc) -> None:
    doc = add_doc(REPORT)
    a, _ = library.annotations.create(doc, 10, 20, tags=["城市/更新", "城市"])
    library.annotations.create(doc, 30, 40, tags=["城市/治理"])
    gone, _ = library.annotations.create(doc, 50, 60, tags=["城市/更新"])
    library.annotations.delete(gone.id)
    library.tags.tag_document(doc, ["政策"])
    assert tag_table(library) == [
        ("城市", 1, 0, 2),
        ("城市/更新", 1, 0, 1),
        ("城市/治理", 1, 0, 1),
        ("政策", 0, 1, 0),
    ]
    assert library.tags.document_tags(doc) == ["政策"]
    library.tags.untag_document(doc, ["政策"])
    assert library.tags.document_tags(doc) == []
    assert a.tags == ("城市", "城市/更新")


def test_rename_carries_children_and_merges(library, add_doc) -> None:
    doc = add_doc(REPORT)
    a, _ = library.annotations.create(doc, 10, 20, tags=["城市/更新"])
    b, _ = library.annotations.create(doc, 30, 40, tags=["城镇/更新", "城市"])
    library.tags.tag_document(doc, ["城市"])
    changes = library.tags.rename("城市", "城镇")
    assert changes.tags and changes.annotations == {doc}
    assert library.annotations.get(a.id).tags == ("城镇/更新",)
    assert library.annotations.get(b.id).tags == ("城镇", "城镇/更新")
    assert library.tags.document_tags(doc) == ["城镇"]
    assert [t.name for t in library.tags.list()] == ["城镇", "城镇/更新"]
    with pytest.raises(NotFoundError):
        library.tags.rename("城市", "x")


def test_rename_into_own_subtree(library, add_doc) -> None:
    doc = add_doc(REPORT)
    a, _ = library.annotations.create(doc, 10, 20, tags=["a", "a/b"])
    library.tags.rename("a", "a/b")
    assert library.annotations.get(a.id).tags == ("a/b", "a/b/b")


def test_merge_and_delete(library, add_doc) -> None:
    doc = add_doc(REPORT)
    a, _ = library.annotations.create(doc, 10, 20, tags=["经济", "economy"])
    library.tags.merge(["economy", "经济"], "经济/发展")
    assert library.annotations.get(a.id).tags == ("经济/发展",)
    library.tags.delete("经济/发展")
    assert library.annotations.get(a.id).tags == ()


def test_progress(library, add_doc) -> None:
    one = add_doc(REPORT, "one.md")
    two = add_doc(REPORT + "\n附言。\n", "two.txt")
    assert library.progress.get(one).as_json() == {
        "doc_id": one, "offset": 0, "percent": 0.0, "last_opened": None,
    }  # fmt: skip
    chars = len(library.documents.text(two))
    progress, changes = library.progress.set(two, chars // 2)
    assert progress.percent == pytest.approx(50, abs=1) and progress.last_opened
    assert changes.progress == {two}
    assert [p.doc_id for p in library.progress.recent()] == [two, one]
    library.db.execute("UPDATE progress SET last_opened = '2000-01-01' WHERE doc_id = ?", [two])
    library.progress.mark_opened(one)
    assert [p.doc_id for p in library.progress.recent()] == [one, two]
    with pytest.raises(UsageError, match="outside"):
        library.progress.set(one, chars + 100)
    with pytest.raises(NotFoundError):
        library.progress.get(99)
