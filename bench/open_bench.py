"""How long opening a document in the reader takes, to the first painted frame.

Usage: QT_QPA_PLATFORM=offscreen python bench/open_bench.py [--runs N] [--mb 5]

Opens the 224 KB seed 003 and a generated document of ``--mb`` MB (paragraphs from
the seeds, headings every 40 paragraphs, 2 000 highlights) in the real main window;
each run opens another document first so nothing is cached in the reader.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.ui.window.app import build_main_window, create_app  # noqa: E402


def make_big_document(folder: Path, megabytes: float) -> Path:
    paragraphs = [
        p.strip()
        for seed in sorted((ROOT / "library").glob("*.txt"))
        for p in seed.read_text(encoding="utf-8").split("\n\n")
        if len(p.strip()) > 40 and not p.startswith("#")
    ]
    out, size, i = [], 0, 0
    while size < megabytes * 1_000_000:
        if i % 40 == 0:
            out.append(f"## 第{i // 40 + 1}节")
        para = paragraphs[i % len(paragraphs)]
        out.append(para)
        size += len(para.encode()) + 2
        i += 1
    path = folder / "big.txt"
    path.write_text("# 大文档\n\n" + "\n\n".join(out) + "\n", encoding="utf-8")
    return path


def time_open(window, app, doc_id: int, other: int) -> float:
    window.open_document(other)
    app.processEvents()
    start = time.perf_counter()
    window.open_document(doc_id)
    window.reader.viewport().repaint()
    app.processEvents()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mb", type=float, default=5.0)
    args = parser.parse_args()
    app = create_app([])
    data_dir = Path(tempfile.mkdtemp())
    window = build_main_window(data_dir)
    window.resize(1280, 820)
    window.show()
    big = make_big_document(data_dir, args.mb)
    (result,) = window.library.importer().import_paths([big])
    big_id = int(result.doc_id or 0)
    text = window.library.documents.text(big_id)
    step = max(1, len(text) // 2000)
    for n in range(2000):
        start = n * step
        window.annotations.create(big_id, start, min(len(text), start + 8), color="blue")
    chars = len(text)
    for label, doc_id, other in (
        ("seed 003 (224 KB)", 4, 1),
        (f"{args.mb:g} MB, 2 000 highlights", big_id, 1),
    ):
        times = [time_open(window, app, doc_id, other) for _ in range(args.runs)]
        print(
            f"{label}: median {statistics.median(times) * 1000:.0f} ms "
            f"(runs: {', '.join(f'{t * 1000:.0f}' for t in times)})"
        )
    print(f"big document: {chars:,} chars")
    window.close()


if __name__ == "__main__":
    main()
