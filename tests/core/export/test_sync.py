"""Sync to a notes folder: the round trip of the issue (user text outside the region kept,
a renamed document keeps its note, a deleted annotation leaves it, an edited region is a
conflict left alone, a dry run writes nothing), and the auto-sync setting."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.core.export.sync import (
    SyncAction,
    region_hash,
    sync_after_change,
    sync_notes,
)
from reader.core.library import Library
from reader.errors import UsageError
from reader.platform.settings import Settings

CREATED, UPDATED, UNCHANGED = SyncAction.CREATED, SyncAction.UPDATED, SyncAction.UNCHANGED
CONFLICT, SKIPPED = SyncAction.CONFLICT, SyncAction.SKIPPED


def actions(report) -> list[tuple[int, str, str]]:  # type: ignore[no-untyped-def]
    return [(a.doc_id, a.action, a.path.name if a.path else "") for a in report.actions]


def test_round_trip(library: Library, report: int, add_doc, tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    first = sync_notes(library.db, vault)
    assert actions(first) == [(report, CREATED, "城市工作报告.md")]
    note = vault / "城市工作报告.md"
    text = note.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: \"城市工作报告\"\n") and "\ndoc_id: 1\n" in text
    assert "<!-- pizhu:begin hash=" in text and text.endswith("<!-- pizhu:end -->\n")
    assert "> [!quote] 数据\n> 推动城市高质量发展" in text

    # The user writes around the region and adds a property of their own.
    mine = text.replace("doc_id: 1\n", "doc_id: 1\nstatus: reading\n")
    mine = mine.replace("<!-- pizhu:begin", "我的开头。\n\n<!-- pizhu:begin")
    mine += "\n## 我的想法\n\n城市更新要和治理一起看。\n"
    note.write_text(mine, encoding="utf-8")
    assert actions(sync_notes(library.db, vault)) == [(report, UNCHANGED, note.name)]
    assert note.read_text(encoding="utf-8") == mine

    # Only changed notes are rewritten: an untouched one keeps its bytes and its mtime.
    other = add_doc("# 另一份报告\n\n城市更新要稳步推进。\n", "other.md")
    library.annotations.create_from_quote(other, "稳步推进")
    os.utime(note, (1_000_000, 1_000_000))
    second = sync_notes(library.db, vault)
    assert actions(second) == [(report, UNCHANGED, note.name), (other, CREATED, "另一份报告.md")]
    assert note.stat().st_mtime == 1_000_000

    # A new annotation, a deleted one, and a renamed document: the same file, updated.
    library.annotations.create_from_quote(report, "稳步实施城中村改造", note="重点看")
    gone = library.annotations.list(doc_ids=[report])[0]
    library.annotations.delete(gone.id)
    library.documents.rename(report, "城市工作报告（修订）")
    third = sync_notes(library.db, vault)
    assert actions(third) == [(report, UPDATED, note.name), (other, UNCHANGED, "另一份报告.md")]
    updated = note.read_text(encoding="utf-8")
    assert "稳步实施城中村改造" in updated and "> 城市工作\n" not in updated
    assert 'title: "城市工作报告（修订）"' in updated and "status: reading" in updated
    assert "我的开头。\n\n<!-- pizhu:begin" in updated
    assert updated.endswith("<!-- pizhu:end -->\n\n## 我的想法\n\n城市更新要和治理一起看。\n")
    assert sorted(p.name for p in vault.iterdir()) == ["另一份报告.md", "城市工作报告.md"]

    # The user edits inside the region: a conflict, the note left exactly as it is.
    edited = updated.replace("重点看", "我改了这里")
    note.write_text(edited, encoding="utf-8")
    library.annotations.create_from_quote(report, "加强老旧小区改造")
    fourth = sync_notes(library.db, vault)
    assert actions(fourth) == [(report, CONFLICT, note.name), (other, UNCHANGED, "另一份报告.md")]
    assert "edited outside Pizhu" in fourth.conflicts[0].reason
    assert note.read_text(encoding="utf-8") == edited


def test_a_dry_run_writes_nothing(library: Library, report: int, tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    dry = sync_notes(library.db, vault, dry_run=True)
    assert actions(dry) == [(report, CREATED, "城市工作报告.md")] and not vault.exists()
    sync_notes(library.db, vault)
    note = vault / "城市工作报告.md"
    before = note.read_text(encoding="utf-8")
    library.annotations.create_from_quote(report, "加强老旧小区改造")
    assert actions(sync_notes(library.db, vault, dry_run=True)) == [(report, UPDATED, note.name)]
    assert note.read_text(encoding="utf-8") == before
    assert dry.as_json()["written"][0]["action"] == "created"


def test_notes_are_found_by_document_id_wherever_they_are(
    library: Library, report: int, tmp_path: Path
) -> None:
    vault = tmp_path / "vault"
    sync_notes(library.db, vault, template="logseq")
    (vault / "读书").mkdir()
    moved = vault / "读书" / "我的笔记.md"
    (vault / "城市工作报告.md").rename(moved)
    assert moved.read_text(encoding="utf-8").startswith("title:: 城市工作报告\ndoc_id:: 1\n")
    library.annotations.create_from_quote(report, "加强老旧小区改造")
    assert actions(sync_notes(library.db, vault, template="logseq")) == [
        (report, UPDATED, "我的笔记.md")
    ]
    assert "加强老旧小区改造" in moved.read_text(encoding="utf-8")
    assert not (vault / "城市工作报告.md").exists()


def test_crlf_and_trailing_blanks_are_not_edits(library: Library, report: int, tmp_path) -> None:
    vault = tmp_path / "vault"
    sync_notes(library.db, vault)
    note = vault / "城市工作报告.md"
    text = note.read_text(encoding="utf-8")
    note.write_bytes(text.replace("\n", "  \r\n").encode("utf-8"))
    library.annotations.create_from_quote(report, "加强老旧小区改造")
    assert actions(sync_notes(library.db, vault))[0][1] == UPDATED
    assert region_hash("a  \r\nb\n") == region_hash("a\nb")


def test_notes_pizhu_cannot_place_are_reported(library: Library, report: int, tmp_path) -> None:
    vault = tmp_path / "vault"
    sync_notes(library.db, vault)
    note = vault / "城市工作报告.md"
    no_region = "---\ndoc_id: 1\n---\n\n只有我的文字。\n"
    note.write_text(no_region, encoding="utf-8")
    (vault / "旧文档.md").write_text("---\ndoc_id: 99\n---\n\n旧笔记\n", encoding="utf-8")
    result = sync_notes(library.db, vault)
    assert actions(result) == [(report, CONFLICT, note.name), (99, SKIPPED, "旧文档.md")]
    assert "no Pizhu region" in result.actions[0].reason
    assert "no longer in the library" in result.actions[1].reason
    assert note.read_text(encoding="utf-8") == no_region
    # Empty markers the user prepared are Pizhu's to fill.
    note.write_text(no_region + "<!-- pizhu:begin -->\n<!-- pizhu:end -->\n", encoding="utf-8")
    assert actions(sync_notes(library.db, vault))[0][1] == UPDATED
    assert "只有我的文字。" in note.read_text(encoding="utf-8")
    with pytest.raises(UsageError, match="is a file"):
        sync_notes(library.db, note)


def test_documents_named_by_an_iterator_are_all_synced_and_checked(
    library: Library, report: int, tmp_path
) -> None:
    """The ids are read once: an iterator must still reach the stale-note check."""
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "旧文档.md").write_text("---\ndoc_id: 99\n---\n\n旧笔记\n", encoding="utf-8")
    result = sync_notes(library.db, vault, doc_ids=iter([report, 99]))
    assert actions(result) == [(report, CREATED, "城市工作报告.md"), (99, SKIPPED, "旧文档.md")]


def test_sync_after_change_follows_the_setting(library: Library, report: int, tmp_path) -> None:
    vault = tmp_path / "vault"
    assert sync_after_change(library.data_dir, library.db, [report]) is None
    settings = Settings.load(library.data_dir)
    settings.notes_dir, settings.notes_auto_sync = str(vault), True
    settings.save(library.data_dir)
    result = sync_after_change(library.data_dir, library.db, [report])
    assert result is not None and actions(result) == [(report, CREATED, "城市工作报告.md")]


def test_sync_actions_keep_their_json_words() -> None:
    assert [a.value for a in SyncAction] == [
        "created", "updated", "unchanged", "conflict", "skipped"
    ]  # fmt: skip
