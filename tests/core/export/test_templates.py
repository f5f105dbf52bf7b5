"""Templates: a golden file per preset, the Markdown preset equal to the plain renderer,
colour labels in the export's language, scopes, and user templates with clear errors.

Regenerate the golden files with ``PIZHU_UPDATE_GOLDEN=1 .venv/bin/python -m pytest
tests/core/export`` and review ``git diff tests/golden/``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from reader.core.export import markdown, templates
from reader.core.export.labels import labels_in
from reader.core.export.records import DocumentMeta, block_id, document_record
from reader.core.export.scope import ExportScope
from reader.core.export.service import ExportService
from reader.core.export.templates import TemplateError
from reader.core.ingest.model import OutlineEntry, Page
from reader.errors import UsageError
from tests.core.annotate.conftest import REPORT
from tests.core.export.conftest import STAMP, fix_uuids
from tests.core.export.test_markdown import check_golden


def render(library, template: str, scope: ExportScope, **options) -> str:  # type: ignore[no-untyped-def]
    text = ExportService(library.db, library.data_dir).render(
        scope, template, exported=STAMP, **options
    )
    return re.sub(r'"/[^"]*/src/', '"SRC/', re.sub(r":: /\S*/src/", ":: SRC/", text))


@pytest.mark.parametrize("preset", ["obsidian", "logseq"])
def test_golden_per_preset(library, report, preset: str) -> None:
    check_golden(f"{preset}_document.md", render(library, preset, ExportScope((report,))))


@pytest.mark.parametrize("preset", ["obsidian", "logseq"])
def test_golden_per_preset_across_documents(library, report, add_doc, preset: str) -> None:
    other = add_doc("# 另一份报告\n\n城市更新要稳步推进。\n", "other.md")
    library.annotations.create_from_quote(other, "城市更新", tags=["城市/更新"])
    fix_uuids(library)
    check_golden(f"{preset}_tag.md", render(library, preset, ExportScope(tag="城市")))


def test_obsidian_callouts_block_ids_tags_and_readable_links(library, report) -> None:
    text = render(library, "obsidian", ExportScope((report,)))
    anns = library.annotations.list(doc_ids=[report])
    assert re.findall(r"^\^(pz-[0-9a-f]{8})$", text, re.M) == [block_id(a.uuid) for a in anns]
    assert "> [!quote] 数据\n> 推动城市高质量发展\n" in text
    assert "#城市/更新" in text and "#重点_词" in text and "#重点 词" not in text
    assert "[一、总体要求 › （一）指导思想](pizhu://open?doc=1&pos=104)" in text
    assert "↗" not in text
    front = text.split("\n---\n", 1)[0]
    assert 'tags: ["政策/城市"]' in front and "doc_id: 1" in front
    tokens = MarkdownIt("commonmark").parse(text.split("\n---\n", 1)[1])
    assert [t.type for t in tokens].count("blockquote_open") == 4


def test_the_markdown_preset_is_the_plain_renderer(library, report, add_doc, reimport) -> None:
    """Today's export, unchanged: orphans, open fences and tricky quotes included."""
    library.annotations.create_from_quote(report, "统筹城市规划建设管理", note="```\n未闭合")
    library.annotations.create_from_quote(report, "加强老旧小区改造", note="  ")
    reimport(REPORT.replace("统筹城市规划建设管理，", ""))
    service = ExportService(library.db)
    info = library.documents.get(report)
    doc = service._export_document(info)
    anns = library.annotations.list(doc_ids=[report])
    expected = markdown.render_document(doc, anns, library.colors.labels(), STAMP)
    assert service.markdown_for(ExportScope((report,)), STAMP) == expected
    assert "orphaned: 1" in expected


def test_english_export_translates_default_labels_only(library, report) -> None:
    text = render(library, "markdown", ExportScope((report,)), lang="en")
    assert "· Yellow ·" in text and "\nGreen · " in text
    assert "· 数据 ·" in text  # the user's own label stays
    assert "黄色" not in text and "绿色" not in text
    mixed = {"yellow": "Yellow", "pink": "粉色", "blue": "Blue notes"}
    assert labels_in(mixed, "zh") == {"yellow": "黄色", "pink": "粉色", "blue": "Blue notes"}


def test_include_notes_off_leaves_notes_out(library, report) -> None:
    for preset in templates.BUILTINS:
        text = render(library, preset, ExportScope((report,)), include_notes=False)
        assert "核心目标" not in text and "推动城市高质量发展" in text, preset


def test_traditional_script_converts_quotes_not_notes(library, report) -> None:
    text = render(library, "obsidian", ExportScope((report,)), script="traditional")
    assert "> 推動城市高質量發展" in text and "核心目标" in text and "# 城市工作報告" in text


def test_link_text_reads_section_and_page() -> None:
    from reader.core.annotate.annotations import Annotation

    outline = (OutlineEntry(1, "第三部分", 10), OutlineEntry(2, "（二）", 20))
    doc = markdown.ExportDocument(7, "报告", None, (), outline, (Page("11", 0), Page("12", 25)))
    ann = Annotation(1, "1A2B3C4D-0000", 7, 30, 34, "引文", "", "", "yellow", "highlight", "",
                     "ok", STAMP, STAMP, None)  # fmt: skip
    early = Annotation(2, "ffff0000-1", 7, 2, 4, "开头", "", "", "yellow", "highlight", "",
                       "ok", STAMP, STAMP, None)  # fmt: skip
    record = document_record(doc, DocumentMeta(), [ann, early], {"yellow": "Yellow"}, {})
    first, second = record.placed
    assert (first.link_text, first.page, first.section_path) == ("p. 11", "11", ())
    assert second.link_text == "第三部分 › （二） · p. 12"
    assert second.block_id == "pz-1a2b3c4d" and second.color_label == "Yellow"
    assert [(h.title, h.nesting) for h in second.headings] == [("第三部分", 0), ("（二）", 1)]


