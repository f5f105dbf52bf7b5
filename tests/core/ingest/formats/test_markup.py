"""The shared (X)HTML layout: element trees to blocks, as a reader sees the page."""

from __future__ import annotations

import lxml.html
from lxml import etree

from reader.core.ingest import markup
from reader.core.ingest.model import Block


def layout(body: str) -> markup.Converted:
    root = lxml.html.document_fromstring(f"<html><body>{body}</body></html>")
    markup.prepare(root)
    return markup.to_blocks(root.body)


def texts(body: str) -> list[str]:
    return [b.text for b in layout(body).blocks]


def test_ruby_keeps_the_base_text_only() -> None:
    body = (
        "<p><ruby>漢<rp>(</rp><rt>hàn</rt><rp>)</rp></ruby><ruby>字<rt>zì</rt></ruby>"
        "与<ruby><rb>東</rb><rtc><rt>とう</rt></rtc></ruby>京</p>"
    )
    assert texts(body) == ["漢字与東京"]


def test_footnote_marker_stays_inline() -> None:
    body = '<p>这是引文<sup id="r3"><a href="#cite_note-3">[3]</a></sup>，后文继续。</p>'
    assert texts(body) == ["这是引文[3]，后文继续。"]


def test_source_line_breaks_between_cjk_vanish_but_typed_spaces_stay() -> None:
    body = (
        "<p>　　会议指出，城镇化是现代化的必由之路，\n      要坚持以人为本\n  因地制宜。</p>"
        "<p>国务院召开常务会议 部署推进城镇化</p>"
        "<p>Pizhu reads\n   <b>Chinese</b>\ttext&nbsp;well\u200b.</p>"
        "<p>第一\n<span>第二</span>\n<span>第三</span></p>"
    )
    assert texts(body) == [
        "会议指出，城镇化是现代化的必由之路，要坚持以人为本因地制宜。",
        "国务院召开常务会议 部署推进城镇化",
        "Pizhu reads Chinese text well.",
        "第一第二第三",
    ]


def test_lists_get_markers_and_ol_honours_start_and_value() -> None:
    body = (
        '<ol start="3"><li>第三项</li><li>第四项<ul><li>子项甲</li></ul></li>'
        '<li value="10">第十项</li></ol><ul><li><p>要点一</p><p>续段</p></li></ul>'
    )
    assert texts(body) == ["3. 第三项", "4. 第四项", "• 子项甲", "10. 第十项", "• 要点一", "续段"]


def test_data_table_is_one_verbatim_block() -> None:
    body = (
        "<table><caption>表1 统计</caption><thead><tr><th>地区</th><th>人口</th></tr></thead>"
        "<tbody><tr><td>北京<br>市</td><td>2185</td></tr><tr><td></td><td></td></tr>"
        "<tr><td><p>上海</p></td><td>2487</td></tr></tbody></table>"
    )
    assert layout(body).blocks == [
        Block("表1 统计"),
        Block("地区\t人口\n北京市\t2185\n上海\t2487", verbatim=True),
    ]


def test_layout_table_cells_read_as_paragraphs() -> None:
    body = (
        "<table><tr><td><a href='/'>首页</a></td><td><div>　　第一段正文。</div>"
        "<div>　　第二段正文。</div></td></tr></table>"
    )
    assert layout(body).blocks == [Block("首页"), Block("第一段正文。"), Block("第二段正文。")]


def test_pre_keeps_lines_and_splits_at_blank_lines() -> None:
    body = "<pre>\ndef f():\n    return 1\n\n\nprint(f())   \n</pre><p>后文</p>"
    assert layout(body).blocks == [
        Block("def f():\n    return 1", verbatim=True),
        Block("print(f())", verbatim=True),
        Block("后文"),
    ]


def test_br_is_a_line_break_and_double_br_or_indent_a_new_paragraph() -> None:
    body = (
        "<div>北京市西城区<br>府右街2号<br><br>　　第一段，正文。<br>　　第二段，正文。</div>"
        "<h2>标题<br>换行</h2>"
    )
    assert layout(body).blocks == [
        Block("北京市西城区\n府右街2号"),
        Block("第一段，正文。"),
        Block("第二段，正文。"),
        Block("标题换行", heading=2),
    ]


