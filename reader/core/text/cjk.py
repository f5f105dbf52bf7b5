"""What counts as Chinese text, in one place.

Importers, reflow and search each ask a slightly different question, so there is one
named helper per question rather than one check bent to fit all of them.
"""

from __future__ import annotations

import unicodedata

# Characters of CJK running text for regular-expression classes: ideographs (with
# Extensions B and later), radicals, kana, bopomofo, CJK and full-width punctuation,
# and the curly quotes, dash, ellipsis and middle dot that Chinese text uses. A space or
# line break between two of them is an artefact of layout (PDF, HTML), never a word gap.
CJK_TEXT_CLASS = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3200-\u33ff"
    "\u3400-\u4dbf\u4dc0-\u4dff\u4e00-\u9fff\uf900-\ufaff\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uffef"
    "\U00020000-\U0003134f\u2018-\u201f\u2026\u2014\u00b7"
)


def is_ideograph(ch: str) -> bool:
    """A Han character of the unified block or Extension A (what a wrapped line ends in)."""
    return bool(ch) and ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")


def is_wide(ch: str) -> bool:
    """Full-width or wide in East Asian layout: ideographs, kana and full-width punctuation."""
    return unicodedata.east_asian_width(ch) in "WF"


def is_cjk_word_char(ch: str) -> bool:
    """A letter or digit of a CJK script (not punctuation): the units of gram search."""
    return ord(ch) >= 0x2E80 and ch.isalnum()
