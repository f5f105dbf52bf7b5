"""Export tests use the annotate tests' library helpers and one annotated report."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.library import Library
from tests.core.annotate.conftest import REPORT, add_doc, reimport  # noqa: F401 — fixtures

STAMP = "2026-01-02T03:04:05+00:00"
GOLDEN = Path(__file__).parents[2] / "golden"


def make_doc(library: Library, add_doc) -> int:  # type: ignore[no-untyped-def]  # noqa: F811
    """The report with four live annotations (tags, a note, an underline), one in the
    trash, a relabelled colour and a document tag; UUIDs fixed so block ids are stable."""
    doc = add_doc(REPORT)
    service = library.annotations
    service.create_from_quote(doc, "城市工作", tags=["总/标题"])
    service.create_from_quote(doc, "推动城市高质量发展", note="核心目标。\n\n- 宜居\n- 韧性",
                              tags=["城市/发展", "重点 词"], color="blue")  # fmt: skip
    service.create_from_quote(doc, "完整准确全面贯彻新发展理念", style="underline", color="green")
    service.create_from_quote(doc, "推进城市更新行动", tags=["城市/更新"])
    gone, _ = service.create_from_quote(doc, "提升城市治理现代化水平")
    service.delete(gone.id)
    library.colors.set_label("blue", "数据")
    library.tags.tag_document(doc, ["政策/城市"])
    fix_uuids(library)
    return doc


def fix_uuids(library: Library) -> None:
    library.db.execute(
        "UPDATE annotations SET uuid = printf('%08x-1a2b-4c3d-8e4f-000000000000', id * 4097)"
    )
    library.db.conn.commit()


@pytest.fixture
def report(library: Library, add_doc) -> int:  # type: ignore[no-untyped-def]  # noqa: F811
    return make_doc(library, add_doc)
