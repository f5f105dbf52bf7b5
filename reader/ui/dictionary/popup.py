"""The dictionary pop-up: a frameless tool window next to the looked-up word.

It shows what :class:`~reader.core.dictionary.Lookup` holds: the word's simplified and
traditional forms, pinyin with tone marks, numbered definitions, then the entries of
its single characters (not for a one-character word: they would repeat the entries).
The keys (Keep, one character more or fewer) are registry actions the controller
hands in; Esc closes. It is placed below the word, or above it when there is no room
below, never over it.
"""

from __future__ import annotations

from enum import StrEnum
from html import escape

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.core.dictionary import Entry, Lookup
from reader.core.study import NEW_WORD_TAG

WIDTH = 400
MAX_BODY_HEIGHT = 380
GAP = 6  # pixels between the word and the pop-up
MAX_CHARACTER_DEFINITIONS = 4  # per character entry: the lower part stays a summary
DISMISS_AFTER_MS = 150


class PopupState(StrEnum):
    """What the pop-up shows (tests wait for ``LOOKUP``)."""

    HIDDEN = "hidden"
    LOADING = "loading"  # the dictionary is still being read
    ERROR = "error"  # it could not be
    LOOKUP = "lookup"  # a word's entries


class DictionaryPopup(QFrame):
    closed = Signal()  # Esc: the controller gives the focus back to the reader
    dismissed = Signal()  # the user went to another window (or clicked the reader)
    keepRequested = Signal()

    def __init__(self, parent: QWidget, actions: list[QAction]) -> None:
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("DictionaryPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFixedWidth(WIDTH)
        self.lookup: Lookup | None = None
        self.state = PopupState.HIDDEN
        self.body = QTextBrowser()
        self.body.setObjectName("DictionaryBody")
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.setOpenLinks(False)
        self.body.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go to the pop-up's actions
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body.document().setDocumentMargin(2)
        self.keep_button = QPushButton(self.tr("Keep"))
        self.keep_button.setObjectName("DictionaryKeep")
        self.keep_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.keep_button.clicked.connect(self.keepRequested)
        self.annotate_box = QCheckBox(self.tr("Also annotate (#{0})").format(NEW_WORD_TAG))
        self.annotate_box.setObjectName("DictionaryAnnotate")
        self.annotate_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.status = QLabel()
        self.status.setObjectName("DictionaryStatus")
        self.hint = QLabel(self.tr("⇧←/→ shorter/longer · Esc closes"))
        self.hint.setObjectName("DictionaryHint")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.keep_button)
        row.addWidget(self.annotate_box)
        row.addStretch(1)
        row.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(6)
        layout.addWidget(self.body)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        for action in actions:
            self.addAction(action)
        by_id = {a.objectName(): a for a in actions}
        keep = by_id.get("dict.keep")
        if keep is not None and keep.shortcuts():
            self.keep_button.setText(self.tr("Keep ({0})").format(_keys(keep, first=True)))
            self.keep_button.setToolTip(
                self.tr("Add the word to the word list ({0})").format(_keys(keep))
            )
        annotate = by_id.get("dict.annotate")
        if annotate is not None:  # the key and the box are one setting
            self.annotate_box.toggled.connect(annotate.setChecked)
            annotate.toggled.connect(self.annotate_box.setChecked)
            if annotate.shortcuts():
                self.annotate_box.setText(f"{self.annotate_box.text()} [{_keys(annotate)}]")
        self._restyle()

    # ----- content -----------------------------------------------------------------------
    def show_loading(self) -> None:
        self.state, self.lookup = PopupState.LOADING, None
        loading = self.tr("Loading dictionary…")
        self._set_body(f"<p>{escape(loading)}</p>")
        self._set_actions(False)

    def show_error(self, message: str) -> None:
        self.state, self.lookup = PopupState.ERROR, None
        failed = self.tr("The dictionary could not be loaded:")
        self._set_body(f"<p>{escape(failed)}</p><p>{escape(message)}</p>")
        self._set_actions(False)

    def show_lookup(self, lookup: Lookup, reading: str, in_word_list: bool) -> None:
        """``reading``: pypinyin's pinyin, shown when CC-CEDICT lacks the word."""
        self.state, self.lookup = PopupState.LOOKUP, lookup
        self._set_body(self._html(lookup, reading))
        self._set_actions(True)
        self.set_kept(in_word_list)

    def set_kept(self, kept: bool, message: str = "") -> None:
        self.status.setText(message or (self.tr("✓ In the word list") if kept else ""))

    def text(self) -> str:
        """What the pop-up says, as plain text (tests, accessibility)."""
        return self.body.toPlainText()

    def _set_actions(self, enabled: bool) -> None:
        self.keep_button.setEnabled(enabled)
        self.annotate_box.setEnabled(enabled)
        for action in self.actions():
            action.setEnabled(enabled)

    def _set_body(self, html: str) -> None:
        self.body.setHtml(html)
        self.body.verticalScrollBar().setValue(0)
        self._fit()

    def _fit(self) -> None:
        doc = self.body.document()
        doc.setTextWidth(WIDTH - 24 - 4)
        height = min(MAX_BODY_HEIGHT, int(doc.size().height()) + 4)
        self.body.setFixedHeight(height)
        self.adjustSize()

    def _restyle(self) -> None:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base).name()
        border = palette.color(QPalette.ColorRole.Mid).name()
        muted = palette.color(QPalette.ColorRole.PlaceholderText).name()
        self.setStyleSheet(
            f"#DictionaryPopup {{ background: {base}; border: 1px solid {border};"
            f" border-radius: 6px; }}"
            f" #DictionaryBody {{ background: {base}; }}"
            f" #DictionaryHint, #DictionaryStatus {{ color: {muted}; }}"
        )
        self._muted = muted

    def _html(self, lookup: Lookup, reading: str) -> str:
        muted = self._muted
        parts: list[str] = []
        head = lookup.entries[0] if lookup.entries else None
        forms = [lookup.query]
        if head is not None:
            forms = list(dict.fromkeys([head.simplified, head.traditional]))
        parts.append(
            f'<p style="margin:0"><span style="font-size:20pt">{escape(forms[0])}</span>'
            + "".join(
                f'&nbsp;&nbsp;<span style="font-size:20pt; color:{muted}">{escape(f)}</span>'
                for f in forms[1:]
            )
            + "</p>"
        )
        if not lookup.entries:
            unknown = self.tr("not in CC-CEDICT; pinyin from pypinyin")
            parts.append(
                f'<p style="margin-top:4px"><span style="font-size:13pt">{escape(reading)}</span>'
                f'&nbsp;&nbsp;<span style="color:{muted}">{escape(unknown)}</span></p>'
            )
        for entry in lookup.entries:
            parts.append(self._entry_html(entry, forms))
        if len(lookup.query) > 1 and lookup.characters:
            heading = self.tr("Characters")
            parts.append(
                f'<hr><p style="margin:0; color:{muted}; font-size:small">{escape(heading)}</p>'
            )
            parts.append('<table cellspacing="0" cellpadding="2">')
            parts.extend(self._character_row(entry) for entry in lookup.characters)
            parts.append("</table>")
        return "".join(parts)

    def _entry_html(self, entry: Entry, forms: list[str]) -> str:
        own = list(dict.fromkeys([entry.simplified, entry.traditional]))
        other = (
            f'&nbsp;&nbsp;<span style="color:{self._muted}">{escape("｜".join(own))}</span>'
            if own != forms
            else ""
        )
        items = "".join(f"<li>{escape(d)}</li>" for d in entry.definitions)
        return (
            f'<p style="margin-top:6px; margin-bottom:0"><span style="font-size:13pt;'
            f' font-weight:600">{escape(entry.pinyin)}</span>{other}</p>'
            f'<ol style="margin-top:2px; margin-bottom:2px; margin-left:-16px">{items}</ol>'
        )

    def _character_row(self, entry: Entry) -> str:
        forms = "｜".join(dict.fromkeys([entry.simplified, entry.traditional]))
        shown = entry.definitions[:MAX_CHARACTER_DEFINITIONS]
        more = "; …" if len(entry.definitions) > len(shown) else ""
        meaning = "; ".join(shown) + more
        return (
            f'<tr><td valign="middle" style="font-size:13pt; padding-right:6px">'
            f"{escape(forms)}</td>"
            f'<td valign="middle" style="padding-right:6px; white-space:nowrap">'
            f"{escape(entry.pinyin)}</td>"
            f'<td valign="middle">{escape(meaning)}</td></tr>'
        )

    # ----- placing and showing -----------------------------------------------------------
    def show_near(self, word: QRect) -> None:
        """Show below ``word`` (global coordinates), or above it if there is no room,
        and take the keys."""
        self._restyle()
        self.place_near(word)
        self.show()
        self.raise_()
        self.activateWindow()
        self.setFocus()

    def place_near(self, word: QRect) -> None:
        """Below the word, or above it; never over it, and inside the screen."""
        self._fit()
        screen = QGuiApplication.screenAt(word.center()) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        size = self.sizeHint().expandedTo(self.minimumSizeHint())
        x = max(area.left(), min(word.left(), area.right() - size.width()))
        y = word.bottom() + GAP
        if y + size.height() > area.bottom() and word.top() - GAP - size.height() >= area.top():
            y = word.top() - GAP - size.height()
        self.move(QPoint(x, y))

    # ----- keys and activation -----------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.hide()
            self.closed.emit()
            return
        bar = self.body.verticalScrollBar()
        steps: dict[int, int] = {
            Qt.Key.Key_Down: bar.singleStep(),
            Qt.Key.Key_Up: -bar.singleStep(),
            Qt.Key.Key_PageDown: bar.pageStep(),
            Qt.Key.Key_PageUp: -bar.pageStep(),
        }
        if key in steps and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            bar.setValue(bar.value() + steps[key])
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self._elsewhere():
            # Activation arrives asynchronously: a window activated just before the pop-up
            # (a context menu closing) may report after it. Only a loss that lasts counts.
            QTimer.singleShot(DISMISS_AFTER_MS, self._dismiss_if_elsewhere)

    def _elsewhere(self) -> bool:
        """Another window of the app is active (not: the app lost the focus)."""
        active = QApplication.activeWindow()
        return self.isVisible() and active is not None and active is not self

    def _dismiss_if_elsewhere(self) -> None:
        if self._elsewhere():
            self.hide()  # the reader or another window was clicked: like a tooltip
            self.dismissed.emit()


def _keys(action: QAction, *, first: bool = False) -> str:
    keys = action.shortcuts()[:1] if first else action.shortcuts()
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
