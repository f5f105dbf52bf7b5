"""Under ``--lang zh_CN`` no visible string of the window, its menus or dialogs is English."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDockWidget,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTableWidget,
    QTreeWidget,
    QWidget,
)

from reader.ui.annotations.editors import NoteEditor, TagEditor
from reader.ui.window.app import build_main_window
from tests.ui.conftest import SEED_003

# Proper names, formats, keys and query syntax that stay as they are in Chinese.
ALLOWED = (
    r"Pizhu",
    r"Markdown",
    r"settings\.json",
    r"shortcuts",
    r"id",
    r"Ctrl|Shift|Alt|Meta|Esc|Enter|Return|Tab|Del|Delete|Backspace|Space|Home|End|PgUp|PgDown"
    r"|Up|Down|Left|Right|F\d+|Ins",
    r"OR",
    r"title|tag|doc",  # search syntax: title: tag: doc:
    r"PDF|EPUB|HTML?|MHTML|DOCX|TXT|JSON|URL|[Uu][Tt][Ff]|pizhu|Anki",
    r"Sample",  # the sample collection is called 示例 Sample (library data, not UI text)
    r"[A-Z]",  # single letters: mnemonics (&F), keys (H, N, T), U̲
)
_ALLOWED = re.compile(r"\b(?:" + "|".join(ALLOWED) + r")\b")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def untranslated(text: str) -> bool:
    """True when ``text`` still holds an English word once the allowed ones are removed
    (a file path is data, not text to translate)."""
    if text.startswith("/"):
        return False
    return bool(_LATIN_WORD.search(_ALLOWED.sub(" ", text)))


def test_the_checker_itself() -> None:
    assert untranslated("All Documents  (5)")
    assert untranslated("Menu")
    assert not untranslated("全部文档  (5)")
    assert not untranslated("文件(&F)")
    assert not untranslated("Ctrl+Shift+K")
    assert not untranslated('在 settings.json 中修改按键（"shortcuts"：命令 id → 按键）。')
    assert not untranslated("第 12 页 · Markdown")


def _menu_texts(menu: QMenu, where: str) -> Iterator[tuple[str, str]]:
    for action in menu.actions():
        if action.isSeparator():
            continue
        yield f"{where} › action", action.text()
        if action.toolTip() and action.toolTip() != action.text().replace("&", ""):
            yield f"{where} › tooltip", action.toolTip()
        if action.menu() is not None:
            yield from _menu_texts(action.menu(), f"{where} › {action.text()}")


def visible_strings(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every string a user can see in ``root`` and its children."""
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        name = f"{type(widget).__name__}#{widget.objectName()}"
        if widget.isWindow() and widget.windowTitle():
            yield f"{name} title", widget.windowTitle()
        if widget.toolTip():
            yield f"{name} tooltip", widget.toolTip()
        if isinstance(widget, QDockWidget):
            yield f"{name} dock", widget.windowTitle()
        elif isinstance(widget, QLabel | QAbstractButton) and widget.text():
            yield name, widget.text()
        elif isinstance(widget, QLineEdit | QPlainTextEdit) and widget.placeholderText():
            yield f"{name} placeholder", widget.placeholderText()
        elif isinstance(widget, QComboBox) and not widget.isEditable():  # editable: values
            for i in range(widget.count()):
                if widget.itemData(i) is None or not str(widget.itemText(i)).startswith("#"):
                    yield f"{name} item", widget.itemText(i)
        elif isinstance(widget, QTableWidget):
            for column in range(widget.columnCount()):
                header = widget.horizontalHeaderItem(column)
                if header is not None:
                    yield f"{name} header", header.text()
                for row in range(widget.rowCount()):
                    cell = widget.item(row, column)
                    if cell is not None and column != 1:  # column 1: key names
                        yield f"{name} cell", cell.text()
        elif isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            if not widget.isHeaderHidden():
                for column in range(header.columnCount()):
                    yield f"{name} header", header.text(column)
        elif isinstance(widget, QMenu):
            yield from _menu_texts(widget, name)
        if isinstance(widget, QHeaderView) and widget.model() is not None and widget.isVisible():
            model = widget.model()
            count = model.columnCount() if widget.orientation().value == 1 else model.rowCount()
            for section in range(count):
                text = model.headerData(section, widget.orientation())
                if isinstance(text, str):
                    yield f"{name} header", text
        for action in widget.actions():
            if isinstance(action, QAction) and action.text() and not action.isSeparator():
                yield f"{name} action", action.text()


def _library_sections(window) -> Iterator[tuple[str, str]]:
    model = window.library_panel.model
    for row in range(model.rowCount()):
        yield "library tree", model.item(row).text()


@pytest.fixture
def zh_window(qtbot, first_run):
    window = build_main_window(first_run, "zh_CN")
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    yield window
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and widget is not window:
            widget.close()
    for translator in window.translators:
        QApplication.instance().removeTranslator(translator)
    window.close()
    window.library.close()


def _english(strings: Iterator[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted({(where, text) for where, text in strings if untranslated(text)})


def test_zh_cn_window_menus_and_panels_have_no_english(qtbot, zh_window) -> None:
    window = zh_window
    assert window.translators, "the zh_CN translation did not load"
    window.open_document(SEED_003)
    window.search.open_search()
    panel = window.search.panel
    panel.query.setText("社会财产没有")  # no exact match: the summary and the groups say so
    panel.run_query()
    qtbot.waitUntil(  # answered again with the word fallback once jieba has loaded
        lambda: panel.last_result is not None and bool(panel.last_result.documents),
        timeout=60000,
    )
    window.search.open_find()
    strings = list(visible_strings(window))
    strings += [("search summary", panel.summary.text())]
    for i in range(panel.results.topLevelItemCount()):
        group = panel.results.topLevelItem(i)
        strings += [("search group", group.text(0)), ("search group tip", group.toolTip(0))]
    for action in window.menuBar().actions():
        strings.append(("menu bar", action.text()))
        if action.menu() is not None:
            strings += _menu_texts(action.menu(), action.text())
    strings += list(_library_sections(window))
    assert _english(strings) == []


def test_zh_cn_dialogs_have_no_english(qtbot, zh_window) -> None:
    window = zh_window
    strings: list[tuple[str, str]] = []
    shortcuts = window.show_shortcuts()
    strings += visible_strings(shortcuts)
    shortcuts.reject()
    details = window.document_actions.show_details(SEED_003)
    assert details is not None
    strings += visible_strings(details)
    details.reject()
    note = NoteEditor("引文", "", window)
    strings += visible_strings(note)
    tags = TagEditor([], ["城市/更新"], ["城市", "更新"], window)
    strings += visible_strings(tags)

    def grab_menu() -> None:
        menu = QApplication.activePopupWidget()
        if menu is None:
            QTimer.singleShot(20, grab_menu)
            return
        strings.extend(visible_strings(menu))
        menu.close()

    tree = window.library_panel.tree
    for row in range(2):  # a collection, then "All Documents" (its first document below)
        index = window.library_panel.proxy.index(row, 0)
        for target in (index, window.library_panel.proxy.index(0, 0, index)):
            if target.isValid():
                QTimer.singleShot(0, grab_menu)
                window.library_actions.tree_menu(tree.visualRect(target).center())
    assert _english(strings) == []
