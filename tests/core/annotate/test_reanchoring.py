"""Re-anchoring with real edits, through the importer as the app does it."""

from __future__ import annotations

import random

from reader.core.annotate.anchoring import (
    Anchor,
    OffsetMap,
    PlacementKind,
    _best_end,
    locate,
    make_anchor,
)
from reader.core.check import check_database
from tests.core.annotate.conftest import REPORT

INSERTED = (
    "## 零、背景\n\n这是新插入的一段，讲城市发展的历史背景。\n\n"
    "又一段新内容：城市是人民的城市。\n\n"
)


def assert_in_place(library, ann) -> None:  # type: ignore[no-untyped-def]
    text = library.documents.text(ann.doc_id)
    assert text[ann.start : ann.end] == ann.quote
    assert ann.prefix == text[max(0, ann.start - 32) : ann.start]
    assert ann.suffix == text[ann.end : ann.end + 32]


def test_paragraphs_inserted_before_the_quote(library, add_doc, reimport) -> None:
    doc = add_doc(REPORT)
    ann, _ = library.annotations.create_from_quote(doc, "推进城市更新行动", note="n")
    untouched, _ = library.annotations.create_from_quote(doc, "城市工作报告")
    result = reimport(REPORT.replace("## 一、总体要求\n\n", "## 一、总体要求\n\n" + INSERTED))
    assert result.status == "updated"
    assert result.details == {"moved": 1, "changed": 0, "orphaned": 0}
    moved = library.annotations.get(ann.id)
    assert moved.quote == "推进城市更新行动" and moved.start > ann.start and moved.status == "ok"
    assert moved.note == "n" and moved.uuid == ann.uuid
    assert_in_place(library, moved)
    assert library.annotations.get(untouched.id).start == 0
    assert check_database(library.db) == []


def test_quote_sentence_lightly_reworded(library, add_doc, reimport) -> None:
    doc = add_doc(REPORT)
    ann, _ = library.annotations.create_from_quote(doc, "稳步实施城中村改造，加强老旧小区改造")
    edited = REPORT.replace(
        "稳步实施城中村改造，加强老旧小区改造", "稳步推进城中村改造，加强老旧小区的改造"
    )
    result = reimport(INSERTED + edited)
    assert result.details == {"moved": 0, "changed": 1, "orphaned": 0}
    changed = library.annotations.get(ann.id)
    assert changed.quote == "稳步推进城中村改造，加强老旧小区的改造"
    assert changed.status == "ok"
    assert_in_place(library, changed)


def test_same_phrase_repeated_ten_times(library, add_doc, reimport) -> None:
    template = "第{n}条：各地区各部门要坚持稳中求进工作总基调，做好第{n}项工作。"
    paragraphs = [template.format(n=n) for n in range(10)]
    doc = add_doc("# 通知\n\n" + "\n\n".join(paragraphs) + "\n")
    ann, _ = library.annotations.create_from_quote(doc, "坚持稳中求进", occurrence=7)
    assert ann.prefix.endswith("第6条：各地区各部门要")
    # A new paragraph with the same phrase at the top, and one more in the middle.
    paragraphs.insert(0, "总则：坚持稳中求进，坚持稳中求进，坚持稳中求进。")
    paragraphs.insert(5, "补充：各地区各部门要坚持稳中求进工作总基调，做好补充工作。")
    result = reimport("# 通知\n\n" + "\n\n".join(paragraphs) + "\n")
    assert result.details == {"moved": 1, "changed": 0, "orphaned": 0}
    placed = library.annotations.get(ann.id)
    assert_in_place(library, placed)
    assert placed.prefix.endswith("第6条：各地区各部门要")


def test_identical_repetitions_are_told_apart_by_position(library, add_doc, reimport) -> None:
    sentence = "各地区各部门要坚持稳中求进工作总基调。"
    doc = add_doc("# 通知\n\n" + "\n\n".join([sentence] * 10) + "\n")
    ann, _ = library.annotations.create_from_quote(doc, "稳中求进", occurrence=7)
    text = "# 通知\n\n" + "\n\n".join(["新的开头段落。", *[sentence] * 10]) + "\n"
    reimport(text)
    placed = library.annotations.get(ann.id)
    body = library.documents.text(doc)
    occurrences = [i for i in range(len(body)) if body.startswith("稳中求进", i)]
    assert placed.start == occurrences[6]


def test_lost_quote_is_orphaned_then_found_again(library, add_doc, reimport) -> None:
    doc = add_doc(REPORT)
    ann, _ = library.annotations.create_from_quote(doc, "统筹城市规划建设管理", tags=["t"])
    without = REPORT.replace("统筹城市规划建设管理，提升城市治理现代化水平。\n", "")
    assert reimport(without).details == {"moved": 0, "changed": 0, "orphaned": 1}
    orphan = library.annotations.get(ann.id)
    assert orphan.status == "orphaned" and orphan.quote == ann.quote and orphan.tags == ("t",)
    assert [a.id for a in library.annotations.list(orphaned=True)] == [ann.id]
    assert [a.id for a in library.annotations.list_for_document(doc)] == [ann.id]
    assert 0 <= orphan.start < orphan.end <= len(library.documents.text(doc))
    assert check_database(library.db) == []
    assert reimport(REPORT).details == {"moved": 1, "changed": 0, "orphaned": 0}
    back = library.annotations.get(ann.id)
    assert back.status == "ok" and (back.start, back.end) == (ann.start, ann.end)


