"""Plain text and Markdown files: bytes decoded exactly, then parsed by :mod:`.text`."""

from __future__ import annotations

from reader.core.ingest.decode import Decoded, DecodeError, decode_bytes
from reader.core.ingest.formats.text import extract_text
from reader.core.ingest.model import Extracted, FormatError


def extract_plain(data: bytes, filename: str) -> Extracted:
    """A ``.txt`` file: its lines mean nothing as Markdown (``# 1`` is text)."""
    return _extract(data, markdown=False)


def extract_markdown(data: bytes, filename: str) -> Extracted:
    return _extract(data, markdown=True)


def _extract(data: bytes, *, markdown: bool) -> Extracted:
    decoded = _decode(data)
    extracted = extract_text(decoded.text, markdown=markdown)
    extracted.encoding = decoded.encoding
    return extracted


def _decode(data: bytes) -> Decoded:
    try:
        return decode_bytes(data)
    except DecodeError as exc:
        raise FormatError(str(exc)) from None
