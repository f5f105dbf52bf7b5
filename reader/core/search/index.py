"""The Whoosh index directory: a cache of the library, stamped with what made it.

The stamp records the schema version, the analyzer and folding versions, the
segmenter engine and a hash of ``userdict.txt``. Any difference, a missing
stamp, or an index Whoosh cannot open means "rebuild": the directory is wiped,
an empty index is created and every document is queued in ``search_queue``
before the stamp is written, so a crash at any point leads to another rebuild
or to the queue being drained, never to a silently incomplete index.
"""

from __future__ import annotations

import gc
import hashlib
import json
import shutil
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlite_utils import Database
from whoosh import index as whoosh_index

from reader.core.db import now_iso, transaction
from reader.core.migrations import SCHEMA_VERSION
from reader.core.search.analysis import ANALYZER_VERSION, make_schema
from reader.core.search.fold import FOLD_VERSION

INDEX_DIRNAME = "index"
FOLDED_DIRNAME = "folded"
STAMP_FILE = "pizhu-stamp.json"
USERDICT_FILE = "userdict.txt"

OK, MISSING, OUTDATED, CORRUPT = "ok", "missing", "outdated", "corrupt"


@dataclass(frozen=True)
class Stamp:
    schema: int
    analyzer: int
    fold: int
    engine: str
    userdict: str | None

    @classmethod
    def expected(cls, data_dir: Path, engine: str) -> Stamp:
        return cls(SCHEMA_VERSION, ANALYZER_VERSION, FOLD_VERSION, engine, userdict_hash(data_dir))


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


class FoldedStore:
    """Folded texts beside the index, one file per document version.

    Reading these is several times faster than folding the texts again, which
    keeps the first query after start fast. A file is named after the version
    of the text it was made from, so a stale one is simply never read.
    """

    def __init__(self, index_dir: Path) -> None:
        self.path = index_dir / FOLDED_DIRNAME

    def _file(self, doc_id: int, key: str) -> Path:
        digest = hashlib.blake2b(key.encode(), digest_size=8).hexdigest()
        return self.path / f"{doc_id}-{digest}.txt"

    def read(self, doc_id: int, key: str) -> str | None:
        try:
            return self._file(doc_id, key).read_text(encoding="utf-8", errors="surrogatepass")
        except OSError:
            return None

    def write(self, doc_id: int, key: str, folded: str, *, replace: bool = True) -> None:
        """Store ``folded``; ``replace=False`` skips looking for older versions (rebuilds)."""
        if replace:
            self.remove(doc_id)
        self.path.mkdir(parents=True, exist_ok=True)
        target = self._file(doc_id, key)
        tmp = target.with_suffix(".tmp")
        tmp.write_text(folded, encoding="utf-8", errors="surrogatepass")
        tmp.replace(target)

    def remove(self, doc_id: int) -> None:
        for old in self.path.glob(f"{doc_id}-*"):
            old.unlink(missing_ok=True)


class SearchIndex:
    """Locates, validates, opens and resets ``<data_dir>/index``."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / INDEX_DIRNAME

    def read_stamp(self) -> Stamp | None:
        try:
            data = json.loads((self.path / STAMP_FILE).read_text(encoding="utf-8"))
            return Stamp(**data)
        except (OSError, ValueError, TypeError):
            return None

    def status(self, expected: Stamp) -> str:
        """``ok``, ``missing`` (never built), ``outdated`` (stamp differs) or ``corrupt``."""
        if not self.path.is_dir():
            return MISSING
        stamp = self.read_stamp()
        if stamp is None:  # never finished, or invalidated by ``pizhu reindex``
            return MISSING
        if stamp != expected:
            return OUTDATED
        corrupt = False
        # Whoosh leaks the file handle of a TOC it cannot parse: let it go quietly.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            try:
                ix = whoosh_index.open_dir(str(self.path))
                try:
                    with ix.reader() as reader:
                        reader.doc_count()
                finally:
                    ix.close()
            except Exception:  # any failure to open is corruption: the index is only a cache
                corrupt = True
            if corrupt:
                gc.collect()
        return CORRUPT if corrupt else OK

    def open(self) -> whoosh_index.Index:
        return whoosh_index.open_dir(str(self.path))

    def reset(self, db: Database, stamp: Stamp) -> None:
        """Wipe and recreate an empty index, queue every document, then write the stamp."""
        if self.path.exists():
            shutil.rmtree(self.path, ignore_errors=True)
        self.path.mkdir(parents=True, exist_ok=True)
        whoosh_index.create_in(str(self.path), make_schema()).close()
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

    def invalidate(self) -> None:
        """Make the next sync rebuild (used by ``pizhu reindex`` without ``--wait``)."""
        (self.path / STAMP_FILE).unlink(missing_ok=True)
