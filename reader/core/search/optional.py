"""Optional speed-ups that search works without."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def numpy_module() -> Any:
    """NumPy, imported the first time something needs it (0.1 s, kept off the window's
    start-up); None without it (a stale environment), when the callers do the same work
    more slowly or, for the trigram signatures, not at all."""
    try:
        import numpy
    except ImportError:
        return None
    return numpy
