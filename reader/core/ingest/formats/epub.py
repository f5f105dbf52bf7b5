"""EPUB 2 and 3 books: the spine's documents in reading order, the book's own contents
as the outline, and its Dublin Core metadata.

Read with :mod:`zipfile` and lxml (ebooklib is AGPL). Each content document goes
through the shared layout of :mod:`reader.core.ingest.markup`, so ruby glosses and
images never enter the text; the element-id map it returns places the EPUB 3 ``nav``
(or EPUB 2 NCX) entries and page-list targets on blocks.

Spine items marked ``linear="no"`` (notes, answer keys, covers) are kept, after the
linear reading order: nothing of the book is lost and the main text reads straight
through. The navigation document is never text, wherever it is listed.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote, urldefrag

from lxml import etree

from reader.core.ingest import markup, sniff
from reader.core.ingest.formats import html
from reader.core.ingest.model import Block, Extracted, FormatError, Metadata, OutlineHint, PageStart
from reader.core.ingest.titles import normalise_date

# Uncompressed, from the ZIP headers, before anything is unpacked (zipfile never
# returns more than the header says): more is a damaged file or a zip bomb, not a book.
MAX_ENTRY_BYTES = 200 * 1024 * 1024  # one member
MAX_TOTAL_BYTES = 512 * 1024 * 1024  # every member read, summed (a member read twice, twice)
MAX_ENTRIES = 10_000  # members; a long illustrated book has a few thousand
DRM_MESSAGE = "DRM-protected EPUB; Pizhu can only open books without DRM"
CONTAINER = "META-INF/container.xml"
# Font obfuscation (IDPF, Adobe) hides fonts, not text: such a book opens fine.
_OBFUSCATION = frozenset({"http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"})
_DRM_FILES = ("META-INF/rights.xml", "META-INF/sinf.xml")  # Adobe ADEPT, Apple FairPlay
_CONTENT_TYPES = frozenset({"application/xhtml+xml", "text/html", "application/xml", "text/xml"})
_CONTENT_SUFFIX = re.compile(r"\.(?:x?html?|xml)$", re.I)
_OPS_TYPE = "{http://www.idpf.org/2007/ops}type"
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)""")
_XML = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True,
    remove_pis=True, load_dtd=False,
)  # fmt: skip
_XML_RECOVER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=True, recover=True, load_dtd=False
)


def extract(data: bytes, filename: str) -> Extracted:
    """The book's text, outline (nav or NCX), print pages and metadata."""
    with _Archive.open(data) as archive:
        package = _package(archive)
        _refuse_drm(archive, package)
        book = _Book()
        for item in package.reading_order():
            book.add(item.path, _document(archive, item.path))
        outline, pages = _navigation(archive, package, book)
    if not book.blocks:
        raise FormatError("no text found in the EPUB")
    return Extracted(book.blocks, package.meta, "epub", pages=pages, outline=outline or None)


# --- the archive ---------------------------------------------------------------------


class _TooLarge(FormatError):
    """Over a size limit: refused even where a broken part (the nav) would be skipped."""


class _Archive:
    """The zip, with size-guarded reads and a case-insensitive fallback for names."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            zf.close()
            raise _TooLarge(
                f"the EPUB holds more than {MAX_ENTRIES} files (a damaged file or a zip bomb)"
            )
        self.names = {info.filename: info for info in infos}
        self.folded = {name.lower(): name for name in self.names}
        self.unpacked = 0  # bytes the members read so far may unpack to

    @classmethod
    def open(cls, data: bytes) -> _Archive:
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zlib.error, OSError, ValueError) as exc:
            kind = sniff.signature_kind(data)
            if kind in sniff.ZIP_KINDS:
                detail = "a damaged ZIP archive"
            else:
                detail = f"it is {sniff.WORDS[kind]}" if kind else "not a ZIP archive"
            raise FormatError(f"not an EPUB ({detail})") from exc
        return cls(zf)

    def __enter__(self) -> _Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.zf.close()

    def find(self, path: str) -> str | None:
        return path if path in self.names else self.folded.get(path.lower())

    def read(self, path: str) -> bytes:
        name = self.find(path)
        if name is None:
            raise KeyError(path)
        info = self.names[name]
        if info.file_size > MAX_ENTRY_BYTES:
            raise _TooLarge(f"{name} in the EPUB is too large ({info.file_size >> 20} MB)")
        self.unpacked += info.file_size
        if self.unpacked > MAX_TOTAL_BYTES:
            raise _TooLarge(
                f"the EPUB is more than {MAX_TOTAL_BYTES >> 20} MB uncompressed "
                "(a damaged file or a zip bomb)"
            )
        try:
            with self.zf.open(info) as member:
                content = member.read(MAX_ENTRY_BYTES + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, RuntimeError, NotImplementedError) as exc:
            raise FormatError(f"cannot read {name} in the EPUB: {exc}") from exc
        if len(content) > MAX_ENTRY_BYTES:
            raise _TooLarge(f"{name} in the EPUB is too large (over {MAX_ENTRY_BYTES >> 20} MB)")
        return content


def _xml(archive: _Archive, path: str) -> etree._Element:
    """A package-level XML file (container, OPF, NCX, encryption), recovering if broken."""
    data = archive.read(path)
    for parser in (_XML, _XML_RECOVER):
        try:
            root = etree.fromstring(data, parser=parser)
        except etree.XMLSyntaxError:
            continue
        if root is not None:
            return root
    raise FormatError(f"{path} in the EPUB is not well-formed XML")


def _children(element: etree._Element, name: str) -> Iterator[etree._Element]:
    """Direct children by local name, in any case: real OPFs get namespaces wrong."""
    name = name.lower()
    return (child for child in element if markup.local_name(child) == name)


def _descendants(element: etree._Element, name: str) -> Iterator[etree._Element]:
    name = name.lower()
    return (e for e in element.iter() if markup.local_name(e) == name)


_NOT_RUBY_TEXT = etree.XPath(
    ".//text()[not(ancestor::*[local-name()='rt' or local-name()='rp' or local-name()='rtc'])]"
)


def _text(element: etree._Element) -> str:
    """An element's text as one line, without ruby glosses (nav labels can have them)."""
    return markup.clean_line("".join(_NOT_RUBY_TEXT(element)))


