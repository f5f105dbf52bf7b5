"""PDF import: exact Chinese text, paragraphs, columns, running heads, pages, outline."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.ingest.formats.pdf import extract
from reader.core.ingest.model import FormatError, ParsedDocument
from reader.core.ingest.render import render
from tests.core.ingest.formats.pdf_fixture import Page, add_bookmarks_and_labels, chars, write_pdf

pytestmark = pytest.mark.gui  # Qt's PDF writer makes the fixtures

A1 = "现在，我代表国务院，向大会报告政府工作，请予审议。过去一年工业长期"  # 34 + indent
A2 = chars(35, "稳定发展，长江经济带建设取得新进展") + "，"
A3 = "城市更新行动稳步推进。"
B1 = chars(32, "我们坚持稳中求进工作总基调") + "，全"
B2 = chars(35, "面深化改革开放推动高质量发展") + "，"
B3 = "~" + chars(34, "持续扩大国内需求优化经济结构") + "，着"  # page 2, not indented
B4 = "力稳就业惠民生。"
C1 = chars(20, "工业和长江") + "。"
L1, L2 = chars(14, "左栏第一段落内容") + "，继", "续写完左栏。"
R1, R2 = chars(14, "右栏文字同样重要") + "，也", "要读到。"
BOLD = "一、今年工作总体要求"
D1 = chars(10, "加快建设现代化产业体系") + "。"

TITLE = "政府工作报告"
PARA_A = A1 + A2 + A3
PARA_B = B1 + B2 + B3[1:] + B4
PARA_LEFT = L1 + L2
PARA_RIGHT = R1 + R2


def sample_pages() -> list[Page]:
    return [
        Page(title=TITLE, paragraphs=[[A1, A2, A3], [B1, B2]]),
        Page(paragraphs=[[B3, B4], [C1]]),
        Page(paragraphs=[[L1, L2]] * 1 + [[L1, L2]] * 3, right_column=[[R1, R2]] * 4),
        Page(bold=BOLD, paragraphs=[[D1]]),
    ]


@pytest.fixture(scope="module")
def sample() -> ParsedDocument:
    data = write_pdf(sample_pages(), title="2024年政府工作报告", author="国务院；李强")
    return render(extract(data, "report.pdf"), "report.pdf")


def test_text_is_exact_paragraphs_without_running_heads(sample: ParsedDocument) -> None:
    columns = [PARA_LEFT] * 4 + [PARA_RIGHT] * 4
    expected = [TITLE, PARA_A, PARA_B, C1, *columns, BOLD, D1]
    assert sample.text == "\n\n".join(expected) + "\n"


def test_radicals_become_ideographs_and_no_garbage(sample: ParsedDocument) -> None:
    assert "工" in sample.text and "长" in sample.text
    assert not any("\u2e80" <= ch <= "\u2fdf" for ch in sample.text)
    assert not any("\ue000" <= ch <= "\uf8ff" or ch == "\ufffd" for ch in sample.text)
    assert " " not in sample.text  # no spaces between CJK characters


def test_each_page_starts_where_its_first_character_is(sample: ParsedDocument) -> None:
    text = sample.text
    starts = [p.start for p in sample.pages]
    assert [p.label for p in sample.pages] == ["1", "2", "3", "4"]
    assert starts[0] == 0
    assert text[starts[1] :].startswith(B3[1:])  # page 2 begins mid-paragraph
    assert text[starts[2] :].startswith(PARA_LEFT)
    assert text[starts[3] :].startswith(BOLD)
    assert [p.as_dict() for p in sample.pages][1] == {"page": 2, "start": starts[1]}


def test_metadata_and_detected_outline(sample: ParsedDocument) -> None:
    assert sample.title == "2024年政府工作报告"
    assert sample.meta.authors == ["国务院", "李强"]
    # The first page's large line is the document's heading; 一、 falls under it.
    assert [(e.level, e.title, e.start) for e in sample.outline] == [
        (1, TITLE, 0),
        (2, BOLD, sample.text.index(BOLD)),
    ]
    assert not sample.declared_outline


def test_without_a_metadata_title_the_large_first_line_is_the_title() -> None:
    data = write_pdf(sample_pages()[:1])
    parsed = render(extract(data, "W020240313510491378468.pdf"), "W020240313510491378468.pdf")
    assert parsed.title == TITLE


def test_bookmarks_and_page_labels() -> None:
    pages = sample_pages()
    data = add_bookmarks_and_labels(
        write_pdf(pages), [("封面", 0), ("左栏", 2), ("一、今年工作 总体要求", 3)], roman_first=1
    )
    parsed = render(extract(data, "x.pdf"), "x.pdf")
    assert [p.label for p in parsed.pages] == ["i", "1", "2", "3"]
    assert [p.as_dict()["page"] for p in parsed.pages] == ["i", 1, 2, 3]
    assert parsed.declared_outline
    text = parsed.text
    assert [(e.title, e.start) for e in parsed.outline] == [
        ("封面", 0),
        ("左栏", text.index(PARA_LEFT)),
        (BOLD, text.index(BOLD)),  # the bookmark's title found in the text, spaces aside
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK\x03\x04" + b"\0" * 100, "not a PDF file (it is a ZIP archive)"),
        (b"<html><body>x</body></html>", "not a PDF file (it is an HTML page)"),
        (b"%PDF-1.7\n" + b"\0" * 50, "damaged PDF: pdfium cannot read it"),
    ],
)
def test_bad_files_get_one_line_reasons(data: bytes, reason: str) -> None:
    with pytest.raises(FormatError) as caught:
        extract(data, "bad.pdf")
    assert str(caught.value) == reason


def test_real_double_letters_stay_and_fake_bold_goes() -> None:
    line = "~will follow all summer"  # (Qt writes digits with no Unicode mapping)
    data = write_pdf([Page(bold="一、工作要求", paragraphs=[[line], [C1]])], header="", folio="")
    text = render(extract(data, "x.pdf"), "x.pdf").text
    assert text.split("\n\n")[:2] == ["一、工作要求", "will follow all summer"]


def test_centred_lines_stand_alone_and_letter_spacing_is_not_spaces() -> None:
    page = Page(
        centred=["政府工作报告", "国务院总理李强"],
        spaced="开展“人工智能+”行动，",
        paragraphs=[["~各位代表："], [A1, A2, A3]],
    )
    text = render(extract(write_pdf([page], header=""), "x.pdf"), "x.pdf").text
    expected = ["政府工作报告", "国务院总理李强", "开展“人工智能+”行动，", "各位代表：", PARA_A]
    assert text.rstrip("\n").split("\n\n")[:5] == expected


def test_truncated_scanned_and_encrypted_pdfs_are_refused() -> None:
    good = write_pdf([Page(paragraphs=[[C1]])])
    with pytest.raises(FormatError, match="damaged PDF"):
        extract(good[: len(good) // 3], "cut.pdf")
    scanned = write_pdf([Page(), Page()], header="", folio="")
    with pytest.raises(FormatError, match=r"no text layer \(scanned\); OCR is not supported"):
        extract(scanned, "scan.pdf")
    locked = add_bookmarks_and_labels(good, [], encrypt="secret")
    with pytest.raises(FormatError, match="encrypted PDF"):
        extract(locked, "locked.pdf")


def test_import_keeps_the_original_and_reanchors_on_change(tmp_path: Path) -> None:
    from reader.core.library import Library

    path = tmp_path / "报告.pdf"
    path.write_bytes(write_pdf(sample_pages()[:2]))
    library = Library.open(tmp_path / "data")
    try:
        [result] = library.importer().import_paths([path])
        doc = result.doc_id
        assert result.status == "imported" and doc is not None
        text = library.documents.text(doc)
        start = text.index("城市更新行动")
        note, _ = library.annotations.create(doc, start, start + 6)
        kept = library.original_path(doc)
        assert kept is not None and kept.read_bytes() == path.read_bytes()
        assert kept.is_relative_to(tmp_path / "data")
        assert library.documents.page_at(doc, text.index(B4)) == "2"
        changed = sample_pages()[:2]
        changed[0].paragraphs.insert(0, [chars(20, "新增加的一段话") + "。"])
        path.write_bytes(write_pdf(changed))
        [again] = library.importer().import_paths([path])
        assert again.status == "updated"
        moved = library.annotations.get(note.id)
        new_text = library.documents.text(doc)
        assert new_text[moved.start : moved.end] == "城市更新行动"
        assert moved.start > start
    finally:
        library.close()


def test_a_bare_folio_close_under_the_last_line_is_still_a_folio() -> None:
    from reader.core.ingest.formats.pdf_layout import Char, drop_running_lines, fragments, rows_of

    def row(text: str, left: float, bottom: float) -> list[Char]:
        return [
            Char(ch, left + 12 * i, left + 12 * (i + 1), bottom, bottom + 17)
            for i, ch in enumerate(text)
        ]

    body = [row("正文第一行继续写到页面底部", 72, 700 - 20 * i) for i in range(30)]
    chars = [c for line in body for c in line] + row("12", 290, 95)  # 8 pt under the last line
    page = rows_of(fragments(chars))
    pages = [page, [list(r) for r in page]]
    drop_running_lines(pages, [842, 842], ["12", "13"])
    texts = ["".join(c.ch for run in r for c in run.chars) for r in pages[0]]
    assert "12" not in texts and len(texts) == 30
