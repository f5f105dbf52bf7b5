import pytest

from reader.core.ingest.formats.text import parse_document
from reader.core.ingest.headings import chinese_heading, chinese_heading_rank


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


def test_a_heading_broken_by_title_marks_is_one_heading() -> None:
    raw = "三、关于《\n国民经济和社会发展第十一个五年规划纲要（草案）\n》的说明\n\n正文。\n"
    parsed = parse_document(raw, "2006.txt")
    assert [(e.level, e.title) for e in parsed.outline] == [
        (1, "三、关于《国民经济和社会发展第十一个五年规划纲要（草案）》的说明")
    ]


def test_a_points_number_alone_is_no_heading() -> None:
    assert chinese_heading_rank("一、") is None
    assert chinese_heading_rank("（三）") is None
    assert chinese_heading_rank("第三章") == 1
    assert chinese_heading_rank("三、关于《") is None


@pytest.mark.parametrize(
    ("paragraph", "rank", "title"),
    [
        ("一、过去一年的工作", 1, "一、过去一年的工作"),
        ("　　（二）稳定经济增长。　", 2, "（二）稳定经济增长。"),
        (  # the heading on its own line, the body below it (2022)
            "（一）着力稳定宏观经济大盘，保持经济运行在合理区间。\n继续做好“六稳”、“六保”工作。",
            2,
            "（一）着力稳定宏观经济大盘，保持经济运行在合理区间。",
        ),
        (  # run in: the bold first sentence, then the body (2023, 2024, 2025)
            "（三）着力扩大国内需求，推动经济实现良性循环。把实施扩大内需战略同深化供给侧结构性改革有机结合起来。",
            2,
            "（三）着力扩大国内需求，推动经济实现良性循环。",
        ),
    ],
)
def test_chinese_heading_shapes(paragraph: str, rank: int, title: str) -> None:
    found = chinese_heading(paragraph)
    assert found is not None
    assert (found.rank, found.title) == (rank, title)
    assert paragraph.lstrip(" \u3000").startswith(found.title)


@pytest.mark.parametrize(
    "paragraph",
    [
        "（一）加强领导。\n（二）压实责任。",  # a list of short points
        "一、这一行太长了不是标题因为它是一段完整的叙述文字，用来说明很多很多具体的事情，超过了长度。",
        "一、大家知道，北京是中国北方的政治中心，近五百年来，又是中国的首都。在清朝时……",
        "（一）他说：“要加强领导。”随后……",  # the sentence ends inside quotes
        "我们要坚持稳中求进。（一）不是开头。",
    ],
)
def test_no_chinese_heading(paragraph: str) -> None:
    assert chinese_heading(paragraph) is None


@pytest.mark.parametrize(
    ("name", "titles"),
    [
        (
            "report2024_tasks_head.txt",
            [
                "三、2024年政府工作任务",
                "（一）大力推进现代化产业体系建设，加快发展新质生产力。",
                "（二）深入实施科教兴国战略，强化高质量发展的基础支撑。",
                "（三）着力扩大国内需求，推动经济实现良性循环。",
            ],
        ),
        (
            "report2022_tasks_head.txt",
            [
                "三、2022年政府工作任务",
                "（一）着力稳定宏观经济大盘，保持经济运行在合理区间。",
                "（二）着力稳市场主体保就业，加大宏观政策实施力度。",
            ],
        ),
    ],
)
def test_report_section_headings_in_the_outline(fixture_text, name: str, titles: list[str]) -> None:
    parsed = parse_document(fixture_text(name), name)
    assert [e.title for e in parsed.outline] == titles
    assert [e.level for e in parsed.outline] == [1] + [2] * (len(titles) - 1)
    for entry in parsed.outline:
        assert parsed.text[entry.start : entry.start + len(entry.title)] == entry.title
