"""Word .docx: paragraphs, headings, lists, tables and notes, in reading order.

The package is read with :mod:`zipfile` and :mod:`lxml` directly rather than through
python-docx's ``Document()``: python-docx refuses a whole file over one dangling
relationship (``KeyError: There is no item named 'word/NULL'``, a known problem of
files from some Word add-ins and converters), refuses ``.docm``/``.dotx`` content
types, unpacks every part (images included) into memory, and exposes neither notes,
list numbers, field codes nor revisions, so the body would be walked as raw XML
anyway. Only the XML parts that carry text are unpacked, each under a size limit.

Choices that shape the canonical text:

* Body order is kept: paragraphs, tables and text boxes come out where they occur.
  A text box's paragraphs follow the paragraph that anchors it; of an
  ``mc:AlternateContent`` only one branch is read, so a box never appears twice.
* Line breaks inside a paragraph (``w:br``, ``w:cr``) are judged like the stray
  breaks of a text file (:func:`reader.core.ingest.reflow.join_lines`): a break
  inside a sentence (text pasted from a PDF) joins with nothing between CJK and a
  space between Latin words; a break after a sentence, in an address or a verse
  stays a ``\\n``. A heading is always one line.
* A list item starts with its marker as Word shows it (``一、``, ``（1）``, ``1.2``,
  ``•``), computed from numbering.xml; a marker that ends in full-width punctuation
  or is an enclosed number (``①``) is followed by nothing, any other by one space.
* A table is one verbatim block: a row per line, cells separated by a tab, a merged
  cell written once (the places it covers are empty cells, so columns stay aligned;
  a row may therefore start with a tab). A table of one column is a layout frame
  (Chinese templates box whole documents in one): its content is read as body text.
* Footnote and endnote references become ``[1]``, ``[2]``… in order of reference
  (endnotes count ``[i]``, ``[ii]``… when the file has both kinds, as Word does).
  The notes follow the body under a heading: ``注释`` when there is one kind,
  ``脚注`` and ``尾注`` when there are both (Word's own names for them). It is an
  outline heading only if the body has headings, or it would become the title.
* The core title is dropped when the text does not bear it out (a title left over
  from the older file the document was written over); see :func:`_stale_title`.
* Deleted revisions, field codes, hidden text, ruby (pinyin) annotations, headers,
  footers and comments are left out; inserted revisions and field results are kept.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import posixpath
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePath
from typing import TypeAlias
from urllib.parse import unquote

from lxml import etree

from reader.core.ingest.model import Block, Extracted, FormatError, Metadata
from reader.core.ingest.reflow import join_lines, join_separator
from reader.core.ingest.titles import normalise_date, title_from_metadata

Element: TypeAlias = etree._Element

MAX_PART_BYTES = 200 * 1024 * 1024  # uncompressed; a larger XML part is a damaged file or a bomb

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_V = "{urn:schemas-microsoft-com:vml}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_DCTERMS = "{http://purl.org/dc/terms/}"
_CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
# Strict OOXML (Word: "Strict Open XML Document") differs from transitional by namespace.
_STRICT_NAMESPACES = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", W_NS.encode()),
    (
        b"http://purl.oclc.org/ooxml/officeDocument/math",
        b"http://schemas.openxmlformats.org/officeDocument/2006/math",
    ),
)


def _w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


W_DOCUMENT, W_BODY, W_P, W_R, W_T, W_TBL, W_TR, W_TC = map(
    _w, ("document", "body", "p", "r", "t", "tbl", "tr", "tc")
)
W_PPR, W_RPR, W_TRPR, W_TCPR, W_PSTYLE, W_RSTYLE = map(
    _w, ("pPr", "rPr", "trPr", "tcPr", "pStyle", "rStyle")
)
W_SDT, W_SDTPR, W_SDTCONTENT, W_CUSTOMXML = map(_w, ("sdt", "sdtPr", "sdtContent", "customXml"))
W_BR, W_CR, W_TAB, W_PTAB, W_NOBREAKHYPHEN, W_SYM = map(
    _w, ("br", "cr", "tab", "ptab", "noBreakHyphen", "sym")
)
W_FLDCHAR, W_INSTRTEXT, W_DRAWING, W_PICT, W_OBJECT = map(
    _w, ("fldChar", "instrText", "drawing", "pict", "object")
)
W_FOOTNOTEREFERENCE, W_ENDNOTEREFERENCE, W_FOOTNOTE, W_ENDNOTE = map(
    _w, ("footnoteReference", "endnoteReference", "footnote", "endnote")
)
W_RUBY, W_RUBYBASE, W_TXBXCONTENT, W_VANISH, W_DEL = map(
    _w, ("ruby", "rubyBase", "txbxContent", "vanish", "del")
)
W_NUMPR, W_NUMID, W_ILVL, W_OUTLINELVL = map(_w, ("numPr", "numId", "ilvl", "outlineLvl"))
W_GRIDSPAN, W_VMERGE, W_HMERGE, W_GRIDBEFORE = map(
    _w, ("gridSpan", "vMerge", "hMerge", "gridBefore")
)
W_VAL, W_ID, W_TYPE, W_CHAR, W_FLDCHARTYPE, W_CUSTOMMARK = map(
    _w, ("val", "id", "type", "char", "fldCharType", "customMarkFollows")
)
MC_ALTERNATE, MC_CHOICE, MC_FALLBACK = (
    f"{_MC}AlternateContent",
    f"{_MC}Choice",
    f"{_MC}Fallback",
)
M_OMATH, M_OMATHPARA, M_T = f"{_M}oMath", f"{_M}oMathPara", f"{_M}t"
V_TEXTPATH = f"{_V}textpath"

# Wrappers whose children are read as if they stood in the wrapper's place.
_BLOCK_WRAPPERS = frozenset(map(_w, ("customXml", "ins", "moveTo", "smartTag")))
_INLINE_WRAPPERS = frozenset(
    map(_w, ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "fldSimple", "dir", "bdo"))
)
_NOTE_KINDS = {W_FOOTNOTEREFERENCE: "footnote", W_ENDNOTEREFERENCE: "endnote"}

# --------------------------------------------------------------------------- characters

_INVISIBLE = (
    [0x00AD, 0x061C, 0x180E, 0x200B, 0x200E, 0x200F, 0xFEFF, 0xFFFC]
    + list(range(0x202A, 0x202F))
    + list(range(0x2060, 0x2065))
    + list(range(0x2066, 0x206A))
    + list(range(0xFFF9, 0xFFFC))
)
# Controls go, tabs become spaces, every kind of line break becomes "\n"; zero-width
# and bidi marks go (ZWJ/ZWNJ stay: emoji and Indic text need them); U+F000–F0FF are
# symbol-font glyphs (Wingdings, Symbol) that mean nothing as Unicode.
_CLEAN: dict[int, str | None] = {
    **{c: None for c in range(0x20) if c not in (0x09, 0x0A)},
    **{c: None for c in range(0x7F, 0xA0)},
    **{c: None for c in _INVISIBLE},
    **{c: None for c in range(0xF000, 0xF100)},
    0x09: " ",
    0x0B: "\n",
    0x0C: "\n",
    0x0D: "\n",
    0x85: "\n",
    0x2028: "\n",
    0x2029: "\n",
}
_DIRTY = re.compile("[" + "".join(re.escape(chr(c)) for c in _CLEAN) + "]")


def _clean(text: str) -> str:
    return text.translate(_CLEAN) if _DIRTY.search(text) else text


def _paragraph_text(raw: str, one_line: bool = False) -> str:
    """A paragraph's raw text (line breaks as ``\n``) as clean block text.

    Blank lines go. In body text a break stays only where reflow keeps it; it sees
    each line's indent, which marks a new paragraph after a soft break. Then every
    line loses its edge spaces, so the full-width indent (``　　``) Chinese typists
    put before a paragraph goes too; spacing inside a line stays as typed.
    """
    lines = [line for line in (s.rstrip() for s in _clean(raw).split("\n")) if line.strip()]
    if one_line or len(lines) < 2:
        return _one_line([line.lstrip() for line in lines])
    return "\n".join(line.lstrip() for line in join_lines(lines))


def _one_line(lines: list[str]) -> str:
    """Lines as one line: nothing between CJK, a space between Latin words."""
    if not lines:
        return ""
    pieces = [lines[0]]
    for line in lines[1:]:
        pieces += [join_separator(pieces[-1], line), line]
    return "".join(pieces)


def _is_on(el: Element | None) -> bool:
    """A WordprocessingML on/off property: present and not switched off."""
    return el is not None and el.get(W_VAL) not in ("0", "false", "off")


def _val(el: Element | None) -> str | None:
    return None if el is None else el.get(W_VAL)


def _int(value: str | None, default: int | None = None) -> int | None:
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        return default


# --------------------------------------------------------------------------- package


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_KINDS = (  # stream names in the compound file's directory, most telling first
    ("EncryptedPackage", "encrypted"),
    ("WordDocument", "doc"),
    ("Workbook", "xls"),
    ("PowerPoint Document", "ppt"),
)


def _sniff(data: bytes) -> str:
    """What a file that is not a ZIP archive really is, as a short key."""
    if data.startswith(_OLE_MAGIC):
        return next((kind for name, kind in _OLE_KINDS if _utf16(name) in data), "ole")
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"%pdf-"):
        return "pdf"
    if head.startswith(b"mime-version:") or b"multipart/related" in head[:1024]:
        return "mhtml"  # Word's "single file web page", often served as .doc
    if b"<?mso-application" in head or b"<w:worddocument" in head or b"<pkg:package" in head:
        return "wordxml"  # Word 2003 XML or flat OPC; Word's HTML names Word.Document too
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "html"
    if b"\x00" not in head and _decodes_as_text(data[:8192]):
        return "text"
    return "unknown"


def _decodes_as_text(sample: bytes) -> bool:
    for codec in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(codec)().decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        return True
    return False


_DOCX_REASONS = {
    "encrypted": "password-protected Word file; remove the password and save again",
    "doc": "old binary Word .doc format; save it as .docx in Word or WPS",
    "xls": "not a Word .docx file: it is an old Excel .xls workbook",
    "ppt": "not a Word .docx file: it is an old PowerPoint .ppt presentation",
    "ole": "not a Word .docx file: it is an old Office compound file of another kind",
    "rtf": "not a Word .docx file: it is an RTF document; save it as .docx in Word or WPS",
    "pdf": "not a Word .docx file: it is a PDF; rename it to .pdf to import it",
    "html": "not a Word .docx file: it is a web page (HTML); rename it to .html to import it",
    "mhtml": "not a Word .docx file: it is a web page (MHTML); rename it to .mht to import it",
    "wordxml": "not a Word .docx file: it is Word XML; save it as .docx in Word or WPS",
    "text": "not a Word .docx file (not a ZIP archive)",
    "unknown": "not a Word .docx file (not a ZIP archive)",
}
DOC_REASON = (
    "old binary Word .doc format is not supported; "
    "save it as .docx (Word: File ▸ Save As; WPS: 另存为)"
)
_DOC_REASONS = {
    "encrypted": "password-protected Word file; remove the password and save again",
    "doc": DOC_REASON,
    "xls": "this .doc file is really an old Excel .xls workbook, not a Word document",
    "ppt": "this .doc file is really an old PowerPoint .ppt presentation, not a Word document",
    "rtf": "this .doc file is really an RTF document; open it in Word or WPS and save it as .docx",
    "pdf": "this .doc file is really a PDF; rename it to .pdf to import it",
    "html": "this .doc file is really a web page (HTML); rename it to .html to import it, "
    "or save it as .docx in Word or WPS",
    "mhtml": "this .doc file is really a web page (MHTML); rename it to .mht to import it, "
    "or save it as .docx in Word or WPS",
    "wordxml": "this .doc file is really Word XML; open it in Word or WPS and save it as .docx",
    "text": "this .doc file is really plain text; rename it to .txt to import it",
}
_ZIP_KINDS = (  # (a part that gives the archive away, what the archive is)
    ("META-INF/container.xml", "an EPUB e-book"),
    ("xl/workbook.xml", "an Excel .xlsx workbook"),
    ("ppt/presentation.xml", "a PowerPoint .pptx presentation"),
    ("OFD.xml", "an OFD document (the Chinese fixed-layout format)"),
    ("content.xml", "an OpenDocument file"),
    ("Index/Document.iwa", "an Apple Pages document"),
)


def _damage(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


class _TooLarge(FormatError):
    """A part over MAX_PART_BYTES: refused even where a damaged part would be skipped."""


class _Package:
    """The parts of an OPC (ZIP) package, looked up the way Word does: case-blind."""

    def __init__(self, data: bytes) -> None:
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
            raise FormatError(
                "damaged or incomplete .docx file (the ZIP archive is truncated or corrupt)"
            ) from exc
        self._entries: dict[str, zipfile.ZipInfo] = {}
        for info in self._zip.infolist():
            self._entries.setdefault(info.filename.replace("\\", "/").lower(), info)
        # Parsers are not shared: imports may run in several threads at once.
        self._parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=True,  # the size limit below bounds the cost instead
            remove_comments=True,
            remove_pis=True,
        )

    def has(self, name: str) -> bool:
        return name.lower() in self._entries

    def read(self, name: str) -> bytes | None:
        info = self._entries.get(name.lower())
        if info is None:
            return None
        if info.file_size > MAX_PART_BYTES:
            raise _TooLarge(
                f"{name} is {info.file_size // (1024 * 1024)} MB uncompressed, more than the "
                f"{MAX_PART_BYTES // (1024 * 1024)} MB allowed (a damaged file or a ZIP bomb)"
            )
        if info.flag_bits & 0x1:
            raise FormatError(f"damaged .docx file: {name} is encrypted inside the ZIP archive")
        try:
            return self._zip.read(info)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
            raise FormatError(
                f"damaged .docx file: {name} cannot be unpacked ({_damage(exc)})"
            ) from exc

    def xml(self, name: str) -> Element | None:
        """The part's root element, or None if the package has no such part."""
        blob = self.read(name)
        return None if blob is None else self.parse(name, blob)

    def parse(self, name: str, blob: bytes) -> Element:
        if b"purl.oclc.org/ooxml/" in blob[:8192]:
            for strict, transitional in _STRICT_NAMESPACES:
                blob = blob.replace(strict, transitional)
        try:
            return etree.fromstring(blob, self._parser)
        except etree.XMLSyntaxError as exc:
            raise FormatError(
                f"damaged .docx file: {name} is not well-formed XML (line {exc.lineno})"
            ) from exc
        except ValueError as exc:  # lxml's refusal of some inputs, e.g. an empty part
            raise FormatError(f"damaged .docx file: {name} is not XML ({_damage(exc)})") from exc

    def optional_xml(self, name: str | None) -> Element | None:
        """A part that only refines the text (styles, numbering, notes, properties).

        A damaged one is ignored rather than costing the user the whole document;
        only the size limit still applies.
        """
        if not name:
            return None
        try:
            return self.xml(name)
        except _TooLarge:
            raise
        except FormatError:
            return None

    def relationships(self, source: str) -> dict[str, str] | None:
        """Relationship type (its last word: ``styles``) → target part; None if no rels."""
        folder, base = posixpath.split(source)
        rels = self.optional_xml(posixpath.join(folder, "_rels", f"{base}.rels"))
        if rels is None:
            return None
        targets: dict[str, str] = {}
        for rel in rels.iter(f"{_REL}Relationship"):
            target, kind = rel.get("Target") or "", rel.get("Type") or ""
            if not target or rel.get("TargetMode") == "External":
                continue
            target = unquote(target).replace("\\", "/")
            path = target[1:] if target.startswith("/") else posixpath.join(folder, target)
            targets.setdefault(kind.rstrip("/").rsplit("/", 1)[-1], posixpath.normpath(path))
        return targets

    def main_part(self) -> str:
        """The main document part, or a FormatError that says what the archive is."""
        main = (self.relationships("") or {}).get("officeDocument")
        if main and self.has(main):
            return main
        if self.has("word/document.xml"):
            return "word/document.xml"
        mimetype = (self.read("mimetype") or b"")[:100] if self.has("mimetype") else b""
        if mimetype.startswith(b"application/epub"):
            raise FormatError("not a Word .docx file: it is an EPUB e-book")
        if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
            raise FormatError(
                "not a Word .docx file: it is an OpenDocument text (.odt); "
                "save it as .docx in WPS or LibreOffice"
            )
        for part, what in _ZIP_KINDS:
            if self.has(part):
                raise FormatError(f"not a Word .docx file: it is {what}")
        raise FormatError("not a Word .docx file: a ZIP archive with no word/document.xml inside")


