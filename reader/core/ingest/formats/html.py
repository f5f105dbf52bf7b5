"""Saved web pages (``.html``/``.htm``): the article only, and what the page says about it.

A saved news, policy or WeChat page is mostly navigation, share buttons, ads, related
links and comments around one article. trafilatura (Apache-2.0) is good at telling the
article from the rest, but its own text output re-flows whitespace, loses list numbers,
captions and ``<br>`` layout, and on some pages falls back to a whole-page dump. So it
only *chooses*: every text node of the page carries a mark (:func:`markup.mark_text`),
trafilatura extracts from the marked page, and the article is the blocks of our own
layout (:mod:`reader.core.ingest.markup`) whose marks it kept. Its choice is checked
against the densest text container of the page, which wins when trafilatura kept much
less or found nothing. WeChat articles need no guessing: ``#js_content`` is the article.

:func:`extract_page` is shared with MHTML, which only differs in how the HTML is found.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from html import unescape

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Document

from reader.core.ingest import markup, sniff
from reader.core.ingest.decode import DecodeError, decode_bytes
from reader.core.ingest.model import Block, Extracted, FormatError, Metadata
from reader.core.ingest.titles import clean_title, find_date, normalise_date

_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_CHARSET_SCAN = 8192  # the page's own charset declaration is looked for this far in
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9._:-]+)""", re.I)
# Labels as browsers read them (WHATWG Encoding): GB2312 and GBK pages use GB18030
# characters freely, Big5 pages use HKSCS and Microsoft extensions, "Latin-1" is cp1252.
_CODECS = {
    **dict.fromkeys(
        ("gb2312", "gbk", "x-gbk", "gb_2312-80", "csgb2312", "chinese", "cp936", "gb18030"),
        ("gb18030",),
    ),
    **dict.fromkeys(("big5", "big5-hkscs", "cn-big5", "x-x-big5", "csbig5", "cp950"),
                    ("big5hkscs", "cp950")),
    **dict.fromkeys(("iso-8859-1", "latin1", "us-ascii", "ascii", "windows-1252"),
                    ("cp1252", "latin-1")),
    **dict.fromkeys(("utf-16", "utf-16le", "utf-16be", "unicode"), ("utf-8",)),
}  # fmt: skip
_MARKUP = re.compile(
    r"<\s*(?:!doctype|html|head|body|meta|title|div|p|article|section|table|span|br|h[1-6])\b",
    re.I,
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)

# A title suffix: " - 新华网", "_中国政府网", "|澎湃新闻", "--人民网".
_TITLE_SEPARATOR = re.compile(r"\s*(?:\s[-–—·]\s|[|｜_]|-{2,}|—{2})\s*")
_SITE_WORDS = re.compile(
    r"网|網|频道|报|報|电视台|政府|门户|官网|官方|在线|新闻|资讯|首页|客户端|平台|"
    r"\.(?:com|cn|net|org|gov)\b|www\.",
    re.I,
)
_AUTHOR_SPLIT = re.compile(r"\s*[,，、;；|/]\s*")
_AUTHOR_PREFIX = re.compile(r"^(?:作者|文|记者|撰文|编译|by)\s*[:：/]?\s*", re.I)
_DATE_KEYS = (
    "article:published_time", "og:published_time", "og:release_date", "pubdate",
    "publishdate", "publish_date", "publishtime", "firstpublishedtime", "datepublished",
    "dc.date.issued", "dc.date", "dcterms.issued", "date", "weibo:article:create_at",
)  # fmt: skip
_WECHAT_VARS = {
    "title": re.compile(r"""var\s+msg_title\s*=\s*(['"])(.*?)\1"""),
    "time": re.compile(r"""var\s+ct\s*=\s*['"]?(\d{9,11})"""),
    "account": re.compile(r"""var\s+nickname\s*=\s*(?:htmlDecode\()?(['"])(.*?)\1"""),
}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CHINA_TIME = timezone(timedelta(hours=8))  # WeChat shows dates in Beijing time


def extract(data: bytes, filename: str) -> Extracted:
    """A saved web page as its article's blocks and metadata."""
    text, encoding = decode_page(data)
    return extract_page(text, encoding)


# --- bytes to text -------------------------------------------------------------------


