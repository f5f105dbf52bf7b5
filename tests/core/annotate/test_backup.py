"""JSON (W3C Web Annotation) backup: export, then restore into a fresh library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.export.service import ExportScope, ExportService
from reader.core.library import Library
from reader.errors import PizhuError
from tests.core.annotate.conftest import REPORT


def test_restore_matches_by_sha256_and_keeps_everything(library, add_doc, tmp_path) -> None:
    doc = add_doc(REPORT)
    other = add_doc("# 别的\n\n另一份文件。\n", "other.md")
    ann, _ = library.annotations.create_from_quote(
        doc, "推动城市高质量发展", note="注", tags=["城市/发展"], color="purple", style="underline"
    )
    library.annotations.create_from_quote(other, "另一份")
    library.tags.tag_document(doc, ["政策"])
    backup = tmp_path / "backup.json"
    report = ExportService(library.db).export_json(ExportScope(all=True), backup)
    assert (report.documents, report.annotations) == (2, 2)
    item = json.loads(backup.read_text(encoding="utf-8"))["first"]["items"][0]
    assert item["id"] == f"urn:uuid:{ann.uuid}"
    assert item["target"]["source"].startswith("urn:sha256:")
    assert item["body"][0] == {
        "type": "TextualBody", "value": "注", "format": "text/markdown", "purpose": "commenting",
    }  # fmt: skip

    fresh = Library.open(tmp_path / "fresh")
    try:
        src = tmp_path / "copy" / "renamed.md"  # same bytes, other name: matched by sha256
        src.parent.mkdir()
        src.write_text(REPORT, encoding="utf-8")
        fresh.importer().import_paths([src])
        restored = ExportService(fresh.db).import_json(backup)
        assert (restored.imported, restored.unmatched, restored.moved) == (1, 1, 0)
        (copy,) = fresh.annotations.list()
        assert copy.uuid == ann.uuid and copy.created == ann.created
        assert (copy.start, copy.end, copy.quote, copy.prefix, copy.suffix) == (
            ann.start, ann.end, ann.quote, ann.prefix, ann.suffix,
        )  # fmt: skip
        assert (copy.note, copy.tags, copy.color, copy.style) == (
            "注", ("城市/发展",), "purple", "underline",
        )  # fmt: skip
        assert fresh.tags.document_tags(copy.doc_id) == ["政策"]
        assert restored.changes.annotations == {copy.doc_id}
    finally:
        fresh.close()


def test_not_json(library, tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text("{nope", encoding="utf-8")
    with pytest.raises(PizhuError, match="not a JSON file"):
        ExportService(library.db).import_json(bad)
    bad.write_text('{"hello": 1}', encoding="utf-8")
    with pytest.raises(PizhuError, match="no items"):
        ExportService(library.db).import_json(bad)
