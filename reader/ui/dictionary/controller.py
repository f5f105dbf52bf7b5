"""Look up the word at the cursor (or the selection) and keep it: what ``D`` does.

Given a narrow context (the reader, the dictionary loader, the word list and the
annotations, the settings, the undo stack and three callables), never the main
window. Lookups read the reader's canonical text, so a document shown in the other
script looks up, keeps and quotes exactly what the library holds.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, QPoint, QRect, QTimer
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QWidget

from reader.core.annotate.annotations import AnnotationService
from reader.core.changes import Changes
from reader.core.dictionary import Dictionary, Lookup
from reader.core.study import NEW_WORD_TAG, WordList, sentence_around
from reader.errors import PizhuError
from reader.ui.common.undo import KeepWord
from reader.ui.dictionary.loader import DictionaryLoader
from reader.ui.dictionary.popup import DictionaryPopup
from reader.ui.reading.view import ReaderView
from reader.ui.window.gui_settings import GuiSettings

MAX_SELECTION_CHARS = 16
"""A longer selection is not a word: the word at its start is looked up instead."""
DEFINITION_SEPARATOR = "; "


@dataclass(frozen=True)
class Request:
    """What to look up: a span (a selection) or the word at an offset."""

    doc_id: int
    offset: int
    span: tuple[int, int] | None = None


class DictionaryController(QObject):
    def __init__(
        self,
        parent: QWidget,
        reader: ReaderView,
        loader: DictionaryLoader,
        words: WordList,
        annotations: AnnotationService,
        settings: GuiSettings,
        undo_stack: QUndoStack,
        notify: Callable[[Changes], None],
        show_error: Callable[[str], None],
        show_message: Callable[[str], None],
        popup_actions: list[QAction],
    ) -> None:
        super().__init__(parent)
        self.reader = reader
        self.loader = loader
        self.words = words
        self.annotations = annotations
        self.settings = settings
        self.undo_stack = undo_stack
        self.notify = notify
        self.show_error = show_error
        self.show_message = show_message
        self.popup = DictionaryPopup(parent, popup_actions)
        self.popup.annotate_box.setChecked(settings.keep_annotates)
        self.popup.annotate_box.toggled.connect(self._annotate_toggled)
        self.popup.keepRequested.connect(self.keep)
        self.popup.closed.connect(self._closed)
        self.popup.dismissed.connect(self._dismissed)
        self.current: Lookup | None = None  # what the pop-up shows (its span is set)
        self._doc_id: int | None = None
        self._pending: Request | None = None  # asked for while the dictionary loads
        self.last_lookup_ms = 0.0  # from the key press to the pop-up filled in
        loader.ready.connect(self._dictionary_ready)
        loader.failed.connect(self._dictionary_failed)
        reader.lookupRequested.connect(self.lookup_at)
        reader.documentChanged.connect(lambda: self.close(return_focus=False))
        reader.verticalScrollBar().valueChanged.connect(lambda _v: self._follow_scroll())
        reader.lookup_on_double_click = True

    @property
    def dictionary(self) -> Dictionary | None:
        return self.loader.dictionary

    # ----- looking up --------------------------------------------------------------------
    def lookup(self) -> None:
        """``D``: the selection if there is one, else the word at the cursor."""
        doc_id = self.reader.doc_id
        if doc_id is None:
            return
        span = self.reader.selection_offsets()
        offset = self.reader.from_qt(self.reader.textCursor().position())
        if span is not None:
            span = _trimmed(self.reader.text, span)
            if span is not None and span[1] - span[0] > MAX_SELECTION_CHARS:
                offset, span = span[0], None
        self._request(Request(doc_id, offset, span))

    def lookup_at(self, offset: int) -> None:
        """A double-click: the word at the character ``offset``."""
        if self.reader.doc_id is not None:
            self._request(Request(self.reader.doc_id, offset))

    def _request(self, request: Request) -> None:
        started = time.perf_counter()
        dictionary = self.dictionary
        if dictionary is None:
            self._pending = request
            self.current = None
            self._doc_id = request.doc_id
            end = min(request.offset + 1, len(self.reader.text))
            anchor = request.span or (request.offset, end)
            self.popup.show_loading()
            self._show_at(anchor)
            if self.loader.error and not self.loader.loading:
                self.popup.show_error(self.loader.error)
            self.loader.start()
            return
        found = self._find(dictionary, request)
        if found is None or found.span is None:
            self.close(return_focus=False)
            self.show_message(self.tr("No word to look up here."))
            return
        self._show(found, request.doc_id)
        self.last_lookup_ms = (time.perf_counter() - started) * 1000

    def _find(self, dictionary: Dictionary, request: Request) -> Lookup | None:
        text = self.reader.text
        if request.span is not None:
            start, end = request.span
            return replace(dictionary.lookup(text[start:end]), span=(start, end))
        found = dictionary.lookup_at(text, request.offset)
        if found.span is None and request.offset > 0:  # the cursor just after a word
            found = dictionary.lookup_at(text, request.offset - 1)
        return found

    def _show(self, found: Lookup, doc_id: int) -> None:
        assert found.span is not None and self.dictionary is not None
        self.current = found
        self._doc_id = doc_id
        start, end = found.span
        self.reader.select_range(start, end, reveal=False)
        reading = "" if found.entries else self.dictionary.pinyin_of(found.query)
        kept = self.words.find(found.query) is not None
        self.popup.show_lookup(found, reading, kept)
        self._show_at(found.span)

    def _show_at(self, span: tuple[int, int]) -> None:
        rect = self._span_rect(span)
        if rect is None:  # off screen: under the top of the view
            viewport = self.reader.viewport()
            rect = QRect(viewport.mapToGlobal(QPoint(0, 0)), viewport.mapToGlobal(QPoint(0, 0)))
        self.popup.show_near(rect)

    def _span_rect(self, span: tuple[int, int]) -> QRect | None:
        viewport = self.reader.viewport()
        rects = [r.toAlignedRect() for r in self.reader.span_rects(*span)]
        rects = [r for r in rects if r.intersects(viewport.rect())]
        if not rects:
            return None
        united = rects[0]
        for r in rects[1:]:
            united = united.united(r)
        return QRect(viewport.mapToGlobal(united.topLeft()), united.size())

    def _follow_scroll(self) -> None:
        """The pop-up stays next to its word while the view scrolls, and goes when the
        word leaves the view."""
        if not self.popup.isVisible() or self.current is None or self.current.span is None:
            return
        rect = self._span_rect(self.current.span)
        if rect is None:
            self.close(return_focus=False)
        else:
            self.popup.place_near(rect)

    def _dictionary_ready(self) -> None:
        request, self._pending = self._pending, None
        if request is not None and self.popup.isVisible() and request.doc_id == self.reader.doc_id:
            self._request(request)

    def _dictionary_failed(self, error: str) -> None:
        if self._pending is not None and self.popup.isVisible():
            self.popup.show_error(error)

    # ----- shorter and longer ------------------------------------------------------------
    def grow(self, direction: int) -> None:
        """``Shift+→`` (+1) / ``Shift+←`` (−1): one character more or fewer at the end."""
        dictionary, current = self.dictionary, self.current
        if dictionary is None or current is None or current.span is None:
            return
        doc_id = self._doc_id
        if doc_id is None or doc_id != self.reader.doc_id:
            return
        text = self.reader.text
        span = dictionary.grow(text, current.span, direction)
        if span == current.span:
            return
        found = replace(dictionary.lookup(text[span[0] : span[1]]), span=span)
        self._show(found, doc_id)

    # ----- keep it -----------------------------------------------------------------------
    def keep(self) -> KeepWord | None:
        """Add the word to the word list (and, if ticked, annotate it), undoably."""
        current, doc_id = self.current, self._doc_id
        if current is None or current.span is None or doc_id != self.reader.doc_id:
            return None
        assert doc_id is not None and self.dictionary is not None
        if not any(ch.isalnum() for ch in current.query):  # ，or a space is not a word
            self.show_message(self.tr("“{0}” is not a word to keep").format(current.query))
            return None
        start, end = current.span
        text = self.reader.text
        first = current.entries[0] if current.entries else None
        pinyin = first.pinyin if first else self.dictionary.pinyin_of(current.query)
        definition = DEFINITION_SEPARATOR.join(first.definitions) if first else ""
        annotate = self.popup.annotate_box.isChecked()
        command = KeepWord(
            self.annotations.db, self.words, self.annotations, self.notify,
            self.tr("Keep “{0}”").format(current.query), current.query,
            pinyin=pinyin, definition=definition, doc_id=doc_id, start=start, end=end,
            sentence=sentence_around(text, start, end), annotate=annotate,
            tag=NEW_WORD_TAG, color=self.settings.default_color,
        )  # fmt: skip
        command.show_error = self.show_error
        try:
            command.execute()
        except PizhuError as exc:
            self.show_error(str(exc))
            return None
        if not command.changed:
            self.popup.set_kept(True, self.tr("Already kept here"))
            return command
        self.undo_stack.push(command)
        self.popup.set_kept(True, self.tr("✓ Kept"))
        self.show_message(self.tr("Kept “{0}” in the word list").format(current.query))
        return command

    def _annotate_toggled(self, checked: bool) -> None:
        self.settings.keep_annotates = checked

    # ----- closing -----------------------------------------------------------------------
    def close(self, return_focus: bool = True) -> None:
        self._pending = None
        was_visible = self.popup.isVisible()
        self.popup.hide()
        self.current = None
        if was_visible and return_focus:
            self._return_focus()

    def _closed(self) -> None:  # Esc in the pop-up (already hidden)
        self._pending = None
        self.current = None
        self._return_focus()

    def _dismissed(self) -> None:  # another window took the focus: leave it there
        self._pending = None
        self.current = None

    def _return_focus(self) -> None:
        self.reader.window().activateWindow()
        self.reader.setFocus()
        QTimer.singleShot(0, self.reader.setFocus)  # after the activation has arrived


def _trimmed(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """``span`` without surrounding whitespace; ``None`` if nothing is left."""
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None
