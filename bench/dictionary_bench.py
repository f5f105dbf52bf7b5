"""Pop-up dictionary benchmark: first load, cached load, lookup latency, memory.

Usage: python bench/dictionary_bench.py [--shared DIR] [--words N] [--runs N]

Every measurement runs in a fresh interpreter, so import costs and peak RSS are those a
real start pays:

1. First load: an empty cache dir, ``Dictionary.load(warm=False)`` parses CC-CEDICT and
   writes the SQLite cache (median of ``--runs``, each with a new empty dir).
2. Cached load: the same cache, ``warm=False`` (the CLI) and ``warm=True`` (the GUI's
   worker thread: jieba and pypinyin loaded too).
3. Lookups in the warm process: ``lookup(word)`` for ``--words`` words cut from the texts
   (``../shared/seeds`` and ``../shared/corpus`` when present, else ``tests/fixtures``),
   and ``lookup_at(text, offset)`` at as many random offsets: p50 / p95 / max in ms.
4. Memory: peak RSS (VmHWM) of each process, and what the dictionary adds to a bare
   interpreter that has imported it.
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


def rss_mb(field: str = "VmRSS") -> float:
    """Resident memory from /proc (Linux); ``VmHWM`` is the peak so far."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 3),
        "p95_ms": round(p95 * 1000, 3),
        "max_ms": round(ordered[-1] * 1000, 3),
    }


def texts(shared: Path) -> list[str]:
    folders = [p for p in (shared / "seeds", shared / "corpus") if p.is_dir()]
    if not folders:
        folders = [ROOT / "tests" / "fixtures"]
    files = sorted(f for folder in folders for f in folder.rglob("*.txt"))
    return [f.read_text(encoding="utf-8", errors="replace") for f in files]


# --- the measurements, each in its own process -------------------------------------------


def child_load(cache: Path, warm: bool) -> dict[str, object]:
    baseline = rss_mb()
    start = time.perf_counter()
    from reader.core.dictionary import Dictionary

    imported = time.perf_counter()
    dictionary = Dictionary.load(cache, warm=warm)
    loaded = time.perf_counter()
    return {
        "import_s": round(imported - start, 3),
        "load_s": round(loaded - imported, 3),
        "from_cache": dictionary.from_cache,
        "rss_mb": rss_mb(),
        "peak_rss_mb": rss_mb("VmHWM"),
        "added_rss_mb": round(rss_mb() - baseline, 1),
    }


def child_lookups(cache: Path, shared: Path, count: int) -> dict[str, object]:
    from reader.core.dictionary import Dictionary

    baseline = rss_mb()
    dictionary = Dictionary.load(cache, warm=True)
    corpus = [t for t in texts(shared) if t.strip()]
    rng = random.Random(15)
    places = [(t, rng.randrange(len(t))) for t in rng.choices(corpus, k=count)]
    at_times, words = [], []
    for text, offset in places:
        start = time.perf_counter()
        found = dictionary.lookup_at(text, offset)
        at_times.append(time.perf_counter() - start)
        if found.query:
            words.append(found.query)
    word_times = []
    for word in (words * 2)[:count]:
        start = time.perf_counter()
        dictionary.lookup(word)
        word_times.append(time.perf_counter() - start)
    known = sum(1 for w in set(words) if dictionary.lookup(w).entries)
    return {
        "lookup": {"n": len(word_times), **percentiles(word_times)},
        "lookup_at": {"n": len(at_times), **percentiles(at_times)},
        "distinct_words": len(set(words)),
        "known_share": round(known / max(1, len(set(words))), 3),
        "rss_mb": rss_mb(),
        "peak_rss_mb": rss_mb("VmHWM"),
        "added_rss_mb": round(rss_mb() - baseline, 1),
    }


def run_child(*args: str) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{proc.stderr}")
    return json.loads(proc.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, cache, *rest = args.child
        if mode == "lookups":
            result = child_lookups(Path(cache), Path(rest[0]), int(rest[1]))
        else:
            result = child_load(Path(cache), warm=mode == "warm")
        print(json.dumps(result))
        return 0

    report: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="pizhu-dict-bench-") as tmp:
        firsts = [run_child("cold", str(Path(tmp) / f"c{i}")) for i in range(args.runs)]
        report["first_load"] = {
            "load_s_median": statistics.median(r["load_s"] for r in firsts),  # type: ignore[misc]
            "load_s_all": [r["load_s"] for r in firsts],
            "peak_rss_mb": max(r["peak_rss_mb"] for r in firsts),  # type: ignore[type-var]
        }
        cache = str(Path(tmp) / "c0")
        report["cache_file_mb"] = round((Path(cache) / "cedict.sqlite3").stat().st_size / 2**20, 1)
        cached = [run_child("cached", cache) for _ in range(args.runs)]
        report["cached_load"] = {
            "load_s_median": statistics.median(r["load_s"] for r in cached),  # type: ignore[misc]
            "from_cache": all(r["from_cache"] for r in cached),
            "rss_mb": cached[0]["rss_mb"],
            "added_rss_mb": cached[0]["added_rss_mb"],
        }
        warm = [run_child("warm", cache) for _ in range(args.runs)]
        report["cached_load_warm"] = {
            "load_s_median": statistics.median(r["load_s"] for r in warm),  # type: ignore[misc]
            "rss_mb": warm[0]["rss_mb"],
            "added_rss_mb": warm[0]["added_rss_mb"],
        }
        report["lookups"] = run_child("lookups", cache, args.shared, str(args.words))
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
