"""Markdown export: golden files, literal quotes (checked with markdown-it-py), file names.

Regenerate the golden files after an intended change of the export shape with
``PIZHU_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/core/export``
and review the diff of ``tests/golden/`` before committing.
"""

from __future__ import annotations

import os

import pytest
from markdown_it import MarkdownIt

from reader.core.annotate.annotations import Annotation
from reader.core.export.filenames import safe_stem, unique_name
from reader.core.export.markdown import quote_block
from reader.core.export.service import ExportScope, ExportService
from reader.errors import UsageError
from tests.core.annotate.conftest import REPORT
from tests.core.export.conftest import GOLDEN, STAMP

TRICKY = [
    "用 *星号* 和 **加粗** 与 _下划线_",
    "# 不是标题",
    "> 不是引用",
    "[不是链接](http://example.com) 与 ![图](x.png)",
    "`代码` 和 ```围栏",
    "| 表 | 格 |\n| --- | --- |",
    "第一行\n第二行\n\n新段落",
    "<b>粗体</b> &amp; <!-- 注释 --> <http://auto.link>",
    "1. 不是列表\n- 也不是\n+ 更不是\n***\n===",
    "    缩进四格\n行尾反斜杠\\",
    "#标签 ==高亮== $数学$ %%注释%% ~~删除~~ [[维基]]",
    "　　全角缩进的段落　\n\n　　第二段",
    "尾随空格 \n\t制表符开头",
]


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("PIZHU_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8", newline="\n")
    assert text == path.read_text(encoding="utf-8"), f"differs from {path}"


def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def body_of(markdown: str) -> str:
    """Without the YAML front matter (which plain CommonMark would read as a heading)."""
    if markdown.startswith("---\n"):
        return markdown.split("\n---\n", 1)[1]
    return markdown


def blockquotes(markdown: str) -> list[str]:
    """The literal text of every blockquote, failing on any markup inside one."""
    tokens = parser().parse(body_of(markdown))
    found: list[str] = []
    depth = 0
    paragraphs: list[str] = []
    for token in tokens:
        if token.type == "blockquote_open":
            assert depth == 0, "nested blockquote"
            depth, paragraphs = 1, []
        elif token.type == "blockquote_close":
            depth = 0
            found.append("\n\n".join(paragraphs))
        elif depth and token.type == "inline":
            parts = []
            for child in token.children or []:
                assert child.type in ("text", "hardbreak", "softbreak"), child.type
                parts.append(child.content if child.type == "text" else "\n")
            paragraphs.append("".join(parts))
        elif depth:
            assert token.type in ("paragraph_open", "paragraph_close"), token.type
    return found


@pytest.mark.parametrize("text", TRICKY)
def test_quote_block_renders_literally(text: str) -> None:
    block = quote_block(text)
    assert all(line == ">" or line.startswith("> ") for line in block.split("\n"))
    assert blockquotes(block) == [text]


def make_doc(library, add_doc):  # type: ignore[no-untyped-def]
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
    return doc


def test_golden_single_document(library, add_doc, tmp_path) -> None:
    doc = make_doc(library, add_doc)
    text = ExportService(library.db).markdown_for(ExportScope((doc,)), STAMP)
    text = text.replace(str(tmp_path), "SRC")
    check_golden("annotations_document.md", text)
    tokens = parser().parse(body_of(text))
    headings = [t.markup for t in tokens if t.type == "heading_open"]
    assert headings == ["#", "##", "###", "##"]
    links = [t.attrs["href"] for t in tokens if t.children for t in t.children if t.attrs]
    assert links == [f"pizhu://open?doc={doc}&pos={p}" for p in (0, 49, 104, 138)]
    assert blockquotes(text) == [
        "城市工作", "推动城市高质量发展", "完整准确全面贯彻新发展理念", "推进城市更新行动",
    ]  # fmt: skip


def test_golden_by_tag_across_documents(library, add_doc, tmp_path) -> None:
    make_doc(library, add_doc)
    other = add_doc("# 另一份报告\n\n城市更新要稳步推进。\n", "other.md")
    library.annotations.create_from_quote(other, "城市更新", tags=["城市/更新"])
    text = ExportService(library.db).markdown_for(ExportScope(tag="城市"), STAMP)
    check_golden("annotations_tag.md", text)
    assert blockquotes(text) == ["推动城市高质量发展", "推进城市更新行动", "城市更新"]


