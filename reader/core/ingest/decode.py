"""Turn the bytes of a text file into Unicode, exactly, or say why not.

Strict decoding is tried in a fixed order so valid input always decodes the same
way; charset-normalizer only arbitrates when both the GB and Big5 families decode
the bytes cleanly (GB2312 byte pairs are also legal Big5), which no byte-level rule
can settle.

Zero bytes never occur in UTF-8, GB or Big5 text, but are everywhere in UTF-16:
a file with them is UTF-16 without a BOM when one byte order decodes strictly to
text that reads as text (:func:`_utf16_without_bom`), and is refused otherwise.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

from reader.core.ingest import sniff
from reader.errors import PizhuError

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
    if (kind := sniff.signature_kind(data)) in sniff.BINARY:
        raise DecodeError(f"binary file ({sniff.WORDS[kind]}), not text")
    nul = data.find(b"\x00")
    if nul >= 0:
        if (utf16 := _utf16_without_bom(data)) is not None:
            return utf16
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


_UTF16 = (("utf-16-le", "utf-16le"), ("utf-16-be", "utf-16be"))
MIN_TEXT_SHARE = 0.95  # of code points that must read as text in the right byte order


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 text saved without a BOM (Windows "Unicode" from some tools), or None.

    Each byte order must decode strictly to code points that read as text
    (:func:`_text_share`); binary data fails that in both (lone surrogates,
    control and unassigned code points), so it is still refused. When both pass,
    the zero bytes decide: in UTF-16 they are the high byte of ASCII characters,
    so read in the wrong order they become the low byte of ``U+xx00`` code points
    ("a" is U+0061 one way, U+6100 the other). The order with fewer of those wins.
    """
    if len(data) % 2:
        return None
    best: tuple[int, Decoded] | None = None
    for codec, label in _UTF16:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _text_share(text) < MIN_TEXT_SHARE:
            continue
        backwards = _low_zero_count(text)
        if best is None or backwards < best[0]:
            best = (backwards, Decoded(text, label))
    return best[1] if best else None


def _text_share(text: str) -> float:
    sample = text[:65536]
    if not sample or "\x00" in sample:
        return 0.0
    return sum(1 for ch in sample if _is_text_char(ch)) / len(sample)


def _low_zero_count(text: str) -> int:
    """Code points above U+00FF whose low byte is zero: ASCII read the wrong way round."""
    return sum(1 for ch in text[:65536] if ord(ch) > 0xFF and not ord(ch) & 0xFF)


# Blocks real Chinese (and Western) text is written in; each range is [lo, hi].
_TEXT_RANGES = (
    (0x20, 0x7E),  # ASCII
    (0xA0, 0x4FF),  # Latin-1 and Extended, IPA, modifiers (ˇ), diacritics, Greek, Cyrillic
    (0x1E00, 0x1EFF),  # Latin Extended Additional (pinyin and Vietnamese tones)
    (0x2000, 0x206F),  # general punctuation
    (0x2100, 0x27BF),  # letterlike, arrows, maths, shapes, dingbats (■ ● ★ ※ ①)
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3000, 0x33FF),  # CJK punctuation, kana, bopomofo, enclosed (㈠), units (㎡)
    (0x3400, 0x4DBF),  # CJK Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xAC00, 0xD7A3),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms (vertical punctuation)
    (0xFF00, 0xFFEF),  # full-width forms
)


def _is_text_char(ch: str) -> bool:
    """A code point of running text: a usual block, a line break, or past the BMP."""
    cp = ord(ch)
    if ch in "\n\r\t\f" or cp > 0xFFFF:  # past the BMP: a valid surrogate pair
        return True
    return any(lo <= cp <= hi for lo, hi in _TEXT_RANGES)
