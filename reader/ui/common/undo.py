"""Undoable edits (annotations, document details, the word list): each command calls
the core both ways.

A command is run once by :meth:`ExecutedCommand.execute` *before* it is pushed, so
a refused edit (an error from the service) never lands on the undo stack; the
stack's automatic first ``redo()`` is then skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from reader.core.changes import Changes
from reader.core.storage.db import transaction
from reader.core.study import keep_word
from reader.errors import PizhuError

if TYPE_CHECKING:
    from sqlite_utils import Database

    from reader.core.annotate.annotations import Annotation, AnnotationService
    from reader.core.storage.documents import DocumentStore
    from reader.core.study import WordEntry, WordList

Notify = Callable[[Changes], None]
ShowError = Callable[[str], None]


class ExecutedCommand(QUndoCommand):
    """Runs once before it is pushed; errors on undo/redo are shown, not raised."""

    def __init__(self, notify: Notify, text: str) -> None:
        super().__init__(text)
        self.notify = notify
        self.show_error: ShowError = lambda _message: None
        self._pushed = False

    def execute(self) -> None:
        """Do it the first time; raises the service's error so nothing is pushed."""
        self.notify(self._do())

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True  # execute() already did the work
            return
        self._guard(self._do)

    def undo(self) -> None:
        self._guard(self._undo)

    def _guard(self, fn: Callable[[], Changes]) -> None:
        try:
            self.notify(fn())
        except PizhuError as exc:  # e.g. the document was deleted meanwhile
            self.show_error(str(exc))

    def _do(self) -> Changes:
        raise NotImplementedError

    def _undo(self) -> Changes:
        raise NotImplementedError


class ServiceCommand(ExecutedCommand):
    def __init__(self, service: AnnotationService, notify: Notify, text: str) -> None:
        super().__init__(notify, text)
        self.service = service


class UpdateDocumentDetails(ExecutedCommand):
    """Title, authors, date, source, language, script: one command, whichever changed.

    ``before`` and ``after`` hold the same keys; undo writes ``before`` back. Each
    direction is one transaction (the store leaves transactions to its callers).
    """

    def __init__(
        self,
        db: Database,
        documents: DocumentStore,
        notify: Notify,
        doc_id: int,
        before: dict[str, object],
        after: dict[str, object],
        text: str,
    ) -> None:
        super().__init__(notify, text)
        self.db = db
        self.documents = documents
        self.doc_id = doc_id
        self.before = before
        self.after = after
        self.edited_before = documents.get(doc_id).edited  # undo unmarks what it marked

    def _do(self) -> Changes:
        with transaction(self.db):
            # edited=None (the default) marks what changes; spelt out so that no key of
            # ``after`` can stand for it
            return self.documents.update_details(self.doc_id, edited=None, **self.after)

    def _undo(self) -> Changes:
        with transaction(self.db):
            return self.documents.update_details(
                self.doc_id, edited=self.edited_before, **self.before
            )


class CreateAnnotation(ServiceCommand):
    """Undo removes the annotation entirely; redo re-creates it with the same UUID."""

    def __init__(
        self, service: AnnotationService, notify: Notify, text: str, **fields: object
    ) -> None:
        super().__init__(service, notify, text)
        self.fields = fields
        self.annotation: Annotation | None = None

    def _do(self) -> Changes:
        uuid = self.annotation.uuid if self.annotation else None
        # fields: create()'s own keyword arguments, kept as given (typed object here)
        self.annotation, changes = self.service.create(
            **self.fields, uuid=uuid  # pyright: ignore[reportArgumentType]
        )
        return changes

    def _undo(self) -> Changes:
        assert self.annotation is not None
        changes = self.service.delete(self.annotation.id)
        return changes.merge(self.service.purge(self.annotation.id))


