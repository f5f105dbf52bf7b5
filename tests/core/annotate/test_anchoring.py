"""Anchoring's pure functions on small texts: where an annotation lands after an edit.

The importer-level tests (test_reanchoring.py) show the whole path; these pin down the
rules a reader relies on one at a time — the context that wins among repeated phrases,
the offsets carried through inserted and rewritten paragraphs, how much a quote may be
reworded and still be followed — so a slip in any of them shows up as a misplaced note.
"""

from __future__ import annotations

from reader.core.annotate.anchoring import (
    Anchor,
    OffsetMap,
    Placement,
    PlacementKind,
    _approx_span,
    _approx_substring,
    _best_end,
    _context_score,
    _may_contain,
    _probe,
    _trusted_score,
    locate,
    make_anchor,
    max_edits,
    reanchor_all,
)

PHRASE = "坚持以人民为中心"
FILLER = "各地区各部门要认真贯彻落实。"


def test_anchor_near_the_start_keeps_all_the_text_before_it() -> None:
    text = "前言：" + PHRASE + "。后面还有很多很多内容。"
    anchor = make_anchor(text, 3, 3 + len(PHRASE), context=8)
    assert anchor == Anchor(3, 11, PHRASE, "前言：", "。后面还有很多很")


def test_identical_text_maps_every_offset_to_itself() -> None:
    text = "第一段。\n第二段。\n"
    mapping = OffsetMap(text, text)
    assert [mapping.map(p) for p in (0, 3, 7, len(text))] == [0, 3, 7, len(text)]


def test_offsets_follow_an_inserted_paragraph() -> None:
    old = "甲段落。\n乙段落。\n丙段落。\n"
    new = "甲段落。\n新插入的一段。\n乙段落。\n丙段落。\n"
    mapping = OffsetMap(old, new)
    assert mapping.map(2) == 2  # before the insertion: unchanged
    assert mapping.map(old.index("乙") + 1) == new.index("乙") + 1
    assert mapping.map(old.index("丙") + 2) == new.index("丙") + 2


def test_offsets_follow_a_paragraph_removed_at_the_start_and_the_end() -> None:
    old = "开头删掉。\n保留的段落。\n结尾删掉。\n"
    new = "保留的段落。\n"
    mapping = OffsetMap(old, new)
    assert mapping.map(old.index("保留") + 3) == 3


def test_offset_in_a_rewritten_paragraph_keeps_its_distance_but_stays_inside() -> None:
    old = "甲。\n一个很长很长很长的旧段落。\n乙。\n"
    new = "甲。\n短段。\n乙。\n"
    mapping = OffsetMap(old, new)
    start_old, start_new = old.index("一"), new.index("短")
    assert mapping.map(start_old + 2) == start_new + 2
    # Past the end of the shorter new paragraph: clamped to its end, not into 乙.
    assert mapping.map(start_old + 12) == start_new + len("短段。\n")
    assert mapping.map(old.index("乙")) == new.index("乙")


def test_offsets_survive_a_diff_too_large_to_compute() -> None:
    """Two long unrelated middles are one changed block; head and tail still map exactly."""
    middle_old = "".join(f"旧{i}\n" for i in range(3200))
    middle_new = "".join(f"新新{i}\n" for i in range(3200))
    old = "开头。\n" + middle_old + "结尾。\n"
    new = "开头。\n" + middle_new + "结尾。\n"
    mapping = OffsetMap(old, new)
    assert mapping.map(1) == 1
    assert mapping.map(old.index("结尾") + 1) == new.index("结尾") + 1
    assert mapping.map(old.index("旧5")) == new.index("新新0") + old.index("旧5") - 4


def test_text_appended_at_the_end_keeps_old_offsets() -> None:
    mapping = OffsetMap("", "新的全文。\n")
    assert mapping.map(0) == 0
    grown = OffsetMap("甲。\n", "甲。\n乙。\n")
    assert grown.map(3) == 3


def test_context_score_counts_matching_characters_next_to_the_quote() -> None:
    anchor = Anchor(5, 8, "中心", "坚持以人民为", "的发展思想")
    text = "XX坚持以人民为中心的发展思想"
    start = text.index("中心")
    assert _context_score(anchor, text, start, start + 2) == 6 + 5
    changed = "XX坚持以群众为中心的发展理念"
    start = changed.index("中心")
    assert _context_score(anchor, changed, start, start + 2) == 1 + 3  # 为 | 的发展
    at_start = "人民为中心的"
    assert _context_score(anchor, at_start, 3, 5) == 3 + 1


def test_trusted_score_is_sixteen_or_all_the_context_there_is() -> None:
    assert _trusted_score(Anchor(0, 1, "a", "x" * 20, "y" * 20)) == 16
    assert _trusted_score(Anchor(0, 1, "a", "xx", "yyy")) == 5


def test_short_quotes_allow_no_edits_and_agreeing_context_allows_more() -> None:
    assert [max_edits(n, True) for n in (1, 3)] == [0, 0]
    assert max_edits(4, False) == 1
    assert max_edits(10, False) == 3
    assert max_edits(10, True) == 5
    assert max_edits(25, True) == 12
    assert max_edits(25, False) == 7


