"""The collection tree: sub-collections count as part of their parent."""

from pathlib import Path

from reader.core.library import Library


def test_documents_in_includes_sub_collections(data_dir: Path, tmp_path: Path) -> None:
    root = tmp_path / "报告"
    (root / "2024").mkdir(parents=True)
    (root / "a.txt").write_text("甲文。\n", encoding="utf-8")
    (root / "2024" / "b.txt").write_text("乙文。\n", encoding="utf-8")
    library = Library.open(data_dir)
    try:
        a, b = (r.doc_id for r in library.importer().import_paths([root]))
        paths = {c.path: c.id for c in library.collections.all()}
        top, sub = paths["报告"], paths["报告/2024"]
        assert library.collections.documents_in(top) == [a, b]
        assert library.collections.documents_in(top, recursive=False) == [a]
        assert library.collections.documents_in(sub) == [b]
        assert library.collections.collections_of(b) == [sub]
    finally:
        library.close()
