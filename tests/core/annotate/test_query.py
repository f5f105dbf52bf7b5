"""AnnotationQuery: every workspace filter alone and combined, sorts, folding, rows."""

from __future__ import annotations

import pytest

from reader.core.annotate.query import AnnotationFilter, AnnotationQuery, search_terms
from reader.errors import UsageError
from tests.core.annotate.conftest import REPORT

OTHER = """# 國務院關於數據工作的通知

各地區要加強ＧＤＰ統計和數據治理。城市更新要穩步推進。
"""


@pytest.fixture
def two_docs(library, add_doc):  # type: ignore[no-untyped-def]
    """Report (simplified) and a traditional notice; five annotations of every kind."""
    report = add_doc(REPORT, "report.md")
    notice = add_doc(OTHER, "notice.md")
    coll = library.collections.ensure_path("报告")
    sub = library.collections.ensure_path("报告/地方")
    library.collections.add_document(sub, notice)
    svc = library.annotations
    a, _ = svc.create_from_quote(report, "稳中求进", color="yellow", tags=["城市/更新"])
    b, _ = svc.create_from_quote(
        report, "城中村改造", color="blue", note="重点：改造", tags=["城市"]
    )
    c, _ = svc.create_from_quote(report, "城市治理", color="green", style="underline")
    d, _ = svc.create_from_quote(notice, "數據治理", color="blue", tags=["数据"])
    e, _ = svc.create_from_quote(notice, "ＧＤＰ統計", color="pink", note="GDP 口径")
    return {"report": report, "notice": notice, "coll": coll, "sub": sub,
            "a": a.id, "b": b.id, "c": c.id, "d": d.id, "e": e.id}  # fmt: skip


def ids(library, **kw) -> list[int]:  # type: ignore[no-untyped-def]
    return AnnotationQuery(library.db).ids(AnnotationFilter(**kw))


def test_no_filter_lists_everything_in_reading_order(library, two_docs) -> None:
    t = two_docs
    # 國務院… sorts before 城市… by code point; within a document, by position.
    assert ids(library) == [t["e"], t["d"], t["a"], t["b"], t["c"]]


def test_tag_includes_sub_tags(library, two_docs) -> None:
    t = two_docs
    assert ids(library, tag="城市") == [t["a"], t["b"]]
    assert ids(library, tag="城市/更新") == [t["a"]]
    assert ids(library, tag="城") == []  # a prefix of a name is not a parent tag


def test_colour_style_note_and_orphaned(library, two_docs) -> None:
    t = two_docs
    assert ids(library, colors=("blue",)) == [t["d"], t["b"]]
    assert set(ids(library, colors=("blue", "pink"))) == {t["b"], t["d"], t["e"]}
    assert ids(library, style="underline") == [t["c"]]
    assert ids(library, has_note=True) == [t["e"], t["b"]]
    assert len(ids(library, has_note=False)) == 3
    library.db.execute("UPDATE annotations SET status = 'orphaned' WHERE id = ?", [t["c"]])
    assert ids(library, orphaned=True) == [t["c"]]
    assert t["c"] not in ids(library, orphaned=False)


def test_collection_includes_sub_collections_and_documents(library, two_docs) -> None:
    t = two_docs
    assert ids(library, collection_id=t["coll"]) == [t["e"], t["d"]]
    assert ids(library, collection_id=t["sub"]) == [t["e"], t["d"]]
    assert ids(library, doc_ids=(t["report"],)) == [t["a"], t["b"], t["c"]]


def test_date_range_is_inclusive_days(library, two_docs) -> None:
    t = two_docs
    library.db.execute("UPDATE annotations SET created_at = '2026-11-20T10:00:00+00:00'")
    library.db.execute(
        "UPDATE annotations SET created_at = '2026-12-01T23:59:00+00:00' WHERE id = ?", [t["b"]]
    )
    assert ids(library, since="2026-12-01") == [t["b"]]
    assert ids(library, until="2026-11-30") == [t["e"], t["d"], t["a"], t["c"]]
    assert ids(library, since="2026-11-20", until="2026-11-20", tag="城市") == [t["a"]]
    with pytest.raises(UsageError, match="2026-12-01"):
        ids(library, since="last week")


def test_text_folds_script_and_width_and_searches_notes(library, two_docs) -> None:
    t = two_docs
    assert ids(library, text="数据治理") == [t["d"]]  # simplified finds 數據治理
    assert ids(library, text="gdp统计") == [t["e"]]  # ＧＤＰ統計: width, case, script
    assert ids(library, text="口径") == [t["e"]]  # in the note
    assert ids(library, text="改造") == [t["b"]]  # quote and note: listed once
    assert ids(library, text="城中村 重点") == [t["b"]]  # every word must occur
    assert ids(library, text="城中村 不在") == []
    assert ids(library, text='"城中村改造"') == [t["b"]]


def test_filters_combine(library, two_docs) -> None:
    t = two_docs
    assert ids(library, colors=("blue",), text="治理") == [t["d"]]
    assert ids(library, colors=("blue",), tag="城市", has_note=True) == [t["b"]]
    assert ids(library, collection_id=t["coll"], colors=("yellow",)) == []


def test_sorts(library, two_docs) -> None:
    t = two_docs
    for n, key in enumerate("abcde"):
        library.db.execute(
            "UPDATE annotations SET created_at = ?, updated_at = ? WHERE id = ?",
            [f"2026-12-0{n + 1}T00:00:00+00:00", f"2026-11-0{9 - n}T00:00:00+00:00", t[key]],
        )
    assert ids(library, sort="created") == [t["e"], t["d"], t["c"], t["b"], t["a"]]
    assert ids(library, sort="updated") == [t["a"], t["b"], t["c"], t["d"], t["e"]]
    # palette order: yellow, green, blue, pink; blue ones in reading order
    assert ids(library, sort="color") == [t["a"], t["c"], t["d"], t["b"], t["e"]]
    with pytest.raises(UsageError, match="unknown sort"):
        ids(library, sort="size")


def test_trashed_annotations_are_not_listed(library, two_docs) -> None:
    t = two_docs
    library.annotations.delete(t["b"])
    assert t["b"] not in ids(library)
    assert ids(library, trashed=True) == [t["b"]]


def test_rows_carry_title_section_page_and_colour(library, two_docs) -> None:
    t = two_docs
    query = AnnotationQuery(library.db)
    row = query.rows([t["b"]])[0]
    assert row.title == "城市工作报告" and row.annotation.quote == "城中村改造"
    assert row.section == "城市工作报告 > 二、重点任务"
    assert row.page is None
    assert (row.color_hex, row.color_label) == ("#8ec5f2", "蓝色")
    library.db.execute(
        "INSERT INTO pages (doc_id, seq, label, start) VALUES (?, 0, 'iv', 0), (?, 1, '12', 120)",
        [t["report"], t["report"]],
    )
    assert query.rows([t["b"]])[0].page == "12"
    assert query.rows([t["a"]])[0].page == "iv"
    assert [r.annotation.id for r in query.rows([t["c"], 999_999, t["a"]])] == [t["c"], t["a"]]


def test_edited_note_is_found_after_a_search_cached_the_old_one(library, two_docs) -> None:
    t = two_docs
    query = AnnotationQuery(library.db)
    assert query.ids(AnnotationFilter(text="新说法")) == []
    library.annotations.update(t["a"], note="新說法")
    assert query.ids(AnnotationFilter(text="新说法")) == [t["a"]]


def test_search_terms() -> None:
    assert search_terms(' 國務院  "ＧＤＰ 統計" ') == ["国务院", "gdp 统计"]
    assert search_terms('""  ') == []
