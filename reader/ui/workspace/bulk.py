"""Undoable edits of many annotations at once: one undo step, one transaction each way."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from reader.core.annotate.annotations import Annotation, AnnotationService
from reader.core.changes import Changes
from reader.core.storage.db import transaction
from reader.ui.common.undo import ExecutedCommand, Notify


class BulkEdit(ExecutedCommand):
    """Re-colour, add tags or remove tags of ``before``; undo puts each one back as it was."""

    def __init__(
        self,
        service: AnnotationService,
        notify: Notify,
        before: list[Annotation],
        *,
        color: str | None = None,
        add_tags: tuple[str, ...] = (),
        remove_tags: tuple[str, ...] = (),
    ) -> None:
        text = QCoreApplication.translate("Workspace", "Edit {0} Annotations").format(len(before))
        super().__init__(notify, text)
        self.service = service
        self.before = before
        self.color = color
        self.add_tags = add_tags
        self.remove_tags = remove_tags

    def _do(self) -> Changes:
        changes = Changes()
        with transaction(self.service.db):
            for ann in self.before:
                adding = [t for t in self.add_tags if t not in ann.tags]
                removing = [t for t in self.remove_tags if t in ann.tags]
                color = self.color if self.color not in (None, ann.color) else None
                if color is None and not adding and not removing:
                    continue
                _ann, made = self.service.update(
                    ann.id, color=color, add_tags=adding, remove_tags=removing
                )
                changes.merge(made)
        return changes

    def _undo(self) -> Changes:
        changes = Changes()
        with transaction(self.service.db):
            for ann in self.before:
                now = self.service.get(ann.id)
                _ann, made = self.service.update(
                    ann.id,
                    color=ann.color if now.color != ann.color else None,
                    add_tags=[t for t in ann.tags if t not in now.tags],
                    remove_tags=[t for t in now.tags if t not in ann.tags],
                )
                changes.merge(made)
                # the edit's time goes back too: undo leaves no trace in "recently edited"
                self.service.db.execute(
                    "UPDATE annotations SET updated_at = ? WHERE id = ?", [ann.updated, ann.id]
                )
        return changes


class BulkDelete(ExecutedCommand):
    """To the trash, all together; undo restores every one."""

    def __init__(self, service: AnnotationService, notify: Notify, ids: list[int]) -> None:
        text = QCoreApplication.translate("Workspace", "Delete {0} Annotations").format(len(ids))
        super().__init__(notify, text)
        self.service = service
        self.ids = ids

    def _do(self) -> Changes:
        changes = Changes()
        with transaction(self.service.db):
            for ann_id in self.ids:
                changes.merge(self.service.delete(ann_id))
        return changes

    def _undo(self) -> Changes:
        changes = Changes()
        with transaction(self.service.db):
            for ann_id in self.ids:
                changes.merge(self.service.restore(ann_id)[1])
        return changes
