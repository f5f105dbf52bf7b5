"""Collections in the tree: drag a document from one collection onto another."""

from PySide6.QtCore import QMimeData, Qt

from reader.ui.library.tree import COLLECTION_ID, KIND, MIME_DOCS


def _collection_index(panel, name):
    model = panel.model
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(KIND) == "collection" and index.data(Qt.ItemDataRole.DisplayRole) == name:
            return index
    raise AssertionError(name)


def test_dropping_a_document_moves_it_between_collections(qtbot, window) -> None:
    library = window.library
    with library.db.atomic():
        target = library.collections.ensure_path("城市研究")
    window.refresh_library()
    sample = _collection_index(window.library_panel, "示例 Sample")
    source_id = int(sample.data(COLLECTION_ID))
    data = QMimeData()
    data.setData(MIME_DOCS, f"1:{source_id}".encode())
    model = window.library_panel.model
    dest = _collection_index(window.library_panel, "城市研究")
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, dest)
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, dest)
    assert library.collections.documents_in(target) == [1]
    assert 1 not in library.collections.documents_in(source_id)
    data.setData(MIME_DOCS, f"2:{source_id}".encode())
    dest = _collection_index(window.library_panel, "城市研究")
    model.dropMimeData(data, Qt.DropAction.CopyAction, -1, 0, dest)
    assert library.collections.documents_in(target) == [1, 2]
    assert 2 in library.collections.documents_in(source_id)


def test_tags_branch_follows_annotation_edits(qtbot, window) -> None:
    from reader.core.changes import Changes

    model = window.library_panel.model

    def tag_rows() -> list[str]:
        branch = model.item(model.rowCount() - 1)
        assert branch.data(KIND) == "tags"
        return [branch.child(i).text() for i in range(branch.rowCount())]

    assert tag_rows() == []
    _ann, changes = window.annotations.create_from_quote(4, "陈敏尔", tags=["人物"])
    window.apply_changes(changes)
    assert tag_rows() == ["#人物  (1)"]
    window.apply_changes(window.annotations.delete(_ann.id).merge(Changes(tags=True)))
    assert tag_rows() == ["#人物  (0)"]  # the tag stays (its annotation is in the trash)
