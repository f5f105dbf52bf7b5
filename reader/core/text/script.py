"""A text in the other script (简体 ↔ 繁體), character by character.

Why character by character: every offset in Pizhu (annotations, search hits, outline,
pages, bookmarks, reading progress) is a code-point offset into the canonical text. A
conversion that maps each code point to exactly one code point keeps all of them valid
in the converted text, and it commutes with slicing::

    convert(text, s)[a:b] == convert(text[a:b], s)

so a quote converted on its own (an export) reads exactly as the same span of the
converted document (the reader). Phrase tables (OpenCC's ``STPhrases``) would choose
better in context (干部 → 幹部 but 干净 → 乾淨) but break that: the same span could come
out differently depending on its neighbours. We use OpenCC's character tables, first
(most common) candidate only, and accept its known mistakes (docs/dependencies.md).

Conversion assumes the text is in the *other* script: characters both scripts use keep
no memory of which one they came from (后 is 後 in 以后 but 后 in 皇后; 乾 is 干 in 乾净 but
乾 in 乾隆), so converting a text into the script it is already in can change it.
"""

from __future__ import annotations

from functools import cache

from reader.core.search.t2s_table import PAIRS as T2S_PAIRS
from reader.core.text.s2t_table import PAIRS as S2T_PAIRS

AS_WRITTEN = "as-written"
SIMPLIFIED = "simplified"
TRADITIONAL = "traditional"
SCRIPTS = (SIMPLIFIED, TRADITIONAL)
CHOICES = (AS_WRITTEN, *SCRIPTS)
"""Every value :func:`convert` accepts (the order a menu or ``--script`` lists them)."""


def _table(pairs: str) -> dict[int, int]:
    """A :meth:`str.translate` table from alternating source/target characters."""
    return {ord(pairs[i]): ord(pairs[i + 1]) for i in range(0, len(pairs), 2)}


@cache
def t2s_table() -> dict[int, int]:
    """Traditional → simplified (OpenCC TSCharacters; the table search folds with)."""
    return _table(T2S_PAIRS)


@cache
def s2t_table() -> dict[int, int]:
    """Simplified → traditional (OpenCC STCharacters, first candidate)."""
    return _table(S2T_PAIRS)


def to_simplified(text: str) -> str:
    """``text`` in simplified characters; ``len(result) == len(text)`` always."""
    return text.translate(t2s_table())


def to_traditional(text: str) -> str:
    """``text`` in traditional characters; ``len(result) == len(text)`` always."""
    return text.translate(s2t_table())


def check_script(script: str) -> str:
    """``script`` if :func:`convert` accepts it, else :class:`ValueError` naming the choices.

    Callers that take the script from a user (CLI, settings file) check it before doing
    any work, so a typo fails at once instead of after an export was half gathered.
    """
    if script not in CHOICES:
        raise ValueError(f"unknown script {script!r} (choose {', '.join(CHOICES)})")
    return script


def convert(text: str, script: str) -> str:
    """``text`` shown in ``script``: ``as-written`` (unchanged), ``simplified`` or
    ``traditional``. Same length in code points as ``text``; any other script is a
    :class:`ValueError`."""
    if check_script(script) == AS_WRITTEN:
        return text
    return to_simplified(text) if script == SIMPLIFIED else to_traditional(text)
