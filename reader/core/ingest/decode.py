"""Turn the bytes of a text file into Unicode, exactly, or say why not.

Strict decoding is tried in a fixed order so valid input always decodes the same
way; charset-normalizer only arbitrates when both the GB and Big5 families decode
the bytes cleanly (GB2312 byte pairs are also legal Big5), which no byte-level rule
can settle.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

from reader.core.errors import PizhuError

_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF87a": "GIF image",
    b"GIF89a": "GIF image",
    b"%PDF-": "PDF document",
    b"PK\x03\x04": "ZIP archive (docx/epub/zip)",
    b"\x7fELF": "executable",
    b"\xd0\xcf\x11\xe0": "Office document",
}

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8 (BOM)"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16le (BOM)"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16be (BOM)"),
)


class DecodeError(PizhuError):
    """The file is not text we can decode exactly."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # a label for people: "utf-8", "gbk", "big5", "utf-16le (BOM)"...


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data`` exactly or raise :class:`DecodeError` with a one-line reason."""
    if not data:
        raise DecodeError("empty file")
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            return Decoded(_strict(data[len(bom) :], codec, label), label)
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise DecodeError(f"binary file ({kind}), not text")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DecodeError(f"binary file (NUL byte at offset {nul}), not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as utf8_error:
        return _decode_legacy(data, utf8_error)


def _strict(data: bytes, codec: str, label: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"invalid {label} at byte {exc.start}") from exc


def _narrowest(data: bytes, family: tuple[str, ...]) -> str | None:
    """The first codec of ``family`` (narrowest first) that decodes ``data`` strictly."""
    for codec in family:
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            continue
        return codec
    return None


GB_FAMILY = ("gb2312", "gbk", "gb18030")  # they nest: each decodes all of the previous
BIG5_FAMILY = ("big5", "cp950", "big5hkscs")


def _decode_legacy(data: bytes, utf8_error: UnicodeDecodeError) -> Decoded:
    gb = _narrowest(data, GB_FAMILY)
    big5 = _narrowest(data, BIG5_FAMILY)
    chosen = _arbitrate(data, gb, big5) if gb and big5 else gb or big5
    if chosen is None:
        raise DecodeError(
            "cannot decode as UTF-8, UTF-16, GB18030 or Big5 "
            f"(invalid byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start})"
        )
    text = data.decode(chosen)
    if _control_ratio(text) > 0.05:
        raise DecodeError("binary file (too many control characters), not text")
    return Decoded(text, chosen)


def _arbitrate(data: bytes, gb: str, big5: str) -> str:
    """Both families decode cleanly: let charset-normalizer's mess/coherence scores decide."""
    results = from_bytes(data[:65536], cp_isolation=["gb18030", "big5"], explain=False)
    best = results.best()
    if best is not None and best.encoding.replace("_", "") in {"big5", "cp950", "big5hkscs"}:
        return big5
    if best is not None:
        return gb
    return gb if _cjk_score(data.decode(gb)) >= _cjk_score(data.decode(big5)) else big5


def _cjk_score(text: str) -> float:
    common = sum(1 for ch in text if ch in _COMMON)
    return common / max(1, len(text))


# Characters frequent in both scripts: a fallback tie-breaker only.
_COMMON = frozenset("的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年")


def _control_ratio(text: str) -> float:
    sample = text[:65536]
    bad = sum(1 for ch in sample if ch < " " and ch not in "\n\r\t\f\v")
    return bad / max(1, len(sample))
