"""The index is a cache: rebuilt when missing, corrupt or outdated; kept in step
incrementally through search_queue; consistent after a kill -9."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reader.core.check import check_database
from reader.core.ingest.formats.text import parse_document
from reader.core.library import Library
from reader.core.search.index import STAMP_FILE, SearchIndex
from reader.core.search.service import SearchService
from reader.core.storage.db import open_database, transaction
from reader.platform.paths import library_path
from tests.core.search.conftest import import_fixtures


def total(service: SearchService, query: str) -> int:
    searcher = service.searcher()
    try:
        return searcher.search(f"\"{query}\"").total  # quoted: literal hits only
    finally:
        searcher.close()


def queue_size(data_dir: Path) -> int:
    db = open_database(library_path(data_dir))
    try:
        return db.execute("SELECT count(*) FROM search_queue").fetchone()[0]
    finally:
        db.close()


def library_problems(data_dir: Path) -> list[str]:
    library = Library.open(data_dir)
    try:
        return check_database(library.db)
    finally:
        library.close()


def test_first_sync_builds_and_empties_queue(service: SearchService, data_dir: Path) -> None:
    assert queue_size(data_dir) == 0
    assert (data_dir / "index" / STAMP_FILE).is_file()
    assert total(service, "刘䶮") == 1
    assert not [p for p in library_problems(data_dir) if "search index" in p]
    again = service.sync_now()
    assert not again.rebuilt and again.indexed == 0


def test_incremental_update_and_delete(service: SearchService, data_dir: Path, library_ids):
    special = library_ids[0]
    library = Library.open(data_dir)
    try:
        with transaction(library.db):
            info = library.documents.get(special)
            from reader.core.storage.documents import SourceInfo

            source = SourceInfo(info.source_path or "", 0.0, 1, "x" * 64, "utf-8", "markdown")
            library.documents.replace_content(
                special, parse_document("# 新标题\n\n独一无二的新内容。\n", "special.md"), source
            )
    finally:
        library.close()
    # Visible before the index caught up (queued documents are verified directly) ...
    assert total(service, "独一无二") == 1
    assert total(service, "刘䶮") == 0
    # ... and after.
    result = service.sync_now()
    assert (result.indexed, result.rebuilt, queue_size(data_dir)) == (1, False, 0)
    assert total(service, "独一无二") == 1
    assert total(service, "刘䶮") == 0
    library = Library.open(data_dir)
    try:
        with transaction(library.db):
            library.documents.delete(special)
    finally:
        library.close()
    assert total(service, "独一无二") == 0
    assert service.sync_now().deleted == 1
    assert total(service, "独一无二") == 0
    assert not [p for p in library_problems(data_dir) if "search index" in p]


def test_rebuild_after_index_deleted(service: SearchService, data_dir: Path) -> None:
    shutil.rmtree(data_dir / "index")
    assert total(service, "刘䶮") == 1  # scanning fallback
    assert service.sync_now().rebuilt
    assert total(service, "刘䶮") == 1


def test_rebuild_after_corruption(service: SearchService, data_dir: Path) -> None:
    for path in (data_dir / "index").iterdir():
        if path.suffix in (".toc", ".seg"):
            path.write_bytes(b"garbage")
    assert any("search index" in p for p in library_problems(data_dir))
    assert total(service, "刘䶮") == 1
    assert service.sync_now().rebuilt
    assert total(service, "刘䶮") == 1
    assert not [p for p in library_problems(data_dir) if "search index" in p]


def test_rebuild_when_stamp_differs(service: SearchService, data_dir: Path) -> None:
    stamp_file = data_dir / "index" / STAMP_FILE
    stamp = json.loads(stamp_file.read_text())
    stamp["analyzer"] = -1
    stamp_file.write_text(json.dumps(stamp))
    assert service.sync_now().rebuilt


def test_userdict_change_reindexes(service: SearchService, data_dir: Path) -> None:
    assert "高祖刘䶮" not in service.segmenter.cut("南汉高祖刘䶮在位")
    (data_dir / "userdict.txt").write_text("高祖刘䶮 n\n", encoding="utf-8")
    result = service.sync_now()
    assert result.rebuilt
    assert "高祖刘䶮" in service.segmenter.cut("南汉高祖刘䶮在位")
    assert total(service, "刘䶮") == 1
    assert not service.sync_now().rebuilt


def test_stale_entry_is_reported_by_check(service: SearchService, data_dir: Path, library_ids):
    db = open_database(library_path(data_dir))
    try:
        with transaction(db):  # an edit that bypasses the queue
            db.execute("UPDATE documents SET title = 'x' WHERE id = ?", [library_ids[1]])
    finally:
        db.close()
    problems = [p for p in library_problems(data_dir) if "search index" in p]
    assert problems == [f"search index: document {library_ids[1]} is stale and not queued"]


def test_background_service(data_dir: Path, library_ids) -> None:
    svc = SearchService(data_dir)
    seen: list = []
    svc.sync_listeners.append(seen.append)
    svc.start()
    try:
        assert svc.wait_idle(60)
        assert seen and seen[0].rebuilt and queue_size(data_dir) == 0
        SearchIndex(data_dir).invalidate()
        svc.request_sync()
        assert svc.wait_idle(60)
        assert seen[-1].rebuilt
        assert total(svc, "刘䶮") == 1
    finally:
        svc.stop()
    assert svc.last_error is None


def test_cancel_leaves_queue(data_dir: Path, library_ids) -> None:
    svc = SearchService(data_dir)
    result = svc.indexer.sync(cancel=lambda: True)
    assert result.cancelled and queue_size(data_dir) == len(library_ids)
    assert svc.sync_now().indexed == len(library_ids)


KILLER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from reader.core.search.service import SearchService
    svc = SearchService(Path(sys.argv[1]))
    def progress(done, total, title):
        print("progress", done, flush=True)
        time.sleep(0.3)
    svc.sync_now(progress=progress)
    print("finished", flush=True)
    """
)


