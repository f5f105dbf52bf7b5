"""What the indexer writes for one document, and worker processes that write segments.

Everything that depends on the document alone (folding, the chunks, each chunk's
gram set and trigram signature, jieba's word counts, the digest) is
:func:`prepare_document`. A full build with ``procs=2`` splits each batch in two
halves of about the same size: a forked worker writes one half as its own segment
while the indexer's process writes the other, and the indexer's commit lists both
(as Whoosh's multi-process writer does with ``multisegment=True``). Everything,
including inverting and writing the postings, then runs on both cores; handing the
worker only the preparation left the indexer's half (inverting, writing) the
bottleneck.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from reader.core.search.analysis import FastCodec, Segmenter, grams
from reader.core.search.bulk import BulkWriter
from reader.core.search.chunks import split_chunks
from reader.core.search.fold import fold
from reader.core.search.index import FoldedStore, text_digest
from reader.core.search.signatures import signature

ChunkField = tuple[int, int, int, int, int, str]  # seq, start, end, byte, size, digest


@dataclass(frozen=True)
class PreparedDocument:
    folded: str
    digest: str
    words: Counter[str]
    title_words: Counter[str]
    # the stored ``chunk`` field, its grams and its trigram signature (signatures.py)
    chunks: list[tuple[ChunkField, set[str], bytes | None]]

    def entries(self, doc_id: int) -> list[dict[str, object]]:
        """One index entry per chunk (``grams``: the chunk's gram set, see ``GramField``;
        ``_signature``: not a field, the bulk writer's for the segment's signature file).

        The first entry also carries what ranks and checks the whole document: its
        jieba words, its title's, and the digest of what it was made from.
        """
        entries: list[dict[str, object]] = []
        for chunk, found, sig in self.chunks:
            entry: dict[str, object] = {"doc_id": str(doc_id), "chunk": chunk, "grams": found,
                                        "_signature": sig}
            if chunk[0] == 0:
                entry["digest"] = self.digest
                entry["words"] = self.words
                entry["title_words"] = self.title_words
            entries.append(entry)
        return entries


def prepare_document(segmenter: Segmenter, title: str, text: str) -> PreparedDocument:
    folded = fold(text)
    chunks = [
        ((spec.seq, spec.start, spec.end, spec.byte, spec.size, spec.digest),
         grams(spec.gram_text), signature(spec.gram_text))
        for spec in split_chunks(folded)
    ]
    return PreparedDocument(
        folded=folded,
        digest=text_digest(title, text),
        words=segmenter.count(folded),
        title_words=segmenter.count(fold(title)),
        chunks=chunks,
    )


Job = tuple[int, str, str, str]  # doc id, title, text, version key of the folded copy


def add_document(writer: BulkWriter, folded_store: FoldedStore, job: Job,
                 segmenter: Segmenter, *, replace: bool) -> None:
    """Prepare one document, store its folded copy (and its text, for snippets) and add
    its chunks to ``writer``."""
    doc_id, title, text, key = job
    prepared = prepare_document(segmenter, title, text)
    folded_store.write(doc_id, key, prepared.folded, replace=replace, original=text)
    for entry in prepared.entries(doc_id):
        writer.add_document(**entry)


_worker_segmenter: Segmenter | None = None


def _init_worker(segmenter: Segmenter) -> None:
    global _worker_segmenter
    _worker_segmenter = segmenter


def _build_segment(index_dir: str, jobs: list[Job]) -> Any:
    """In a worker: one new segment holding ``jobs`` (not committed: the parent's TOC
    lists it). As Whoosh's own sub-writers, it leaves the shared temp folder alone."""
    assert _worker_segmenter is not None
    ix = whoosh_index.open_dir(index_dir)
    try:
        writer = BulkWriter(ix, codec=FastCodec(), _lk=False)
        folded_store = FoldedStore(Path(index_dir))
        try:
            for job in jobs:
                add_document(writer, folded_store, job, _worker_segmenter, replace=False)
            return writer._finalize_segment()
        except BaseException:
            writer._close_segment()
            raise
    finally:
        ix.close()


class SegmentWorkers:
    """Worker processes that each write a segment of a full build.

    Workers are forked, so they inherit the loaded segmenter (no second dictionary
    load) and nothing is pickled to start them; forking is only safe from a
    process's main thread, so callers on other threads use ``workers=0``. Without
    ``fork`` (not Linux) there are none either: the indexer then writes everything.
    """

    def __init__(self, segmenter: Segmenter, workers: int) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self.count = 0
        if workers > 0 and "fork" in multiprocessing.get_all_start_methods():
            self._pool = ProcessPoolExecutor(
                max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                initializer=_init_worker, initargs=(segmenter,),
            )
            self.count = workers

    def build(self, index_dir: Path, jobs: list[Job]) -> Future[Any]:
        """A future of the (uncommitted) segment holding ``jobs``."""
        assert self._pool is not None
        return self._pool.submit(_build_segment, str(index_dir), jobs)

    def close(self, *, abandon: bool = False) -> None:
        """Wait for the workers, or (``abandon``: cancelled) stop them now; a segment they
        leave unfinished is not in any TOC, and Whoosh's next commit deletes its files."""
        pool, self._pool = self._pool, None
        self.count = 0
        if pool is None:
            return
        if abandon:
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)


def split_jobs(jobs: list[Job], parts: int) -> list[list[Job]]:
    """``jobs`` in ``parts`` lists of about the same number of characters."""
    shares: list[list[Job]] = [[] for _ in range(parts)]
    sizes = [0] * parts
    for job in sorted(jobs, key=lambda j: -len(j[2])):
        smallest = sizes.index(min(sizes))
        shares[smallest].append(job)
        sizes[smallest] += len(job[2])
    for share in shares:
        share.sort(key=lambda j: j[0])
    return shares
