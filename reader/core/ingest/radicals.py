"""Radical code points that PDF writers put where the page shows an ideograph.

Many PDF writers (Qt's among them) give a glyph the code point of the first
Unicode character their font maps to it; for 工 that is KANGXI RADICAL WORK
U+2F2F, for 长 CJK RADICAL C-SIMPLIFIED LONG U+2ED3. Kangxi radicals carry a
compatibility decomposition to their ideograph (NFKC); the CJK Radicals
Supplement mostly do not, so their equivalents come from Unicode's
EquivalentUnifiedIdeograph.txt (the forms that occur in running text).
"""

from __future__ import annotations

import unicodedata
from functools import cache

_SUPPLEMENT = (
    "⺄乙⺅亻⺆冂⺇几⺈刀⺉刂⺊卜⺋㔾⺌小⺍小⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺗心⺘扌⺙攵⺛旡⺜日"
    "⺝月⺞歺⺟母⺠民⺡氵⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王⺪疋⺫目⺬示⺭礻⺮竹⺯糸⺰纟⺱网⺲罒"
    "⺳㓁⺴罓⺶羊⺷羊⺹耂⺺肀⺻聿⺼月⺽臼⺾艹⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻈讠⻉贝⻋车"
    "⻌辶⻍辶⻎辶⻏阝⻐钅⻑長⻒镸⻓长⻔门⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻟飠⻠饣⻢马⻣骨"
    "⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟"
)


@cache
def radical_table() -> dict[int, str]:
    """str.translate table: radical code point -> the unified ideograph."""
    table = {ord(a): b for a, b in zip(_SUPPLEMENT[0::2], _SUPPLEMENT[1::2], strict=True)}
    for code in range(0x2F00, 0x2FD6):  # Kangxi Radicals
        table[code] = unicodedata.normalize("NFKC", chr(code))
    return table


def unify_radicals(text: str) -> str:
    return text.translate(radical_table())
