"""Query CPU time on an existing library, for comparing two versions side by side.

Usage: python bench/search_cpu_bench.py DATA_DIR [--queries N] [--seed S] [--limit N]
                                          [--cold] [--panel] [--count] [--wall]
                                          [--query-file F]

The search panel's page (``limit=30``) for the benchmark's query set (the named hard ones
plus random substrings, as ``search_bench.py``), after one warm-up pass; each query's best
CPU time (``time.thread_time``) of three passes, so other jobs on a shared machine disturb it
less than wall time. Run it once per checkout (``python OTHER_CHECKOUT/bench/...``) on the
same data dir, alternating, and compare. ``--cold`` clears the searcher's per-gram and
per-word caches before each query, as for a prefix the user has just typed (a keystroke's
query is new to the searcher far more often than not). ``--panel`` searches as the search
panel does (``exact_total=False``: the page first, the total maybe a lower bound); ``--wall``
times one pass in wall time instead (with the p50 and p95 over queries and the peak RSS),
as ``search_bench.py`` does, for a quiet machine. ``--count`` times what the panel asks
after its page, ``Searcher.count`` (the exact total), with the panel's pages as the
warm-up (each count is then the query's first, as after a keystroke). ``--query-file F``
reads the queries from F, or writes them there first: a run that reads them never loads
the library's texts, so its peak RSS is the search's own (a 1 GB library's texts would
be most of it).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from functools import partial
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
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--cold", action="store_true", help="no per-gram or per-word cache")
    parser.add_argument("--panel", action="store_true", help="exact_total=False, as the panel")
    parser.add_argument("--count", action="store_true", help="time count(), after pages")
    parser.add_argument("--wall", action="store_true", help="one pass, wall time")
    parser.add_argument("--query-file", type=Path, help="read the queries, or write them")
    args = parser.parse_args()
    if args.query_file is not None and args.query_file.exists():
        queries = json.loads(args.query_file.read_text(encoding="utf-8"))
    else:
        queries = make_queries(texts_of(args.data_dir), args.queries, seed=args.seed)
        if args.query_file is not None:
            args.query_file.write_text(json.dumps(queries, ensure_ascii=False), "utf-8")
            return
    options: dict[str, Any] = {"limit": args.limit}
    if args.panel or args.count:
        options["exact_total"] = False
    clock = time.perf_counter if args.wall else time.thread_time
    started = time.perf_counter()
    searcher = SearchService(args.data_dir).searcher()
    searcher.search("社会主义", **options)
    first_ms = (time.perf_counter() - started) * 1000
    for query in queries:
        searcher.search(query, **options)
    measured = searcher.count if args.count else partial(searcher.search, **options)
    best = [float("inf")] * len(queries)
    for _ in range(1 if args.wall or args.count else 3):
        for n, query in enumerate(queries):
            if args.cold:
                forget(searcher)
            t = clock()
            measured(query)
            best[n] = min(best[n], (clock() - t) * 1000)
    searcher.close()
    slow = sorted(zip(best, queries, strict=True), reverse=True)[:5]
    print(json.dumps({
        "code": str(ROOT), "queries": len(queries), "cold": args.cold, "panel": args.panel,
        "count": args.count,
        "clock": "wall" if args.wall else "cpu",
        "first_query_ms": round(first_ms, 1),
        "ms": {"p50": round(percentile(best, 0.5), 2), "p95": round(percentile(best, 0.95), 2),
                   "max": round(max(best), 1)},
        "peak_rss_mb": round(peak_mb(), 1),
        "slowest": [[q, round(ms, 1)] for ms, q in slow],
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
