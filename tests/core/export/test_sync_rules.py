"""Sync's rules at their edges on a real library: which documents a run covers, the notes
it cannot read or tell apart, user templates, the note's language and stamp, folders it
creates, and the auto-sync setting's every switch."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.export.sync import (
    NotesSync,
    SyncAction,
    compose,
    merge_front,
    parse_note,
    region_hash,
    scan_notes,
    split_front,
    sync_after_change,
    sync_notes,
)
from reader.core.export.templates import user_dir
from reader.core.library import Library
from reader.errors import PizhuError
from reader.platform.settings import Settings

NOTE = "城市工作报告.md"


def actions(report) -> list[tuple[int, str, str, str]]:  # type: ignore[no-untyped-def]
    return [(a.doc_id, a.action, a.path.name if a.path else "", a.reason) for a in report.actions]


def test_a_run_covers_the_named_documents_only(
    library: Library, report: int, add_doc, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    other = add_doc("# 另一份报告\n\n城市更新要稳步推进。\n", "other.md")
    library.annotations.create_from_quote(other, "稳步推进")
    vault = tmp_path / "a" / "b" / "vault"  # made with its parents
    result = sync_notes(library.db, vault, doc_ids=[other])
    assert actions(result) == [(other, SyncAction.CREATED, "另一份报告.md", "")]
    assert result.actions[0].title == "另一份报告"
    assert (result.folder, result.dry_run) == (vault, False)
    assert result.as_json()["dry_run"] is False
    assert sorted(p.name for p in vault.iterdir()) == ["另一份报告.md"]


def test_an_empty_library_syncs_nothing(library: Library, tmp_path: Path) -> None:
    result = sync_notes(library.db, tmp_path / "vault")
    assert result.actions == [] and (tmp_path / "vault").is_dir()


def test_a_folder_that_cannot_be_made(library: Library, report: int, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    vault = tmp_path / "file" / "vault"
    with pytest.raises(PizhuError) as error:
        sync_notes(library.db, vault)
    assert str(error.value) == f"cannot create folder {vault}: Not a directory"


def test_notes_in_english_stamped_with_the_latest_change(
    library: Library, report: int, tmp_path: Path
) -> None:
    vault = tmp_path / "vault"
    sync_notes(library.db, vault, lang="en")
    text = (vault / NOTE).read_text(encoding="utf-8")
    assert "> [!quote] Green (Underline)\n" in text and "> [!quote] Yellow\n" in text
    latest = max(a.updated for a in library.annotations.list(doc_ids=[report]))
    assert f'exported: "{latest}"' in text
    # Every annotation deleted: the note stays, emptied, with no stamp to show (it was the
    # time of the sync, so the note was rewritten at every sync after).
    for ann in library.annotations.list(doc_ids=[report]):
        library.annotations.delete(ann.id)
    assert actions(sync_notes(library.db, vault, lang="en"))[0][1] == SyncAction.UPDATED
    emptied = (vault / NOTE).read_text(encoding="utf-8")
    assert 'exported: ""' in emptied and "[!quote]" not in emptied
    assert actions(sync_notes(library.db, vault, lang="en"))[0][1] == SyncAction.UNCHANGED


def test_a_user_template_without_front_matter(
    library: Library, report: int, tmp_path: Path
) -> None:
    folder = user_dir(library.data_dir)
    folder.mkdir()
    (folder / "plain.md.j2").write_text("\n  X{{ doc.title }}X\n\n", encoding="utf-8")
    vault = tmp_path / "vault"
    result = sync_notes(library.db, vault, data_dir=library.data_dir, template="plain")
    assert actions(result) == [(report, SyncAction.CREATED, NOTE, "")]
    text = (vault / NOTE).read_text(encoding="utf-8")
    assert text == compose(f"---\ndoc_id: {report}\n---\n", "  X城市工作报告X")
    again = sync_notes(library.db, vault, data_dir=library.data_dir, template="plain")
    assert actions(again) == [(report, SyncAction.UNCHANGED, NOTE, "")]


def test_notes_sync_cannot_use(library: Library, report: int, tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / NOTE).write_text("不是笔记", encoding="utf-8")  # the user's file: named around
    sync_notes(library.db, vault)
    assert (vault / "城市工作报告 (1).md").is_file()  # the tie-break is the document's id
    assert (vault / NOTE).read_text(encoding="utf-8") == "不是笔记"
    copy = vault / "副本.md"
    copy.write_text((vault / "城市工作报告 (1).md").read_text(encoding="utf-8"), "utf-8")
    result = sync_notes(library.db, vault)
    first, second = sorted([vault / "城市工作报告 (1).md", copy])
    assert actions(result) == [(
        report, SyncAction.CONFLICT, first.name,
        f"several notes name document {report}: {first}, {second}",
    )]  # fmt: skip
    copy.write_bytes(b"---\ndoc_id: 1\n---\n\xff\xfe")
    (vault / "城市工作报告 (1).md").unlink()
    (result_action,) = sync_notes(library.db, vault).actions
    assert (result_action.action, result_action.path) == (SyncAction.SKIPPED, copy)
    assert result_action.reason.startswith("cannot read it: 'utf-8' codec can't decode")


def test_edited_regions_and_line_endings(library: Library, report: int, tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    sync_notes(library.db, vault)
    note = vault / NOTE
    text = note.read_text(encoding="utf-8")
    note.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert actions(sync_notes(library.db, vault))[0][1] == SyncAction.UNCHANGED
    assert note.read_bytes() == text.replace("\n", "\r\n").encode("utf-8")
    note.write_text(text.replace("核心目标", "我改的"), encoding="utf-8")
    assert actions(sync_notes(library.db, vault))[0][3] == (
        "its Pizhu region was edited outside Pizhu; left alone"
    )


def test_sync_after_change_every_switch(library: Library, report: int, add_doc, tmp_path) -> None:  # type: ignore[no-untyped-def]
    other = add_doc("# 另一份报告\n\n城市更新要稳步推进。\n", "other.md")
    library.annotations.create_from_quote(other, "稳步推进", style="underline")
    vault = tmp_path / "vault"
    settings = Settings.load(library.data_dir)
    settings.notes_auto_sync, settings.notes_dir = True, "  "
    settings.save(library.data_dir)
    assert sync_after_change(library.data_dir, library.db, [report]) is None
    settings.notes_auto_sync, settings.notes_dir = False, str(vault)
    settings.save(library.data_dir)
    assert sync_after_change(library.data_dir, library.db, [report]) is None
    folder = user_dir(library.data_dir)
    folder.mkdir()
    (folder / "mine.md.j2").write_text(
        '---\ndoc_id: {{ doc.id }}\n---\n{{ words.underline }}: {{ doc.title }}\n', "utf-8"
    )
    settings.notes_auto_sync, settings.notes_template = True, "mine"
    settings.notes_language = "en"
    settings.save(library.data_dir)
    result = sync_after_change(library.data_dir, library.db, iter([other]))
    assert result is not None
    assert actions(result) == [(other, SyncAction.CREATED, "另一份报告.md", "")]
    text = (vault / "另一份报告.md").read_text(encoding="utf-8")
    assert "\nUnderline: 另一份报告\n" in text
    settings.notes_template, settings.notes_language = "", ""
    settings.save(library.data_dir)
    result = sync_after_change(library.data_dir, library.db, [report])
    assert result is not None and actions(result) == [(report, SyncAction.CREATED, NOTE, "")]
    assert "> [!quote] 绿色 (下划线)\n" in (vault / NOTE).read_text(encoding="utf-8")


def test_scan_notes_reads_past_bad_bytes_and_broken_links(tmp_path: Path) -> None:
    (tmp_path / "a.md").symlink_to(tmp_path / "missing.md")
    bad = tmp_path / "b.md"
    bad.write_bytes(b"---\n\xff\xfe: x\ndoc_id: 5\n---\n")
    assert scan_notes(tmp_path) == {5: [bad]}


def test_front_matter_details() -> None:
    assert split_front("doc_id:: 1\n正文") == ("doc_id:: 1\n", "正文")
    assert split_front("a:: 1\nb:: 2\nc:: 3\n正文") == ("a:: 1\nb:: 2\nc:: 3\n", "正文")
    assert split_front("Title:: 报告\n正文") == ("Title:: 报告\n", "正文")
    assert merge_front("---\nTags:\n  - a\n---\n", '---\nTags: ["b"]\n---\n') == (
        '---\nTags: ["b"]\n---\n'
    )
    assert merge_front("---\ntags:\n- 甲\n- 乙\nx: 1\n---\n", "---\ntags: []\n---\n") == (
        "---\ntags: []\nx: 1\n---\n"
    )
    mine = "---\nnotes: |\n  第一行\n# 注释\n  第二行\n---\n"
    assert merge_front(mine, "---\ntitle: t\n---\n") == mine


def test_regions_keep_their_indentation() -> None:
    note = parse_note("<!-- pizhu:begin -->\n\n  X 缩进 X\n\n<!-- pizhu:end -->\n")
    assert not isinstance(note, str) and note.region == "  X 缩进 X"
    assert region_hash("  a") != region_hash("a")
    assert region_hash("aX") != region_hash("a") and region_hash("X") != region_hash("")


def test_a_run_writes_unless_told_it_is_a_dry_run(
    library: Library, report: int, tmp_path: Path
) -> None:
    result = NotesSync(library.db, tmp_path / "vault").run()
    assert result.dry_run is False and (tmp_path / "vault" / NOTE).is_file()


def test_a_note_of_a_document_no_longer_in_the_library(library: Library, tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "旧.md").write_text("---\ndoc_id: 99\n---\n", encoding="utf-8")
    (action,) = sync_notes(library.db, vault).actions
    assert (action.doc_id, action.title, action.action) == (99, "", SyncAction.SKIPPED)
    assert action.as_json()["title"] == ""
