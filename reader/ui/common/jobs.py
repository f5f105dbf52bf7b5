"""The one way the UI runs work off the GUI thread.

A :class:`Job` runs a plain function on a daemon thread and reports through queued
signals, so its results, progress and errors arrive on the GUI thread. Daemon threads
rather than QThreads: a window closed (or an app quit) while a job runs neither blocks
nor crashes on a running QThread, and every job that writes does so in one SQLite
transaction on its own connection, so a job cut short leaves nothing half-written.
Import, tag suggestions, the dictionary load, the search worker and the export preview
all use it.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from reader.errors import PizhuError

JobFn = Callable[["Job"], Any]


class Job(QObject):
    """One run of ``fn(job)``; ``fn`` may call :meth:`report` and poll :meth:`cancelled`.

    ``done`` carries the return value, ``failed`` a one-line message (a
    :class:`PizhuError`'s own, else ``failure_prefix`` and the exception), ``finished``
    comes after either.
    """

    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(str)
    finished = Signal()
    _outcome = Signal(bool, object)  # emitted on the job's thread

    def __init__(
        self,
        fn: JobFn,
        name: str = "pizhu-job",
        failure_prefix: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fn = fn
        self._name = name
        self._failure_prefix = failure_prefix
        self._cancel = threading.Event()
        self._ended = threading.Event()
        self._thread: threading.Thread | None = None
        self._outcome.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def start(self) -> Job:
        self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
        self._thread.start()
        return self

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, done: int, total: int, label: str = "") -> None:
        """Progress from the job's thread (queued to the GUI thread like every signal)."""
        with contextlib.suppress(RuntimeError):  # the job object is gone: the app quits
            self.progress.emit(done, total, label)

    def running(self) -> bool:
        return self._thread is not None and not self._ended.is_set()

    def wait(self, timeout_ms: int = 10000) -> bool:
        """Block until the function returned and its outcome was posted (not delivered)."""
        return self._thread is None or self._ended.wait(timeout_ms / 1000)

    def _run(self) -> None:
        try:
            ok, value = True, self._fn(self)
        except PizhuError as exc:
            ok, value = False, str(exc)
        except Exception as exc:  # shown to the user, never a crash
            ok, value = False, f"{self._failure_prefix}{exc}" or type(exc).__name__
        try:
            with contextlib.suppress(RuntimeError):
                self._outcome.emit(ok, value)
        finally:
            # Only now: whoever waited may delete this object, and an emit from this
            # thread on a deleted object crashes (a posted event is simply dropped).
            self._ended.set()

    def _deliver(self, ok: bool, value: object) -> None:
        if ok:
            self.done.emit(value)
        else:
            self.failed.emit(str(value))
        self.finished.emit()


class Jobs(QObject):
    """Starts jobs and keeps the running ones, so a window can wait for them on close."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: list[Job] = []

    def run(self, fn: JobFn, name: str = "pizhu-job", failure_prefix: str = "") -> Job:
        job = Job(fn, name, failure_prefix, self)
        self._running.append(job)
        job.finished.connect(lambda: self._forget(job))
        return job.start()

    def _forget(self, job: Job) -> None:
        if job in self._running:
            self._running.remove(job)
        # Its outcome arrived, but its thread may still be inside the emit: deleting
        # the object under it crashed (a preview renders many short jobs).
        job.wait(1000)
        job.deleteLater()

    def running(self) -> list[Job]:
        return list(self._running)

    def cancel_all(self) -> None:
        for job in self._running:
            job.cancel()

    def wait_all(self, timeout_ms: int = 3000) -> None:
        for job in list(self._running):
            job.wait(timeout_ms)
