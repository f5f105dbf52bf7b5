"""Start the GUI: QApplication, the library, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QListWidget, QListWidgetItem, QSplitter, QTextBrowser

from reader import APP_ID, APP_NAME
from reader.core.library import Library


def open_library_for_gui(data_dir: Path) -> Library:
    """A brand-new data dir starts with the sample documents imported."""
    library = Library.open(data_dir)
    if library.is_empty():
        library.import_sample()
    return library


def run_app(data_dir: Path, argv: list[str]) -> int:
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("Pizhu")
    app.setDesktopFileName(APP_ID)
    library = open_library_for_gui(data_dir)
    window = _minimal_window(library)
    window.show()
    code = app.exec()
    library.close()
    return int(code)


def _minimal_window(library: Library) -> QSplitter:
    splitter = QSplitter()
    splitter.setWindowTitle(f"{APP_NAME} 批注")
    docs = QListWidget()
    view = QTextBrowser()
    for info in library.documents.list():
        item = QListWidgetItem(info.title)
        item.setData(256, info.id)
        docs.addItem(item)
    docs.currentItemChanged.connect(
        lambda item, _prev: item and view.setPlainText(library.documents.text(item.data(256)))
    )
    splitter.addWidget(docs)
    splitter.addWidget(view)
    splitter.resize(1100, 720)
    return splitter
