"""Folded texts and titles of the library for literal verification, in bounded memory.

Verification and positions use ``str.find`` on folded text, which is exact and
fast. Texts are read on demand (from the folded copies beside the index, or
folded from SQLite) and kept in a least-recently-used cache bounded in bytes, so
a search process stays small whatever the size of the library: a query over a
1 GB library streams its candidates through the cache instead of holding every
text. Metadata is reloaded only when the library changed, detected through
``PRAGMA data_version`` (it moves whenever another connection commits).

Folded copies from the index folder are checked as they are read (a SHA-256 of
10 MB takes 5 ms); a damaged one is replaced by folding the text from SQLite
again, and reported through ``on_damage`` so that it is re-indexed.
"""

from __future__ import annotations

import sys
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator

from sqlite_utils import Database

from reader.core.ingest.model import OutlineEntry
from reader.core.search.fold import fold
from reader.core.search.index import FoldedStore, version_key
from reader.core.search.integrity import CacheDamage
from reader.core.search.lru import SizedLRU
from reader.core.search.originals import BLOCK_CHARS, BlockTables, read_blocks
from reader.core.storage.db import ID_LIST, id_list

DamageFn = Callable[[int, CacheDamage], None]

TEXT_BUDGET_BYTES = 32_000_000
"""Whole folded texts kept in memory (Python's own size of the strings). Indexed
documents are read in chunks (:mod:`.chunks`); whole texts serve only documents not
yet indexed and searches without an index."""
OUTLINE_ENTRIES = 512  # outlines of recent hits (sections of snippets)
ORIGINALS_BUDGET_BYTES = 12_000_000
"""Canonical texts of recent hits kept for snippets (Python's size of the strings).
SQLite's ``substr`` reads a whole text to cut 72 characters from it, so a page of
hits on long reports cost milliseconds; a small library's texts all fit here, a big
one keeps the documents that keep coming up."""
BLOCKS_BUDGET_BYTES = 4_000_000
"""Blocks of the canonical copies beside the index (1,024 characters each) that recent
snippets were cut from: the next query's snippets in the same places read nothing."""
_SQL_BATCH = 32  # texts folded from SQLite per statement when there is no folded copy


