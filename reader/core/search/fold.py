"""Length-preserving folding: one code point in, one code point out.

Search compares folded query against folded text. Because folding never changes
the length, an offset found in folded text is the same offset in the canonical
text, which is what the reader selects. NFKC would break that (``㎡`` -> ``m2``),
so only one-to-one mappings are applied:

* full-width ASCII forms and the ideographic space -> ASCII (``ＧＤＰ`` = ``GDP``);
* case -> lower case, where the lower-case form is one code point;
* CJK compatibility ideographs and Kangxi radicals -> their unified ideograph;
* traditional -> simplified characters (OpenCC's one-to-one character table).
"""

from __future__ import annotations

import unicodedata
from functools import cache

from reader.core.search.t2s_table import PAIRS

FOLD_VERSION = 1
"""Bump when the mapping changes: the index stamp includes it, forcing a rebuild."""

_CASE_RANGES = ((0x0041, 0x0250), (0x0370, 0x0530), (0x1E00, 0x2000), (0x2160, 0x2190))
_NFKC_RANGES = ((0x2F00, 0x2FE0), (0xF900, 0xFB00), (0x2F800, 0x2FA20))


@cache
def fold_table() -> dict[int, int]:
    """The translation table for :meth:`str.translate` (built once, read-only afterwards)."""
    table: dict[int, int] = {}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII variants
        table[code] = code - 0xFEE0
    table[0x3000] = 0x20
    for lo, hi in _CASE_RANGES:
        for code in range(lo, hi):
            lower = chr(code).lower()
            if len(lower) == 1 and lower != chr(code):
                table[code] = ord(lower)
    for lo, hi in _NFKC_RANGES:
        for code in range(lo, hi):
            norm = unicodedata.normalize("NFKC", chr(code))
            if len(norm) == 1 and norm != chr(code):
                table[code] = ord(norm)
    for i in range(0, len(PAIRS), 2):
        table[ord(PAIRS[i])] = ord(PAIRS[i + 1])
    # Full-width Latin folds to ASCII upper case first: finish the chain to lower case.
    for code, target in list(table.items()):
        seen = {code}
        while target in table and target not in seen:  # resolve chains, guard cycles
            seen.add(target)
            target = table[target]
        table[code] = target
    return {code: target for code, target in table.items() if code != target}


@cache
def _char_map() -> tuple[frozenset[str], dict[str, str]]:
    mapping = {chr(k): chr(v) for k, v in fold_table().items()}
    return frozenset(mapping), mapping


_REPLACE_LIMIT = 64
"""Up to this many distinct foldable characters, per-character ``str.replace`` passes
(C speed) beat ``str.translate`` with a dict (about 200 ns per character)."""


def fold(text: str) -> str:
    """Fold ``text`` for matching; ``len(fold(text)) == len(text)`` always."""
    keys, mapping = _char_map()
    present = keys.intersection(text)
    if len(present) > _REPLACE_LIMIT:
        return text.translate(fold_table())
    for char in present:
        text = text.replace(char, mapping[char])
    return text
