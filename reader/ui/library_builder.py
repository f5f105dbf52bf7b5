"""Fill the library tree model from the library (collections, documents, outline, tags)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QIcon, QStandardItem
from PySide6.QtWidgets import QApplication, QStyle

from reader.core.annotations import AnnotationService
from reader.core.library import Library
from reader.core.progress import ProgressService
from reader.core.tags import TagService
from reader.ui.library_tree import KIND, LibraryModel, item


def folder_icon() -> QIcon:
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_DirIcon)


EXCERPT = 28


def document_label(title: str, percent: float, opened: bool) -> str:
    if percent >= 99.5:
        return f"{title}  ✓"
    if opened and percent > 0:
        return f"{title}  {percent:.0f}%"
    return title


def build_library_model(model: LibraryModel, library: Library, tr=lambda s: s) -> None:  # noqa: ANN001
    model.clear()
    progress = ProgressService(library.db)
    docs = library.documents.list()
    doc_items: dict[int, tuple[str, float, bool]] = {}
    for doc in docs:
        p = progress.get(doc.id)
        doc_items[doc.id] = (doc.title, p.percent, p.last_opened is not None)
    outlines = {doc.id: library.documents.outline(doc.id) for doc in docs}

    def doc_item(doc_id: int) -> QStandardItem:
        title, percent, opened = doc_items[doc_id]
        entry = item(document_label(title, percent, opened), "document", doc_id=doc_id)
        if not opened:
            font = QFont()
            font.setBold(True)  # unread
            entry.setFont(font)
        entry.setToolTip(title)
        _add_outline(entry, doc_id, outlines[doc_id])
        return entry

    collections = library.collections.all()
    by_parent: dict[int | None, list] = {}
    for c in collections:
        by_parent.setdefault(c.parent_id, []).append(c)
    members: dict[int, list[int]] = {}
    for doc_id, collection_id in library.db.execute(
        "SELECT doc_id, collection_id FROM document_collections ORDER BY doc_id"
    ).fetchall():
        members.setdefault(collection_id, []).append(doc_id)

    def add_collections(parent: QStandardItem, parent_id: int | None) -> None:
        for c in sorted(by_parent.get(parent_id, []), key=lambda c: c.name):
            node = item(c.name, "collection", collection_id=c.id)
            node.setIcon(folder_icon())
            add_collections(node, c.id)
            for doc_id in members.get(c.id, []):
                node.appendRow(doc_item(doc_id))
            parent.appendRow(node)

    root = model.invisibleRootItem()
    add_collections(root, None)
    everything = item(tr("All Documents") + f"  ({len(docs)})", "section")
    for doc in docs:
        everything.appendRow(doc_item(doc.id))
    root.appendRow(everything)
    root.appendRow(_tags_branch(library, tr, {doc.id: doc.title for doc in docs}))


def rebuild_tags_branch(model: LibraryModel, library: Library, tr=lambda s: s) -> None:  # noqa: ANN001
    """Annotation edits change only the Tags branch: replace it, keep the rest of the tree."""
    root = model.invisibleRootItem()
    last = root.rowCount() - 1
    if last >= 0 and root.child(last).data(KIND) == "tags":
        root.removeRow(last)
    root.appendRow(_tags_branch(library, tr))


def _add_outline(parent: QStandardItem, doc_id: int, outline) -> None:  # noqa: ANN001
    stack: list[tuple[int, QStandardItem]] = [(0, parent)]
    for entry in outline:
        while len(stack) > 1 and stack[-1][0] >= entry.level:
            stack.pop()
        node = item(entry.title, "heading", doc_id=doc_id, offset=entry.start)
        node.setForeground(QColor("#7a6f60"))
        stack[-1][1].appendRow(node)
        stack.append((entry.level, node))


def _tags_branch(library: Library, tr, titles: dict[int, str] | None = None) -> QStandardItem:  # noqa: ANN001
    tags = TagService(library.db).list()
    branch = item(tr("Tags") + f"  ({len(tags)})", "tags")
    if titles is None:
        titles = {d.id: d.title for d in library.documents.list()}
    by_tag: dict[str, list] = {}  # one query for every tag, not one per tag
    for ann in AnnotationService(library.db).list():
        for name in ann.tags:
            by_tag.setdefault(name, []).append(ann)
    nodes: dict[str, QStandardItem] = {}
    for tag in sorted(tags, key=lambda t: t.name):
        node = item(f"#{tag.name.rsplit('/', 1)[-1]}  ({tag.total})", "tag", tag=tag.name)
        parent_name = tag.name.rsplit("/", 1)[0] if "/" in tag.name else None
        parent = nodes.get(parent_name) if parent_name else None
        (parent or branch).appendRow(node)
        nodes[tag.name] = node
        for ann in by_tag.get(tag.name, []):  # its own annotations; deeper tags list theirs
            quote = ann.quote.replace("\n", " ")
            more = "…" if len(quote) > EXCERPT else ""
            label = f"“{quote[:EXCERPT]}{more}” — {titles.get(ann.doc_id, '')}"
            node.appendRow(item(label, "annotation", doc_id=ann.doc_id, annotation_id=ann.id))
    return branch
