"""Reflow on excerpts of the real seeds and corpus (copied into tests/fixtures)."""

from reader.core.ingest.formats.text import parse_document


def test_page_break_inside_a_sentence_is_joined(fixture_text) -> None:
    text = parse_document(fixture_text("seed000_pagebreak.txt")).text
    assert "提升产业竞争力的关键。”" in text
    assert "竞争力\n" not in text


def test_seed003_page_breaks_are_joined(fixture_text) -> None:
    text = parse_document(fixture_text("seed003_head.txt")).text
    assert "全会听取了陈敏尔受市委常委会委托" in text
    assert "二十届一中、二中、三中全会精神" in text
    assert "实事求是、与时俱进" in text


def test_headings_and_bylines_are_not_joined(fixture_text) -> None:
    text = parse_document(fixture_text("seed003_head.txt")).text
    assert "中共天津市委十二届六次全会举行\n\n市委常委会主持全会 陈敏尔讲话\n\n全会听取" in text
    assert "第六次全体会议决议\n\n（2024年8月25日" in text


def test_wikisource_link_breaks_are_joined(fixture_text) -> None:
    text = parse_document(fixture_text("wikisource_1954_head.txt")).text
    assert "在聽了劉少奇同志關於憲法草案的報告並進行了三天的討論以後" in text
    assert "根本法——中華人民共和國憲法，接着" in text
    assert text.startswith("各位代表：\n\n我們第一届")


def test_list_items_and_real_paragraph_ends_stay() -> None:
    raw = "要点如下\n- 第一条\n- 第二条\n\n这是一段话。\n\n另一段话。\n"
    assert (
        parse_document(raw).text == "要点如下\n- 第一条\n- 第二条\n\n这是一段话。\n\n另一段话。\n"
    )


def test_indented_paragraphs_on_single_lines_are_not_joined() -> None:
    raw = "　　第一段没有句号\n　　第二段也是\n"
    assert parse_document(raw).text == raw


def test_masthead_lines_stay_apart() -> None:
    raw = "主管主办 中共天津市委\n编辑出版 中共天津市委支部生活社\n"
    assert parse_document(raw).text == raw


def test_latin_words_keep_a_space_when_joined() -> None:
    raw = "报告提到，这是关于 artificial\nintelligence 的内容，包括"
    assert "artificial intelligence" in parse_document(raw).text


def test_lossless_characters_and_newline_normalisation() -> None:
    raw = "\ufeff标题\r\n\r\n　　全角　空格，ＡＢＣ１２３。\r\n"
    parsed = parse_document(raw)
    assert parsed.text == "标题\n\n　　全角　空格，ＡＢＣ１２３。\n"


def test_reflow_is_deterministic(fixture_text) -> None:
    raw = fixture_text("seed003_head.txt")
    assert parse_document(raw) == parse_document(raw)


def test_code_fences_are_verbatim() -> None:
    raw = "```\n# not a heading\nline one\nline two\n```\n"
    parsed = parse_document(raw)
    assert parsed.text == raw
    assert parsed.outline == []


def test_short_prose_joins_only_when_the_break_splits_a_word() -> None:
    raw = "全会认为，党的二十届三中\n\n全会是新的历史起点上进一步全面深化改革的总动员。\n"
    assert "党的二十届三中全会是新的历史起点" in parse_document(raw).text
    heading = "第二，国有企业改革要取得新的突破\n\n国有企业改革是当前经济体制改革的重点。\n"
    assert parse_document(heading).text == heading


def test_a_page_break_after_a_sentence_end_can_cut_the_next_word(fixture_text) -> None:
    """``……当`` / ``前，`` and ``。深`` / ``化民生``: the one character left is no end mark."""
    text = parse_document(fixture_text("seed000_ellipsis_break.txt"), "seed.txt").text
    assert "贵阳的“新印1950”……当前，商业新地标正成为" in text
    text = parse_document(fixture_text("seed003_head.txt")).text
    assert "推进绿色低碳发展。深化民生领域体制机制改革创新" in text