def _quotes(library, scope: ExportScope) -> list[str]:  # type: ignore[no-untyped-def]
    docs = ExportService(library.db).records(scope)
    return [a.quote for d in docs for a in d.annotations]


def test_scopes_combine(library, report, add_doc) -> None:
    other = add_doc("# 另一份报告\n\n城市更新要稳步推进。\n", "other.md")
    extra, _ = library.annotations.create_from_quote(other, "稳步推进", color="blue")
    ids = [a.id for a in library.annotations.list(doc_ids=[report])]
    folder = library.collections.ensure_path("报告/其他")
    library.collections.add_document(folder, other)
    top = library.collections.ensure_path("报告")
    today = date.today()
    assert _quotes(library, ExportScope(tag="城市")) == ["推动城市高质量发展", "推进城市更新行动"]
    assert _quotes(library, ExportScope(color="数据")) == ["推动城市高质量发展", "稳步推进"]
    assert _quotes(library, ExportScope(annotation_ids=(ids[0], extra.id))) == [
        "城市工作", "稳步推进",
    ]  # fmt: skip
    assert _quotes(library, ExportScope(collection_id=top)) == ["稳步推进"]
    assert _quotes(library, ExportScope(collection_id=top, color="yellow")) == []
    assert len(_quotes(library, ExportScope(all=True))) == 5
    assert len(_quotes(library, ExportScope(since=today, until=today))) == 5
    assert _quotes(library, ExportScope(since=today + timedelta(days=1))) == []
    with pytest.raises(UsageError, match="ends .* before it starts"):
        ExportScope(since=today, until=today - timedelta(days=1)).check()


def test_user_templates_are_listed_extend_presets_and_fail_clearly(library, report) -> None:
    folder = templates.user_dir(library.data_dir)
    folder.mkdir()
    (folder / "short.md.j2").write_text(
        "{% for a in doc.annotations %}- {{ a.quote }} ({{ a.color_label }}, {{ a.link_text }})\n"
        "{% endfor %}",
        encoding="utf-8",
    )
    (folder / "obsidian.md.j2").write_text(
        '{% extends "obsidian" %}{% macro callout(a) %}X{% endmacro %}', encoding="utf-8"
    )
    (folder / "broken.md.j2").write_text("line 1\n{% for a in %}\n", encoding="utf-8")
    (folder / "typo.j2").write_text("{{ doc.titel }}", encoding="utf-8")
    (folder / "notes.txt").write_text("not a template", encoding="utf-8")
    names = [t.name for t in templates.available(library.data_dir)]
    assert names == ["markdown", "obsidian", "logseq", "broken", "user/obsidian", "short", "typo"]
    text = render(library, "short", ExportScope((report,)))
    assert text.splitlines()[1] == "- 推动城市高质量发展 (数据, 一、总体要求)"
    assert "# 城市工作报告" in render(library, "user/obsidian", ExportScope((report,)))
    with pytest.raises(TemplateError) as broken:
        render(library, "broken", ExportScope((report,)))
    assert str(broken.value).startswith(f"template {folder / 'broken.md.j2'}: line 2: ")
    with pytest.raises(TemplateError, match=r"typo\.j2: line 1: UndefinedError: .*titel"):
        render(library, "typo", ExportScope((report,)))
    with pytest.raises(UsageError, match="no template 'nope' .choose from markdown"):
        render(library, "nope", ExportScope((report,)))


def test_a_broken_template_writes_no_file(library, report, tmp_path: Path) -> None:
    folder = templates.user_dir(library.data_dir)
    folder.mkdir()
    (folder / "bad.md.j2").write_text("{{ 1 / 0 }}", encoding="utf-8")
    service = ExportService(library.db, library.data_dir)
    with pytest.raises(TemplateError, match="ZeroDivisionError"):
        service.export_markdown(ExportScope(all=True), tmp_path / "out", template="bad")
    assert not (tmp_path / "out").exists()


def test_all_into_a_markdown_file_writes_one_file(library, report, add_doc, tmp_path) -> None:
    other = add_doc("# 另一份报告\n\n城市更新要稳步推进。\n", "other.md")
    library.annotations.create_from_quote(other, "稳步推进")
    out = tmp_path / "notes.md"
    report_ = ExportService(library.db).export_markdown(ExportScope(all=True), out, STAMP)
    assert report_.files == [out] and report_.documents == 2 and out.is_file()
    text = out.read_text(encoding="utf-8")
    assert "## 城市工作报告" in text and "## 另一份报告" in text


def test_user_templates_run_in_the_sandbox(library, report) -> None:
    folder = templates.user_dir(library.data_dir)
    folder.mkdir()
    (folder / "escape.md.j2").write_text(
        "{{ doc.__class__.__init__.__globals__ }}", encoding="utf-8"
    )
    with pytest.raises(TemplateError, match=r"escape\.md\.j2: line 1: SecurityError"):
        render(library, "escape", ExportScope((report,)))