class DeleteAnnotation(ServiceCommand):
    def __init__(self, service: AnnotationService, notify: Notify, ann_id: int, text: str) -> None:
        super().__init__(service, notify, text)
        self.ann_id = ann_id

    def _do(self) -> Changes:
        return self.service.delete(self.ann_id)

    def _undo(self) -> Changes:
        return self.service.restore(self.ann_id)[1]


class EditAnnotation(ServiceCommand):
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
        super().__init__(service, notify, text)
        self.before = before
        self.after = {"note": note, "color": color, "style": style, "tags": tags}

    def _apply(
        self, note: str | None, color: str | None, style: str | None, tags: list[str] | None
    ) -> Changes:
        current = self.service.get(self.before.id)
        add: list[str] = []
        remove: list[str] = []
        if tags is not None:
            add = [t for t in tags if t not in current.tags]
            remove = [t for t in current.tags if t not in tags]
        _ann, changes = self.service.update(
            self.before.id, note=note, color=color, style=style, add_tags=add, remove_tags=remove
        )
        return changes

    def _do(self) -> Changes:
        return self._apply(**self.after)

    def _undo(self) -> Changes:
        b = self.before
        return self._apply(
            note=b.note if self.after["note"] is not None else None,
            color=b.color if self.after["color"] is not None else None,
            style=b.style if self.after["style"] is not None else None,
            tags=list(b.tags) if self.after["tags"] is not None else None,
        )


class KeepWord(ExecutedCommand):
    """Keep it: the word in the word list and, optionally, an annotation with its
    definition as the note. Undo removes what this command added (a word kept before
    stays); redo puts back the same word row and the same annotation UUID."""

    def __init__(
        self,
        db: Database,
        words: WordList,
        annotations: AnnotationService,
        notify: Notify,
        text: str,
        word: str,
        **fields: object,
    ) -> None:
        super().__init__(notify, text)
        self.db = db
        self.words = words
        self.annotations = annotations
        self.word = word
        self.fields = fields
        self.entry: WordEntry | None = None
        self.added = False  # the word was not in the list before
        self.annotation: Annotation | None = None

    @property
    def changed(self) -> bool:
        """False when the word was kept before and its place is marked already."""
        return self.added or self.annotation is not None

    def _do(self) -> Changes:
        if self.entry is None:  # the first time
            with transaction(self.db):
                entry, ann, changes = keep_word(
                    self.words,
                    self.annotations,
                    self.word,
                    # keep_word()'s own keyword arguments, kept as given (typed object)
                    **self.fields,  # pyright: ignore[reportArgumentType]
                )
            self.entry, self.added, self.annotation = entry, changes.words, ann
            return changes
        changes = Changes()
        with transaction(self.db):
            if self.added:
                changes.merge(self.words.restore([self.entry]))
            if self.annotation is not None:
                a = self.annotation
                self.annotation, made = self.annotations.create(
                    a.doc_id, a.start, a.end, color=a.color, style=a.style, note=a.note,
                    tags=a.tags, uuid=a.uuid,
                )  # fmt: skip
                changes.merge(made)
        return changes

    def _undo(self) -> Changes:
        changes = Changes()
        with transaction(self.db):
            if self.annotation is not None:
                changes.merge(self.annotations.delete(self.annotation.id))
                changes.merge(self.annotations.purge(self.annotation.id))
            if self.added and self.entry is not None:
                changes.merge(self.words.delete([self.entry.id])[1])
        return changes


class DeleteWords(ExecutedCommand):
    """Delete words from the word list; undo restores them with their ids and dates."""

    def __init__(
        self, db: Database, words: WordList, notify: Notify, ids: list[int], text: str
    ) -> None:
        super().__init__(notify, text)
        self.db = db
        self.words = words
        self.ids = ids
        self.deleted: list[WordEntry] = []

    def _do(self) -> Changes:
        with transaction(self.db):
            self.deleted, changes = self.words.delete(self.ids)
        return changes

    def _undo(self) -> Changes:
        with transaction(self.db):
            return self.words.restore(self.deleted)
