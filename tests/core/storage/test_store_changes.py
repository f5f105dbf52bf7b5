"""Every write of the document and collection stores and of the importer says what it
changed, so the UI refreshes from the core's word and never guesses."""

from __future__ import annotations

from pathlib import Path

from reader.core.changes import Changes
from reader.core.library import Library
from reader.core.storage.db import transaction


def _import(library: Library, folder: Path) -> list[int]:
    report = library.importer().import_paths([folder])
    return [r.doc_id for r in report if r.doc_id is not None]


def test_the_importer_reports_what_it_wrote(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "报告"
    folder.mkdir()
    (folder / "a.txt").write_text("甲文。\n", encoding="utf-8")
    report = library.importer().import_paths([folder])
    (doc,) = [r.doc_id for r in report]
    assert report.changes.documents == {doc}
    assert report.changes.collections  # filed under its folder's name
    again = library.importer().import_paths([folder])
    assert not again.changes  # the same file: nothing written, nothing to refresh
    (folder / "a.txt").write_text("甲文，改过了。\n", encoding="utf-8")
    updated = library.importer().import_paths([folder / "a.txt"])
    assert [r.status for r in updated] == ["updated"]
    assert updated.changes.documents == {doc}
    assert updated.changes.annotations == {doc}  # re-anchored
    assert not updated.changes.collections


def test_collection_writes_return_changes(library: Library, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("甲文。\n", encoding="utf-8")
    (doc,) = _import(library, tmp_path / "a.txt")
    collections = library.collections
    with transaction(library.db):
        made, changes = collections.create("城市/更新")
        assert changes == Changes(collections=True)
        assert collections.add_document(made, doc) == Changes(collections=True)
        assert collections.rename(made, "改造") == Changes(collections=True)
        assert collections.remove_document(made, doc) == Changes(collections=True)
        assert collections.move(made, None) == Changes(collections=True)
        assert collections.delete(made) == Changes(collections=True)


def test_deleting_a_document_names_everything_that_went(library: Library, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("甲文。\n", encoding="utf-8")
    (doc,) = _import(library, tmp_path / "a.txt")
    with transaction(library.db):
        changes = library.documents.delete(doc)
    assert changes.documents == {doc}
    assert changes.annotations == {doc}
    assert changes.tags and changes.collections
    assert changes.progress == {doc}
