"""Is a text written in simplified or traditional characters?

Counted on the characters that differ between the scripts (OpenCC's table, the
one search folds with); characters common to both say nothing.
"""

from __future__ import annotations

from functools import cache

from reader.core.search.t2s_table import PAIRS

SAMPLE_CHARS = 200_000  # the opening of a long book decides as well as the whole
MIXED_SHARE = 0.2


@cache
def _sets() -> tuple[frozenset[str], frozenset[str]]:
    traditional = frozenset(PAIRS[0::2])
    simplified = frozenset(PAIRS[1::2]) - traditional
    return traditional - simplified, simplified


def detect_script(text: str) -> str:
    """``simplified``, ``traditional``, ``mixed``, or ``""`` when no character tells."""
    traditional, simplified = _sets()
    sample = text[:SAMPLE_CHARS]
    t = sum(1 for ch in sample if ch in traditional)
    s = sum(1 for ch in sample if ch in simplified)
    if not t and not s:
        return ""
    minority = min(t, s) / (t + s)
    if minority >= MIXED_SHARE:
        return "mixed"
    return "traditional" if t > s else "simplified"
