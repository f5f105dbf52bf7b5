"""What a workspace row says beside its quote: tags, document, section, page, dates."""

from __future__ import annotations

from reader.core.annotate.annotations import Annotation
from reader.core.annotate.query import WorkspaceRow
from reader.ui.workspace.delegate import dates_text, meta_line


def row(section: str | None, page: str | None, updated: str) -> WorkspaceRow:
    ann = Annotation(
        1, "u", 1, 0, 4, "城市更新", "", "", "blue", "highlight", "", "ok",
        "2026-11-30T09:00:00+00:00", updated, None, ("城市/更新", "数据"),
    )  # fmt: skip
    return WorkspaceRow(ann, "城市工作报告", section, page, "#8ec5f2", "蓝色")


def test_meta_line_drops_the_title_heading_and_adds_the_page(qapp) -> None:
    r = row("城市工作报告 > 二、重点任务 > （一）", "12", "2026-11-30T09:00:00+00:00")
    assert meta_line(r) == "#城市/更新 #数据  ·  城市工作报告  ·  二、重点任务 › （一）  ·  p. 12"
    assert meta_line(row(None, None, "x")) == "#城市/更新 #数据  ·  城市工作报告"


def test_dates_say_when_it_was_edited(qapp) -> None:
    assert dates_text(row(None, None, "2026-11-30T18:00:00+00:00")) == "2026-11-30"
    assert dates_text(row(None, None, "2026-12-02T08:00:00+00:00")) == (
        "2026-11-30, edited 2026-12-02"
    )
