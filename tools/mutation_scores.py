"""Per-module mutation scores from mutmut's results in mutants/ (``make mutants`` prints them).

Usage: python tools/mutation_scores.py [MODULE_OR_GLOB ...]

mutmut prints one total for the whole run; the issue's target (85 % killed) is per module,
so this reads the ``*.py.meta`` files mutmut leaves beside each mutated copy and counts per
file. Killed = the tests failed (or timed out) on the mutant. The score is killed / (mutants −
equivalent − not run), where equivalent mutants cannot change behaviour, so no test can
kill them: the ones listed in tools/mutants_equivalent.txt (each line says why).
Mutants no test reaches count as not killed; "not run" ones (an interrupted run) are left
out of the score and shown. Arguments narrow the table the way ``MODULES`` narrows the run.
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


def module_scores(selectors: list[str]) -> list[tuple[str, int, int, int, int, int]]:
    """(module, mutants, killed, survived, equivalent, not run) for each matching file."""
    globs = [as_glob(s) for s in selectors] or ["*"]
    equivalent = equivalent_mutants()
    rows = []
    for meta in sorted(MUTANTS.glob("reader/**/*.py.meta")):
        codes: dict[str, int | None] = json.loads(meta.read_text())["exit_code_by_key"]
        chosen = {k: v for k, v in codes.items() if any(fnmatch.fnmatch(k, g) for g in globs)}
        if not chosen:
            continue
        module = str(meta.relative_to(MUTANTS)).removesuffix(".meta")
        same = equivalent
        killed = sum(1 for v in chosen.values() if v in KILLED)
        excluded = sum(1 for k, v in chosen.items() if k in same and v not in KILLED)
        not_run = sum(1 for k, v in chosen.items() if v is None and k not in same)
        survived = len(chosen) - killed - excluded - not_run
        rows.append((module, len(chosen), killed, survived, excluded, not_run))
    return rows


def main(argv: list[str]) -> int:
    rows = module_scores(argv)
    if not rows:
        print("no mutmut results in mutants/ for that selection; run `make mutants` first")
        return 1
    totals = tuple(sum(row[i] for row in rows) for i in range(1, 6))
    print(f"{'module':<42} {'mutants':>7} {'killed':>6} {'alive':>6} {'equiv':>5} {'not run':>7}"
          f" {'score':>6}")  # fmt: skip
    for module, total, killed, survived, excluded, not_run in [*rows, ("all", *totals)]:
        scored = killed + survived
        score = f"{100 * killed / scored:5.1f}%" if scored else "     -"
        print(f"{module:<42} {total:>7} {killed:>6} {survived:>6} {excluded:>5} {not_run:>7}"
              f" {score:>6}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
