"""The other script over a real corpus: length kept, slicing commutes, speed.

Usage: python bench/script_bench.py [--corpus DIR] [--mb MB]

1. Every ``*.txt`` under ``--corpus`` (default ``../shared/corpus``) converted both
   ways: the result must have exactly as many code points as the input (the promise
   every offset in Pizhu relies on) and ``convert(text)[a:b] == convert(text[a:b])``
   for random spans. Any mismatch is printed and the exit code is 1.
2. How many characters change, and how many change when a document is converted into
   the script it is already written in (``detect_script``): the cost of the character
   tables' merges (乾隆 → 干隆, 皇后 → 皇後) measured, not guessed.
3. Time of one conversion of an ``--mb`` MB text (the corpus repeated).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.ingest.script import detect_script  # noqa: E402
from reader.core.text.script import SCRIPTS, convert  # noqa: E402

SPANS_PER_FILE = 20


def _differences(a: str, b: str) -> int:
    return sum(1 for x, y in zip(a, b, strict=True) if x != y)


def check_file(text: str, rng: random.Random) -> tuple[list[str], dict[str, int]]:
    """(problems, changed characters per script) of one text."""
    problems: list[str] = []
    changed: dict[str, int] = {}
    for script in SCRIPTS:
        out = convert(text, script)
        if len(out) != len(text):
            problems.append(f"{script}: {len(text)} -> {len(out)} code points")
            continue
        changed[script] = _differences(text, out)
        for _ in range(SPANS_PER_FILE):
            a = rng.randrange(len(text) + 1)
            b = rng.randrange(a, len(text) + 1)
            if out[a:b] != convert(text[a:b], script):
                problems.append(f"{script}: span [{a}, {b}) converts differently alone")
                break
    return problems, changed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--mb", type=float, default=5.0)
    args = parser.parse_args()
    files = sorted(args.corpus.rglob("*.txt"))
    if not files:
        print(f"no .txt files under {args.corpus}")
        return 1
    rng = random.Random(15)
    total = non_bmp = bad = 0
    changed = dict.fromkeys(SCRIPTS, 0)
    own: dict[str, list[int]] = {}  # script -> [documents, characters, changed]
    texts: list[str] = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        texts.append(text)
        total += len(text)
        non_bmp += sum(1 for ch in text if ord(ch) > 0xFFFF)
        problems, counts = check_file(text, rng)
        for problem in problems:
            print(f"MISMATCH {path}: {problem}")
        bad += bool(problems)
        for script, n in counts.items():
            changed[script] += n
        script = detect_script(text)
        if script in SCRIPTS:
            row = own.setdefault(script, [0, 0, 0])
            row[0] += 1
            row[1] += len(text)
            row[2] += counts.get(script, 0)
    print(f"{len(files)} files, {total:,} code points ({non_bmp} non-BMP), {bad} with mismatches")
    print("changed characters: " + ", ".join(f"{s} {n:,}" for s, n in changed.items()))
    for script, (docs, chars, n) in sorted(own.items()):
        print(
            f"{script} documents into {script}: {docs} docs, {chars:,} chars, "
            f"{n:,} changed ({n / chars:.3%})"
        )
    corpus = "".join(texts)
    big = (corpus * (int(args.mb * 1_000_000 / max(1, len(corpus))) + 1))[: int(args.mb * 1e6)]
    for script in SCRIPTS:
        start = time.perf_counter()
        convert(big, script)
        took = time.perf_counter() - start
        print(f"{script}: {len(big):,} code points in {took:.3f} s")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
