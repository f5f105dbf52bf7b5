"""The first-line indent option indents every paragraph once, whatever the text holds."""

from __future__ import annotations

from PySide6.QtGui import QFont

from reader.ui.common.theme import THEMES
from reader.ui.reading.view import ReaderView


def _indents(view: ReaderView) -> list[float]:
    doc = view.document()
    block = doc.begin()
    found = []
    while block.isValid():
        if block.text().strip():
            found.append(block.blockFormat().textIndent())
        block = block.next()
    return found


def test_text_indented_by_itself_is_not_indented_twice(qtbot) -> None:
    view = ReaderView()
    qtbot.addWidget(view)
    view.set_typography(QFont("Noto Sans CJK SC", 14), THEMES["light"], True, 40)
    view.load(1, "\u3000\u3000自带缩进的段落。\n\n没有缩进的段落。\n", [])
    first, second = _indents(view)
    assert first == 0 and second > 0
