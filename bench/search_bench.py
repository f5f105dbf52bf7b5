"""Search benchmark: build time, index size, memory, query latency and literal recall.

Usage: python bench/search_bench.py [--shared DIR] [--builds N] [--queries N]
                                    [--scale-mb MB] [--procs P]

1. Library: ``../shared/seeds`` + ``../shared/corpus`` imported into a temp data dir
   (or a generated corpus when they are absent).
2. ``jieba.lcut`` of every paragraph (the reference the build is compared with),
   interleaved with full index builds (median of ``--builds``), 1 process and ``--procs``.
3. In a fresh process: the first query, then ``--queries`` generated queries plus named
   hard ones at the search panel's page (``limit=30``: hits, every position in them,
   snippets; the total exact or, for a common phrase, a lower bound the panel counts
   next), the same page with an exact total (the CLI's), the count alone, and every
   document (``limit=100000``), the process's peak RSS, and, in the same process
   afterwards, a plain ``str.find`` over all raw texts.
4. Literal recall of every query (quoted) against a brute-force folded-substring scan.
5. First query in a fresh process (imports apart); a new 1 MB document visible to search
   while still queued (verified on its own text) and once indexed.
6. A scaled library of ``--scale-mb`` MB (default 100; 0 skips) made from the same
   texts, each copy's paragraphs shuffled: build, index size, 3-5 again.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.ingest.model import ParsedDocument  # noqa: E402
from reader.core.library import Library  # noqa: E402
from reader.core.search.fold import fold  # noqa: E402
from reader.core.search.index import SearchIndex  # noqa: E402
from reader.core.search.service import SearchService  # noqa: E402
from reader.core.storage.db import transaction  # noqa: E402
from reader.core.storage.documents import SourceInfo  # noqa: E402

NAMED = [
    "社会主义", "发展", "的", "年", "国", "天津市委", "小平", "过群", "5G", "PM2.5", "2024年",
    "1.2万亿元", "67%", "GDP", "ＧＤＰ", "２０２４", "国务院", "國務院", "𠮷", "䶮",
    "改革开放", "新质生产力", "全面建成小康社会", "坚持和发展中国特色社会主义",
    "中国共产党第十九次全国代表大会", "改革 开放", "经济 OR 政治", "发展 -社会主义",
    '"人民代表大会"', "高举中国特色社会主义伟大旗帜，为决胜全面建成小康社会而奋斗",
]
SENTENCE = (
    "各地区各部门要坚持稳中求进工作总基调，推动高质量发展，2024年GDP增长5.2%，PM2.5浓度下降。"
)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "p50": round(statistics.median(values), 3),
        "p90": round(percentile(values, 0.90), 3),
        "p95": round(percentile(values, 0.95), 3),
        "max": round(max(values), 3),
    }


def make_library(data_dir: Path, shared: Path) -> str:
    library = Library.open(data_dir)
    try:
        sources = [p for p in (shared / "seeds", shared / "corpus") if p.is_dir()]
        if sources:
            library.importer().import_paths(sources)
            return f"{', '.join(str(p) for p in sources)}"
        folder = data_dir.parent / "generated"
        folder.mkdir(parents=True, exist_ok=True)
        rng = random.Random(1)
        for i in range(90):
            paras = ["".join(rng.sample(SENTENCE, len(SENTENCE))) for _ in range(400)]
            (folder / f"g{i:03d}.txt").write_text(f"# 报告{i}\n\n" + "\n\n".join(paras))
        library.importer().import_paths([folder])
        return "generated corpus"
    finally:
        library.close()


def texts_of(data_dir: Path) -> dict[int, str]:
    library = Library.open(data_dir)
    try:
        return {d.id: library.documents.text(d.id) for d in library.documents.list()}
    finally:
        library.close()


def library_dir(shared: Path, scale_mb: int) -> tuple[str, Path]:
    """A fresh library of seeds + corpus (or a generated one), scaled to ``scale_mb`` if
    asked: what it is made of, and its data dir (the UI benchmarks type into it)."""
    data_dir = Path(tempfile.mkdtemp()) / "data"
    source = make_library(data_dir, shared)
    if not scale_mb:
        return source, data_dir
    big_dir = data_dir.parent / "big"
    size, _chars = scaled_library(big_dir, texts_of(data_dir), scale_mb)
    return f"{source} scaled to {size / 1e6:.0f} MB", big_dir


def jieba_baseline(texts: dict[int, str]) -> float:
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    paragraphs = [p for t in texts.values() for p in t.split("\n") if p.strip()]
    start = time.perf_counter()
    for paragraph in paragraphs:
        jieba.lcut(paragraph)
    return time.perf_counter() - start


def time_builds(data_dir: Path, runs: int, procs: int) -> list[float]:
    times = []
    for _ in range(runs):
        service = SearchService(data_dir)
        service.segmenter.wait_ready()
        start = time.perf_counter()
        service.sync_now(rebuild=True, procs=procs)
        times.append(time.perf_counter() - start)
    return times


def make_queries(texts: dict[int, str], count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    bodies = [t for t in texts.values() if len(t) > 50]
    queries: list[str] = list(NAMED)
    while len(queries) < count + len(NAMED):
        text = rng.choice(bodies)
        size = rng.choice((1, 2, 2, 3, 4, 4, 5, 6, 8, 12))
        start = rng.randrange(0, len(text) - size)
        piece = text[start : start + size]
        if piece.strip() and '"' not in piece and not piece.isspace():
            queries.append(piece)
    return queries


MEASURE = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[1] + "/bench")
from memory import peak_mb
from pathlib import Path
from reader.core.search.service import SearchService
from reader.core.storage.db import open_database
data_dir, queries = Path(sys.argv[2]), json.loads(Path(sys.argv[3]).read_text())
t0 = time.perf_counter()
service = SearchService(data_dir)
searcher = service.searcher()
first = searcher.search("社会主义", limit=30, exact_total=False)
first_ms = (time.perf_counter() - t0) * 1000
for query in queries:  # warm-up pass (grams and words cached as after some typing)
    searcher.search(query, limit=30, exact_total=False)
page, exact_page, count, every = [], [], [], []
for query in queries:  # the panel's page: total exact or a lower bound
    t = time.perf_counter(); searcher.search(query, limit=30, exact_total=False)
    page.append((time.perf_counter() - t) * 1000)
for query in queries:  # the page with an exact total (the CLI's)
    t = time.perf_counter(); searcher.search(query, limit=30)
    exact_page.append((time.perf_counter() - t) * 1000)
for query in queries:  # what the panel counts after its page
    t = time.perf_counter(); searcher.count(query)
    count.append((time.perf_counter() - t) * 1000)
page_rss_mb = peak_mb()
for query in queries:
    t = time.perf_counter(); searcher.search(query, limit=100000)
    every.append((time.perf_counter() - t) * 1000)
searcher.close()
rss_mb = peak_mb()
db = open_database(data_dir / "library.sqlite3")
raw = [row[0] for row in db.execute("SELECT text FROM documents")]
db.close()
scan = []
for query in queries:
    t = time.perf_counter()
    for text in raw:
        text.find(query)
    scan.append((time.perf_counter() - t) * 1000)
print(json.dumps({"first_ms": first_ms, "page": page, "exact_page": exact_page,
                  "count": count, "every": every, "scan": scan,
                  "rss_mb": rss_mb, "page_rss_mb": page_rss_mb, "total": first.total}))
"""


