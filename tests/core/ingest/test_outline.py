from reader.core.ingest.formats.text import parse_document


def test_markdown_headings_are_stripped_and_located(fixture_text) -> None:
    parsed = parse_document(fixture_text("seed003_head.txt"))
    assert parsed.title == "中共天津市委十二届六次全会举行"
    titles = [(e.level, e.title) for e in parsed.outline]
    assert (1, "目录 CONTENTS") in titles
    assert (2, "■本期聚焦") in titles
    assert (1, "中共天津地方执行委员会的成立") in titles
    for entry in parsed.outline:
        assert parsed.text[entry.start : entry.start + len(entry.title)] == entry.title
        assert not parsed.text[entry.start :].startswith("#")


def test_chinese_section_headings_on_their_own_line() -> None:
    raw = (
        "政府工作报告\n\n一、过去一年的工作\n\n去年经济平稳运行。\n\n"
        "（一）稳定经济增长。\n\n具体措施如下。\n\n"
        "（二）推进改革开放，激发市场活力；\n\n"
        "二、今年工作的总体要求\n\n第三章 附则\n\n"
        "一、这一行太长了不是标题因为它是一段完整的叙述文字，用来说明很多很多具体的事情，超过了标题应有的长度。\n"
    )
    parsed = parse_document(raw)
    got = [(e.level, e.title) for e in parsed.outline]
    assert got == [
        (1, "一、过去一年的工作"),
        (2, "（一）稳定经济增长。"),
        (1, "二、今年工作的总体要求"),
        (1, "第三章 附则"),
    ]


def test_chinese_headings_nest_under_markdown_headings() -> None:
    raw = "# 文章\n\n## 一、总体要求\n\n正文。\n\n（一）加强顶层设计\n\n正文。\n"
    got = [(e.level, e.title) for e in parse_document(raw).outline]
    assert got == [(1, "文章"), (2, "一、总体要求"), (3, "（一）加强顶层设计")]


def test_title_falls_back_to_first_short_line_then_file_name() -> None:
    assert parse_document("短标题\n\n正文。").title == "短标题"
    long_para = "这" * 100 + "。"
    assert parse_document(long_para, "报告 2024.txt").title == "报告 2024"
    assert parse_document("各位代表：\n\n" + long_para, "政府工作报告.txt").title == "政府工作报告"
