"""Saved web pages: the article only, with exact text, outline and metadata."""

from __future__ import annotations

import pytest

from reader.core.ingest.formats.html import extract, strip_site_suffix
from reader.core.ingest.model import FormatError, ParsedDocument
from reader.core.ingest.render import render

# A news page as saved from a browser: header navigation, search form, breadcrumb,
# share buttons, an ad inside the article, editor line, related links, comments,
# a ranking sidebar and a footer with 版权所有 and ICP numbers.
NEWS = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>国务院召开常务会议 部署推进新型城镇化 - 新华网</title>
<meta name="author" content="张三，李四">
<meta property="og:site_name" content="新华网">
<meta property="article:published_time" content="2024-03-05T10:30:00+08:00">
<link rel="canonical" href="http://www.news.cn/politics/2024-03/05/c_1130000000.htm">
<script>var _hmt = _hmt || []; document.write("<p>脚本里的字</p>");</script>
<style>.nav { color: red }</style>
</head>
<body>
<div class="header">
  <div class="logo"><a href="/">新华网</a></div>
  <ul class="nav">
    <li><a href="/politics/">时政</a></li><li><a href="/local/">地方</a></li>
    <li><a href="/world/">国际</a></li><li><a href="/fortune/">财经</a></li>
  </ul>
  <form action="/search"><input type="text" name="q"><button>搜索</button></form>
</div>
<div class="breadcrumb"><a href="/">首页</a> &gt; <a href="/politics/">时政</a> &gt; 正文</div>
<div class="main">
 <div class="article">
  <h1>国务院召开常务会议 部署推进新型城镇化</h1>
  <div class="info">
    <span class="time">2024-03-05 10:30:00</span> <span class="source">来源：新华网</span>
    <div class="share">分享到：<a class="weibo">微博</a><a class="wechat">微信</a></div>
  </div>
  <div id="detail">
   <p>　　新华社北京3月5日电 国务院总理主持召开国务院常务会议，
   研究部署推进以人为本的新型城镇化有关工作。会议指出，城镇化是现代化的必由之路，
   要坚持以人为本、因地制宜。</p>
   <p>　　会议强调，要把推进农业转移人口市民化作为首要任务，健全常住地提供基本公共服务制度，
   推动符合条件的农业转移人口在城镇落户。</p>
   <h2>一、推进农业转移人口市民化</h2>
   <p>　　会议要求，各地区各部门要深化户籍制度改革<sup><a href="#note-1">[1]</a></sup>，
   放开放宽除个别超大城市外的落户限制，推行以经常居住地登记户口制度。</p>
   <div class="ad"><a href="http://ad.example.com"><img src="ad.jpg" alt="广告"></a>
     点击了解更多优惠</div>
   <h2>二、提升城市治理水平</h2>
   <p>　　会议指出，要加快城市更新，稳步实施城中村改造，完善城市基础设施，
   增强城市安全韧性。要统筹城市规划建设管理，提高城市精细化治理水平。</p>
   <p>　　会议还研究了其他事项。</p>
  </div>
  <div class="editor">【责任编辑：王五】</div>
  <div class="related">
   <h3>相关阅读</h3>
   <ul>
    <li><a href="/a1.htm">国务院常务会议部署做好春耕生产工作</a></li>
    <li><a href="/a2.htm">新型城镇化建设取得明显成效</a></li>
   </ul>
  </div>
  <div class="comments" id="comments">
   <h3>网友评论</h3>
   <div class="comment"><span class="user">网友123</span><p>支持！希望早日落实。</p></div>
   <div class="comment"><span class="user">网友456</span><p>城中村改造要注意保护居民利益。</p></div>
  </div>
 </div>
 <div class="sidebar">
  <h3>热点排行</h3>
  <ol><li><a href="/h1.htm">全国两会开幕</a></li>
  <li><a href="/h2.htm">政府工作报告全文</a></li></ol>
 </div>
</div>
<div class="footer">
 <p><a href="/about">关于我们</a> | <a href="/contact">联系我们</a></p>
 <p>版权所有 新华网 Copyright © 2000-2024 XINHUANET.com All Rights Reserved.</p>
 <p>京ICP备10031985号 京公网安备11010202000001号</p>
