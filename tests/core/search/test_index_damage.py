"""Damage to the index cache: ``check`` names the file, search stays right, reindex repairs.

One small library is built once; every case damages a copy of it. Real SQLite,
real Whoosh, real jieba.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core.search.check import check_index
from reader.core.search.index import (
    STAMP_FILE,
    FoldedStore,
    IndexState,
    SearchIndex,
    Stamp,
    version_key,
)
from reader.core.search.manifest import MANIFEST_FILE
from reader.core.search.searcher import Searcher
from reader.core.search.service import SearchService
from reader.core.storage.db import open_database
from reader.platform.paths import library_path
from tests.core.search.conftest import import_fixtures

QUERIES = ["国务院", "國務院", "刘䶮", "2024年", "国务院发布意见", "改革 开放", "天津发展"]
Results = dict[str, set[tuple[int, tuple[tuple[int, int], ...], bool]]]


def results(data_dir: Path) -> Results:
    """Every hit of every query; a set, since without the index BM25 cannot order them.

    The segmenter is loaded first, so that word-only hits never depend on timing."""
    service = SearchService(data_dir)
    service.segmenter.wait_ready()
    searcher = service.searcher()
    try:
        return {
            query: {
                (hit.doc_id, tuple(hit.matches), hit.exact)
                for hit in searcher.search(query, limit=100).hits
            }
            for query in QUERIES
        }
    finally:
        searcher.close()


def index_problems(data_dir: Path) -> list[str]:
    db = open_database(library_path(data_dir))
    try:
        return check_index(data_dir, db)
    finally:
        db.close()


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Results]:
    root = tmp_path_factory.mktemp("pristine")
    data_dir = root / "data"
    import_fixtures(data_dir, root)
    SearchService(data_dir).sync_now()
    return data_dir, results(data_dir)


@pytest.fixture
def library(pristine: tuple[Path, Results], tmp_path: Path) -> Path:
    data_dir = tmp_path / "copy"
    shutil.copytree(pristine[0], data_dir)
    return data_dir


def folded_file(data_dir: Path, doc_id: int = 1) -> Path:
    db = open_database(library_path(data_dir))
    try:
        chars, sha256, updated_at = db.execute(
            "SELECT chars, sha256, updated_at FROM documents WHERE id = ?", [doc_id]
        ).fetchone()
    finally:
        db.close()
    path = FoldedStore(data_dir / "index").file(doc_id, version_key(sha256, updated_at, chars))
    assert path.is_file()
    return path


def segment(index_dir: Path) -> Path:
    (path,) = index_dir.glob("MAIN_*.seg")
    return path


def invalid_byte(data_dir: Path) -> str:
    path = folded_file(data_dir)
    data = bytearray(path.read_bytes())
    data[-20] = 0xFF  # inside a multi-byte character: not UTF-8 any more
    path.write_bytes(bytes(data))
    return f"search index: {path}: checksum mismatch (run pizhu reindex)"


def same_length_change(data_dir: Path) -> str:
    path = folded_file(data_dir)
    data = path.read_bytes()
    assert "国务院".encode() in data
    path.write_bytes(data.replace("国务院".encode(), "国务完".encode(), 1))
    return f"search index: {path}: checksum mismatch (run pizhu reindex)"


def truncated_segment(data_dir: Path) -> str:
    path = segment(data_dir / "index")
    size = path.stat().st_size
    with path.open("r+b") as stream:
        stream.truncate(size // 2)
    return f"search index: {path}: size {size // 2} bytes, expected {size} (run pizhu reindex)"


def deleted_segment(data_dir: Path) -> str:
    path = segment(data_dir / "index")
    path.unlink()
    return f"search index: {path}: missing (run pizhu reindex)"


def corrupt_toc(data_dir: Path) -> str:
    (path,) = (data_dir / "index").glob("_MAIN_*.toc")
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    return f"search index: {path}: checksum mismatch (run pizhu reindex)"


def deleted_manifest(data_dir: Path) -> str:
    path = data_dir / "index" / MANIFEST_FILE
    path.unlink()
    return f"search index: {path}: missing (run pizhu reindex)"


def index_is_a_file(data_dir: Path) -> str:
    path = data_dir / "index"
    shutil.rmtree(path)
    path.write_text("not an index")
    return f"search index: {path}: is not a directory (run pizhu reindex)"


DAMAGE: dict[str, Callable[[Path], str]] = {
    "invalid byte in a folded text": invalid_byte,
    "same-length change in a folded text": same_length_change,
    "truncated segment": truncated_segment,
    "deleted segment": deleted_segment,
    "corrupt TOC": corrupt_toc,
    "deleted manifest": deleted_manifest,
    "index is a regular file": index_is_a_file,
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_check_reports_search_stays_right_reindex_repairs(
    damage: Callable[[Path], str], library: Path, pristine: tuple[Path, Results]
) -> None:
    expected_line = damage(library)
    assert index_problems(library) == [expected_line]
    assert results(library) == pristine[1]  # never an exception, never a wrong hit
    SearchService(library).sync_now(rebuild=True)  # what `pizhu reindex --wait` does
    assert index_problems(library) == []
    assert results(library) == pristine[1]


@pytest.mark.parametrize("damage", [truncated_segment, deleted_segment, corrupt_toc,
                                    deleted_manifest, index_is_a_file])
def test_sync_rebuilds_a_damaged_index_by_itself(damage: Callable[[Path], str],
                                                 library: Path) -> None:
    damage(library)
    assert SearchService(library).sync_now().rebuilt
    assert index_problems(library) == []


def test_index_file_is_moved_aside(library: Path) -> None:
    index_is_a_file(library)
    SearchService(library).sync_now()
    (broken,) = library.glob("index.broken-*")
    assert broken.read_text() == "not an index" and (library / "index").is_dir()


def test_only_the_newest_moved_aside_index_is_kept(library: Path) -> None:
    (library / "index.broken-20260101T000000").mkdir()
    (library / "index.broken-20260101T000000" / "seg").write_text("old")
    (library / "index.broken-20260102T000000").write_text("older file")
    index_is_a_file(library)
    SearchService(library).sync_now()
    (broken,) = library.glob("index.broken-*")
    assert broken.read_text() == "not an index"


@pytest.mark.parametrize("damage", [invalid_byte, same_length_change])
def test_damaged_folded_text_is_queued_and_reindexed(
    damage: Callable[[Path], str], library: Path, pristine: tuple[Path, Results]
) -> None:
    damage(library)
    service = SearchService(library)
    woken: list[bool] = []
    service.request_sync = lambda **_kw: woken.append(True)  # type: ignore[method-assign]
    searcher = service.searcher()
    try:
        assert searcher.search("国务院").total == 2
    finally:
        searcher.close()
    assert woken and queued(library) == [1]
    result = service.sync_now()
    assert (result.rebuilt, result.indexed) == (False, 1)
    assert index_problems(library) == []
    assert results(library) == pristine[1]


def test_damage_found_while_library_is_locked_does_not_wait(
    library: Path, pristine: tuple[Path, Results]
) -> None:
    same_length_change(library)
    blocker = sqlite3.connect(library_path(library), isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another writer holds the library
    try:
        started = time.perf_counter()
        assert results(library) == pristine[1]
        assert time.perf_counter() - started < 2.0
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert queued(library) == []  # not queued: the next searcher or `check` finds it again


def test_query_that_fails_in_whoosh_falls_back_and_invalidates(
    library: Path, pristine: tuple[Path, Results], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> list[int]:
        raise EOFError("segment ends early")

    monkeypatch.setattr(Searcher, "_gram_chunks", broken)
    assert results(library) == pristine[1]
    assert not (library / "index" / STAMP_FILE).exists()  # the next sync rebuilds
    monkeypatch.undo()
    assert SearchService(library).sync_now().rebuilt


def test_commit_under_way_is_not_damage(library: Path) -> None:
    index = SearchIndex(library)
    manifest = library / "index" / MANIFEST_FILE
    manifest.write_text(manifest.read_text().replace('"generation": 1', '"generation": 0'))
    expected = Stamp.expected(library, SearchService(library).segmenter.engine)
    lock = index.writer_lock()
    assert lock.acquire(blocking=False)
    try:  # a writer between its commit and its manifest
        assert index.status(expected) is IndexState.OK
    finally:
        lock.release()
    inspection = index.inspect(expected)
    assert inspection.state is IndexState.CORRUPT
    assert [str(d) for d in inspection.damage] == [
        f"search index: {manifest}: describes generation 0, the index is at 1"
        " (run pizhu reindex)"
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_unreadable_index_folder_is_moved_aside(library: Path) -> None:
    index_dir = library / "index"
    index_dir.chmod(0)
    try:
        assert index_problems(library) == [
            f"search index: {index_dir}: cannot be read (Permission denied) (run pizhu reindex)"
        ]
        assert SearchService(library).sync_now().rebuilt
    finally:
        for broken in library.glob("index.broken-*"):
            broken.chmod(0o700)
    assert index_problems(library) == []


def queued(data_dir: Path) -> list[int]:
    db = open_database(library_path(data_dir))
    try:
        return [row[0] for row in db.execute("SELECT doc_id FROM search_queue ORDER BY doc_id")]
    finally:
        db.close()


def test_index_states_keep_their_words() -> None:
    """The enum's values are the strings the state always had (logs, ``pizhu check``)."""
    assert [s.value for s in IndexState] == ["ok", "missing", "outdated", "corrupt"]
    assert f"index {IndexState.OUTDATED}" == "index outdated"
