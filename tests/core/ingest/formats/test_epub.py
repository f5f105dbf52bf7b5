"""EPUB 2 and 3 books built here with zipfile: text, outline, pages, metadata, refusals."""

from __future__ import annotations

import io
import zipfile

import pytest

from reader.core.ingest.formats.epub import DRM_MESSAGE, extract
from reader.core.ingest.model import FormatError
from reader.core.ingest.render import render

CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf"
    media-type="application/oebps-package+xml"/></rootfiles>
</container>"""

XHTML = """<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>{title}</title><style>p {{ text-indent: 2em }}</style></head>
<body>{body}</body></html>"""

CHAPTER1 = """<h1 id="c1">第一章 春</h1>
<p>盼望着，盼望着，东风来了，
春天的脚步近了。</p>
<p id="p2">一切都像刚睡醒的样子，欣欣然张开了眼。<span epub:type="pagebreak" id="page2"/></p>
<h2 id="s2">一、草</h2>
<p>小草偷偷地从土里钻出来，嫩嫩的，绿绿的。
<ruby>漢<rp>(</rp><rt>hàn</rt><rp>)</rp></ruby>字有注音。</p>"""

CHAPTER2 = """<section epub:type="chapter"><h1>第二章 夏</h1>
<p>夏天到了。</p>
<figure><img src="../images/lotus.jpg" alt="荷花"/></figure>
<p>荷塘里开满了荷花。<img src="../images/x.png" alt=""/></p></section>"""

NOTES = """<aside epub:type="footnote" id="n1"><p>注一：这是一条注释。</p></aside>"""

NAV = """<nav epub:type="toc" id="toc"><h1>目录</h1><ol>
  <li><a href="text/ch1.xhtml">第一章 春</a>
    <ol><li><a href="text/ch1.xhtml#s2">一、草</a></li></ol></li>
  <li><span>下编</span>
    <ol><li><a href="text/ch2.xhtml">第二章 夏</a></li></ol></li>
</ol></nav>
<nav epub:type="page-list"><ol>
  <li><a href="text/ch1.xhtml#c1">1</a></li><li><a href="text/ch1.xhtml#page2">2</a></li>
</ol></nav>"""

OPF3 = """<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">https://example.org/books/chunxia</dc:identifier>
    <dc:title id="t1">春夏集</dc:title>
    <dc:creator>朱自清</dc:creator>
    <dc:creator>编者甲</dc:creator>
    <dc:language>zh-CN</dc:language>
    <dc:date>2021-06-01T00:00:00Z</dc:date>
    <meta property="dcterms:modified">2024-01-01T00:00:00Z</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="ch1" href="text/ch1.xhtml" media-type="application/xhtml+xml"/>
    <item id="ch2" href="text/ch2.xhtml" media-type="application/xhtml+xml"/>
    <item id="notes" href="text/notes.xhtml" media-type="application/xhtml+xml"/>
    <item id="img" href="images/lotus.jpg" media-type="image/jpeg"/>
  </manifest>
  <spine>
    <itemref idref="nav"/>
    <itemref idref="notes" linear="no"/>
    <itemref idref="ch1"/>
    <itemref idref="ch2"/>
  </spine>
</package>"""


def page(body: str, title: str = "") -> str:
    return XHTML.format(title=title, body=body)


def build(files: dict[str, str | bytes], *, container: bool = True) -> bytes:
    """An EPUB: ``mimetype`` stored first, then the given files."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", zipfile.ZIP_STORED)
        if container:
            zf.writestr("META-INF/container.xml", CONTAINER)
        for name, content in files.items():
            zf.writestr(name, content)
    return out.getvalue()


def epub3(**extra: str | bytes) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "OEBPS/content.opf": OPF3,
        "OEBPS/nav.xhtml": page(NAV, "目录"),
        "OEBPS/text/ch1.xhtml": page(CHAPTER1, "春"),
        "OEBPS/text/ch2.xhtml": page(CHAPTER2, "夏"),
        "OEBPS/text/notes.xhtml": page(NOTES),
        "OEBPS/images/lotus.jpg": b"\xff\xd8\xff\xe0 not really a jpeg",
    }
    files.update(extra)
    return files


EPUB3_TEXT = (
    "第一章 春\n\n"
    "盼望着，盼望着，东风来了，春天的脚步近了。\n\n"
    "一切都像刚睡醒的样子，欣欣然张开了眼。\n\n"
    "一、草\n\n"
    "小草偷偷地从土里钻出来，嫩嫩的，绿绿的。漢字有注音。\n\n"
    "第二章 夏\n\n"
    "夏天到了。\n\n"
    "荷花\n\n"
    "荷塘里开满了荷花。\n\n"
    "注一：这是一条注释。\n"
)


def test_epub3_text_in_spine_order_with_non_linear_items_last() -> None:
    doc = render(extract(build(epub3()), "book.epub"), "book.epub")
    assert doc.text == EPUB3_TEXT
    assert "hàn" not in doc.text and "目录" not in doc.text  # no ruby gloss, no nav page


