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
    assert not window.search_dock.isVisible()
    assert QApplication.focusWidget() is window.reader
    expected = window.reader.text.count("陈敏尔")
    assert result.documents[0].match_count == expected
    assert window.overview.hit_count() == expected
    # The status bar shows where the jump landed, not where the reader was.
    shown = window.status_position.text()
    assert f"offset {window.reader.first_visible_offset()}" in shown


def test_escape_returns_focus_where_it_was(qtbot, window) -> None:
    window.library_panel.tree.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL)
    assert window.search_dock.isVisible()
    qtbot.keyClick(window.search.panel.query, Qt.Key.Key_Escape)
    assert not window.search_dock.isVisible()
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


def _shown_rows(panel) -> list[str]:
    groups = [panel.results.topLevelItem(i) for i in range(panel.results.topLevelItemCount())]
    return [g.text(0) for g in groups]


def test_stale_results_never_overwrite_newer_ones(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL)
    panel = window.search.panel
    type_text(qtbot, panel.query, "天津")
    _wait_results(qtbot, panel)
    stale = panel.last_result  # the answer to a query the user then typed past
    type_text(qtbot, panel.query, "市委")
    _wait_results(qtbot, panel)
    newer = panel.last_result
    assert newer.query == "天津市委" and newer.generation > stale.generation
    assert stale.hit_count != newer.hit_count  # shown rows tell the two apart
    rows = _shown_rows(panel)
    # A slow worker answers the old query only now: it must be dropped, not shown.
    panel.worker.resultReady.emit(stale)
    assert panel.last_result is newer
    assert panel.shown_generation == newer.generation
    assert _shown_rows(panel) == rows
    assert "天津市委" in panel.summary.text() or str(newer.hit_count) in panel.summary.text()


def test_history_recalls_with_up_in_an_empty_box(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL)
    panel = window.search.panel
    type_text(qtbot, panel.query, "改革")
    _wait_results(qtbot, panel)
    qtbot.keyClick(panel.query, Qt.Key.Key_Return, CTRL)  # open, keep the panel
    assert window.search_dock.isVisible()
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


def test_no_exact_match_says_so_and_enter_opens_nothing_unasked(qtbot, window) -> None:
    assert not window.search.service.segmenter.ready  # a relaunch has not loaded jieba
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL)
    panel = window.search.panel
    type_text(qtbot, panel.query, "社会财产没有")  # its words occur, the phrase nowhere
    _wait_results(qtbot, panel)
    # The word fallback cuts the query into the index's words: no jieba to wait for.
    result = panel.last_result
    assert not window.search.service.segmenter.requested
    assert result.documents and not any(d.exact for d in result.documents)
    assert panel.summary.text().startswith(
        "No exact match for “社会财产没有”; showing documents with its words"
    )
    groups = [panel.results.topLevelItem(i) for i in range(panel.results.topLevelItemCount())]
    assert groups and all(g.text(0).startswith("Words only") for g in groups)
    assert panel.results.currentItem() is None
    before = window.reader.doc_id
    qtbot.keyClick(panel.query, Qt.Key.Key_Return)  # nothing picked: nothing opens
    assert window.reader.doc_id == before
    assert window.search_dock.isVisible()
    qtbot.keyClick(panel.query, Qt.Key.Key_Down)  # the first word-only hit, by choice
    item = panel.results.currentItem()
    assert item is not None and item.parent() is groups[0]
    qtbot.keyClick(panel.query, Qt.Key.Key_Return)
    assert window.reader.doc_id == result.documents[0].doc_id


def test_exact_hits_come_first_and_unmarked(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL)
    panel = window.search.panel
    type_text(qtbot, panel.query, "京津冀协同发展")
    _wait_results(qtbot, panel)
    docs = panel.last_result.documents
    assert docs and docs[0].exact
    assert not panel.summary.text().startswith("No exact match")
    first = panel.results.topLevelItem(0)
    assert not first.text(0).startswith("Words only")
    for i, doc in enumerate(docs):
        assert panel.results.topLevelItem(i).text(0).startswith("Words only") == (not doc.exact)
    assert panel.results.currentItem() is first.child(0)  # Enter opens the best hit


def _ink_rows(image, rect, background) -> list[int]:
    """The y of every pixel row of ``rect`` holding a pixel far from ``background``."""
    rows = []
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(rect.left() + 30, rect.right() - 4):
            c = image.pixelColor(x, y)
            far = abs(c.red() - background.red()) + abs(c.green() - background.green())
            if far + abs(c.blue() - background.blue()) > 120:
                rows.append(y)
                break
    return rows


def _luminance(color) -> float:
    def channel(v: int) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.red())
        + 0.7152 * channel(color.green())
        + 0.0722 * channel(color.blue())
    )


