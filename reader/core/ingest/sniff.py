"""What a file really is, by its first bytes: for reasons such as "a .pdf that is a ZIP"."""

from __future__ import annotations

_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office or other OLE file"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "a program"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)


def binary_kind(data: bytes) -> str:
    """What a binary file is (``"a PDF document"``) by its magic bytes; ``""`` if none."""
    return next((name for magic, name in _MAGIC if data.startswith(magic)), "")


def describe(data: bytes) -> str:
    """A few words for what ``data`` looks like (``"a ZIP archive"``, ``"an HTML page"``)."""
    head = data[:1024]
    if kind := binary_kind(head):
        return kind
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered[:512]:
        return "an HTML page"
    if lowered.startswith(b"<?xml"):
        return "an XML file"
    if lowered.startswith(b"mime-version:") or b"\nmime-version:" in lowered[:512]:
        return "a MIME (MHTML) file"
    if lowered.startswith(b"{") or lowered.startswith(b"["):
        return "a JSON file"
    return "not a recognised file type"
