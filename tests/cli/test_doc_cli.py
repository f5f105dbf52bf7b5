"""``pizhu doc``, ``show --pages`` and page citations, end to end on a real PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.ingest.formats.pdf_fixture import Page, write_pdf
from tests.core.ingest.formats.test_pdf import B4, sample_pages
from tests.helpers import run_cli

pytestmark = pytest.mark.gui  # the PDF fixture is written by Qt


def _import_pdf(capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path) -> int:
    path = tmp_path / "2024年政府工作报告.pdf"
    path.write_bytes(write_pdf(sample_pages()))
    result = run_cli(capsys, data_dir, "import", str(path), "--json")
    assert result.code == 0, result.err
    return int(result.json()[0]["doc_id"])


def test_show_pages_json_and_export_cites_the_page(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    doc = _import_pdf(capsys, data_dir, tmp_path)
    pages = run_cli(capsys, data_dir, "show", str(doc), "--pages", "--json").json()
    assert [p["page"] for p in pages] == [1, 2, 3, 4]
    assert [p["index"] for p in pages] == [1, 2, 3, 4]
    text = run_cli(capsys, data_dir, "show", str(doc), "--text").out
    assert pages[0]["start"] == 0 and text[pages[1]["start"] :].startswith("持续扩大")
    made = run_cli(capsys, data_dir, "annotate", str(doc), "--quote", B4)
    assert made.code == 0, made.err
    out = tmp_path / "notes.md"
    assert run_cli(capsys, data_dir, "export", str(doc), "-o", str(out)).code == 0
    exported = out.read_text(encoding="utf-8")
    assert " · p. 2 · [↗" in exported


def test_doc_edits_details_and_list_shows_them(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    doc = _import_pdf(capsys, data_dir, tmp_path)
    result = run_cli(
        capsys, data_dir, "doc", str(doc), "--title", "政府工作报告（2024）",
        "--author", "李强", "--date", "2024年3月5日", "--source", "https://www.gov.cn/x", "--json",
    )
    assert result.code == 0, result.err
    details = result.json()
    assert (details["title"], details["authors"], details["date"]) == (
        "政府工作报告（2024）", ["李强"], "2024-03-05"
    )
    listed = run_cli(capsys, data_dir, "list", "--json").json()
    assert listed[0]["source_url"] == "https://www.gov.cn/x"
    assert listed[0]["format"] == "pdf" and set(listed[0]["edited"]) >= {"title", "date"}
    # A re-import of a changed file keeps what the user set by hand.
    path = tmp_path / "2024年政府工作报告.pdf"
    path.write_bytes(write_pdf([*sample_pages(), Page(paragraphs=[["新的一页。"]])]))
    assert run_cli(capsys, data_dir, "import", str(path)).code == 0
    again = run_cli(capsys, data_dir, "doc", str(doc), "--json").json()
    assert again["title"] == "政府工作报告（2024）" and again["date"] == "2024-03-05"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--date", "昨天"],
            "pizhu: error: date: '昨天' is not a date (use 2024, 2024-03 or 2024-03-05)",
        ),
        (["--title", " \u200b "], "pizhu: error: title: a title cannot be blank"),
    ],
)
def test_doc_refuses_bad_values_in_one_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, args: list[str],
    message: str,
) -> None:
    doc = _import_pdf(capsys, data_dir, tmp_path)
    result = run_cli(capsys, data_dir, "doc", str(doc), *args)
    assert (result.code, result.err.strip()) == (2, message)
    assert "Traceback" not in result.err


def test_doc_on_a_missing_document_fails_in_one_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    result = run_cli(capsys, data_dir, "doc", "7", "--title", "x")
    assert result.code == 1 and result.err.strip() == "pizhu: error: no document with id 7"
