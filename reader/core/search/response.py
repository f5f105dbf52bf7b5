"""What a search answers: its hits, and the response the CLI prints as JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reader.core.search.matches import Matches


@dataclass
class Hit:
    doc_id: int
    title: str
    score: float
    matches: Matches
    snippet: str
    section: str | None
    exact: bool = True  # the query as typed matches; False: only its jieba words occur
    annotation_ids: list[int] | None = None

    @property
    def match_count(self) -> int:
        return len(self.matches)

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "doc_id": self.doc_id,
            "title": self.title,
            "score": round(self.score, 4),
            "match_count": self.match_count,
            "matches": list(map(list, self.matches)),
            "snippet": self.snippet,
            "section": self.section,
            "exact": self.exact,
        }
        if self.annotation_ids is not None:
            data["annotation_ids"] = self.annotation_ids
        return data


@dataclass
class SearchResponse:
    query: str
    took_ms: float
    total: int
    hits: list[Hit]
    notes: list[str] = field(default_factory=list)
    total_exact: bool = True  # False: ``total`` is a lower bound (see ``Searcher.search``)

    def as_json(self, hits: bool = True) -> dict[str, Any]:
        """The response as JSON data; ``hits=False`` leaves out the hits (their key is
        last: a caller can write them one at a time)."""
        found: dict[str, Any] = {
            "query": self.query,
            "took_ms": round(self.took_ms, 3),
            "total": self.total,
        }
        if not self.total_exact:
            found["total_exact"] = False
        if hits:
            found["hits"] = [h.as_json() for h in self.hits]
        return found


class SearchStopped(Exception):
    """A search's ``stop()`` said so: the caller wants no answer any more."""
