"""styles.xml: which styles are headings (outline levels, names, inheritance), which
number their paragraphs, which hide text or belong to a table of contents."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reader.core.ingest.formats.docx.wordml import (
    W_ILVL,
    W_NUMID,
    W_NUMPR,
    W_OUTLINELVL,
    W_PPR,
    W_RPR,
    W_VANISH,
    Element,
    is_on,
    is_on_attr,
    to_int,
    val,
    w,
)

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


def outline_level(value: int) -> int:
    """A 0-based w:outlineLvl as a heading level; 9 (and nonsense) means body text."""
    return min(value + 1, 6) if 0 <= value <= 8 else 0


def _name_level(names: tuple[str, ...]) -> int:
    for name in names:
        if m := _HEADING_NAME.match(name):
            return min(int(m.group(1)), 6)
        if _TITLE_NAME.match(name):
            return 1
    return 0


class Styles:
    """styles.xml, with each question answered along the style's based-on chain."""

    def __init__(self, root: Element | None) -> None:
        self._styles: dict[str, _Style] = {}
        self.default_paragraph = ""
        for el in root.iter(w("style")) if root is not None else ():
            style_id = el.get(w("styleId")) or ""
            self._styles[style_id] = _read_style(el)
            if el.get(w("type")) == "paragraph" and is_on_attr(el.get(w("default"))):
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
                    level = outline_level(style.outline)
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


def _read_style(el: Element) -> _Style:
    name = val(el.find(w("name"))) or ""
    names = tuple(" ".join(n.split()).lower() for n in name.split(",") if n.strip())
    style = _Style(names=names, based_on=val(el.find(w("basedOn"))) or "")
    ppr = el.find(W_PPR)
    if ppr is not None:
        style.outline = to_int(val(ppr.find(W_OUTLINELVL)))
        numpr = ppr.find(W_NUMPR)
        if numpr is not None:
            style.num_id = val(numpr.find(W_NUMID))
            style.ilvl = to_int(val(numpr.find(W_ILVL)))
    rpr = el.find(W_RPR)
    if rpr is not None and (vanish := rpr.find(W_VANISH)) is not None:
        style.hidden = is_on(vanish)
    return style