# --------------------------------------------------------------------------- styles

_HEADING_NAME = re.compile(r"^(?:heading|标题|標題)\s*([1-9])$")
_TITLE_NAME = re.compile(r"^(?:title|标题|標題)$")
_TOC_NAME = re.compile(r"^(?:toc|目录|目錄)\s*[1-9]$")


@dataclass
class _Style:
    names: tuple[str, ...] = ()  # lower-case; old files list aliases: "heading 1,h1"
    based_on: str = ""
    outline: int | None = None  # w:outlineLvl, 0-based; 9 is "body text"
    num_id: str | None = None
    ilvl: int | None = None
    hidden: bool | None = None  # w:vanish in the style's run properties


def _outline_level(value: int) -> int:
    """A 0-based w:outlineLvl as a heading level; 9 (and nonsense) means body text."""
    return min(value + 1, 6) if 0 <= value <= 8 else 0


def _name_level(names: tuple[str, ...]) -> int:
    for name in names:
        if m := _HEADING_NAME.match(name):
            return min(int(m.group(1)), 6)
        if _TITLE_NAME.match(name):
            return 1
    return 0


class _Styles:
    """styles.xml, with each question answered along the style's based-on chain."""

    def __init__(self, root: Element | None) -> None:
        self._styles: dict[str, _Style] = {}
        self.default_paragraph = ""
        for el in root.iter(_w("style")) if root is not None else ():
            style_id = el.get(_w("styleId")) or ""
            self._styles[style_id] = _read_style(el)
            if el.get(_w("type")) == "paragraph" and _is_on_attr(el.get(_w("default"))):
                self.default_paragraph = self.default_paragraph or style_id
        self._levels: dict[str, int] = {}
        self.any_hidden = any(s.hidden for s in self._styles.values())

    def chain(self, style_id: str) -> Iterator[_Style]:
        seen: set[str] = set()
        while style_id and style_id not in seen and len(seen) < 32:
            seen.add(style_id)
            style = self._styles.get(style_id)
            if style is None:
                return
            yield style
            style_id = style.based_on

    def heading_level(self, style_id: str) -> int:
        """The outline level the style gives: its own or inherited outlineLvl, else its name."""
        if style_id not in self._levels:
            level = 0
            for style in self.chain(style_id):
                if style.outline is not None:
                    level = _outline_level(style.outline)
                    break
                if level := _name_level(style.names):
                    break
            self._levels[style_id] = level
        return self._levels[style_id]

    def numbering(self, style_id: str) -> tuple[str | None, int | None]:
        for style in self.chain(style_id):
            if style.num_id is not None:
                return style.num_id, style.ilvl
        return None, None

    def is_toc(self, style_id: str) -> bool:
        return any(_TOC_NAME.match(n) for s in self.chain(style_id) for n in s.names)

    def is_hidden(self, style_id: str) -> bool:
        return next((s.hidden for s in self.chain(style_id) if s.hidden is not None), False)