class DocCache:
    def __init__(
        self,
        db: Database,
        folded: FoldedStore | None = None,
        on_damage: DamageFn | None = None,
        budget: int = TEXT_BUDGET_BYTES,
    ) -> None:
        self.db = db
        self.folded = folded
        self.on_damage = on_damage
        self._data_version: tuple[int, int] | None = None
        self.meta: dict[int, tuple[str, int, str]] = {}  # id -> (title, chars, version key)
        self._ids: frozenset[int] = frozenset()
        self._ids_of: dict[int, tuple[str, int, str]] | None = None  # the meta _ids is of
        self.folded_titles: dict[int, str] = {}
        self._texts: SizedLRU[int, str] = SizedLRU(budget)
        self._outlines: OrderedDict[int, list[OutlineEntry]] = OrderedDict()
        self._originals: SizedLRU[int, str] = SizedLRU(ORIGINALS_BUDGET_BYTES)
        self._blocks: SizedLRU[tuple[int, str, int], str] = SizedLRU(BLOCKS_BUDGET_BYTES)
        self._tables = BlockTables()

    def refresh(self) -> bool:
        """Reload metadata if the library changed; returns True when it did."""
        # data_version moves on other connections' commits, total_changes on this one's.
        version = (
            self.db.execute("PRAGMA data_version").fetchone()[0],
            self.db.conn.total_changes,
        )
        if version == self._data_version:
            return False
        self._data_version = version
        meta = {
            row[0]: (row[1], row[2], version_key(row[3], row[4], row[2]))
            for row in self.db.execute(
                "SELECT id, title, chars, sha256, updated_at FROM documents"
            ).fetchall()
        }
        for doc_id, old in self.meta.items():
            new = meta.get(doc_id)
            if new is None or new[2] != old[2]:
                self._texts.pop(doc_id)
                self._outlines.pop(doc_id, None)
                self._originals.pop(doc_id)
        self.meta = meta
        self.folded_titles = {doc_id: fold(m[0]) for doc_id, m in meta.items()}
        return True

    def all_ids(self) -> frozenset[int]:
        """Every document's id: one set until the library changes (at 1 GB, building it
        afresh three times a query was a millisecond of each)."""
        if self._ids_of is not self.meta:
            self._ids, self._ids_of = frozenset(self.meta), self.meta
        return self._ids

    def chars(self, doc_id: int) -> int:
        meta = self.meta.get(doc_id)
        return meta[1] if meta else 0

    def text(self, doc_id: int) -> str:
        """The folded canonical text of ``doc_id`` ("" for an unknown id)."""
        for _doc_id, text in self.iter_texts([doc_id]):
            return text
        return ""

    def iter_texts(self, ids: Iterable[int]) -> Iterator[tuple[int, str]]:
        """(id, folded text) of ``ids`` (unknown ids left out), one at a time.

        A generator, so that verifying thousands of candidates never holds more
        than the cache's budget plus one text.
        """
        missing: list[int] = []
        for doc_id in ids:
            if doc_id not in self.meta:
                continue
            text = self._texts.get(doc_id)
            if text is None and self.folded is not None:
                text = self._read_folded(doc_id, self.folded)
            if text is None:
                missing.append(doc_id)
                continue
            yield doc_id, text
        for start in range(0, len(missing), _SQL_BATCH):
            batch = missing[start : start + _SQL_BATCH]
            marks = ",".join("?" * len(batch))
            for doc_id, raw in self.db.execute(
                f"SELECT id, text FROM documents WHERE id IN ({marks})", batch
            ).fetchall():
                text = fold(raw)
                self._texts.put(doc_id, text, sys.getsizeof(text))
                yield doc_id, text

    def _read_folded(self, doc_id: int, store: FoldedStore) -> str | None:
        """``doc_id``'s folded copy from the index folder; None if there is no good one."""
        _title, chars, key = self.meta[doc_id]
        try:
            text = store.read(doc_id, key, chars)
        except CacheDamage as damage:
            if self.on_damage is not None:
                self.on_damage(doc_id, damage)
            return None
        if text is not None:
            self._texts.put(doc_id, text, sys.getsizeof(text))
        return text

    def outline(self, doc_id: int) -> list[OutlineEntry]:
        return self.outlines([doc_id])[doc_id]

    def outlines(self, ids: Iterable[int]) -> dict[int, list[OutlineEntry]]:
        """Outlines of ``ids`` (a page of hits), the ones not cached read in one statement."""
        wanted = list(dict.fromkeys(ids))
        found: dict[int, list[OutlineEntry]] = {}
        missing = []
        for doc_id in wanted:
            outline = self._outlines.get(doc_id)
            if outline is None:
                missing.append(doc_id)
            else:
                self._outlines.move_to_end(doc_id)
                found[doc_id] = outline
        if missing:
            read: dict[int, list[OutlineEntry]] = {doc_id: [] for doc_id in missing}
            for doc_id, level, title, start in self.db.execute(
                f"SELECT doc_id, level, title, start FROM outline WHERE doc_id IN ({ID_LIST})"
                " ORDER BY doc_id, seq",
                [id_list(missing)],
            ):
                read[doc_id].append(OutlineEntry(level, title, start))
            for doc_id, outline in read.items():
                if len(self._outlines) >= OUTLINE_ENTRIES:
                    self._outlines.popitem(last=False)
                self._outlines[doc_id] = outline
            found.update(read)
        return found

    def _window(self, doc_id: int, key: str, lo: int, hi: int) -> str | None:
        """``[lo, hi)`` of the copy beside the index, from kept blocks where it can."""
        assert self.folded is not None
        first, last = lo // BLOCK_CHARS, (hi - 1) // BLOCK_CHARS
        numbers = range(first, last + 1)
        kept = [self._blocks.get((doc_id, key, b)) for b in numbers]
        blocks = [b for b in kept if b is not None]
        if len(blocks) < len(kept):
            read = read_blocks(self.folded.original_name(doc_id, key), first, last,
                               self._tables)
            if read is None:
                return None
            for b, block in zip(numbers, read, strict=False):
                self._blocks.put((doc_id, key, b), block, sys.getsizeof(block))
            blocks = read
        base = first * BLOCK_CHARS
        return "".join(blocks)[lo - base : hi - base]

    def excerpt(self, doc_id: int, start: int, end: int) -> str:
        return self.excerpts([(doc_id, start, end)])[0]

    def excerpts(self, spans: list[tuple[int, int, int]]) -> list[str]:
        """Canonical (unfolded) text of each (doc id, start, end) (code points), for snippets.

        From a kept text (small libraries keep them all), else a window of the copy
        beside the index (a few kilobytes read), else SQLite: the texts read in one
        statement and kept if they fit.
        """
        texts: dict[int, str] = {}
        for doc_id, lo, hi in spans:
            cached = self._originals.get(doc_id) if hi > lo else None
            if cached is not None:
                texts[doc_id] = cached
        windows: dict[int, str] = {}
        if self.folded is not None:
            for n, (doc_id, lo, hi) in enumerate(spans):
                meta = self.meta.get(doc_id)
                if hi > lo and doc_id not in texts and meta is not None:
                    window = self._window(doc_id, meta[2], lo, hi)
                    if window is not None and len(window) == hi - lo:
                        windows[n] = window
        missing = list(dict.fromkeys(
            d for n, (d, lo, hi) in enumerate(spans)
            if hi > lo and d not in texts and n not in windows
        ))
        for first in range(0, len(missing), _SQL_BATCH):
            batch = missing[first : first + _SQL_BATCH]
            marks = ",".join("?" * len(batch))
            for doc_id, text in self.db.execute(
                f"SELECT id, text FROM documents WHERE id IN ({marks})", batch
            ):
                texts[doc_id] = text or ""
                self._originals.put(doc_id, texts[doc_id], sys.getsizeof(texts[doc_id]))
        return [
            windows[n] if n in windows else texts.get(d, "")[lo:hi] if hi > lo else ""
            for n, (d, lo, hi) in enumerate(spans)
        ]