def _contrast(a, b) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_result_rows_show_whole_lines_and_a_readable_section_when_selected(qtbot, window) -> None:
    window.resize(900, 800)
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL)
    panel = window.search.panel
    window.resizeDocks([window.search_dock], [300], Qt.Orientation.Horizontal)
    type_text(qtbot, panel.query, "社会主义")  # long passages, with section paths
    _wait_results(qtbot, panel)
    qtbot.keyClick(panel.query, Qt.Key.Key_Down)
    qtbot.wait(100)
    tree = panel.results
    image = tree.viewport().grab().toImage()
    base = tree.palette().color(tree.viewport().backgroundRole())
    checked = 0
    for item in panel._hit_items():
        rect = tree.visualItemRect(item)
        if rect.bottom() >= tree.viewport().height() or rect.top() < 0:
            continue
        selected = item is tree.currentItem()
        background = image.pixelColor(rect.right() - 1, rect.bottom()) if selected else base
        ink = _ink_rows(image, rect, background)
        assert ink, "a passage row paints text"
        assert max(ink) < rect.bottom() - 1, f"row {rect} has a line cut at its bottom"
        checked += 1
        if selected:  # the first line is the section path: it must stand out from the blue
            band = [y for y in ink if y < ink[0] + 8]
            best = max(
                _contrast(image.pixelColor(x, y), background)
                for y in band
                for x in range(rect.left() + 30, rect.right() - 4)
            )
            assert best >= 3.0, f"section path contrast {best:.1f} on the selected row"
    assert checked >= 3


def test_the_page_comes_first_and_its_count_after(qtbot, window, monkeypatch) -> None:
    """A phrase with many candidates shows its page with a lower bound, then the exact
    number of documents once counted (here: pages of one, every phrase confirmed lazily)."""
    monkeypatch.setattr("reader.core.search.searcher.LAZY_MIN_CANDIDATES", 0)
    monkeypatch.setattr("reader.ui.search.worker.RESULT_LIMIT", 1)
    panel = window.search.panel
    shown = []
    panel.worker.resultReady.connect(lambda result: shown.append((result.total,
                                                                   result.total_exact)))
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL)
    type_text(qtbot, panel.query, "习近平")  # in three of the five samples
    _wait_results(qtbot, panel)
    qtbot.waitUntil(lambda: panel.last_result.total_exact, timeout=15000)
    # First the page's confirmed documents, said to be a lower bound; then the count.
    assert shown and not shown[0][1] and 1 <= shown[0][0] < 3
    assert panel.last_result.total == 3
    assert "3 documents" in panel.summary.text() and "counting" not in panel.summary.text()
    panel._show_total(panel.generation - 1, 99)  # a count of an older query: dropped
    assert panel.last_result.total == 3


def test_a_count_that_fails_leaves_the_lower_bound(qtbot, window, monkeypatch) -> None:
    from reader.core.search.searcher import Searcher

    def locked(*_args, **_kwargs) -> int:
        raise RuntimeError("database is locked")

    monkeypatch.setattr("reader.core.search.searcher.LAZY_MIN_CANDIDATES", 0)
    monkeypatch.setattr("reader.ui.search.worker.RESULT_LIMIT", 1)
    monkeypatch.setattr(Searcher, "count", locked)
    panel = window.search.panel
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL)
    type_text(qtbot, panel.query, "习近平")
    _wait_results(qtbot, panel)
    qtbot.waitUntil(lambda: not panel.last_result.counting, timeout=15000)
    assert not panel.last_result.total_exact
    assert "+ documents, " in panel.summary.text() and "counting" not in panel.summary.text()


def test_emptying_the_box_cancels_what_the_worker_has_in_hand(qtbot, window) -> None:
    worker = window.search.worker
    panel = window.search.panel
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL)
    type_text(qtbot, panel.query, "习近平")
    _wait_results(qtbot, panel)
    panel.query.clear()
    panel.run_query()
    assert worker._typed_on()  # a search or count in hand now stops at its next check
    type_text(qtbot, panel.query, "国务院")
    _wait_results(qtbot, panel)
    assert not worker._typed_on() and panel.last_result.documents


def test_the_warmed_heap_is_frozen_against_full_collections(qtbot, window) -> None:
    import gc

    worker = window.search.worker
    qtbot.waitUntil(worker.warmed.is_set, timeout=15000)
    assert gc.get_freeze_count() > 1000  # the searcher's tables and the window's objects


def test_a_collection_scope_searches_inside_it_not_the_library_page(qtbot, window,
                                                                      monkeypatch) -> None:
    from reader.ui.search.model import SCOPE_COLLECTION, SCOPE_LIBRARY, SearchRequest

    monkeypatch.setattr("reader.ui.search.worker.RESULT_LIMIT", 1)
    worker = window.search.worker
    searcher = worker.service.searcher()
    try:
        library = worker.answer(searcher, SearchRequest(1, "习近平", SCOPE_LIBRARY))
        first = library.documents[0].doc_id
        others = frozenset({0, 1, 2, 3, 4, 5, 6, 7, 8} - {first})
        inside = worker.answer(searcher, SearchRequest(2, "习近平", SCOPE_COLLECTION,
                                                       collection_docs=others))
    finally:
        searcher.close()
    assert library.total == 3 and len(library.documents) == 1
    assert inside.documents and inside.documents[0].doc_id != first
    assert inside.total == 2