def measure_queries(data_dir: Path, queries: list[str]) -> dict[str, object]:
    """Latency at the panel's page (limit 30) and with every document, in a fresh process,
    beside a plain ``str.find`` scan in the same process, after the search's peak RSS."""
    qfile = data_dir.parent / "queries.json"
    qfile.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, str(ROOT), str(data_dir), str(qfile)],
        capture_output=True, text=True, check=True,
    )
    data = json.loads(out.stdout.strip().splitlines()[-1])
    page, every, scan = data["page"], data["every"], data["scan"]
    slow = sorted(zip(page, queries, strict=True), reverse=True)[:5]
    return {
        "first_query_ms": round(data["first_ms"], 1),
        "peak_rss_mb_limit30": round(data["page_rss_mb"], 1),
        "peak_rss_mb": round(data["rss_mb"], 1),  # after the every-document pass too
        "limit30_ms": summary(page),
        "limit30_exact_total_ms": summary(data["exact_page"]),
        "count_ms": summary(data["count"]),
        "every_doc_ms": summary(every),
        "scan_ms": summary(scan),
        "limit30_p95_over_scan_p95": round(percentile(page, 0.95) / percentile(scan, 0.95), 2),
        "every_p95_over_scan_p95": round(percentile(every, 0.95) / percentile(scan, 0.95), 2),
        "slowest_limit30": [[q, round(ms, 2)] for ms, q in slow],
    }


