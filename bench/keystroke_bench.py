"""Keystroke-to-results latency of the search panel on the ../shared library.

Usage: QT_QPA_PLATFORM=offscreen python bench/keystroke_bench.py [--shared DIR]
                                                                  [--scale-mb MB]

Builds the library (seeds + corpus, or a generated corpus) and its index, opens the
real main window, then types queries into the search panel one character at a time
(as an input method commits them) and measures, for every keystroke, the time until
the panel shows the results of the text now in the box. The panel's debounce
(``DEBOUNCE_MS``) is part of what is measured: it is what the user waits for.
``--scale-mb 100`` types into a library of that size instead, made from the same texts
as ``bench/search_bench.py`` makes its scaled one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from search_bench import library_dir  # noqa: E402

from reader.core.search.service import SearchService  # noqa: E402
from reader.ui.search.panel import DEBOUNCE_MS  # noqa: E402
from reader.ui.window.app import build_main_window, create_app  # noqa: E402

QUERIES = [
    "社会主义现代化",
    "改革开放",
    "国务院",
    "國務院",
    "人民代表大会",
    "GDP",
    "2024年",
    "的",
    "新质生产力",
    "京津冀协同发展",
    "一带一路",
    "经济体制改革",
    "\"稳中求进\"",
    "农业 -工业",
    "title:政府工作报告",
]


def type_char(app: QApplication, box, ch: str) -> None:
    event = QInputMethodEvent("", [])
    event.setCommitString(ch)
    QApplication.sendEvent(box, event)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--scale-mb", type=int, default=0)
    parser.add_argument("--procs", type=int, default=2)
    parser.add_argument("--data-dir", type=Path,
                        help="an existing library (its index brought up to date, not rebuilt)")
    args = parser.parse_args()
    if args.data_dir:
        source, data_dir = str(args.data_dir), args.data_dir
    else:
        source, data_dir = library_dir(args.shared, args.scale_mb)
    service = SearchService(data_dir)
    started = time.perf_counter()
    service.sync_now(rebuild=not args.data_dir, procs=args.procs)
    print(f"library: {source}; index built in {time.perf_counter() - started:.1f} s")
    app = create_app([])
    window = build_main_window(data_dir)
    window.resize(1280, 820)
    window.show()
    window.search.service.wait_idle(120)
    # As a user who opens the panel a moment after the window: the worker has read the
    # chunk texts into its cache by then (0.5-1 s at 100 MB).
    window.search.worker.warmed.wait(60)
    panel = window.search.panel
    window.search.open_search()
    latencies: list[float] = []
    tick = QTimer()  # wakes the waiting loop below now and then, for its 10 s time-out
    tick.start(250)
    for query in QUERIES:
        panel.query.clear()
        app.processEvents()
        for ch in query:
            type_char(app, panel.query, ch)
            t0 = time.perf_counter()
            expected = panel.query.text().strip()
            while not (
                panel.last_result is not None
                and panel.last_result.query == expected
                and panel.shown_generation == panel.generation
            ):
                # Sleep until the next event (the debounce timer, the worker's result), as
                # an idle event loop does: a busy loop here held the GIL against the
                # search worker and doubled what was measured.
                app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
                if time.perf_counter() - t0 > 10:
                    raise SystemExit(f"no result for {expected!r} after 10 s")
            latencies.append((time.perf_counter() - t0) * 1000)
            if os.environ.get("BENCH_VERBOSE"):
                print(f"  {expected!r}: {latencies[-1]:.0f} ms")
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(f"{len(latencies)} keystrokes over {len(QUERIES)} queries (debounce {DEBOUNCE_MS} ms)")
    print(
        f"keystroke → results: median {statistics.median(latencies):.0f} ms, "
        f"p95 {p95:.0f} ms, max {latencies[-1]:.0f} ms"
    )
    print(f"under 100 ms: {sum(v < 100 for v in latencies)}/{len(latencies)}")
    window.close()


if __name__ == "__main__":
    main()