def test_tricky_quotes_round_trip_through_a_document(library, add_doc) -> None:
    body = "\n\n".join(t.replace("\n", "") for t in TRICKY)
    doc = add_doc("说明\n\n" + body + "\n", "tricky.txt")
    text = library.documents.text(doc)
    quotes = [p for p in text.rstrip("\n").split("\n\n") if p != "说明"]
    spans = []
    for quote in quotes:
        start = text.index(quote)
        library.annotations.create(doc, start, start + len(quote))
        spans.append(text[start : start + len(quote)])
    multi_start = text.index(quotes[0])
    multi_end = text.index(quotes[2]) + len(quotes[2])
    library.annotations.create(doc, multi_start, multi_end, note="跨段")
    exported = ExportService(library.db).markdown_for(ExportScope((doc,)), STAMP)
    expected = sorted(
        [(text.index(q), len(q), q) for q in spans]
        + [(multi_start, multi_end - multi_start, text[multi_start:multi_end])]
    )
    assert blockquotes(exported) == [q for _, _, q in expected]


def test_an_open_code_fence_in_a_note_is_closed(library, add_doc) -> None:
    doc = add_doc(REPORT)
    library.annotations.create_from_quote(doc, "城市工作", note="代码：\n```python\nx = 1")
    library.annotations.create_from_quote(doc, "推进城市更新行动", note="~~~\nok\n~~~")
    text = ExportService(library.db).markdown_for(ExportScope((doc,)), STAMP)
    assert blockquotes(text) == ["城市工作", "推进城市更新行动"]
    assert "x = 1\n```\n" in text and "~~~\nok\n~~~\n" in text


def test_orphans_get_their_own_section(library, add_doc, reimport) -> None:
    doc = add_doc(REPORT)
    library.annotations.create_from_quote(doc, "统筹城市规划建设管理")
    reimport(REPORT.replace("统筹城市规划建设管理，", ""))
    text = ExportService(library.db).markdown_for(ExportScope((doc,)), STAMP)
    assert "## 未能定位的批注 (orphaned)" in text
    assert "orphaned: 1" in text


def test_re_export_replaces_the_file(library, add_doc, tmp_path) -> None:
    doc = make_doc(library, add_doc)
    out = tmp_path / "out.md"
    service = ExportService(library.db)
    service.export_markdown(ExportScope((doc,)), out, STAMP)
    first = out.read_text(encoding="utf-8")
    service.export_markdown(ExportScope((doc,)), out, STAMP)
    assert out.read_text(encoding="utf-8") == first
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".pizhu")] == []


def test_folder_export_never_overwrites_someone_elses_file(library, add_doc, tmp_path) -> None:
    one = add_doc("# 同名/报告\n\n第一份。\n", "a.md")
    two = add_doc("# 同名/报告\n\n第二份。\n", "b.md")
    three = add_doc("# CON\n\n第三份。\n", "c.md")
    for doc in (one, two, three):
        library.annotations.create(doc, 0, 2)
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "同名_报告.md").write_text("my own notes", encoding="utf-8")
    service = ExportService(library.db)
    report = service.export_markdown(ExportScope(all=True), folder, STAMP)
    names = sorted(p.name for p in report.files)
    assert names == ["_CON.md", "同名_报告 (1).md", "同名_报告 (2).md"]
    assert (folder / "同名_报告.md").read_text(encoding="utf-8") == "my own notes"
    again = service.export_markdown(ExportScope(all=True), folder, STAMP)
    assert sorted(p.name for p in again.files) == names
    assert len(list(folder.iterdir())) == 4


def test_scope_is_required(library) -> None:
    with pytest.raises(UsageError, match="say what to export"):
        ExportService(library.db).markdown_for(ExportScope())


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("2024/3 报告: 城市?", "2024_3 报告_ 城市_"),
        ("..", "document"),
        ("../../etc/passwd", "_.._etc_passwd"),
        ("a\x00b\x1fc", "a_b_c"),
        ("nul.txt", "_nul.txt"),
        ("LPT9", "_LPT9"),
        ("  名字.  ", "名字"),
        ("长" * 200, "长" * 66),
    ],
)
def test_safe_stem(title: str, stem: str) -> None:
    assert safe_stem(title) == stem


def test_unique_name_is_case_insensitive() -> None:
    taken: set[str] = set()
    assert unique_name("Report", ".md", taken, "1") == "Report.md"
    assert unique_name("report", ".md", taken, "2") == "report (2).md"
    assert unique_name("REPORT", ".md", taken, "2") == "REPORT (2-2).md"


def test_annotation_type_is_exported() -> None:
    assert Annotation.__dataclass_fields__["tags"].default == ()
