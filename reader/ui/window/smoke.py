"""``pizhu --smoke-test``: prove an installed or frozen build works end to end.

Packaging breaks things unit tests cannot see: a resource left out of the bundle,
a Qt plugin missing, jieba's dictionary not collected, a hidden import PyInstaller
missed. This runs the real main window (offscreen or on a display) on a fresh
data dir and walks the path a user takes. Each step prints one line; the first
failure names its step, and the process exits non-zero. A result file
(``--smoke-result FILE``) serves GUI builds that have no stdout (Windows).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, QLibraryInfo, QTimer, QTranslator
from PySide6.QtGui import QFontDatabase, QImageReader
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from reader.core.search.positions import dense_scan_available
from reader.platform.resources import SAMPLE_COLLECTION, sample_files
from reader.ui.common.resources import app_icon, resource_path, stylesheet

if TYPE_CHECKING:  # the window is built (and its modules loaded) by the "window" step
    from reader.ui.window.main_window import MainWindow

STYLESHEETS = ("base", "light", "dark", "sepia")
ICON_SIZES = (16, 32, 48, 64, 128, 256)
TRANSLATION = "pizhu_zh_CN.qm"
PHRASE = "京津冀"  # occurs in the sample library (documents 002 and 003)
COMMON = "的"  # thick in every sample: its positions are found with NumPy
WAIT_MS = 120_000


class SmokeFailure(Exception):
    """A step's check failed; the message says what was expected."""


