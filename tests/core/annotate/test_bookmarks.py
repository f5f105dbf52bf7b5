"""BookmarkStore: add, rename, delete/restore, checks, and places kept through re-imports."""

from __future__ import annotations

import pytest

from reader.errors import NotFoundError, UsageError
from tests.core.annotate.conftest import REPORT


def test_add_rename_delete_restore(library, add_doc) -> None:
    doc = add_doc(REPORT)
    at = library.documents.text(doc).index("二、重点任务")
    mark, changes = library.bookmarks.add(doc, at, "  任务  ")
    assert (mark.doc_id, mark.offset, mark.name, mark.title) == (doc, at, "任务", "城市工作报告")
    assert changes.bookmarks and bool(changes)
    renamed, _ = library.bookmarks.rename(mark.id, "")
    assert renamed.name == "" and renamed.created == mark.created
    gone, changes = library.bookmarks.delete(mark.id)
    assert library.bookmarks.list() == [] and changes.bookmarks
    back, _ = library.bookmarks.restore(gone)
    assert back == renamed


def test_list_orders_by_document_then_offset(library, add_doc) -> None:
    doc = add_doc(REPORT)
    library.bookmarks.add(doc, 50)
    library.bookmarks.add(doc, 10, "前")
    assert [m.offset for m in library.bookmarks.list()] == [10, 50]
    assert [m.offset for m in library.bookmarks.list(doc)] == [10, 50]


def test_bad_input_is_refused(library, add_doc) -> None:
    doc = add_doc(REPORT)
    chars = library.documents.get(doc).chars
    library.bookmarks.add(doc, chars)  # the very end is a place too
    with pytest.raises(UsageError, match="outside"):
        library.bookmarks.add(doc, chars + 1)
    with pytest.raises(NotFoundError):
        library.bookmarks.add(999, 0)
    with pytest.raises(UsageError, match="control"):
        library.bookmarks.add(doc, 0, "a\nb")
    with pytest.raises(NotFoundError):
        library.bookmarks.rename(12345, "x")
    with pytest.raises(NotFoundError):
        library.bookmarks.get(2**70)


def test_reimport_carries_the_offset_and_delete_document_drops_it(
    library, add_doc, reimport
) -> None:
    doc = add_doc(REPORT)
    at = library.documents.text(doc).index("推进城市更新行动")
    library.bookmarks.add(doc, at, "更新")
    reimport(REPORT.replace("# 城市工作报告", "# 城市工作报告\n\n新增的一段开头文字。"))
    text = library.documents.text(doc)
    assert library.bookmarks.list()[0].offset == text.index("推进城市更新行动")
    with library.db.atomic():
        library.documents.delete(doc)
    assert library.bookmarks.list() == []
