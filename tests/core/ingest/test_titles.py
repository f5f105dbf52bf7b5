"""Titles and dates chosen when the file does not say, and dates the user types."""

import pytest

from reader.core.ingest.titles import choose_title, clean_title, date_of, parse_user_date


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2024", "2024"),
        ("2024-03", "2024-03"),
        ("2024-03-05", "2024-03-05"),
        ("2024年3月5日", "2024-03-05"),
        ("2024/3/5", "2024-03-05"),
        ("2024-08-25next week", None),
        ("2024-13", None),
        ("昨天", None),
    ],
)
def test_user_dates_are_parsed_whole_or_refused(typed: str, stored: str | None) -> None:
    assert parse_user_date(typed) == stored


@pytest.mark.parametrize(
    ("filename", "paragraphs", "title"),
    [
        ("2024年政府工作报告.txt", ["各位代表：", "政府工作报告"], "2024年政府工作报告"),
        (
            "新建文本文档.txt",
            ["各位代表！", "现在，我代表国务院，向大会报告", "政府工作报告"],
            "政府工作报告",
        ),
        ("e7bd677c4d2fd36b.txt", ["同志们：", "关于城市更新的讲话"], "关于城市更新的讲话"),
        ("01_廣州共產黨報告_(一大).txt", ["正文。"], "廣州共產黨報告 (一大)"),
        ("document1.docx", ["\u200b", "标题\u200b行"], "标题行"),
        ("untitled.txt", [], "untitled"),
        (
            "058_a1b2c3d4e5f6a7b8.txt",
            ["本模板所指的决定包括由主席令公布的修改或废止法律的决定。", "关于政府工作报告的决议"],
            "关于政府工作报告的决议",
        ),
    ],
)
def test_titles_skip_junk_names_and_opening_formulas(
    filename: str, paragraphs: list[str], title: str
) -> None:
    assert choose_title(filename=filename, paragraphs=paragraphs) == title


def test_metadata_title_wins_and_word_prefixes_go() -> None:
    got = choose_title(metadata="Microsoft Word - 报告.docx", heading="一、总体", filename="a.docx")
    assert got == "报告"
    assert clean_title("a\u200bb\x1b[2Jc\n d") == "ab[2Jc d"


def test_date_from_the_opening_lines_agrees_with_the_name() -> None:
    opening = ["政府工作报告", "——2024年3月5日在第十四届全国人民代表大会第二次会议上"]
    assert date_of("2024年政府工作报告.txt", opening) == "2024-03-05"
    assert date_of("报告.txt", opening) == "2024-03-05"
    # The name's year is trusted over a date of another year in the text.
    assert date_of("2023年报告.txt", opening) == "2023"
