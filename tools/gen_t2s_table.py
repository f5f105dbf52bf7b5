"""Regenerate reader/core/search/t2s_table.py from OpenCC's TSCharacters.txt.

Usage: python tools/gen_t2s_table.py path/to/opencc/dictionary/TSCharacters.txt

Only one-to-one character pairs are kept (the first simplified candidate), so the
folding stays length-preserving and offsets in folded text equal offsets in the
canonical text. OpenCC's data is Apache-2.0 licensed; see docs/dependencies.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "reader" / "core" / "search" / "t2s_table.py"


def main(source: str) -> None:
    pairs: list[str] = []
    for line in Path(source).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        trad, _, simps = line.partition("\t")
        simp = simps.split()[0] if simps.split() else ""
        if len(trad) == 1 and len(simp) == 1 and trad != simp:
            pairs.append(trad + simp)
    body = "".join(pairs)
    lines = [body[i : i + 80] for i in range(0, len(body), 80)]
    OUT.write_text(
        '"""Traditional to simplified, one character to one (generated; do not edit).\n\n'
        "Made by tools/gen_t2s_table.py from OpenCC's TSCharacters.txt (Apache-2.0).\n"
        "PAIRS holds traditional and simplified characters alternately.\n"
        '"""\n\n'
        "PAIRS = (\n" + "".join(f'    "{chunk}"\n' for chunk in lines) + ")\n",
        encoding="utf-8",
    )
    print(f"{len(pairs)} pairs -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
