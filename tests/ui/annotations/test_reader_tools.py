"""The reader's tools driven by real key presses on real widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from reader.core.annotate.annotations import AnnotationService
from tests.ui.conftest import SEED_003, select_by_keys, type_text, when_modal

PHRASE = "全会听取和讨论了陈敏尔受市委常委会委托所作的工作报告"


def test_select_and_press_h_creates_an_annotation(qtbot, window) -> None:
    window.open_document(SEED_003)
    start = window.reader.text.find(PHRASE)
    select_by_keys(qtbot, window, start, len(PHRASE))
    assert window.reader.selection_offsets() == (start, start + len(PHRASE))
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    anns = AnnotationService(window.library.db).list_for_document(SEED_003)
    assert [(a.start, a.end, a.quote, a.color) for a in anns] == [
        (start, start + len(PHRASE), PHRASE, "yellow")
    ]
    assert window.annotations_panel.list.count() == 1
    assert window.overview.mark_count() == 1


def test_number_keys_pick_colours_and_undo_redo(qtbot, window) -> None:
    window.open_document(SEED_003)
    start = window.reader.text.find(PHRASE)
    select_by_keys(qtbot, window, start, 4)
    qtbot.keyClick(window.reader, Qt.Key.Key_3)
    service = AnnotationService(window.library.db)
    assert [a.color for a in service.list_for_document(SEED_003)] == ["blue"]
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert service.list_for_document(SEED_003) == []
    assert service.list(trashed=True) == []  # undo of a create leaves nothing behind
    qtbot.keyClick(
        window.reader, Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # fmt: skip
    assert [(a.start, a.color) for a in service.list_for_document(SEED_003)] == [(start, "blue")]


def test_note_and_tag_by_keyboard(qtbot, window) -> None:
    window.open_document(SEED_003)
    start = window.reader.text.find(PHRASE)
    select_by_keys(qtbot, window, start, 6)

    def write_note(dialog) -> None:
        editor = dialog.findChild(QPlainTextEdit)
        type_text(qtbot, editor, "第一条笔记")
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    when_modal(qtbot, write_note)
    qtbot.keyClick(window.reader, Qt.Key.Key_N)
    service = AnnotationService(window.library.db)
    (ann,) = service.list_for_document(SEED_003)
    assert (ann.start, ann.end, ann.note) == (start, start + 6, "第一条笔记")

    def write_tags(dialog) -> None:
        line = dialog.findChild(QLineEdit)
        type_text(qtbot, line, "城市/更新 数据")
        qtbot.keyClick(line, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.reader)
    window.reader.set_current_annotation(ann.id)
    when_modal(qtbot, write_tags)
    qtbot.keyClick(window.reader, Qt.Key.Key_T)
    assert service.get(ann.id).tags == ("城市/更新", "数据")

    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert service.get(ann.id).tags == ()
    assert service.get(ann.id).note == "第一条笔记"


def test_delete_key_removes_the_clicked_annotation_and_undo_restores(qtbot, window) -> None:
    window.open_document(SEED_003)
    start = window.reader.text.find(PHRASE)
    select_by_keys(qtbot, window, start, 5)
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    service = AnnotationService(window.library.db)
    (ann,) = service.list_for_document(SEED_003)
    window.reader.set_current_annotation(ann.id)
    qtbot.keyClick(window.reader, Qt.Key.Key_Delete)
    assert service.list_for_document(SEED_003) == []
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [a.id for a in service.list_for_document(SEED_003)] == [ann.id]


def test_suggested_tags_come_from_the_passage(qtbot, warm_jieba, window) -> None:
    window.open_document(SEED_003)
    phrase = "推进京津冀协同发展"
    start = window.reader.text.find(phrase)
    select_by_keys(qtbot, window, start, len(phrase))
    seen: dict[str, list[str]] = {}

    def inspect(dialog) -> None:
        # Wait on the outcome (the suggestion job done), not on a fixed time: jieba is
        # warm (warm_jieba), so this is the keyword extraction of one paragraph.
        qtbot.waitUntil(lambda: bool(dialog.suggestions), timeout=25000)
        seen["suggestions"] = dialog.suggestions
        qtbot.keyClick(dialog.line, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
        qtbot.keyClick(dialog.line, Qt.Key.Key_Return)

    when_modal(qtbot, inspect)
    qtbot.keyClick(window.reader, Qt.Key.Key_T)
    assert any("京津冀" in s or "协同" in s for s in seen["suggestions"]), seen
    (ann,) = AnnotationService(window.library.db).list_for_document(SEED_003)
    assert ann.tags == (seen["suggestions"][0],)


def test_selection_toolbar_shows_for_user_selections_only(qtbot, window) -> None:
    window.open_document(SEED_003)
    start = window.reader.text.find(PHRASE)
    window.reader.select_range(start, start + 4)  # as find and search do
    assert not window.selection_toolbar.isVisible()
    select_by_keys(qtbot, window, start, 4)
    assert window.selection_toolbar.isVisible()


def _covered_lines(window, start: int, end: int) -> list:
    toolbar = window.selection_toolbar.geometry()
    lines = [r.toAlignedRect() for r in window.reader.span_rects(start, end)]
    return [r for r in lines if r.intersects(toolbar)]


def test_selection_toolbar_never_covers_a_selected_line(qtbot, window) -> None:
    window.open_document(SEED_003)
    text = window.reader.text
    window.reader.scroll_to_offset(0)
    select_by_keys(qtbot, window, 0, 4)  # the title, on the first line: no room above
    assert window.selection_toolbar.isVisible()
    assert _covered_lines(window, 0, 4) == []
    start = text.find(PHRASE)  # a line lower down: the toolbar goes above it
    select_by_keys(qtbot, window, start, len(PHRASE) + 30)  # over two lines
    toolbar = window.selection_toolbar.geometry()
    assert window.selection_toolbar.isVisible()
    assert _covered_lines(window, start, start + len(PHRASE) + 30) == []
    assert toolbar.bottom() < min(r.top() for r in window.reader.span_rects(start, start + 1))
    window.reader.scroll_to_offset(start)  # now that line is the first one in view
    select_by_keys(qtbot, window, start, len(PHRASE) + 30)
    assert _covered_lines(window, start, start + len(PHRASE) + 30) == []


def _main_color(image, rect):
    """The most common colour in ``rect``: the background behind the glyphs."""
    counts: dict = {}
    for y in range(rect.top() + 1, rect.bottom()):
        for x in range(rect.left() + 1, rect.right()):
            rgb = image.pixel(x, y)
            counts[rgb] = counts.get(rgb, 0) + 1
    best = max(counts, key=counts.__getitem__)
    return (best >> 16) & 255, (best >> 8) & 255, best & 255


def test_a_selected_highlight_keeps_its_colour(qtbot, window) -> None:
    window.open_document(SEED_003)
    text = window.reader.text
    start = text.find(PHRASE)
    mid = start + 8
    select_by_keys(qtbot, window, start, 8)
    qtbot.keyClick(window.reader, Qt.Key.Key_1)  # yellow over the first 8 characters
    window.reader.select_range(start, start + 16)  # selected: 8 highlighted, 8 plain
    qtbot.wait(50)
    image = window.reader.viewport().grab().toImage()
    highlighted = _main_color(image, window.reader.span_rects(start, mid)[0].toAlignedRect())
    plain = _main_color(image, window.reader.span_rects(mid, start + 16)[0].toAlignedRect())
    assert sum(abs(a - b) for a, b in zip(highlighted, plain, strict=True)) > 40, (
        highlighted,
        plain,
    )
    red, green, blue = highlighted
    assert red - blue > plain[0] - plain[2] + 20, (highlighted, plain)  # yellower than the rest
