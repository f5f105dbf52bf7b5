"""``pizhu check`` for the search index: is the cache consistent with the library?

A missing or outdated index is not a problem (it is rebuilt automatically);
documents waiting in ``search_queue`` are not either. Damaged files are: each
is named on a line of its own (a Whoosh file that differs from the manifest, a
folded text that fails its checksum, an ``index`` that is not a usable folder),
and so are index entries that differ from the library with nothing queued to fix
them. Unlike a searcher, the check compares SHA-256 sums of every file.
"""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from reader.core.search.analysis import engine_name
from reader.core.search.index import (
    FoldedStore,
    IndexState,
    SearchIndex,
    Stamp,
    text_digest,
    version_key,
)
from reader.core.search.integrity import CacheDamage

WRITER_PATIENCE = 3.0
"""Seconds to wait for a commit under way (the app indexing) before checking its files."""


def check_index(data_dir: Path, db: Database) -> list[str]:
    index = SearchIndex(data_dir)
    inspection = index.inspect(
        Stamp.expected(data_dir, engine_name()), full=True, patience=WRITER_PATIENCE
    )
    if inspection.state in (IndexState.MISSING, IndexState.OUTDATED):
        return []
    problems = [str(damage) for damage in inspection.damage]
    problems += [str(damage) for damage in _folded_damage(index, db)]
    if inspection.state is IndexState.OK:
        problems += _entry_problems(index, db)
    return problems


def _folded_damage(index: SearchIndex, db: Database) -> list[CacheDamage]:
    """Folded copies of the current texts that are not what was written.

    A missing copy is no problem: the searcher folds the text from SQLite then.
    """
    store = FoldedStore(index.path)
    damage = []
    for doc_id, chars, sha256, updated_at in db.execute(
        "SELECT id, chars, sha256, updated_at FROM documents ORDER BY id"
    ):
        try:
            store.read(doc_id, version_key(sha256, updated_at, chars), chars)
        except CacheDamage as found:
            damage.append(found)
    return damage


def _entry_problems(index: SearchIndex, db: Database) -> list[str]:
    """Index entries missing, stale or left over, with nothing queued to fix them."""
    stored = index.read_settled(lambda: _stored_digests(index), "cannot be read",
                                WRITER_PATIENCE)
    if stored is None:  # the app kept committing: nothing to conclude
        return []
    if isinstance(stored, CacheDamage):  # files that match their checksums, yet unreadable
        return [str(stored)]
    queued = {row[0] for row in db.execute("SELECT doc_id FROM search_queue")}
    problems: list[str] = []
    for doc_id, title, text in db.execute("SELECT id, title, text FROM documents"):
        if doc_id in queued:
            continue
        if doc_id not in stored:
            problems.append(f"search index: document {doc_id} is missing and not queued")
        elif stored[doc_id] != text_digest(title, text):
            problems.append(f"search index: document {doc_id} is stale and not queued")
    known = {row[0] for row in db.execute("SELECT id FROM documents")}
    for doc_id in sorted(set(stored) - known - queued):
        problems.append(f"search index: deleted document {doc_id} is still indexed")
    return problems


def _stored_digests(index: SearchIndex) -> dict[int, str | None]:
    """Doc id -> digest of the text and title each index entry was made from."""
    ix = index.open()
    try:
        with ix.searcher() as searcher:
            return {  # the first chunk of each document carries its digest
                int(fields["doc_id"]): fields.get("digest")
                for _docnum, fields in searcher.reader().iter_docs()
                if fields.get("chunk", (0,))[0] == 0
            }
    finally:
        ix.close()