</div>
</body>
</html>"""

NEWS_TEXT = (
    "国务院召开常务会议 部署推进新型城镇化\n\n"
    "新华社北京3月5日电 国务院总理主持召开国务院常务会议，研究部署推进以人为本的新型城镇化"
    "有关工作。会议指出，城镇化是现代化的必由之路，要坚持以人为本、因地制宜。\n\n"
    "会议强调，要把推进农业转移人口市民化作为首要任务，健全常住地提供基本公共服务制度，"
    "推动符合条件的农业转移人口在城镇落户。\n\n"
    "一、推进农业转移人口市民化\n\n"
    "会议要求，各地区各部门要深化户籍制度改革[1]，放开放宽除个别超大城市外的落户限制，"
    "推行以经常居住地登记户口制度。\n\n"
    "二、提升城市治理水平\n\n"
    "会议指出，要加快城市更新，稳步实施城中村改造，完善城市基础设施，增强城市安全韧性。"
    "要统筹城市规划建设管理，提高城市精细化治理水平。\n\n"
    "会议还研究了其他事项。\n"
)


def parse(data: bytes, name: str = "x.html") -> ParsedDocument:
    return render(extract(data, name), name)


def test_news_page_yields_the_article_only() -> None:
    doc = parse(NEWS.encode("utf-8"))
    assert doc.text == NEWS_TEXT
    assert [(e.level, e.title, e.start) for e in doc.outline] == [
        (1, "国务院召开常务会议 部署推进新型城镇化", 0),
        (2, "一、推进农业转移人口市民化", NEWS_TEXT.index("一、推进")),
        (2, "二、提升城市治理水平", NEWS_TEXT.index("二、提升")),
    ]


def test_news_page_metadata() -> None:
    extracted = extract(NEWS.encode("utf-8"), "x.html")
    meta = extracted.meta
    assert extracted.encoding == "utf-8"
    assert meta.title == "国务院召开常务会议 部署推进新型城镇化"
    assert meta.authors == ["张三", "李四"]
    assert meta.date == "2024-03-05"
    assert meta.site == "新华网"
    assert meta.source_url == "http://www.news.cn/politics/2024-03/05/c_1130000000.htm"
    assert meta.language == "zh-CN"


# A policy page in GBK with <meta charset="gbk">: a character outside GB2312 (镕) and the
# title suffix "_政策_中国政府网" (site and channel) to strip.
GBK_PAGE = """<html><head><meta charset="gbk">
<title>关于朱镕基讲话精神的学习通知_政策_中国政府网</title>
<meta name="PubDate" content="2024-01-15 16:00"></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zhengce">政策</a> <a href="/hudong">互动</a></div>
<div class="pages_content">
<h1>关于朱镕基讲话精神的学习通知</h1>
<p>各省、自治区、直辖市人民政府：</p>
<p>　　为深入学习有关讲话精神，现将有关事项通知如下。各地要认真组织学习，
结合实际抓好贯彻落实，确保取得实效。</p>
<p>　　一、提高思想认识</p>
<p>　　各地要充分认识学习的重要意义，把学习作为当前的一项重要任务抓紧抓好。</p>
<p style="text-align:right">国务院办公厅</p>
<p style="text-align:right">2024年1月10日</p>
</div>
<div class="footer">版权所有：中国政府网　京ICP备05070218号</div>
</body></html>"""

GBK_TEXT = (
    "关于朱镕基讲话精神的学习通知\n\n"
    "各省、自治区、直辖市人民政府：\n\n"
    "为深入学习有关讲话精神，现将有关事项通知如下。各地要认真组织学习，结合实际抓好贯彻落实，"
    "确保取得实效。\n\n"
    "一、提高思想认识\n\n"
    "各地要充分认识学习的重要意义，把学习作为当前的一项重要任务抓紧抓好。\n\n"
    "国务院办公厅\n\n"
    "2024年1月10日\n"
)


def test_gbk_page_with_meta_charset() -> None:
    data = GBK_PAGE.encode("gbk")
    extracted = extract(data, "tongzhi.htm")
    doc = render(extracted, "tongzhi.htm")
    assert extracted.encoding == "gb18030"
    assert doc.text == GBK_TEXT
    assert (doc.title, doc.meta.site, doc.meta.date) == (
        "关于朱镕基讲话精神的学习通知",
        "中国政府网",
        "2024-01-15",
    )
    assert [(e.level, e.title) for e in doc.outline] == [
        (1, "关于朱镕基讲话精神的学习通知"),
        (2, "一、提高思想认识"),
    ]


# An old site in gb2312 (http-equiv), laid out with tables, paragraphs made of <br> and
# full-width indents, and a dateline with 浏览次数.
OLD_SITE = """<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>关于做好春季农业生产工作的通知</title></head><body>
<table width="100%"><tr><td><a href="/">网站首页</a> | <a href="/gk">政务公开</a> |
<a href="/bs">网上办事</a></td></tr></table>
<table width="980"><tr>
<td width="200"><a href="/l1">通知公告</a><br><a href="/l2">工作动态</a><br>
<a href="/l3">政策法规</a></td>
<td>
<div align="center"><b>关于做好春季农业生产工作的通知</b></div>
<div align="center">发布时间：2024-02-20　来源：市农业农村局　浏览次数：356</div>
<hr>
<div class="content">各区县农业农村局：<br>
　　为切实做好今年春季农业生产工作，确保粮食稳产增产，现就有关事项通知如下：<br>
　　一、抓好春播备耕。各地要及早谋划，做好种子、化肥、农药等农资的储备和供应工作。<br>
　　二、加强技术指导。组织农技人员深入田间地头，开展技术培训和指导服务。<br>
<br>
<div align="right">市农业农村局<br>2024年2月18日</div>
</div>
</td></tr></table>
<table width="980"><tr><td>主办单位：某某市人民政府办公室　版权所有<br>
ICP备案号：某ICP备12345678号</td></tr></table>
</body></html>"""

OLD_SITE_TEXT = (
    "关于做好春季农业生产工作的通知\n\n"
    "各区县农业农村局：\n\n"
    "为切实做好今年春季农业生产工作，确保粮食稳产增产，现就有关事项通知如下：\n\n"
    "一、抓好春播备耕。各地要及早谋划，做好种子、化肥、农药等农资的储备和供应工作。\n\n"
    "二、加强技术指导。组织农技人员深入田间地头，开展技术培训和指导服务。\n\n"
    "市农业农村局\n2024年2月18日\n"
)


def test_gb2312_http_equiv_page_laid_out_with_tables_and_br() -> None:
    extracted = extract(OLD_SITE.encode("gb2312"), "tz.html")
    doc = render(extracted, "tz.html")
    assert extracted.encoding == "gb18030"
    assert doc.text == OLD_SITE_TEXT
    assert doc.meta.date == "2024-02-20"  # from the dateline, which is not kept as text
    assert doc.outline[0].title == "关于做好春季农业生产工作的通知"


WECHAT = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta property="og:title" content="读书｜在喧嚣中守住一方书桌">
<meta property="og:site_name" content="微信公众平台">
<meta property="og:url" content="http://mp.weixin.qq.com/s?__biz=MzA3&amp;mid=2650&amp;sn=abc">
<title></title>
<script>var msg_title = '读书｜在喧嚣中守住一方书桌'.html(false);
var ct = "1700000000"; var nickname = htmlDecode("书香人文");</script>
</head><body id="activity-detail">
<div id="img-content" class="rich_media_wrp">
 <h1 class="rich_media_title" id="activity-name">
   读书｜在喧嚣中守住一方书桌
 </h1>
 <div id="meta_content"><span class="rich_media_meta_text">王小明</span>
   <a id="js_name">书香人文</a><em id="publish_time"></em></div>
 <div class="rich_media_content" id="js_content" style="visibility: hidden;">
  <section><span style="font-size: 15px;">在这个信息爆炸的时代，</span>
  <span style="font-size: 15px;">我们每天被无数消息包围。</span></section>
  <section><br></section>
  <section style="text-align:center">
  <img data-src="https://mmbiz.qpic.cn/x.jpg" alt="图片"></section>
  <h2><span>一、为什么要读书</span></h2>
  <p>读书让人明理。古人说：“腹有诗书气自华。”</p>
  <p><br></p>
  <h2>二、怎样读书</h2>
  <p>选一本好书，每天读上半小时，<strong>坚持下去</strong>。</p>
  <section><span style="color: rgb(136, 136, 136);">编辑：小李</span></section>
 </div>
 <div class="rich_media_tool"><a>阅读</a> <span>10万+</span> <a>在看</a></div>
</div>
<div id="js_pc_qr_code"><p>微信扫一扫<br>关注该公众号</p></div>
</body></html>"""


