"""Importing real-world files into a real SQLite library in a temp dir."""

import os
import sys
from pathlib import Path

import pytest

from reader.core.check import check_database
from reader.core.ingest.importer import Importer
from reader.core.library import Library

TEXT = "# 城市更新\n\n城市更新是推动城市高质量发展的重要抓手。\n"


def statuses(results) -> list[tuple[str, str]]:
    return [(Path(r.path).name, r.status) for r in results]


def test_folder_import_builds_nested_collections(library: Library, tmp_path: Path) -> None:
    root = tmp_path / "政策 报告"
    (root / "2024年").mkdir(parents=True)
    (root / "a.txt").write_text(TEXT, encoding="utf-8")
    (root / "2024年" / "b.md").write_text("# 乙\n\n正文内容。\n", encoding="gbk")
    (root / "2024年" / "ignored.csv").write_text("x,y", encoding="utf-8")
    results = library.importer().import_paths([root])
    assert statuses(results) == [("a.txt", "imported"), ("b.md", "imported")]
    paths = library.collections.paths_by_document()
    assert paths[results[0].doc_id] == ["政策 报告"]
    assert paths[results[1].doc_id] == ["政策 报告/2024年"]
    info = library.documents.get(results[1].doc_id)
    assert (info.encoding, info.format, info.title) == ("gb2312", "markdown", "乙")


def test_reimport_unchanged_updated_and_duplicate(library: Library, tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text(TEXT, encoding="utf-8")
    first = library.importer().import_paths([a])[0]
    again = library.importer().import_paths([a])[0]
    assert again.status == "unchanged" and again.doc_id == first.doc_id
    copy = tmp_path / "copy.txt"
    copy.write_bytes(a.read_bytes())
    dup = library.importer().import_paths([copy])[0]
    assert dup.status == "duplicate" and dup.doc_id == first.doc_id
    a.write_text(TEXT + "\n新增一段。\n", encoding="utf-8")
    updated = library.importer().import_paths([a])[0]
    assert updated.status == "updated" and updated.doc_id == first.doc_id
    assert library.documents.text(first.doc_id).endswith("新增一段。\n")
    assert len(library.documents.list()) == 1


def test_bad_files_are_skipped_and_the_rest_goes_on(library: Library, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "blank.txt").write_text("\n\n　\n", encoding="utf-8")
    results = library.importer().import_paths([tmp_path])
    by_name = {Path(r.path).name: r for r in results}
    assert by_name["good.txt"].status == "imported"
    assert by_name["empty.txt"].reason == "empty file"
    assert "PNG" in by_name["photo.txt"].reason
    assert by_name["blank.txt"].status == "skipped"


@pytest.mark.skipif(sys.platform != "linux", reason="bytes file names are a POSIX thing")
def test_non_utf8_file_names(library: Library, tmp_path: Path) -> None:
    name = "报告".encode("gbk") + b" 2024.txt"
    path = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), name)))
    path.write_text(TEXT, encoding="utf-8")
    result = library.importer().import_paths([path])[0]
    assert result.status == "imported"
    assert "\\x" in result.path  # shown with escapes, not lost
    assert library.importer().import_paths([path])[0].status == "unchanged"


def test_failure_midway_leaves_library_as_it_was(
    library: Library, tmp_path: Path, monkeypatch
) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"第{i}篇。\n", encoding="utf-8")
    calls = {"n": 0}
    real = Importer._import_one

    def failing(self, cand):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        return real(self, cand)

    monkeypatch.setattr(Importer, "_import_one", failing)
    with pytest.raises(OSError):
        library.importer().import_paths([tmp_path])
    assert library.documents.list() == []
    assert library.collections.all() == []
    assert check_database(library.db) == []


def test_offsets_of_outline_match_the_stored_text(library: Library) -> None:
    library.import_sample()
    docs = library.documents.list()
    assert len(docs) == 5
    for doc in docs:
        text = library.documents.text(doc.id)
        assert doc.chars == len(text)
        for entry in library.documents.outline(doc.id):
            assert text[entry.start : entry.start + len(entry.title)] == entry.title
    assert check_database(library.db) == []