def _is_on_attr(value: str | None) -> bool:
    return value in ("1", "true", "on")


def _read_style(el: Element) -> _Style:
    name = _val(el.find(_w("name"))) or ""
    names = tuple(" ".join(n.split()).lower() for n in name.split(",") if n.strip())
    style = _Style(names=names, based_on=_val(el.find(_w("basedOn"))) or "")
    ppr = el.find(W_PPR)
    if ppr is not None:
        style.outline = _int(_val(ppr.find(W_OUTLINELVL)))
        numpr = ppr.find(W_NUMPR)
        if numpr is not None:
            style.num_id = _val(numpr.find(W_NUMID))
            style.ilvl = _int(_val(numpr.find(W_ILVL)))
    rpr = el.find(W_RPR)
    if rpr is not None and (vanish := rpr.find(W_VANISH)) is not None:
        style.hidden = _is_on(vanish)
    return style


# --------------------------------------------------------------------------- numbering

_SYMBOL_FONTS = ("symbol", "wingdings", "webdings", "zapf", "mt extra", "marlett")


@dataclass(frozen=True)
class _Level:
    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    restart: int | None = None  # w:lvlRestart: restart after this 1-based level; 0 never
    legal: bool = False  # w:isLgl: every number in the marker in decimal
    suffix: str = "tab"
    style: str = ""  # the paragraph style linked to this level
    symbol_font: bool = False