def test_epub3_outline_comes_from_the_nested_nav() -> None:
    doc = render(extract(build(epub3()), "book.epub"), "book.epub")
    text = doc.text
    outline = [(e.level, e.title, e.start) for e in doc.outline]
    assert outline == [
        (1, "第一章 春", 0),
        (2, "一、草", text.index("一、草")),
        (1, "下编", text.index("第二章 夏")),  # a bare <span> lands on its first child
        (2, "第二章 夏", text.index("第二章 夏")),
    ]


def test_epub3_page_list_and_metadata() -> None:
    extracted = extract(build(epub3()), "book.epub")
    doc = render(extracted, "book.epub")
    assert extracted.encoding == "epub"
    assert [(p.label, p.start) for p in doc.pages] == [
        ("1", 0),
        ("2", doc.text.index("一切都像")),
    ]
    meta = doc.meta
    assert doc.title == "春夏集"
    assert meta.authors == ["朱自清", "编者甲"]
    assert (meta.language, meta.date) == ("zh-CN", "2021-06-01")
    assert meta.source_url == "https://example.org/books/chunxia"


NCX = """<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
  <head><meta name="dtb:uid" content="urn:isbn:9787000000000"/></head>
  <docTitle><text>旧书</text></docTitle>
  <navMap>
    <navPoint id="n1" playOrder="1"><navLabel><text>卷一</text></navLabel>
      <content src="part1.html"/>
      <navPoint id="n2" playOrder="2"><navLabel><text>第一回 开端</text></navLabel>
        <content src="part1.html#h1"/></navPoint>
      <navPoint id="n3" playOrder="3"><navLabel><text>第二回 发展</text></navLabel>
        <content src="part1.html#h2"/></navPoint>
    </navPoint>
    <navPoint id="n4" playOrder="4"><navLabel><text>后记</text></navLabel>
      <content src="part%202.html"/></navPoint>
  </navMap>
</ncx>"""

OPF2 = """<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
    <dc:title>旧书</dc:title>
    <dc:creator opf:role="aut">佚名</dc:creator>
    <dc:language>zh</dc:language>
    <dc:date opf:event="modification">2020-02-02</dc:date>
    <dc:date opf:event="publication">1998-05</dc:date>
    <dc:identifier id="id">urn:isbn:9787000000000</dc:identifier>
  </metadata>
  <manifest>
    <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
    <item id="p1" href="part1.html" media-type="application/xhtml+xml"/>
    <item id="p2" href="part%202.html" media-type="application/xhtml+xml"/>
  </manifest>
  <spine toc="ncx"><itemref idref="p1"/><itemref idref="p2"/></spine>
</package>"""

# Not well-formed XML (&nbsp; without a DTD, an unclosed <br>): read by the HTML parser.
PART1 = """<html xmlns="http://www.w3.org/1999/xhtml"><head><title>卷一</title></head><body>
<h2 id="h1">第一回 开端</h2><p>话说天下大势，分久必合。<br>合久必分。&nbsp;Fin.</p>
<h2 id="h2">第二回 发展</h2><p>且说那人。</p></body></html>"""


def epub2_files() -> dict[str, str | bytes]:
    return {
        "OEBPS/content.opf": OPF2,
        "OEBPS/toc.ncx": NCX,
        "OEBPS/part1.html": PART1,
        "OEBPS/part 2.html": page("<p>后记：全书完。</p>"),
    }


def test_epub2_with_ncx_only() -> None:
    doc = render(extract(build(epub2_files()), "old.epub"), "old.epub")
    assert doc.text == (
        "第一回 开端\n\n话说天下大势，分久必合。\n合久必分。 Fin.\n\n"
        "第二回 发展\n\n且说那人。\n\n后记：全书完。\n"
    )
    assert [(e.level, e.title, e.start) for e in doc.outline] == [
        (1, "卷一", 0),
        (2, "第一回 开端", 0),
        (2, "第二回 发展", doc.text.index("第二回")),
        (1, "后记", doc.text.index("后记")),
    ]
    assert (doc.title, doc.meta.authors, doc.meta.date) == ("旧书", ["佚名"], "1998-05")
    assert doc.meta.source_url == ""  # an ISBN URN is not a URL


def test_font_obfuscation_is_not_drm() -> None:
    encryption = """<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"
      xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
      <enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/>
      <enc:CipherData><enc:CipherReference URI="OEBPS/fonts/a.otf"/></enc:CipherData>
      </enc:EncryptedData></encryption>"""
    files = epub3(**{"META-INF/encryption.xml": encryption})
    assert render(extract(build(files), "b.epub")).text == EPUB3_TEXT


