"""Import speed of each file format, on files made from real report text.

Usage: QT_QPA_PLATFORM=offscreen python bench/formats_bench.py [--runs N] [--pages N] [--mb MB]

Makes, from ``../shared/corpus`` (or generated text when it is absent):
a PDF of ``--pages`` A4 pages (default 300) written by Qt, with running heads
and page numbers; a DOCX, an EPUB and an HTML page of about ``--mb`` MB of text
each. Prints the median of ``--runs`` imports (extraction, layout, render and the
SQLite insert, in a fresh data dir) per format, with pages/s or MB of text per s.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from reader.core.library import Library  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
FALLBACK = "全会听取和讨论了工作报告，审议通过了《决定》。各地区各部门要坚持稳中求进工作总基调。"


def paragraphs(min_chars: int) -> list[str]:
    """Real paragraphs from the corpus, repeated until there are ``min_chars`` characters."""
    found: list[str] = []
    if CORPUS.is_dir():
        for path in sorted(CORPUS.rglob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [p.strip() for p in text.split("\n") if len(p.strip()) > 30]
    found = found or [FALLBACK * 3]
    out: list[str] = []
    total = 0
    while total < min_chars:
        for paragraph in found:
            out.append(paragraph)
            total += len(paragraph)
            if total >= min_chars:
                break
    return out


def make_pdf(pages: int) -> bytes:
    from tests.core.ingest.formats.pdf_fixture import Page, write_pdf

    lines_per_page, width = 32, 36
    made: list[Page] = []
    current: list[list[str]] = []
    used = 0
    for paragraph in paragraphs(pages * lines_per_page * width):
        lines = _wrap(paragraph, width)
        if used + len(lines) > lines_per_page:
            made.append(Page(paragraphs=current))
            current, used = [], 0
            if len(made) == pages:
                break
        current.append(lines)
        used += len(lines) + 1
    return write_pdf(made)


def _wrap(paragraph: str, width: int) -> list[str]:
    first = paragraph[: width - 2]
    rest = paragraph[width - 2 :]
    return [first] + [rest[i : i + width] for i in range(0, len(rest), width)]


def make_docx(chars: int) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = "基准文档"
    for index, paragraph in enumerate(paragraphs(chars)):
        if index % 40 == 0:
            document.add_heading(f"第{index // 40 + 1}章", level=1)
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_html(chars: int) -> bytes:
    body = "".join(
        (f"<h2>第{i // 40 + 1}部分</h2>" if i % 40 == 0 else "") + f"<p>{p}</p>"
        for i, p in enumerate(paragraphs(chars))
    )
    page = (
        '<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>基准页面</title>'
        '</head><body><nav><a href="/">首页</a></nav><article><h1>基准页面</h1>'
        f"{body}</article><footer>版权所有</footer></body></html>"
    )
    return page.encode("utf-8")


def make_epub(chars: int) -> bytes:
    chapters = []
    chunk: list[str] = []
    for paragraph in paragraphs(chars):
        chunk.append(f"<p>{paragraph}</p>")
        if len(chunk) == 200:
            chapters.append(chunk)
            chunk = []
    chapters.append(chunk)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        z.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        items = "".join(
            f'<item id="c{i}" href="c{i}.xhtml" media-type="application/xhtml+xml"/>'
            for i in range(len(chapters))
        )
        spine = "".join(f'<itemref idref="c{i}"/>' for i in range(len(chapters)))
        z.writestr(
            "OEBPS/content.opf",
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" '
            'unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
            '<dc:identifier id="id">bench</dc:identifier><dc:title>基准图书</dc:title>'
            "<dc:language>zh</dc:language></metadata>"
            f"<manifest>{items}</manifest><spine>{spine}</spine></package>",
        )
        for i, chapter in enumerate(chapters):
            z.writestr(
                f"OEBPS/c{i}.xhtml",
                '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
                f"<head><title>{i}</title></head><body><h1>第{i + 1}章</h1>{''.join(chapter)}"
                "</body></html>",
            )
    return out.getvalue()


def time_import(data: bytes, suffix: str, runs: int) -> tuple[float, int]:
    times: list[float] = []
    chars = 0
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"bench{suffix}"
        source.write_bytes(data)
        for run in range(runs):
            library = Library.open(Path(tmp) / f"data{run}")
            start = time.perf_counter()
            [result] = library.importer().import_paths([source])
            times.append(time.perf_counter() - start)
            if result.status != "imported":
                raise SystemExit(f"{suffix}: {result.status}: {result.reason}")
            chars = library.documents.get(result.doc_id or 0).chars
            library.close()
    return statistics.median(times), chars


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--mb", type=float, default=2.0)
    args = parser.parse_args()
    chars = int(args.mb * 1024 * 1024 / 3)  # UTF-8 Chinese: about 3 bytes a character
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    pdf = make_pdf(args.pages)
    seconds, got = time_import(pdf, ".pdf", args.runs)
    print(
        f"PDF  {args.pages} pages, {len(pdf) / 1e6:.1f} MB file, {got:,} chars: "
        f"median {seconds:.2f} s ({args.pages / seconds:.0f} pages/s)"
    )
    for name, suffix, maker in (
        ("DOCX", ".docx", make_docx),
        ("EPUB", ".epub", make_epub),
        ("HTML", ".html", make_html),
    ):
        data = maker(chars)
        seconds, got = time_import(data, suffix, args.runs)
        mb = got * 3 / 1024 / 1024
        print(
            f"{name} {got:,} chars ({mb:.1f} MB of text), {len(data) / 1e6:.1f} MB file: "
            f"median {seconds:.2f} s ({mb / seconds:.1f} MB of text/s)"
        )
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
