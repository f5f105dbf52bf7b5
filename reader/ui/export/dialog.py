"""The export dialog: a preset (or user template), a scope, options, and a live preview.

Every change restarts a short timer; when it fires the preview is rendered off the UI
thread (:mod:`.preview`) and shown with its counts, or with the one-line error of a
broken user template. Save writes the whole export (atomically), Copy puts it on the
clipboard. The dialog reads the library through :class:`ExportContext` (the app's
:class:`UiContext` and what only an export needs) and never writes to it.

    ExportDialog(ExportContext(ui), annotation_ids=[3, 5, 8]).open()   # "the selection"
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from reader.core.annotate.colors import ColorService
from reader.core.annotate.tags import TagService
from reader.core.export import templates
from reader.core.export.filenames import safe_stem
from reader.core.export.labels import labels_in
from reader.core.export.scope import ExportScope
from reader.core.export.service import write_atomic
from reader.core.export.sync import sync_notes
from reader.core.storage.collections import CollectionStore
from reader.core.storage.db import now_iso
from reader.core.storage.documents import DocumentStore
from reader.core.text.script import AS_WRITTEN, SIMPLIFIED, TRADITIONAL
from reader.errors import PizhuError
from reader.platform.settings import Settings
from reader.ui.common.context import UiContext
from reader.ui.common.dates import py_date
from reader.ui.export.preview import ExportRequest, PreviewRenderer, Rendered, render

DEBOUNCE_MS = 150
TEMPLATE = Qt.ItemDataRole.UserRole
SCOPES = ("selection", "document", "tag", "color", "dates", "collection", "library")


@dataclass(frozen=True)
class ExportContext:
    """The app's :class:`UiContext` (library, settings, messages) and what only the
    export needs. The data dir is the worker's (it opens its own connection); the
    library's connection, the UI thread's, fills the lists."""

    ui: UiContext
    language: str = ""  # the export's default language; "" = the UI's locale
    current_doc: int | None = None  # the document in the reader, the default scope
    script_for: Callable[[int], str] | None = None  # the script a document is shown in

    @property
    def data_dir(self) -> Path:
        return self.ui.library.data_dir

    @property
    def db(self) -> Database:
        return self.ui.library.db

    @property
    def settings(self) -> Settings:
        """The app's settings: the notes folder and its preset live there."""
        return self.ui.settings

    def notify(self, message: str) -> None:
        """A status-bar message."""
        self.ui.show_message(message)

    def save_settings(self) -> None:
        self.ui.settings.save(self.data_dir)


def ui_language() -> str:
    return "zh" if QLocale().language() == QLocale.Language.Chinese else "en"


