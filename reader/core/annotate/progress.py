"""Reading progress: where each document was left, and the "continue reading" list.

The offset is the first visible character (a code-point offset into the canonical
text, like annotation offsets), so it survives window size and font changes; the
percentage is derived from it and stored so lists need not load any text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlite_utils import Database

from reader.core.annotate.anchoring import OffsetMap
from reader.core.changes import Changes
from reader.core.storage.db import now_iso, transaction
from reader.errors import NotFoundError, UsageError


@dataclass(frozen=True)
class Progress:
    doc_id: int
    offset: int
    percent: float
    last_opened: str | None  # None: never opened

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def percent_of(offset: int, chars: int) -> float:
    return round(100.0 * offset / chars, 2) if chars else 0.0


class ProgressService:
    """``get``, ``set`` (also stamps last opened), ``mark_opened``, ``recent``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, doc_id: int) -> Progress:
        self._chars(doc_id)
        row = self.db.execute(
            "SELECT offset, percent, last_opened FROM progress WHERE doc_id = ?", [doc_id]
        ).fetchone()
        return Progress(doc_id, *row) if row else Progress(doc_id, 0, 0.0, None)

    def set(self, doc_id: int, offset: int) -> tuple[Progress, Changes]:
        chars = self._chars(doc_id)
        if not 0 <= offset <= chars:
            raise UsageError(f"offset {offset} is outside document {doc_id} (0..{chars})")
        stamp = now_iso()
        with transaction(self.db):
            self.db.execute(
                "INSERT INTO progress (doc_id, offset, percent, last_opened) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(doc_id) DO UPDATE SET offset = excluded.offset,"
                " percent = excluded.percent, last_opened = excluded.last_opened",
                [doc_id, offset, percent_of(offset, chars), stamp],
            )
        return self.get(doc_id), Changes(progress={doc_id})

    def mark_opened(self, doc_id: int) -> tuple[Progress, Changes]:
        """Stamp the document as opened now, keeping its offset."""
        return self.set(doc_id, self.get(doc_id).offset)

    def recent(self) -> list[Progress]:
        """Every document, most recently opened first; never-opened ones last, by id."""
        rows = self.db.execute(
            "SELECT d.id, ifnull(p.offset, 0), ifnull(p.percent, 0.0), p.last_opened"
            " FROM documents d LEFT JOIN progress p ON p.doc_id = d.id"
            " ORDER BY p.last_opened IS NULL, p.last_opened DESC, d.id"
        ).fetchall()
        return [Progress(*row) for row in rows]

    def document_changed(self, doc_id: int, old_text: str, new_text: str) -> dict[str, int]:
        """Importer listener: carry the offset through the edit; reports nothing."""
        row = self.db.execute("SELECT offset FROM progress WHERE doc_id = ?", [doc_id]).fetchone()
        if row is None:
            return {}
        offset = min(OffsetMap(old_text, new_text).map(int(row[0])), len(new_text))
        self.db.execute(
            "UPDATE progress SET offset = ?, percent = ? WHERE doc_id = ?",
            [offset, percent_of(offset, len(new_text)), doc_id],
        )
        return {}

    def _chars(self, doc_id: int) -> int:
        row = self.db.execute("SELECT chars FROM documents WHERE id = ?", [doc_id]).fetchone()
        if row is None:
            raise NotFoundError(f"no document with id {doc_id}")
        return int(row[0])