def index_size_mb(data_dir: Path) -> float:
    index_dir = SearchIndex(data_dir).path
    return round(sum(f.stat().st_size for f in index_dir.rglob("*") if f.is_file()) / 1e6, 1)


def cold_queries(data_dir: Path, queries: list[str]) -> list[float]:
    """Each query once on a fresh searcher: no per-gram or per-word cache yet."""
    service = SearchService(data_dir)
    searcher = service.searcher()
    searcher.search("预热")
    times = []
    for query in queries:
        searcher._gram_cache.clear()
        searcher._ranker.clear()
        searcher._word_cache.clear()
        start = time.perf_counter()
        searcher.search(query, limit=10)
        times.append((time.perf_counter() - start) * 1000)
    searcher.close()
    return times


def recall(data_dir: Path, texts: dict[int, str], queries: list[str]) -> dict[str, float]:
    folded = {i: fold(t) for i, t in texts.items()}
    searcher = SearchService(data_dir).searcher()
    docs_expected = docs_found = occ_expected = occ_found = bad = 0
    for query in queries:
        if '"' in query:
            continue
        needle = fold(query)
        expected: dict[int, set[tuple[int, int]]] = {}
        for doc_id, text in folded.items():
            spots, pos = set(), text.find(needle)
            while pos >= 0:
                spots.add((pos, pos + len(needle)))
                pos = text.find(needle, pos + 1)
            if spots:
                expected[doc_id] = spots
        got = {
            h.doc_id: set(h.matches)
            for h in searcher.search(f'"{query}"', limit=100000).hits
        }
        docs_expected += len(expected)
        docs_found += len(set(expected) & set(got))
        for doc_id, spots in expected.items():
            occ_expected += len(spots)
            occ_found += len(spots & got.get(doc_id, set()))
        for doc_id, spots in got.items():
            bad += len(spots - expected.get(doc_id, set()))
    searcher.close()
    return {
        "doc_recall": docs_found / max(1, docs_expected),
        "occurrence_recall": occ_found / max(1, occ_expected),
        "wrong_positions": bad,
        "documents_checked": docs_expected,
        "occurrences_checked": occ_expected,
    }


