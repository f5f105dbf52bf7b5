"""Start the GUI: QApplication, translations, the library, the main window."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QWidget

from reader import APP_ID, APP_NAME
from reader.core.library import Library
from reader.core.search.service import SearchService
from reader.platform.paths import ensure_data_dir
from reader.ui.common.resources import app_icon, resource_path
from reader.ui.window.gui_settings import GuiSettings

if TYPE_CHECKING:  # imported when called: the window's modules load after the QApplication
    from reader.ui.window.main_window import MainWindow


def open_library_for_gui(data_dir: Path) -> Library:
    """A brand-new data dir starts with the sample documents imported."""
    library = Library.open(data_dir)
    if library.is_empty() and not (data_dir / ".sample-imported").exists():
        library.import_sample()
        (data_dir / ".sample-imported").touch()
    return library


def install_translations(app: QApplication, language: str) -> list[QTranslator]:
    """Simplified Chinese when the locale (or ``--lang``) is Chinese, else English."""
    locale = QLocale(language) if language else QLocale.system()
    if locale.language() != QLocale.Language.Chinese:
        return []
    installed = []
    ours = QTranslator(app)
    if ours.load(str(resource_path("translations", "pizhu_zh_CN.qm"))):
        app.installTranslator(ours)
        installed.append(ours)
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


def parse_gui_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="pizhu", add_help=False)
    parser.add_argument("--lang", default="")
    parser.add_argument("targets", nargs="*")
    args, _qt_args = parser.parse_known_args(argv)
    return args


def create_app(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    if not isinstance(app, QApplication):  # a QCoreApplication runs: no widgets possible
        raise TypeError(f"a {type(app).__name__} is running, not a QApplication")
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("Pizhu")
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    return app


def build_main_window(data_dir: Path, language: str = "") -> MainWindow:
    """Everything `run_app` does except the event loop (tests and the smoke test use it)."""
    from reader.ui.window.main_window import MainWindow

    app = create_app([])
    settings = GuiSettings.load(data_dir)
    translators = install_translations(app, language or settings.language)
    library = open_library_for_gui(data_dir)
    search = SearchService(data_dir)
    search.start()  # jieba and the index load in the background while the window builds
    window = MainWindow(library, settings, data_dir, search)
    window.translators = translators
    return window


def _close_on_terminate(window: QWidget) -> None:
    """SIGTERM/SIGINT (logout, `kill`, Ctrl+C) close the window like the user would, so
    the reading position, settings and the instance lock are saved and released.

    Python only runs signal handlers between bytecodes; a periodic no-op timer gives
    it the chance while Qt's event loop is waiting.
    """
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda _signum, _frame: QTimer.singleShot(0, window.close))
    ticker = QTimer(window, interval=300)
    ticker.timeout.connect(lambda: None)
    ticker.start()


def run_app(data_dir: Path, argv: list[str]) -> int:
    from reader.ui.common.collector import GuiCollector
    from reader.ui.window.open_targets import TargetOpener
    from reader.ui.window.single_instance import InstanceGuard, refuse_second_instance

    args = parse_gui_args(argv)
    app = create_app(argv)
    guard = InstanceGuard(ensure_data_dir(data_dir))
    if not guard.acquire():  # another Pizhu has this library: hand it the targets
        return refuse_second_instance(guard, args.targets)
    window = build_main_window(data_dir, args.lang)
    collector = GuiCollector()  # cycles are collected on this thread only (until stop)
    opener = TargetOpener(window)
    guard.targetsReceived.connect(opener.open_targets)
    app.installEventFilter(opener)  # macOS delivers files and links as QFileOpenEvent
    window.show()
    _close_on_terminate(window)
    if args.targets:
        QTimer.singleShot(0, lambda: opener.open_targets(args.targets))
    else:
        QTimer.singleShot(0, window.restore_last_document)
    code = app.exec()
    collector.stop()
    window.library.close()
    guard.release()
    return int(code)
