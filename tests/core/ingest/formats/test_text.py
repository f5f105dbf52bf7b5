"""Plain text and Markdown: what each syntax means, and what it does not."""

import pytest

from reader.core.export.markdown import front_matter
from reader.core.ingest.formats.text import extract_text, is_markdown_name, parse_document


def outline(raw: str, name: str) -> list[tuple[int, str]]:
    parsed = parse_document(raw, name)
    for entry in parsed.outline:
        assert parsed.text[entry.start : entry.start + len(entry.title)] == entry.title
    return [(e.level, e.title) for e in parsed.outline]


OBSIDIAN = """---
title: 测试笔记
tags: [政策, "城市/更新"]
date: 2024-03-05
aliases:
  - 笔记一
  - 笔记二
author: 张三
url: https://example.com/a
cssclasses:
  nested: value
description: |
  多行的
  说明
---

# 正文标题

正文第一段。
"""


def test_front_matter_becomes_metadata_not_text() -> None:
    parsed = parse_document(OBSIDIAN, "note.md")
    assert parsed.text == "正文标题\n\n正文第一段。\n"
    assert parsed.title == "测试笔记"
    meta = parsed.meta
    assert meta.tags == ["政策", "城市/更新"]
    assert meta.aliases == ["笔记一", "笔记二"]
    assert (meta.date, meta.authors, meta.source_url) == (
        "2024-03-05",
        ["张三"],
        "https://example.com/a",
    )
    assert parsed.outline[0].start == 0


def test_pizhus_own_export_reads_back() -> None:
    header = front_matter(
        {
            "title": "政府工作报告：“稳中求进”",
            "source": "/home/me/报告.txt",
            "doc_id": 3,
            "tags": ["政策/城市", "重点"],
            "exported": "2026-01-02T03:04:05+00:00",
            "annotations": 12,
        }
    )
    parsed = parse_document(header + "\n\n# 政府工作报告\n\n> 引用\\\n> 第二行\n\n笔记。\n", "x.md")
    assert parsed.meta.title == "政府工作报告：“稳中求进”"
    assert parsed.meta.tags == ["政策/城市", "重点"]
    assert parsed.meta.source_url == "/home/me/报告.txt"
    assert parsed.text.startswith("政府工作报告\n\n> 引用")


@pytest.mark.parametrize(
    ("header", "tags", "authors"),
    [
        ("tags: 政策, 城市\nauthors: 甲、乙", ["政策", "城市"], ["甲", "乙"]),
        ("tags:\n- '#政策'\n- \"城市\"\nauthor: [甲]", ["政策", "城市"], ["甲"]),
        ("tags: 政策 # a comment\nauthor: 'O''Neil'", ["政策"], ["O'Neil"]),
    ],
)
def test_front_matter_lists_and_strings(header: str, tags: list[str], authors: list[str]) -> None:
    meta = extract_text(f"---\n{header}\n---\n正文。\n", markdown=True).meta
    assert (meta.tags, meta.authors) == (tags, authors)


@pytest.mark.parametrize(
    "header",
    [
        "title: 测试\n这一行不是 YAML",
        'title: "没有结束的引号',
        "tags: [政策, 城市",
        "title: x\n- 列表项不属于任何键",
        "title: 'a",
        'title: "\\q"',
    ],
)
def test_malformed_front_matter_is_kept_as_text(header: str) -> None:
    raw = f"---\n{header}\n---\n\n正文。\n"
    parsed = parse_document(raw, "note.md")
    assert parsed.text == f"---\n{header}\n---\n\n正文。\n"
    assert parsed.outline == []
    assert parsed.meta.title == ""


def test_what_is_no_front_matter_stays_markdown() -> None:
    unclosed = "---\ntitle: 测试\n\n正文。\n"
    assert parse_document(unclosed, "a.md").text == "---\n\ntitle: 测试\n\n正文。\n"
    rules = "---\n\n正文一段。\n\n---\n\n正文二段。\n"
    parsed = parse_document(rules, "a.md")
    assert parsed.text == rules
    assert parsed.outline == []
    later = "# 标题\n\n---\ntitle: 不是开头\n---\n"
    assert parse_document(later, "a.md").meta.title == ""


def test_setext_and_atx_headings_in_markdown() -> None:
    raw = "标题一\n===\n\n正文。\n\n标题二\n第二行\n---\n\n## 三 ##\n\n#不是标题\n"
    parsed = parse_document(raw, "a.md")
    assert outline(raw, "a.md") == [(1, "标题一"), (2, "标题二第二行"), (2, "三")]
    assert parsed.text == "标题一\n\n正文。\n\n标题二第二行\n\n三\n\n#不是标题\n"


def test_fences_tables_and_html_are_verbatim_in_markdown() -> None:
    raw = (
        "说明：\n\n```python\n# 不是标题\nx = 1\n\ny = 2\n```\n\n"
        "| 项目 | 数值 |\n|---|---|\n| （一）GDP | 5.2% |\n\n"
        "<div>\n一、不是标题\n</div>\n\n"
        "- 列表项\n\n  ```\n  code\n  in a list\n  ```\n"
    )
    parsed = parse_document(raw, "a.md")
    assert parsed.text == raw
    assert parsed.outline == []


def test_markdown_lines_mean_nothing_in_plain_text() -> None:
    raw = "# 1\n\n正文第一段。\n\n第二段文字\n---\n\n```\n代码\n```\n"
    parsed = parse_document(raw, "a.txt")
    assert parsed.outline == []
    assert parsed.text.startswith("# 1\n\n正文第一段。\n\n第二段文字\n---\n\n```")
    front = "---\ntitle: 测试\n---\n\n正文。\n"
    assert parse_document(front, "a.txt").meta.title == ""
    assert parse_document(front, "a.txt").text == front


def test_plain_text_written_with_hash_headings_keeps_them() -> None:
    """Saved articles are often Markdown in a ``.txt``: ``# 标题`` between blank lines."""
    raw = "# 城市更新\n\n城市更新是重要抓手。\n\n## 一、总体要求\n\n正文。\n"
    assert outline(raw, "a.txt") == [(1, "城市更新"), (2, "一、总体要求")]
    assert parse_document(raw, "a.txt").text == raw.replace("# ", "").replace("#", "")
    remark = "正文第一段。\n\n# 注：以下为附录\n\n正文第二段。\n"
    assert parse_document(remark, "a.txt").outline == []


def test_the_caller_or_the_suffix_says_which_syntax() -> None:
    raw = "标题\n===\n\n正文。\n"
    assert parse_document(raw, "a.md").outline
    assert parse_document(raw, "a.MARKDOWN").outline
    assert not parse_document(raw, "a.txt").outline
    assert parse_document(raw).outline  # no name: Markdown, as always
    assert not parse_document(raw, "a.md", markdown=False).outline
    assert parse_document(raw, "a.txt", markdown=True).outline
    assert not extract_text(raw, markdown=False).blocks[0].heading
    assert (is_markdown_name("x.md"), is_markdown_name("x.txt"), is_markdown_name("")) == (
        True,
        False,
        True,
    )


def test_markdown_reflows_paragraphs_like_plain_text(fixture_text) -> None:
    raw = fixture_text("seed003_head.txt")
    as_md, as_txt = parse_document(raw, "a.md"), parse_document(raw, "a.txt")
    assert as_md.text == as_txt.text
    assert as_md.outline == as_txt.outline
