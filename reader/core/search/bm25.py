"""BM25 of every indexed document for a query's words, as whole vectors.

Ranking a common word must not be a Python step per posting: at 100 MB a query's
missing word cost 1.5 ms, half of it a loop computing BM25 posting by posting, and
with dense vectors of 8 bytes per document the cache held only some 950 words, so
the benchmark's 400 queries pushed each other's words out. Here a word's scores
are computed with NumPy over its whole posting list, and kept sparse (a place and
a score per posting) unless most documents hold the word, so a byte budget holds
several times as many words: rare words cost a few hundred bytes.

The scores are the same floats as Whoosh's BM25F (k1 = 1.2, b = 0.75), evaluated
in the same order as the per-posting formula, and sums run word by word in the
query's order: a document's total does not depend on how the vectors are stored.
"""

from __future__ import annotations

import math
from array import array
from dataclasses import dataclass
from typing import Any

from reader.core.search.lengths import field_lengths
from reader.core.search.lru import SizedLRU
from reader.core.search.optional import numpy_module as _numpy
from reader.core.search.postings import posting_weights

K1 = 1.2
B = 0.75
SCORE_CACHE_BYTES = 16_000_000
"""Memory kept for words' scores: a dense vector costs 8 bytes a document (16 KB at
100 MB of library), a sparse one 12 bytes a posting."""


@dataclass(frozen=True, slots=True)
class WordScores:
    """A word's BM25 in one field: ``values`` at the documents' ``places`` (None: one
    value for every document, in place order)."""

    values: Any  # float64: a NumPy array, or array("d") without NumPy
    places: Any | None  # int64 NumPy array of places, ascending

    @property
    def nbytes(self) -> int:
        places = 0 if self.places is None else self.places.nbytes
        return int(len(self.values) * 8 + places)


class Ranker:
    """Each indexed document's BM25 for words, by the document's place (its rank among
    the first chunks' docnums); reset whenever the searcher is reopened."""

    def __init__(self, budget: int = SCORE_CACHE_BYTES) -> None:
        self._cache: SizedLRU[tuple[str, str], WordScores] = SizedLRU(budget)
        self._reader: Any = None
        self._firsts: list[int] = []
        self._place: dict[int, int] = {}
        self._lengths: dict[str, dict[int, float]] = {}
        self._by_place: dict[str, Any] = {}  # NumPy: lengths in place order
        self._place_of: Any = None  # NumPy: place of each docnum, -1 for none

    def reset(self, reader: Any, firsts: list[int]) -> None:
        """Rank the documents whose first chunks are ``firsts`` (ascending) in ``reader``."""
        self._cache.clear()
        self._reader, self._firsts = reader, firsts
        self._place = {docnum: at for at, docnum in enumerate(firsts)}
        self._lengths, self._by_place, self._place_of = {}, {}, None

    def clear(self) -> None:
        """Forget the words' scores (not the documents' lengths)."""
        self._cache.clear()

    @property
    def size(self) -> int:
        return self._cache.size

    def lengths(self, field_name: str) -> dict[int, float]:
        """Each first chunk's length of ``field_name``, by docnum (read once per reader)."""
        found = self._lengths.get(field_name)
        if found is None:
            found = field_lengths(self._reader, field_name, self._firsts)
            self._lengths[field_name] = found
        return found

    def word(self, field_name: str, word: str) -> WordScores | None:
        """BM25 of ``word`` in ``field_name`` for every document; None when none holds it."""
        key = (field_name, word)
        found = self._cache.get(key)
        if found is None:
            term = word.encode("utf-8")
            if self._reader is None or (field_name, term) not in self._reader:
                return None
            found = self._compute(field_name, term)
            self._cache.put(key, found, found.nbytes)
        return found if len(found.values) else None

    def totals(
        self, parts: list[tuple[WordScores, float]], places: list[int | None]
    ) -> list[float]:
        """The sum of each (scores, boost) at each place (0.0 for None: not indexed)."""
        np = _numpy()
        if np is None:
            return _python_totals(parts, places, len(self._firsts))
        total = np.zeros(len(self._firsts))
        for scores, boost in parts:
            values = scores.values if boost == 1.0 else scores.values * boost
            if scores.places is None:
                total += values
            else:  # a word's places are distinct: no two of its postings add to one place
                total[scores.places] += values
        if None in places:
            return [0.0 if at is None else float(total[at]) for at in places]
        return total[np.fromiter(places, np.int64, len(places))].tolist()

    def _compute(self, field_name: str, term: bytes) -> WordScores:
        reader = self._reader
        count = len(self._firsts) or 1  # documents, not chunks (words are on first chunks)
        df = reader.doc_frequency(field_name, term)
        idf = math.log(1.0 + (count - df + 0.5) / (df + 0.5))
        avg = reader.field_length(field_name) / count or 1.0
        docnums, freqs = posting_weights(reader, field_name, term)
        np = _numpy()
        if np is None:
            return self._python_scores(field_name, docnums, freqs, idf, avg)
        ids = np.frombuffer(docnums, dtype=np.int64)
        at = self._places_of(np)[ids]
        live = at >= 0  # deleted entries, and postings on no document's first chunk
        places = at[live]
        freq = np.frombuffer(freqs, dtype=np.float32)[live].astype(np.float64)
        length = self._lengths_by_place(np, field_name)[places]
        # The per-posting formula, operation for operation: the same floats.
        norm = K1 * (1 - B + B * length / avg)
        values = idf * freq * (K1 + 1) / (freq + norm)
        if len(places) * 12 < len(self._firsts) * 8:
            return WordScores(values, places)
        dense = np.zeros(len(self._firsts))
        dense[places] = values
        return WordScores(dense, None)

    def _places_of(self, np: Any) -> Any:
        if self._place_of is None:
            size = (self._firsts[-1] + 1) if self._firsts else 0
            size = max(size, self._reader.doc_count_all() if self._reader is not None else 0)
            place_of = np.full(size, -1, dtype=np.int64)
            place_of[np.array(self._firsts, dtype=np.int64)] = np.arange(len(self._firsts))
            self._place_of = place_of
        return self._place_of

    def _lengths_by_place(self, np: Any, field_name: str) -> Any:
        found = self._by_place.get(field_name)
        if found is None:
            lengths = self.lengths(field_name)
            found = np.array([lengths[d] for d in self._firsts], dtype=np.float64)
            self._by_place[field_name] = found
        return found

    def _python_scores(
        self, field_name: str, docnums: array[int], freqs: array[float], idf: float, avg: float
    ) -> WordScores:
        """Without NumPy (a stale environment): the same floats, a posting at a time."""
        lengths = self.lengths(field_name)
        place = self._place
        vector = array("d", bytes(8 * len(place)))
        for docnum, freq in zip(docnums, freqs, strict=True):
            at = place.get(docnum)
            if at is not None:
                norm = K1 * (1 - B + B * lengths.get(docnum, avg) / avg)
                vector[at] = idf * freq * (K1 + 1) / (freq + norm)
        return WordScores(vector if any(vector) else array("d"), None)


def _python_totals(
    parts: list[tuple[WordScores, float]], places: list[int | None], count: int
) -> list[float]:
    total = [0.0] * count
    for scores, boost in parts:  # dense only: see Ranker._python_scores
        total = [t + v * boost if boost != 1.0 else t + v
                 for t, v in zip(total, scores.values, strict=True)]
    return [0.0 if at is None else total[at] for at in places]