def test_may_contain_rules_out_windows_without_enough_shared_bigrams() -> None:
    quote = "推进城市更新行动"  # 7 bigrams
    assert _may_contain(quote, "今年要推进城市更新行动。", 0)
    assert not _may_contain(quote, "推进城市更新行X", 0)  # 6 of 7 bigrams
    assert _may_contain(quote, "推进城市更新行X", 1)  # one edit may break two bigrams
    assert not _may_contain(quote, "推进城市XXXXXXXX", 1)  # 3 of the needed 5
    assert not _may_contain(quote, "推进城市更XXXX", 1)  # 4 of the needed 5
    assert _may_contain(quote, "", 4)  # so many edits allowed that anything may match


def test_may_contain_counts_each_bigram_of_the_quote() -> None:
    assert _may_contain("abab", "xaby", 1) is True  # needs 1: "ab" is present
    assert _may_contain("abcd", "xbcx", 1) is True  # needs 1: "bc"
    assert _may_contain("abcde", "ab", 1) is False  # needs 2, "ab" only
    assert _may_contain("abcde", "abde", 1) is True  # needs 2: "ab", "de"
    assert _may_contain("abcdef", "abXcdXef", 1) is True  # needs 3: ab, cd, ef


def test_probe_finds_likely_starts_nearest_the_expected_place_first() -> None:
    text = "甲乙丙丁" + "x" * 10 + "甲乙丙丁" + "y" * 10 + "甲乙丙丁"
    assert _probe(text, "甲乙丙丁", 15, after=True) == [18, 4, 32]
    assert _probe(text, "甲乙丙丁", 15, after=False, length=3) == [11, 25, 0]
    assert _probe(text, "甲乙丙", 15, after=True) == []  # too short to be telling


def test_probe_keeps_at_most_five_hits() -> None:
    text = "abcd-" * 20
    hits = _probe(text, "abcd", 0, after=True)
    assert hits == [4, 9, 14, 19, 24]


def test_best_end_finds_the_earliest_closest_match() -> None:
    assert _best_end("abc", "xxabcxxabc") == (5, 0)
    assert _best_end("abc", "xxabxx") == (4, 1)
    assert _best_end("", "abc") == (None, 0)
    assert _best_end("abcdefgh", "zzabcdefghzz") == (10, 0)


def test_approx_substring_returns_the_span_of_the_closest_match() -> None:
    assert _approx_substring("城市更新", "推进城市更新行动") == (2, 6, 0)
    assert _approx_substring("城市更新", "推进城市的更新行动") == (2, 7, 1)
    assert _approx_substring("abc", "abc") == (0, 3, 0)


def test_long_quotes_are_matched_by_head_and_tail() -> None:
    quote = "".join(chr(0x4E00 + i) for i in range(300))
    text = "前" * 50 + quote[:150] + "插入" + quote[150:] + "后" * 50
    found = _approx_span(quote, text, 0, len(text))
    assert found is not None
    start, end, edits = found
    assert (start, end) == (50, 50 + 302)
    assert edits == 1
    assert _approx_span(quote, text, 10, 10) is None
    # Head after tail (text swapped round): no credible span.
    swapped = quote[150:] + quote[:150]
    assert _approx_span(quote, swapped, 0, len(swapped)) is None
    # A span much longer than the quote: not the same passage.
    stretched = quote[:64] + "x" * 200 + quote[64:]
    assert _approx_span(quote, stretched, 0, len(stretched)) is None


def test_quote_of_exactly_the_fuzzy_limit_is_matched_whole() -> None:
    quote = "".join(chr(0x4E00 + i) for i in range(256))
    text = "前" * 10 + quote.replace(quote[100], "X") + "后" * 10
    assert _approx_span(quote, text, 0, len(text)) == (10, 266, 1)


def test_unchanged_text_keeps_the_annotation_in_place() -> None:
    text = FILLER + PHRASE + FILLER
    anchor = make_anchor(text, len(FILLER), len(FILLER) + len(PHRASE))
    assert locate(anchor, text) == Placement(anchor.start, anchor.end, PlacementKind.UNCHANGED)


def test_a_shifted_quote_is_moved_with_its_context() -> None:
    text = FILLER + PHRASE + FILLER
    anchor = make_anchor(text, len(FILLER), len(FILLER) + len(PHRASE))
    new = "新增一句。" + text
    place = locate(anchor, new, anchor.start + 5)
    assert place == Placement(anchor.start + 5, anchor.end + 5, PlacementKind.MOVED)
    # Without the mapped position the context still finds it.
    assert locate(anchor, new) == place


def test_context_picks_the_right_repetition_over_the_nearest_one() -> None:
    text = "第一处：" + PHRASE + "，推动高质量发展。第二处：" + PHRASE + "，保障和改善民生。"
    second = text.rindex(PHRASE)
    anchor = make_anchor(text, second, second + len(PHRASE))
    new = "插入。" + text
    place = locate(anchor, new, expected=3 + text.index(PHRASE))  # mapping points at the first
    assert place.start == new.rindex(PHRASE)
    assert place.kind == PlacementKind.MOVED


