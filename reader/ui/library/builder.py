"""Fill the library tree model from the library (collections, documents, outline, tags)."""

from __future__ import annotations

from functools import cmp_to_key

from PySide6.QtCore import QCollator, QCoreApplication, QLocale, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QStandardItem
from PySide6.QtWidgets import QApplication, QStyle

from reader.core.annotate.progress import Progress
from reader.core.ingest.model import OutlineEntry
from reader.core.library import Library
from reader.core.storage.documents import DocumentInfo
from reader.ui.library.tree import KIND, LibraryModel, item


def folder_icon() -> QIcon:
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_DirIcon)


EXCERPT = 28


def document_label(title: str, percent: float, opened: bool) -> str:
    if percent >= 99.5:
        return f"{title}  ✓"
    if opened and percent > 0:
        return f"{title}  {percent:.0f}%"
    return title


def _collator() -> QCollator:
    """Chinese titles in pinyin order (ICU's zh collation), numbers by value (第2期 < 第10期)."""
    collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    collator.setNumericMode(True)
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return collator


def sort_documents(
    docs: list[DocumentInfo], progress: dict[int, Progress], order: str
) -> list[DocumentInfo]:
    """``title`` A→Z; ``date``, ``added`` and ``read`` newest first, undated/unread last.

    Ties (and the undated) fall back to title order.
    """
    collator = _collator()
    by_title = sorted(docs, key=cmp_to_key(lambda a, b: collator.compare(a.title, b.title)))
    if order == "date":
        return sorted(by_title, key=lambda d: d.date, reverse=True)  # "" (undated) sorts last
    if order == "added":
        return sorted(by_title, key=lambda d: (d.imported_at, d.id), reverse=True)
    if order == "read":
        return sorted(
            by_title, key=lambda d: progress[d.id].last_opened or "", reverse=True
        )  # never opened: last
    return by_title


def document_tooltip(doc: DocumentInfo) -> str:
    byline = "；".join(doc.authors)
    return "\n".join(filter(None, [doc.title, "  ·  ".join(filter(None, [byline, doc.date]))]))


def build_library_model(model: LibraryModel, library: Library, order: str = "title") -> None:
    model.clear()
    progress = {p.doc_id: p for p in library.progress.recent()}
    docs = sort_documents(library.documents.list(), progress, order)
    rank = {doc.id: n for n, doc in enumerate(docs)}
    by_id = {doc.id: doc for doc in docs}
    outlines = {doc.id: library.documents.outline(doc.id) for doc in docs}
    name_key = cmp_to_key(_collator().compare)

    def doc_item(doc_id: int) -> QStandardItem:
        doc, p = by_id[doc_id], progress[doc_id]
        opened = p.last_opened is not None
        entry = item(
            document_label(doc.title, p.percent, opened),
            "document",
            doc_id=doc_id,
            title=doc.title,
            match=" ".join([doc.title, *doc.authors, *doc.aliases, doc.date]),
        )
        if not opened:
            font = QFont()
            font.setBold(True)  # unread
            entry.setFont(font)
        entry.setToolTip(document_tooltip(doc))
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
        for c in sorted(by_parent.get(parent_id, []), key=lambda c: name_key(c.name)):
            node = item(c.name, "collection", collection_id=c.id)
            node.setIcon(folder_icon())
            add_collections(node, c.id)
            for doc_id in sorted(members.get(c.id, []), key=rank.__getitem__):
                node.appendRow(doc_item(doc_id))
            parent.appendRow(node)

    root = model.invisibleRootItem()
    add_collections(root, None)
    everything = item(
        QCoreApplication.translate("LibraryBuilder", "All Documents") + f"  ({len(docs)})",
        "section",
    )
    for doc in docs:
        everything.appendRow(doc_item(doc.id))
    root.appendRow(everything)
    root.appendRow(_workspace_row(library))
    root.appendRow(_bookmarks_branch(library))
    root.appendRow(_tags_branch(library, {doc.id: doc.title for doc in docs}))


def rebuild_tags_branch(model: LibraryModel, library: Library) -> None:
    """Annotation edits change only the Tags branch: replace it, keep the rest of the tree."""
    root = model.invisibleRootItem()
    last = root.rowCount() - 1
    if last >= 0 and root.child(last).data(KIND) == "tags":
        root.removeRow(last)
    root.appendRow(_tags_branch(library))
    _replace_branch(model, "workspace", _workspace_row(library))


def rebuild_bookmarks_branch(model: LibraryModel, library: Library) -> None:
    _replace_branch(model, "bookmarks", _bookmarks_branch(library))


def _replace_branch(model: LibraryModel, kind: str, branch: QStandardItem) -> None:
    root = model.invisibleRootItem()
    for row in range(root.rowCount()):
        if root.child(row).data(KIND) == kind:
            root.removeRow(row)
            root.insertRow(row, [branch])
            return
    root.appendRow(branch)


def _workspace_row(library: Library) -> QStandardItem:
    """Every annotation of the library, in the Annotations workspace (Ctrl+Shift+A)."""
    count = library.db.execute(
        "SELECT count(*) FROM annotations WHERE deleted_at IS NULL"
    ).fetchone()[0]
    label = QCoreApplication.translate("LibraryBuilder", "All Annotations")
    entry = item(f"{label}  ({count})", "workspace")
    entry.setToolTip(
        QCoreApplication.translate(
            "LibraryBuilder", "Review, filter and organise every annotation (Ctrl+Shift+A)"
        )
    )
    return entry


def _bookmarks_branch(library: Library) -> QStandardItem:
    marks = library.bookmarks.list()
    label = QCoreApplication.translate("LibraryBuilder", "Bookmarks")
    branch = item(f"{label}  ({len(marks)})", "bookmarks")
    for mark in marks:
        node = item(
            f"🔖 {mark.label()} — {mark.title}",
            "bookmark",
            bookmark_id=mark.id,
            match=" ".join([mark.name, mark.title, mark.excerpt]),
        )
        node.setToolTip(
            QCoreApplication.translate(
                "LibraryBuilder", "Enter jumps there; F2 renames; Delete removes"
            )
        )
        branch.appendRow(node)
    return branch


def _add_outline(parent: QStandardItem, doc_id: int, outline: list[OutlineEntry]) -> None:
    stack: list[tuple[int, QStandardItem]] = [(0, parent)]
    for entry in outline:
        while len(stack) > 1 and stack[-1][0] >= entry.level:
            stack.pop()
        node = item(entry.title, "heading", doc_id=doc_id, offset=entry.start)
        node.setForeground(QColor("#7a6f60"))
        stack[-1][1].appendRow(node)
        stack.append((entry.level, node))


def _tags_branch(library: Library, titles: dict[int, str] | None = None) -> QStandardItem:
    tags = library.tags.list()
    branch = item(QCoreApplication.translate("LibraryBuilder", "Tags") + f"  ({len(tags)})", "tags")
    if titles is None:
        titles = {d.id: d.title for d in library.documents.list()}
    by_tag: dict[str, list] = {}  # one query for every tag, not one per tag
    for ann in library.annotations.list():
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
