"""The body in document order: paragraphs, runs, tables and text boxes as blocks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from reader.core.ingest.formats.docx.chars import clean, paragraph_text
from reader.core.ingest.formats.docx.notes import Notes
from reader.core.ingest.formats.docx.numbering import Numbering, with_marker
from reader.core.ingest.formats.docx.styles import Styles, outline_level
from reader.core.ingest.formats.docx.wordml import (
    M_OMATH,
    M_OMATHPARA,
    M_T,
    MC_ALTERNATE,
    MC_CHOICE,
    MC_FALLBACK,
    V_TEXTPATH,
    W_BR,
    W_CHAR,
    W_CR,
    W_CUSTOMMARK,
    W_CUSTOMXML,
    W_DEL,
    W_DRAWING,
    W_ENDNOTEREFERENCE,
    W_FLDCHAR,
    W_FLDCHARTYPE,
    W_FOOTNOTEREFERENCE,
    W_GRIDBEFORE,
    W_GRIDSPAN,
    W_HMERGE,
    W_ID,
    W_ILVL,
    W_INSTRTEXT,
    W_NOBREAKHYPHEN,
    W_NUMID,
    W_NUMPR,
    W_OBJECT,
    W_OUTLINELVL,
    W_P,
    W_PICT,
    W_PPR,
    W_PSTYLE,
    W_PTAB,
    W_R,
    W_RPR,
    W_RSTYLE,
    W_RUBY,
    W_RUBYBASE,
    W_SDT,
    W_SDTCONTENT,
    W_SDTPR,
    W_SYM,
    W_T,
    W_TAB,
    W_TBL,
    W_TC,
    W_TCPR,
    W_TR,
    W_TRPR,
    W_TXBXCONTENT,
    W_VAL,
    W_VANISH,
    W_VMERGE,
    Element,
    is_on,
    is_on_attr,
    to_int,
    val,
    w,
)
from reader.core.ingest.model import Block

# Wrappers whose children are read as if they stood in the wrapper's place.
_BLOCK_WRAPPERS = frozenset(map(w, ("customXml", "ins", "moveTo", "smartTag")))
_INLINE_WRAPPERS = frozenset(
    map(w, ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "fldSimple", "dir", "bdo"))
)
_NOTE_KINDS = {W_FOOTNOTEREFERENCE: "footnote", W_ENDNOTEREFERENCE: "endnote"}
MAX_SPAN = 64  # columns a merged cell or a row's skipped start may cover


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
    span = max(1, min(to_int(val(tcpr.find(W_GRIDSPAN)), 1) or 1, MAX_SPAN))
    vmerge = tcpr.find(W_VMERGE)
    continued = (vmerge is not None and val(vmerge) != "restart") or val(
        tcpr.find(W_HMERGE)
    ) == "continue"
    return span, continued


def _is_toc_sdt(sdt: Element) -> bool:
    gallery = sdt.find(f"{W_SDTPR}/{w('docPartObj')}/{w('docPartGallery')}")
    return (val(gallery) or "").lower() == "table of contents"


def _symbol(code: str | None) -> str:
    """A w:sym character, unless it is a symbol-font glyph (private use) or invalid."""
    value = _hex(code) if code else None
    if value is None or 0xE000 <= value <= 0xF8FF or value < 0x20:
        return ""
    return clean(chr(value)) if value <= 0x10FFFF else ""


def _hex(code: str) -> int | None:
    try:
        return int(code, 16)
    except ValueError:
        return None


class Reader:
    """Walks the body in document order and turns it into blocks.

    State that spans paragraphs lives here: complex fields (a TOC field runs over
    many paragraphs), list counters, and the order in which notes are referenced.
    """

    def __init__(
        self, styles: Styles, numbering: Numbering, notes: Notes, may_hide: bool = True
    ) -> None:
        self._styles = styles
        self._may_hide = may_hide
        self._numbering = numbering
        self._notes = notes
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
                if text := paragraph_text(box, one_line_only=True):
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
        skipped = to_int(val(trpr.find(W_GRIDBEFORE)), 0) if trpr is not None else 0
        cells = [""] * max(0, min(skipped or 0, MAX_SPAN))
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
        style_id = (val(ppr.find(W_PSTYLE)) if ppr is not None else None) or ""
        style_id = style_id or self._styles.default_paragraph
        in_toc = self._in_toc()
        marker, suffix = self._marker(ppr, style_id)
        pieces: list[str] = []
        boxes: list[Element | str] = []
        self._inline(p, pieces, boxes)
        toc = in_toc or self._in_toc() or self._styles.is_toc(style_id)
        heading = 0 if toc else self._heading(ppr, style_id)
        body = paragraph_text("".join(pieces), one_line_only=bool(heading))  # a heading: one line
        text = with_marker(marker, suffix, body) if body else ""
        return _Paragraph(text, heading, toc, boxes)

    def _in_toc(self) -> bool:
        return bool(self._toc_sdt or self._toc_fields)

    def _heading(self, ppr: Element | None, style_id: str) -> int:
        direct = to_int(val(ppr.find(W_OUTLINELVL))) if ppr is not None else None
        if direct is not None:
            return outline_level(direct)
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
                num_id = val(numpr.find(W_NUMID))
                ilvl = to_int(val(numpr.find(W_ILVL)))
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
                    pieces.append(self._notes.marker(*custom_mark, custom=child.text or ""))
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
            elif isinstance(tag, str) and tag in _NOTE_KINDS:
                key = (_NOTE_KINDS[tag], child.get(W_ID) or "")
                if is_on_attr(child.get(W_CUSTOMMARK)):
                    custom_mark = key
                else:
                    pieces.append(self._notes.marker(*key))
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
            pieces.append(self._notes.marker(*custom_mark))

    def _hidden(self, rpr: Element) -> bool:
        style = ""
        for prop in rpr:  # one pass: find() parses its path argument on every call
            if prop.tag == W_VANISH:
                return is_on(prop)
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

    def note_blocks(self, headed: bool) -> list[Block]:
        """The referenced notes under their headings (see :meth:`Notes.blocks`)."""
        return self._notes.blocks(headed, self._note_body)

    def _note_body(self, note: Element) -> str:
        self._reset_fields()  # a field left open in the body must not swallow the notes
        inner: list[Block] = []
        self.container(note, inner)
        return "\n".join(b.text for b in inner)
