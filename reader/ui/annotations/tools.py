"""Highlight, underline, note, tag, delete and copy-as-quote: what the reader's tools do.

Every edit goes through a QUndoCommand that calls the core service, so Ctrl+Z
works for all of them and nothing here writes SQL.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

from reader.core.annotate.annotations import Annotation
from reader.core.annotate.suggest import suggest_tags
from reader.errors import PizhuError
from reader.ui.annotations.editors import NoteEditor, TagEditor
from reader.ui.common.context import UiContext
from reader.ui.common.undo import CreateAnnotation, DeleteAnnotation, EditAnnotation, ServiceCommand
from reader.ui.reading.view import ReaderView

COLOR_KEYS = ("yellow", "green", "blue", "pink", "purple")


def _span_of(span: tuple[int, int] | None, target: Annotation | None) -> tuple[int, int] | None:
    """The selection, else the target annotation's span, else nothing to act on."""
    if span is not None:
        return span
    return (target.start, target.end) if target is not None else None


class AnnotationTools(QObject):
    def __init__(self, ctx: UiContext, reader: ReaderView) -> None:
        super().__init__(ctx.dialog_parent)
        self.ctx = ctx
        self.dialog_parent = ctx.dialog_parent
        self.reader = reader
        self.annotations = ctx.library.annotations
        self.tags = ctx.library.tags
        self.undo_stack = ctx.undo_stack
        self.notify = ctx.notify
        self.show_error = ctx.show_error
        self.title_of = ctx.library.title_of
        self.last_tag_editor: TagEditor | None = None

    def default_color(self) -> str:
        return self.ctx.settings.default_color

    # -- targets ----------------------------------------------------------------------
    def _target(self) -> Annotation | None:
        """The clicked annotation, or the one under the cursor when nothing is selected."""
        if self.reader.doc_id is None:
            return None
        ann_id = self.reader.current_annotation
        if ann_id is None and self.reader.selection_offsets() is None:
            offset = self.reader.from_qt(self.reader.textCursor().position())
            marks = self.reader.annotations_at(offset)
            ann_id = marks[-1].annotation_id if marks else None
        if ann_id is None:
            return None
        try:
            return self.annotations.get(ann_id)
        except PizhuError:
            return None

    def _run(self, command: ServiceCommand) -> bool:
        command.show_error = self.show_error
        try:
            command.execute()
        except PizhuError as exc:
            self.show_error(str(exc))
            return False
        self.undo_stack.push(command)
        return True

    # -- commands ---------------------------------------------------------------------
    def highlight(self, color: str | None = None, style: str = "highlight") -> Annotation | None:
        span = self.reader.selection_offsets()
        if span is None or self.reader.doc_id is None:
            target = self._target()
            if target is not None and (color or style != target.style):
                self._run(EditAnnotation(
                    self.annotations, self.notify, target, self.tr("Change colour"),
                    color=color or target.color, style=style,
                ))  # fmt: skip
            return None
        return self._create(span, color=color or self.default_color(), style=style)

    def _create(self, span: tuple[int, int], **fields: object) -> Annotation | None:
        """Annotate the selection ``span`` (one undoable command), then show it as current."""
        fields.setdefault("color", self.default_color())
        command = CreateAnnotation(
            self.annotations, self.notify, self.tr("Highlight"),
            doc_id=self.reader.doc_id, start=span[0], end=span[1], **fields,
        )  # fmt: skip
        if not self._run(command):
            return None
        cursor = self.reader.textCursor()
        cursor.clearSelection()
        self.reader.setTextCursor(cursor)
        if command.annotation is not None:
            self.reader.set_current_annotation(command.annotation.id)
        return command.annotation

    def color(self, index: int) -> None:
        self.highlight(COLOR_KEYS[index])

    def underline(self) -> None:
        self.highlight(None, "underline")

    def _note_target(self) -> tuple[tuple[int, int] | None, Annotation | None]:
        """What N and T act on: a new selection (annotated only once the editor is saved,
        so Esc leaves nothing behind), else the clicked annotation or the one under the
        cursor."""
        span = self.reader.selection_offsets()
        if span is not None and self.reader.doc_id is not None:
            return span, None
        return None, self._target()

    def edit_note(self) -> None:
        span, target = self._note_target()
        if span is not None:
            quote = self.reader.text[span[0] : span[1]]
        elif target is not None:
            quote = target.quote
        else:
            return
        editor = NoteEditor(quote, target.note if target else "", self.dialog_parent)
        accepted = editor.exec() == QDialog.DialogCode.Accepted
        self._return_focus()
        if not accepted:
            return
        if span is not None:
            self._create(span, note=editor.note())
        elif target is not None and editor.note() != target.note:
            self._run(
                EditAnnotation(
                    self.annotations, self.notify, target, self.tr("Edit note"), note=editor.note()
                )
            )

    def edit_tags(self) -> None:
        span, target = self._note_target()
        where = _span_of(span, target)
        if where is None:
            return
        start, end = where
        quote = self.reader.text[start:end]
        tags = list(target.tags) if target else []
        known = [t.name for t in self.tags.list()]
        editor = TagEditor(tags, known, [], self.dialog_parent)
        self.last_tag_editor = editor
        paragraph = self._paragraph_around(start, end)
        job = self.ctx.jobs.run(lambda _job: suggest_tags(quote, paragraph, known), "pizhu-tags")

        def show(suggested: list[str] | None) -> None:
            if shiboken6.isValid(editor):
                editor.set_suggestions(suggested or [])

        job.done.connect(show)
        job.failed.connect(lambda _message: show([]))  # a failed suggestion is just none
        accepted = editor.exec() == QDialog.DialogCode.Accepted
        self.last_tag_editor = None
        self._return_focus()
        if not accepted:
            return
        if span is not None:
            self._create(span, tags=editor.tags())
        elif target is not None and sorted(editor.tags()) != sorted(target.tags):
            self._run(
                EditAnnotation(
                    self.annotations, self.notify, target, self.tr("Edit tags"), tags=editor.tags()
                )
            )

    def _return_focus(self) -> None:
        """Back to the reader after a dialog, so the single-key tools work again at once."""
        self.dialog_parent.activateWindow()
        self.reader.setFocus()

    def _paragraph_around(self, start: int, end: int) -> str:
        text = self.reader.text
        left = text.rfind("\n", 0, start) + 1
        right = text.find("\n", end)
        return text[left : right if right != -1 else len(text)][:2000]

    def delete(self) -> None:
        target = self._target()
        if target is not None:
            self._run(
                DeleteAnnotation(
                    self.annotations, self.notify, target.id, self.tr("Delete annotation")
                )
            )
            self.reader.set_current_annotation(None)

    def copy_quote(self) -> None:
        span = self.reader.selection_offsets()
        target = None if span else self._target()
        where = _span_of(span, target)
        if where is None:
            return
        start, end = where
        quote = self.reader.text[start:end]
        title = self.title_of(self.reader.doc_id or 0)
        QGuiApplication.clipboard().setText(f"“{quote}”——《{title}》")

    def reattach(self, ann_id: int) -> None:
        """Re-attach an orphaned annotation to the current selection."""
        span = self.reader.selection_offsets()
        if span is None:
            self.show_error(self.tr("Select the text to attach the annotation to, then try again."))
            return
        try:
            changes = self.annotations.reattach(ann_id, *span)
        except PizhuError as exc:
            self.show_error(str(exc))
            return
        self.notify(changes)
