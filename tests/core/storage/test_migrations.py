"""A library written by an older schema opens and migrates; a newer one is refused."""

from pathlib import Path

import pytest
from sqlite_utils.utils import sqlite3

from reader.core.storage.db import migrate_database, open_database, schema_version
from reader.core.storage.migrations import MIGRATIONS, SCHEMA_VERSION
from reader.errors import PizhuError


def _make_v1_library(path: Path) -> None:
    db = open_database(path, migrate=False)
    with db.atomic():
        MIGRATIONS[0](db)
        db.execute("PRAGMA user_version = 1")
    db.execute(
        "INSERT INTO documents (title, text, chars, format, encoding, sha256, imported_at,"
        " updated_at) VALUES ('旧文档', '正文。', 3, 'text', 'utf-8', 'x', 'then', 'then')"
    )
    db.conn.commit()
    db.close()


def test_v1_library_is_migrated_and_keeps_its_documents(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    _make_v1_library(path)
    db = open_database(path)
    assert schema_version(db) == SCHEMA_VERSION
    assert db.execute("SELECT title FROM documents").fetchall() == [("旧文档",)]
    # migration 2 queued the old document for indexing
    assert db.execute("SELECT doc_id, op FROM search_queue").fetchall() == [(1, "upsert")]
    assert migrate_database(db) == 0


def test_failed_migration_leaves_previous_version(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "library.sqlite3"
    _make_v1_library(path)

    def broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    monkeypatch.setattr("reader.core.storage.db.MIGRATIONS", (MIGRATIONS[0], broken))
    monkeypatch.setattr("reader.core.storage.db.SCHEMA_VERSION", 2)
    with pytest.raises(RuntimeError):
        open_database(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(PizhuError, match="newer Pizhu"):
        open_database(path)


def test_wal_and_foreign_keys_are_on(tmp_path: Path) -> None:
    db = open_database(tmp_path / "library.sqlite3")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def _make_v3_library(path: Path, rows: list[tuple[str, str, str | None, str]]) -> None:
    db = open_database(path, migrate=False)
    with db.atomic():
        for migration in MIGRATIONS[:3]:
            migration(db)
        db.execute("PRAGMA user_version = 3")
    for title, text, source, fmt in rows:
        db.execute(
            "INSERT INTO documents (title, text, chars, format, encoding, source_path, sha256,"
            " imported_at, updated_at) VALUES (?, ?, ?, ?, 'utf-8', ?, 'x', 'then', 'then')",
            [title, text, len(text), fmt, source],
        )
    db.conn.commit()
    db.close()


def test_v3_titles_are_chosen_again_by_todays_rules(tmp_path: Path) -> None:
    """Reports once named by an opening formula or a zero-width space get real titles;
    a title the user gave stays, marked as theirs."""
    path = tmp_path / "library.sqlite3"
    _make_v3_library(
        path,
        [
            ("各位代表！", "各位代表！\n\n——2024年3月5日\n\n正文。", "/r/2024年报告.txt", "text"),
            ("\u200b", "\u200b\n\n政府工作报告\n\n正文。", "/r/a1b2c3d4e5f6a7b8.txt", "text"),
            ("笔记", "笔记\n\n正文。", None, "markdown"),
            ("我的一九五五笔记", "各位代表！\n\n正文。", "/r/1955年报告.txt", "text"),
        ],
    )
    db = open_database(path)
    got = db.execute("SELECT title, date, script, edited FROM documents ORDER BY id").fetchall()
    assert got == [
        ("2024年报告", "2024-03-05", "simplified", "[]"),
        ("政府工作报告", "", "simplified", "[]"),
        ("笔记", "", "simplified", "[]"),
        ("我的一九五五笔记", "1955", "simplified", '["title"]'),
    ]


def test_v3_outline_entries_on_an_indent_move_onto_their_title(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    text = "报告\n\n\u3000\u3000一、总体要求\n\n正文。\n"
    _make_v3_library(path, [("报告", text, "/r/报告.txt", "text")])
    db = open_database(path, migrate=False)
    db.execute(
        "INSERT INTO outline (doc_id, seq, level, title, start) VALUES (1, 0, 1, '一、总体要求', 4)"
    )
    db.conn.commit()
    db.close()
    db = open_database(path)
    assert db.execute("SELECT start FROM outline").fetchall() == [(6,)]
    assert text[6:12] == "一、总体要求"
