"""Where matches are and what the result list shows around them (snippets, section paths)."""

from __future__ import annotations

import random

from reader.core.ingest.model import OutlineEntry
from reader.core.search.positions import (
    SNIPPET_AFTER,
    SNIPPET_BEFORE,
    _looks_dense,
    clean_snippet,
    has_border,
    occurrences,
    occurrences_from,
    occurrences_many,
    section_path,
    snippet_window,
)


def test_every_occurrence_is_found_with_its_offsets() -> None:
    text = "城市更新，城市治理，建设城市"
    assert occurrences(text, ["城市"]) == [(0, 2), (5, 7), (12, 14)]
    assert occurrences(text, ["乡村"]) == []
    assert occurrences("", ["城市"]) == []


def test_overlapping_occurrences_all_count() -> None:
    assert occurrences("哈哈哈哈", ["哈哈"]) == [(0, 2), (1, 3), (2, 4)]
    assert occurrences("abababa", ["aba"]) == [(0, 3), (2, 5), (4, 7)]


def test_several_needles_merge_in_order_without_duplicates() -> None:
    text = "改革开放，开放改革"
    assert occurrences(text, ["开放", "改革", "开放", ""]) == [(0, 2), (2, 4), (5, 7), (7, 9)]
    assert occurrences(text, ["", "开放"]) == [(2, 4), (5, 7)]
    assert occurrences(text, []) == []


def test_border_means_a_prefix_equal_to_a_suffix() -> None:
    assert has_border("哈哈") and has_border("aba") and has_border("abcab")
    assert not has_border("ab") and not has_border("a") and not has_border("abc")


def entry(title: str, level: int, start: int) -> OutlineEntry:
    return OutlineEntry(title=title, level=level, start=start)


def test_section_path_names_the_enclosing_headings_outermost_first() -> None:
    outline = [
        entry("一、总体要求", 1, 0),
        entry("（一）指导思想", 2, 10),
        entry("（二）目标", 2, 30),
        entry("二、重点任务", 1, 50),
        entry("（一）城市更新", 2, 60),
    ]
    assert section_path(outline, 5) == "一、总体要求"
    assert section_path(outline, 10) == "一、总体要求 > （一）指导思想"
    assert section_path(outline, 35) == "一、总体要求 > （二）目标"
    assert section_path(outline, 55) == "二、重点任务"
    assert section_path(outline, 99) == "二、重点任务 > （一）城市更新"
    assert section_path([entry("后记", 1, 20)], 3) is None
    assert section_path([], 3) is None


def test_snippet_window_reaches_before_and_after_within_the_text() -> None:
    assert snippet_window(100, 104, 1000) == (100 - SNIPPET_BEFORE, 104 + SNIPPET_AFTER)
    assert snippet_window(5, 9, 1000) == (0, 9 + SNIPPET_AFTER)
    assert snippet_window(100, 104, 120) == (100 - SNIPPET_BEFORE, 120)
    assert snippet_window(100, 90, 1000) == (100 - SNIPPET_BEFORE, 100 + SNIPPET_AFTER)


def test_clean_snippet_joins_lines_and_marks_cut_ends() -> None:
    assert clean_snippet("城市\n 更新  行动", True, True) == "城市 更新 行动"
    assert clean_snippet("中间", False, False) == "…中间…"
    assert clean_snippet("开头", True, False) == "开头…"
    assert clean_snippet("结尾", False, True) == "…结尾"


def _found_by_find(text: str, needle: str, offset: int, limit: int) -> list[tuple[int, int]]:
    found, end = [], limit + len(needle) - 1
    at = text.find(needle, 0, end)
    while at >= 0:
        found.append((offset + at, offset + at + len(needle)))
        at = text.find(needle, at + 1, end)
    return found


def test_dense_windows_find_what_find_finds_astral_characters_included() -> None:
    """Windows thick with a short needle go through NumPy; the same positions as ``find``
    in code points (``𠮷`` is one), before ``limit`` only, shifted by ``offset``."""
    rng = random.Random(3)
    alphabet = "的一是，。国人𠮷a"
    dense = 0
    for _ in range(400):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 5000)))
        needle = "".join(rng.choice("的一，𠮷a") for _ in range(rng.randrange(1, 3)))
        if has_border(needle):
            continue
        offset, limit = rng.randrange(0, 100), rng.randrange(0, len(text) + 2)
        expected = _found_by_find(text, needle, offset, limit)
        assert occurrences_from(text, needle, offset, limit) == expected, (needle, limit)
        dense += _looks_dense(text, needle)
    assert dense > 100  # the NumPy path really ran


def test_a_sparse_start_does_not_hide_matches_further_on() -> None:
    text = "无" * 3000 + "的" * 500
    assert not _looks_dense(text, "的")
    assert occurrences_from(text, "的", 7, len(text)) == [(7 + 3000 + i, 7 + 3001 + i)
                                                         for i in range(500)]
    assert _looks_dense("的" * 3000, "的")
    assert occurrences_from("的" * 3000, "的", 0, 10) == [(i, i + 1) for i in range(10)]


def test_without_numpy_the_same_positions_come_from_split(monkeypatch) -> None:
    from reader.core.search import positions

    text = "的一是的" * 800
    assert positions.dense_scan_available()  # a dependency: the smoke test insists
    with_numpy = occurrences_from(text, "的", 3, len(text))
    monkeypatch.setattr(positions, "_numpy", lambda: None)
    assert not positions.dense_scan_available()
    assert _looks_dense(text, "的")
    assert occurrences_from(text, "的", 3, len(text)) == with_numpy
    assert len(with_numpy) == 1600


def test_a_limit_below_zero_finds_nothing_on_either_path() -> None:
    for text in ("的一" * 2000, "的一" * 5):
        assert occurrences_from(text, "的", 0, -3) == []
        assert occurrences_from(text, "的一", 0, -3) == []


def test_several_needles_at_once_find_what_each_finds_alone() -> None:
    """Windows of (offset, owned end, text), needles of any length, overlapping ones,
    astral characters in the text or the needle: the positions of one needle at a time,
    merged and in order, starting before each window's owned end."""
    rng = random.Random(8)
    alphabet = "哈国务院会议，𠮷a"
    for _ in range(300):
        windows, expected = [], set()
        offset = 0
        for _ in range(rng.randrange(0, 4)):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 400)))
            owned = rng.randrange(0, len(text) + 1)
            windows.append((offset, offset + owned, text))
            offset += owned
        needles = list(dict.fromkeys(
            "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 5)))
            for _ in range(rng.randrange(1, 5))))
        for start, end, text in windows:
            for needle in needles:
                expected.update(occurrences_from(text, needle, start, end - start))
        got = occurrences_many(windows, needles)
        assert got is not None and list(got) == sorted(expected), (windows, needles)


def test_several_needles_need_numpy(monkeypatch) -> None:
    from reader.core.search import positions

    monkeypatch.setattr(positions, "_numpy", lambda: None)
    assert occurrences_many([(0, 4, "国务国务")], ["国务", "务"]) is None
