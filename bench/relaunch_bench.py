"""Relaunch on an indexed library: how soon the window is usable, and its first search.

Usage: QT_QPA_PLATFORM=offscreen python bench/relaunch_bench.py [--shared DIR]
                                                               [--scale-mb MB] [--runs N]

Builds the library (seeds + corpus, or a generated corpus; ``--scale-mb`` scales it as
``bench/search_bench.py`` does) and its index once, opens it once (as the user's first
launch did), then relaunches the app ``--runs`` times, each in a fresh process. A
relaunch reports, in seconds since its process started (from /proc, imports included):

* **shown**: the main window is on screen with the last document open;
* **usable**: from then on the event loop never stalls for more than 100 ms during the
  next second (a 10 ms heartbeat timer; a stall is a frozen window);
* **first search**: once usable, ``社会主义`` typed into the search panel, until the panel
  shows its results (seconds from the keystroke, the panel's debounce included).

jieba's dictionary must not be on the path to any of them (the issue's relaunch target
is a usable window in under 1.5 s).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from memory import peak_mb  # noqa: E402

STALL_MS = 100.0
QUIET_S = 1.0
QUERY = "社会主义"


def since_start() -> float:
    """Seconds since this process started (Linux /proc; falls back to import time)."""
    try:
        stat = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - int(stat[19]) / ticks
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - _IMPORTED


_IMPORTED = time.perf_counter()


def child(data_dir: Path) -> None:
    """One relaunch; prints one JSON line of figures."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    from reader.ui.window.app import build_main_window

    window = build_main_window(data_dir)
    window.resize(1280, 820)
    window.show()
    app = QApplication.instance()
    assert app is not None
    app.processEvents()
    shown = since_start()
    jieba_at_shown = window.search.service.segmenter.requested
    offset = time.perf_counter() - shown  # perf_counter at process start
    beats: list[float] = []
    heartbeat = QTimer(interval=10)
    heartbeat.timeout.connect(lambda: beats.append(time.perf_counter() - offset))
    heartbeat.start()
    deadline = time.perf_counter() + 60
    usable = None
    while usable is None and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.002)
        usable = _usable(beats, shown)
    window.search.open_search()
    panel = window.search.panel
    typed = since_start()
    event = QInputMethodEvent("", [])
    event.setCommitString(QUERY)
    QApplication.sendEvent(panel.query, event)
    searched = None
    while searched is None and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.002)
        result = panel.last_result
        if result is not None and result.query == QUERY \
                and panel.shown_generation == panel.generation:
            searched = since_start() - typed
    heartbeat.stop()
    peak = peak_mb()
    print(json.dumps({
        "shown": shown, "usable": usable, "first_search": searched,
        "jieba_requested_at_shown": jieba_at_shown, "peak_rss_mb": peak,
    }))
    window.close()
    window.library.close()


def _usable(beats: list[float], shown: float) -> float | None:
    """The first heartbeat after which no gap exceeds STALL_MS for QUIET_S seconds."""
    start = shown
    last = shown
    for beat in beats:
        if (beat - last) * 1000 > STALL_MS:
            start = beat
        last = beat
        if beat - start >= QUIET_S:
            return start
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--scale-mb", type=int, default=0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--procs", type=int, default=2)
    parser.add_argument("--data-dir", type=Path,
                        help="an existing library (its index brought up to date, not rebuilt)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    from search_bench import library_dir

    from reader.core.search.service import SearchService

    if args.data_dir:
        source, data_dir = str(args.data_dir), args.data_dir
    else:
        source, data_dir = library_dir(args.shared, args.scale_mb)
    started = time.perf_counter()
    SearchService(data_dir).sync_now(rebuild=not args.data_dir, procs=args.procs)
    print(f"library: {source}; index built in {time.perf_counter() - started:.1f} s")
    runs = [_relaunch(data_dir) for _ in range(args.runs + 1)][1:]  # the first is the launch
    for key in ("shown", "usable", "first_search", "peak_rss_mb"):
        values = [r[key] for r in runs if r[key] is not None]
        missing = len(runs) - len(values)
        unit = " MB" if key == "peak_rss_mb" else " s"
        print(f"{key}: median {statistics.median(values):.2f}{unit} "
              f"(runs {', '.join(f'{v:.2f}' for v in values)})"
              + (f", {missing} never" if missing else ""))
    print(f"jieba asked for before the window was shown: "
          f"{sum(r['jieba_requested_at_shown'] for r in runs)} of {len(runs)} runs")


def _relaunch(data_dir: Path) -> dict[str, float]:
    # As on a user's machine, where Python keeps its compiled modules (this VM sets
    # PYTHONDONTWRITEBYTECODE, which recompiles every module of the package each launch).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(data_dir)],
        capture_output=True, text=True, timeout=300, check=False, env=env,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"relaunch failed:\n{proc.stdout}\n{proc.stderr}")
    return json.loads(lines[-1])


if __name__ == "__main__":
    main()