def test_wechat_article_takes_js_content() -> None:
    extracted = extract(WECHAT.encode("utf-8"), "wx.html")
    doc = render(extracted, "wx.html")
    assert doc.text == (
        "读书｜在喧嚣中守住一方书桌\n\n"
        "在这个信息爆炸的时代，我们每天被无数消息包围。\n\n"
        "一、为什么要读书\n\n"
        "读书让人明理。古人说：“腹有诗书气自华。”\n\n"
        "二、怎样读书\n\n"
        "选一本好书，每天读上半小时，坚持下去。\n"
    )
    meta = extracted.meta
    assert meta.title == "读书｜在喧嚣中守住一方书桌"  # "｜" inside a title is not a suffix
    assert (meta.authors, meta.site) == (["书香人文"], "书香人文")
    assert meta.date == "2023-11-15"  # ct is 2023-11-14 22:13 UTC, 06:13 in Beijing
    assert meta.source_url == "http://mp.weixin.qq.com/s?__biz=MzA3&mid=2650&sn=abc"


OG_TITLE = """<html lang="zh"><head><meta charset="utf-8">
<meta property="og:title" content="人工智能发展报告（全文）|澎湃新闻">
<title>澎湃新闻</title></head><body>
<header><a href="/">澎湃新闻</a><a href="/a">要闻</a><a href="/b">深度</a></header>
<main><div class="news_txt">
<div>　　过去一年，人工智能技术取得了长足进步，大模型在语言理解、代码生成等方面表现突出。</div>
<div>　　与此同时，人工智能的安全与治理问题日益受到重视，各国纷纷出台相关政策法规。</div>
<table><tr><th>领域</th><th>应用</th></tr><tr><td>医疗</td><td>辅助诊断</td></tr></table>
<div>　　展望未来，人工智能将继续深刻改变人们的生产生活方式。</div>
</div></main>
<footer><p>沪ICP备14003370号</p></footer>
</body></html>"""


