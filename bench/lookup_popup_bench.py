"""How long ``D`` takes: from the key press to the dictionary pop-up painted, filled in.

Usage: QT_QPA_PLATFORM=offscreen python bench/lookup_popup_bench.py [--runs N] [--busy]

The real main window on a fresh library (the samples), CC-CEDICT loaded beforehand as
the window does in the background; the cursor is put on N characters of seed 003 in
turn and ``D`` pressed. The search index is left to finish first (``--busy``: measure
while it is still indexing the samples, as right after a first start). The target is
50 ms (issue 15).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from reader.core.dictionary import Dictionary  # noqa: E402
from reader.ui.dictionary.loader import DictionaryLoader  # noqa: E402
from reader.ui.window.app import build_main_window, create_app  # noqa: E402

SEED_003 = 4


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--busy", action="store_true", help="do not wait for the indexer")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    app = create_app([])
    started = time.perf_counter()
    dictionary = Dictionary.load(folder / "cache")
    print(f"dictionary load (first start, cache built): {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    Dictionary.load(folder / "cache")
    print(f"dictionary load (from the cache, warmed):  {time.perf_counter() - started:.2f} s")
    loader = DictionaryLoader()
    loader.dictionary = dictionary
    window = build_main_window(folder / "data")
    window.dictionary.loader = loader
    window.resize(1280, 820)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.open_document(SEED_003)
    if not args.busy:
        window.search.service.wait_idle(60)
    app.processEvents()
    reader, popup = window.reader, window.dictionary.popup
    text = reader.text
    rng = random.Random(15)
    offsets = [i for i, ch in enumerate(text) if "\u4e00" <= ch <= "\u9fff"]
    times: list[float] = []
    for offset in rng.sample(offsets, args.runs):
        window.reader.jump_to(max(0, offset - 40))
        cursor = reader.textCursor()
        cursor.setPosition(reader.to_qt(offset))
        reader.setTextCursor(cursor)
        reader.setFocus()
        app.processEvents()
        start = time.perf_counter()
        QTest.keyClick(reader, Qt.Key.Key_D)
        popup.repaint()  # painted, not only laid out
        times.append((time.perf_counter() - start) * 1000)
        QTest.keyClick(popup, Qt.Key.Key_Escape)
        app.processEvents()
    ordered = sorted(times)
    print(
        f"D to pop-up painted, {len(times)} words: first {times[0]:.1f} ms,"
        f" median {statistics.median(times):.1f} ms,"
        f" p95 {ordered[int(0.95 * (len(ordered) - 1))]:.1f} ms, max {ordered[-1]:.1f} ms"
    )
    window.close()
    window.library.close()


if __name__ == "__main__":
    main()
