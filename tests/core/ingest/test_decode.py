"""Encoding fixtures are generated here from Unicode strings, never read from ../shared."""

import codecs
import io
import zipfile

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


def _zip(files: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return buf.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (_zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"}),
         "a Word .docx document"),
        (_zip({"mimetype": "application/epub+zip", "META-INF/container.xml": "<c/>"}),
         "an EPUB e-book"),
        (b"PK\x03\x04" + b"\0" * 100, "a ZIP archive"),  # damaged: still a ZIP archive
        (OLE + "WordDocument".encode("utf-16-le"), "an old Word .doc document"),
        (OLE + "Workbook".encode("utf-16-le"), "an old Excel .xls workbook"),
        (b"%PDF-1.7\n%\xe2\xe3", "a PDF document"),
        (b"\x7fELF\x02\x01\x01", "a program"),
        (b"GIF89a\x01\x00", "a GIF image"),
    ],
)  # fmt: skip
def test_binary_files_say_what_they_are(data: bytes, kind: str) -> None:
    with pytest.raises(DecodeError) as caught:
        decode_bytes(data)
    assert str(caught.value) == f"binary file ({kind}), not text"


def test_rtf_is_text_not_binary() -> None:
    assert decode_bytes(b"{\\rtf1\\ansi hello}").text == "{\\rtf1\\ansi hello}"


REPORT = "　　政府工作报告\n\n一、过去一年的工作\n经济开局良好，ＧＤＰ增长5.2%。开放、共赢。\r\n"
ENGLISH = "Government Work Report\r\nGDP grew by 5.2 percent in 2023.\r\n"
UTF16_TEXTS = [REPORT, ENGLISH, TRADITIONAL + "\n", GB18030_ONLY + "\n", "改革开放\n"]


@pytest.mark.parametrize("text", UTF16_TEXTS)
@pytest.mark.parametrize(("codec", "label"), [("utf-16-le", "utf-16le"), ("utf-16-be", "utf-16be")])
def test_utf16_without_bom_is_detected(text: str, codec: str, label: str) -> None:
    decoded = decode_bytes(text.encode(codec))
    assert (decoded.text, decoded.encoding) == (text, label)


def _ints(count: int) -> bytes:
    return b"".join(i.to_bytes(4, "little") for i in range(count))


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + "图片".encode("utf-16-le") * 40,  # the magic number wins
        b"PK\x03\x04" + "压缩".encode("utf-16-le") * 40,
        _ints(300),  # a table of little integers: controls either way round
        bytes(range(256)) * 8,  # every byte value: lone surrogates either way round
        "中文".encode("utf-16-le") + b"\x00",  # odd length
        "text with a NUL\x00 in it".encode("utf-16-le"),
    ],
)
def test_binary_with_zero_bytes_is_still_refused(data: bytes) -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(data)


@pytest.mark.parametrize("codec", ["utf-8", "gbk", "big5"])
def test_text_without_zero_bytes_is_never_taken_for_utf16(codec: str) -> None:
    text = TRADITIONAL if codec == "big5" else REPORT
    assert decode_bytes(text.encode(codec)).text == text