# --- the package (OPF) ---------------------------------------------------------------


@dataclass(frozen=True)
class _Item:
    id: str
    path: str  # in the zip
    media_type: str
    properties: frozenset[str]


@dataclass
class _Package:
    meta: Metadata
    items: dict[str, _Item]
    spine: list[tuple[str, bool]]  # (idref, linear)
    toc_id: str = ""  # the spine's NCX reference (EPUB 2)

    @property
    def nav(self) -> _Item | None:
        return next((i for i in self.items.values() if "nav" in i.properties), None)

    @property
    def ncx(self) -> _Item | None:
        item = self.items.get(self.toc_id)
        if item is None:
            types = (i for i in self.items.values() if i.media_type == "application/x-dtbncx+xml")
            item = next(types, None)
        return item

    def reading_order(self) -> list[_Item]:
        """Linear items in spine order, then non-linear ones; never the nav document."""
        nav = self.nav
        seen: set[str] = set()
        order: list[_Item] = []
        for linear in (True, False):
            for idref, is_linear in self.spine:
                if is_linear != linear or idref in seen:
                    continue
                seen.add(idref)
                item = self.items.get(idref)
                if item is None:
                    raise FormatError(f"the EPUB's spine lists {idref!r}, which it does not have")
                if item is not nav and _is_content(item):
                    order.append(item)
        return order


def _is_content(item: _Item) -> bool:
    return item.media_type in _CONTENT_TYPES or bool(_CONTENT_SUFFIX.search(item.path))


def _package(archive: _Archive) -> _Package:
    if archive.find(CONTAINER) is None:
        raise FormatError(f"not an EPUB (a ZIP archive without {CONTAINER})")
    rootfiles = [e.get("full-path", "") for e in _descendants(_xml(archive, CONTAINER), "rootfile")]
    opf_path = next((unquote(p) for p in rootfiles if p), "")
    if not opf_path:
        raise FormatError(f"not an EPUB ({CONTAINER} names no package file)")
    if archive.find(opf_path) is None:
        raise FormatError(f"not an EPUB (its package file {opf_path} is missing)")
    opf = _xml(archive, opf_path)
    base = posixpath.dirname(opf_path)
    items: dict[str, _Item] = {}
    for manifest in _children(opf, "manifest"):
        for entry in _children(manifest, "item"):
            href, key = entry.get("href"), entry.get("id")
            if href and key:
                items[key] = _Item(
                    key,
                    _join(base, href),
                    (entry.get("media-type") or "").strip().lower(),
                    frozenset((entry.get("properties") or "").split()),
                )
    spine_element = next(_children(opf, "spine"), None)
    spine = [] if spine_element is None else _spine(spine_element)
    toc = spine_element.get("toc", "") if spine_element is not None else ""
    metadata = next(_children(opf, "metadata"), None)
    meta = _metadata(metadata) if metadata is not None else Metadata()
    return _Package(meta, items, spine, toc)


def _spine(spine: etree._Element) -> list[tuple[str, bool]]:
    return [
        (ref.get("idref", ""), (ref.get("linear") or "yes").strip().lower() != "no")
        for ref in _children(spine, "itemref")
        if ref.get("idref")
    ]