def test_kill_during_indexing_then_correct(data_dir: Path, library_ids, tmp_path: Path) -> None:
    script = tmp_path / "killer.py"
    script.write_text(KILLER)
    proc = subprocess.Popen(
        [sys.executable, str(script), str(data_dir)], stdout=subprocess.PIPE, text=True
    )
    try:
        line = proc.stdout.readline()
        assert line.startswith("progress"), line
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(30)
        proc.stdout.close()
    assert queue_size(data_dir) > 0  # nothing was dequeued before the commit
    svc = SearchService(data_dir)
    svc.sync_now()
    assert queue_size(data_dir) == 0
    assert total(svc, "刘䶮") == 1
    assert not [p for p in library_problems(data_dir) if "search index" in p]


def test_incremental_commits_merge_segments(service: SearchService, data_dir: Path) -> None:
    """Every commit adds a segment and Whoosh merges small ones (once crashed on the fifth)."""
    library = Library.open(data_dir)
    try:
        for n in range(8):
            with transaction(library.db):
                library.documents.enqueue_index(1 + n % 5, "upsert")
            assert service.sync_now().indexed == 1
    finally:
        library.close()
    assert len(list((data_dir / "index").glob("*.seg"))) < 8
    assert total(service, "刘䶮") == 1
    assert not [p for p in library_problems(data_dir) if "search index" in p]


def test_short_posting_lists_are_inlined(service: SearchService, data_dir: Path) -> None:
    """FastCodec stores lists shorter than its inline limit in the term table."""
    from reader.core.search.analysis import FastCodec

    ix = SearchIndex(data_dir).open()
    try:
        with ix.reader() as reader:
            leaves = [leaf for leaf, _base in reader.leaf_readers()]
            infos = [leaf.term_info("grams", term) for leaf in leaves
                     for term in leaf.lexicon("grams")]
    finally:
        ix.close()
    short = [info for info in infos if info.doc_frequency() < FastCodec.INLINE_LIMIT]
    assert short and all(info.is_inlined() for info in short)
    assert not any(info.is_inlined() for info in infos
                   if info.doc_frequency() >= FastCodec.INLINE_LIMIT)


def test_relaunch_with_a_current_index_never_loads_jieba(
    service: SearchService, data_dir: Path
) -> None:
    """jieba is off the path to a usable window: a service started on an up-to-date index
    checks it without loading the segmenter, and the word fallback cuts the query into
    the index's own words, so searching never loads it either."""
    relaunched = SearchService(data_dir)
    relaunched.start()
    try:
        assert relaunched.wait_idle(60)
        assert relaunched.segmenter._thread is None and not relaunched.segmenter.ready
        searcher = relaunched.searcher()
        try:
            first = searcher.search("国务院发布意见")
            assert first.hits and not any(h.exact for h in first.hits)  # words at once
            assert not relaunched.segmenter.requested
        finally:
            searcher.close()
    finally:
        relaunched.stop()
    assert relaunched.last_error is None


def test_default_library_keeps_its_index_in_the_user_cache_dir(
    tmp_path: Path, monkeypatch
) -> None:
    """The index is a cache: the default library's lives in $XDG_CACHE_HOME/pizhu; an index
    an older Pizhu left in the data dir is rebuilt there and the old one deleted."""
    from reader.platform.paths import resolve_data_dir

    monkeypatch.delenv("PIZHU_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    data_dir = resolve_data_dir(None)
    assert data_dir == tmp_path / "share" / "pizhu"
    import_fixtures(data_dir, tmp_path)
    legacy = data_dir / "index"
    legacy.mkdir()
    (legacy / STAMP_FILE).write_text("{}")
    service = SearchService(data_dir)
    assert service.sync_now().rebuilt
    cached = tmp_path / "cache" / "pizhu" / "index"
    assert (cached / STAMP_FILE).is_file() and not legacy.exists()
    assert total(service, "刘䶮") == 1
    shutil.rmtree(cached)  # the system cleaned the cache: rebuilt when missing
    assert service.sync_now().rebuilt and total(service, "刘䶮") == 1


def test_other_libraries_keep_the_index_beside_them(data_dir: Path, library_ids) -> None:
    SearchService(data_dir).sync_now()
    assert (data_dir / "index" / STAMP_FILE).is_file()


@pytest.mark.parametrize("has_pread", [True, False])
def test_a_folded_range_is_read_with_or_without_pread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, has_pread: bool
) -> None:
    """Windows has no ``os.pread``: a seek and a read give the same bytes; a missing
    copy is None, not an error."""
    from reader.core.search import originals
    from reader.core.search.index import FoldedStore

    if not has_pread:
        monkeypatch.setattr(originals, "_HAS_PREAD", False)
        monkeypatch.delattr(originals.os, "pread")
    store = FoldedStore(tmp_path)
    text = "國務院发布𠮷通知。" * 50
    store.write(4, "v1", text)
    data = text.encode("utf-8")
    assert store.read_range(4, "v1", 15, 30) == data[15:45]
    assert store.read_range(4, "v1", 0, len(data)) == data
    assert store.read_range(4, "v2", 0, 10) is None  # another version: no such file
    assert store.read_range(5, "v1", 0, 10) is None
