"""The library tree's sort orders (remembered) and its filter on titles, authors and years."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from reader.core.storage.db import transaction
from reader.ui.library.tree import DOC_ID, KIND, TITLE
from reader.ui.window.gui_settings import GuiSettings
from tests.ui.conftest import type_text

# doc id: (title, date, authors); pinyin order 安 北 上 天 政, code-point order 上 北 天 安 政
DETAILS = {
    1: ("政府工作报告", "2024-03-05", []),
    2: ("北京城市规划", "2023-06", ["王小明"]),
    3: ("安徽统计年鉴", "", []),
    4: ("上海发展报告", "2024-11", ["李华", "王小明"]),
    5: ("天津调研", "", []),
}


def _set_up(window) -> None:
    library = window.library
    with transaction(library.db):
        for doc_id, (title, date, authors) in DETAILS.items():
            library.documents.update_details(doc_id, title=title, date=date, authors=authors)
        for doc_id, stamp in ((2, "2025-01-01T08:00:00+00:00"), (5, "2025-02-01T08:00:00+00:00")):
            library.progress.set(doc_id, 10)
            library.db.execute(
                "UPDATE progress SET last_opened = ? WHERE doc_id = ?", [stamp, doc_id]
            )
    window.refresh_library()


def _all_documents(panel) -> list[int]:
    proxy = panel.proxy
    for row in range(proxy.rowCount()):
        section = proxy.index(row, 0)
        if section.data(KIND) == "section":
            return [
                int(proxy.index(i, 0, section).data(DOC_ID)) for i in range(proxy.rowCount(section))
            ]
    return []


def test_each_sort_order_and_it_is_remembered(qtbot, window, data_dir) -> None:
    _set_up(window)
    panel = window.library_panel
    assert _all_documents(panel) == [3, 2, 4, 5, 1]  # title, in pinyin order
    window.actions_registry.action("view.sort_date").trigger()
    assert _all_documents(panel) == [4, 1, 2, 3, 5]  # newest first, undated last by title
    window.set_library_sort("added")
    assert _all_documents(panel) == [5, 4, 3, 2, 1]
    window.set_library_sort("read")
    assert _all_documents(panel) == [5, 2, 3, 4, 1]  # never opened last, by title
    sample = next(
        panel.proxy.index(r, 0) for r in range(panel.proxy.rowCount())
        if panel.proxy.index(r, 0).data(KIND) == "collection"
    )  # fmt: skip
    members = [panel.proxy.index(i, 0, sample).data(DOC_ID) for i in range(5)]
    assert members == [5, 2, 3, 4, 1]  # collections follow the same order
    assert window.actions_registry.action("view.sort_read").isChecked()
    assert not window.actions_registry.action("view.sort_title").isChecked()
    window.save_state()
    assert GuiSettings.load(data_dir).library_sort == "read"


def test_filter_matches_authors_and_years(qtbot, window) -> None:
    _set_up(window)
    panel = window.library_panel
    window.focus_filter()
    qtbot.keyClicks(panel.filter, "2024")
    assert _all_documents(panel) == [4, 1]  # dated 2024-11 and 2024-03-05
    panel.filter.clear()
    type_text(qtbot, panel.filter, "王小明")
    assert sorted(_all_documents(panel)) == [2, 4]
    panel.filter.clear()
    type_text(qtbot, panel.filter, "报告 2024-03")
    assert _all_documents(panel) == [1]
    index = _first_document(panel, QModelIndex())
    assert index is not None and index.data(TITLE) == "政府工作报告"


def _first_document(panel, parent: QModelIndex) -> QModelIndex | None:
    for row in range(panel.proxy.rowCount(parent)):
        index = panel.proxy.index(row, 0, parent)
        if index.data(KIND) == "document":
            return index
        found = _first_document(panel, index)
        if found is not None:
            return found
    return None