def decode_page(data: bytes, declared: str = "") -> tuple[str, str]:
    """The page's text and the codec used: BOM, then ``declared`` (a MIME charset), then
    the page's ``<meta>`` charset, then the byte-level guess of :func:`decode_bytes`."""
    if not data.strip():
        raise FormatError("empty file")
    if kind := sniff.binary_kind(data):
        raise FormatError(f"not an HTML page (it is {kind})")
    if data.startswith(_BOMS):
        return _guess(data)
    labels = [declared, _meta_charset(data[:_CHARSET_SCAN])]
    candidates = [codec for label in labels if label for codec in _codecs_for(label)]
    for codec in candidates:
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    if candidates:  # a few bad bytes in the declared charset: shown as a browser shows them
        text = data.decode(candidates[0], "replace")
        bad = text.count("\ufffd")
        if bad <= max(2, len(text) // 1000):
            return text, f"{candidates[0]} ({bad} invalid byte{'s' * (bad != 1)} replaced)"
    try:
        return _guess(data)  # declared wrongly (GBK bytes called UTF-8 is common) or not at all
    except FormatError:
        if not candidates:
            raise
    return data.decode(candidates[0], "replace"), f"{candidates[0]} (invalid bytes replaced)"


def _guess(data: bytes) -> tuple[str, str]:
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        raise FormatError(f"not an HTML page ({exc})") from exc
    return decoded.text.removeprefix("\ufeff"), decoded.encoding


def _meta_charset(head: bytes) -> str:
    found = _META_CHARSET.search(head)
    return found.group(1).decode("ascii", "replace") if found else ""


def _codecs_for(label: str) -> tuple[str, ...]:
    label = label.strip().lower()
    if label in _CODECS:
        return _CODECS[label]
    try:
        return (codecs.lookup(label).name,)
    except LookupError:
        return ()


# --- the page --------------------------------------------------------------------------


def extract_page(text: str, encoding: str, *, url: str = "") -> Extracted:
    """The article of an HTML page already decoded; ``url`` is where it was saved from."""
    root = parse_page(text)
    meta, headline = _metadata(root, text, url)
    found_body = root.find("body")
    body = found_body if found_body is not None else root
    markup.prepare(body)
    wechat = _by_id(body, "js_content")
    blocks = markup.to_blocks(wechat).blocks if wechat is not None else []
    if not blocks:
        found = _article(root, body, need_meta=not (meta.date and meta.site))
        blocks = found.blocks
        meta.date = meta.date or found.date
        meta.site = meta.site or found.site
    blocks = _with_title(strip_boilerplate(blocks), meta.title, headline=headline)
    if not blocks:
        raise FormatError("no article text found in the page")
    return Extracted(blocks, meta, encoding, detect_headings=True)


def parse_page(text: str) -> lxml.html.HtmlElement:
    if not _MARKUP.search(text[:65536]):
        raise FormatError("not an HTML page (no HTML markup in it)")
    text = _XML_DECLARATION.sub("", text, count=1)  # lxml refuses it in a str
    try:
        return lxml.html.document_fromstring(text, parser=_PARSER)
    except (etree.LxmlError, ValueError) as exc:
        raise FormatError(f"cannot read the HTML: {exc}") from exc


def _by_id(root: etree._Element, key: str) -> etree._Element | None:
    found = root.xpath("//*[@id=$key]", key=key)
    return found[0] if found else None


# --- choosing the article ------------------------------------------------------------


# trafilatura's cost grows faster than the page: on a page of 45,000 text nodes one XPath
# in it (`//p//text()`, run on the whole document: adbar/trafilatura#289) takes 1.5 s.
# Pages beyond this many text nodes are long texts whose article is by far the densest
# container, which then decides alone.
TRAFILATURA_MAX_NODES = 25_000


@dataclass
class _Found:
    """The article's blocks, with a date and site name for when the page declares none."""

    blocks: list[Block]
    date: str = ""
    site: str = ""


def _article(root: lxml.html.HtmlElement, body: etree._Element, *, need_meta: bool) -> _Found:
    for element in body.iter("figure", "figcaption"):
        element.tag = "div" if element.tag == "figure" else "p"  # trafilatura drops figures
    if markup.mark_text(body) <= TRAFILATURA_MAX_NODES:
        kept, found = _trafilatura_choice(root, need_meta)
    else:
        kept, found = set(), _Found([])
    page = markup.to_blocks(body, marked=True)
    found.blocks = _prose(page, kept)
    dense = densest_container(body)
    if dense is not None and _length(found.blocks) < 0.5 * _text_length(dense):
        _prune_widgets(dense)
        laid = markup.to_blocks(dense, marked=True)
        found.blocks = _prose(laid, None)
        kept = set().union(*(source.marks for source in laid.sources))
    found.date = found.date or _dateline(page, kept)
    return found


def _dateline(page: markup.Converted, kept: set[int]) -> str:
    """A full date on a short line near the top of the article ("2024年11月20日 08:15
    来源：…"): the visible dateline, which the article itself no longer holds."""
    first = next((i for i, s in enumerate(page.sources) if s.marks & kept), None)
    if first is None:
        return ""
    for block in page.blocks[max(0, first - 4) : first + 6]:
        for line in block.text.split("\n"):
            date = find_date(line) if len(line) <= 80 else ""
            if len(date) == 10:
                return date
    return ""


_LINK_LIST = 0.6  # a paragraph whose text is mostly links is navigation or a link list


def _prose(laid: markup.Converted, kept: set[int] | None) -> list[Block]:
    """The blocks holding a kept mark (all when ``kept`` is None) that are not link
    lists; a heading may be a link (a permalink) and stays."""
    return [
        block
        for block, source in zip(laid.blocks, laid.sources, strict=True)
        if (kept is None or source.marks & kept)
        and (block.heading or source.link_share < _LINK_LIST)
    ]


def _trafilatura_choice(root: lxml.html.HtmlElement, need_meta: bool) -> tuple[set[int], _Found]:
    """The marks trafilatura keeps in its article, and (``need_meta``) its date and site.

    Precision mode keeps datelines and editor lines out; ``fast`` skips its comparison
    with readability and jusText, which costs half its time and whose whole-page
    results the densest-container check replaces. trafilatura is a heuristic: any
    failure in it means "no choice", never an error.
    """
    try:
        document = trafilatura.bare_extraction(
            root,
            output_format="python",
            favor_precision=True,
            fast=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            with_metadata=need_meta,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # a third-party heuristic: the densest container covers for it
        return set(), _Found([])
    if not isinstance(document, Document) or document.body is None:
        return set(), _Found([])
    kept = markup.marks_in("".join(document.body.itertext()))
    date = normalise_date(markup.strip_marks(str(document.date or "")))
    site = clean_title(markup.strip_marks(str(document.sitename or "")))
    return kept, _Found([], date, site)


def _length(blocks: list[Block]) -> int:
    return sum(len(b.text) for b in blocks)


def _text_length(element: etree._Element) -> int:
    """Visible characters under ``element`` (marks and whitespace not counted)."""
    text = markup.strip_marks("".join(element.itertext()))
    return len(text) - sum(text.count(c) for c in " \t\n\r\u3000")


def densest_container(body: etree._Element) -> etree._Element | None:
    """The element holding the most paragraph text outside links (readability-style):
    each paragraph credits its parent fully and its grandparent half."""
    scores: dict[etree._Element, float] = {}
    for para in body.iter("p", "pre", "td", "div", "section", "blockquote"):
        own = _own_text_length(para)
        if own < 20:
            continue
        parent = para.getparent()
        if para.tag in ("div", "section", "td"):
            parent = para  # loose text in a div: the div itself is the container
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + own
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + own / 2
    if not scores:
        return None
    best = sorted(scores, key=scores.__getitem__, reverse=True)[:8]  # link density is costly
    return max(best, key=lambda e: scores[e] * (1 - _link_density(e)))


_WIDGET = re.compile(
    r"(?:^|[\s_-])(?:ad|ads|adv|advert\w*|gg|guanggao|banner|share|sharing|social|comments?|"
    r"related|recommend\w*|qrcode|print|toolbar)(?:$|[\s_-])",
    re.I,
)


def _prune_widgets(container: etree._Element) -> None:
    """Without trafilatura's judgement, drop what class and id names say is not text:
    ads (广告 is "gg" on Chinese sites), share bars, comments, related links."""
    widgets = [
        e
        for e in container.iterdescendants()
        if _WIDGET.search(f"{e.get('class') or ''} {e.get('id') or ''}")
    ]
    for element in widgets:
        markup.drop(element)


def _own_text_length(element: etree._Element) -> int:
    """Text directly in ``element`` and its inline children, not in nested blocks."""
    total = len((element.text or "").strip())
    for child in element:
        if markup.local_name(child) not in markup.BLOCK_TAGS and child.tag != "a":
            total += len("".join(child.itertext()).strip())
        total += len((child.tail or "").strip())
    return total


def _link_density(element: etree._Element) -> float:
    text = len("".join(element.itertext()))
    links = sum(len("".join(a.itertext())) for a in element.iter("a"))
    return links / text if text else 1.0


# --- what is not the article ----------------------------------------------------------

_SHORT = 60
_EDITOR = re.compile(
    r"^[【\[（(]?\s*(?:【我要纠错】\s*)?(?:责任编辑|责编|编辑|校对|审核|审校|监制|终审|初审|复审|"
    r"值班编辑|美编|排版|本期编辑)\s*[:：]"
)
_PAGE_FURNITURE = re.compile(
    r"(?:^|[\s|｜])(?:来源|稿源|发布时间|发布日期|作者|时间)\s*[:：]|^(?:上一篇|下一篇)|分享到|扫一扫|"
    r"^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*\d{1,2}:\d{2}|打印本页|"
    r"关闭窗口|【打印】|【关闭】|返回顶部|【字体|字号\s*[:：]|浏览次数|点击数|阅读量|版权所有|"
    r"copyright\s*(?:©|\(c\)|\d)|©\s*\d{4}|ICP备|公网安备|网站标识码",
    re.I,
)
# "2024-03-05 10:30:00" alone on a line is a dateline; "2024年1月10日" may be a signature.
_TIMESTAMP = re.compile(r"^[\d\s/.\-年月日]*\d{1,2}:\d{2}(?::\d{2})?\s*$")
_RELATED = re.compile(
    r"^(?:相关阅读|相关新闻|相关文章|相关链接|相关推荐|延伸阅读|推荐阅读|热点推荐|热门推荐|"
    r"猜你喜欢|更多阅读|更多精彩|热点排行|排行榜)\s*[:：]?$"
)
_COMMENTS = re.compile(
    r"^(?:网友评论|精彩评论|最新评论|热门评论|发表评论|我要评论|评论|留言)\s*[:：]?$"
)


def strip_boilerplate(blocks: list[Block]) -> list[Block]:
    """Drop what a choice of article may still hold: editor and dateline lines, share and
    print widgets, footers, "相关阅读" link lists, and comments from their heading on."""
    kept: list[Block] = []
    in_links = False
    for block in blocks:
        text = block.text
        if _COMMENTS.match(text):
            break
        if _RELATED.match(text):
            in_links = True
            continue
        if in_links and len(text) <= _SHORT and "\n" not in text and not block.heading:
            continue
        in_links = False
        if not all(_is_furniture(line) for line in text.split("\n")):
            kept.append(block)
    return kept


def _is_furniture(line: str) -> bool:
    return len(line) <= _SHORT and bool(
        _EDITOR.match(line) or _PAGE_FURNITURE.search(line) or _TIMESTAMP.match(line)
    )


def _with_title(blocks: list[Block], title: str, *, headline: bool) -> list[Block]:
    """The article opens with its title as a level-1 heading: the block near the top
    that is the title becomes one, or else a page headline (not a bare ``<title>``) is
    put first."""
    title = clean_title(title)
    if not title or not blocks:
        return blocks
    for block in blocks[:3]:
        if clean_title(block.text) == title:
            block.heading = block.heading or 1
            return blocks
    return [Block(title, heading=1), *blocks] if headline else blocks


# --- metadata ------------------------------------------------------------------------


def _metadata(root: lxml.html.HtmlElement, text: str, url: str) -> tuple[Metadata, bool]:
    """What the page says about itself, and its headline.

    The headline (from ``og:title``, WeChat's ``msg_title`` or the page's ``<h1>``)
    opens the text when the article body lacks it; a bare ``<title>`` does not, as it
    is too often a site's generic page name.
    """
    metas = _meta_values(root)
    wechat = _wechat_vars(text) if _by_id(root, "js_content") is not None else {}
    site = clean_title(metas.get("og:site_name", ""))
    account = clean_title(_first_text(root, "//*[@id='js_name']") or wechat.get("account", ""))
    declared = clean_title(
        metas.get("og:title") or metas.get("twitter:title") or wechat.get("title", "")
    )
    raw_title = declared or clean_title(_first_text(root, "//title"))
    title, suffix_site = strip_site_suffix(raw_title, site)
    h1 = clean_title(_first_text(root, "//h1"))
    if h1 and (not title or raw_title.startswith(h1)):
        title = h1
    meta = Metadata(
        title=title,
        authors=_authors(metas) or ([account] if account else []),
        date=_date(root, metas, wechat),
        source_url=_source_url(root, metas) or _absolute(url),
        site=account or site or suffix_site,
        language=_language(root, metas),
    )
    return meta, bool(title) and bool(declared or title == h1)


def _meta_values(root: lxml.html.HtmlElement) -> dict[str, str]:
    """``<meta>`` contents by lower-cased name/property/itemprop/http-equiv; first wins."""
    values: dict[str, str] = {}
    for meta in root.iter("meta"):
        content = (meta.get("content") or "").strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (meta.get(attr) or "").strip().lower()
            if key:
                values.setdefault(key, content)
    return values


def _first_text(root: etree._Element, path: str) -> str:
    for element in root.xpath(path):
        text = " ".join("".join(element.itertext()).split())
        if text:
            return text
    return ""


def _wechat_vars(text: str) -> dict[str, str]:
    """Title, time and account from the page's script, which saved pages may not render."""
    found: dict[str, str] = {}
    for key, pattern in _WECHAT_VARS.items():
        match = pattern.search(text)
        if match:
            found[key] = unescape(match.group(match.lastindex or 0))  # '&amp;' in a JS string
    return found


def strip_site_suffix(title: str, site: str = "") -> tuple[str, str]:
    """``title`` without trailing site and channel names, and the site name removed."""
    removed: list[str] = []
    while True:
        cuts = list(_TITLE_SEPARATOR.finditer(title))
        if not cuts:
            break
        last = cuts[-1]
        head, tail = title[: last.start()].strip(), title[last.end() :].strip()
        is_site = _site_like(tail, site)
        is_channel = bool(removed) and len(tail) <= 6
        if not head or not (is_site or is_channel):
            break
        removed.append(tail)
        title = head
    return title, removed[0] if removed else ""


def _site_like(segment: str, site: str) -> bool:
    if not segment:
        return False
    if site and (segment == site or site in segment or segment in site):
        return True
    return len(segment) <= 20 and _SITE_WORDS.search(segment) is not None


def _authors(metas: dict[str, str]) -> list[str]:
    found: list[str] = []
    for key in ("author", "article:author", "byline", "dc.creator", "dcterms.creator"):
        for name in _AUTHOR_SPLIT.split(metas.get(key, "")):
            name = clean_title(_AUTHOR_PREFIX.sub("", name.strip()))
            if name and "://" not in name and name not in found:
                found.append(name)
        if found:
            break
    return found


def _date(root: lxml.html.HtmlElement, metas: dict[str, str], wechat: dict[str, str]) -> str:
    for key in _DATE_KEYS:
        if date := normalise_date(metas.get(key, "")):
            return date
    if "time" in wechat:
        moment = datetime.fromtimestamp(int(wechat["time"]), UTC).astimezone(_CHINA_TIME)
        return moment.date().isoformat()
    for value in root.xpath("//time/@datetime"):
        if date := normalise_date(str(value)):
            return date
    return normalise_date(_first_text(root, "//*[@id='publish_time']"))


def _source_url(root: lxml.html.HtmlElement, metas: dict[str, str]) -> str:
    for href in root.xpath("//link[@rel='canonical']/@href"):
        if url := _absolute(str(href)):
            return url
    return _absolute(metas.get("og:url", ""))


def _absolute(url: str) -> str:
    url = url.strip()
    return url if re.match(r"^https?://\S+$", url, re.I) else ""


def _language(root: lxml.html.HtmlElement, metas: dict[str, str]) -> str:
    lang = (root.get("lang") or root.get(_XML_LANG) or "").strip()
    lang = lang or metas.get("content-language", "") or metas.get("og:locale", "")
    return lang.replace("_", "-").split(",")[0].strip()
