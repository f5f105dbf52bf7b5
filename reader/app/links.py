"""``pizhu://open?doc=ID&pos=START`` links: the place a link in an exported note points to.

The desktop file registers Pizhu as the handler of the ``pizhu`` scheme, so a click
on such a link (in a Markdown export, a browser, a chat) starts or raises the app
at that place. Parsing is strict: a malformed link is reported, never guessed at.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

from reader.core.storage.db import SQLITE_INT_MAX, parse_whole_number
from reader.errors import UsageError

SCHEME = "pizhu"
MAX_POSITION = 2**31 - 1
"""Offsets past this cannot be a place in a document, and Qt's text positions are 32-bit."""


@dataclass(frozen=True)
class OpenLink:
    """Open document ``doc`` at character offset ``pos`` (``-1``: where the reader left it)."""

    doc: int
    pos: int = -1

    def format(self) -> str:
        query = {"doc": self.doc} if self.pos < 0 else {"doc": self.doc, "pos": self.pos}
        return f"{SCHEME}://open?{urlencode(query)}"


def is_link(text: str) -> bool:
    """True for anything in the ``pizhu:`` scheme (valid or not), so the caller can report it."""
    return text[: len(SCHEME) + 1].lower() == f"{SCHEME}:"


def parse_link(text: str) -> OpenLink:
    """Parse ``pizhu://open?doc=3&pos=120``; raise :class:`UsageError` naming what is wrong.

    Numbers are range-checked here, so no caller meets ``OverflowError`` (SQLite ids
    are 64-bit, Qt positions 32-bit) or ``ValueError`` (``int()`` past 4300 digits).
    """
    parts = urlsplit(text.strip())
    if parts.scheme.lower() != SCHEME:
        raise UsageError(f"not a {SCHEME}:// link: {_shown(text)}")
    action = (parts.netloc or parts.path.strip("/")).lower()
    if action != "open":
        raise UsageError(
            f"unknown {SCHEME}:// action {action[:20]!r} in {_shown(text)} (expected 'open')"
        )
    query = parse_qs(parts.query, keep_blank_values=True)
    doc = _number(query, "doc", text, minimum=1, maximum=SQLITE_INT_MAX)
    if doc is None:
        raise UsageError(f"link {_shown(text)} has no doc=")
    pos = _number(query, "pos", text, minimum=0, maximum=MAX_POSITION)
    return OpenLink(doc, -1 if pos is None else pos)


def _number(
    query: dict[str, list[str]], key: str, text: str, *, minimum: int, maximum: int
) -> int | None:
    """The last ``key=`` value as a whole number in range; ``None`` when absent."""
    values = query.get(key)
    if not values:
        return None
    try:
        return parse_whole_number(values[-1], key, minimum=minimum, maximum=maximum)
    except UsageError as exc:
        raise UsageError(f"link {_shown(text)}: {exc}") from None


def _shown(text: str, limit: int = 80) -> str:
    """The link as quoted in a message: a 5000-digit link is not repeated whole."""
    return repr(text if len(text) <= limit else text[:limit] + "…")
