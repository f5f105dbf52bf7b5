"""Drain ``search_queue`` into the Whoosh index: the one writer.

Runs on any thread (it opens its own SQLite connection), reports progress, and
can be cancelled between documents. A queue row is removed only after the
Whoosh commit, and only if the document still has the text and title that were
indexed, so a crash or a concurrent edit leaves the row for the next run.

One sync at a time per data dir, across processes: a sync holds
:data:`BUILD_LOCK` (beside ``index``, which a rebuild empties or moves aside)
from its first look at the index to its last commit. Without it a second
``pizhu reindex --wait`` emptied the folder under a running build and reported
"0 documents"; now the second one waits or is told the index is busy.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import CancelledError
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database
from whoosh.util.filelock import FileLock, LockBase, try_for

from reader.core.search.analysis import FastCodec, Segmenter
from reader.core.search.bulk import BulkWriter
from reader.core.search.index import (
    FoldedStore,
    IndexState,
    SearchIndex,
    Stamp,
    version_key,
)
from reader.core.search.manifest import record_manifest
from reader.core.search.prepare import Job, SegmentWorkers, add_document, split_jobs
from reader.core.storage.db import open_database, transaction
from reader.core.storage.documents import IndexOp
from reader.platform.paths import library_path

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]

BATCH_CHARS = 8_000_000
"""Commit at least this often (in characters) so a long catch-up becomes searchable in
steps and a crash loses at most one batch."""
BUILD_LOCK = ".pizhu-index.lock"
"""In the data dir: held by the one process (and thread) syncing the index."""
LOCK_POLL = 0.2  # seconds between attempts while waiting for another sync
REBUILD_BATCH_CHARS = 40_000_000
"""A rebuild commits in fewer, larger steps: each commit adds a segment, and every
segment costs time on each later query. A segment's postings stay in memory until
its commit (:mod:`reader.core.search.bulk`): about 14 M list entries for this many
characters, some 0.2 GB. Search stays complete meanwhile, since queued documents are
scanned directly."""


@dataclass
class SyncResult:
    rebuilt: bool = False
    indexed: int = 0
    deleted: int = 0
    pending: int = 0
    busy: bool = False  # another sync holds the build lock (or the writer lock): not done
    cancelled: bool = False


class Indexer:
    def __init__(self, data_dir: Path, segmenter: Segmenter) -> None:
        self.data_dir = data_dir
        self.segmenter = segmenter
        self.index = SearchIndex(data_dir)

    def expected_stamp(self) -> Stamp:
        return Stamp.expected(self.data_dir, self.segmenter.engine)

    def sync(
        self,
        *,
        rebuild: bool = False,
        progress: ProgressFn | None = None,
        cancel: CancelFn | None = None,
        procs: int = 1,
        verify: bool = False,
        wait: float | None = 0.0,
    ) -> SyncResult:
        """Bring the index up to date with the library; rebuild if asked or needed.

        ``procs > 1``: in a full build, ``procs - 1`` forked worker processes each
        write a share of every batch as a segment of their own while this one writes
        the rest; only call it that way from a main thread (it forks). ``verify`` compares the
        SHA-256 of every Whoosh file with the manifest, not only its size: it
        finds a changed byte, at about 5 ms per 10 MB of index. ``wait``: seconds
        to wait for another sync to finish (None: as long as it takes, or until
        ``cancel``); if it is still running, nothing is done and ``busy`` is set.
        """
        lock = self._build_lock(wait, cancel)
        if lock is None:
            return SyncResult(busy=True, cancelled=bool(cancel and cancel()))
        try:
            return self._sync_locked(rebuild, progress, cancel, procs, verify)
        finally:
            lock.release()

    def _build_lock(self, wait: float | None, cancel: CancelFn | None) -> LockBase | None:
        """The held build lock, or None when another sync kept it past ``wait``."""
        lock = FileLock(str(self.data_dir / BUILD_LOCK))
        deadline = None if wait is None else time.monotonic() + wait
        while not lock.acquire(blocking=False):
            if cancel and cancel():
                return None
            if deadline is not None and time.monotonic() >= deadline:
                return None
            time.sleep(LOCK_POLL)
        return lock

    def _sync_locked(
        self,
        rebuild: bool,
        progress: ProgressFn | None,
        cancel: CancelFn | None,
        procs: int,
        verify: bool,
    ) -> SyncResult:
        db = open_database(library_path(self.data_dir))
        try:
            result = SyncResult()
            state = self.index.inspect(self.expected_stamp(), full=verify).state
            if rebuild or state != IndexState.OK:
                self.index.reset(db, self.expected_stamp())
                result.rebuilt = True
            self._drain(db, result, progress, cancel, procs if result.rebuilt else 1)
            result.pending = db.execute("SELECT count(*) FROM search_queue").fetchone()[0]
            return result
        finally:
            db.close()

    def _drain(
        self,
        db: Database,
        result: SyncResult,
        progress: ProgressFn | None,
        cancel: CancelFn | None,
        procs: int,
    ) -> None:
        rows = db.execute(
            "SELECT q.doc_id, q.op, length(d.text) FROM search_queue q"
            " LEFT JOIN documents d ON d.id = q.doc_id ORDER BY q.queued_at, q.doc_id"
        ).fetchall()
        if not rows:
            return
        while not self.segmenter.wait_ready(LOCK_POLL):  # jieba loads; closing must not wait
            if cancel and cancel():
                result.cancelled = True
                return
        total = len(rows)
        ix = self.index.open()
        # A full build writes segments in forked workers too (main thread only, see sync).
        workers = SegmentWorkers(self.segmenter, procs - 1 if result.rebuilt and procs > 1 else 0)
        try:
            done = 0
            limit = REBUILD_BATCH_CHARS if result.rebuilt else BATCH_CHARS
            while done < total:
                batch, size = [], 0
                while done + len(batch) < total and (not batch or size < limit):
                    row = rows[done + len(batch)]
                    batch.append(row)
                    size += row[2] or 0
                if not self._write_batch(db, ix, batch, done, total, result, progress, cancel,
                                         workers):
                    return
                done += len(batch)
        finally:
            workers.close()
            ix.close()

    def _write_batch(self, db, ix, batch, done, total, result, progress, cancel, workers) -> bool:
        # Whoosh's lock is taken by hand so that it covers the manifest too: whenever it
        # is free, the manifest describes the latest commit (see manifest.py).
        lock = self.index.writer_lock()
        if not try_for(lock.acquire, timeout=5.0, delay=0.1):
            result.busy = True
            return False
        try:
            written = self._commit_batch(db, ix, batch, done, total, result, progress, cancel,
                                         workers)
            if written is None:
                return False
            record_manifest(self.index.path)
        finally:
            lock.release()
        self._dequeue(db, written)
        return True

    def _commit_batch(self, db, ix, batch, done, total, result, progress, cancel, workers):
        """Write and commit one batch (the caller holds the lock); None when cancelled.

        In a full build with workers, each worker writes a share of the batch as its
        own segment while this process writes the rest; the commit lists them all.
        """
        fresh = result.rebuilt  # the index was emptied and each document is queued once
        writer = BulkWriter(ix, codec=FastCodec(), _lk=False)
        written: list[tuple[int, str | None, str | None]] = []
        folded_store = FoldedStore(self.index.path)
        reported = done

        def report(title: str) -> None:
            nonlocal reported
            reported += 1
            if progress:
                progress(reported, total, title)

        try:
            jobs, gone = self._jobs(db, batch)
            for doc_id in gone:
                if not fresh:
                    writer.delete_by_term("doc_id", str(doc_id))
                folded_store.remove(doc_id)
                written.append((doc_id, None, None))
                result.deleted += 1
                report(f"#{doc_id}")
            shares = split_jobs(jobs, workers.count + 1) if fresh and workers.count else [jobs]
            own, others = shares[-1], [share for share in shares[:-1] if share]
            futures = [workers.build(self.index.path, share) for share in others]
            for job in own:
                if cancel and cancel():
                    writer.cancel()
                    workers.close(abandon=True)
                    result.cancelled = True
                    return None
                if not fresh:
                    writer.delete_by_term("doc_id", str(job[0]))
                add_document(writer, folded_store, job, self.segmenter, replace=not fresh)
                written.append((job[0], job[1], job[2]))
                result.indexed += 1
                report(job[1])
            for future, share in zip(futures, others, strict=True):
                try:
                    writer.extra_segments.append(future.result())
                except (BrokenProcessPool, CancelledError):  # a worker was killed (out of
                    # memory, a signal): the pool is broken, the others' shares come here too
                    log.warning("a search index worker stopped; indexing its share here")
                    workers.close(abandon=True)
                    for job in share:
                        add_document(writer, folded_store, job, self.segmenter, replace=False)
                for doc_id, title, text, _key in share:
                    written.append((doc_id, title, text))
                    result.indexed += 1
                    report(title)
            writer.commit(merge=not fresh)
        except BaseException:
            writer.cancel()
            raise
        return written

    @staticmethod
    def _jobs(
        db: Database, batch: list[tuple[int, str, int | None]]
    ) -> tuple[list[Job], list[int]]:
        """The batch's documents to index and the ids of those deleted since queued."""
        jobs: list[Job] = []
        gone: list[int] = []
        for doc_id, op, _length in batch:
            row = None if op == IndexOp.DELETE else db.execute(
                "SELECT title, text, sha256, updated_at, chars FROM documents WHERE id = ?",
                [doc_id],
            ).fetchone()
            if row is None:
                gone.append(doc_id)
            else:
                title, text, sha256, updated_at, chars = row
                jobs.append((doc_id, title, text, version_key(sha256, updated_at, chars)))
        return jobs, gone

    @staticmethod
    def _dequeue(db: Database, written: list[tuple[int, str | None, str | None]]) -> None:
        with transaction(db):
            for doc_id, title, text in written:
                if text is None:
                    db.execute(
                        "DELETE FROM search_queue WHERE doc_id = ?"
                        " AND NOT EXISTS (SELECT 1 FROM documents WHERE id = ?)",
                        [doc_id, doc_id],
                    )
                else:
                    db.execute(
                        "DELETE FROM search_queue WHERE doc_id = ? AND EXISTS (SELECT 1 FROM"
                        " documents WHERE id = ? AND title = ? AND text = ?)",
                        [doc_id, doc_id, title, text],
                    )
