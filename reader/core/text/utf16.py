"""Convert between code-point offsets (Pizhu's) and UTF-16 offsets (Qt's).

Qt counts characters outside the BMP (CJK Extension B and later, e.g. 𠮷) as two
positions. Most documents have none, so the map is empty and conversion is free.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Map:
    def __init__(self, text: str) -> None:
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]  # ascending code-point indices

    def to_qt(self, offset: int) -> int:
        if not self._astral:
            return offset
        return offset + bisect_left(self._astral, offset)

    def from_qt(self, position: int) -> int:
        """The code-point offset at Qt ``position`` (inside a surrogate pair: that character)."""
        if not self._astral:
            return position
        lo, hi = 0, position
        while lo < hi:
            mid = (lo + hi) // 2
            if self.to_qt(mid) < position:
                lo = mid + 1
            else:
                hi = mid
        return lo