@pytest.mark.parametrize(
    "extra",
    [
        {"META-INF/rights.xml": "<rights/>"},
        {
            "META-INF/encryption.xml": """<encryption
              xmlns="urn:oasis:names:tc:opendocument:xmlns:container"
              xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>
              <enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
              <enc:CipherData><enc:CipherReference URI="OEBPS/text/ch1.xhtml"/></enc:CipherData>
              </enc:EncryptedData></encryption>"""
        },
    ],
    ids=["adobe-rights", "encrypted-chapter"],
)
def test_drm_is_refused(extra: dict[str, str]) -> None:
    with pytest.raises(FormatError) as caught:
        extract(build(epub3(**extra)), "drm.epub")
    assert str(caught.value) == DRM_MESSAGE


def test_not_a_zip() -> None:
    with pytest.raises(FormatError, match=r"^not an EPUB \(it is a PDF document\)$"):
        extract(b"%PDF-1.7\n...", "x.epub")
    with pytest.raises(FormatError, match=r"^not an EPUB \(not a ZIP archive\)$"):
        extract("这不是电子书".encode(), "x.epub")


def test_zip_without_container() -> None:
    with pytest.raises(FormatError) as caught:
        extract(build(epub3(), container=False), "x.epub")
    assert str(caught.value) == "not an EPUB (a ZIP archive without META-INF/container.xml)"


def test_missing_spine_file_is_named() -> None:
    files = epub3()
    del files["OEBPS/text/ch2.xhtml"]
    with pytest.raises(FormatError, match=r"OEBPS/text/ch2\.xhtml"):
        extract(build(files), "x.epub")


def test_oversized_member_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.core.ingest.formats import epub

    monkeypatch.setattr(epub, "MAX_ENTRY_BYTES", 100)
    with pytest.raises(FormatError, match="too large"):
        extract(build(epub3()), "bomb.epub")


def test_the_members_read_share_one_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.core.ingest.formats import epub

    data = build(epub3(**{"OEBPS/images/big.jpg": b"\0" * 100_000}))  # never read: free
    read = sum(len(v) for k, v in epub3().items() if not k.endswith(".jpg"))
    monkeypatch.setattr(epub, "MAX_TOTAL_BYTES", 2 * read)
    assert render(extract(data, "b.epub")).text == EPUB3_TEXT
    monkeypatch.setattr(epub, "MAX_TOTAL_BYTES", read // 2)
    with pytest.raises(FormatError) as caught:
        extract(data, "bomb.epub")
    assert str(caught.value) == (
        "the EPUB is more than 0 MB uncompressed (a damaged file or a zip bomb)"
    )


def test_a_chapter_listed_many_times_counts_each_time(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.core.ingest.formats import epub

    items = "".join(
        f'<item id="c{i}" href="text/ch1.xhtml" media-type="application/xhtml+xml"/>'
        for i in range(200)
    )
    spine = "".join(f'<itemref idref="c{i}"/>' for i in range(200))
    opf = OPF3.replace("<manifest>", f"<manifest>{items}").replace("<spine>", f"<spine>{spine}")
    monkeypatch.setattr(epub, "MAX_TOTAL_BYTES", 100 * len(CHAPTER1.encode()))
    with pytest.raises(FormatError, match=r"^the EPUB is more than 0 MB uncompressed"):
        extract(build(epub3(**{"OEBPS/content.opf": opf})), "bomb.epub")


def test_too_many_members_are_refused() -> None:
    files = epub3(**{f"OEBPS/images/{i}.png": b"" for i in range(10_000)})
    with pytest.raises(FormatError) as caught:
        extract(build(files), "many.epub")
    assert (
        str(caught.value) == "the EPUB holds more than 10000 files (a damaged file or a zip bomb)"
    )


def test_an_oversized_nav_is_refused_not_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.core.ingest.formats import epub

    big_nav = page(NAV + "<p>" + "目录" * 2000 + "</p>", "目录")
    monkeypatch.setattr(epub, "MAX_ENTRY_BYTES", len(big_nav.encode()) - 1)
    with pytest.raises(FormatError, match=r"^OEBPS/nav\.xhtml in the EPUB is too large"):
        extract(build(epub3(**{"OEBPS/nav.xhtml": big_nav})), "b.epub")


def test_links_into_tables_and_pre_land_on_their_blocks() -> None:
    chapter = (
        '<h1 id="c1">第一章 春</h1><p>正文。</p>'
        "<table><tr><th>项目</th><th>数量</th></tr>"
        '<tr><td id="inside">甲</td><td>1</td></tr></table>'
        '<p>中间。</p><pre>x = 1\n\n<span id="code">y = 2</span></pre>'
    )
    nav = """<nav epub:type="toc"><ol><li><a href="text/ch1.xhtml">第一章 春</a></li>
      <li><a href="text/ch1.xhtml#inside">附表</a></li>
      <li><a href="text/ch1.xhtml#code">代码</a></li></ol></nav>"""
    files = epub3(**{"OEBPS/text/ch1.xhtml": page(chapter), "OEBPS/nav.xhtml": page(nav)})
    doc = render(extract(build(files), "b.epub"), "b.epub")
    assert [(e.title, e.start) for e in doc.outline] == [
        ("第一章 春", 0),
        ("附表", doc.text.index("项目\t数量")),
        ("代码", doc.text.index("y = 2")),
    ]
