"""The Whoosh index directory: a cache of the library, stamped with what made it.

The stamp records the search schema version (the last migration that changed what
the index is built from), the analyzer and folding versions, the
segmenter engine, the layout of Pizhu's own cache files and a hash of
``userdict.txt``. Any difference, a missing stamp, a damaged file (see
:mod:`reader.core.search.manifest`) or an index Whoosh cannot open means
"rebuild": the directory is emptied (or, when it cannot be, moved aside), an
empty index is created and every document is queued in ``search_queue`` before
the stamp is written, so a crash at any point leads to another rebuild or to the
queue being drained, never to a silently incomplete index.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import shutil
import time
import warnings
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from sqlite_utils import Database

# sqlite-utils picks the sqlite3 module (it may be pysqlite3); its errors are that module's
from sqlite_utils.utils import sqlite3  # pyright: ignore[reportPrivateImportUsage]
from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.util.filelock import LockBase

from reader.core.search.analysis import ANALYZER_VERSION, make_schema
from reader.core.search.fold import FOLD_VERSION
from reader.core.search.integrity import (
    FOLDED_HEADER_BYTES,
    CacheDamage,
    decode_folded,
    encode_folded,
)
from reader.core.search.manifest import (
    INDEX_NAME,
    damaged_files,
    latest_generation,
    manifest_path,
    read_manifest,
    record_manifest,
)
from reader.core.search.originals import encode_original, pread
from reader.core.storage.db import now_iso, transaction
from reader.core.storage.migrations import SEARCH_SCHEMA_VERSION
from reader.errors import PizhuError
from reader.platform.paths import (
    SEARCH_INDEX_DIRNAME,
    legacy_search_index_dir,
    search_index_dir,
)

log = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")
Moment = tuple[int, int]  # (index generation, manifest generation)

INDEX_DIRNAME = SEARCH_INDEX_DIRNAME
FOLDED_DIRNAME = "folded"
STAMP_FILE = "pizhu-stamp.json"
USERDICT_FILE = "userdict.txt"
CACHE_VERSION = 2
"""Layout of Pizhu's files beside Whoosh's (folded-text header, manifest, trigram
signatures): in the stamp, so an index written before checksums existed is rebuilt once
instead of failing them, and one written before signatures gets them for every segment."""
WAIT_STEP = 0.1  # seconds between looks at a writer that is committing



class IndexState(StrEnum):
    """What :meth:`SearchIndex.inspect` finds (the strings are what ``pizhu check`` and
    the logs have always said)."""

    OK = "ok"
    MISSING = "missing"  # never built (or not a Whoosh index): built from scratch
    OUTDATED = "outdated"  # the stamp differs (schema, analyzer, dictionary): rebuilt
    CORRUPT = "corrupt"  # damaged files: rebuilt, and ``pizhu check`` names them


# The members under their old module-level names, which indexer.py imports.
OK, MISSING, OUTDATED, CORRUPT = (
    IndexState.OK, IndexState.MISSING, IndexState.OUTDATED, IndexState.CORRUPT
)


@dataclass(frozen=True)
class Stamp:
    schema: int
    analyzer: int
    fold: int
    engine: str
    userdict: str | None
    cache: int

    @classmethod
    def expected(cls, data_dir: Path, engine: str) -> Stamp:
        return cls(
            SEARCH_SCHEMA_VERSION, ANALYZER_VERSION, FOLD_VERSION, engine, userdict_hash(data_dir),
            CACHE_VERSION,
        )


@dataclass
class Inspection:
    """What :meth:`SearchIndex.inspect` found: a status and the damaged files behind it."""

    state: IndexState
    damage: list[CacheDamage] = field(default_factory=list)


def userdict_path(data_dir: Path) -> Path:
    return data_dir / USERDICT_FILE


def userdict_hash(data_dir: Path) -> str | None:
    path = userdict_path(data_dir)
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except OSError:
        return None


def text_digest(title: str, text: str) -> str:
    """What the index entry of a document was made from (``pizhu check`` compares it)."""
    h = hashlib.blake2b(digest_size=12)
    h.update(title.encode("utf-8", "surrogatepass"))
    h.update(b"\0")
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def version_key(sha256: str, updated_at: str, chars: int) -> str:
    """Identifies one version of a document's text (what a folded copy was made from)."""
    return f"{sha256}|{updated_at}|{chars}"


