"""Word .docx import: exact canonical text, outline, lists, tables, notes, metadata, bad input.

Every file is built here: with python-docx where its API reaches, otherwise from
hand-written parts (notes, numbering, fields, text boxes), so each test knows the
exact XML it reads.
"""

from __future__ import annotations

import io
import random
import struct
import time
import zipfile
from collections.abc import Iterator
from datetime import datetime
from xml.sax.saxutils import escape

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from reader.core.ingest.formats.docx import DOC_REASON, extract, extract_doc, format_number
from reader.core.ingest.formats.docx import package as docx_package
from reader.core.ingest.formats.docx.numbering import Numbering
from reader.core.ingest.model import Extracted, FormatError, ParsedDocument
from reader.core.ingest.render import render

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CORE_NS = (
    'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
)


# --------------------------------------------------------------------------- builders


def run(text: str, props: str = "") -> str:
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(
    *runs: str,
    style: str = "",
    num: tuple[int, int] | None = None,
    outline: int | None = None,
) -> str:
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if outline is not None:
        props += f'<w:outlineLvl w:val="{outline}"/>'
    ppr = f"<w:pPr>{props}</w:pPr>" if props else ""
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def p(text: str, **kwargs: object) -> str:
    return para(run(text), **kwargs)  # type: ignore[arg-type]


def style(style_id: str, name: str, based_on: str = "", ppr: str = "", kind: str = "") -> str:
    base = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (
        f'<w:style w:type="{kind or "paragraph"}" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/>{base}<w:pPr>{ppr}</w:pPr></w:style>'
    )


def note(kind: str, note_id: int, *paragraphs: str) -> str:
    ref = "<w:r><w:footnoteRef/></w:r>" if kind == "footnote" else "<w:r><w:endnoteRef/></w:r>"
    body = "".join(
        f"<w:p>{ref if i == 0 else ''}{run(' ' + text)}</w:p>" for i, text in enumerate(paragraphs)
    )
    return f'<w:{kind} w:id="{note_id}">{body}</w:{kind}>'


def notes_part(kind: str, *notes: str) -> str:
    furniture = (
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        f"<w:continuationSeparator/></w:r></w:p></w:{kind}>"
    )
    return f"<w:{kind}s {NS}>{furniture}{''.join(notes)}</w:{kind}s>"


def make_docx(
    body: str,
    *,
    styles: str = "",
    numbering: str = "",
    footnotes: str = "",
    endnotes: str = "",
    core: str = "",
    document: str | None = None,
    extra_rels: str = "",
) -> bytes:
    """A minimal but complete package: content types, relationships and the given parts."""
    parts = {
        "word/document.xml": document or f"<w:document {NS}><w:body>{body}</w:body></w:document>",
        "word/styles.xml": styles and f"<w:styles {NS}>{styles}</w:styles>",
        "word/numbering.xml": numbering and f"<w:numbering {NS}>{numbering}</w:numbering>",
        "word/footnotes.xml": footnotes,
        "word/endnotes.xml": endnotes,
        "docProps/core.xml": core and f"<cp:coreProperties {CORE_NS}>{core}</cp:coreProperties>",
    }
    rels = "".join(
        f'<Relationship Id="r{kind}" Type="{REL}/{kind}" Target="{kind}.xml"/>'
        for kind in ("styles", "numbering", "footnotes", "endnotes")
        if parts[f"word/{kind}.xml"]
    )
    root_rels = f'<Relationship Id="rDoc" Type="{REL}/officeDocument" Target="word/document.xml"/>'
    if core:
        root_rels += (
            '<Relationship Id="rCore" Type="http://schemas.openxmlformats.org/package/2006/'
            'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        )
    pkg = "http://schemas.openxmlformats.org/package/2006"
    relationships = f'<Relationships xmlns="{pkg}/relationships">'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            f'<Types xmlns="{pkg}/content-types"><Default Extension="xml" '
            'ContentType="application/xml"/></Types>',
        )
        zf.writestr("_rels/.rels", f"{relationships}{root_rels}</Relationships>")
        zf.writestr(
            "word/_rels/document.xml.rels", f"{relationships}{rels}{extra_rels}</Relationships>"
        )
        for name, xml in parts.items():
            if xml:
                zf.writestr(name, xml)
    return buf.getvalue()


