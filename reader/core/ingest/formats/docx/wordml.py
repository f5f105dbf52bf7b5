"""WordprocessingML names and the small readers of its attribute values."""

from __future__ import annotations

from typing import TypeAlias

from lxml import etree

Element: TypeAlias = etree._Element

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_V = "{urn:schemas-microsoft-com:vml}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DC = "{http://purl.org/dc/elements/1.1/}"
DCTERMS = "{http://purl.org/dc/terms/}"
# Strict OOXML (Word: "Strict Open XML Document") differs from transitional by namespace.
STRICT_NAMESPACES = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", W_NS.encode()),
    (
        b"http://purl.oclc.org/ooxml/officeDocument/math",
        b"http://schemas.openxmlformats.org/officeDocument/2006/math",
    ),
)


def w(name: str) -> str:
    """The qualified name of a WordprocessingML element or attribute."""
    return f"{{{W_NS}}}{name}"


W_DOCUMENT, W_BODY, W_P, W_R, W_T, W_TBL, W_TR, W_TC = map(
    w, ("document", "body", "p", "r", "t", "tbl", "tr", "tc")
)
W_PPR, W_RPR, W_TRPR, W_TCPR, W_PSTYLE, W_RSTYLE = map(
    w, ("pPr", "rPr", "trPr", "tcPr", "pStyle", "rStyle")
)
W_SDT, W_SDTPR, W_SDTCONTENT, W_CUSTOMXML = map(w, ("sdt", "sdtPr", "sdtContent", "customXml"))
W_BR, W_CR, W_TAB, W_PTAB, W_NOBREAKHYPHEN, W_SYM = map(
    w, ("br", "cr", "tab", "ptab", "noBreakHyphen", "sym")
)
W_FLDCHAR, W_INSTRTEXT, W_DRAWING, W_PICT, W_OBJECT = map(
    w, ("fldChar", "instrText", "drawing", "pict", "object")
)
W_FOOTNOTEREFERENCE, W_ENDNOTEREFERENCE, W_FOOTNOTE, W_ENDNOTE = map(
    w, ("footnoteReference", "endnoteReference", "footnote", "endnote")
)
W_RUBY, W_RUBYBASE, W_TXBXCONTENT, W_VANISH, W_DEL = map(
    w, ("ruby", "rubyBase", "txbxContent", "vanish", "del")
)
W_NUMPR, W_NUMID, W_ILVL, W_OUTLINELVL = map(w, ("numPr", "numId", "ilvl", "outlineLvl"))
W_GRIDSPAN, W_VMERGE, W_HMERGE, W_GRIDBEFORE = map(
    w, ("gridSpan", "vMerge", "hMerge", "gridBefore")
)
W_VAL, W_ID, W_TYPE, W_CHAR, W_FLDCHARTYPE, W_CUSTOMMARK = map(
    w, ("val", "id", "type", "char", "fldCharType", "customMarkFollows")
)
MC_ALTERNATE, MC_CHOICE, MC_FALLBACK = (
    f"{_MC}AlternateContent",
    f"{_MC}Choice",
    f"{_MC}Fallback",
)
M_OMATH, M_OMATHPARA, M_T = f"{_M}oMath", f"{_M}oMathPara", f"{_M}t"
V_TEXTPATH = f"{_V}textpath"


def is_on(el: Element | None) -> bool:
    """A WordprocessingML on/off property: present and not switched off."""
    return el is not None and el.get(W_VAL) not in ("0", "false", "off")


def is_on_attr(value: str | None) -> bool:
    return value in ("1", "true", "on")


def val(el: Element | None) -> str | None:
    return None if el is None else el.get(W_VAL)


def to_int(value: str | None, default: int | None = None) -> int | None:
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        return default
