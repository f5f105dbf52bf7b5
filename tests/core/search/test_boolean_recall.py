"""AND, OR and exclusion of literals longer than a gram: the documents are exactly those a
brute-force scan of the folded texts finds, with the index and in chunks of a few
characters (so the literals' candidate chunks and their boundaries decide)."""

from __future__ import annotations

import random

import pytest

from reader.core.library import Library
from reader.core.search import chunks
from reader.core.search.fold import fold
from reader.core.search.service import SearchService


@pytest.fixture
def texts(data_dir, library_ids: list[int]) -> dict[int, str]:
    library = Library.open(data_dir)
    try:
        return {doc_id: library.documents.text(doc_id) for doc_id in library_ids}
    finally:
        library.close()


def picks(texts: dict[int, str], count: int, seed: int) -> list[str]:
    """Substrings of 3-6 characters, from every text in turn (common and rare ones)."""
    rng = random.Random(seed)
    bodies = [t for t in texts.values() if len(t) > 20]
    found: list[str] = []
    while len(found) < count:
        text = bodies[len(found) % len(bodies)]
        size = rng.choice((3, 4, 6))
        start = rng.randrange(0, len(text) - size)
        piece = text[start : start + size]
        if piece.strip() and not any(c in piece for c in '"＂-() \n\u3000'):
            found.append(piece)
    return found


def expected(texts: dict[int, str], groups: list[list[str]], excludes: list[str]) -> set[int]:
    folded = {d: fold(t) for d, t in texts.items()}
    return {
        d for d, text in folded.items()
        if all(any(fold(lit) in text for lit in group) for group in groups)
        and not any(fold(ex) in text for ex in excludes)
    }


def query_of(groups: list[list[str]], excludes: list[str]) -> str:
    parts = [" OR ".join(f'"{lit}"' for lit in group) for group in groups]
    return " ".join(parts + [f'-"{ex}"' for ex in excludes])


@pytest.mark.parametrize("chunk_chars", [chunks.CHUNK_CHARS, 7])
def test_and_or_not_match_a_scan(
    chunk_chars: int, texts: dict[int, str], data_dir, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(chunks, "CHUNK_CHARS", chunk_chars)
    service = SearchService(data_dir)
    service.sync_now(rebuild=True)
    searcher = service.searcher()
    pieces = picks(texts, 40, seed=chunk_chars)
    shapes = [
        ([[pieces[0]], [pieces[1]]], []),
        ([[pieces[2], pieces[3]]], []),
        ([[pieces[4]]], [pieces[5]]),
    ]
    for n in range(6, 36, 5):
        a, b, c, d, e = pieces[n : n + 5]
        shapes += [([[a], [b]], []), ([[a, b], [c]], [d]), ([[a]], [b, c]), ([[a, e], [b, d]], [])]
    # one that holds in many documents, narrowed by a second literal of the same text
    common = max(pieces, key=lambda p: sum(p in t for t in texts.values()))
    shapes.append(([[common], [common[:3]]], [pieces[7]]))
    try:
        for groups, excludes in shapes:
            query = query_of(groups, excludes)
            hits = searcher.search(query, limit=1000).hits
            assert {h.doc_id for h in hits if h.exact} == expected(texts, groups, excludes), query
    finally:
        searcher.close()
