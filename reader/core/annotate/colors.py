"""The colour palette: five fixed colours whose labels the user edits (黄色 = 重点, …).

Keys (``yellow`` …) are stable identifiers stored on annotations; labels are what
people see and what exports print, so renaming a label never touches annotations.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from reader.core.changes import Changes
from reader.core.storage.db import transaction
from reader.core.storage.validation import clean_text
from reader.errors import UsageError

PALETTE_KEYS = ("yellow", "green", "blue", "pink", "purple")
"""The keys of the palette, in order; fixed by the first migration (only labels change)."""


@dataclass(frozen=True)
class Color:
    key: str
    seq: int
    hex: str
    label: str

    def as_json(self) -> dict[str, object]:
        return {"key": self.key, "hex": self.hex, "label": self.label}


class ColorService:
    """``list``, ``resolve`` a key or label, ``set_label``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def list(self) -> list[Color]:
        rows = self.db.execute("SELECT key, seq, hex, label FROM colors ORDER BY seq").fetchall()
        return [Color(*row) for row in rows]

    def labels(self) -> dict[str, str]:
        return {c.key: c.label for c in self.list()}

    def resolve(self, name: str) -> str:
        """The key for ``name``, given as key (``blue``) or label (``数据``), any case."""
        wanted = name.strip()
        colors = self.list()
        for color in colors:
            if wanted.lower() == color.key or wanted == color.label:
                return color.key
        choices = ", ".join(f"{c.key} ({c.label})" for c in colors)
        raise UsageError(f"unknown colour {name!r} (choose from {choices})")

    def set_label(self, key_or_label: str, label: str) -> Changes:
        key = self.resolve(key_or_label)
        label = clean_text(label, "colour label", multiline=False, limit=40).strip()
        if not label:
            raise UsageError("colour label is empty")
        clash = self.db.execute(
            "SELECT key FROM colors WHERE label = ? AND key <> ?", [label, key]
        ).fetchone()
        if clash:
            raise UsageError(f"label {label!r} is already used by {clash[0]}")
        with transaction(self.db):
            self.db.execute("UPDATE colors SET label = ? WHERE key = ?", [label, key])
        return Changes(colors=True)
