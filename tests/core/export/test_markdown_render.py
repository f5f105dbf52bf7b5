"""The plain Markdown renderer piece by piece: escaping, fences, the metadata line, section
headings (nesting, the title entry, the level cap), reading order, orphans and counts.

The built-in ``markdown`` template must print exactly what these functions print
(``test_templates.py`` and the last test here compare the two on real libraries).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from reader.core.annotate.annotations import Annotation, AnnotationStatus
from reader.core.export.markdown import (
    ExportDocument,
    close_fences,
    counts,
    escape_inline,
    escape_line,
    front_matter,
    obsidian_tag,
    quote_block,
    render_annotation,
    render_body,
    render_document,
    render_many,
    title_entry,
)
from reader.core.export.scope import ExportScope
from reader.core.export.service import ExportService
from reader.core.ingest.model import OutlineEntry, Page
from tests.core.export.conftest import STAMP


def ann(id: int, start: int, quote: str = "引文", **fields: object) -> Annotation:
    base = Annotation(id, f"uuid-{id}", 3, start, start + len(quote), quote, "", "", "yellow",
                      "highlight", "", AnnotationStatus.OK, STAMP, STAMP, None)  # fmt: skip
    return replace(base, **fields)  # type: ignore[arg-type]


LABELS = {"yellow": "黄色"}


def test_escape_inline_escapes_every_special_character() -> None:
    specials = "\\`*_[]<>#|~&$=%!^{}"
    assert escape_inline(specials) == "".join("\\" + ch for ch in specials)
    assert escape_inline("城市 (2024) + - . 1") == "城市 (2024) + - . 1"


@pytest.mark.parametrize(
    ("line", "escaped"),
    [
        ("+ 加号", "\\+ 加号"),
        ("-减号", "\\-减号"),
        ("1) 第一", "1\\) 第一"),
        ("123456789. 九位", "123456789\\. 九位"),
        ("2024.3 不是列表", "2024\\.3 不是列表"),
        ("a - b", "a - b"),
        (" \u3000x \t", "&#32;&#12288;x&#32;&#9;"),
    ],
)
def test_escape_line(line: str, escaped: str) -> None:
    assert escape_line(line) == escaped


def test_quote_block_lines_and_blank_lines() -> None:
    assert quote_block("\n\n引文\n\n") == "> 引文"
    assert quote_block("X光\nX") == "> X光\\\n> X"
    assert quote_block("一\n \t\n二") == "> 一\n>\n> 二"
    assert quote_block("XX\n\nX") == "> XX\n>\n> X"
    # Only spaces and tabs make a line blank: a line of ideographic spaces is text.
    assert quote_block("一\n\u3000\n二") == "> 一\\\n> &#12288;\\\n> 二"


@pytest.mark.parametrize(
    ("tag", "written"),
    [
        ("城市/更新", "#城市/更新"),
        ("重点 词", "#重点_词"),
        ("C++", "#C__"),
        ("a-b_c", "#a-b_c"),
        ("2024", "#_2024"),
        ("2024/03", "#_2024/03"),
        ("2024年", "#2024年"),
    ],
)
def test_obsidian_tag(tag: str, written: str) -> None:
    assert obsidian_tag(tag) == written


def test_front_matter_is_json_per_key() -> None:
    assert front_matter({"title": "城市\"报告\"", "n": 2, "tags": ["a"]}) == (
        '---\ntitle: "城市\\"报告\\""\nn: 2\ntags: ["a"]\n---'
    )


@pytest.mark.parametrize(
    ("note", "closed"),
    [
        ("```\nx\n```", "```\nx\n```"),
        ("```\nx\n````", "```\nx\n````"),  # a longer fence closes
        ("````\nx\n```", "````\nx\n```\n````"),  # a shorter one does not
        ("```\nx\n~~~", "```\nx\n~~~\n```"),  # nor one of the other character
        ("```\nx\n```python", "```\nx\n```python\n```"),  # nor one with an info string
        ("```\nx\n```  ", "```\nx\n```  "),
        ("说明\n~~~\nx", "说明\n~~~\nx\n~~~"),
        ("```\n```\n~~~~\n", "```\n```\n~~~~\n\n~~~~"),  # a second fence opens again
        ("    ```\nx", "    ```\nx"),  # four spaces: code, not a fence
        ("没有代码", "没有代码"),
    ],
)
def test_close_fences(note: str, closed: str) -> None:
    assert close_fences(note) == closed


def test_the_metadata_line() -> None:
    plain = ann(1, 5)
    assert render_annotation(plain, LABELS) == (
        "> 引文\n\n黄色 · [↗ 5](pizhu://open?doc=3&pos=5)"
    )
    # A colour the labels do not know prints its key; a page prints escaped.
    odd = ann(2, 6, color="teal", note="\n\nXML 格式\n\n", tags=("甲", "乙"))
    assert render_annotation(odd, LABELS, "iv_2") == (
        "> 引文\n\nXML 格式\n\n#甲 #乙 · teal · p. iv\\_2 · [↗ 6](pizhu://open?doc=3&pos=6)"
    )
    indented = ann(4, 8, note="\n    x = 1  \n")  # an indented code block, a hard break
    assert render_annotation(indented, LABELS).split("\n\n")[1] == "    x = 1  "
    blank = ann(3, 7, note=" \n ")
    assert render_annotation(blank, {"yellow": " 重点 "}) == (
        "> 引文\n\n重点 · [↗ 7](pizhu://open?doc=3&pos=7)"
    )


def test_pages_name_the_page_of_each_annotation() -> None:
    doc = ExportDocument(3, "书", None, (), (), (Page("i", 0), Page("1", 10), Page("2", 20)))
    body = render_body(doc, [ann(1, 25), ann(2, 0), ann(3, 10)], LABELS)
    assert [line.split(" · ")[1] for line in body.split("\n") if "↗" in line] == [
        "p. i", "p. 1", "p. 2",
    ]  # fmt: skip
    assert doc.page_at(9) == "i" and ExportDocument(3, "书", None, (), ()).page_at(9) is None


def headings(body: str) -> list[str]:
    return [line for line in body.split("\n") if line.startswith("#")]


def test_sections_open_once_and_nest() -> None:
    outline = (
        OutlineEntry(1, "报告", 0),
        OutlineEntry(2, "一", 10),
        OutlineEntry(3, "（一）", 20),
        OutlineEntry(2, "二", 30),
        OutlineEntry(3, "（一）", 40),
    )
    doc = ExportDocument(3, "报告", None, (), outline)
    assert title_entry(doc) == 0
    anns = [ann(1, 12), ann(2, 15), ann(3, 20, "（一）"), ann(4, 31), ann(5, 45), ann(6, 2)]
    body = render_body(doc, anns, LABELS)
    assert headings(body) == ["# 报告", "## 一", "### （一）", "## 二", "### （一）"]
    assert body.index("pos=2)") < body.index("## 一") < body.index("pos=12)")
    assert body.index("pos=15)") < body.index("### （一）") < body.index("pos=20)")
    # Nested one level deeper under an export's "# title" with each document "##".
    assert headings(render_body(doc, anns[:3], LABELS, top=2)) == [
        "## 报告", "### 一", "#### （一）",
    ]  # fmt: skip


def test_a_title_entry_that_is_not_the_title_is_a_section() -> None:
    renamed = ExportDocument(3, "新名字", None, (), (OutlineEntry(1, "旧名字", 0),))
    assert title_entry(renamed) is None
    assert headings(render_body(renamed, [ann(1, 3)], LABELS)) == ["# 新名字", "## 旧名字"]
    later = ExportDocument(3, "报告", None, (), (OutlineEntry(1, "报告", 5),))
    assert title_entry(later) is None
    assert headings(render_body(later, [ann(1, 6)], LABELS)) == ["# 报告", "## 报告"]
    assert title_entry(ExportDocument(3, "报告", None, (), ())) is None


def test_heading_levels_stop_at_six() -> None:
    outline = tuple(OutlineEntry(level, f"h{level}", level * 10) for level in range(1, 8))
    doc = ExportDocument(3, "深", None, (), outline)
    body = render_body(doc, [ann(1, 75), ann(3, 78)], LABELS)
    assert headings(body) == [
        "# 深", "## h1", "### h2", "#### h3", "##### h4", "###### h5", "###### h6", "###### h7",
    ]  # fmt: skip
    orphan = ann(2, 0, status=AnnotationStatus.ORPHANED)
    assert headings(render_body(doc, [orphan], LABELS, top=5))[-1] == (
        "###### 未能定位的批注 (orphaned)"
    )
    assert headings(render_body(doc, [orphan], LABELS, top=6))[-1] == (
        "###### 未能定位的批注 (orphaned)"
    )


def test_reading_order_and_orphans_last() -> None:
    doc = ExportDocument(3, "报告", None, (), ())
    anns = [
        ann(4, 5, "引文甲乙"),
        ann(2, 5, "引文", note="二号"),
        ann(1, 5, "引文", note="一号"),
        ann(9, 0, "孤儿", status=AnnotationStatus.ORPHANED),
        ann(3, 1),
    ]
    body = render_body(doc, anns, LABELS)
    order = [int(line.split("]")[0].split(" ")[-1]) for line in body.split("\n") if "↗" in line]
    assert order == [1, 5, 5, 5, 0]
    assert body.index("一号") < body.index("二号") < body.index("引文甲乙")
    assert headings(body) == ["# 报告", "## 未能定位的批注 (orphaned)"]
    assert body.index("## 未能定位") < body.index("孤儿")


def test_counts() -> None:
    anns = [
        ann(1, 0, note="笔记"),
        ann(2, 0, note=" \n"),
        ann(3, 0, status=AnnotationStatus.ORPHANED, note="x"),
    ]
    assert counts(anns) == {"annotations": 3, "notes": 2, "orphaned": 1}
    assert counts([]) == {"annotations": 0, "notes": 0, "orphaned": 0}


def test_render_document_front_matter() -> None:
    doc = ExportDocument(3, "报告", None, ("政策",), ())
    text = render_document(doc, [ann(1, 0)], LABELS, STAMP)
    assert text.startswith(
        '---\ntitle: "报告"\nsource: ""\ndoc_id: 3\ntags: ["政策"]\n'
        f'exported: "{STAMP}"\nannotations: 1\nnotes: 0\norphaned: 0\n---\n\n# 报告\n\n> 引文'
    )
    assert text.endswith(")\n") and not text.endswith("\n\n")


def test_render_many_is_the_markdown_presets_export_across_documents(
    library, report, add_doc
) -> None:  # type: ignore[no-untyped-def]
    other = add_doc("# 另一份报告\n\n城市更新要稳步推进。\n", "other.md")
    library.annotations.create_from_quote(other, "城市更新", tags=["城市/更新"])
    service = ExportService(library.db)
    exported = service.markdown_for(ExportScope(tag="城市"), STAMP)
    docs = []
    for doc_id in (report, other):
        info = library.documents.get(doc_id)
        anns = library.annotations.list(doc_ids=[doc_id], tag="城市")
        docs.append((service._export_document(info), anns))
    expected = render_many("批注 · 城市", docs, library.colors.labels(), STAMP, tag="城市")
    assert exported == expected
    assert 'documents: ["城市工作报告", "另一份报告"]\ntags: ["城市"]' in expected
    untagged = render_many("批注", docs[1:], library.colors.labels(), STAMP)
    assert '\ntags: []\n' in untagged and "\n# 批注\n\n## 另一份报告\n" in untagged

