"""Rendering an export preview off the UI thread.

Each request gets a number; only the answer to the latest request is shown, so typing
fast never shows an older preview after a newer one. The worker opens its own SQLite
connection (connections are per thread) and closes it when done.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from reader.core.export.scope import ExportScope
from reader.core.export.service import ExportService
from reader.core.storage.db import open_database
from reader.errors import PizhuError
from reader.platform.paths import library_path
from reader.ui.common.jobs import Job, Jobs

PREVIEW_CHARS = 200_000  # a preview longer than this is cut (Save writes it all)


@dataclass(frozen=True)
class ExportRequest:
    scope: ExportScope
    template: str
    script: str
    lang: str
    include_notes: bool
    exported: str | None = None  # one stamp per dialog: the preview is what Save writes


@dataclass(frozen=True)
class Rendered:
    serial: int
    text: str
    documents: int
    annotations: int
    error: str = ""


def render(data_dir: Path, request: ExportRequest, limit: int | None = None) -> Rendered:
    """The export's text and counts; an error (a broken template, an empty scope) as its
    one-line message."""
    db = open_database(library_path(data_dir), migrate=False)
    try:
        service = ExportService(db, data_dir)
        docs = service.records(request.scope, request.script, request.lang)
        context = service.context(
            request.scope,
            exported=request.exported,
            script=request.script,
            lang=request.lang,
            include_notes=request.include_notes,
            documents=docs,
        )
        text = service.renderer.render(request.template, context)
    except PizhuError as exc:
        return Rendered(0, "", 0, 0, str(exc))
    finally:
        db.close()
    if limit is not None and len(text) > limit:
        text = text[:limit] + "\n…\n"
    return Rendered(0, text, len(docs), sum(len(d.annotations) for d in docs))


class PreviewRenderer(QObject):
    """``request(r)`` renders as a :class:`Job`; ``ready`` carries the latest request's result."""

    ready = Signal(object)  # Rendered

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.serial = 0
        self._jobs = Jobs(self)

    def request(self, request: ExportRequest) -> int:
        self.serial += 1
        serial, data_dir = self.serial, self.data_dir

        def run(_job: Job) -> Rendered:
            try:
                result = render(data_dir, request, PREVIEW_CHARS)
            except Exception as exc:  # shown in the preview, never a crash
                result = Rendered(0, "", 0, 0, f"{type(exc).__name__}: {exc}")
            return Rendered(serial, result.text, result.documents, result.annotations,
                            result.error)  # fmt: skip

        self._jobs.run(run, "pizhu-export-preview").done.connect(self._done)
        return self.serial

    def _done(self, result: Rendered) -> None:
        if result.serial == self.serial:
            self.ready.emit(result)

    @property
    def busy(self) -> bool:
        return any(job.running() for job in self._jobs.running())

    def wait(self) -> None:
        """Let running renders finish (the dialog closes only after its threads)."""
        self._jobs.wait_all(60_000)
