"""Reading statistics: the bars drawn from recorded time, and the clock fed by the reader."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from reader.core.storage.db import transaction
from tests.ui.conftest import SEED_003

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_bars_and_table_show_recorded_reading(qtbot, window) -> None:
    stats = window.library.stats
    today = date.today()
    with transaction(window.library.db):
        stats.record(SEED_003, 25 * 60, 4000, day=today)
        stats.record(SEED_003, 10 * 60, 1500, day=today - timedelta(days=2))
        stats.record(1, 5 * 60, 800, day=today - timedelta(days=2))
        stats.record(1, 60 * 60, 9000, day=today - timedelta(days=40))  # before the chart
    start = window.library.documents.text(SEED_003).find("全会")
    window.annotations.create(SEED_003, start, start + 2)

    qtbot.keyClick(window, Qt.Key.Key_S, CTRL_SHIFT)
    dialog = window.statistics_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    bars = dialog.chart.bars
    assert len(bars) == 28 and bars[-1].day == today.isoformat()
    assert [round(b.minutes) for b in bars[-3:]] == [15, 0, 25]
    assert bars[-1].annotations == 1 and bars[-3].annotations == 0
    assert sum(b.minutes for b in bars) == 40
    assert dialog.chart.bar_rect(27).height() > dialog.chart.bar_rect(25).height() > 0
    assert "25 min reading" in dialog.chart.tooltip(27)

    table = dialog.table
    titles = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert titles[0] == window.library.documents.get(1).title  # 65 minutes first
    third = titles.index(window.library.documents.get(SEED_003).title)
    assert [table.item(third, c).text() for c in (1, 2, 3, 4)] == [
        "35 min", "5,500", "1", today.isoformat(),
    ]  # fmt: skip
    assert "1 h 40 min" in dialog.totals.text()

    with transaction(window.library.db):  # a sample arriving while it is open
        window.apply_changes(stats.record(SEED_003, 5 * 60, 100))
    assert round(dialog.chart.bars[-1].minutes) == 30


def test_reading_time_is_counted_while_the_reader_moves(qtbot, window) -> None:
    clock = [1000.0]
    window.activity.now = lambda: clock[0]
    window.open_document(SEED_003)  # a new document starts the clock
    reader = window.reader
    reader.setFocus()
    qtbot.waitUntil(window.is_window_active)
    for _ in range(4):  # reading: a page down every 10 seconds
        clock[0] += 10
        qtbot.keyClick(reader, Qt.Key.Key_PageDown)
        window.activity.tick()
    assert reader.first_visible_offset() > 0
    clock[0] += 300  # away for five minutes: only the idle limit (2 min) counts
    window.activity.tick()
    window.activity.flush()
    (row,) = window.library.stats.per_document()
    assert row.doc_id == SEED_003
    assert row.seconds == 40 + 120
    assert 0 < row.chars_read <= reader.first_visible_offset()

    read = row.chars_read
    far = len(reader.text) - 200
    window.open_document(SEED_003, far)  # a jump (as from the outline): not read
    clock[0] += 5
    window.activity.tick()
    window.activity.flush()
    (row,) = window.library.stats.per_document()
    assert row.chars_read == read
    assert row.seconds == 160  # the move woke the clock; the idle minutes stay uncounted
    clock[0] += 5
    window.activity.tick()
    window.activity.flush()
    assert window.library.stats.per_document()[0].seconds == 165


def test_moving_the_cursor_is_reading_too(qtbot, window) -> None:
    clock = [1000.0]
    window.activity.now = lambda: clock[0]
    window.open_document(SEED_003)
    reader = window.reader
    reader.setFocus()
    qtbot.waitUntil(window.is_window_active)
    top = reader.first_visible_offset()
    for _ in range(5):  # a minute per sentence, the view never scrolls
        clock[0] += 60
        qtbot.keyClick(reader, Qt.Key.Key_Right)
        window.activity.tick()
    assert reader.first_visible_offset() == top
    window.activity.flush()
    assert window.library.stats.per_document()[0].seconds == 300
