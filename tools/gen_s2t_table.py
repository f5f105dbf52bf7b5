"""Regenerate reader/core/text/s2t_table.py from OpenCC's STCharacters.txt.

Usage: python tools/gen_s2t_table.py path/to/opencc/dictionary/STCharacters.txt

The file lists, for each simplified character, its traditional candidates, most common
first (``发	發 髮``). Only the first candidate is kept, and only when both sides are one
code point, so converting a text never changes its length and every offset into the
canonical text stays valid. OpenCC's data is Apache-2.0 licensed; see
docs/dependencies.md. (The data we generate from is the copy in the PyPI package
``opencc-python-reimplemented`` 0.1.7, the same one tools/gen_t2s_table.py reads.)
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "reader" / "core" / "text" / "s2t_table.py"
LINE_CHARS = 80


def read_pairs(source: Path) -> list[str]:
    """``simplified + traditional`` for each one-to-one entry whose first candidate differs."""
    pairs: list[str] = []
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        simp, _, trads = line.partition("\t")
        candidates = trads.split()
        trad = candidates[0] if candidates else ""
        if len(simp) == 1 and len(trad) == 1 and simp != trad:
            pairs.append(simp + trad)
    return pairs


def render(pairs: list[str]) -> str:
    body = "".join(pairs)
    lines = [body[i : i + LINE_CHARS] for i in range(0, len(body), LINE_CHARS)]
    return (
        '"""Simplified to traditional, one character to one (generated; do not edit).\n\n'
        "Made by tools/gen_s2t_table.py from OpenCC's STCharacters.txt (Apache-2.0),\n"
        "taking the first (most common) candidate of each character.\n"
        "PAIRS holds simplified and traditional characters alternately.\n"
        '"""\n\n'
        "PAIRS = (\n" + "".join(f'    "{chunk}"\n' for chunk in lines) + ")\n"
    )


def main(source: str) -> None:
    pairs = read_pairs(Path(source))
    OUT.write_text(render(pairs), encoding="utf-8")
    print(f"{len(pairs)} pairs -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
