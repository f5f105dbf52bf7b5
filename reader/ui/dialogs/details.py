"""The Details dialog: a document's editable details above, what the import found below.

The dialog never writes: OK hands the fields that changed to ``submit``, which
returns an error message (shown inline, the dialog stays open) or None.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.ingest.titles import split_names
from reader.core.storage.documents import DocumentInfo

LANGUAGES = ("zh", "zh-Hans", "zh-Hant", "en", "ja", "ko")


def join_authors(names: list[str]) -> str:
    wide = any(not ch.isascii() for name in names for ch in name)
    return ("；" if wide else "; ").join(names)


def local_time(stamp: str) -> str:
    """A stored UTC stamp as local time, written the same way in every locale."""
    when = QDateTime.fromString(stamp, Qt.DateFormat.ISODate)
    if not when.isValid():
        return stamp
    return when.toLocalTime().toString("yyyy-MM-dd HH:mm")


class DetailsDialog(QDialog):
    def __init__(
        self,
        info: DocumentInfo,
        pages: int,
        original: Path | None,
        submit: Callable[[dict[str, object]], str | None],
        open_original: Callable[[], object],  # its result (opened or not) is not needed here
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("DetailsDialog")
        self.setWindowTitle(self.tr("Details — {0}").format(info.title))
        self.setMinimumWidth(560)
        self.info = info
        self._submit = submit

        self.title = QLineEdit(info.title)
        self.title.setObjectName("DetailsTitle")
        self.authors = QLineEdit(join_authors(info.authors))
        self.authors.setObjectName("DetailsAuthors")
        self.authors.setPlaceholderText(self.tr("Separate names with ；  ,  or 、"))
        self.date = QLineEdit(info.date)
        self.date.setObjectName("DetailsDate")
        self.date.setPlaceholderText(self.tr("2024, 2024-03 or 2024-03-05"))
        self.source_url = QLineEdit(info.source_url)
        self.source_url.setObjectName("DetailsSource")
        self.source_url.setPlaceholderText(
            self.tr("Where the document comes from: a URL or a citation")
        )
        self.language = QComboBox()
        self.language.setObjectName("DetailsLanguage")
        self.language.setEditable(True)
        self.language.addItems(["", *LANGUAGES])
        self.language.setCurrentText(info.language)
        self.script = QComboBox()
        self.script.setObjectName("DetailsScript")
        for label, value in (
            (self.tr("Not set"), ""),
            (self.tr("Simplified"), "simplified"),
            (self.tr("Traditional"), "traditional"),
            (self.tr("Mixed"), "mixed"),
        ):
            self.script.addItem(label, value)
        self.script.setCurrentIndex(max(0, self.script.findData(info.script)))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        editable = facts = form  # one form, so both halves share the label column
        editable.addRow(self.tr("&Title:"), self.title)
        editable.addRow(self.tr("&Authors:"), self.authors)
        editable.addRow(self.tr("&Date:"), self.date)
        editable.addRow(self.tr("&Source / URL:"), self.source_url)
        short = QHBoxLayout()
        short.addWidget(self.language, 1)
        script_label = QLabel(self.tr("S&cript:"))
        script_label.setBuddy(self.script)
        short.addSpacing(12)
        short.addWidget(script_label)
        short.addWidget(self.script, 1)
        language_label = QLabel(self.tr("&Language:"))
        language_label.setBuddy(self.language)
        editable.addRow(language_label, short)

        self.error = QLabel()
        self.error.setObjectName("DetailsError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()
        form.addRow(self.error)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        form.addRow(rule)

        encoding = f"  ·  {info.encoding}" if info.encoding else ""
        facts.addRow(self.tr("Format:"), self._fact(self._format_name(info.format) + encoding))
        facts.addRow(self.tr("Characters:"), self._fact(f"{info.chars:,}"))
        facts.addRow(self.tr("Pages:"), self._fact(f"{pages:,}" if pages else "—"))
        if info.site:
            facts.addRow(self.tr("Site:"), self._fact(info.site))
        facts.addRow(self.tr("Imported:"), self._fact(local_time(info.imported_at)))
        facts.addRow(self.tr("Updated:"), self._fact(local_time(info.updated_at)))
        file_row = QHBoxLayout()
        path = self._fact(info.source_path or "—")
        path.setObjectName("DetailsPath")
        path.setWordWrap(True)
        path.setToolTip(info.source_path or "")
        file_row.addWidget(path, 1)
        self.open_button = QPushButton(self.tr("Open &Original"))
        self.open_button.setObjectName("DetailsOpenOriginal")
        self.open_button.setAutoDefault(False)
        self.open_button.setEnabled(original is not None)
        self.open_button.setToolTip(
            str(original) if original else self.tr("No copy of the imported file is kept.")
        )
        self.open_button.clicked.connect(open_original)
        file_row.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        facts.addRow(self.tr("File:"), file_row)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.title.setFocus()
        self.title.selectAll()

    def _fact(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _format_name(self, name: str) -> str:
        names = {
            "text": self.tr("Plain text"),
            "markdown": "Markdown",
            "html": "HTML",
            "mhtml": self.tr("Web archive (MHTML)"),
            "epub": "EPUB",
            "pdf": "PDF",
            "docx": self.tr("Word (DOCX)"),
            "doc": self.tr("Word 97–2003 (DOC)"),
        }
        return names.get(name, name)

    # ----- values ------------------------------------------------------------------------
    def values(self) -> dict[str, object]:
        return {
            "title": self.title.text().strip(),
            "authors": split_names(self.authors.text()),
            "date": self.date.text().strip(),
            "source_url": self.source_url.text().strip(),
            "language": self.language.currentText().strip(),
            "script": self.script.currentData() or "",
        }

    def changed(self) -> dict[str, object]:
        info = self.info
        stored = {
            "title": info.title,
            "authors": list(info.authors),
            "date": info.date,
            "source_url": info.source_url,
            "language": info.language,
            "script": info.script,
        }
        return {k: v for k, v in self.values().items() if v != stored[k]}

    def accept(self) -> None:
        changed = self.changed()
        if changed:
            error = self._submit(changed)
            if error:
                self.show_error(error)
                return
        super().accept()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        field = message.split(":", 1)[0].strip()
        widget = {
            "title": self.title,
            "authors": self.authors,
            "date": self.date,
            "source_url": self.source_url,
            "language": self.language,
            "script": self.script,
        }.get(field)
        if widget is not None:
            widget.setFocus()
            if isinstance(widget, QLineEdit):
                widget.selectAll()
