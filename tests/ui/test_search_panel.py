"""Library search and find-in-document, driven by keys only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import SEED_003, type_text

CTRL = Qt.KeyboardModifier.ControlModifier


def _wait_results(qtbot, panel) -> None:
    """Until the results shown are those of the text now in the box (after the debounce)."""
    qtbot.waitUntil(
        lambda: (
            panel.last_result is not None
            and panel.last_result.query == panel.query.text().strip()
            and panel.shown_generation == panel.generation
        ),
        timeout=15000,
    )


def test_ctrl_k_type_down_enter_opens_the_hit(qtbot, window) -> None:
    window.library_panel.tree.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL)
    panel = window.search.panel
    assert QApplication.focusWidget() is panel.query
    type_text(qtbot, panel.query, "陈敏尔")
    _wait_results(qtbot, panel)
    result = panel.last_result
    assert result.documents and result.documents[0].doc_id == SEED_003
    qtbot.keyClick(panel.query, Qt.Key.Key_Down)  # second hit of the first document
    item = panel.results.currentItem()
    start, end = (
        item.data(0, Qt.ItemDataRole.UserRole + 21),
        item.data(0, Qt.ItemDataRole.UserRole + 22),
    )
    qtbot.keyClick(panel.query, Qt.Key.Key_Return)
    assert window.reader.doc_id == SEED_003
    assert window.reader.selection_offsets() == (start, end)
    assert window.reader.text[start:end] == "陈敏尔"
    assert not window.search.dock.isVisible()
    assert QApplication.focusWidget() is window.reader
    expected = window.reader.text.count("陈敏尔")
    assert result.documents[0].match_count == expected
    assert window.overview.hit_count() == expected


def test_escape_returns_focus_where_it_was(qtbot, window) -> None:
    window.library_panel.tree.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL)
    assert window.search.dock.isVisible()
    qtbot.keyClick(window.search.panel.query, Qt.Key.Key_Escape)
    assert not window.search.dock.isVisible()
    assert QApplication.focusWidget() is window.library_panel.tree


def test_traditional_query_and_no_results_message(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL)
    panel = window.search.panel
    type_text(qtbot, panel.query, "國務院")  # simplified 国务院 is in the samples
    _wait_results(qtbot, panel)
    assert panel.last_result.documents
    panel.query.clear()
    type_text(qtbot, panel.query, "不存在的词组xyz")
    _wait_results(qtbot, panel)
    assert panel.last_result.documents == []
    assert "No results" in panel.summary.text()


def test_stale_results_never_overwrite_newer_ones(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL)
    panel = window.search.panel
    type_text(qtbot, panel.query, "天津")
    panel.run_query()
    first = panel.generation
    type_text(qtbot, panel.query, "市委")
    panel.run_query()
    _wait_results(qtbot, panel)
    assert panel.shown_generation > first
    assert panel.last_result.query == "天津市委"


def test_history_recalls_with_up_in_an_empty_box(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL)
    panel = window.search.panel
    type_text(qtbot, panel.query, "改革")
    _wait_results(qtbot, panel)
    qtbot.keyClick(panel.query, Qt.Key.Key_Return, CTRL)  # open, keep the panel
    assert window.search.dock.isVisible()
    panel.query.clear()
    qtbot.keyClick(panel.query, Qt.Key.Key_Up)
    assert panel.query.text() == "改革"


def test_find_bar_counts_every_literal_occurrence(qtbot, window) -> None:
    window.open_document(SEED_003)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F, CTRL)
    bar = window.search.find_bar
    assert bar.isVisible() and QApplication.focusWidget() is bar.line
    type_text(qtbot, bar.line, "全会")
    bar.refresh()
    total = window.reader.text.count("全会")
    assert total > 10
    assert len(bar.matches) == total
    assert bar.count.text().endswith(f"/{total}")
    first = bar.current
    qtbot.keyClick(bar.line, Qt.Key.Key_Return)
    assert bar.current == (first + 1) % total
    start, end = bar.matches[bar.current]
    assert window.reader.selection_offsets() == (start, end)
    qtbot.keyClick(bar.line, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.current == first
    assert window.overview.hit_count() == total
    qtbot.keyClick(bar.line, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert window.overview.hit_count() == 0


def test_find_matches_full_width_and_traditional(qtbot, window) -> None:
    window.open_document(SEED_003)
    qtbot.keyClick(window.reader, Qt.Key.Key_F, CTRL)
    bar = window.search.find_bar
    type_text(qtbot, bar.line, "２０２４年")  # the text has half-width 2024年
    bar.refresh()
    assert len(bar.matches) == window.reader.text.count("2024年")
    bar.line.clear()
    type_text(qtbot, bar.line, "會議")
    bar.refresh()
    assert len(bar.matches) == window.reader.text.count("会议")
