"""What the indexer writes for one document, computed here or in worker processes.

Everything that depends on the document alone (folding, the chunks, each chunk's
gram set, jieba's word counts, the digest) is :func:`prepare_document`; the
indexer only adds the results to its segment. That split lets a full build run
the preparation in a forked worker process while the indexer's process inverts
and writes the postings: the two halves of a build cost about the same, so two
cores take it in about half the time. Sending a chunk's gram set back (pickled
short strings) costs a fraction of computing it.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice

from reader.core.search.analysis import Segmenter, grams
from reader.core.search.chunks import split_chunks
from reader.core.search.fold import fold
from reader.core.search.index import text_digest

AHEAD = 6
"""Documents handed to the workers before their results are needed: enough to keep
them busy, few enough that memory stays bounded (a text and its analysis each)."""

ChunkField = tuple[int, int, int, int, int, str]  # seq, start, end, byte, size, digest


@dataclass(frozen=True)
class PreparedDocument:
    folded: str
    digest: str
    words: Counter[str]
    title_words: Counter[str]
    chunks: list[tuple[ChunkField, set[str]]]  # the stored ``chunk`` field and its grams


def prepare_document(segmenter: Segmenter, title: str, text: str) -> PreparedDocument:
    folded = fold(text)
    chunks = [
        ((spec.seq, spec.start, spec.end, spec.byte, spec.size, spec.digest),
         grams(spec.gram_text))
        for spec in split_chunks(folded)
    ]
    return PreparedDocument(
        folded=folded,
        digest=text_digest(title, text),
        words=segmenter.count(folded),
        title_words=segmenter.count(fold(title)),
        chunks=chunks,
    )


_worker_segmenter: Segmenter | None = None


def _init_worker(segmenter: Segmenter) -> None:
    global _worker_segmenter  # noqa: PLW0603 - one per worker process, set at its start
    _worker_segmenter = segmenter


def _prepare_in_worker(title: str, text: str) -> PreparedDocument:
    assert _worker_segmenter is not None
    return prepare_document(_worker_segmenter, title, text)


Job = tuple[str, str]  # title, text


class Preparer:
    """:func:`prepare_document` over many documents, in order, in ``workers`` processes.

    Workers are forked, so they inherit the loaded segmenter (no second dictionary
    load) and nothing is pickled to start them; forking is only safe from a
    process's main thread, so callers on other threads use ``workers=0`` (the
    preparation then runs inline). Without ``fork`` (not Linux) it runs inline too.
    """

    def __init__(self, segmenter: Segmenter, workers: int) -> None:
        self.segmenter = segmenter
        self._pool: ProcessPoolExecutor | None = None
        if workers > 0 and "fork" in multiprocessing.get_all_start_methods():
            self._pool = ProcessPoolExecutor(
                max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                initializer=_init_worker, initargs=(segmenter,),
            )

    def map(self, jobs: Iterable[Job | None]) -> Iterator[PreparedDocument | None]:
        """One result per job, in order (None for None: nothing to prepare)."""
        if self._pool is None:
            for job in jobs:
                yield None if job is None else prepare_document(self.segmenter, *job)
            return
        pool = self._pool
        pending: deque[Future[PreparedDocument] | None] = deque()
        source = iter(jobs)

        def submit(job: Job | None) -> None:
            pending.append(None if job is None else pool.submit(_prepare_in_worker, *job))

        for job in islice(source, AHEAD):
            submit(job)
        while pending:
            future = pending.popleft()
            for job in islice(source, 1):
                submit(job)
            yield None if future is None else future.result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
