"""``pizhu check`` for the search index: is the cache consistent with the library?

A missing or outdated index is not a problem (it is rebuilt automatically);
documents waiting in ``search_queue`` are not either. An index that cannot be
opened, or entries that differ from the library with nothing queued to fix
them, are.
"""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from reader.core.search.analysis import engine_name
from reader.core.search.index import CORRUPT, OK, SearchIndex, Stamp, text_digest


def check_index(data_dir: Path, db: Database) -> list[str]:
    index = SearchIndex(data_dir)
    status = index.status(Stamp.expected(data_dir, engine_name()))
    if status == CORRUPT:
        return [f"search index {index.path}: cannot be opened (run pizhu reindex)"]
    if status != OK:
        return []
    ix = index.open()
    try:
        with ix.searcher() as searcher:
            stored = {
                int(fields["doc_id"]): fields.get("digest")
                for _docnum, fields in searcher.reader().iter_docs()
            }
    finally:
        ix.close()
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
