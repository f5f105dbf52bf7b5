"""Query CPU time on an existing library, for comparing two versions side by side.

Usage: python bench/search_cpu_bench.py DATA_DIR [--queries N] [--limit N] [--cold]

The search panel's page (``limit=30``) for the benchmark's query set (the named hard ones
plus random substrings, as ``search_bench.py``), after one warm-up pass; each query's best
CPU time (``time.thread_time``) of three passes, so other jobs on a shared machine disturb it
less than wall time. Run it once per checkout (``python OTHER_CHECKOUT/bench/...``) on the
same data dir, alternating, and compare. ``--cold`` clears the searcher's per-gram and
per-word caches before each query, as for a prefix the user has just typed (a keystroke's
query is new to the searcher far more often than not).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from memory import peak_mb  # noqa: E402
from search_bench import make_queries, percentile, texts_of  # noqa: E402

from reader.core.search.service import SearchService  # noqa: E402


def forget(searcher: Any) -> None:
    """Empty what a searcher keeps per gram and per word (not the texts: warm_up reads
    those before the first keystroke)."""
    searcher._ranker.clear()
    for name in ("_gram_cache", "_holder_cache", "_word_cache", "_gram_freq",
                 "_q_chunks"):
        getattr(searcher, name).clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--limit", type=int, default=30)
    parser.add_argument("--cold", action="store_true", help="no per-gram or per-word cache")
    args = parser.parse_args()
    queries = make_queries(texts_of(args.data_dir), args.queries, seed=11)
    started = time.perf_counter()
    searcher = SearchService(args.data_dir).searcher()
    searcher.search("社会主义", limit=args.limit)
    first_ms = (time.perf_counter() - started) * 1000
    for query in queries:
        searcher.search(query, limit=args.limit)
    best = [float("inf")] * len(queries)
    for _ in range(3):
        for n, query in enumerate(queries):
            if args.cold:
                forget(searcher)
            t = time.thread_time()
            searcher.search(query, limit=args.limit)
            best[n] = min(best[n], (time.thread_time() - t) * 1000)
    searcher.close()
    slow = sorted(zip(best, queries, strict=True), reverse=True)[:5]
    print(json.dumps({
        "code": str(ROOT), "queries": len(queries), "cold": args.cold,
        "first_query_ms": round(first_ms, 1),
        "cpu_ms": {"p50": round(percentile(best, 0.5), 2), "p95": round(percentile(best, 0.95), 2),
                   "max": round(max(best), 1)},
        "peak_rss_mb": round(peak_mb(), 1),
        "slowest": [[q, round(ms, 1)] for ms, q in slow],
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