def test_a_file_read_by_an_older_importer_is_read_again(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    [first] = library.importer().import_paths([path])
    library.db.execute("UPDATE documents SET parser_version = 0")
    [again] = library.importer().import_paths([path])
    assert (again.status, again.doc_id) == ("updated", first.doc_id)
    [third] = library.importer().import_paths([path])
    assert third.status == "unchanged"


def test_front_matter_tags_are_taken_once_and_bad_ones_dropped(
    library: Library, tmp_path: Path
) -> None:
    note = tmp_path / "笔记.md"
    note.write_text('---\ntags: [政策, "a//b", 城市/更新]\n---\n\n正文。\n', encoding="utf-8")
    other = tmp_path / "b.txt"
    other.write_text("另一篇。\n", encoding="utf-8")
    results = library.importer().import_paths([note, other])
    assert [r.status for r in results] == ["imported", "imported"]  # one bad tag aborts nothing
    doc = results[0].doc_id
    assert sorted(library.tags.document_tags(doc)) == ["城市/更新", "政策"]
    library.tags.untag_document(doc, ["政策"])
    note.write_text("---\ntags: [政策, 城市/更新]\n---\n\n正文改了。\n", encoding="utf-8")
    [again] = library.importer().import_paths([note])
    assert again.status == "updated"
    assert library.tags.document_tags(doc) == ["城市/更新"]  # the user's removal stands


def test_kept_copies_no_document_names_are_pruned_at_the_next_start(
    data_dir: Path, tmp_path: Path
) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><article><h1>标题</h1><p>正文第一段。</p></article></body></html>")
    library = Library.open(data_dir)
    [result] = library.importer().import_paths([page])
    kept = library.original_path(result.doc_id)
    assert kept is not None and kept.is_relative_to(data_dir)
    library.documents.delete(result.doc_id)
    library.db.conn.commit()
    assert kept.is_file()  # an undo in this session would still find it
    library.close()
    Library.open(data_dir).close()
    assert not kept.exists()


def test_a_changed_docx_keeps_its_annotations_on_their_words(
    library: Library, tmp_path: Path
) -> None:
    import docx  # the test extra: python-docx writes the fixture

    def write(paragraphs: list[str]) -> None:
        document = docx.Document()
        document.add_heading("城市更新报告", level=1)
        for text in paragraphs:
            document.add_paragraph(text)
        document.save(str(path))

    path = tmp_path / "报告.docx"
    write(["城市更新是推动高质量发展的重要抓手。", "要坚持人民城市人民建。"])
    [first] = library.importer().import_paths([path])
    text = library.documents.text(first.doc_id)
    start = text.index("人民城市人民建")
    note, _ = library.annotations.create(first.doc_id, start, start + 7)
    write(["新增一段开头的话。", "城市更新是推动高质量发展的重要抓手。", "要坚持人民城市人民建。"])
    [again] = library.importer().import_paths([path])
    assert (again.status, again.doc_id) == ("updated", first.doc_id)
    moved = library.annotations.get(note.id)
    assert library.documents.text(first.doc_id)[moved.start : moved.end] == "人民城市人民建"
    assert moved.start > start


def test_front_matter_aliases_are_kept_as_other_names(library: Library, tmp_path: Path) -> None:
    note = tmp_path / "笔记.md"
    note.write_text("---\ntitle: 城市更新笔记\naliases: [城市更新, 更新行动]\n---\n\n正文。\n")
    [result] = library.importer().import_paths([note])
    info = library.documents.get(result.doc_id)
    assert (info.title, info.aliases) == ("城市更新笔记", ["城市更新", "更新行动"])


def test_in_a_folder_the_copy_is_the_duplicate_not_the_original(
    library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "收件"
    folder.mkdir()
    for name in ("a (1).txt", "a.txt", "a - 副本.txt"):
        (folder / name).write_text(TEXT, encoding="utf-8")
    results = library.importer().import_paths([folder])
    assert statuses(results) == [
        ("a.txt", "imported"),
        ("a (1).txt", "duplicate"),
        ("a - 副本.txt", "duplicate"),
    ]


def test_changed_web_pages_and_books_keep_their_annotations(
    library: Library, tmp_path: Path
) -> None:
    """The same re-anchoring for every format: a page and a book edited in front of the mark."""
    from tests.core.ingest.formats import test_epub, test_html

    page = tmp_path / "news.html"
    page.write_bytes(test_html.NEWS.encode("utf-8"))
    book = tmp_path / "book.epub"
    book.write_bytes(test_epub.build(test_epub.epub3()))
    marks = {}
    for path, quote in ((page, "二、提升城市治理水平"), (book, "荷塘里开满了荷花")):
        [result] = library.importer().import_paths([path])
        text = library.documents.text(result.doc_id)
        start = text.index(quote)
        marks[path] = (
            result.doc_id,
            quote,
            library.annotations.create(result.doc_id, start, start + len(quote))[0].id,
            start,
        )
    edited = test_html.NEWS.replace(
        "<h2>二、提升城市治理水平",
        "<p>新增的一段话，写在这一节的前面。</p><h2>二、提升城市治理水平",
    )
    page.write_bytes(edited.encode("utf-8"))
    chapter = test_epub.CHAPTER1.replace("<p>", "<p>新增一段。</p><p>", 1)
    book.write_bytes(
        test_epub.build(test_epub.epub3(**{"OEBPS/text/ch1.xhtml": test_epub.page(chapter, "春")}))
    )
    for path, (doc, quote, ann, start) in marks.items():
        [again] = library.importer().import_paths([path])
        assert again.status == "updated", again.reason
        moved = library.annotations.get(ann)
        assert library.documents.text(doc)[moved.start : moved.end] == quote
        assert moved.start > start