def test_equal_context_ties_go_to_the_occurrence_nearest_the_expected_place() -> None:
    unit = "甲" + PHRASE + "乙"
    text = unit * 4
    anchor = Anchor(len(unit) * 2 + 1, len(unit) * 2 + 1 + len(PHRASE), PHRASE, "甲", "乙")
    new = "前" + text
    assert locate(anchor, new, anchor.start + 1).start == anchor.start + 1
    assert locate(anchor, new, len(unit) * 3 + 2).start == len(unit) * 3 + 2
    assert locate(anchor, new, 0).start == 2


def test_a_lone_occurrence_without_context_is_still_found() -> None:
    anchor = Anchor(40, 48, PHRASE, "原来的前文内容", "原来的后文内容")
    text = "完全不同的上下文，" + PHRASE + "，也不一样。"
    place = locate(anchor, text)
    assert (place.start, place.end) == (9, 17)
    assert place.kind == PlacementKind.MOVED


def test_a_reworded_quote_is_followed_with_its_new_words() -> None:
    old = FILLER + "稳步实施城中村改造和老旧小区改造" + FILLER
    start = len(FILLER)
    anchor = make_anchor(old, start, start + 16)
    new = FILLER + "稳步推进城中村改造和老旧小区改造" + FILLER
    place = locate(anchor, new, start)
    assert place == Placement(start, start + 16, PlacementKind.CHANGED)


def test_a_reworded_quote_found_next_to_its_moved_context() -> None:
    """The paragraph moved far away and was reworded: the prefix probe finds it."""
    old = "开头的内容。" + FILLER + "稳步实施城中村改造和老旧小区改造" + "。其余内容。"
    start = old.index("稳步")
    anchor = make_anchor(old, start, start + 16)
    new = "别的段落。" * 40 + FILLER + "稳步推进城中村改造和老旧小区改造" + "。其余内容。"
    place = locate(anchor, new, start)
    assert place.kind == PlacementKind.CHANGED
    assert new[place.start : place.end] == "稳步推进城中村改造和老旧小区改造"


def test_a_reworded_quote_found_before_its_moved_suffix() -> None:
    old = "稳步实施城中村改造和老旧小区改造" + "，切实改善群众居住条件。"
    anchor = make_anchor(old, 0, 16)
    new = "别的段落。" * 40 + "稳步推进城中村改造和老旧小区改造" + "，切实改善群众居住条件。"
    place = locate(anchor, new, 0)
    assert place.kind == PlacementKind.CHANGED
    assert new[place.start : place.end] == "稳步推进城中村改造和老旧小区改造"


def test_a_rewritten_sentence_loses_to_its_unchanged_words_elsewhere_only_with_context() -> None:
    """An exact copy without context must not beat a close match with its context."""
    sentence = "我们要加快建设现代化产业体系"
    old = "上文不变的部分，" + sentence + "，下文不变的部分。"
    start = old.index(sentence)
    anchor = make_anchor(old, start, start + len(sentence))
    edited = "上文不变的部分，我们要加快构建现代化产业体系，下文不变的部分。"
    new = edited + "别的段落。" * 30 + "附录：" + sentence + "。"
    place = locate(anchor, new, start)
    assert (place.start, place.kind) == (start, PlacementKind.CHANGED)


def test_too_many_edits_orphan_the_annotation_where_it_was() -> None:
    anchor = Anchor(12, 20, "推进城市更新行动", "前文", "后文")
    place = locate(anchor, "这段文字已经完全改写，没有一样的话。")
    assert place == Placement(12, 20, PlacementKind.ORPHANED)
    assert not place.found
    empty = Anchor(3, 3, "", "", "")
    assert locate(empty, "abc") == Placement(3, 3, PlacementKind.ORPHANED)


def test_a_short_quote_never_matches_fuzzily() -> None:
    three = Anchor(2, 5, "坚持住", "我们", "不放")
    assert locate(three, "我们坚持着不放").kind == PlacementKind.ORPHANED


def test_a_four_character_quote_may_have_one_edit_with_its_context() -> None:
    anchor = Anchor(6, 10, "城市更新", "今年要推进", "行动计划。")
    place = locate(anchor, "今年要推进城市改新行动计划。")
    assert (place.start, place.end, place.kind) == (5, 9, PlacementKind.CHANGED)


def test_reanchor_all_places_each_annotation_through_one_diff() -> None:
    old = "甲段：" + PHRASE + "。\n乙段：推动高质量发展。\n"
    new = "新段落。\n" + old
    second = old.index("推动")
    anchors = [make_anchor(old, 3, 3 + len(PHRASE)), make_anchor(old, second, second + 4)]
    places = reanchor_all(anchors, old, new)
    assert [(p.start, p.kind) for p in places] == [
        (3 + 5, PlacementKind.MOVED),
        (new.index("推动"), PlacementKind.MOVED),
    ]
    assert reanchor_all(anchors, old, old)[0].kind == PlacementKind.UNCHANGED