def saved(document: docx.document.Document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def parse(data: bytes, filename: str = "文件.docx") -> ParsedDocument:
    return render(extract(data, filename), filename)


def outline(doc: ParsedDocument) -> list[tuple[int, str, int]]:
    return [(e.level, e.title, e.start) for e in doc.outline]


def at(doc: ParsedDocument, title: str) -> int:
    """Where a heading's text starts in the canonical text (it must occur exactly once)."""
    assert doc.text.count(title) == 1, title
    return doc.text.index(title)


# --------------------------------------------------------------------------- headings


def test_english_heading_styles_title_and_derived_styles() -> None:
    d = docx.Document()
    d.add_heading("Annual Report", 0)
    d.add_heading("Introduction", 1)
    d.add_paragraph("Body text.")
    d.add_heading("Details", 2)
    derived = d.styles.add_style("Custom Head", WD_STYLE_TYPE.PARAGRAPH)
    derived.base_style = d.styles["Heading 2"]
    d.add_paragraph("Derived", style=derived)
    body = d.styles.add_style("Lead-in", WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = d.styles["Heading 1"]
    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), "9")  # "body text" overrides the inherited level
    body.element.get_or_add_pPr().append(level)
    d.add_paragraph("Not a heading", style=body)
    d.add_paragraph("More.")

    doc = parse(saved(d), "report.docx")

    assert doc.text == (
        "Annual Report\n\nIntroduction\n\nBody text.\n\nDetails\n\nDerived\n\n"
        "Not a heading\n\nMore.\n"
    )
    assert outline(doc) == [
        (1, "Annual Report", 0),
        (1, "Introduction", 15),
        (2, "Details", at(doc, "Details")),
        (2, "Derived", at(doc, "Derived")),
    ]
    assert doc.title == "Annual Report"


def test_chinese_style_names_outline_levels_and_inheritance() -> None:
    styles = (
        style("a", "Normal").replace('w:styleId="a"', 'w:default="1" w:styleId="a"')
        + style("a3", "标题")
        + style("1", "标题 1")
        + style("20", "标题2")
        + style("mine", "我的小标题", based_on="20")
        + style("point", "要点", ppr='<w:outlineLvl w:val="2"/>')
        + style("plain", "正文标题", based_on="1", ppr='<w:outlineLvl w:val="9"/>')
        + style("H3x", "Heading 3,H3,h3")
    )
    body = (
        p("关于印发《实施方案》的通知", style="a3")
        + p("第一部分", style="1")
        + p("　　正文第一段。")
        + p("第一节", style="20")
        + p("派生标题", style="mine")
        + p("要点内容", style="point")
        + p("不是标题", style="plain")
        + p("直接大纲", outline=3)
        + p("别名标题", style="H3x")
    )

    doc = parse(make_docx(body, styles=styles))

    assert doc.text == (
        "关于印发《实施方案》的通知\n\n第一部分\n\n正文第一段。\n\n第一节\n\n派生标题\n\n"
        "要点内容\n\n不是标题\n\n直接大纲\n\n别名标题\n"
    )
    assert [(level, title) for level, title, _ in outline(doc)] == [
        (1, "关于印发《实施方案》的通知"),
        (1, "第一部分"),
        (2, "第一节"),
        (2, "派生标题"),
        (3, "要点内容"),
        (4, "直接大纲"),
        (3, "别名标题"),
    ]
    assert [start for *_, start in outline(doc)][:2] == [0, at(doc, "第一部分")]
    assert doc.title == "关于印发《实施方案》的通知"


def test_python_docx_style_named_biaoti_1_is_a_heading() -> None:
    d = docx.Document()
    d.styles.add_style("标题 1", WD_STYLE_TYPE.PARAGRAPH)
    d.add_paragraph("总则", style="标题 1")
    d.add_paragraph("本办法适用于全市。")

    doc = parse(saved(d))

    assert doc.text == "总则\n\n本办法适用于全市。\n"
    assert outline(doc) == [(1, "总则", 0)]


