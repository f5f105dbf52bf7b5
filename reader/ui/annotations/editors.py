"""The note editor and the tag editor (with completion and suggested tags)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


class NoteEditor(QDialog):
    """Multi-line Markdown note. Ctrl+Enter saves, Esc cancels; input methods work as usual."""

    def __init__(self, quote: str, note: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Note"))
        self.resize(520, 320)
        layout = QVBoxLayout(self)
        excerpt = QLabel(f"“{quote[:120]}{'…' if len(quote) > 120 else ''}”")
        excerpt.setWordWrap(True)
        excerpt.setObjectName("QuoteExcerpt")
        layout.addWidget(excerpt)
        self.editor = QPlainTextEdit(note)
        self.editor.setPlaceholderText(
            self.tr("Write a note (Markdown). Ctrl+Enter saves, Esc cancels.")
        )
        self.editor.setTabChangesFocus(True)
        layout.addWidget(self.editor)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.editor.installEventFilter(self)
        self.editor.setFocus()
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Enter saves even though the text box would take Enter for a new line."""
        if (
            watched is self.editor
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def note(self) -> str:
        return self.editor.toPlainText()


class _TagLine(QLineEdit):
    """Alt+1..9 accepts a suggestion without leaving the keyboard."""

    def __init__(self, editor: TagEditor) -> None:
        super().__init__()
        self._editor = editor

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.modifiers() == Qt.KeyboardModifier.AltModifier
            and Qt.Key.Key_1 <= event.key() <= Qt.Key.Key_9
        ):
            self._editor.accept_suggestion(event.key() - Qt.Key.Key_1)
            return
        super().keyPressEvent(event)


class _SuggestionRow(QWidget):
    """One row of suggestion buttons, laid out before any arrive: a fixed height, and
    the buttons that do not fit the width are left out rather than widening the dialog."""

    def __init__(self, label: QLabel) -> None:
        super().__init__()
        self.setObjectName("TagSuggestions")
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.label = label
        self.row.addWidget(label)
        self.pending = QLabel("…")
        self.pending.setObjectName("TagSuggestionsPending")
        self.row.addWidget(self.pending)
        self.row.addStretch()
        self.buttons: list[QPushButton] = []
        probe = QPushButton("1 城市")
        probe.setFlat(True)
        self.setFixedHeight(max(probe.sizeHint().height(), label.sizeHint().height()))
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def set_buttons(self, buttons: list[QPushButton]) -> None:
        for button in self.buttons:
            button.deleteLater()
        self.buttons = buttons
        for button in buttons:
            self.row.insertWidget(self.row.count() - 1, button)
        self.pending.hide()
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        used = self.label.sizeHint().width()
        for button in self.buttons:
            used += self.row.spacing() + button.sizeHint().width()
            button.setVisible(used <= self.width())


class TagEditor(QDialog):
    """Comma- or space-separated tags with completion (hierarchical ``城市/更新`` included)."""

    def __init__(
        self,
        tags: list[str],
        known: list[str],
        suggestions: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tags"))
        self.resize(560, 180)
        layout = QVBoxLayout(self)
        self.line = _TagLine(self)
        self.line.setText(" ".join(tags) + (" " if tags else ""))
        self.line.setPlaceholderText(self.tr("Tags separated by spaces, e.g. 城市/更新 数据"))
        self.completer = QCompleter(QStringListModel(sorted(known)), self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setWidget(self.line)
        self.completer.activated.connect(self._complete)
        self.line.textEdited.connect(self._update_completion)
        self.line.textChanged.connect(self._mark_chosen)
        layout.addWidget(self.line)
        self.suggestion_label = QLabel(self.tr("Suggested (Alt+number):"))
        self.suggestion_area = _SuggestionRow(self.suggestion_label)
        layout.addWidget(self.suggestion_area)
        self.suggestion_buttons: list[QPushButton] = []
        self._suggestions: list[str] = []
        if suggestions:
            self.set_suggestions(suggestions)
        layout.addStretch()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.line.setFocus()

    @property
    def suggestions(self) -> list[str]:
        """The suggested tags shown (Alt+1… picks them), "" ones left out."""
        return list(self._suggestions)

    def set_suggestions(self, suggestions: list[str]) -> None:
        """Show up to nine suggestions, leaving out the tags already chosen (and the last
        segment of a chosen hierarchical tag: 更新 when 城市/更新 is chosen)."""
        chosen = set(self.tags()) | {t.rsplit("/", 1)[-1] for t in self.tags()}
        fresh = [t for t in dict.fromkeys(suggestions) if t not in chosen][:9]
        self.suggestion_buttons = []
        for index, tag in enumerate(fresh):
            button = QPushButton(f"{index + 1} {tag}")
            button.setFlat(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, i=index: self.accept_suggestion(i))
            self.suggestion_buttons.append(button)
        self.suggestion_area.set_buttons(self.suggestion_buttons)
        self._suggestions = fresh

    def _mark_chosen(self, _text: str) -> None:
        chosen = set(self.tags())
        for button, tag in zip(self.suggestion_buttons, self._suggestions, strict=True):
            button.setEnabled(tag not in chosen)

    def accept_suggestion(self, index: int) -> None:
        if 0 <= index < len(self._suggestions):
            tag = self._suggestions[index]
            if tag not in self.tags():
                text = self.line.text()
                self.line.setText(f"{text}{'' if not text or text.endswith(' ') else ' '}{tag} ")

    def _current_word(self) -> str:
        return self.line.text().split(" ")[-1] if self.line.text() else ""

    def _update_completion(self, _text: str) -> None:
        word = self._current_word()
        if word:
            self.completer.setCompletionPrefix(word)
            self.completer.complete()
        elif (popup := self.completer.popup()) is not None:
            popup.hide()

    def _complete(self, tag: str) -> None:
        words = self.line.text().split(" ")
        words[-1] = tag
        self.line.setText(" ".join(words) + " ")

    def tags(self) -> list[str]:
        seen: list[str] = []
        for raw in self.line.text().replace("，", " ").replace(",", " ").split():
            tag = raw.strip().strip("#")
            if tag and tag not in seen:
                seen.append(tag)
        return seen
