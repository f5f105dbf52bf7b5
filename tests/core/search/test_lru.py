"""The weight-bounded least-recently-used map behind the searcher's caches."""

from __future__ import annotations

from reader.core.search.lru import SizedLRU


def test_least_recently_used_go_first_when_over_budget() -> None:
    cache: SizedLRU[int, str] = SizedLRU(budget=30)
    for key in (1, 2, 3):
        cache.put(key, f"v{key}", 10)
    assert cache.get(1) == "v1"  # 1 is now the most recent
    cache.put(4, "v4", 10)
    assert 2 not in cache and all(k in cache for k in (1, 3, 4))
    assert cache.size == 30 and len(cache) == 3
    cache.put(5, "big", 31)  # heavier than the whole budget: not kept, nothing evicted
    assert 5 not in cache and len(cache) == 3 and cache.size == 30
    cache.put(3, "v3 again", 25)  # replacing an entry frees its weight first
    assert cache.get(3) == "v3 again" and cache.size <= 30 and cache.get(1) is None


def test_pop_and_clear_give_their_weight_back() -> None:
    cache: SizedLRU[str, int] = SizedLRU(budget=10)
    cache.put("a", 1, 4)
    cache.put("b", 2, 6)
    cache.pop("a")
    cache.pop("missing")
    assert cache.size == 6 and cache.get("a") is None and cache.get("b") == 2
    cache.clear()
    assert cache.size == 0 and len(cache) == 0