# --------------------------------------------------------------------------- tables


def test_tables_stay_in_body_order_with_merged_and_nested_cells() -> None:
    d = docx.Document()
    d.add_paragraph("表前")
    table = d.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "项目"
    table.cell(0, 2).text = "金额"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "合并"
    for (r, c), text in {(1, 1): "10", (1, 2): "20", (2, 1): "30", (2, 2): "40"}.items():
        table.cell(r, c).text = text
    nested = table.cell(2, 2).add_table(rows=1, cols=2)
    nested.cell(0, 0).text, nested.cell(0, 1).text = "内1", "内2"
    d.add_paragraph("表后")

    extracted = extract(saved(d), "t.docx")
    doc = render(extracted, "t.docx")

    assert doc.text == "表前\n\n项目\t\t金额\n合并\t10\t20\n\t30\t40 内1 内2\n\n表后\n"
    assert [b.verbatim for b in extracted.blocks] == [False, True, False]


def test_one_column_table_is_a_frame_around_body_text() -> None:
    cell = p("一、总体要求") + p("第一段正文。") + p("总则", style="Heading1")
    rows = f"<w:tr><w:tc>{cell}</w:tc></w:tr><w:tr><w:tc>{p('第二行。')}</w:tc></w:tr>"
    body = f"<w:tbl>{rows}</w:tbl>" + p("框外。")
    styles = style("Heading1", "heading 1")

    extracted = extract(make_docx(body, styles=styles), "f.docx")

    assert [(b.text, b.heading, b.verbatim) for b in extracted.blocks] == [
        ("一、总体要求", 0, False),
        ("第一段正文。", 0, False),
        ("总则", 1, False),
        ("第二行。", 0, False),
        ("框外。", 0, False),
    ]


# --------------------------------------------------------------------------- notes


def test_footnotes_and_endnotes_numbered_by_reference_under_headings() -> None:
    body = p("总则", style="Heading1") + para(
        run("正文"),
        '<w:r><w:footnoteReference w:id="3"/></w:r>',
        run("继续"),
        '<w:r><w:footnoteReference w:id="2"/></w:r>',
        run("。"),
        '<w:r><w:endnoteReference w:id="1"/></w:r>',
    )
    footnotes = notes_part(
        "footnote",
        note("footnote", 2, "第二个注"),
        note("footnote", 3, "第一个注"),
        note("footnote", 4, "没有引用的注"),
    )
    endnotes = notes_part("endnote", note("endnote", 1, "尾注内容", "第二段"))

    doc = parse(
        make_docx(
            body, styles=style("Heading1", "heading 1"), footnotes=footnotes, endnotes=endnotes
        )
    )

    assert doc.text == (
        "总则\n\n正文[1]继续[2]。[i]\n\n脚注\n\n[1] 第一个注\n\n[2] 第二个注\n\n"
        "尾注\n\n[i] 尾注内容\n第二段\n"
    )
    notes_at = doc.text.index("\n脚注\n") + 1
    endnotes_at = doc.text.index("\n尾注\n") + 1
    assert outline(doc) == [(1, "总则", 0), (1, "脚注", notes_at), (1, "尾注", endnotes_at)]


def test_notes_heading_is_plain_text_when_the_body_has_no_headings() -> None:
    body = para(
        run("会议纪要正文"),
        '<w:r><w:footnoteReference w:id="5"/></w:r>',
        '<w:r><w:footnoteReference w:customMarkFollows="1" w:id="6"/><w:t>*</w:t></w:r>',
        run("。"),
    )
    footnotes = notes_part("footnote", note("footnote", 5, "注一"), note("footnote", 6, "星号注"))

    doc = parse(make_docx(body, footnotes=footnotes), "2024年会议纪要.docx")

    assert doc.text == "会议纪要正文[1][*]。\n\n注释\n\n[1] 注一\n\n[*] 星号注\n"
    assert outline(doc) == []
    assert doc.title == "2024年会议纪要"


# --------------------------------------------------------------------------- lists

LEVEL = (
    '<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
    '<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
)


