"""Footnotes and endnotes: ``[1]``, ``[2]``… in order of reference, then the notes
themselves after the body under a heading."""

from __future__ import annotations

from collections.abc import Callable

from reader.core.ingest.formats.docx.chars import clean
from reader.core.ingest.formats.docx.numbering import roman
from reader.core.ingest.formats.docx.wordml import W_ID, W_TYPE, Element
from reader.core.ingest.model import Block


def read_notes(root: Element | None, tag: str) -> dict[str, Element]:
    """Real notes by id; the separator and continuation notice are page furniture."""
    if root is None:
        return {}
    return {el.get(W_ID) or "": el for el in root.iter(tag) if el.get(W_TYPE) in (None, "normal")}


class Notes:
    """The notes of both kinds, and the labels their references were given.

    Endnotes count ``[i]``, ``[ii]``… when the file has both kinds, as Word does.
    """

    def __init__(self, footnotes: dict[str, Element], endnotes: dict[str, Element]) -> None:
        self._notes = {"footnote": footnotes, "endnote": endnotes}
        self._labels: dict[tuple[str, str], str] = {}
        self._order: list[tuple[str, str]] = []
        self._counts = {"footnote": 0, "endnote": 0}
        self._roman_endnotes = bool(footnotes) and bool(endnotes)

    def marker(self, kind: str, note_id: str, custom: str = "") -> str:
        """The reference's mark (``[1]``, or the custom mark typed in its place)."""
        key = (kind, note_id)
        if key not in self._labels:
            if note_id not in self._notes[kind]:
                return ""  # a separator, or a note the file lost
            custom = clean(custom).strip()
            if not custom:
                self._counts[kind] += 1
                count = self._counts[kind]
                custom = roman(count).lower() if kind == "endnote" and self._roman_endnotes else ""
                custom = custom or str(count)
            self._labels[key] = custom
            self._order.append(key)
        return f"[{self._labels[key]}]"

    def blocks(self, headed: bool, text_of: Callable[[Element], str]) -> list[Block]:
        """The referenced notes, each kind under its heading, in order of reference.

        ``text_of`` reads a note's body (which may reference further notes). The
        heading is a heading block only when the body has headings of its own:
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
                    text = text_of(self._notes[kind][key[1]])
                    label = f"[{self._labels[key]}]"
                    blocks.append(Block(f"{label} {text}" if text else label))
        return blocks
