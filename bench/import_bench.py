"""Import benchmark: the whole ../shared/corpus (or a generated one) into a fresh data dir.

Usage: python bench/import_bench.py [--corpus DIR] [--runs N] [--big-mb MB] [--formats]

Prints the median wall time of the import (decode, reflow, outline, insert, in one
transaction), chars/s, and the peak resident memory of a separate run importing one
large generated file (``--big-mb``, default 50) to show memory stays bounded.
``--formats`` goes on with the PDF, DOCX, EPUB and HTML figures of bench/formats_bench.py.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.library import Library  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
PARAGRAPH = (
    "全会听取和讨论了工作报告，审议通过了《决定》。各地区各部门要坚持稳中求进工作总基调，"
    "推动高质量发展，2024年GDP增长5.2%，PM2.5浓度下降。"
)


def generate_corpus(folder: Path, files: int = 60, paragraphs: int = 300) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(files):
        body = "\n\n".join(f"第{j}段。{PARAGRAPH}" for j in range(paragraphs))
        (folder / f"report-{i:03d}.txt").write_text(f"# 报告 {i}\n\n一、总体要求\n\n{body}\n")
    return folder


def time_import(corpus: Path) -> tuple[float, int, int]:
    with tempfile.TemporaryDirectory() as tmp:
        library = Library.open(Path(tmp))
        start = time.perf_counter()
        results = library.importer().import_paths([corpus])
        elapsed = time.perf_counter() - start
        chars = library.db.execute("SELECT sum(chars) FROM documents").fetchone()[0] or 0
        library.close()
    return elapsed, chars, len(results)


def big_file_peak_rss(megabytes: int) -> tuple[float, float]:
    """Import one generated file of ``megabytes`` MB in a child process; return (s, peak MB)."""
    code = f"""
import resource, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, {str(ROOT)!r})
from reader.core.library import Library
tmp = Path(tempfile.mkdtemp())
para = {PARAGRAPH!r}
with open(tmp / "big.txt", "w", encoding="utf-8") as fh:
    written = 0
    i = 0
    while written < {megabytes} * 1024 * 1024:
        chunk = f"第{{i}}段。{{para}}\\n\\n"
        fh.write(chunk); written += len(chunk.encode()); i += 1
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
lib = Library.open(tmp / "data")
t = time.perf_counter()
r = lib.importer().import_paths([tmp / "big.txt"])
assert r[0].status == "imported", r
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, peak = out.stdout.split()
    return float(seconds), float(peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--big-mb", type=int, default=50)
    parser.add_argument(
        "--formats", action="store_true", help="then PDF/DOCX/EPUB/HTML (bench/formats_bench.py)"
    )
    args = parser.parse_args()
    corpus = args.corpus
    if not corpus.is_dir():
        corpus = generate_corpus(Path(tempfile.mkdtemp()) / "generated")
        print(f"{args.corpus} not found; using a generated corpus in {corpus}")
    size = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
    times = []
    for _ in range(args.runs):
        elapsed, chars, files = time_import(corpus)
        times.append(elapsed)
    median = statistics.median(times)
    print(f"corpus: {files} files, {size / 1e6:.2f} MB, {chars:,} chars")
    print(f"import median of {args.runs}: {median:.3f} s  ({chars / median:,.0f} chars/s)")
    print(f"runs: {', '.join(f'{t:.3f}' for t in times)}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak_mb:.0f} MB")
    if args.big_mb:
        seconds, peak = big_file_peak_rss(args.big_mb)
        print(f"one {args.big_mb} MB file: {seconds:.2f} s, peak RSS {peak:.0f} MB")
    if args.formats:
        sys.path.insert(0, str(ROOT / "bench"))
        import formats_bench  # makes its files with Qt's PDF writer

        sys.argv = [sys.argv[0], "--runs", str(min(args.runs, 3))]
        formats_bench.main()


if __name__ == "__main__":
    main()