@dataclass
class _Num:
    abstract: str
    levels: dict[int, _Level]
    start_overrides: dict[int, int] = field(default_factory=dict)


def _read_level(el: Element) -> _Level:
    fonts = el.find(f"{W_RPR}/{_w('rFonts')}")
    font = " ".join(v.lower() for v in fonts.attrib.values()) if fonts is not None else ""
    return _Level(
        fmt=_val(el.find(_w("numFmt"))) or "decimal",
        text=_val(el.find(_w("lvlText"))) or "",
        start=_int(_val(el.find(_w("start"))), 1) or 0,
        restart=_int(_val(el.find(_w("lvlRestart")))),
        legal=_is_on(el.find(_w("isLgl"))),
        suffix=_val(el.find(_w("suff"))) or "tab",
        style=_val(el.find(W_PSTYLE)) or "",
        symbol_font=any(f in font for f in _SYMBOL_FONTS),
    )


def _read_levels(el: Element) -> dict[int, _Level]:
    levels: dict[int, _Level] = {}
    for lvl in el.iter(_w("lvl")):
        index = _int(lvl.get(W_ILVL), 0) or 0
        if 0 <= index <= 8:
            levels.setdefault(index, _read_level(lvl))
    return levels


class _Numbering:
    """numbering.xml and the running counters of a document's lists.

    Counters belong to the abstract definition, as in Word: two ``w:num`` instances
    of one abstractNum continue one sequence, and an instance with a
    ``w:startOverride`` restarts it at its first use.
    """

    def __init__(self, root: Element | None, styles: _Styles) -> None:
        self._styles = styles
        self._abstract: dict[str, Element] = {}
        self._num: dict[str, Element] = {}
        if root is not None:
            for el in root.iter(_w("abstractNum")):
                self._abstract.setdefault(el.get(_w("abstractNumId")) or "", el)
            for el in root.iter(_w("num")):
                self._num.setdefault(el.get(W_NUMID) or "", el)
        self._resolved: dict[str, _Num | None] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._entered: set[tuple[str, int]] = set()

    def _resolve(self, num_id: str, depth: int = 0) -> _Num | None:
        if num_id not in self._resolved:
            self._resolved[num_id] = self._read_num(num_id, depth)
        return self._resolved[num_id]

    def _read_num(self, num_id: str, depth: int) -> _Num | None:
        num = self._num.get(num_id)
        if num is None:
            return None
        abstract_id = _val(num.find(_w("abstractNumId"))) or ""
        abstract = self._abstract.get(abstract_id)
        if abstract is None:
            return None
        link = _val(abstract.find(_w("numStyleLink")))
        if link and depth < 4:  # the levels live in the list style's own definition
            linked_id, _ = self._styles.numbering(link)
            linked = self._resolve(linked_id, depth + 1) if linked_id else None
            if linked is not None:
                base = _Num(linked.abstract, dict(linked.levels))
            else:
                base = _Num(abstract_id, _read_levels(abstract))
        else:
            base = _Num(abstract_id, _read_levels(abstract))
        for override in num.iter(_w("lvlOverride")):
            index = _int(override.get(W_ILVL), 0) or 0
            replaced = override.find(_w("lvl"))
            if replaced is not None:
                base.levels[index] = _read_level(replaced)
            start = _int(_val(override.find(_w("startOverride"))))
            if start is not None:
                base.start_overrides[index] = start
        return base

    def marker(self, num_id: str, ilvl: int | None, style_id: str) -> tuple[str, str]:
        """Advance the list and return (marker text, suffix kind) for this paragraph."""
        num = self._resolve(num_id)
        if num is None:
            return "", "nothing"
        if ilvl is None:
            linked = (i for i, lvl in num.levels.items() if lvl.style and lvl.style == style_id)
            ilvl = next(linked, 0)
        level = num.levels.get(ilvl)
        if level is None or not 0 <= ilvl <= 8:
            return "", "nothing"
        counters = self._counters.setdefault(num.abstract, [None] * 9)
        current = counters[ilvl]
        if ilvl in num.start_overrides and (num_id, ilvl) not in self._entered:
            counters[ilvl] = num.start_overrides[ilvl]
        else:
            counters[ilvl] = level.start if current is None else current + 1
        self._entered.add((num_id, ilvl))
        for deeper in range(ilvl + 1, 9):
            restart = num.levels[deeper].restart if deeper in num.levels else None
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None
        return _label(num, ilvl, counters), level.suffix