def test_non_text_elements_and_images() -> None:
    body = (
        "<script>var a = 1;</script><style>p{}</style><nav>导航</nav><button>分享</button>"
        "<p>图示：<img src='a.png' alt='长城'>很美。<img src='b.png' alt='image.png'>"
        "<img src='c.gif' alt='图片'></p><figure><img alt='重复'><figcaption>图1 长城</figcaption>"
        "</figure><p hidden>隐藏</p><p style='display: none'>隐藏</p><form><input></form>"
        "<p><svg><text>矢量</text></svg>结束<math><mi>x</mi></math></p>"
        "<form id='aspnetForm'><div><p>表单里的正文。</p></div><input value='提交'></form>"
    )
    assert texts(body) == ["图示：长城很美。", "图1 长城", "结束", "表单里的正文。"]


def test_definition_lists_and_blockquotes() -> None:
    body = "<dl><dt>术语</dt><dd>解释。</dd></dl><blockquote><p>引文一。</p>引文二。</blockquote>"
    assert texts(body) == ["术语", "解释。", "引文一。", "引文二。"]


def test_anchors_point_at_the_block_they_are_in_or_precede() -> None:
    body = (
        '<h1 id="top">书名</h1><p>第一段<a name="mid"></a>。</p><div id="empty"></div>'
        '<section id="sec"><p>第二段</p></section><span id="end"></span>'
    )
    converted = layout(body)
    assert converted.anchors == {"top": 0, "mid": 1, "empty": 2, "sec": 2, "end": 3}
    assert len(converted.blocks) == 3


def test_xhtml_namespaces_are_read() -> None:
    root = etree.fromstring(
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><h2 id="a">章</h2>'
        "<p>正文<ruby>字<rt>zì</rt></ruby></p><ol><li>一</li></ol></body></html>"
    )
    markup.prepare(root)
    converted = markup.to_blocks(root)
    assert converted.blocks == [Block("章", heading=2), Block("正文字"), Block("1. 一")]
    assert converted.anchors == {"a": 0}


def test_marks_survive_as_sources_and_never_reach_the_text() -> None:
    root = lxml.html.document_fromstring(
        "<html><body><p>甲<b>乙</b></p><p><a href='/x'>链接</a>文</p>"
        "<p>注<a href='#n1'>[1]</a></p><p><a href='/f/附件1.pdf'>附件1</a></p></body></html>"
    )
    assert markup.mark_text(root.body) == 7
    converted = markup.to_blocks(root.body, marked=True)
    assert [b.text for b in converted.blocks] == ["甲乙", "链接文", "注[1]", "附件1"]
    assert [s.marks for s in converted.sources] == [{0, 1}, {2, 3}, {4, 5}, {6}]
    # a footnote reference and an attachment are text, not links away
    assert [round(s.link_share, 2) for s in converted.sources] == [0.0, 0.67, 0.0, 0.0]
    assert markup.marks_in("x" + markup.mark_code(123456) + "y") == {123456}


def test_ids_inside_tables_and_pre_land_on_their_blocks() -> None:
    body = (
        '<p>前文</p><table id="t"><caption id="cap">表1 <b id="capb">统计</b></caption>'
        '<tr id="head"><th>地区</th><th>人口</th></tr>'
        '<tr><td id="inside">北京</td><td><span id="deep">2185</span></td></tr></table>'
        '<pre id="code">a = 1\n<span id="l2">b = 2</span>\n\n<span id="blank"></span>\n'
        'c = <a name="l5">3</a>\r\nd = 4</pre><p id="after">后文</p>'
    )
    converted = layout(body)
    assert [b.text for b in converted.blocks] == [
        "前文", "表1 统计", "地区\t人口\n北京\t2185", "a = 1\nb = 2", "c = 3\nd = 4", "后文",
    ]  # fmt: skip
    assert converted.anchors == {
        "t": 1, "cap": 1, "capb": 1, "head": 2, "inside": 2, "deep": 2,
        "code": 3, "l2": 3, "blank": 4, "l5": 4, "after": 5,
    }  # fmt: skip
