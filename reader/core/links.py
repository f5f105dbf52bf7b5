"""``pizhu://open?doc=ID&pos=START`` links: the place a link in an exported note points to.

The desktop file registers Pizhu as the handler of the ``pizhu`` scheme, so a click
on such a link (in a Markdown export, a browser, a chat) starts or raises the app
at that place. Parsing is strict: a malformed link is reported, never guessed at.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

from reader.core.errors import UsageError

SCHEME = "pizhu"


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
    """Parse ``pizhu://open?doc=3&pos=120``; raise :class:`UsageError` naming what is wrong."""
    parts = urlsplit(text.strip())
    if parts.scheme.lower() != SCHEME:
        raise UsageError(f"not a {SCHEME}:// link: {text!r}")
    action = (parts.netloc or parts.path.strip("/")).lower()
    if action != "open":
        raise UsageError(f"unknown {SCHEME}:// action {action!r} in {text!r} (expected 'open')")
    query = parse_qs(parts.query, keep_blank_values=True)
    doc = _non_negative(query, "doc", text, required=True)
    pos = _non_negative(query, "pos", text, required=False)
    return OpenLink(doc, -1 if pos is None else pos)


def _non_negative(
    query: dict[str, list[str]], key: str, text: str, *, required: bool
) -> int | None:
    values = query.get(key)
    if not values:
        if required:
            raise UsageError(f"link {text!r} has no {key}=")
        return None
    value = values[-1].strip()
    if not value.isascii() or not value.isdigit():
        raise UsageError(f"link {text!r}: {key} must be a whole number, not {value!r}")
    number = int(value)
    if key == "doc" and number == 0:
        raise UsageError(f"link {text!r}: doc ids start at 1")
    return number
