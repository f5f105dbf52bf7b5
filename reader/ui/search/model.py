"""What the search panel asks and is answered: requests, results, and the item roles
its rows carry. Plain records, so the worker and the tests build them without widgets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import Qt

from reader.core.search.passages import Passage

RESULT_LIMIT = 30
PASSAGES_PER_DOC = 8
ROLE_DOC = Qt.ItemDataRole.UserRole + 20
ROLE_START = Qt.ItemDataRole.UserRole + 21
ROLE_END = Qt.ItemDataRole.UserRole + 22
ROLE_PASSAGE = Qt.ItemDataRole.UserRole + 23  # a hit row: its Passage
ROLE_EXACT = Qt.ItemDataRole.UserRole + 24  # a document row: the whole query occurs in it

SCOPE_LIBRARY, SCOPE_DOCUMENT, SCOPE_COLLECTION, SCOPE_ANNOTATIONS = (
    "library", "document", "collection", "annotations",
)  # fmt: skip


@dataclass
class SearchRequest:
    generation: int
    query: str
    scope: str
    doc_id: int | None = None
    collection_docs: frozenset[int] | None = None
    tag: str | None = None


@dataclass
class DocumentResult:
    doc_id: int
    title: str
    match_count: int
    passages: list[Passage]
    matches: Sequence[tuple[int, int]]  # a Matches: C int arrays, not 75,000 tuples
    exact: bool = True


@dataclass
class SearchResult:
    generation: int
    query: str
    took_ms: float
    documents: list[DocumentResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    total: int = 0  # documents matching, of which the first RESULT_LIMIT are shown
    total_exact: bool = True  # False: ``total`` is a lower bound
    counting: bool = False  # the worker is counting the exact total

    @property
    def hit_count(self) -> int:
        return sum(d.match_count for d in self.documents)

    @property
    def has_exact(self) -> bool:
        """Some document holds the whole query (not only its words)."""
        return any(d.exact for d in self.documents)
