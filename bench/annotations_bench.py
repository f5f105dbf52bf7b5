"""Annotation benchmark: 10 000 annotations on one document (the 224 KB seed 003).

Usage: python bench/annotations_bench.py [--count N] [--doc PATH]

Times, in a fresh temp data dir: creating N annotations through the service (one
transaction), listing them, exporting them to Markdown, and re-anchoring all of them
after a real edit (a paragraph inserted near the start, one sentence reworded, one
paragraph deleted), done by re-importing the edited file as the app would; then the
worst case, the file replaced by an unrelated text (every annotation searched for fuzzily).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.export.service import ExportScope, ExportService  # noqa: E402
from reader.core.export.sync import sync_notes  # noqa: E402
from reader.core.library import Library  # noqa: E402
from reader.core.storage.db import transaction  # noqa: E402

DEFAULT_DOC = next((ROOT / "library").glob("003_*.txt"))


def timed(label: str, fn):  # type: ignore[no-untyped-def]
    begin = time.perf_counter()
    result = fn()
    print(f"{label:<44} {time.perf_counter() - begin:8.3f} s")
    return result


def edit(text: str) -> str:
    """Insert a paragraph near the start, reword a sentence, drop a paragraph."""
    paragraphs = text.split("\n\n")
    paragraphs.insert(3, "这是新插入的一段说明文字，用来检验批注能否随正文移动。" * 3)
    middle = len(paragraphs) // 2
    paragraphs[middle] = paragraphs[middle].replace("的", "之", 2)
    del paragraphs[middle + 5]
    return "\n\n".join(paragraphs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--doc", type=Path, default=DEFAULT_DOC)
    args = parser.parse_args()
    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / args.doc.name
        shutil.copy(args.doc, source)
        library = Library.open(Path(tmp) / "data")
        doc_id = library.importer().import_paths([source])[0].doc_id
        assert doc_id is not None
        text = library.documents.text(doc_id)
        print(f"document: {args.doc.name}, {len(text)} chars; {args.count} annotations")

        def create() -> None:
            service = library.annotations
            with transaction(library.db):
                for n in range(args.count):
                    start = rng.randrange(0, len(text) - 40)
                    end = start + rng.randrange(2, 40)
                    if not text[start:end].strip():
                        end = start + 40
                    tags = [f"主题/{n % 7}"] if n % 3 == 0 else []
                    service.create(
                        doc_id, start, end, note=f"第{n}条" if n % 5 == 0 else "", tags=tags
                    )

        timed("create (service, one transaction)", create)
        listed = timed("list_for_document", lambda: library.annotations.list_for_document(doc_id))
        assert len(listed) == args.count
        out = Path(tmp) / "export.md"
        timed(
            "export Markdown (one document)",
            lambda: ExportService(library.db).export_markdown(ExportScope((doc_id,)), out),
        )
        print(f"{'':<44} {out.stat().st_size / 1e6:8.2f} MB written")
        for preset in ("obsidian", "logseq"):
            timed(
                f"export {preset} template (one document)",
                lambda preset=preset: ExportService(library.db).export_markdown(
                    ExportScope((doc_id,)), out, template=preset
                ),
            )
        vault = Path(tmp) / "vault"
        timed("sync-notes, first run (creates the note)", lambda: sync_notes(library.db, vault))
        timed("sync-notes, nothing changed", lambda: sync_notes(library.db, vault))
        source.write_text(edit(source.read_text(encoding="utf-8")), encoding="utf-8")
        results = timed(
            "re-import + re-anchor after an edit", lambda: library.importer().import_paths([source])
        )
        print(f"{'':<44} {results[0].details}")
        unrelated = next((ROOT / "library").glob("001_*.txt")).read_text(encoding="utf-8")
        source.write_text(unrelated, encoding="utf-8")
        results = timed(
            "worst case: file replaced by another text",
            lambda: library.importer().import_paths([source]),
        )
        print(f"{'':<44} {results[0].details}")
        library.close()


if __name__ == "__main__":
    main()
