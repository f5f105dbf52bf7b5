"""Checksums that let the index cache prove it still holds what was written.

The index directory is a cache, so damage to it must never turn into a wrong
answer or an exception: every file Pizhu reads back from it carries (or is listed
with) a SHA-256, and a file that fails its check is reported as a
:class:`CacheDamage` naming the file. SHA-256 is hardware-accelerated on current
CPUs (about 2 GB/s here), cheaper than the UTF-8 decoding that follows it.

Folded texts carry their checksum in a one-line header, so a text and its
checksum are always replaced together (one atomic rename).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

FOLDED_MAGIC = b"pizhu-folded-1"
REPAIR_HINT = "run pizhu reindex"


MISSING = "missing"
"""The problem of a file that is not there (the one a searcher may shrug off: a missing
folded copy is read from SQLite instead). Other problems are free-form descriptions."""


class CacheDamage(Exception):
    """One damaged file of the index cache; ``str()`` is the line ``pizhu check`` prints."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"search index: {path}: {problem} ({REPAIR_HINT})")
        self.path = path
        self.problem = problem

    @property
    def missing(self) -> bool:
        return self.problem == MISSING


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    """Streamed, so hashing a large segment does not load it whole."""
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


FOLDED_HEADER_BYTES = len(FOLDED_MAGIC) + 1 + 64 + 1
"""The header line's length: the body starts there (windows are read by offset)."""


def encode_folded(folded: str) -> bytes:
    """The bytes of a folded-text file: ``pizhu-folded-1 <sha256 of body>\\n<body>``."""
    return encode_folded_body(folded.encode("utf-8", "surrogatepass"))


def encode_folded_body(body: bytes) -> bytes:
    return b"%s %s\n%s" % (FOLDED_MAGIC, sha256_hex(body).encode("ascii"), body)


def decode_folded(path: Path, data: bytes, chars: int) -> str:
    """The folded text in ``data`` (read from ``path``), checked against its header.

    ``chars`` is the length of the canonical text: folding maps one code point to
    one, so any other length means the file is not the text it claims to be.
    Raises :class:`CacheDamage` instead of ever returning a text that differs from
    what was written (an invalid byte or a changed character fails the checksum
    before anything is decoded).
    """
    header, newline, body = data.partition(b"\n")
    magic, _space, digest = header.partition(b" ")
    if not newline or magic != FOLDED_MAGIC or len(digest) != 64:
        raise CacheDamage(path, "bad header")
    if sha256_hex(body).encode("ascii") != digest:
        raise CacheDamage(path, "checksum mismatch")
    try:
        text = body.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:  # only if the checksum itself was forged alongside
        raise CacheDamage(path, "not valid UTF-8") from None
    if len(text) != chars:
        raise CacheDamage(path, f"has {len(text)} characters, expected {chars}")
    return text
