"""Matches: positions as two arrays that read as a list of (start, end) pairs."""

from array import array

import pytest

from reader.core.search.matches import Matches
from reader.core.search.positions import occurrences_from


def test_reads_as_the_pairs_it_holds() -> None:
    found = Matches.of([(1, 3), (5, 7), (9, 11)])
    assert len(found) == 3
    assert found[0] == (1, 3)
    assert found[-1] == (9, 11)
    assert list(found) == [(1, 3), (5, 7), (9, 11)]
    assert found[1:] == [(5, 7), (9, 11)]
    assert isinstance(found[1:], Matches)
    assert bool(Matches()) is False and bool(found) is True
    assert repr(Matches.of([(2, 4)])) == "Matches([(2, 4)])"


def test_equality_with_lists_and_other_matches() -> None:
    found = Matches.of([(1, 3), (5, 7)])
    assert found == [(1, 3), (5, 7)]
    assert found == [[1, 3], [5, 7]]  # JSON's lists of lists
    assert found == Matches(array("i", [1, 5]), array("i", [3, 7]))
    assert found != [(1, 3)]
    assert found != [(1, 3), (5, 8)]
    assert found != Matches.of([(1, 3), (5, 8)])
    assert found != "13"
    with pytest.raises(TypeError):
        hash(found)


def test_sort_orders_by_start_then_end() -> None:
    found = Matches.of([(9, 12), (2, 6), (2, 4), (70_000_000, 70_000_004), (5, 6)])
    found.sort()
    assert list(found) == [(2, 4), (2, 6), (5, 6), (9, 12), (70_000_000, 70_000_004)]


def test_extend_appends_in_order() -> None:
    found = Matches.of([(1, 2)])
    found.extend(Matches.of([(4, 5), (7, 8)]))
    assert list(found) == [(1, 2), (4, 5), (7, 8)]


@pytest.mark.parametrize(
    ("text", "needle", "offset", "limit", "expected"),
    [
        ("的的a的", "的", 0, 4, [(0, 1), (1, 2), (3, 4)]),
        ("的的a的", "的", 100, 2, [(100, 101), (101, 102)]),  # starts before the limit only
        ("哈哈哈", "哈哈", 0, 3, [(0, 2), (1, 3)]),  # a border: overlapping matches
        ("abc", "x", 0, 3, []),
        ("abc", "", 0, 3, []),
    ],
)
def test_occurrences_from_fills_matches(
    text: str, needle: str, offset: int, limit: int, expected: list[tuple[int, int]]
) -> None:
    found = occurrences_from(text, needle, offset, limit)
    assert isinstance(found, Matches)
    assert list(found) == expected


def test_a_match_costs_eight_bytes() -> None:
    """Every ``，`` of a big library is millions of matches: 4-byte offsets, not 8."""
    found = Matches.of([(0, 1), (2 ** 31 - 2, 2 ** 31 - 1)])
    assert found.starts.itemsize == found.ends.itemsize == 4
    assert found[1] == (2 ** 31 - 2, 2 ** 31 - 1)


def test_one_needles_matches_keep_their_starts_only() -> None:
    """Every ``的`` of a 1 GB library is millions of matches of one width: 4 bytes each."""
    found = occurrences_from("的一的二的" * 20, "的", 0, 100)
    assert found.width == 1 and len(found) == 60
    assert found.starts.buffer_info()[1] * found.starts.itemsize == 4 * 60
    assert found[1] == (2, 3) and found[-1] == (99, 100)
    assert found[1:3] == [(2, 3), (4, 5)] and found[1:3].width == 1
    assert found.ends[:2] == array("i", [1, 3])
    assert found == Matches.of(list(found))  # one width or two arrays: the same pairs
    assert Matches.of_width(array("i", [1]), 2) != Matches.of_width(array("i", [1]), 3)
    assert Matches.of_width(array("i"), 2) == Matches.of_width(array("i"), 3) == []


def test_extend_keeps_one_width_until_another_comes() -> None:
    found = Matches()
    found.extend(Matches.of_width(array("i", [1, 5]), 2))
    found.extend(Matches.of_width(array("i", [9]), 2))
    assert found.width == 2 and list(found) == [(1, 3), (5, 7), (9, 11)]
    found.extend(Matches.of_width(array("i", [20]), 3))
    assert found.width is None
    assert list(found) == [(1, 3), (5, 7), (9, 11), (20, 23)]
    found.extend(Matches.of([(30, 31)]))
    assert list(found)[-2:] == [(20, 23), (30, 31)]


def test_sort_of_one_width_orders_the_starts() -> None:
    found = Matches.of_width(array("i", [9, 2, 70_000_000, 5]), 2)
    found.sort()
    assert found.width == 2
    assert list(found) == [(2, 4), (5, 7), (9, 11), (70_000_000, 70_000_002)]
