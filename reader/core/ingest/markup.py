"""(X)HTML element trees as paragraph blocks, laid out the way a reader sees the page.

Web pages and EPUB chapters share this one layout so that both read the same way:
block elements make paragraphs, ``<br>`` makes a line inside one, lists get their
markers, tables and ``<pre>`` keep their lines (``verbatim``), and ruby annotations,
scripts, forms and other non-text never reach the text.

Whitespace follows the browser, with the one rule Chinese text needs: a source line
break between two CJK characters is an artefact of the HTML editor, not a space, so
it disappears (CSS Text 3 "segment break transformation"). A space typed between two
Chinese words (``常务会议 部署推进``) is authored and kept.

Web-page extraction also needs to know which source text a block came from: it tags
every text node with a *mark* (a rare letter or two, :func:`mark_text`), lets
trafilatura choose the article, and keeps the blocks whose marks survived. The layout
strips marks and reports them, with the share of link text, per block (:class:`Source`).
Marks are Tangut and cuneiform letters, which no Chinese page uses; were one to, a marked
layout would drop it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from lxml import etree

from reader.core.ingest.model import Block
from reader.core.text.cjk import CJK_TEXT_CLASS

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
LISTS = frozenset({"ol", "ul", "menu", "dir"})
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
        "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "header", "hgroup", "hr", "html", "legend", "li", "main",
        "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
        "tr", *HEADINGS, *LISTS,
    }
)  # fmt: skip
# Never text: code, media, widgets, navigation, and ruby annotations (rt/rp/rtc), so a
# glossed 漢 stays 漢 and never becomes 漢(hàn).
IGNORED_TAGS = (
    "script", "style", "noscript", "template", "svg", "math", "iframe", "frame",
    "frameset", "object", "embed", "canvas", "audio", "video", "button", "input",
    "select", "textarea", "nav", "head", "title", "link", "meta", "rt", "rp", "rtc",
)  # fmt: skip
_CONTENT_TAGS = frozenset({"p", "article", "section", "table", "li", "blockquote", *HEADINGS})

_CJK = CJK_TEXT_CLASS
_FULLWIDTH_PUNCT = "\u3001\u3002\u3008-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20"
_ASCII_WS = " \t\n\r\f"
# A run of whitespace holding a line break, between two CJK characters: nothing.
_CJK_SEGMENT_BREAK = re.compile(f"(?<=[{_CJK}])[{_ASCII_WS}]*[\n\r][{_ASCII_WS}]*(?=[{_CJK}])")
_WS_RUN = re.compile(f"[{_ASCII_WS}]+")
# A space beside full-width punctuation (which carries its own spacing) next to CJK.
_PUNCT_SPACE = re.compile(
    f"(?<=[{_FULLWIDTH_PUNCT}]) (?=[{_CJK}])|(?<=[{_CJK}]) (?=[{_FULLWIDTH_PUNCT}])"
)
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")  # str.translate is slow on CJK
_LINE_STRIP = " \u3000"
_INDENTS = ("\u3000", "\xa0\xa0")
_DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ATTACHMENT = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|wps|et|ofd|zip|rar|7z|txt)(?:[?#]|$)", re.I)

_GENERIC_ALT = frozenset(
    {
        "image", "img", "picture", "pic", "photo", "figure", "图片", "图像", "图", "照片",
        "插图", "配图", "logo", "icon", "banner", "广告", "ad", "advertisement", "cover",
        "封面", "undefined", "null", "none", "spacer", "placeholder", "loading", "二维码",
        "qrcode", "qr code", "头像", "avatar", "thumbnail", "缩略图",
    }
)  # fmt: skip
_FILE_LIKE = re.compile(
    r"^(?:\S*\.(?:jpe?g|png|gif|webp|bmp|svg|tiff?|avif)|https?://\S*|[\W\d_]+)$", re.I
)

# Marks: printable letters that real text does not use (trafilatura drops non-printable
# characters on some paths): the last digit is a Tangut ideograph, leading digits are
# cuneiform signs, so a mark is one character for the first 6136 text nodes.
_LAST, _LAST_BASE = 0x17000, 6136
_LEAD, _LEAD_BASE = 0x12000, 921
_MARK = re.compile("[\U00012000-\U00012398]*[\U00017000-\U000187f7]")


@dataclass(frozen=True)
class Source:
    """Where a block's text came from: the marks in it, and how much of it was link text
    (navigation and link lists are nearly all links; prose nearly none)."""

    marks: frozenset[int]
    link_share: float


@dataclass
class Converted:
    """A tree's blocks; ``anchors`` maps an element id (or ``<a name>``) to the block
    it is in or precedes; ``sources`` has one :class:`Source` per block."""

    blocks: list[Block]
    anchors: dict[str, int] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)


def local_name(element: etree._Element) -> str:
    """The lower-case tag without namespace; "" for comments and other non-elements."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return (tag.rpartition("}")[2] if tag[:1] == "{" else tag).lower()


def prepare(root: etree._Element) -> None:
    """Remove in place everything that is never text, keeping the text that follows it."""
    etree.strip_elements(
        root, etree.Comment, etree.ProcessingInstruction, etree.Entity, with_tail=False
    )
    etree.strip_elements(root, *(f"{{*}}{tag}" for tag in IGNORED_TAGS), with_tail=False)
    for element in list(root.iter("{*}form")):
        # ASP.NET pages wrap the whole page in one <form>: keep a form that holds prose.
        if not any(local_name(e) in _CONTENT_TAGS for e in element.iter()):
            drop(element)
    hidden = [e for e in root.iter() if e.get("hidden") is not None or _styled_hidden(e)]
    for element in hidden:
        drop(element)
    for image in list(root.iter("{*}img")):
        _image_to_alt(image)


def _styled_hidden(element: etree._Element) -> bool:
    style = element.get("style")
    return bool(style) and _DISPLAY_NONE.search(style) is not None


def drop(element: etree._Element) -> None:
    """Remove ``element`` and its subtree but keep its tail text in place."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _image_to_alt(image: etree._Element) -> None:
    """An image becomes its alt text when that says something, else nothing.

    Inside a figure with a caption the caption speaks for the image.
    """
    alt = clean_line(image.get("alt") or "")
    figure = next((a for a in image.iterancestors() if local_name(a) == "figure"), None)
    captioned = figure is not None and any(local_name(e) == "figcaption" for e in figure.iter())
    if not alt or captioned or alt.lower() in _GENERIC_ALT or _FILE_LIKE.match(alt):
        drop(image)
        return
    tag = image.tag
    namespace = tag.rpartition("}")[0] + "}" if isinstance(tag, str) and tag[:1] == "{" else ""
    keep_id = image.get("id")
    image.attrib.clear()
    if keep_id:
        image.set("id", keep_id)
    image.tag = f"{namespace}span"
    image.text = alt
    for child in list(image):
        image.remove(child)


def _visible(raw: str) -> str:
    """Zero-width characters and soft hyphens out; a no-break space is a space."""
    return _INVISIBLE.sub("", raw).replace("\xa0", " ")


def clean_line(raw: str) -> str:
    """One displayed line: invisible characters out, whitespace as a browser shows it."""
    text = _visible(raw)
    if "\n" in text or "\r" in text:
        text = _CJK_SEGMENT_BREAK.sub("", text)
    text = _WS_RUN.sub(" ", text)
    if " " in text:
        text = _PUNCT_SPACE.sub("", text)
    return text.strip(_LINE_STRIP)


# --- marks -------------------------------------------------------------------------


def mark_code(number: int) -> str:
    """The invisible mark for text node ``number``."""
    last = chr(_LAST + number % _LAST_BASE)
    number //= _LAST_BASE
    lead = ""
    while number:
        lead = chr(_LEAD + number % _LEAD_BASE) + lead
        number //= _LEAD_BASE
    return lead + last


def _mark_value(code: str) -> int:
    value = 0
    for ch in code[:-1]:
        value = value * _LEAD_BASE + ord(ch) - _LEAD
    return value * _LAST_BASE + ord(code[-1]) - _LAST


def mark_text(root: etree._Element) -> int:
    """Prefix every non-blank text node under ``root`` with its mark; returns the count."""
    count = 0
    for element in root.iter():
        if element.text and not element.text.isspace():
            element.text = mark_code(count) + element.text
            count += 1
        if element is not root and element.tail and not element.tail.isspace():
            element.tail = mark_code(count) + element.tail
            count += 1
    return count


def marks_in(text: str) -> set[int]:
    return {_mark_value(m) for m in _MARK.findall(text)}


def strip_marks(text: str) -> str:
    return _MARK.sub("", text)


# --- layout ------------------------------------------------------------------------


@dataclass
class _Line:
    parts: list[str] = field(default_factory=list)
    marks: set[int] = field(default_factory=set)
    chars: int = 0  # source characters, and those inside links, for Source.link_share
    link_chars: int = 0

    def add(self, other: _Line) -> None:
        self.marks |= other.marks
        self.chars += other.chars
        self.link_chars += other.link_chars


class _Layout:
    """Blocks under construction; ``flush`` ends the current paragraph."""

    def __init__(self, marked: bool) -> None:
        self.out = Converted([])
        self.lines = [_Line()]
        self.heading = 0  # level while inside h1..h6: block tags inside do not split it
        self.prefix = ""  # list marker waiting for its item's first paragraph
        self.counters: list[int | None] = []  # next number per open list; None: bullets
        self.marked = marked
        self.in_link = 0  # depth of open <a href> elements

    def take(self, raw: str | None, line: _Line | None = None) -> str:
        """``raw`` without its marks, which go to ``line`` (default: the current line)."""
        if not raw:
            return ""
        if self.marked:
            target = line if line is not None else self.lines[-1]
            target.marks.update(marks_in(raw))
            raw = strip_marks(raw)
        return raw

    def text(self, raw: str | None) -> None:
        if raw:
            line = self.lines[-1]
            raw = self.take(raw)
            line.parts.append(raw)
            size = len(raw.strip())
            line.chars += size
            if self.in_link:
                line.link_chars += size

    def line_break(self) -> None:
        if self.heading:
            self.lines[-1].parts.append("\n")  # a heading stays one line
        else:
            self.lines.append(_Line())

    def anchor(self, element: etree._Element, tag: str, block: int | None = None) -> None:
        """Record the element's id (and an ``<a name>``) as landing on ``block``: by
        default the next block to be emitted, which is the one it is in or precedes."""
        at = len(self.out.blocks) if block is None else block
        for key in (element.get("id"), element.get("name") if tag == "a" else None):
            if key:
                self.out.anchors.setdefault(key, at)

    def flush(self) -> None:
        lines, self.lines = self.lines, [_Line()]
        if self.heading:
            whole = _Line()
            for line in lines:
                whole.add(line)
            raw = "".join(p for line in lines for p in line.parts)
            self.emit(Block(clean_line(raw), heading=self.heading), whole)
            return
        for text, source in _paragraphs(lines):
            self.emit(Block(text), source)

    def emit(self, block: Block, source: _Line) -> None:
        if not block.text:
            return
        if self.prefix and not block.heading:
            block.text = self.prefix + block.text
        self.prefix = ""
        self.out.blocks.append(block)
        share = source.link_chars / source.chars if source.chars else 0.0
        self.out.sources.append(Source(frozenset(source.marks), share))

    def list_marker(self, item: etree._Element) -> str:
        if not self.counters or self.counters[-1] is None:
            return "• "
        value = _int_attr(item, "value")
        number = value if value is not None else self.counters[-1]
        self.counters[-1] = number + 1
        return f"{number}. "


def _paragraphs(lines: list[_Line]) -> list[tuple[str, _Line]]:
    """Lines split by ``<br>`` as paragraphs.

    One ``<br>`` is a line break inside the paragraph (addresses, verse). An empty
    line (``<br><br>``) or a line opening with a Chinese indent (``　　`` or
    ``&nbsp;&nbsp;``) starts a new paragraph: that is how pages without ``<p>`` lay
    out prose.
    """
    groups: list[tuple[list[str], _Line]] = []
    current: tuple[list[str], _Line] | None = None
    for index, line in enumerate(lines):
        raw = "".join(line.parts)
        clean = clean_line(raw)
        if not clean:
            current = None
            continue
        if current is None or (index and raw.lstrip(_ASCII_WS).startswith(_INDENTS)):
            current = ([], _Line())
            groups.append(current)
        current[0].append(clean)
        current[1].add(line)
    return [("\n".join(texts), source) for texts, source in groups]


def _int_attr(element: etree._Element, name: str) -> int | None:
    try:
        return int((element.get(name) or "").strip())
    except ValueError:
        return None


def to_blocks(root: etree._Element, *, marked: bool = False) -> Converted:
    """Lay out ``root`` (already :func:`prepare`-d) as blocks.

    ``marked``: the tree carries marks from :func:`mark_text`; strip and report them.
    """
    layout = _Layout(marked)
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = local_name(element)
        if event == "start":
            if tag == "a" and _leaves_page(element):
                layout.in_link += 1
            if _start(layout, element, tag):
                walker.skip_subtree()
        else:
            _end(layout, tag)
            if tag == "a" and _leaves_page(element):
                layout.in_link -= 1
            if element is not root:
                layout.text(element.tail)
    layout.flush()
    return layout.out


def _leaves_page(link: etree._Element) -> bool:
    """A link to another page. In-page anchors (``#note-3``) and attachments (a notice's
    ``附件1.pdf``) are part of the text, not navigation."""
    href = (link.get("href") or "#").strip()
    return not href.startswith("#") and not _ATTACHMENT.search(href)


def _start(layout: _Layout, element: etree._Element, tag: str) -> bool:
    """Open ``element``; True when it was laid out whole and its subtree must be skipped."""
    if tag in BLOCK_TAGS and not layout.heading:
        layout.flush()
    layout.anchor(element, tag)
    if tag == "br":
        layout.line_break()
    elif tag in HEADINGS and not layout.heading:
        layout.heading = HEADINGS[tag]
    elif tag in LISTS:
        layout.counters.append(_list_start(element) if tag == "ol" else None)
    elif tag == "li" and not layout.heading:
        layout.prefix = layout.list_marker(element)
    elif tag == "pre" and not layout.heading:
        _pre(layout, element)
        return True
    elif tag == "table" and not layout.heading and not is_layout_table(element):
        _table(layout, element)
        return True
    layout.text(element.text)
    return False


def _end(layout: _Layout, tag: str) -> None:
    if tag in HEADINGS and layout.heading == HEADINGS[tag]:
        layout.flush()
        layout.heading = 0
    elif tag in LISTS and layout.counters:
        layout.counters.pop()
    if tag in BLOCK_TAGS and not layout.heading:
        layout.flush()
        if tag == "li":
            layout.prefix = ""


def _list_start(element: etree._Element) -> int:
    start = _int_attr(element, "start")
    if start is not None:
        return start
    if element.get("reversed") is not None:
        return sum(1 for child in element if local_name(child) == "li")
    return 1


def _gather(
    layout: _Layout,
    element: etree._Element,
    line: _Line,
    anchors: list[tuple[int, etree._Element]] | None = None,
) -> str:
    """The raw text of ``element``'s content; ``<br>`` and block edges become newlines.

    ``anchors`` receives (offset in the text, element) for each descendant with an id.
    """
    parts: list[str] = []
    size = 0
    walker = etree.iterwalk(element, events=("start", "end"))
    for event, node in walker:
        tag = local_name(node)
        if event == "start":
            if node is not element and (tag == "br" or tag in BLOCK_TAGS):
                parts.append("\n")
                size += 1
            if anchors is not None and node is not element and _has_anchor(node, tag):
                anchors.append((size, node))
            parts.append(layout.take(node.text, line))
        elif node is not element:
            if tag in BLOCK_TAGS:
                parts.append("\n")
                size += 1
            parts.append(layout.take(node.tail, line))
        else:
            continue
        size += len(parts[-1])
    return "".join(parts)


def _has_anchor(element: etree._Element, tag: str) -> bool:
    return element.get("id") is not None or (tag == "a" and element.get("name") is not None)


def _pre(layout: _Layout, element: etree._Element) -> None:
    """Preformatted text keeps its lines and indentation; a blank line splits blocks.

    An id inside lands on the block of its line (the next block, on a blank line).
    """
    line = _Line()
    anchors: list[tuple[int, etree._Element]] = []
    raw = _gather(layout, element, line, anchors)
    owners: list[int] = []  # for each line, the block it is in or precedes
    group: list[str] = []
    for text in [*_LINE_BREAK.split(raw), ""]:
        text = _visible(text).rstrip()
        if text:
            group.append(text)
        elif group:
            layout.emit(Block("\n".join(group), verbatim=True), line)
            group = []
        owners.append(len(layout.out.blocks))
    breaks = [m.end() for m in _LINE_BREAK.finditer(raw)]
    for offset, node in anchors:
        layout.anchor(node, local_name(node), owners[bisect_right(breaks, offset)])


def is_layout_table(table: etree._Element) -> bool:
    """A table used for page layout, whose cells are to be read as ordinary blocks.

    Old Chinese sites put the whole page in tables (a menu cell beside an article
    cell); a data table has two or more rows of several short cells, each at most one
    paragraph, and no table inside.
    """
    if table.get("role") == "presentation":
        return True
    rows = widest = 0
    for element in table.iter():
        tag = local_name(element)
        if element is not table and tag == "table":
            return True
        if tag == "tr":
            rows += 1
            widest = max(widest, sum(1 for c in element if local_name(c) in ("td", "th")))
        elif tag in ("td", "th") and _holds_prose(element):
            return True
    return rows < 2 or widest < 2


def _holds_prose(cell: etree._Element) -> bool:
    """A cell with a heading, a rule, several paragraphs or a long text is page layout."""
    blocks = breaks = 0
    for element in cell.iter():
        tag = local_name(element)
        if tag in HEADINGS or tag == "hr":
            return True
        blocks += tag in ("p", "div", "ul", "ol", "blockquote", "section")
        breaks += tag == "br"
    return blocks > 1 or breaks > 2 or len("".join(cell.itertext()).strip()) > 300


def _table(layout: _Layout, table: etree._Element) -> None:
    """A data table: one verbatim block, a row per line, cells separated by a tab.

    An id inside lands on the table's block, or in a caption on the caption's.
    """
    line = _Line()
    rows: list[str] = []
    inside: list[tuple[etree._Element, str]] = []  # elements with ids, outside captions
    for element in table.iter():
        tag = local_name(element)
        if element is not table and _has_anchor(element, tag):
            inside.append((element, tag))
        if tag == "caption":
            for node in element.iter():  # the caption's ids win: recorded first
                layout.anchor(node, local_name(node))
            caption = _Line()
            text = clean_line(_gather(layout, element, caption))
            layout.emit(Block(text), caption)
        elif tag == "tr":
            cells = [
                clean_line(_gather(layout, cell, line).replace("\t", " "))
                for cell in element
                if local_name(cell) in ("td", "th")
            ]
            if any(cells):
                rows.append("\t".join(cells))
    for element, tag in inside:
        layout.anchor(element, tag)
    if rows:
        layout.emit(Block("\n".join(rows), verbatim=True), line)
