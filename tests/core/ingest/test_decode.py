"""Encoding fixtures are generated here from Unicode strings, never read from ../shared."""

import codecs

import pytest

from reader.core.ingest.decode import DecodeError, decode_bytes

SIMPLIFIED = "中华人民共和国国务院政府工作报告。坚持稳中求进工作总基调，ＧＤＰ增长5.2%，PM2.5下降。"
TRADITIONAL = "中華人民共和國國務院政府工作報告。我們要堅持穩中求進工作總基調，推動高質量發展。"
GB18030_ONLY = "𠮷野家的䶮字与𪚥字"  # outside GBK: needs GB18030's four-byte sequences


@pytest.mark.parametrize(
    ("text", "codec", "label"),
    [
        (SIMPLIFIED, "utf-8", "utf-8"),
        (SIMPLIFIED, "gb2312", "gb2312"),
        (SIMPLIFIED, "gbk", "gb2312"),
        (TRADITIONAL, "gbk", "gbk"),
        (GB18030_ONLY, "gb18030", "gb18030"),
        (TRADITIONAL, "big5", "big5"),
    ],
)
def test_exact_decoding(text: str, codec: str, label: str) -> None:
    decoded = decode_bytes(text.encode(codec))
    assert decoded.text == text
    assert decoded.encoding == label


@pytest.mark.parametrize(
    ("bom", "codec", "label"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8 (BOM)"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16le (BOM)"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16be (BOM)"),
    ],
)
def test_bom_is_removed_and_recorded(bom: bytes, codec: str, label: str) -> None:
    decoded = decode_bytes(bom + TRADITIONAL.encode(codec))
    assert decoded.text == TRADITIONAL
    assert not decoded.text.startswith("\ufeff")
    assert decoded.encoding == label


def test_full_width_characters_survive() -> None:
    text = "　　２０２４年，ＧＤＰ增长５％。"
    assert decode_bytes(text.encode("gbk")).text == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"abc\x00def", "NUL byte"),
        (b"\x80\x81\xff\xfe\xfd" * 20, "cannot decode"),
    ],
)
def test_undecodable_input_is_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)