class ExportDialog(QDialog):
    def __init__(
        self,
        context: ExportContext,
        annotation_ids: Sequence[int] | None = None,
        doc_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ExportDialog")
        self.setWindowTitle(self.tr("Export Annotations"))
        self.context = context
        self.annotation_ids = tuple(annotation_ids or ())
        self.doc_id = doc_id if doc_id is not None else context.current_doc
        self.last: Rendered | None = None
        self.exported = now_iso()
        self.ask_save_path: Callable[[str], str] = self._ask_save_path
        self.renderer = PreviewRenderer(context.data_dir, self)
        self.renderer.ready.connect(self._show)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.refresh)
        self._build()
        self._fill()
        self._connect()
        self.resize(1100, 720)
        self.refresh()

    # ----- layout --------------------------------------------------------------------
    def _build(self) -> None:
        self.presets = QListWidget()
        self.presets.setObjectName("ExportPresets")
        self.presets.setMaximumHeight(120)
        self.scope = QComboBox()
        self.scope.setObjectName("ExportScope")
        self.scope_detail = QStackedWidget()
        self.document = QComboBox()
        self.document.setObjectName("ExportDocument")
        self.tag = QComboBox()
        self.tag.setObjectName("ExportTag")
        self.color = QComboBox()
        self.color.setObjectName("ExportColor")
        self.since = QDateEdit(QDate.currentDate().addDays(-7))
        self.since.setObjectName("ExportSince")
        self.until = QDateEdit(QDate.currentDate())
        self.until.setObjectName("ExportUntil")
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        dates = QWidget()
        row = QHBoxLayout(dates)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.since)
        row.addWidget(QLabel("–"))
        row.addWidget(self.until)
        self.collection = QComboBox()
        self.collection.setObjectName("ExportCollection")
        self.detail_pages = {
            "selection": QLabel(),
            "document": self.document,
            "tag": self.tag,
            "color": self.color,
            "dates": dates,
            "collection": self.collection,
            "library": QLabel(self.tr("Every annotated document")),
        }
        for widget in self.detail_pages.values():
            self.scope_detail.addWidget(widget)
        self.notes = QCheckBox(self.tr("Include notes"))
        self.notes.setObjectName("ExportNotes")
        self.notes.setChecked(True)
        self.script = QComboBox()
        self.script.setObjectName("ExportScript")
        self.lang = QComboBox()
        self.lang.setObjectName("ExportLanguage")

        form = QFormLayout()
        form.addRow(self.tr("Preset"), self.presets)
        form.addRow(self.tr("Scope"), self.scope)
        form.addRow("", self.scope_detail)
        form.addRow("", self.notes)
        form.addRow(self.tr("Script"), self.script)
        form.addRow(self.tr("Language"), self.lang)
        self.template_hint = QLabel(
            self.tr("Your own templates: {0}").format(templates.user_dir(self.context.data_dir))
        )
        self.template_hint.setWordWrap(True)
        self.template_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.template_hint.setObjectName("ExportTemplateHint")
        left = QWidget()
        column = QVBoxLayout(left)
        column.addLayout(form)
        column.addWidget(self._notes_group())
        column.addStretch(1)
        column.addWidget(self.template_hint)

        self.preview = QPlainTextEdit()
        self.preview.setObjectName("ExportPreview")
        self.preview.setReadOnly(True)
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.preview.setFont(QFont(mono.family(), max(10, mono.pointSize())))
        self.summary = QLabel()
        self.summary.setObjectName("ExportSummary")
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.preview, 1)
        column.addWidget(self.summary)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 760])

        buttons = QDialogButtonBox()
        self.save_button = QPushButton(self.tr("&Save…"))
        self.save_button.setObjectName("ExportSave")
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.copy_button.setObjectName("ExportCopy")
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.save_button.setDefault(True)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

    def _notes_group(self) -> QGroupBox:
        """A notes folder kept in sync with this preset (one note per document)."""
        group = QGroupBox(self.tr("Notes folder (Obsidian vault, Logseq graph, …)"))
        group.setObjectName("ExportNotesFolder")
        self.notes_dir = QLineEdit()
        self.notes_dir.setObjectName("ExportNotesDir")
        self.notes_dir.setReadOnly(True)
        self.notes_dir.setPlaceholderText(self.tr("No folder chosen"))
        choose = QPushButton(self.tr("Choose…"))
        choose.setObjectName("ExportChooseNotesDir")
        choose.clicked.connect(self.choose_notes_dir)
        self.sync_button = QPushButton(self.tr("Sync Now"))
        self.sync_button.setObjectName("ExportSyncNow")
        self.sync_button.clicked.connect(self.sync_now)
        self.auto_sync = QCheckBox(self.tr("Sync after every annotation change"))
        self.auto_sync.setObjectName("ExportAutoSync")
        settings = self.context.settings
        self.notes_dir.setText(settings.notes_dir)
        self.auto_sync.setChecked(settings.notes_auto_sync)
        self.auto_sync.toggled.connect(self._store_notes_settings)
        row = QHBoxLayout()
        row.addWidget(self.notes_dir, 1)
        row.addWidget(choose)
        column = QVBoxLayout(group)
        column.addLayout(row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.auto_sync, 1)
        buttons.addWidget(self.sync_button)
        column.addLayout(buttons)
        self.ask_notes_dir: Callable[[str], str] = self._ask_notes_dir
        self._notes_enabled()
        return group

    def _notes_enabled(self) -> None:
        has_folder = bool(self.notes_dir.text())
        self.sync_button.setEnabled(has_folder)
        self.auto_sync.setEnabled(has_folder)

    def _ask_notes_dir(self, start: str) -> str:
        return QFileDialog.getExistingDirectory(
            self, self.tr("Notes folder"), start or str(Path.home())
        )

    def choose_notes_dir(self) -> None:
        folder = self.ask_notes_dir(self.notes_dir.text())
        if folder:
            self.notes_dir.setText(folder)
            self._notes_enabled()
            self._store_notes_settings()

    def _store_notes_settings(self) -> None:
        """Folder, preset, language and the auto-sync choice, for the next syncs."""
        settings = self.context.settings
        request = self.current_request()
        settings.notes_dir = self.notes_dir.text()
        settings.notes_template = request.template
        settings.notes_language = request.lang
        settings.notes_auto_sync = self.auto_sync.isChecked() and bool(settings.notes_dir)
        self.context.save_settings()

    def sync_now(self) -> bool:
        """One note per annotated document in the notes folder, with this preset."""
        folder = self.notes_dir.text()
        if not folder:
            return False
        self._store_notes_settings()
        request = self.current_request()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = sync_notes(
                self.context.db, Path(folder), data_dir=self.context.data_dir,
                template=request.template, lang=request.lang,
            )  # fmt: skip
        except (PizhuError, OSError) as exc:
            self.summary.setText(self.tr("Cannot sync: {0}").format(exc))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        text = self.tr("Notes: {0} written, {1} unchanged, {2} skipped").format(
            len(report.written), len(report.kept), len(report.skipped)
        )
        if report.conflicts:
            names = ", ".join(a.path.name for a in report.conflicts if a.path)
            text += " — " + self.tr("left alone (edited inside the Pizhu region): {0}").format(
                names
            )
        self.summary.setText(text)
        return True

    def _fill(self) -> None:
        db = self.context.db
        for info in templates.available(self.context.data_dir):
            title = info.title if info.builtin else self.tr("{0} (yours)").format(info.name)
            item = QListWidgetItem(title)
            item.setData(TEMPLATE, info.name)
            item.setToolTip(str(info.path))
            self.presets.addItem(item)
        self.presets.setCurrentRow(0)
        names = {
            "selection": self.tr("Selected annotations ({0})").format(len(self.annotation_ids)),
            "document": self.tr("Document"),
            "tag": self.tr("Tag (with its sub-tags)"),
            "color": self.tr("Colour"),
            "dates": self.tr("Date range (created)"),
            "collection": self.tr("Collection"),  # a folder of the library tree
            "library": self.tr("Whole library"),
        }
        for key in SCOPES:
            if key == "selection" and not self.annotation_ids:
                continue
            self.scope.addItem(names[key], key)
        for info in DocumentStore(db).list():
            self.document.addItem(info.title, info.id)
        for tag in TagService(db).list():
            self.tag.addItem(tag.name, tag.name)
        for c in ColorService(db).list():
            self.color.addItem(c.label, c.key)
        for c in CollectionStore(db).all():
            self.collection.addItem(c.path, c.id)
        self.script.addItem(self.tr("As written"), AS_WRITTEN)
        self.script.addItem(self.tr("Simplified 简体"), SIMPLIFIED)
        self.script.addItem(self.tr("Traditional 繁體"), TRADITIONAL)
        self.lang.addItem("中文", "zh")
        self.lang.addItem("English", "en")
        lang = self.context.language or ui_language()
        self.lang.setCurrentIndex(max(0, self.lang.findData(lang)))
        self._relabel_colors()
        if self.doc_id is not None:
            self.document.setCurrentIndex(max(0, self.document.findData(self.doc_id)))
            if self.context.script_for is not None:
                script = self.context.script_for(self.doc_id)
                self.script.setCurrentIndex(max(0, self.script.findData(script)))
        default = "selection" if self.annotation_ids else (
            "document" if self.doc_id is not None else "library"
        )  # fmt: skip
        self.scope.setCurrentIndex(max(0, self.scope.findData(default)))
        self._scope_changed()

    def _connect(self) -> None:
        later = self.timer.start
        self.presets.currentRowChanged.connect(later)
        self.scope.currentIndexChanged.connect(self._scope_changed)
        for combo in (self.document, self.tag, self.color, self.collection, self.script):
            combo.currentIndexChanged.connect(later)
        self.lang.currentIndexChanged.connect(self._relabel_colors)
        self.lang.currentIndexChanged.connect(later)
        self.since.dateChanged.connect(later)
        self.until.dateChanged.connect(later)
        self.notes.toggled.connect(later)
        self.save_button.clicked.connect(self.save)
        self.copy_button.clicked.connect(self.copy)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence("Ctrl+Shift+C"), self, self.copy)

    def _scope_changed(self) -> None:
        key = self.scope.currentData()
        self.scope_detail.setCurrentWidget(self.detail_pages.get(key, self.detail_pages["library"]))
        self.timer.start()

    def _relabel_colors(self) -> None:
        """Colour names in the export's language, as the export will print them."""
        labels = labels_in(ColorService(self.context.db).labels(), self.lang.currentData() or "zh")
        for i in range(self.color.count()):
            self.color.setItemText(i, labels.get(self.color.itemData(i), self.color.itemText(i)))

    # ----- what to export --------------------------------------------------------------
    def current_scope(self) -> ExportScope:
        key = self.scope.currentData()
        if key == "selection":
            return ExportScope(annotation_ids=self.annotation_ids)
        if key == "document" and self.document.currentData() is not None:
            return ExportScope(doc_ids=(int(self.document.currentData()),))
        if key == "tag" and self.tag.currentData():
            return ExportScope(tag=str(self.tag.currentData()))
        if key == "color" and self.color.currentData():
            return ExportScope(color=str(self.color.currentData()))
        if key == "dates":
            since, until = py_date(self.since.date()), py_date(self.until.date())
            return ExportScope(since=since, until=until)
        if key == "collection" and self.collection.currentData() is not None:
            return ExportScope(collection_id=int(self.collection.currentData()))
        return ExportScope(all=True)

    def current_request(self) -> ExportRequest:
        item = self.presets.currentItem()
        return ExportRequest(
            scope=self.current_scope(),
            template=str(item.data(TEMPLATE)) if item else templates.DEFAULT_TEMPLATE,
            script=str(self.script.currentData() or AS_WRITTEN),
            lang=str(self.lang.currentData() or "zh"),
            include_notes=self.notes.isChecked(),
            exported=self.exported,
        )

    # ----- preview ---------------------------------------------------------------------
    def refresh(self) -> None:
        self.timer.stop()
        self.summary.setText(self.tr("Rendering…"))
        self.renderer.request(self.current_request())

    @property
    def settled(self) -> bool:
        """True when the preview shows the current options (no change waiting)."""
        return (
            not self.timer.isActive()
            and self.last is not None
            and self.last.serial == self.renderer.serial
        )

    def _show(self, result: Rendered) -> None:
        self.last = result
        if result.error:
            self.preview.setPlainText(result.error)
            self.summary.setText(self.tr("Cannot export: {0}").format(result.error))
        else:
            bar = self.preview.verticalScrollBar()
            keep = bar.value()
            self.preview.setPlainText(result.text)
            bar.setValue(min(keep, bar.maximum()))
            self.summary.setText(self._counts(result.annotations, result.documents))
        self.save_button.setEnabled(not result.error)
        self.copy_button.setEnabled(not result.error)

    def _counts(self, annotations: int, documents: int) -> str:
        one = self.tr("1 annotation") if annotations == 1 else None
        many = self.tr("{0} annotations").format(annotations)
        where = self.tr("1 document") if documents == 1 else self.tr("{0} documents").format(
            documents
        )
        return self.tr("{0} from {1}").format(one or many, where)

    # ----- save / copy -----------------------------------------------------------------
    def _full_text(self) -> str | None:
        result = render(self.context.data_dir, self.current_request())
        if result.error:
            self._show(replace(result, serial=self.renderer.serial))
            return None
        return result.text

    def default_name(self) -> str:
        scope = self.current_scope()
        if scope.doc_ids:
            title = self.document.currentText()
        elif scope.tag:
            title = self.tr("Annotations") + " · " + scope.tag
        else:
            title = self.tr("Annotations")
        return safe_stem(title) + ".md"

    def _ask_save_path(self, default: str) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save export"), str(Path.home() / default), "Markdown (*.md)"
        )
        return path

    def save(self) -> bool:
        text = self._full_text()
        if text is None:
            return False
        path = self.ask_save_path(self.default_name())
        if not path:
            return False
        try:
            write_atomic(Path(path), text)
        except (PizhuError, OSError) as exc:
            self.summary.setText(self.tr("Cannot save: {0}").format(exc))
            return False
        self.context.notify(self.tr("Exported to {0}").format(path))
        self.accept()
        return True

    def copy(self) -> bool:
        text = self._full_text()
        if text is None:
            return False
        QGuiApplication.clipboard().setText(text)
        self.summary.setText(self.tr("Copied to the clipboard"))
        return True

    def done(self, result: int) -> None:
        self.timer.stop()
        self.renderer.wait()
        super().done(result)