def _join(base: str, href: str) -> str:
    """A zip path for ``href`` (relative to ``base``, percent-encoded), fragment dropped."""
    path = unquote(urldefrag(href.strip())[0])
    return posixpath.normpath(posixpath.join(base, path)).lstrip("/")


def _metadata(metadata: etree._Element) -> Metadata:
    """Dublin Core: the main title, every creator, language, publication date, source."""
    values: dict[str, list[etree._Element]] = {}
    for element in metadata.iter():
        values.setdefault(markup.local_name(element), []).append(element)
    titles = values.get("title", [])
    authors: list[str] = []
    for creator in values.get("creator", []):
        name = _text(creator)
        if name and name not in authors:
            authors.append(name)
    languages = [_text(e) for e in values.get("language", [])]
    urls = [
        _text(e)
        for e in [*values.get("identifier", []), *values.get("source", [])]
        if re.match(r"^https?://\S+$", _text(e), re.I)
    ]
    return Metadata(
        title=_text(_main_title(titles, values.get("meta", []))) if titles else "",
        authors=authors,
        date=_publication_date(values.get("date", [])),
        source_url=urls[0] if urls else "",
        language=next((lang for lang in languages if lang), ""),
    )


def _main_title(titles: list[etree._Element], metas: list[etree._Element]) -> etree._Element:
    """EPUB 3 may mark one title ``title-type main``; otherwise the first is the title."""
    main_ids = {
        (m.get("refines") or "").lstrip("#")
        for m in metas
        if m.get("property") == "title-type" and _text(m) == "main"
    }
    return next((t for t in titles if t.get("id") in main_ids), titles[0])


def _publication_date(dates: list[etree._Element]) -> str:
    """The publication date (EPUB 2 ``opf:event``), else the first dc:date."""

    def event(e: etree._Element) -> str:
        return next((v for k, v in e.attrib.items() if k.rpartition("}")[2] == "event"), "")

    ordered = sorted(dates, key=lambda e: event(e) not in ("", "publication"))
    return next((d for e in ordered if (d := normalise_date(_text(e)))), "")


def _refuse_drm(archive: _Archive, package: _Package) -> None:
    """Encrypted text (not just obfuscated fonts) or a rights file means DRM."""
    if any(archive.find(path) is not None for path in _DRM_FILES):
        raise FormatError(DRM_MESSAGE)
    if archive.find("META-INF/encryption.xml") is None:
        return
    documents = {item.path.lower() for item in package.items.values() if _is_content(item)}
    for data in _descendants(_xml(archive, "META-INF/encryption.xml"), "EncryptedData"):
        method = next(_descendants(data, "EncryptionMethod"), None)
        algorithm = (method.get("Algorithm") or "").strip() if method is not None else ""
        uris = [_join("", r.get("URI", "")) for r in _descendants(data, "CipherReference")]
        if algorithm not in _OBFUSCATION or any(u.lower() in documents for u in uris):
            raise FormatError(DRM_MESSAGE)


# --- the text ------------------------------------------------------------------------


@dataclass
class _Book:
    """Blocks of every document so far, and where each document's blocks and ids are."""

    blocks: list[Block] = field(default_factory=list)
    starts: dict[str, tuple[int, dict[str, int]]] = field(default_factory=dict)

    def add(self, path: str, document: markup.Converted) -> None:
        self.starts.setdefault(path.lower(), (len(self.blocks), document.anchors))
        self.blocks.extend(document.blocks)

    def block_of(self, path: str, fragment: str) -> int | None:
        """The block a link ``path#fragment`` lands on; None outside the text."""
        found = self.starts.get(path.lower())
        if found is None:
            return None
        start, anchors = found
        index = start + anchors.get(unquote(fragment), 0) if fragment else start
        return index if index < len(self.blocks) else None


def _document(archive: _Archive, path: str) -> markup.Converted:
    try:
        data = archive.read(path)
    except KeyError:
        raise FormatError(f"the EPUB lacks {path}, which its spine lists") from None
    root = _content_tree(data, path)
    if root is None:
        return markup.Converted([])
    body = next(_descendants(root, "body"), root)
    markup.prepare(body)
    return markup.to_blocks(body)


def _content_tree(data: bytes, path: str) -> etree._Element | None:
    """An XHTML document; malformed ones (``&nbsp;`` without a DTD, stray tags) are
    read with lxml's forgiving HTML parser instead."""
    if not data.strip():
        return None
    try:
        return etree.fromstring(data, parser=_XML)
    except etree.XMLSyntaxError:
        pass
    found = _XML_ENCODING.match(data)
    declared = found.group(1).decode("ascii") if found else "utf-8"
    try:
        text, _ = html.decode_page(data, declared=declared)
        return html.parse_page(text)
    except FormatError as exc:
        raise FormatError(f"{path} in the EPUB is unreadable: {exc}") from exc


