"""What tag operations report back (the Changes views refresh from) and the counts they show.

test_tags_progress.py covers what the operations do to the data; these check that each one
tells the views what changed — a rename or merge that forgets ``tags`` leaves the tag
tree stale, one that forgets a document leaves its annotation list showing old tags.
"""

from __future__ import annotations

import pytest

from reader.core.annotate.tags import TagInfo, normalise_tag
from reader.errors import NotFoundError, UsageError
from tests.core.annotate.conftest import REPORT


def test_a_bad_tag_name_is_refused_as_a_tag_name() -> None:
    with pytest.raises(UsageError, match="tag name"):
        normalise_tag("a\nb")
    with pytest.raises(UsageError, match="tag name"):
        normalise_tag("x" * 121)
    assert normalise_tag("x" * 120) == "x" * 120


def test_a_hash_before_the_name_is_dropped_but_not_inside_it() -> None:
    assert normalise_tag("##城市") == "城市"
    assert normalise_tag("C#") == "C#"


def test_tag_info_as_json_lists_its_counts() -> None:
    info = TagInfo("城市/更新", 2, 1, 3)
    assert info.as_json() == {"name": "城市/更新", "annotations": 2, "documents": 1, "total": 3}
    assert info.depth == 1


def test_an_implied_parent_level_is_listed_with_no_direct_uses(library, add_doc) -> None:
    doc = add_doc(REPORT)
    library.annotations.create(doc, 10, 20, tags=["城市/更新"])
    library.tags.tag_document(doc, ["城市/更新"])
    assert [t.as_json() for t in library.tags.list()] == [
        {"name": "城市", "annotations": 0, "documents": 0, "total": 1},
        {"name": "城市/更新", "annotations": 1, "documents": 1, "total": 1},
    ]


def test_merging_tags_reports_the_tag_tree_and_every_document_touched(library, add_doc) -> None:
    one = add_doc(REPORT, "one.md")
    two = add_doc(REPORT + "\n二。\n", "two.md")
    three = add_doc(REPORT + "\n三。\n", "three.md")
    library.annotations.create(one, 10, 20, tags=["经济"])
    library.annotations.create(two, 10, 20, tags=["economy"])
    library.annotations.create(three, 10, 20, tags=["其他"])
    changes = library.tags.merge(["经济", "economy"], "经济/发展")
    assert changes.tags
    assert changes.annotations == {one, two}
    assert [t.name for t in library.tags.list()] == ["其他", "经济", "经济/发展"]


def test_merging_a_tag_into_itself_changes_nothing_but_still_refreshes_tags(
    library, add_doc
) -> None:
    doc = add_doc(REPORT)
    ann, _ = library.annotations.create(doc, 10, 20, tags=["经济"])
    changes = library.tags.merge(["经济"], "经济")
    assert changes.tags and changes.annotations == set()
    assert library.annotations.get(ann.id).tags == ("经济",)


def test_merging_keeps_document_tags_and_removes_the_source(library, add_doc) -> None:
    doc = add_doc(REPORT)
    library.tags.tag_document(doc, ["economy"])
    library.tags.merge(["economy"], "经济")
    assert library.tags.document_tags(doc) == ["经济"]
    with pytest.raises(NotFoundError, match="economy"):
        library.tags.get_id("economy")


def test_deleting_a_tag_reports_the_documents_that_carried_it(library, add_doc) -> None:
    doc = add_doc(REPORT)
    other = add_doc(REPORT + "\n附言。\n", "other.md")
    library.annotations.create(doc, 10, 20, tags=["政策"])
    library.annotations.create(other, 10, 20, tags=["城市"])
    changes = library.tags.delete("政策")
    assert changes.tags and changes.annotations == {doc}
    assert other not in changes.annotations


def test_renaming_reports_the_tag_tree_and_the_documents(library, add_doc) -> None:
    doc = add_doc(REPORT)
    library.annotations.create(doc, 10, 20, tags=["城市"])
    changes = library.tags.rename("城市", "城市")
    assert changes.tags and changes.annotations == set()
    with pytest.raises(NotFoundError, match="'乡村'"):
        library.tags.rename("乡村", "x")


def test_renaming_carries_children_in_name_order(library, add_doc) -> None:
    doc = add_doc(REPORT)
    a, _ = library.annotations.create(doc, 10, 20, tags=["a/b", "a/c"])
    b, _ = library.annotations.create(doc, 30, 40, tags=["x/b"])
    library.tags.rename("a", "x")
    assert library.annotations.get(a.id).tags == ("x/b", "x/c")
    assert library.annotations.get(b.id).tags == ("x/b",)
    assert [t.name for t in library.tags.list()] == ["x", "x/b", "x/c"]


def test_tagging_a_document_reports_it_and_the_tag_tree(library, add_doc) -> None:
    doc = add_doc(REPORT)
    changes = library.tags.tag_document(doc, ["政策", "城市"])
    assert changes.documents == {doc} and changes.tags
    assert library.tags.document_tags(doc) == ["城市", "政策"]
    again = library.tags.tag_document(doc, ["政策"])  # twice is once
    assert again.documents == {doc}
    assert library.tags.document_tags(doc) == ["城市", "政策"]
    removed = library.tags.untag_document(doc, ["政策"])
    assert removed.documents == {doc} and removed.tags
    assert library.tags.document_tags(doc) == ["城市"]


def test_tagging_a_missing_document_is_refused(library) -> None:
    with pytest.raises(NotFoundError, match="no document with id 99"):
        library.tags.tag_document(99, ["政策"])
    with pytest.raises(NotFoundError, match="99"):
        library.tags.untag_document(99, ["政策"])
    assert library.tags.list() == []


def test_ensure_returns_the_same_id_for_the_same_tag(library) -> None:
    first = library.tags.ensure("城市")
    assert first > 0
    assert library.tags.ensure(" #城市 ") == first
    assert library.tags.get_id("城市") == first
    assert library.tags.ensure("乡村") != first
