"""Settings only the GUI reads, stored in the same ``settings.json`` as the core's.

A subclass rather than new fields in :class:`reader.platform.settings.Settings` only
because the core file is not the UI's to edit; ``load`` and ``save`` are the core's,
so the extra keys sit next to the others and older versions ignore them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from reader.app.commands import LIBRARY_SORTS
from reader.core.annotate.colors import PALETTE_KEYS
from reader.platform.settings import Rule, Settings


def _one_of(choices: tuple[str, ...]) -> Rule:
    def rule(value: object) -> str | None:
        return None if value in choices else f"must be one of {', '.join(choices)}"

    return rule


@dataclass
class GuiSettings(Settings):
    library_sort: str = "title"  # one of LIBRARY_SORTS
    # View ▸ Script per document: str(doc id) -> {"script": …, "imported": imported_at}
    # (the import stamp tells a reused id of a deleted document from the document)
    document_scripts: dict[str, dict[str, str]] = field(default_factory=dict)
    keep_annotates: bool = True  # the pop-up's "Keep" also makes a 生词 annotation

    RULES: ClassVar[Mapping[str, Rule]] = {
        **Settings.RULES,
        "library_sort": _one_of(LIBRARY_SORTS),
        "default_color": _one_of(PALETTE_KEYS),  # highlighting in any other fails
    }

    def sort_order(self) -> str:
        return self.library_sort if self.library_sort in LIBRARY_SORTS else "title"
