"""Export the workspace's selection: THE hook for the export dialog.

Until ``reader.ui.export.ExportDialog`` exists, "Export selection…" writes the
Markdown export of exactly the selected annotations (today's format, grouped by
document). When the dialog lands, :func:`export_selection` is the one place to
change: open the dialog with the scope "selection" and these ids.
"""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from reader.core.annotate.annotations import Annotation
from reader.core.export import markdown
from reader.core.export.service import ExportService, write_atomic
from reader.core.storage.db import now_iso


def selection_markdown(db: Database, anns: list[Annotation], exported: str | None = None) -> str:
    """The Markdown of ``anns`` only: one document's export, or several documents together."""
    service = ExportService(db)
    by_doc: dict[int, list[Annotation]] = {}
    for ann in sorted(anns, key=lambda a: (a.doc_id, a.start, a.end, a.id)):
        by_doc.setdefault(ann.doc_id, []).append(ann)
    labels = service.colors.labels()
    stamp = exported or now_iso()
    docs = [
        (service._export_document(service.documents.get(doc_id)), found)  # noqa: SLF001
        for doc_id, found in by_doc.items()
    ]
    if len(docs) == 1:
        return markdown.render_document(docs[0][0], docs[0][1], labels, stamp)
    return markdown.render_many("批注", docs, labels, stamp)


def export_selection(db: Database, anns: list[Annotation], path: Path) -> int:
    """Write the selection to ``path``; returns how many annotations it holds."""
    write_atomic(path, selection_markdown(db, anns))
    return len(anns)