def test_title_from_og_title_without_site_suffix_opens_the_text() -> None:
    doc = parse(OG_TITLE.encode("utf-8"))
    assert doc.title == "人工智能发展报告（全文）"
    assert doc.meta.site == "澎湃新闻"
    assert doc.text == (
        "人工智能发展报告（全文）\n\n"
        "过去一年，人工智能技术取得了长足进步，大模型在语言理解、代码生成等方面表现突出。\n\n"
        "与此同时，人工智能的安全与治理问题日益受到重视，各国纷纷出台相关政策法规。\n\n"
        "领域\t应用\n医疗\t辅助诊断\n\n"
        "展望未来，人工智能将继续深刻改变人们的生产生活方式。\n"
    )


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("标题 - 新华网", ("标题", "新华网")),
        ("标题_新闻频道_央视网(cctv.com)", ("标题", "央视网(cctv.com)")),
        ("标题--人民网", ("标题", "人民网")),
        ("读书｜在喧嚣中守住一方书桌", ("读书｜在喧嚣中守住一方书桌", "")),
        ("COVID-19 疫情通报", ("COVID-19 疫情通报", "")),
    ],
)
def test_site_suffixes(title: str, expected: tuple[str, str]) -> None:
    assert strip_site_suffix(title) == expected


def test_declared_charset_with_a_stray_byte_or_a_wrong_declaration() -> None:
    page = "<html><head><meta charset='utf-8'></head><body><p>第一段，正文。</p></body></html>"
    stray = page.encode("utf-8").replace("正文".encode(), b"\xff" + "正文".encode())
    extracted = extract(stray, "a.html")
    assert extracted.encoding == "utf-8 (1 invalid byte replaced)"
    assert extracted.blocks[0].text == "第一段，\ufffd正文。"
    mislabelled = extract(page.encode("gbk"), "b.html")  # GBK bytes, "utf-8" in the page
    assert (mislabelled.encoding, mislabelled.blocks[0].text) == ("gb2312", "第一段，正文。")


def test_big5_page_without_declaration_is_guessed() -> None:
    page = (
        "<html><body><article><p>這是一篇繁體中文的文章，內容相當簡短。</p></article></body></html>"
    )
    extracted = extract(page.encode("big5"), "big5.html")
    assert extracted.blocks[0].text == "這是一篇繁體中文的文章，內容相當簡短。"
    assert extracted.encoding in {"big5", "cp950", "big5hkscs"}


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.7\n%...", "not an HTML page (it is a PDF document)"),
        (b"", "empty file"),
        ("只是一行文字，没有标记。".encode(), "not an HTML page (no HTML markup in it)"),
        (
            b"<html><body><nav><a href='/'>home</a></nav></body></html>",
            "no article text found in the page",
        ),
    ],
)
def test_bad_input_says_why(data: bytes, reason: str) -> None:
    with pytest.raises(FormatError) as caught:
        extract(data, "x.html")
    assert str(caught.value) == reason


@pytest.mark.parametrize("how", ["trafilatura fails", "page too large for trafilatura"])
def test_densest_container_stands_in_for_trafilatura(
    how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.core.ingest.formats import html

    if how == "trafilatura fails":

        def broken(*args: object, **kwargs: object) -> None:
            raise RuntimeError("heuristic crashed")

        monkeypatch.setattr(html.trafilatura, "bare_extraction", broken)
    else:
        monkeypatch.setattr(html, "TRAFILATURA_MAX_NODES", 10)
    assert parse(NEWS.encode("utf-8")).text == NEWS_TEXT  # the ad div goes by its class


def test_boilerplate_lines_go_but_lookalikes_in_the_article_stay() -> None:
    from reader.core.ingest.formats.html import strip_boilerplate
    from reader.core.ingest.model import Block

    blocks = [
        Block("2024-03-05 10:30:00 来源：新华网"),
        Block("正文第一段。"),
        Block("数据来源：国家统计局"),
        Block("2024年1月10日"),
        Block("【责任编辑：王五】"),
        Block("延伸阅读", heading=3),
        Block("• 一条相关新闻"),
        Block("版权所有 新华网\n京ICP备10031985号"),
    ]
    assert [b.text for b in strip_boilerplate(blocks)] == [
        "正文第一段。",
        "数据来源：国家统计局",
        "2024年1月10日",
    ]