_PLACEHOLDER = re.compile(r"%([1-9])")


def _label(num: _Num, ilvl: int, counters: list[int | None]) -> str:
    level = num.levels[ilvl]
    if level.fmt == "bullet":
        return _bullet(level)

    def number(m: re.Match[str]) -> str:
        index = int(m.group(1)) - 1
        other = num.levels.get(index, level)
        value = counters[index]
        if value is None:
            value = other.start
        fmt = "decimal" if level.legal or other.fmt == "bullet" else other.fmt
        return format_number(value, fmt)

    return _clean(_PLACEHOLDER.sub(number, level.text)).strip()


def _bullet(level: _Level) -> str:
    """The bullet as a real character; symbol-font glyphs and Word's ``o`` become ``•``."""
    text = _clean(level.text).strip()
    if not text or level.symbol_font or (text.isascii() and text.isalpha()):
        return "•"
    if any("\ue000" <= ch <= "\uf8ff" for ch in level.text):
        return "•"
    return text


_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TW_LEGAL = "零壹貳參肆伍陸柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def _chinese(n: int, digits: str = _CN_DIGITS, units: str = "十百千", legal: bool = False) -> str:
    """1..9999 in Chinese numerals: 十一, 二十, 一百零一; legal style writes 壹拾."""
    if not 0 < n < 10000:
        return str(n)
    out: list[str] = []
    gap = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit = n // power % 10
        if digit == 0:
            gap = gap or bool(out)
            continue
        if gap:
            out.append(digits[0] if legal else "零")
            gap = False
        if legal or not (power == 10 and digit == 1 and not out):
            out.append(digits[digit])
        out.append(unit)
    return "".join(out)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _letters(n: int) -> str:
    """Word's letter numbering: A…Z, then AA, BB…"""
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _enclosed(first: int, last: int) -> Callable[[int], str]:
    """Numbers drawn in a circle or parentheses (①, ⑴, ⒈); Word prints larger ones plain."""
    return lambda n: chr(first + n - 1) if 1 <= n <= last - first + 1 else str(n)


def _cycle(symbols: str) -> Callable[[int], str]:
    """Finite series (甲乙丙…, 子丑寅…); past their end Word prints the number."""
    return lambda n: symbols[n - 1] if 1 <= n <= len(symbols) else str(n)


_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": _letters,
    "lowerLetter": lambda n: _letters(n).lower(),
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "japaneseCounting": _chinese,
    "taiwaneseCounting": _chinese,
    "taiwaneseCountingThousand": _chinese,
    "chineseLegalSimplified": lambda n: _chinese(n, _CN_LEGAL, "拾佰仟", legal=True),
    "ideographLegalTraditional": lambda n: _chinese(n, _TW_LEGAL, "拾佰仟", legal=True),
    "ideographDigital": lambda n: "".join(_CN_DIGITS[int(d)] for d in str(n)),
    "taiwaneseDigital": lambda n: "".join(_CN_DIGITS[int(d)] for d in str(n)),
    "ideographTraditional": _cycle(_STEMS),
    "ideographZodiac": _cycle(_BRANCHES),
    "decimalEnclosedCircle": _enclosed(0x2460, 0x2473),
    "decimalEnclosedCircleChinese": _enclosed(0x2460, 0x2473),
    "decimalEnclosedParen": _enclosed(0x2474, 0x2487),
    "decimalEnclosedFullstop": _enclosed(0x2488, 0x249B),
    "ideographEnclosedCircle": _enclosed(0x3280, 0x3289),
    "decimalFullWidth": lambda n: str(n).translate(_FULL_WIDTH),
    "decimalFullWidth2": lambda n: str(n).translate(_FULL_WIDTH),
    "none": lambda n: "",
}


def format_number(value: int, fmt: str) -> str:
    """A list counter in one of Word's number formats; unknown formats print decimal."""
    return _FORMATS.get(fmt, str)(value)


def _with_marker(marker: str, suffix: str, text: str) -> str:
    """Marker and text; no space after ``一、``, ``（1）`` or ``①``, one after ``1.``."""
    if not marker:
        return text
    last = marker[-1]
    category = unicodedata.category(last)
    tight = category == "No" or (
        category.startswith("P") and unicodedata.east_asian_width(last) in "WF"
    )
    return marker + ("" if suffix == "nothing" or tight else " ") + text


# --------------------------------------------------------------------------- body


@dataclass
class _Field:
    result: bool = False  # past w:fldChar separate: what follows is shown
    instr: list[str] = field(default_factory=list)
    toc: bool = False


@dataclass
class _Paragraph:
    text: str
    heading: int
    toc: bool
    boxes: list[Element | str]


def _branch(alternate: Element) -> Element | None:
    """The one branch of an mc:AlternateContent to read: the fallback, meant for
    readers that understand no extension, unless it is empty."""
    fallback = alternate.find(MC_FALLBACK)
    if fallback is not None and len(fallback):
        return fallback
    return alternate.find(MC_CHOICE)


