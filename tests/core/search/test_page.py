"""The page picked from the scores alone matches a full sort, its tie run included."""

from __future__ import annotations

import random

from reader.core.search.page import confirmed_first, page_order


def _full_sort(exact_count: int, scores: list[float], ids: list[int]) -> list[int]:
    return sorted(range(len(ids)), key=lambda i: (i >= exact_count, -scores[i], ids[i]))


def _run_end(order: list[int], exact_count: int, scores: list[float], limit: int) -> int:
    """One past the last candidate tied (same tier, same score) with the page's last."""
    def tier_score(i: int) -> tuple[bool, float]:
        return (i >= exact_count, scores[i])

    end = limit
    while end < len(order) and tier_score(order[end]) == tier_score(order[limit - 1]):
        end += 1
    return end


def test_page_and_boundary_ties_match_a_full_sort() -> None:
    rng = random.Random(14)
    runs_past_the_page = 0
    for _ in range(2000):
        count = rng.randrange(0, 80)
        exact_count = rng.randrange(0, count + 1)
        ids = rng.sample(range(count * 3 + 1), count)
        scores = [float(rng.randrange(4)) for _ in range(count)]
        limit = rng.randrange(-1, 90)
        expected = _full_sort(exact_count, scores, ids)
        got = page_order(exact_count, scores, ids, limit)
        if limit <= 0:
            assert got == []
        elif limit >= count:
            assert got == expected
        else:
            end = _run_end(expected, exact_count, scores, limit)
            assert got == expected[:end]
            runs_past_the_page += end > limit
    assert runs_past_the_page > 100


def test_exact_hits_come_first_whatever_their_scores() -> None:
    # Three exact hits scoring 0 before two loose ones scoring 9.
    assert page_order(3, [0.0, 0.0, 0.0, 9.0, 9.0], [5, 1, 3, 2, 4], 4) == [1, 2, 0, 3, 4]
    assert page_order(3, [0.0, 1.0, 0.5, 9.0, 9.0], [5, 1, 3, 2, 4], 2) == [1, 2]


def test_a_huge_tie_run_comes_in_doc_id_order() -> None:
    ids = list(range(5000, 0, -1))
    order = page_order(len(ids), [0.0] * len(ids), ids, 30)
    assert [ids[i] for i in order] == list(range(1, 5001))


def test_confirming_in_rank_order_gives_the_page_of_a_full_check() -> None:
    """Whatever holds and however scores tie, the confirmed candidates' page and its tie
    run are those of checking every candidate, and fewer are checked when many hold."""
    rng = random.Random(21)
    fewer_checked = 0
    for _ in range(1500):
        count = rng.randrange(0, 400)
        ids = rng.sample(range(count * 2 + 1), count)
        scores = [float(rng.randrange(6)) for _ in range(count)]
        holds = {d for d in ids if rng.random() < rng.choice((0.05, 0.5, 0.95))}
        limit = rng.randrange(1, 40)
        checked: list[int] = []

        def verify(batch: set[int], checked: list[int] = checked,
                   holds: set[int] = holds) -> set[int]:
            assert not set(checked) & batch  # nobody is checked twice
            checked.extend(batch)
            return batch & holds

        max_ties = rng.choice((0, 3, 64, 10**6))
        confirmed, complete = confirmed_first(scores, ids, limit, verify, 2 * limit, max_ties)
        assert confirmed <= holds and confirmed == holds & set(checked)
        assert complete == (len(checked) == count)
        if not complete:
            assert len(confirmed) >= limit
            fewer_checked += 1
        full = [d for d in ids if d in holds]
        mine = [d for d in ids if d in confirmed]

        def page(kept: list[int], ids: list[int] = ids, scores: list[float] = scores,
                 limit: int = limit) -> list[int]:
            sub = [scores[ids.index(d)] for d in kept]
            return [kept[i] for i in page_order(len(kept), sub, kept, limit)]

        assert page(mine)[:limit] == page(full)[:limit]
        if len(full) >= limit:  # the run the page's last hit ties in, when it is ordered
            score_of = dict(zip(ids, scores, strict=True))
            last = score_of[page(full)[limit - 1]]
            run = {d for d in full if score_of[d] == last}
            if len(run) <= max_ties:
                assert {d for d in mine if score_of[d] == last} == run
    assert fewer_checked > 300