def level(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return LEVEL.format(ilvl=ilvl, fmt=fmt, text=text, start=start, extra=extra)


def abstract(abstract_id: int, *levels: str) -> str:
    return f'<w:abstractNum w:abstractNumId="{abstract_id}">{"".join(levels)}</w:abstractNum>'


def num(num_id: int, abstract_id: int, override: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'


SPACE = '<w:suff w:val="space"/>'
SYMBOL_FONT = '<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr>'
NUMBERING = (
    abstract(
        0,
        level(0, "chineseCounting", "%1、"),
        level(1, "chineseCounting", "（%2）"),
        level(2, "decimal", "%3."),
        level(3, "decimalEnclosedCircle", "%4"),
    )
    + abstract(1, level(0, "decimal", "%1."), level(1, "decimal", "%1.%2", extra=SPACE))
    + abstract(2, level(0, "bullet", "\uf0b7", extra=SYMBOL_FONT), level(1, "bullet", "◆"))
    + abstract(3, level(0, "upperLetter", "%1)", start=3), level(1, "lowerRoman", "%2."))
    + abstract(4, level(0, "chineseCounting", "第%1章", extra='<w:pStyle w:val="Heading1"/>'))
    + num(1, 0)
    + num(2, 1)
    + num(3, 2)
    + num(4, 0, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>')
    + num(5, 0)
    + num(6, 3)
    + num(7, 4)
)


def test_numbered_and_bulleted_lists_get_their_markers() -> None:
    styles = style("Heading1", "heading 1", ppr='<w:numPr><w:numId w:val="7"/></w:numPr>')
    items = [
        ("总体要求", 1, 0),
        ("指导思想", 1, 1),
        ("基本原则", 1, 1),
        ("坚持人民至上", 1, 2),
        ("第一点", 1, 3),
        ("主要任务", 1, 0),
        ("重点工作", 1, 1),
        ("保障措施", 5, 0),  # another instance of the same list continues it
        ("另一份清单", 4, 0),  # an instance with a start override restarts it
        ("清单第二项", 4, 0),
        ("Scope", 2, 0),
        ("Terms", 2, 1),
        ("Symbols", 2, 1),
        ("要点", 3, 0),
        ("细节", 3, 1),
        ("选项", 6, 0),
        ("子项", 6, 1),
        ("不编号", 0, 0),
        ("未定义的列表", 99, 0),
    ]
    body = p("总则", style="Heading1")
    body += "".join(p(text, num=(num_id, ilvl)) for text, num_id, ilvl in items)
    body += p("附则", style="Heading1")

    extracted = extract(make_docx(body, styles=styles, numbering=NUMBERING), "l.docx")

    assert [b.text for b in extracted.blocks] == [
        "第一章 总则",
        "一、总体要求",
        "（一）指导思想",
        "（二）基本原则",
        "1. 坚持人民至上",
        "①第一点",
        "二、主要任务",
        "（一）重点工作",
        "三、保障措施",
        "一、另一份清单",
        "二、清单第二项",
        "1. Scope",
        "1.1 Terms",
        "1.2 Symbols",
        "• 要点",
        "◆ 细节",
        "C) 选项",
        "i. 子项",
        "不编号",
        "未定义的列表",
        "第二章 附则",
    ]
    assert [b.heading for b in extracted.blocks if b.heading] == [1, 1]


def test_numbering_that_cannot_be_computed_falls_back_to_a_bullet(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object) -> tuple[str, str]:
        raise ValueError("unexpected numbering.xml")

    monkeypatch.setattr(Numbering, "marker", broken)
    data = make_docx(p("事项", num=(1, 0)), numbering=NUMBERING)

    assert [b.text for b in extract(data, "x.docx").blocks] == ["• 事项"]


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (11, "chineseCounting", "十一"),
        (20, "chineseCountingThousand", "二十"),
        (101, "chineseCounting", "一百零一"),
        (1010, "chineseCounting", "一千零一十"),
        (10, "chineseLegalSimplified", "壹拾"),
        (3, "ideographTraditional", "丙"),
        (14, "lowerRoman", "xiv"),
        (27, "upperLetter", "AA"),
        (3, "decimalEnclosedCircle", "③"),
        (21, "decimalEnclosedCircle", "21"),
        (7, "decimalZero", "07"),
        (12, "decimalFullWidth", "１２"),
        (5, "someFutureFormat", "5"),
        (700, "lowerLetter", "x" * 27),
        (780, "upperLetter", "Z" * 30),  # the most letters a marker gets
        (781, "upperLetter", "781"),
    ],
)
def test_number_formats(value: int, fmt: str, expected: str) -> None:
    assert format_number(value, fmt) == expected


def test_list_numbers_stay_within_words_limits() -> None:
    """A 1 KB file once claimed a list from 20,000,000 in letters: 77 million characters."""
    numbering = (
        abstract(8, level(0, "upperLetter", "%1.", start=20_000_000))
        + abstract(9, level(0, "decimal", "%1.", start=-5))
        + abstract(10, level(0, "decimal", "%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1"))
        + num(1, 8)
        + num(2, 9)
        + num(3, 9, f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{2**31}"/></w:lvlOverride>')
        + num(4, 10, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="30000"/></w:lvlOverride>')
    )
    body = "".join(p("项", num=(1, 0)) for _ in range(100))
    body += (
        p("负数", num=(2, 0)) + p("溢出", num=(3, 0)) + p("溢出", num=(3, 0)) + p("长", num=(4, 0))
    )

    blocks = [b.text for b in extract(make_docx(body, numbering=numbering), "x.docx").blocks]

    assert blocks[:2] == ["32767. 项", "32767. 项"]  # clamped, and past Z×30 in digits
    assert sum(map(len, blocks)) < 1200
    assert blocks[100:103] == ["0. 负数", "32767. 溢出", "32767. 溢出"]
    assert blocks[103] == ("30000" * 7)[:31] + " 长"  # Word allows 31 characters


# --------------------------------------------------------------------------- runs


def test_runs_revisions_fields_hidden_text_ruby_and_line_breaks() -> None:
    br = "<w:r><w:br/></w:r>"
    body = (
        para(
            run("　　这是"),
            "<w:del><w:r><w:delText>删除</w:delText></w:r></w:del>",
            f"<w:ins>{run('插入的')}</w:ins>",
            run("文字"),
        )
        + para(
            run("页码"),
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
            '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
            run("5"),
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        )
        + para(
            run("甲"),
            "<w:r><w:tab/></w:r>",
            run("乙"),
            run("隐藏", "<w:vanish/>"),
            '<w:r><w:ruby><w:rt><w:r><w:t>zhōng</w:t></w:r></w:rt>'
            "<w:rubyBase><w:r><w:t>中</w:t></w:r></w:rubyBase></w:ruby></w:r>",
            '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>',
            run("文\u200b字\uf06c"),
        )
        + para(run("城市更新是推动城市高质量发展的"), br, run("重要抓手，也是民生工程。"),
               br, run("第二句话在这里。"))
        + para(run("文件要求各地区结合实际认真贯彻执行"), br,
               run("　　新的一段从这里开始，内容较长。"))  # the indent starts a paragraph
        + para(run("The quick brown"), br, run("fox jumps over the lazy dog, again and again."))
        + para(
            f'<w:hyperlink w:anchor="x">{run("链接文字")}</w:hyperlink>',
            "<w:r><w:noBreakHyphen/></w:r>",
            run("end"),
        )
        + para(run("　　"), br)  # an empty paragraph: dropped
    )  # fmt: skip

    doc = parse(make_docx(body))

    assert doc.text == (
        "这是插入的文字\n\n页码5\n\n甲 乙中文字\n\n"
        "城市更新是推动城市高质量发展的重要抓手，也是民生工程。\n第二句话在这里。\n\n"
        "文件要求各地区结合实际认真贯彻执行\n新的一段从这里开始，内容较长。\n\n"
        "The quick brown fox jumps over the lazy dog, again and again.\n\n链接文字-end\n"
    )


def test_text_box_follows_its_anchor_once() -> None:
    box = "<w:txbxContent><w:p><w:r><w:t>文本框内容</w:t></w:r></w:p></w:txbxContent>"
    anchor = para(
        run("锚定段落"),
        "<w:r><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f"<wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
        "</w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>",
    )

    doc = parse(make_docx(anchor + p("下一段")))

    assert doc.text == "锚定段落\n\n文本框内容\n\n下一段\n"


def test_table_of_contents_lines_are_not_taken_for_headings() -> None:
    toc = para(
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        run("第一章 总则"),
        "<w:r><w:tab/></w:r>",
        run("1"),
    ) + para(run("第二章 附则"), "<w:r><w:tab/></w:r>", run("3"),
             '<w:r><w:fldChar w:fldCharType="end"/></w:r>')  # fmt: skip
    body = p("目录") + toc + p("第一章 总则") + p("第二章 附则")

    doc = parse(make_docx(body))

    assert doc.text == "目录\n\n第一章 总则 1\n\n第二章 附则 3\n\n第一章 总则\n\n第二章 附则\n"
    assert outline(doc) == [(1, "第一章 总则", 24), (1, "第二章 附则", 32)]
    assert doc.text[24:30] == "第一章 总则"


# --------------------------------------------------------------------------- metadata


@pytest.fixture
def beijing_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Dates are read on the user's clock; the tests fix it at UTC+8."""
    monkeypatch.setenv("TZ", "CST-8")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("beijing_clock")
def test_core_properties_become_metadata() -> None:
    d = docx.Document()
    props = d.core_properties
    props.title = "城市更新工作报告"
    props.author = "张三；李四, Administrator、王五"
    props.created = datetime(2024, 3, 4, 20, 0)  # UTC: already 5 March in Beijing
    props.keywords = "政策、城市更新；住房,政策"
    props.language = "zh-CN"
    d.add_paragraph("城市更新工作报告")
    d.add_paragraph("正文。")

    extracted = extract(saved(d), "新建 Microsoft Word 文档.docx")

    meta = extracted.meta
    assert (meta.title, meta.authors, meta.date) == (
        "城市更新工作报告",
        ["张三", "李四", "王五"],
        "2024-03-05",
    )
    assert (meta.language, meta.tags) == ("zh-CN", [])  # keywords are no tags
    assert render(extracted, "新建 Microsoft Word 文档.docx").title == "城市更新工作报告"


def test_keywords_never_become_tags() -> None:
    core = "<cp:keywords>2024/03/05; 城市/更新</cp:keywords>"

    assert extract(make_docx(p("正文。"), core=core), "a.docx").meta.tags == []


@pytest.mark.usefixtures("beijing_clock")
def test_modified_date_stands_in_and_machine_names_are_not_authors() -> None:
    core = (
        "<dc:creator>DESKTOP-8F3K2LQ</dc:creator>"
        "<dcterms:modified>2023-11-02T08:30:00Z</dcterms:modified>"
    )

    meta = extract(make_docx(p("正文。"), core=core), "a.docx").meta

    assert (meta.authors, meta.date, meta.title) == ([], "2023-11-02", "")


def test_the_core_title_comes_first_even_when_the_text_does_not_repeat_it() -> None:
    core = "<dc:title>东阳市八家单位信息网络安全</dc:title>"
    body = p("东阳市歌山镇农贸市场经营管理权项目") + p("竞争性谈判文件")

    extracted = extract(make_docx(body, core=core), "谈判文件.docx")

    assert extracted.meta.title == "东阳市八家单位信息网络安全"
    assert render(extracted, "谈判文件.docx").title == "东阳市八家单位信息网络安全"


@pytest.mark.parametrize("junk", ["Untitled", "无标题", "Microsoft Word - 旧文件.doc"])
def test_junk_core_titles_are_judged_by_the_title_rules(junk: str) -> None:
    core = f"<dc:title>{escape(junk)}</dc:title>"

    data = make_docx(p("正文第一段，相当长的一句话。"), core=core)

    doc = render(extract(data, "谈判文件.docx"), "谈判文件.docx")

    assert doc.title == ("旧文件" if junk.startswith("Microsoft") else "谈判文件")


def test_python_docx_template_stamp_is_not_a_date() -> None:
    d = docx.Document()
    d.add_paragraph("没有日期的正文。")

    meta = extract(saved(d), "a.docx").meta

    assert (meta.date, meta.authors) == ("", [])


# --------------------------------------------------------------------------- robustness


def test_a_dangling_relationship_does_not_stop_the_import() -> None:
    dangling = f'<Relationship Id="rBad" Type="{REL}/hyperlink" Target="NULL"/>'
    data = make_docx(p("仍然可以读取。"), extra_rels=dangling)

    with pytest.raises(KeyError):  # what python-docx's Document() does with it
        docx.Document(io.BytesIO(data))
    assert parse(data).text == "仍然可以读取。\n"


def test_strict_open_xml_reads_like_transitional() -> None:
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    document = (
        f'<w:document xmlns:w="{strict}"><w:body>{p("严格格式的正文。")}</w:body></w:document>'
    )

    assert parse(make_docx("", document=document)).text == "严格格式的正文。\n"


def ole(*streams: str) -> bytes:
    directory = b"".join(name.encode("utf-16-le") + b"\x00" * 8 for name in streams)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + directory


def plain_zip(entries: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, text in entries.items():
            zf.writestr(name, text)
    return buf.getvalue()


def claimed_size(data: bytes, name: bytes, size: int) -> bytes:
    """The package with ``name``'s uncompressed size in both ZIP headers set to ``size``."""
    out = bytearray(data)
    for signature, field_offset, name_offset in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := out.find(signature, start)) >= 0:
            if out[start + name_offset : start + name_offset + len(name)] == name:
                struct.pack_into("<I", out, start + field_offset, size)
            start += 4
    return bytes(out)


def claimed_sizes(data: bytes, names: list[bytes], size: int) -> bytes:
    for name in names:
        data = claimed_size(data, name, size)
    return data


GOOD = make_docx(p("正文。"))
GOOD_DOCUMENT = f"<w:document {NS}><w:body>{p('正文。')}</w:body></w:document>"
BAD_INPUTS = {
    "empty": (b"", "empty file"),
    "text": ("只是文本。".encode(), "not a Word .docx file (not a ZIP archive)"),
    "encrypted": (
        ole("Root Entry", "EncryptionInfo", "EncryptedPackage"),
        "password-protected Word file; remove the password and save again",
    ),
    "doc": (
        ole("Root Entry", "WordDocument", "1Table"),
        "old binary Word .doc format; save it as .docx in Word or WPS",
    ),
    "html": (
        b"<!DOCTYPE html><html><body>hi</body></html>",
        "not a Word .docx file: it is a web page (HTML); rename it to .html to import it",
    ),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a Word .docx file: it is a PNG image"),
    "xml": (b'<?xml version="1.0"?><root/>', "not a Word .docx file: it is an XML file"),
    "epub": (
        plain_zip({"mimetype": "application/epub+zip", "META-INF/container.xml": "<c/>"}),
        "not a Word .docx file: it is an EPUB e-book",
    ),
    "xlsx": (
        plain_zip({"xl/workbook.xml": "<workbook/>"}),
        "not a Word .docx file: it is an Excel .xlsx workbook",
    ),
    "zip": (
        plain_zip({"notes.txt": "x"}),
        "not a Word .docx file: a ZIP archive with no word/document.xml inside",
    ),
    "truncated": (
        GOOD[: len(GOOD) // 2],
        "damaged or incomplete .docx file (the ZIP archive is truncated or corrupt)",
    ),
    "malformed": (
        make_docx("", document=f"<w:document {NS}><w:body><w:p></w:body></w:document>"),
        "damaged .docx file: word/document.xml is not well-formed XML (line 1)",
    ),
    "bomb": (
        claimed_size(GOOD, b"word/document.xml", 300 * 1024 * 1024),
        "word/document.xml is 300 MB uncompressed, more than the 200 MB allowed "
        "(a damaged file or a ZIP bomb)",
    ),
    "bomb in parts": (  # each part under the limit, the parts read together over it
        claimed_sizes(
            make_docx(
                p("正文。"),
                styles=style("a", "Normal"),
                numbering=NUMBERING,
                footnotes=notes_part("footnote"),
            ),
            [
                b"word/document.xml",
                b"word/styles.xml",
                b"word/numbering.xml",
                b"word/footnotes.xml",
            ],
            150 * 1024 * 1024,
        ),
        "this .docx file is more than 512 MB uncompressed (a damaged file or a ZIP bomb)",
    ),
    "many entries": (
        plain_zip({"word/document.xml": GOOD_DOCUMENT} | {f"media/{i}": "" for i in range(10_001)}),
        "this .docx file holds more than 10000 files (a damaged file or a ZIP bomb)",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_gives_one_line_reason(case: str) -> None:
    data, reason = BAD_INPUTS[case]
    with pytest.raises(FormatError) as info:
        extract(data, "坏文件.docx")
    assert str(info.value) == reason


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (ole("Root Entry", "WordDocument"), DOC_REASON),
        (b"{\\rtf1\\ansi hello}", "this .doc file is really an RTF document; open it in Word "
         "or WPS and save it as .docx"),
        (b'<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument/>',
         "this .doc file is really Word XML; open it in Word or WPS and save it as .docx"),
        (ole("Root Entry", "Workbook"),
         "this .doc file is really an old Excel .xls workbook, not a Word document"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
         "this .doc file is really a JPEG image, not a Word document"),
        ("只是文本。".encode("gbk"),
         "this .doc file is really plain text; rename it to .txt to import it"),
    ],
)  # fmt: skip
def test_doc_files_are_explained(data: bytes, reason: str) -> None:
    with pytest.raises(FormatError) as info:
        extract_doc(data, "旧文件.doc")
    assert str(info.value) == reason


def test_a_doc_that_is_a_word_web_page_is_read_as_one() -> None:
    """Government sites serve Word's "single file web page" under the .doc name."""
    page = (
        "<html xmlns:o='urn:schemas-microsoft-com:office:office'><head>"
        "<meta name=ProgId content=Word.Document><title>关于开展检查的通知</title></head>"
        "<body><div class=WordSection1><h1>关于开展检查的通知</h1>"
        "<p>各有关单位：</p><p>为加强安全生产工作，现就有关事项通知如下。</p></div></body></html>"
    ).encode("gbk")
    data = page.replace(b"<head>", b'<head><meta charset="gbk">')
    text = render(extract_doc(data, "通知.doc"), "通知.doc").text
    assert text == (
        "关于开展检查的通知\n\n各有关单位：\n\n为加强安全生产工作，现就有关事项通知如下。\n"
    )


def test_the_budget_counts_only_the_parts_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """An image is never unpacked, so it costs nothing; the XML parts read are summed."""
    buf = io.BytesIO(make_docx(p("正文。"), styles=style("a", "Normal")))
    with zipfile.ZipFile(buf, "a") as zf:
        zf.writestr("word/media/image1.png", b"\0" * 50_000)
    data = buf.getvalue()
    sizes = [i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist()]
    xml = sum(sizes) - 50_000

    monkeypatch.setattr(docx_package, "MAX_TOTAL_BYTES", 2 * xml)  # far less than the image
    assert [b.text for b in extract(data, "x.docx").blocks] == ["正文。"]
    monkeypatch.setattr(docx_package, "MAX_TOTAL_BYTES", xml // 2)
    with pytest.raises(FormatError, match=r"^this \.docx file is more than 0 MB uncompressed"):
        extract(data, "x.docx")


def test_doc_name_on_a_docx_file_is_read_as_docx() -> None:
    assert DOC_REASON.startswith("old binary Word .doc format is not supported")
    assert [b.text for b in extract_doc(GOOD, "其实是docx.doc").blocks] == ["正文。"]


def test_damaged_packages_only_ever_raise_format_error() -> None:
    rng = random.Random(20240305)
    outcomes: list[str] = []
    for _ in range(60):
        data = bytearray(GOOD)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        cut = rng.choice([len(data), rng.randrange(1, len(data))])
        try:
            result = extract(bytes(data[:cut]), "x.docx")
        except FormatError as exc:
            assert "\n" not in str(exc)
            outcomes.append("error")
        else:
            assert isinstance(result, Extracted)
            outcomes.append("read")
    assert "error" in outcomes
