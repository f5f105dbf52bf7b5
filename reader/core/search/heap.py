"""Handing freed memory back to the system after a search that built a big answer.

A search for every document of a common word at 1 GB of library builds millions of
positions and tens of thousands of snippets, then frees them. glibc's allocator keeps
the freed pages: measured over forty such searches the process's resident memory grew
from 270 to 390 MB while what Python held stayed flat, and ``malloc_trim`` gave 90 MB of
it back. Elsewhere (macOS, Windows, musl) this does nothing: their allocators return
memory by themselves or have no such call.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from functools import cache

BIG_ANSWER = 2_000
"""Hits above which a search trims the heap (a page of hits frees too little to matter),
and a limit above which it reads chunk texts without keeping them (``ChunkReader.passing``)
when the library's do not all fit the cache."""


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:  # not find_library: it runs ldconfig in a subprocess, mid-search
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def give_back() -> bool:
    """Return the allocator's free pages to the system; False where it cannot."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