def _children(el: Element, tag: str) -> Iterator[Element]:
    """Children with ``tag``, looking through content controls and custom XML."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag == W_SDT:
            content = child.find(W_SDTCONTENT)
            if content is not None:
                yield from _children(content, tag)
        elif child.tag == W_CUSTOMXML:
            yield from _children(child, tag)


def _find_boxes(el: Element, boxes: list[Element | str]) -> None:
    """Outermost text-box contents (and VML WordArt strings) inside a drawing."""
    for child in el:
        tag = child.tag
        if tag == W_TXBXCONTENT:
            boxes.append(child)
        elif tag == MC_ALTERNATE:
            branch = _branch(child)
            if branch is not None:
                _find_boxes(branch, boxes)
        elif tag == V_TEXTPATH:
            if text := child.get("string"):
                boxes.append(text)
        elif isinstance(tag, str):
            _find_boxes(child, boxes)


def _merged(tcpr: Element | None) -> tuple[int, bool]:
    """(columns the cell spans, whether it continues a merge from above or the left)."""
    if tcpr is None:
        return 1, False
    span = max(1, min(_int(_val(tcpr.find(W_GRIDSPAN)), 1) or 1, 64))
    vmerge = tcpr.find(W_VMERGE)
    continued = (vmerge is not None and _val(vmerge) != "restart") or _val(
        tcpr.find(W_HMERGE)
    ) == "continue"
    return span, continued


def _is_toc_sdt(sdt: Element) -> bool:
    gallery = sdt.find(f"{W_SDTPR}/{_w('docPartObj')}/{_w('docPartGallery')}")
    return (_val(gallery) or "").lower() == "table of contents"


class _Reader:
    """Walks the body in document order and turns it into blocks.

    State that spans paragraphs lives here: complex fields (a TOC field runs over
    many paragraphs), list counters, and the order in which notes are referenced.
    """

    def __init__(
        self,
        styles: _Styles,
        numbering: _Numbering,
        notes: dict[str, dict[str, Element]],
        may_hide: bool = True,
    ) -> None:
        self._styles = styles
        self._may_hide = may_hide
        self._numbering = numbering
        self._notes = notes
        self._labels: dict[tuple[str, str], str] = {}
        self._order: list[tuple[str, str]] = []
        self._counts = {"footnote": 0, "endnote": 0}
        self._roman_endnotes = bool(notes["footnote"]) and bool(notes["endnote"])
        self._reset_fields()
        self._toc_sdt = 0

    def _reset_fields(self) -> None:
        self._fields: list[_Field] = []
        self._code_depth = 0  # open fields still in their code part: their text is hidden
        self._toc_fields = 0

    # block level ------------------------------------------------------------------

    def container(self, el: Element, out: list[Block]) -> None:
        for child in el:
            tag = child.tag
            if tag == W_P:
                self._emit_paragraph(child, out)
            elif tag == W_TBL:
                self._emit_table(child, out)
            elif tag == W_SDT:
                self._emit_sdt(child, out)
            elif tag in _BLOCK_WRAPPERS:
                self.container(child, out)
            elif tag == MC_ALTERNATE:
                branch = _branch(child)
                if branch is not None:
                    self.container(branch, out)

    def _emit_sdt(self, sdt: Element, out: list[Block]) -> None:
        content = sdt.find(W_SDTCONTENT)
        if content is None:
            return
        toc = _is_toc_sdt(sdt)
        self._toc_sdt += toc
        try:
            self.container(content, out)
        finally:
            self._toc_sdt -= toc

    def _emit_paragraph(self, p: Element, out: list[Block]) -> None:
        para = self._paragraph(p)
        if para.text:
            out.append(Block(para.text, heading=para.heading, verbatim=para.toc))
        for box in para.boxes:
            if isinstance(box, str):
                if text := _paragraph_text(box, one_line=True):
                    out.append(Block(text))
            else:
                self.container(box, out)

    def _emit_table(self, tbl: Element, out: list[Block]) -> None:
        rows = list(_children(tbl, W_TR))
        cells = [list(_children(row, W_TC)) for row in rows]
        if all(len(row) <= 1 for row in cells):  # one column: a frame around body text
            for row in cells:
                for cell in row:
                    self.container(cell, out)
            return
        lines = [line for line in map(self._row_text, rows) if line]
        if lines:
            out.append(Block("\n".join(lines), verbatim=True))

    def _row_text(self, tr: Element) -> str:
        trpr = tr.find(W_TRPR)
        if trpr is not None and trpr.find(W_DEL) is not None:
            return ""  # a deleted revision
        skipped = _int(_val(trpr.find(W_GRIDBEFORE)), 0) if trpr is not None else 0
        cells = [""] * max(0, min(skipped or 0, 64))
        for tc in _children(tr, W_TC):
            span, continued = _merged(tc.find(W_TCPR))
            cells.append("" if continued else self._cell_text(tc))
            cells.extend([""] * (span - 1))
        while cells and not cells[-1]:
            cells.pop()
        return "\t".join(cells)

    def _cell_text(self, tc: Element) -> str:
        inner: list[Block] = []
        self.container(tc, inner)
        return " ".join(" ".join(b.text.replace("\t", " ").split("\n")) for b in inner)

    # paragraph level --------------------------------------------------------------

    def _paragraph(self, p: Element) -> _Paragraph:
        ppr = p.find(W_PPR)
        style_id = (_val(ppr.find(W_PSTYLE)) if ppr is not None else None) or ""
        style_id = style_id or self._styles.default_paragraph
        in_toc = self._in_toc()
        marker, suffix = self._marker(ppr, style_id)
        pieces: list[str] = []
        boxes: list[Element | str] = []
        self._inline(p, pieces, boxes)
        toc = in_toc or self._in_toc() or self._styles.is_toc(style_id)
        heading = 0 if toc else self._heading(ppr, style_id)
        body = _paragraph_text("".join(pieces), one_line=bool(heading))  # a heading: one line
        text = _with_marker(marker, suffix, body) if body else ""
        return _Paragraph(text, heading, toc, boxes)

    def _in_toc(self) -> bool:
        return bool(self._toc_sdt or self._toc_fields)

    def _heading(self, ppr: Element | None, style_id: str) -> int:
        direct = _int(_val(ppr.find(W_OUTLINELVL))) if ppr is not None else None
        if direct is not None:
            return _outline_level(direct)
        return self._styles.heading_level(style_id)

    def _marker(self, ppr: Element | None, style_id: str) -> tuple[str, str]:
        num_id: str | None = None
        ilvl: int | None = None
        if ppr is not None:
            rpr = ppr.find(W_RPR)
            if rpr is not None and rpr.find(W_DEL) is not None:
                return "", "nothing"  # the paragraph itself is a deleted revision
            numpr = ppr.find(W_NUMPR)
            if numpr is not None:
                num_id = _val(numpr.find(W_NUMID))
                ilvl = _int(_val(numpr.find(W_ILVL)))
        if num_id is None:
            num_id, style_ilvl = self._styles.numbering(style_id)
            ilvl = style_ilvl if ilvl is None else ilvl
        if not num_id or num_id == "0":
            return "", "nothing"
        try:
            return self._numbering.marker(num_id, ilvl, style_id)
        except Exception:  # numbering.xml we did not foresee: a bullet still says "item"
            return "•", "space"

    # run level --------------------------------------------------------------------

    def _inline(self, el: Element, pieces: list[str], boxes: list[Element | str]) -> None:
        for child in el:
            tag = child.tag
            if tag == W_R:
                self._run(child, pieces, boxes)
            elif tag in _INLINE_WRAPPERS:
                self._inline(child, pieces, boxes)
            elif tag == W_SDT:
                content = child.find(W_SDTCONTENT)
                if content is not None:
                    self._inline(content, pieces, boxes)
            elif tag == MC_ALTERNATE:
                branch = _branch(child)
                if branch is not None:
                    self._inline(branch, pieces, boxes)
            elif tag in (M_OMATHPARA, M_OMATH):
                pieces.extend(t.text or "" for t in child.iter(M_T))

    def _run(self, r: Element, pieces: list[str], boxes: list[Element | str]) -> None:
        hidden = False
        custom_mark: tuple[str, str] | None = None  # a reference whose mark is the next text
        for child in r:
            tag = child.tag
            if tag == W_T:
                if self._code_depth or hidden:
                    continue
                if custom_mark is not None:
                    pieces.append(self._note_marker(*custom_mark, custom=child.text or ""))
                    custom_mark = None
                else:
                    pieces.append(child.text or "")
            elif tag == W_RPR:
                hidden = self._may_hide and self._hidden(child)
            elif tag == W_FLDCHAR:
                self._field_char(child.get(W_FLDCHARTYPE))
            elif tag == W_INSTRTEXT:
                if self._fields and not self._fields[-1].result:
                    self._fields[-1].instr.append(child.text or "")
            elif self._code_depth or hidden:
                continue
            elif tag in (W_TAB, W_PTAB):
                pieces.append(" ")
            elif tag in (W_BR, W_CR):
                pieces.append("\n")
            elif tag == W_NOBREAKHYPHEN:
                pieces.append("-")
            elif tag == W_SYM:
                pieces.append(_symbol(child.get(W_CHAR)))
            elif tag in _NOTE_KINDS:
                key = (_NOTE_KINDS[tag], child.get(W_ID) or "")
                if _is_on_attr(child.get(W_CUSTOMMARK)):
                    custom_mark = key
                else:
                    pieces.append(self._note_marker(*key))
            elif tag in (W_DRAWING, W_PICT, W_OBJECT):
                _find_boxes(child, boxes)
            elif tag == MC_ALTERNATE:
                branch = _branch(child)
                if branch is not None:
                    self._run(branch, pieces, boxes)
            elif tag == W_RUBY:
                base = child.find(W_RUBYBASE)  # the text; w:rt is its pinyin
                if base is not None:
                    self._inline(base, pieces, boxes)
        if custom_mark is not None:
            pieces.append(self._note_marker(*custom_mark))

    def _hidden(self, rpr: Element) -> bool:
        style = ""
        for prop in rpr:  # one pass: find() parses its path argument on every call
            if prop.tag == W_VANISH:
                return _is_on(prop)
            if prop.tag == W_RSTYLE:
                style = prop.get(W_VAL) or ""
        return bool(style) and self._styles.is_hidden(style)

    def _field_char(self, kind: str | None) -> None:
        """Track complex fields: code (begin…separate) is hidden, the result shown."""
        if kind == "begin":
            self._fields.append(_Field())
            self._code_depth += 1
        elif kind == "separate" and self._fields and not self._fields[-1].result:
            top = self._fields[-1]
            top.result = True
            self._code_depth -= 1
            top.toc = "".join(top.instr).lstrip().upper().startswith("TOC")
            self._toc_fields += top.toc
        elif kind == "end" and self._fields:
            top = self._fields.pop()
            self._code_depth -= not top.result
            self._toc_fields -= top.toc

    # notes ------------------------------------------------------------------------

    def _note_marker(self, kind: str, note_id: str, custom: str = "") -> str:
        key = (kind, note_id)
        if key not in self._labels:
            if note_id not in self._notes[kind]:
                return ""  # a separator, or a note the file lost
            custom = _clean(custom).strip()
            if not custom:
                self._counts[kind] += 1
                count = self._counts[kind]
                custom = _roman(count).lower() if kind == "endnote" and self._roman_endnotes else ""
                custom = custom or str(count)
            self._labels[key] = custom
            self._order.append(key)
        return f"[{self._labels[key]}]"

    def note_blocks(self, headed: bool) -> list[Block]:
        """The referenced notes, each kind under its heading, in order of reference.

        The heading is a heading block only when the body has headings of its own:
        otherwise it would become the document's title.
        """
        kinds = {kind for kind, _ in self._order}
        names = {"footnote": "脚注", "endnote": "尾注"} if len(kinds) > 1 else {}
        blocks: list[Block] = []
        for kind in ("footnote", "endnote"):
            if kind not in kinds:
                continue
            blocks.append(Block(names.get(kind, "注释"), heading=1 if headed else 0))
            done = 0
            while done < len(self._order):  # a note may reference another: the list grows
                key = self._order[done]
                done += 1
                if key[0] == kind:
                    blocks.append(Block(self._note_text(key)))
        return blocks

    def _note_text(self, key: tuple[str, str]) -> str:
        self._reset_fields()  # a field left open in the body must not swallow the notes
        inner: list[Block] = []
        self.container(self._notes[key[0]][key[1]], inner)
        text = "\n".join(b.text for b in inner)
        label = f"[{self._labels[key]}]"
        return f"{label} {text}" if text else label


def _symbol(code: str | None) -> str:
    """A w:sym character, unless it is a symbol-font glyph (private use) or invalid."""
    value = _hex(code) if code else None
    if value is None or 0xE000 <= value <= 0xF8FF or value < 0x20:
        return ""
    return _clean(chr(value)) if value <= 0x10FFFF else ""


def _hex(code: str) -> int | None:
    try:
        return int(code, 16)
    except ValueError:
        return None


def _read_notes(root: Element | None, tag: str) -> dict[str, Element]:
    """Real notes by id; the separator and continuation notice are page furniture."""
    if root is None:
        return {}
    return {el.get(W_ID) or "": el for el in root.iter(tag) if el.get(W_TYPE) in (None, "normal")}


# --------------------------------------------------------------------------- metadata

_LIST_SEPARATORS = re.compile(r"[;；,，、]")
# Names Windows or a generator put in dc:creator, which no person wrote.
_JUNK_AUTHORS = frozenset(
    {
        "administrator", "admin", "user", "owner", "author", "unknown", "作者", "未知",
        "微软用户", "微软中国", "microsoft", "microsoft office user", "microsoft office 用户",
        "windows user", "windows 用户", "python-docx", "lenovo", "dell", "hp", "asus",
        "acer", "pc", "china", "中国", "雨林木风", "番茄花园", "系统之家", "深度技术",
        "ylmf", "deepin",
    }
)  # fmt: skip
_JUNK_AUTHOR = re.compile(r"^(?:user|desktop|laptop|win|pc|admin)-[0-9a-z]+$", re.IGNORECASE)
# python-docx's default.docx carries this stamp into every file made from it.
_PYTHON_DOCX_TEMPLATE_DATE = "2013-12-23T23:15:00Z"


def _split_list(value: str) -> list[str]:
    items = (item.strip() for item in _LIST_SEPARATORS.split(value))
    return list(dict.fromkeys(item for item in items if item))


def _authors(value: str) -> list[str]:
    return [
        name
        for name in _split_list(value)
        if name.lower() not in _JUNK_AUTHORS and not _JUNK_AUTHOR.match(name)
    ]


def _iso_date(value: str) -> str:
    """A W3CDTF timestamp as the date on the reader's clock (the author's, usually)."""
    value = value.strip()
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return normalise_date(value)
    if not 1980 <= moment.year <= 2200:  # 1601/1899/1900: a zero date, not a date
        return ""
    if moment.tzinfo is not None:
        with contextlib.suppress(OverflowError, OSError, ValueError):
            moment = moment.astimezone()
    return moment.date().isoformat()


def _metadata(pkg: _Package) -> Metadata:
    core_name = (pkg.relationships("") or {}).get("core-properties") or "docProps/core.xml"
    root = pkg.optional_xml(core_name)
    if root is None:
        return Metadata()

    def text(tag: str) -> str:
        el = root.find(tag)
        return " ".join("".join(el.itertext()).split()) if el is not None else ""

    def date(tag: str) -> str:
        value = text(tag)
        return "" if value == _PYTHON_DOCX_TEMPLATE_DATE else _iso_date(value)

    return Metadata(
        title=text(f"{_DC}title"),
        authors=_authors(text(f"{_DC}creator")),
        date=date(f"{_DCTERMS}created") or date(f"{_DCTERMS}modified"),
        language=text(f"{_DC}language"),
        tags=_split_list(text(f"{_CP}keywords")),
    )


_NOT_WORD = re.compile(r"[\W_]+")
TITLE_WINDOW = 3000  # characters of body text a real title is looked for in


def _stale_title(title: str, blocks: list[Block], filename: str) -> bool:
    """Is the core title one the document itself does not bear out?

    Most Chinese documents are written over an older one, and Word keeps the old
    file's title in docProps/core.xml: a 招标文件 still called
    ``东阳市八家单位信息网络安全``. A title that appears neither near the start of
    the text nor in the file name (punctuation and spacing aside) is taken for
    such a leftover. Junk titles are left to the renderer, which ignores them.
    """
    key = _NOT_WORD.sub("", title_from_metadata(title))
    if not key:
        return False
    seen: list[str] = [PurePath(filename).stem]
    size = 0
    for block in blocks:
        if size > TITLE_WINDOW:
            break
        seen.append(block.text)
        size += len(block.text)
    return key not in _NOT_WORD.sub("", "".join(seen))


# --------------------------------------------------------------------------- entry points


def extract(data: bytes, filename: str) -> Extracted:
    """A Word .docx (also .docm, .dotx, Strict OOXML) as blocks and metadata.

    Every failure is a :class:`FormatError` with a one-line reason. ``filename``
    only serves to confirm the file's own title (see :func:`_stale_title`).
    """
    try:
        return _extract(data, filename)
    except FormatError:
        raise
    except RecursionError:
        raise FormatError("cannot read this .docx file: its XML is nested too deeply") from None
    except MemoryError:
        raise FormatError("this .docx file is too large to import (out of memory)") from None
    except Exception as exc:  # an input nobody foresaw: still a reason, never a crash
        raise FormatError(
            f"cannot read this .docx file ({type(exc).__name__}: {_damage(exc)})"
        ) from exc


def extract_doc(data: bytes, filename: str) -> Extracted:
    """A ``.doc`` file: a .docx under the old name is read; anything else is explained."""
    if data[:2] == b"PK":
        return extract(data, filename)
    if not data:
        raise FormatError("empty file")
    raise FormatError(_DOC_REASONS.get(_sniff(data), DOC_REASON))


def _extract(data: bytes, filename: str) -> Extracted:
    if not data:
        raise FormatError("empty file")
    if data[:2] != b"PK":
        raise FormatError(_DOCX_REASONS[_sniff(data)])
    pkg = _Package(data)
    main = pkg.main_part()
    blob = pkg.read(main) or b""
    root = pkg.parse(main, blob)
    if root.tag != W_DOCUMENT:
        what = etree.QName(root).localname
        raise FormatError(f"not a Word .docx file: its main part is <{what}>, not a document")
    rels = pkg.relationships(main)
    if rels is None:  # no relationships part: guess the usual names
        folder = posixpath.dirname(main)
        rels = {k: posixpath.join(folder, f"{k}.xml") for k in ("styles", "numbering")}
        rels |= {k: posixpath.join(folder, f"{k}.xml") for k in ("footnotes", "endnotes")}
    styles = _Styles(pkg.optional_xml(rels.get("styles")))
    numbering = _Numbering(pkg.optional_xml(rels.get("numbering")), styles)
    notes = {
        "footnote": _read_notes(pkg.optional_xml(rels.get("footnotes")), W_FOOTNOTE),
        "endnote": _read_notes(pkg.optional_xml(rels.get("endnotes")), W_ENDNOTE),
    }
    # Hidden text is rare; not looking for it saves a third of the walk through the runs.
    may_hide = styles.any_hidden or b"vanish" in blob
    reader = _Reader(styles, numbering, notes, may_hide)
    blocks: list[Block] = []
    body = root.find(W_BODY)
    if body is not None:
        reader.container(body, blocks)
    blocks += reader.note_blocks(headed=any(b.heading for b in blocks))
    meta = _metadata(pkg)
    if meta.title and _stale_title(meta.title, blocks, filename):
        meta.title = ""
    return Extracted(blocks, meta, encoding="docx")