def process_age() -> float | None:
    """Seconds since this process started (Linux: from /proc), for start-up figures."""
    try:
        stat = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        start_ticks = int(stat[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


class SmokeTest:
    def __init__(self, data_dir: Path, argv: list[str]) -> None:
        self.data_dir = data_dir
        self.argv = argv
        self.window: MainWindow | None = None
        self.doc_id: int | None = None
        self.results: list[dict[str, object]] = []

    # -- driver -------------------------------------------------------------------------

    def run(self) -> int:
        steps: list[tuple[str, Callable[[], str]]] = [
            ("resources", self.check_resources),
            ("window", self.show_window),
            ("qt-plugins", self.check_qt),
            ("jieba", self.check_jieba),
            ("import", self.import_sample),
            ("open", self.open_document),
            ("search", self.search),
            ("highlight", self.highlight),
            ("export", self.export),
        ]
        failed = False
        for name, step in steps:
            started = time.perf_counter()
            try:
                detail = step()
            except Exception as exc:  # any failure is reported by its step name
                failed = True
                message = f"{type(exc).__name__}: {exc}"
                self._record(name, False, message, started)
                print(f"smoke-test FAILED at {name}: {message}", file=sys.stderr)
                if not isinstance(exc, SmokeFailure):
                    traceback.print_exc()
                break
            self._record(name, True, detail, started)
            print(f"smoke-test: {name} ok ({time.perf_counter() - started:.2f} s) {detail}")
        self._close()
        if not failed:
            print(f"smoke-test ok ({self.data_dir})")
        return 1 if failed else 0

    def _record(self, step: str, ok: bool, detail: str, started: float) -> None:
        seconds = round(time.perf_counter() - started, 3)
        self.results.append({"step": step, "ok": ok, "detail": detail, "seconds": seconds})

    def _close(self) -> None:
        window = self.window
        if window is not None:
            window.close()
            window.library.close()
        QApplication.processEvents()

    def _shown(self) -> MainWindow:
        """The window of the "window" step (the steps run in order and stop at a failure)."""
        if self.window is None:
            raise SmokeFailure("no window: the window step has not run")
        return self.window

    def _opened(self) -> int:
        """The document of the "open" step."""
        if self.doc_id is None:
            raise SmokeFailure("no document: the open step has not run")
        return self.doc_id

    # -- steps --------------------------------------------------------------------------

    def check_resources(self) -> str:
        missing = []
        for name in STYLESHEETS:
            if not stylesheet(name).strip():
                missing.append(f"stylesheets/{name}.qss")
        icons = [resource_path("icons", "pizhu.svg")]
        icons += [resource_path("icons", f"pizhu-{size}.png") for size in ICON_SIZES]
        missing += [f"icons/{p.name}" for p in icons if not p.is_file()]
        if not resource_path("translations", TRANSLATION).is_file():
            missing.append(f"translations/{TRANSLATION}")
        samples = sample_files()
        if len(samples) < 1:
            missing.append("library/*.txt (sample documents)")
        if missing:
            raise SmokeFailure(f"missing from {resource_path()}: {', '.join(missing)}")
        return f"{len(STYLESHEETS)} stylesheets, {len(icons)} icons, {len(samples)} samples"

    def show_window(self) -> str:
        from reader.ui.window.app import build_main_window, create_app

        app = create_app(self.argv)
        # An empty library, so the import step goes through the GUI's background worker.
        self.data_dir.mkdir(parents=True, exist_ok=True)
        (self.data_dir / ".sample-imported").touch()
        window = self.window = build_main_window(self.data_dir)
        window.show()
        self._wait(lambda: window.isVisible() and window.windowHandle() is not None)
        app.processEvents()
        age = process_age()
        shown = f"shown {age:.2f} s after process start, " if age is not None else ""
        return f"{shown}platform {QApplication.platformName()}"

    def check_qt(self) -> str:
        formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
        if "svg" not in formats:
            raise SmokeFailure(f"no SVG image plugin (formats: {sorted(formats)})")
        svg = QSvgRenderer(str(resource_path("icons", "pizhu.svg")))
        if not svg.isValid():
            raise SmokeFailure("icons/pizhu.svg does not render")
        if app_icon().isNull():
            raise SmokeFailure("application icon is empty")
        ours = QTranslator()
        if not ours.load(str(resource_path("translations", TRANSLATION))):
            raise SmokeFailure(f"translations/{TRANSLATION} does not load")
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qtbase = QTranslator()
        if not qtbase.load("qtbase_zh_CN", qt_dir):
            raise SmokeFailure(f"Qt's own qtbase_zh_CN.qm not found in {qt_dir}")
        cjk = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
        fonts = f"{len(cjk)} CJK font families" if cjk else "no CJK font installed (system fonts)"
        return f"svg, icon, translations ok; {fonts}"

    def check_jieba(self) -> str:
        import jieba

        from reader.platform.jieba_setup import configure_jieba, dictionary_file

        if not dictionary_file().is_file():
            raise SmokeFailure(f"jieba dictionary missing: {dictionary_file()}")
        folder = configure_jieba()
        words = jieba.lcut("推进京津冀协同发展")
        if "京津冀" not in words:
            raise SmokeFailure(f"jieba cut looks wrong: {words}")
        caches = sorted(p.name for p in folder.glob("*.cache"))
        if not caches:
            raise SmokeFailure(f"jieba wrote no cache into {folder}")
        return f"cache {folder / caches[0]}"

    def import_sample(self) -> str:
        window = self._shown()
        worker = window.library_actions.start_import(sample_files(), SAMPLE_COLLECTION)
        if worker is None:
            raise SmokeFailure("the import did not start")
        actions = window.library_actions
        self._wait(lambda: actions.import_worker is None)
        docs = window.library.documents.list()
        if len(docs) != len(sample_files()):
            statuses = [(r.path, r.status, r.reason) for r in actions.last_import_results]
            raise SmokeFailure(f"{len(docs)} documents after import: {statuses}")
        return f"{len(docs)} documents"

    def open_document(self) -> str:
        window = self._shown()
        for info in window.library.documents.list():
            if PHRASE in window.library.documents.text(info.id):
                doc_id = self.doc_id = info.id
                break
        else:
            raise SmokeFailure(f"no sample document contains {PHRASE}")
        if not window.open_document(doc_id) or window.reader.doc_id != doc_id:
            raise SmokeFailure(f"document {doc_id} did not open")
        return f"document {doc_id}, {len(window.reader.text)} chars"

    def search(self) -> str:
        controller = getattr(self.window, "search", None)
        if controller is None:
            return self._plain_search()
        service = controller.service  # the window's own: one index writer per library
        service.request_sync()
        self._wait(lambda: service.wait_idle(0.05))
        if service.last_error is not None:
            raise SmokeFailure(f"indexing failed: {service.last_error!r}")
        searcher = service.searcher()
        try:
            response = searcher.search(PHRASE)
            common = searcher.search(COMMON, limit=3)  # dense positions: NumPy's path
        finally:
            searcher.close()
        hit_ids = [hit.doc_id for hit in response.hits]
        if self.doc_id not in hit_ids:
            raise SmokeFailure(f"search {PHRASE!r} missed document {self.doc_id}: {hit_ids}")
        positions = sum(hit.match_count for hit in common.hits)
        if not positions:
            raise SmokeFailure(f"search {COMMON!r} found no positions")
        if not dense_scan_available():  # search works without it, only slower
            raise SmokeFailure("NumPy is missing: dense positions fall back to a slow scan")
        engine = service.segmenter.engine
        return (f"{response.total} hits for {PHRASE}, {positions} positions of {COMMON}"
                f" (search index, {engine})")

    def _plain_search(self) -> str:
        documents = self._shown().library.documents
        hits = [d.id for d in documents.list() if PHRASE in documents.text(d.id)]
        if self.doc_id not in hits:
            raise SmokeFailure(f"text scan for {PHRASE!r} missed document {self.doc_id}")
        return f"{len(hits)} documents contain {PHRASE} (text scan: the window has no search)"

    def highlight(self) -> str:
        window = self._shown()
        start = window.reader.text.find(PHRASE)
        end = start + len(PHRASE)
        window.reader.select_range(start, end)
        ann, changes = window.annotations.create(self._opened(), start, end, color="yellow")
        window.apply_changes(changes)
        QApplication.processEvents()
        if ann.quote != PHRASE:
            raise SmokeFailure(f"highlight quotes {ann.quote!r}, expected {PHRASE!r}")
        return f"annotation {ann.id} at {start}..{end}"

    def export(self) -> str:
        from reader.core.export.service import ExportScope, ExportService

        path = self.data_dir / "smoke-export.md"
        report = ExportService(self._shown().library.db).export_markdown(
            ExportScope(doc_ids=(self._opened(),)), path
        )
        text = path.read_text(encoding="utf-8")
        if report.annotations != 1 or PHRASE not in text:
            raise SmokeFailure(f"export wrote {report.annotations} annotations to {path}")
        return f"{path.name}, {len(text)} chars"

    # -- helpers ------------------------------------------------------------------------

    def _wait(self, done: Callable[[], bool], timeout_ms: int = WAIT_MS) -> None:
        """Run the event loop until ``done()`` (workers report through queued signals)."""
        deadline = time.monotonic() + timeout_ms / 1000
        loop = QEventLoop()
        while not done():
            if time.monotonic() > deadline:
                raise SmokeFailure(f"timed out after {timeout_ms / 1000:.0f} s")
            QTimer.singleShot(20, loop.quit)
            loop.exec()


def parse_smoke_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="pizhu --smoke-test", add_help=False)
    parser.add_argument("--smoke-result", metavar="FILE", default=None)
    return parser.parse_known_args(argv)


def run_smoke_test(data_dir: Path | None, argv: list[str]) -> int:
    """Run every step on ``data_dir`` (default: a temporary dir, removed afterwards)."""
    args, qt_args = parse_smoke_args(argv)
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and headless and QApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # CI, ssh: no display at all
    with tempfile.TemporaryDirectory(prefix="pizhu-smoke-") as tmp:
        test = SmokeTest(data_dir or Path(tmp) / "data", qt_args)
        try:
            code = test.run()
        finally:
            if args.smoke_result:
                ok = all(r["ok"] for r in test.results)
                result = {"ok": ok, "steps": test.results}
                text = json.dumps(result, ensure_ascii=False, indent=1)
                Path(args.smoke_result).write_text(text, encoding="utf-8")
        QCoreApplication.processEvents()
    return code
