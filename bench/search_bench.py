"""Search benchmark: build time, query latency and literal recall.

Usage: python bench/search_bench.py [--shared DIR] [--builds N] [--queries N]
                                    [--scale-mb MB] [--procs P]

1. Library: ``../shared/seeds`` + ``../shared/corpus`` imported into a temp data dir
   (or a generated corpus when they are absent).
2. ``jieba.lcut`` of every paragraph (the reference the build is compared with).
3. Full index builds (median of ``--builds``), single process and with ``--procs``.
4. Query latency in process, from query string to hits with every match position and
   snippet (``limit=10``), over ``--queries`` generated queries plus named hard ones,
   side by side with a plain ``str.find`` over all raw texts.
5. Literal recall of every query (quoted) against a brute-force folded-substring scan.
6. First query in a fresh process; one-document update visible to search.
7. A scaled library of ``--scale-mb`` MB (default 100; 0 skips) made from the same
   texts: build time and query latency against a plain literal scan.
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

from reader.core.ingest.formats.text import parse_document  # noqa: E402
from reader.core.ingest.model import ParsedDocument  # noqa: E402
from reader.core.library import Library  # noqa: E402
from reader.core.search.fold import fold  # noqa: E402
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


def time_queries(data_dir: Path, queries: list[str]) -> tuple[list[float], list[float]]:
    service = SearchService(data_dir)
    searcher = service.searcher()
    searcher.search("预热")  # loads folded texts once, as the app does in the background
    for query in queries:  # warm-up pass (caches of grams/words as after some typing)
        searcher.search(query, limit=10)
    search_ms = []
    for query in queries:
        start = time.perf_counter()
        searcher.search(query, limit=10)
        search_ms.append((time.perf_counter() - start) * 1000)
    searcher.close()
    raw = list(texts_of(data_dir).values())
    scan_ms = []
    for query in queries:
        start = time.perf_counter()
        for text in raw:
            text.find(query)
        scan_ms.append((time.perf_counter() - start) * 1000)
    return search_ms, scan_ms


def cold_queries(data_dir: Path, queries: list[str]) -> list[float]:
    """Each query once on a fresh searcher: no per-gram or per-word cache yet."""
    service = SearchService(data_dir)
    searcher = service.searcher()
    searcher.search("预热")
    times = []
    for query in queries:
        searcher._gram_cache.clear()
        searcher._score_cache.clear()
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
r = searcher.search("社会主义", limit=10)
t2 = time.perf_counter()
print((t1 - t0) * 1000, (t2 - t1) * 1000, r.total)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    imports, query, _total = out.stdout.split()
    return {"import_ms": round(float(imports), 1), "first_query_ms": round(float(query), 1)}


def update_visible(data_dir: Path) -> float:
    library = Library.open(data_dir)
    try:
        doc = library.documents.list()[0]
        text = library.documents.text(doc.id) + "\n\n独一无二的更新标记。"
        source = SourceInfo(doc.source_path or "", 0.0, len(text), "0" * 64, "utf-8", "text")
        with transaction(library.db):
            library.documents.replace_content(doc.id, parse_document(text, "x.txt"), source)
    finally:
        library.close()
    service = SearchService(data_dir)
    service.segmenter.wait_ready()
    start = time.perf_counter()
    service.sync_now()
    searcher = service.searcher()
    found = searcher.search('"独一无二的更新标记"').total
    elapsed = time.perf_counter() - start
    searcher.close()
    assert found == 1
    return elapsed


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
        index_mb = sum(f.stat().st_size for f in (data_dir / "index").iterdir()) / 1e6
        report["index_mb"] = round(index_mb, 1)
        queries = make_queries(texts, args.queries)
        report["queries"] = len(queries)
        search_ms, scan_ms = time_queries(data_dir, queries)
        report["query_ms"] = summary(search_ms)
        report["query_cold_cache_ms"] = summary(cold_queries(data_dir, queries))
        report["plain_find_ms"] = summary(scan_ms)
        slow = sorted(zip(search_ms, queries, strict=True), reverse=True)[:5]
        report["slowest"] = [[q, round(ms, 2)] for ms, q in slow]
        report["recall"] = recall(data_dir, texts, queries)
        report.update(first_query(data_dir))
        report["update_visible_s"] = round(update_visible(data_dir), 3)
        print(json.dumps(report, ensure_ascii=False, indent=1), flush=True)
        if args.scale_mb:
            big_dir = Path(tmp) / "big"
            size, chars = scaled_library(big_dir, texts, args.scale_mb)
            big: dict[str, object] = {"mb": round(size / 1e6, 1), "chars": chars}
            big["build_s"] = round(time_builds(big_dir, 1, args.procs)[0], 1)
            big_queries = make_queries(texts_of(big_dir), args.queries // 2, seed=11)
            big_search, big_scan = time_queries(big_dir, big_queries)
            big["query_ms"] = summary(big_search)
            big["plain_find_ms"] = summary(big_scan)
            big["first_query_ms"] = first_query(big_dir)["first_query_ms"]
            report["scaled"] = big
            print(json.dumps({"scaled": big}, ensure_ascii=False, indent=1), flush=True)


if __name__ == "__main__":
    main()
