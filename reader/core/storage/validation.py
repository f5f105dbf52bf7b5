"""Checks on user-supplied text (notes, labels, tag names) before it reaches the library.

Command-line arguments that are not valid UTF-8 arrive as lone surrogates; SQLite
would store them as garbage, and control characters break every export format. So
they are refused here with a message the user can act on, before anything is written.
"""

from __future__ import annotations

import re

from reader.errors import UsageError

_BAD_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_NOTE_CHARS = 100_000


def clean_text(
    value: str, what: str, *, multiline: bool = True, limit: int = MAX_NOTE_CHARS
) -> str:
    """Return ``value`` with newlines normalised, or raise :class:`UsageError`."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(f"{what} is not valid text (undecodable bytes)") from None
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if _BAD_CONTROLS.search(value) or (not multiline and ("\n" in value or "\t" in value)):
        raise UsageError(f"{what} contains control characters")
    if len(value) > limit:
        raise UsageError(f"{what} is too long ({len(value)} characters, at most {limit})")
    return value
