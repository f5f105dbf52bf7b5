"""The running QApplication, typed as one.

``QApplication.instance()`` is declared to return ``QCoreApplication | None``; code that
runs inside the GUI needs the widgets application (its palette, style, fonts).
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def gui_app() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("no QApplication is running")
    return app