def one_line(exc: BaseException) -> str:
    """An exception as a short single line (Whoosh's messages can span lines)."""
    message = " ".join(str(exc).split())[:160]
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def read_whoosh(action: Callable[[], T], path: Path, what: str) -> T | CacheDamage:
    """``action()``, or the damage that made it fail: any failure reading the cache is damage.

    Whoosh leaks the file handle of a TOC it cannot parse; it is collected here,
    once the traceback that holds it is gone, without a ``ResourceWarning``.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            return action()
        except (sqlite3.Error, PizhuError):
            raise
        except Exception as exc:
            damage = CacheDamage(path, f"{what}: {one_line(exc)}")
        gc.collect()
    return damage


def _file_name(doc_id: int, key: str, suffix: str = ".txt") -> str:
    return f"{doc_id}-{hashlib.blake2b(key.encode(), digest_size=8).hexdigest()}{suffix}"


class FoldedStore:
    """Folded texts beside the index, one file per document version.

    Reading these is several times faster than folding the texts again, which
    keeps the first query after start fast. A file is named after the version
    of the text it was made from, so a stale one is simply never read; it starts
    with a checksum of the text (:func:`encode_folded`), so a damaged one is never
    believed.
    """

    def __init__(self, index_dir: Path) -> None:
        self.path = index_dir / FOLDED_DIRNAME
        self._dir = os.fspath(self.path)  # chunk reads join strings: pathlib was a fifth
        # of a fresh process's first query (a path built for each of 2,000 chunks)

    def file(self, doc_id: int, key: str) -> Path:
        return self.path / _file_name(doc_id, key)

    def read(self, doc_id: int, key: str, chars: int) -> str | None:
        """The folded text (``chars`` long), None when there is none.

        Raises :class:`CacheDamage` when the file exists but is not what was written.
        """
        path = self.file(doc_id, key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        return decode_folded(path, data, chars)

    def read_range(self, doc_id: int, key: str, byte: int, size: int) -> bytes | None:
        """``size`` bytes of the folded body from ``byte`` on (None without a file).

        Unchecked here: each chunk's digest in the index says what they must be.
        """
        name = os.path.join(self._dir, _file_name(doc_id, key))
        try:
            fd = os.open(name, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        except OSError:
            return None
        try:
            return pread(fd, size, FOLDED_HEADER_BYTES + byte)
        except OSError:
            return None
        finally:
            os.close(fd)

    def original_file(self, doc_id: int, key: str) -> Path:
        """The canonical text in blocks, for snippet windows (:mod:`.originals`)."""
        return Path(self.original_name(doc_id, key))

    def original_name(self, doc_id: int, key: str) -> str:
        """:meth:`original_file` as a string: a page's snippets build 30 of them, and
        pathlib's ``with_suffix`` was half of reading a snippet's window."""
        return os.path.join(self._dir, _file_name(doc_id, key, ".orig"))

    def write(
        self, doc_id: int, key: str, folded: str, *, replace: bool = True,
        original: str | None = None,
    ) -> None:
        """Store ``folded`` (and the ``original`` it was folded from, for snippets);
        ``replace=False`` skips looking for older versions (rebuilds)."""
        if replace:
            self.remove(doc_id)
        self.path.mkdir(parents=True, exist_ok=True)
        target = self.file(doc_id, key)
        if original is not None:
            orig = self.original_file(doc_id, key)
            tmp_orig = orig.with_suffix(".orig-tmp")
            tmp_orig.write_bytes(encode_original(original))
            tmp_orig.replace(orig)
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(encode_folded(folded))
        tmp.replace(target)

    def remove(self, doc_id: int) -> None:
        for old in self.path.glob(f"{doc_id}-*"):
            old.unlink(missing_ok=True)


class SearchIndex:
    """Locates, validates, opens and resets ``<data_dir>/index``."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = search_index_dir(data_dir)

    def read_stamp(self) -> Stamp | None:
        try:
            data = json.loads((self.path / STAMP_FILE).read_text(encoding="utf-8"))
            return Stamp(**data)
        except (OSError, ValueError, TypeError):
            return None

    def status(self, expected: Stamp) -> IndexState:
        """``ok``, ``missing`` (never built), ``outdated`` (stamp differs) or ``corrupt``."""
        return self.inspect(expected).state

    def inspect(
        self, expected: Stamp, *, full: bool = False, patience: float = 0.0
    ) -> Inspection:
        """The status and, when ``corrupt``, one :class:`CacheDamage` per damaged file.

        ``full`` also compares SHA-256 sums (``pizhu check``); otherwise only sizes,
        which costs a ``stat`` per file. ``patience``: see :meth:`file_damage`.
        """
        if not os.path.lexists(self.path):
            return Inspection(IndexState.MISSING)
        unusable = self._unusable()
        if unusable is not None:
            return Inspection(IndexState.CORRUPT, [unusable])
        stamp = self.read_stamp()
        if stamp is None:  # never finished, or invalidated by ``pizhu reindex``
            return Inspection(IndexState.MISSING)
        if stamp != expected:
            return Inspection(IndexState.OUTDATED)
        damage = self.file_damage(full=full, patience=patience)
        if not damage:
            opened = self._open_damage()
            damage = [opened] if opened else []
        return Inspection(IndexState.CORRUPT, damage) if damage else Inspection(IndexState.OK)

    def _unusable(self) -> CacheDamage | None:
        """Why ``index`` cannot hold an index at all (a regular file, an unreadable folder)."""
        if not self.path.is_dir():
            return CacheDamage(self.path, "is not a directory")
        try:
            os.listdir(self.path)
        except OSError as exc:
            return CacheDamage(self.path, f"cannot be read ({exc.strerror})")
        if not os.access(self.path, os.R_OK | os.X_OK):  # listable, but files cannot be opened
            return CacheDamage(self.path, "cannot be read (permission denied)")
        return None

    def _open_damage(self) -> CacheDamage | None:
        found = self.read_settled(self._count_documents, "cannot be opened")
        return found if isinstance(found, CacheDamage) else None

    def _count_documents(self) -> int:
        ix = self.open()
        try:
            with ix.reader() as reader:
                return reader.doc_count()
        finally:
            ix.close()

    def file_damage(
        self, *, full: bool = False, generation: int | None = None, patience: float = 0.0
    ) -> list[CacheDamage]:
        """Whoosh files that differ from the manifest; [] while a commit makes them differ.

        ``generation``: that of an open reader, whose files are checked only while the
        manifest describes it (a later commit may have removed them legitimately).
        ``patience``: seconds to wait for a busy writer to finish before concluding
        nothing; without it a busy writer means "no damage found".
        """
        found = self._settled(
            lambda: self._manifest_damage(full, generation), bool, generation, patience
        )
        return found or []

    def read_settled(
        self, action: Callable[[], T], what: str, patience: float = 0.0
    ) -> T | CacheDamage | None:
        """:func:`read_whoosh`, where a failure that a commit explains is None, not damage.

        (Opening lists the TOCs and then reads the newest, which a commit may have
        replaced in between.) ``patience``: seconds to retry before giving up.
        """
        return self._settled(
            lambda: read_whoosh(action, self.path, what),
            lambda found: isinstance(found, CacheDamage),
            None,
            patience,
        )

    def _settled(
        self,
        attempt: Callable[[], R],
        failed: Callable[[R], bool],
        generation: int | None,
        patience: float,
    ) -> R | None:
        """``attempt()``, retried for ``patience`` seconds while a writer explains a failure.

        None when a writer still explains it: then there is nothing to conclude.
        """
        deadline = time.monotonic() + patience
        while True:
            moment = self.moment(generation)
            result = attempt()
            if not failed(result) or not self.in_flux(moment):
                return result
            if time.monotonic() >= deadline:
                return None
            time.sleep(WAIT_STEP)

    def _manifest_damage(self, full: bool, generation: int | None) -> list[CacheDamage]:
        try:
            manifest = read_manifest(self.path)
        except CacheDamage as damage:
            return [damage]
        if generation is not None and manifest.generation != generation:
            return []
        damage = damaged_files(self.path, manifest, full=full)
        latest = self.latest_generation()
        if not damage and manifest.generation != latest:
            damage = [
                CacheDamage(
                    manifest_path(self.path),
                    f"describes generation {manifest.generation}, the index is at {latest}",
                )
            ]
        return damage

    def moment(self, generation: int | None = None) -> Moment:
        """The generations of the index (or of an open reader) and of the manifest, now."""
        try:
            recorded = read_manifest(self.path).generation
        except CacheDamage:
            recorded = -1
        return (self.latest_generation() if generation is None else generation, recorded)

    def in_flux(self, moment: Moment) -> bool:
        """A writer is committing, or has committed since ``moment``: differences are its."""
        return self.writer_active() or self.moment() != moment

    def latest_generation(self) -> int:
        try:
            return latest_generation(os.listdir(self.path))
        except OSError:
            return -1

    def writer_lock(self) -> LockBase:
        """Whoosh's own writer lock; the indexer holds it until the manifest is written."""
        return FileStorage(str(self.path)).lock(f"{INDEX_NAME}_WRITELOCK")

    def writer_active(self) -> bool:
        lock = self.writer_lock()
        try:
            if lock.acquire(blocking=False):
                lock.release()
                return False
        except OSError:  # no usable folder: nobody can be writing in it
            return False
        return True

    def open(self) -> whoosh_index.Index:
        """The index, its segments read through file reads instead of a memory map.

        Whoosh maps a compound segment and then copies each part it opens (the term
        table, the postings) out of the map into a ``BytesIO``: at 100 MB of library
        that was 160 MB of private memory per searcher, and it grows with the
        library. Plain seeks and reads on the file keep it in the OS's page cache.
        """
        return FileStorage(str(self.path), supports_mmap=False).open_index(INDEX_NAME)

    def reset(self, db: Database, stamp: Stamp) -> None:
        """Empty and recreate the index, queue every document, then write the stamp."""
        self._remove_legacy()
        self._empty()
        whoosh_index.create_in(str(self.path), make_schema()).close()
        record_manifest(self.path)
        with transaction(db):
            db.execute("DELETE FROM search_queue")
            db.execute(
                "INSERT INTO search_queue (doc_id, op, queued_at)"
                " SELECT id, 'upsert', ? FROM documents",
                [now_iso()],
            )
        tmp = self.path / (STAMP_FILE + ".tmp")
        tmp.write_text(json.dumps(asdict(stamp)), encoding="utf-8")
        tmp.replace(self.path / STAMP_FILE)

    def _remove_legacy(self) -> None:
        """Migration: an index an older Pizhu kept in the data dir is rebuilt here; the old
        copy is deleted (best effort: it is only a cache, and never read again)."""
        old = legacy_search_index_dir(self.data_dir)
        if old is not None and old.is_dir() and (old / STAMP_FILE).exists():
            shutil.rmtree(old, ignore_errors=True)
            log.info("search index moved to %s; removed the old one in %s", self.path, old)

    def _empty(self) -> None:
        """Leave an empty folder at ``path``, moving aside whatever cannot be emptied."""
        if os.path.lexists(self.path):
            try:
                for child in self.path.iterdir():
                    if child.is_dir() and not child.is_symlink():
                        shutil.rmtree(child)
                    else:
                        child.unlink()
            except OSError:  # a regular file, an unreadable folder, a file we may not delete
                self._move_aside()
        self.path.mkdir(parents=True, exist_ok=True)

    def _move_aside(self) -> None:
        """Rename ``index`` to ``index.broken-<time>``: the newest such copy is kept for
        inspection (never read); older ones go, so repeated damage cannot fill the disk."""
        base = f"{INDEX_DIRNAME}.broken-{datetime.now().strftime('%Y%m%dT%H%M%S')}"
        target, n = self.path.with_name(base), 1
        while os.path.lexists(target):
            target, n = self.path.with_name(f"{base}-{n}"), n + 1
        try:
            self.path.rename(target)
        except OSError as exc:
            message = f"cannot replace the search index {self.path}: {exc.strerror}"
            raise PizhuError(message) from None
        log.warning("search index %s was unusable; moved it to %s", self.path, target)
        for older in self.path.parent.glob(f"{INDEX_DIRNAME}.broken-*"):
            if older != target:
                _remove_quietly(older)

    def invalidate(self) -> None:
        """Make the next sync rebuild (``pizhu reindex``, or a searcher that found damage)."""
        try:
            (self.path / STAMP_FILE).unlink(missing_ok=True)
        except NotADirectoryError:  # ``index`` is a file: the next sync moves it aside
            pass
        except OSError as exc:
            raise PizhuError(f"cannot reset the search index {self.path}: {exc.strerror}") from None


def _remove_quietly(path: Path) -> None:
    """Delete a file or folder if we may (an old moved-aside cache: best effort)."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except OSError as exc:
        log.info("could not remove the old search index %s: %s", path, exc.strerror)
