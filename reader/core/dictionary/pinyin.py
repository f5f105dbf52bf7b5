"""Pinyin: CC-CEDICT's tone numbers as tone marks, and pypinyin for what CC-CEDICT lacks.

CC-CEDICT writes ``jing1 jin1 ji4``, ``Lu:3``, ``r5``; readers want ``jīng jīn jì``,
``Lǚ``, ``r``. The mark goes on ``a`` or ``e`` when there is one, on the ``o`` of ``ou``,
otherwise on the last vowel (``liù``, ``guì``); syllables without a vowel (``m2``,
``ng2``) carry it on the ``m``/``n``. Marks are combining characters composed with NFC,
so every case, ``ü`` and ``ê`` included, needs no table of precomposed letters.

pypinyin is imported only when first needed: it costs about 0.2 s and 55 MB (its
phrase dictionary), which a lookup of a word CC-CEDICT knows never needs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache, partial

_TONE_MARKS = {"1": "\u0304", "2": "\u0301", "3": "\u030c", "4": "\u0300"}
_SYLLABLE = re.compile(r"^([A-Za-zÜüÊê:^]+)([1-5])$")
_VOWELS = "aeiouüê"
_BRACKETED = re.compile(r"\[([A-Za-z:^ ,·]*[1-5][A-Za-z0-9:^ ,·]*)\]")
"""A pinyin reference inside a definition: ``variant of 瞭|了[liao3]``."""


@lru_cache(maxsize=8192)  # a few thousand distinct syllables; a lookup converts dozens
def syllable_marks(syllable: str) -> str:
    """One syllable with a tone number (``lu:e4``) as tone marks (``lüè``).

    Anything that is not a numbered syllable (``C``, ``·``, ``,``, ``2019``) comes back
    unchanged except ``u:`` → ``ü``; ``v`` is ``ü`` only in a numbered syllable, so the
    letter ``V`` (``V C D``) stays a letter.
    """
    match = _SYLLABLE.match(syllable)
    if match is None:
        return _umlaut(syllable, letter_v=False)
    letters, tone = _umlaut(match.group(1), letter_v=True), match.group(2)
    if tone == "5":
        return letters
    index = _mark_index(letters.lower())
    if index is None:
        return letters
    marked = letters[: index + 1] + _TONE_MARKS[tone] + letters[index + 1 :]
    return unicodedata.normalize("NFC", marked)


def _umlaut(letters: str, *, letter_v: bool) -> str:
    """``u:`` (CC-CEDICT), ``v`` (input-method spelling) and ``e^`` as ``ü`` / ``ê``."""
    letters = letters.replace("u:", "ü").replace("U:", "Ü").replace("e^", "ê").replace("E^", "Ê")
    if letter_v:
        letters = letters.replace("v", "ü").replace("V", "Ü")
    return letters


def _mark_index(lower: str) -> int | None:
    """Where the tone mark goes in a lower-case syllable, or ``None`` if nowhere."""
    for vowel in ("a", "e", "ê"):
        if vowel in lower:
            return lower.index(vowel)
    if "ou" in lower:
        return lower.index("ou")
    vowels = [i for i, ch in enumerate(lower) if ch in _VOWELS]
    if vowels:
        return vowels[-1]
    for consonant in ("n", "m"):  # ng2 → ńg, m2 → ḿ, n4 → ǹ
        if consonant in lower:
            return lower.index(consonant)
    return None


def numbered_to_marks(pinyin: str) -> str:
    """``Bei3 jing1`` → ``Běi jīng``: each space-separated syllable converted, case kept."""
    return " ".join([syllable_marks(s) for s in pinyin.split()])


def marks_in_definition(definition: str) -> str:
    """Pinyin references inside a definition in tone marks too (``了[liao3]`` → ``了[liǎo]``).

    The pop-up shows marks everywhere; a definition mixing ``liǎo`` in the headword with
    ``liao3`` in its cross-references would look like two notations.
    """
    if "[" not in definition:  # most definitions: skip the regular expression
        return definition
    return _BRACKETED.sub(lambda m: f"[{numbered_to_marks(m.group(1))}]", definition)


@cache
def _pypinyin_function() -> Callable[[str], list[list[str]]]:
    """pypinyin's ``pinyin`` with ``Style.TONE`` and one reading per character (imported once;
    a second thread racing the first imports nothing twice: the import system locks)."""
    from pypinyin import Style, pinyin  # 0.2 s, 55 MB: on first use

    return partial(pinyin, style=Style.TONE, heteronym=False)


def warm_pypinyin() -> None:
    """Import pypinyin now (on a worker thread) so the first unknown word is fast."""
    _pypinyin_function()


def reading(text: str) -> str:
    """pypinyin's reading of ``text``, one space-separated syllable per character.

    pypinyin uses its phrase dictionary, so heteronyms come out right in context
    (``长大`` → ``zhǎng dà``). Runs of non-Chinese characters come back as they are
    (``GDP``, ``5.2%``), whitespace dropped.
    """
    parts = (group[0] for group in _pypinyin_function()(text) if group)
    return " ".join(p.strip() for p in parts if p.strip())
