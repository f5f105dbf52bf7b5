"""The page picked by heapq matches a full sort, tie run included (searcher._select_page)."""

from __future__ import annotations

import random

from reader.core.search.searcher import _Candidate, _rank_key, _select_page


def _candidates(rng: random.Random, n: int) -> list[_Candidate]:
    return [
        _Candidate(doc_id, rng.random() < 0.5, [], score=float(rng.randrange(4)))
        for doc_id in rng.sample(range(n * 3), n)
    ]


def test_page_and_boundary_ties_match_a_full_sort() -> None:
    rng = random.Random(14)
    for _ in range(200):
        cands = _candidates(rng, rng.randrange(1, 80))
        limit = rng.randrange(0, 90)
        expected = sorted(cands, key=_rank_key)
        got = list(cands)
        _select_page(got, limit)
        assert sorted(id(c) for c in got) == sorted(id(c) for c in cands)
        if limit <= 0 or limit >= len(cands):
            assert got == expected
            continue
        last = expected[limit - 1]
        run_end = limit
        while run_end < len(expected) and _rank_key(expected[run_end])[:2] == _rank_key(last)[:2]:
            run_end += 1
        assert got[:run_end] == expected[:run_end]
