"""Folded texts and titles of the library, kept in memory for literal verification.

Verification and positions use ``str.find`` on folded text, which is exact and
fast; the cache reloads only documents that changed, detected through
``PRAGMA data_version`` (it moves whenever another connection commits).

Folded copies from the index folder are checked as they are first read (a
SHA-256 of 10 MB takes 5 ms); a damaged one is replaced by folding the text from
SQLite again, and reported through ``on_damage`` so that it is re-indexed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlite_utils import Database

from reader.core.ingest.model import OutlineEntry
from reader.core.search.fold import fold
from reader.core.search.index import FoldedStore, version_key
from reader.core.search.integrity import CacheDamage

DamageFn = Callable[[int, CacheDamage], None]

_CHUNK = 500
ORIGINALS_BUDGET = 16_000_000  # characters


class DocCache:
    def __init__(
        self, db: Database, folded: FoldedStore | None = None, on_damage: DamageFn | None = None
    ) -> None:
        self.db = db
        self.folded = folded
        self.on_damage = on_damage
        self._data_version: tuple[int, int] | None = None
        self.meta: dict[int, tuple[str, int, str]] = {}  # id -> (title, chars, version key)
        self.folded_titles: dict[int, str] = {}
        self._texts: dict[int, str] = {}
        self._outlines: dict[int, list[OutlineEntry]] = {}
        self._originals: dict[int, str] = {}
        self._originals_chars = 0

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
                self._texts.pop(doc_id, None)
                self._outlines.pop(doc_id, None)
                self._originals_chars -= len(self._originals.pop(doc_id, ""))
        self.meta = meta
        self.folded_titles = {doc_id: fold(m[0]) for doc_id, m in meta.items()}
        return True

    def all_ids(self) -> set[int]:
        return set(self.meta)

    def texts(self, ids: Iterable[int]) -> dict[int, str]:
        """Folded canonical texts of ``ids`` (unknown ids are left out)."""
        wanted = [i for i in ids if i in self.meta]
        missing = [i for i in wanted if i not in self._texts]
        if missing and self.folded is not None:
            missing = [i for i in missing if not self._read_folded(i, self.folded)]
        for start in range(0, len(missing), _CHUNK):
            chunk = missing[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for doc_id, text in self.db.execute(
                f"SELECT id, text FROM documents WHERE id IN ({marks})", chunk
            ).fetchall():
                self._texts[doc_id] = fold(text)
        return {i: self._texts[i] for i in wanted if i in self._texts}

    def _read_folded(self, doc_id: int, store: FoldedStore) -> bool:
        """Take ``doc_id``'s folded copy from the index folder; False if there is no good one."""
        _title, chars, key = self.meta[doc_id]
        try:
            text = store.read(doc_id, key, chars)
        except CacheDamage as damage:
            if self.on_damage is not None:
                self.on_damage(doc_id, damage)
            return False
        if text is not None:
            self._texts[doc_id] = text
        return text is not None

    def outline(self, doc_id: int) -> list[OutlineEntry]:
        if doc_id not in self._outlines:
            rows = self.db.execute(
                "SELECT level, title, start FROM outline WHERE doc_id = ? ORDER BY seq", [doc_id]
            ).fetchall()
            self._outlines[doc_id] = [OutlineEntry(*row) for row in rows]
        return self._outlines[doc_id]

    def excerpt(self, doc_id: int, start: int, end: int) -> str:
        """Canonical (unfolded) text ``[start, end)`` (code points) for snippets.

        Originals of documents that were hits are kept up to a budget of
        characters; past it the oldest are dropped and re-read from SQLite when
        needed, so a large library does not hold every text twice.
        """
        text = self._originals.get(doc_id)
        if text is None:
            row = self.db.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()
            if row is None:
                return ""
            text = str(row[0])
            while self._originals and self._originals_chars + len(text) > ORIGINALS_BUDGET:
                self._originals_chars -= len(self._originals.pop(next(iter(self._originals))))
            self._originals[doc_id] = text
            self._originals_chars += len(text)
        return text[start:end]
