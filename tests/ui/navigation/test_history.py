"""History: the rules of back and forward, without Qt."""

from __future__ import annotations

from reader.ui.navigation.history import History, Place


def test_back_and_forward_walk_the_places_left() -> None:
    h = History()
    a, b, c = Place(1, 0), Place(1, 500), Place(2, 10)
    assert h.leaving(a) and h.leaving(b)
    assert h.go_back(c) == b
    assert h.go_back(b) == a
    assert h.go_back(a) is None  # nothing further back
    assert h.go_forward(a) == b
    assert h.go_forward(b) == c
    assert h.go_forward(c) is None


def test_a_new_jump_drops_the_forward_places_and_near_places_are_one() -> None:
    h = History()
    h.leaving(Place(1, 0))
    h.leaving(Place(1, 1000))
    assert h.go_back(Place(2, 0)) == Place(1, 1000)
    assert h.leaving(Place(1, 1000))
    assert h.forward == []
    assert not h.leaving(Place(1, 1010))  # the same place, give or take a line
    assert not h.leaving(None)  # no document open


def test_limit_and_forgetting_a_document() -> None:
    h = History(limit=3)
    for n in range(5):
        h.leaving(Place(1, n * 1000))
    assert [p.offset for p in h.back] == [2000, 3000, 4000]
    h.leaving(Place(2, 0))
    h.forget_document(1)
    assert h.back == [Place(2, 0)]