def first_query(data_dir: Path) -> dict[str, float]:
    code = f"""
import sys, time
t0 = time.perf_counter()
sys.path.insert(0, {str(ROOT)!r})
from pathlib import Path
from reader.core.search.service import SearchService
t1 = time.perf_counter()
service = SearchService(Path({str(data_dir)!r}))
searcher = service.searcher()
r = searcher.search("社会主义", limit=30, exact_total=False)
t2 = time.perf_counter()
print((t1 - t0) * 1000, (t2 - t1) * 1000, r.total)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    imports, query, _total = out.stdout.split()
    return {"import_ms": round(float(imports), 1), "first_query_ms": round(float(query), 1)}


def update_visible(data_dir: Path) -> dict[str, float]:
    """Seconds from adding a 1 MB document (committed, queued) to finding it by search:
    before it is indexed (a queued document is verified on its own text) and after
    ``sync_now()`` has indexed it."""
    library = Library.open(data_dir)
    try:
        pieces, size = [], 0
        for doc in library.documents.list():
            text = library.documents.text(doc.id)
            pieces.append(text)
            size += len(text.encode("utf-8"))
            if size >= 1_000_000:
                break
        body = "新增文档\n\n" + "\n\n".join(pieces)[:350_000] + "\n\n独一无二的更新标记。"
        parsed = ParsedDocument(body, "新增文档", [])
        source = SourceInfo("/bench/added.txt", 0.0, len(body), "f" * 64, "utf-8", "text")
        with transaction(library.db):
            library.documents.insert(parsed, source)
    finally:
        library.close()
    service = SearchService(data_dir)
    start = time.perf_counter()
    searcher = service.searcher()
    found = searcher.search('"独一无二的更新标记"').total
    queued = time.perf_counter() - start
    searcher.close()
    assert found == 1
    service.segmenter.wait_ready()
    start = time.perf_counter()
    service.sync_now()
    searcher = service.searcher()
    found = searcher.search('"独一无二的更新标记"').total
    indexed = time.perf_counter() - start
    searcher.close()
    assert found == 1
    return {"queued_s": round(queued, 3), "indexed_s": round(indexed, 3)}


def scaled_library(data_dir: Path, texts: dict[int, str], megabytes: int) -> tuple[int, float]:
    """Copies of every text, each copy's paragraphs shuffled differently (distinct docs)."""
    library = Library.open(data_dir)
    rng = random.Random(3)
    size, copy = 0, 0
    originals = [t for t in texts.values() if t]
    try:
        with transaction(library.db):
            while size < megabytes * 1_000_000:
                for n, text in enumerate(originals):
                    paras = text.split("\n\n")
                    rng.shuffle(paras)
                    body = f"副本{copy}之{n}\n\n" + "\n\n".join(paras)
                    parsed = ParsedDocument(body, f"副本{copy}之{n}", [])
                    source = SourceInfo(f"/scaled/{copy}/{n}", 0.0, 0, f"{copy}-{n}", "utf-8",
                                        "text")
                    library.documents.insert(parsed, source)
                    size += len(body.encode("utf-8"))
                copy += 1
        chars = library.db.execute("SELECT sum(chars) FROM documents").fetchone()[0]
    finally:
        library.close()
    return size, chars


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--builds", type=int, default=3)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--scale-mb", type=int, default=100)
    parser.add_argument("--procs", type=int, default=2)
    args = parser.parse_args()
    report: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        report["library"] = make_library(data_dir, args.shared)
        texts = texts_of(data_dir)
        report["documents"] = len(texts)
        report["mb"] = round(sum(len(t.encode()) for t in texts.values()) / 1e6, 2)
        # Interleaved, so that the load of a shared machine hits all three alike.
        jieba_s: list[float] = []
        single: list[float] = []
        multi: list[float] = []
        for _ in range(args.builds):
            jieba_s.append(jieba_baseline(texts))
            single += time_builds(data_dir, 1, 1)
            multi += time_builds(data_dir, 1, args.procs)
        report["jieba_lcut_s"] = round(statistics.median(jieba_s), 2)
        report["build_1proc_s"] = round(statistics.median(single), 2)
        report[f"build_{args.procs}procs_s"] = round(statistics.median(multi), 2)
        report["build_ratio_to_jieba_1proc"] = round(
            statistics.median(single) / statistics.median(jieba_s), 2
        )
        report[f"build_ratio_to_jieba_{args.procs}procs"] = round(
            statistics.median(multi) / statistics.median(jieba_s), 2
        )
        report["index_mb"] = index_size_mb(data_dir)
        queries = make_queries(texts, args.queries)
        report["queries"] = len(queries)
        report.update(measure_queries(data_dir, queries))
        report["query_cold_cache_ms"] = summary(cold_queries(data_dir, queries))
        report["recall"] = recall(data_dir, texts, queries)
        report["fresh_process"] = first_query(data_dir)
        report["update_visible"] = update_visible(data_dir)
        print(json.dumps(report, ensure_ascii=False, indent=1), flush=True)
        if args.scale_mb:
            big_dir = Path(tmp) / "big"
            started = time.perf_counter()
            size, chars = scaled_library(big_dir, texts, args.scale_mb)
            big: dict[str, object] = {"mb": round(size / 1e6, 1), "chars": chars,
                                      "generate_s": round(time.perf_counter() - started, 1)}
            big["build_s"] = round(time_builds(big_dir, 1, args.procs)[0], 1)
            big["index_mb"] = index_size_mb(big_dir)
            big_texts = texts_of(big_dir)
            big_queries = make_queries(big_texts, args.queries, seed=11)
            big.update(measure_queries(big_dir, big_queries))
            big["recall"] = recall(big_dir, big_texts, big_queries)
            del big_texts
            big["fresh_process"] = first_query(big_dir)
            big["update_visible"] = update_visible(big_dir)
            big["total_s"] = round(time.perf_counter() - started, 1)
            report["scaled"] = big
            print(json.dumps({"scaled": big}, ensure_ascii=False, indent=1), flush=True)

if __name__ == "__main__":
    main()
