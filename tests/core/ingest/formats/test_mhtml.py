"""MHTML archives built with the email package read exactly like the saved page."""

from __future__ import annotations

import quopri
from email import policy
from email.message import EmailMessage
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart

import pytest

from reader.core.ingest.formats.mhtml import extract
from reader.core.ingest.model import FormatError
from reader.core.ingest.render import render
from tests.core.ingest.formats.test_html import NEWS, NEWS_TEXT

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def html_part(page: str, charset: str, location: str, cid: str = "") -> MIMENonMultipart:
    part = MIMENonMultipart("text", "html", charset=charset)
    part["Content-Transfer-Encoding"] = "quoted-printable"
    part.set_payload(quopri.encodestring(page.encode(charset)).decode("ascii"))
    part["Content-Location"] = location
    if cid:
        part["Content-ID"] = f"<{cid}>"
    return part


def archive(*parts: MIMENonMultipart, start: str = "", snapshot: str = "") -> bytes:
    """multipart/related as Chrome and IE save it."""
    message = MIMEMultipart("related", type="text/html")
    if start:
        message.set_param("start", f"<{start}>")
    message["From"] = "<Saved by Blink>"
    message["Subject"] = "=?utf-8?Q?saved?="
    if snapshot:
        message["Snapshot-Content-Location"] = snapshot
    for part in parts:
        message.attach(part)
    image = MIMEImage(PNG, "png")
    image["Content-Location"] = "http://www.news.cn/logo.png"
    message.attach(image)
    return message.as_bytes(policy=policy.SMTP)


def test_gbk_quoted_printable_page_reads_like_the_html() -> None:
    # The part says gbk; the page's own <meta charset="utf-8"> is wrong for these bytes.
    page = NEWS.replace("©", "(C)")  # not in GBK
    data = archive(html_part(page, "gbk", "http://www.news.cn/politics/x.htm"))
    extracted = extract(data, "news.mhtml")
    doc = render(extracted, "news.mhtml")
    assert extracted.encoding == "gb18030"
    assert doc.text == NEWS_TEXT
    assert doc.meta.source_url == "http://www.news.cn/politics/2024-03/05/c_1130000000.htm"
    assert [e.title for e in doc.outline][1:] == [
        "一、推进农业转移人口市民化",
        "二、提升城市治理水平",
    ]


def test_root_part_is_the_start_parameter_and_snapshot_location_is_the_url() -> None:
    page = NEWS.replace('<link rel="canonical"', '<link rel="alternate"')
    frame = "<html><body><p>这是一个嵌入框架里的广告页面，不是正文。</p></body></html>"
    data = archive(
        html_part(frame, "utf-8", "http://ad.example.com/frame.html", cid="frame"),
        html_part(page, "utf-8", "http://www.news.cn/p.htm", cid="main"),
        start="main",
        snapshot="http://www.news.cn/p.htm",
    )
    doc = render(extract(data, "p.mht"), "p.mht")
    assert doc.text == NEWS_TEXT
    assert doc.meta.source_url == "http://www.news.cn/p.htm"


def test_single_part_archive() -> None:
    message = EmailMessage()
    message["MIME-Version"] = "1.0"
    message.set_content(NEWS, subtype="html", charset="utf-8", cte="base64")
    assert render(extract(message.as_bytes(), "x.mht")).text == NEWS_TEXT


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"just some text\nwithout headers\n", "not an MHTML file (no MIME headers)"),
        (b"%PDF-1.4 binary", "not an MHTML file (it is a PDF document)"),
    ],
)
def test_not_mime(data: bytes, reason: str) -> None:
    with pytest.raises(FormatError) as caught:
        extract(data, "x.mhtml")
    assert str(caught.value) == reason


def test_archive_without_a_page() -> None:
    message = MIMEMultipart("related")
    message.attach(MIMEImage(PNG, "png"))
    with pytest.raises(FormatError, match="^the MHTML file holds no HTML page$"):
        extract(message.as_bytes(), "x.mhtml")


def test_a_truncated_archive_is_refused_not_imported_in_part() -> None:
    page = NEWS.replace("©", "(C)")
    data = archive(html_part(page, "gbk", "http://www.news.cn/politics/x.htm"))
    with pytest.raises(FormatError, match="truncated MHTML file"):
        extract(data[: len(data) // 2], "cut.mhtml")