# --- navigation ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    level: int
    title: str
    block: int | None  # None: the entry has no target of its own


def _navigation(
    archive: _Archive, package: _Package, book: _Book
) -> tuple[list[OutlineHint], list[PageStart]]:
    """The EPUB 3 nav's toc and page-list, or else the NCX's navMap and pageList.

    Navigation is a convenience: a broken nav or NCX leaves the book without it
    (the renderer then builds the outline from headings) rather than unreadable.
    """
    outline: list[OutlineHint] = []
    pages: list[PageStart] = []
    nav, ncx = package.nav, package.ncx
    try:
        if nav is not None and archive.find(nav.path) is not None:
            root = _content_tree(archive.read(nav.path), nav.path)
            if root is not None:
                outline, pages = _nav_document(root, posixpath.dirname(nav.path), book)
        if (not outline or not pages) and ncx is not None and archive.find(ncx.path):
            root = _xml(archive, ncx.path)
            ncx_outline, ncx_pages = _ncx(root, posixpath.dirname(ncx.path), book)
            outline, pages = outline or ncx_outline, pages or ncx_pages
    except _TooLarge:
        raise
    except FormatError:
        pass
    return outline, pages


def _nav_document(
    root: etree._Element, base: str, book: _Book
) -> tuple[list[OutlineHint], list[PageStart]]:
    navs = list(_descendants(root, "nav"))
    kinds = {id(n): (n.get(_OPS_TYPE) or n.get("epub:type") or "").split() for n in navs}
    toc = next((n for n in navs if "toc" in kinds[id(n)]), navs[0] if navs else None)
    page_list = next((n for n in navs if "page-list" in kinds[id(n)]), None)
    outline: list[OutlineHint] = []
    if toc is not None:
        top = next(_descendants(toc, "ol"), None)
        entries = _nav_list(top, 1, base, book) if top is not None else []
        outline = _hints(entries)
    pages: list[PageStart] = []
    if page_list is not None:
        for link in _descendants(page_list, "a"):
            block = _target(link.get("href", ""), base, book)
            if block is not None and _text(link):
                pages.append(PageStart(_text(link), block))
    return outline, pages


def _nav_list(ol: etree._Element, level: int, base: str, book: _Book) -> list[_Entry]:
    """Entries of a nav ``ol``, depth first; an ``li`` whose label is a bare ``span``
    (a part title without a page of its own) lands where its first child does."""
    entries: list[_Entry] = []
    for li in _children(ol, "li"):
        label = next((c for c in li if markup.local_name(c) in ("a", "span")), None)
        nested = next(_children(li, "ol"), None)
        children = _nav_list(nested, level + 1, base, book) if nested is not None else []
        block = _target(label.get("href", ""), base, book) if label is not None else None
        if block is None:
            block = next((e.block for e in children if e.block is not None), None)
        if label is not None:
            entries.append(_Entry(level, _text(label), block))
        entries.extend(children)
    return entries


def _ncx(ncx: etree._Element, base: str, book: _Book) -> tuple[list[OutlineHint], list[PageStart]]:
    nav_map = next(_descendants(ncx, "navMap"), None)
    entries = _nav_points(nav_map, 1, base, book) if nav_map is not None else []
    pages: list[PageStart] = []
    for target in _descendants(ncx, "pageTarget"):
        label, content = _ncx_label(target), next(_children(target, "content"), None)
        block = _target(content.get("src", ""), base, book) if content is not None else None
        if block is not None and label:
            pages.append(PageStart(label, block))
    return _hints(entries), pages


def _nav_points(parent: etree._Element, level: int, base: str, book: _Book) -> list[_Entry]:
    entries: list[_Entry] = []
    for point in _children(parent, "navPoint"):
        content = next(_children(point, "content"), None)
        block = _target(content.get("src", ""), base, book) if content is not None else None
        entries.append(_Entry(level, _ncx_label(point), block))
        entries.extend(_nav_points(point, level + 1, base, book))
    return entries


def _ncx_label(element: etree._Element) -> str:
    label = next(_children(element, "navLabel"), None)
    return _text(label) if label is not None else ""


def _target(href: str, base: str, book: _Book) -> int | None:
    if not href or re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I):
        return None  # no link, or one out of the book (http:, mailto:)
    fragment = urldefrag(href.strip())[1]
    return book.block_of(_join(base, href), fragment)


def _hints(entries: list[_Entry]) -> list[OutlineHint]:
    return [
        OutlineHint(e.level, e.title, e.block, exact=True)
        for e in entries
        if e.block is not None and e.title
    ]