def test_end_marks_and_bylines_after_a_sentence_stay_apart(fixture_text) -> None:
    text = parse_document(fixture_text("seed003_bylines.txt"), "seed.txt").text
    assert "伟大而深远的。文\n\n提前超额完成“一五”计划\n\n" in text
    assert "志愿服务工作体系日益完善。图\n\n殷亚辉 摄\n\n" in text
    raw = "会议取得圆满成功，各项工作扎实推进。■\n\n前进的道路上还有很多困难需要克服。\n"
    assert parse_document(raw, "a.txt").text == raw


def test_an_opening_title_mark_after_a_sentence_end_joins_the_title() -> None:
    raw = "相互引进技术，是重要途径。《\n中华人民共和国中外合资经营企业法\n》已经提请审议。\n"
    assert "是重要途径。《中华人民共和国中外合资经营企业法》已经提请审议。" in (
        parse_document(raw, "a.txt").text
    )


def test_a_zero_width_space_line_is_a_page_break(fixture_text) -> None:
    """The 1957 report marks its page ends with lines holding only U+200B."""
    text = parse_document(fixture_text("report1957_zwsp.txt"), "1957.txt").text
    assert "社会财产沒有遭到損坏，社会秩序沒有發生混乱" in text
    assert "合理安排和进行改造的方針，或者私营工商業者" in text
    assert "\u200b" not in text
    assert "历次运动的基本成绩的。\n\n\u3000\u3000过去进行的五大运动" in text  # a real end


def test_a_marked_page_break_joins_an_unfinished_short_line() -> None:
    raw = "经济增速是综合性指标，今年预期目标设定\n\u200b\n为6%以上，考虑了经济运行恢复情况。\n"
    assert "今年预期目标设定为6%以上" in parse_document(raw, "a.txt").text
    blank = raw.replace("\u200b", "")  # an empty line is weaker evidence: stays
    assert "设定\n\n为6%" in parse_document(blank, "a.txt").text


def test_zero_width_characters_never_make_a_line_text() -> None:
    raw = "第一段。\n\u200b\u3000\ufeff \n\u2060\n\n第二段。\n\u200c\u200d\n"
    assert parse_document(raw, "a.txt").text == "第一段。\n\n第二段。\n"
    assert parse_document(raw, "a.md").text == "第一段。\n\n第二段。\n"
    inside = "各位代表：\u200d\n\n现在，我代表国务院。\u200b\n"
    assert parse_document(inside, "a.txt").text == inside  # inside a line it is text


def test_a_zero_width_character_after_a_sentence_end_ends_the_sentence() -> None:
    raw = "第一段话结束了。\u200b\n第二段话开始了。\n"
    assert parse_document(raw, "a.txt").text == raw


def test_wikisource_footnote_references_stay_inline(fixture_text) -> None:
    text = parse_document(fixture_text("wikisource_footnotes.txt"), "w.txt").text
    assert "作關於上屆代表會議[1]以來的工作報告。" in text
    assert "約有一萬五千[2]，其中一千六百" in text
    assert "鄧同志[4]在唐山和科烏[5]礦工罷工時" in text
    assert "指导案例第680号[CPC 1]，中国共产党" in text
    assert "直属机构[CPC 2]）制定的公文" in text
    assert "\n[" not in text and "\n]" not in text


def test_a_bracket_line_that_is_no_footnote_reference_stays() -> None:
    raw = "数组如下\n[\n一段很长的文字，不是脚注的编号\n]\n"
    assert "数组如下\n[" in parse_document(raw, "a.txt").text


def test_a_points_number_alone_joins_its_text_not_the_paragraph_before() -> None:
    raw = (
        "其所以可能，就是因为我们的革命已经为我们提供了以下的积累来源：\n\n"
        "一、\n我国人民已经推翻了帝国主义者在中国的统治，提供了重要积累来源。\n\n"
        "（二）\n在发展生产和提高经济效益的基础上，继续改善城乡人民生活。\n"
    )
    text = parse_document(raw, "a.txt").text
    assert "积累来源：\n\n一、我国人民已经推翻了" in text
    assert "\n\n（二）在发展生产和提高经济效益的基础上" in text
