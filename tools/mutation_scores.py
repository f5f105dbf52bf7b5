"""Per-module mutation scores from mutmut's results in mutants/ (``make mutants`` prints them).

Usage: python tools/mutation_scores.py [MODULE_OR_GLOB ...]

mutmut prints one total for the whole run; the issue's target (85 % killed) is per module,
so this reads the ``*.py.meta`` files mutmut leaves beside each mutated copy and counts per
file. Killed = the tests failed (or timed out) on the mutant. The score is killed / (mutants −
equivalent), where equivalent mutants are the ones listed in tools/mutants_equivalent.txt
(they cannot change behaviour, so no test can kill them; each line says why). Mutants no test
reaches count as not killed. Arguments narrow the table the way ``MODULES`` narrows the run.
"""

from __future__ import annotations

import fnmatch
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTANTS = ROOT / "mutants"
EQUIVALENT = Path(__file__).with_name("mutants_equivalent.txt")
KILLED = {1, 3, -24, 24, 36, 152, 255}  # test failure, pytest error, timeout (SIGXCPU)


def equivalent_mutants() -> set[str]:
    """Names listed in mutants_equivalent.txt (``name  # why``; blank and # lines skipped)."""
    if not EQUIVALENT.exists():
        return set()
    names = set()
    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
        name = line.split("#", 1)[0].strip()
        if name:
            names.add(name)
    return names


def as_glob(selector: str) -> str:
    """``reader/core/export`` or ``.../tags.py`` → mutant-name glob; a glob passes through."""
    if "/" not in selector:
        return selector
    dotted = selector.removesuffix(".py").strip("/").replace("/", ".")
    return dotted + ".*"


def module_scores(selectors: list[str]) -> list[tuple[str, int, int, int, int]]:
    """(module, mutants, killed, survived, equivalent) for each mutated file that matches."""
    globs = [as_glob(s) for s in selectors] or ["*"]
    equivalent = equivalent_mutants()
    rows = []
    for meta in sorted(MUTANTS.glob("reader/**/*.py.meta")):
        codes: dict[str, int | None] = json.loads(meta.read_text())["exit_code_by_key"]
        chosen = {k: v for k, v in codes.items() if any(fnmatch.fnmatch(k, g) for g in globs)}
        if not chosen:
            continue
        module = str(meta.relative_to(MUTANTS)).removesuffix(".meta")
        killed = sum(1 for v in chosen.values() if v in KILLED)
        survived = sum(1 for k, v in chosen.items() if v == 0 and k not in equivalent)
        excluded = sum(1 for k in chosen if k in equivalent)
        rows.append((module, len(chosen), killed, survived, excluded))
    return rows


def main(argv: list[str]) -> int:
    rows = module_scores(argv)
    if not rows:
        print("no mutmut results in mutants/ for that selection; run `make mutants` first")
        return 1
    print(f"{'module':<46} {'mutants':>7} {'killed':>6} {'survived':>8} {'equiv':>5} {'score':>6}")
    totals = [0, 0, 0, 0]
    for module, total, killed, survived, excluded in rows:
        scored = total - excluded
        score = 100 * killed / scored if scored else 100.0
        print(f"{module:<46} {total:>7} {killed:>6} {survived:>8} {excluded:>5} {score:>5.1f}%")
        for i, n in enumerate((total, killed, survived, excluded)):
            totals[i] += n
    total, killed, survived, excluded = totals
    score = 100 * killed / (total - excluded) if total > excluded else 100.0
    label = "all of the above"
    print(f"{label:<46} {total:>7} {killed:>6} {survived:>8} {excluded:>5} {score:>5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