def test_context_is_refreshed_when_only_the_surroundings_change(
    library, add_doc, reimport
) -> None:
    doc = add_doc(REPORT)
    ann, _ = library.annotations.create_from_quote(doc, "统筹城市规划建设管理")
    result = reimport(REPORT.replace("提升城市治理现代化水平", "提升治理能力"))
    assert result.details == {"moved": 0, "changed": 0, "orphaned": 0}
    again = library.annotations.get(ann.id)
    assert (again.start, again.end) == (ann.start, ann.end)
    assert again.suffix.startswith("，提升治理能力。")
    assert_in_place(library, again)


def test_trashed_annotations_follow_the_text_too(library, add_doc, reimport) -> None:
    doc = add_doc(REPORT)
    ann, _ = library.annotations.create_from_quote(doc, "推进城市更新行动")
    library.annotations.delete(ann.id)
    reimport(INSERTED + REPORT)
    restored, _ = library.annotations.restore(ann.id)
    assert_in_place(library, restored)


def test_documents_without_annotations_report_nothing(library, add_doc, reimport) -> None:
    add_doc(REPORT)
    assert reimport(INSERTED + REPORT).details is None


def test_progress_follows_the_text(library, add_doc, reimport) -> None:
    doc = add_doc(REPORT)
    offset = library.documents.text(doc).index("推进城市更新行动")
    library.progress.set(doc, offset)
    reimport(REPORT.replace("## 一、总体要求\n\n", "## 一、总体要求\n\n" + INSERTED))
    text = library.documents.text(doc)
    assert text[library.progress.get(doc).offset :].startswith("推进城市更新行动")


# -- the algorithm on its own ----------------------------------------------------------


def test_unchanged_text_is_a_fast_exact_hit() -> None:
    text = "甲乙丙丁戊己庚辛壬癸" * 5
    anchor = make_anchor(text, 12, 15)
    assert locate(anchor, text) == locate(anchor, text, 12)
    assert locate(anchor, text).kind == PlacementKind.UNCHANGED


def test_short_quotes_are_never_fuzzy_matched() -> None:
    anchor = make_anchor("我们要坚持下去。", 3, 5)  # "坚持"
    assert locate(anchor, "我们要坚决下去。").kind == PlacementKind.ORPHANED


def test_fuzzy_tolerates_small_edits_only() -> None:
    old = "前文若干。推动经济高质量发展取得新成效。后文若干。"
    anchor = make_anchor(old, 5, 19)
    light = locate(anchor, "前文若干。推动经济高质量的发展取得了新成效。后文若干。")
    assert light.kind == PlacementKind.CHANGED
    heavy = locate(anchor, "前文若干。完全不同的一句话放在这里了。后文若干。")
    assert heavy.kind == PlacementKind.ORPHANED


def test_long_quotes_are_matched_by_head_and_tail() -> None:
    para = "".join(f"第{n}句说明城市更新的重要意义。" for n in range(30))
    old = "开头。" + para + "结尾。"
    anchor = make_anchor(old, 3, 3 + len(para))
    new = "新的开头段落。" + para.replace("第15句", "第十五句") + "结尾。"
    place = locate(anchor, new, OffsetMap(old, new).map(3))
    assert place.kind == PlacementKind.CHANGED
    assert new[place.start : place.end].startswith("第0句") and new[place.end :] == "结尾。"


def test_offset_map_carries_positions_through_inserted_lines() -> None:
    old = "一\n二\n三\n"
    new = "零\n一\n二\n新\n三\n"
    mapping = OffsetMap(old, new)
    assert [new[mapping.map(old.index(ch))] for ch in "一二三"] == ["一", "二", "三"]


def test_bit_parallel_search_agrees_with_the_textbook_table() -> None:
    def table(pattern: str, window: str) -> tuple[int | None, int]:
        prev, best = list(range(len(pattern) + 1)), (None, len(pattern))
        for j, ch in enumerate(window, 1):
            cur = [0]
            for i in range(1, len(pattern) + 1):
                cur.append(min(prev[i - 1] + (pattern[i - 1] != ch), prev[i] + 1, cur[-1] + 1))
            if cur[-1] < best[1]:
                best = (j, cur[-1])
            prev = cur
        return best

    rng = random.Random(7)
    for _ in range(300):
        pattern = "".join(rng.choice("城市更新") for _ in range(rng.randrange(1, 80)))
        window = "".join(rng.choice("城市更新行动") for _ in range(rng.randrange(0, 100)))
        assert _best_end(pattern, window) == table(pattern, window)


def test_empty_quote_is_orphaned() -> None:
    assert locate(Anchor(0, 1, "", "", ""), "abc").kind == PlacementKind.ORPHANED
    assert PlacementKind.MOVED != PlacementKind.CHANGED
