"""Undoable annotation edits: each command calls the core service both ways."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from reader.core.changes import Changes

if TYPE_CHECKING:
    from reader.core.annotations import Annotation, AnnotationService

Notify = Callable[[Changes], None]


class CreateAnnotation(QUndoCommand):
    """Undo purges the annotation; redo re-creates it with the same UUID."""

    def __init__(
        self, service: AnnotationService, notify: Notify, text: str, **fields: object
    ) -> None:
        super().__init__(text)
        self.service = service
        self.notify = notify
        self.fields = fields
        self.annotation: Annotation | None = None

    def redo(self) -> None:
        uuid = self.annotation.uuid if self.annotation else None
        self.annotation, changes = self.service.create(**self.fields, uuid=uuid)  # type: ignore[arg-type]
        self.notify(changes)

    def undo(self) -> None:
        assert self.annotation is not None
        self.notify(self.service.purge(self.annotation.id))


class DeleteAnnotation(QUndoCommand):
    def __init__(self, service: AnnotationService, notify: Notify, ann_id: int, text: str) -> None:
        super().__init__(text)
        self.service = service
        self.notify = notify
        self.ann_id = ann_id

    def redo(self) -> None:
        self.notify(self.service.delete(self.ann_id))

    def undo(self) -> None:
        self.notify(self.service.restore(self.ann_id)[1])


class EditAnnotation(QUndoCommand):
    """Note, colour, style and tag edits; undo restores every field it changed."""

    def __init__(
        self,
        service: AnnotationService,
        notify: Notify,
        before: Annotation,
        text: str,
        *,
        note: str | None = None,
        color: str | None = None,
        style: str | None = None,
        tags: list[str] | None = None,
    ) -> None:
        super().__init__(text)
        self.service = service
        self.notify = notify
        self.before = before
        self.after = {"note": note, "color": color, "style": style, "tags": tags}

    def _apply(
        self, note: str | None, color: str | None, style: str | None, tags: list[str] | None
    ) -> None:
        current = self.service.get(self.before.id)
        add = remove = None
        if tags is not None:
            add = [t for t in tags if t not in current.tags]
            remove = [t for t in current.tags if t not in tags]
        _ann, changes = self.service.update(
            self.before.id,
            note=note,
            color=color,
            style=style,
            add_tags=add or None,
            remove_tags=remove or None,
        )
        self.notify(changes)

    def redo(self) -> None:
        self._apply(**self.after)  # type: ignore[arg-type]

    def undo(self) -> None:
        b = self.before
        self._apply(
            note=b.note if self.after["note"] is not None else None,
            color=b.color if self.after["color"] is not None else None,
            style=b.style if self.after["style"] is not None else None,
            tags=list(b.tags) if self.after["tags"] is not None else None,
        )
