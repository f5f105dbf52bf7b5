"""How long a filter change in the Annotations workspace takes at 10 000 annotations.

Usage: QT_QPA_PLATFORM=offscreen python bench/workspace_bench.py [--annotations 10000] [--runs 30]

Builds a temp library from the bundled sample documents, adds ``--annotations``
annotations spread over them (tags with sub-tags, five colours, notes on a third,
dates over 60 days, a few orphans), then times each kind of filter change as the user
makes it: from the new filter to the list model reset, its first page of rows built
and the list view laid out and painted. Prints median and p95 per filter, and the
same for the Qt-free query alone (``AnnotationQuery.ids``).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from reader.core.annotate.query import AnnotationFilter, AnnotationQuery  # noqa: E402
from reader.core.library import Library  # noqa: E402
from reader.core.storage.db import transaction  # noqa: E402
from reader.ui.workspace.model import AnnotationListModel  # noqa: E402
from reader.ui.workspace.panel import WorkspacePanel  # noqa: E402

TAGS = ["城市", "城市/更新", "城市/治理", "数据", "数据/统计", "金融", "创新", "政策/解读"]
NOTES = ["要点：稳中求进", "數據口徑不同", "对比2023年", "ＧＤＰ增速", "待核实"]
COLORS = ["yellow", "green", "blue", "pink", "purple"]


def build(library: Library, count: int) -> None:
    rng = random.Random(13)
    library.importer().import_paths(sorted((ROOT / "library").glob("*.txt")))
    docs = [(d.id, library.documents.text(d.id)) for d in library.documents.list()]
    with transaction(library.db):
        for n in range(count):
            doc_id, text = docs[n % len(docs)]
            start = rng.randrange(0, len(text) - 40)
            while not text[start : start + 12].strip():
                start = rng.randrange(0, len(text) - 40)
            tags = rng.sample(TAGS, rng.choice((0, 1, 1, 2)))
            library.annotations.create(
                doc_id,
                start,
                start + rng.randint(4, 30),
                color=COLORS[n % 5],
                style="underline" if n % 7 == 0 else "highlight",
                note=rng.choice(NOTES) if n % 3 == 0 else "",
                tags=tags,
            )
        library.db.execute(
            "UPDATE annotations SET created_at = date('2026-12-02', '-' || (id % 60) || ' days')"
            " || 'T10:00:00+00:00', status = CASE WHEN id % 97 = 0 THEN 'orphaned' ELSE 'ok' END"
        )


FILTERS = {
    "everything": AnnotationFilter(),
    "tag 城市 (with sub-tags)": AnnotationFilter(tag="城市"),
    "colour blue": AnnotationFilter(colors=("blue",)),
    "has a note": AnnotationFilter(has_note=True),
    "orphaned": AnnotationFilter(orphaned=True),
    "last 7 days": AnnotationFilter(since="2026-11-26"),
    "text 城市 (quotes + notes)": AnnotationFilter(text="城市"),
    "text 數據 (folded: 数据)": AnnotationFilter(text="數據"),
    "tag + colour + text": AnnotationFilter(tag="数据", colors=("green",), text="发展"),
    "sort by date": AnnotationFilter(sort="created"),
    "sort by colour": AnnotationFilter(sort="color"),
}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--annotations", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        library = Library.open(Path(tmp))
        started = time.perf_counter()
        build(library, args.annotations)
        print(f"built {args.annotations} annotations in {time.perf_counter() - started:.1f} s")
        query = AnnotationQuery(library.db)
        model = AnnotationListModel(query)
        panel = WorkspacePanel(model)
        panel.resize(1100, 800)
        panel.show()
        app.processEvents()
        query.ids(AnnotationFilter(text="warm-up"))  # the folded-text cache, filled once
        print(f"{'filter':32} {'matches':>7}  {'GUI median':>10} {'p95':>7}  {'query median':>12}")
        worst = 0.0
        for name, flt in FILTERS.items():
            gui, core = [], []
            for run in range(args.runs):
                other = AnnotationFilter(sort="updated") if run % 2 else AnnotationFilter()
                model.set_filter(other)
                app.processEvents()
                t0 = time.perf_counter()
                model.set_filter(replace(flt))
                panel.list.viewport().repaint()
                app.processEvents()
                gui.append(1000 * (time.perf_counter() - t0))
                t0 = time.perf_counter()
                query.ids(flt)
                core.append(1000 * (time.perf_counter() - t0))
            p95 = percentile(gui, 0.95)
            worst = max(worst, p95)
            print(
                f"{name:32} {model.total():>7}  {statistics.median(gui):>8.1f}ms {p95:>5.1f}ms"
                f"  {statistics.median(core):>10.1f}ms"
            )
        print(f"worst p95: {worst:.1f} ms (goal: < 100 ms)")
        library.close()


if __name__ == "__main__":
    main()
