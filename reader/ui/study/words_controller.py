"""The Words view's commands: refresh, open at the word, delete (undoable), export.

Given the word list, the document store (for titles), the undo stack and callables,
not the main window. The list is re-read only while it is shown: a word kept with the
view closed marks it stale, and showing it refreshes it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QWidget

from reader.core.changes import Changes
from reader.core.storage.documents import DocumentStore
from reader.core.study import WordList
from reader.errors import PizhuError
from reader.ui.common.undo import DeleteWords
from reader.ui.study.words_panel import WordsPanel


class WordsController(QObject):
    def __init__(
        self,
        parent: QWidget,
        panel: WordsPanel,
        words: WordList,
        documents: DocumentStore,
        undo_stack: QUndoStack,
        notify: Callable[[Changes], None],
        show_error: Callable[[str], None],
        show_message: Callable[[str], None],
        open_word: Callable[[int, int, int], object],
    ) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.panel = panel
        self.words = words
        self.documents = documents
        self.undo_stack = undo_stack
        self.notify = notify
        self.show_error = show_error
        self.show_message = show_message
        self.open_word = open_word
        self.stale = True
        self.export_path: Callable[[str], str] = self._ask_export_path  # tests replace it
        panel.filterChanged.connect(lambda _text: self.refresh())
        panel.openRequested.connect(self.open)
        panel.deleteRequested.connect(self.delete)
        panel.exportRequested.connect(self.export)

    def apply(self, changes: Changes) -> None:
        """The change bus's subscriber: kept words, or the titles the view shows."""
        if changes.words or changes.documents:
            self.changed()

    def changed(self) -> None:
        """The word list (or a document title) changed: refresh now if shown."""
        self.stale = True
        if self.panel.isVisible():
            self.refresh()

    def shown(self) -> None:
        if self.stale:
            self.refresh()

    def refresh(self) -> None:
        self.stale = False
        entries = self.words.list(text_filter=self.panel.filter.text())
        titles = {d.id: d.title for d in self.documents.list()}
        self.panel.set_entries(entries, titles, self.words.count())

    def open(self, word_id: int) -> None:
        try:
            entry = self.words.get(word_id)
        except PizhuError as exc:
            self.show_error(str(exc))
            return
        if entry.doc_id is None or entry.start is None or entry.end is None:
            self.show_message(
                self.tr("“{0}” has no place in a document to go to.").format(entry.word)
            )
            return
        self.open_word(entry.doc_id, entry.start, entry.end)

    def delete(self, ids: list[int]) -> None:
        if not ids:
            return
        words = [e.word for e in self.panel.model.entries if e.id in set(ids)]
        text = (
            self.tr("Delete “{0}”").format(words[0])
            if len(words) == 1
            else self.tr("Delete {0} words").format(len(ids))
        )
        command = DeleteWords(self.words.db, self.words, self.notify, list(ids), text)
        command.show_error = self.show_error
        try:
            command.execute()
        except PizhuError as exc:
            self.show_error(str(exc))
            return
        self.undo_stack.push(command)
        self.show_message(self.tr("{0} — Ctrl+Z brings it back").format(text))

    def export(self) -> None:
        """The words listed (all, or those the filter shows), oldest first: Anki adds new
        cards in file order."""
        entries = self.words.list(text_filter=self.panel.filter.text())
        if not entries:
            self.show_message(self.tr("No words to export."))
            return
        path = self.export_path(str(Path.home() / "pizhu-words.tsv"))
        if not path:
            return
        try:
            count = self.words.export_tsv(Path(path), list(reversed(entries)))
        except PizhuError as exc:
            self.show_error(str(exc))
            return
        self.show_message(self.tr("Exported {0} words to {1}").format(count, path))

    def _ask_export_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self.parent_widget,
            self.tr("Export words for Anki"),
            suggested,
            self.tr("Tab-separated text (*.tsv *.txt)"),
        )
        return path
