"""MHTML web archives (``.mhtml``/``.mht``): "Save as single file" in Chrome, Edge, IE, Word.

An MHTML file is a MIME message: the page's HTML is one part (quoted-printable or
base64, with its charset), images and frames are others. We take the page the archive
names as its root and hand it to the web-page extractor, so an archived page reads
exactly like the same page saved as ``.html``.
"""

from __future__ import annotations

import email
import email.errors
from email import policy
from email.message import Message

from reader.core.ingest import sniff
from reader.core.ingest.formats import html
from reader.core.ingest.model import Extracted, FormatError


def extract(data: bytes, filename: str) -> Extracted:
    """The article of the archived page."""
    try:
        message = email.message_from_bytes(data, policy=policy.default)
        part = _root_page(message, data)
        payload = part.get_payload(decode=True)
        charset = part.get_content_charset() or ""
        url = _first_header((message, part), "Snapshot-Content-Location", "Content-Location")
    except (email.errors.MessageError, LookupError, ValueError, TypeError) as exc:
        raise FormatError(f"cannot read the MHTML file: {exc}") from exc
    if not isinstance(payload, bytes) or not payload.strip():
        raise FormatError("the MHTML file's page is empty")
    text, encoding = html.decode_page(payload, declared=charset)
    return html.extract_page(text, encoding, url=url)


def _root_page(message: Message, data: bytes) -> Message:
    """The part named by the multipart's ``start`` parameter, else the first HTML part."""
    if message.get("Content-Type") is None:
        kind = sniff.binary_kind(data)
        raise FormatError(f"not an MHTML file ({f'it is {kind}' if kind else 'no MIME headers'})")
    boundary = message.get_boundary()
    if message.is_multipart() and boundary and f"--{boundary}--".encode() not in data:
        raise FormatError("truncated MHTML file: its last part is cut off (save the page again)")
    pages = [part for part in message.walk() if part.get_content_type() == "text/html"]
    if not pages:
        raise FormatError("the MHTML file holds no HTML page")
    start = _content_id(message.get_param("start"))
    if start:
        for part in pages:
            if _content_id(part.get("Content-ID")) == start:
                return part
    return pages[0]


def _content_id(value: object) -> str:
    return str(value or "").strip().strip("<>").strip()


def _first_header(messages: tuple[Message, ...], *names: str) -> str:
    for name in names:
        for message in messages:
            value = str(message.get(name, "") or "").strip()
            if value:
                return value
    return ""
