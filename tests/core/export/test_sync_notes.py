"""Sync's note handling piece by piece: front matter (YAML and Logseq), the region and its
markers, merging the user's keys, finding notes in a vault, and the JSON report."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.export.sync import (
    NoteAction,
    SyncAction,
    SyncReport,
    compose,
    merge_front,
    note_doc_id,
    parse_note,
    region_hash,
    scan_notes,
    split_front,
    with_doc_id,
)


def test_region_hash_ignores_line_endings_and_outer_blank_lines_only() -> None:
    assert region_hash("a\nb") == region_hash("\n\na \t\r\nb  \n\n")
    assert region_hash("a\nb") != region_hash("a\n\nb")
    assert region_hash("a b") != region_hash("a  b")
    assert len(region_hash("")) == 16 and set(region_hash("x")) <= set("0123456789abcdef")


@pytest.mark.parametrize(
    ("text", "front", "rest"),
    [
        ("---\na: 1\n---\n正文", "---\na: 1\n---\n", "正文"),
        ("--- \na: 1\n---\t\n正文", "--- \na: 1\n---\t\n", "正文"),
        ("---\na: 1\n---", "---\na: 1\n---", ""),
        ("---\n---\n正文", "---\n---\n", "正文"),
        ("---\na: 1\n正文", "", "---\na: 1\n正文"),  # never closed: not front matter
        ("正文\n---\na: 1\n---\n", "", "正文\n---\na: 1\n---\n"),
        ("title:: 报告\ndoc_id:: 1\n\n- 正文", "title:: 报告\ndoc_id:: 1\n", "\n- 正文"),
        ("doc_id:: 1", "doc_id:: 1\n", ""),
        ("a::b\n", "", "a::b\n"),
        ("1a:: x\n", "", "1a:: x\n"),
        ("", "", ""),
    ],
)
def test_split_front(text: str, front: str, rest: str) -> None:
    assert split_front(text) == (front, rest)


@pytest.mark.parametrize(
    ("head", "doc_id"),
    [
        ("---\ntitle: x\ndoc_id: 12\n---\n", 12),
        ("---\r\ndoc_id:  7 \r\n---\r\n", 7),
        ("title:: x\ndoc_id:: 3\n\n- a", 3),
        ("---\ntitle: x\n---\ndoc_id: 4\n", None),  # in the body, not the front matter
        ("---\ndoc_id: x4\n---\n", None),
        ("---\nmy_doc_id: 4\n---\n", None),
        ("正文", None),
    ],
)
def test_note_doc_id(head: str, doc_id: int | None) -> None:
    assert note_doc_id(head) == doc_id


def test_parse_note_splits_the_users_text_from_the_region() -> None:
    text = (
        "---\ndoc_id: 1\n---\n我的\n<!-- pizhu:begin hash=abc123 -->\n\n区域\n\n"
        "<!-- pizhu:end -->  \n后记\n"
    )
    note = parse_note(text.replace("\n", "\r\n"))
    assert not isinstance(note, str)
    assert (note.front, note.before) == ("---\ndoc_id: 1\n---\n", "我的\n")
    assert note.stored_hash == "abc123"
    assert (note.region, note.after) == ("区域", "\n后记\n")
    bare = parse_note("<!-- pizhu:begin -->\n<!-- pizhu:end -->")
    assert not isinstance(bare, str)
    assert (bare.front, bare.before, bare.region, bare.after) == ("", "", "", "")
    assert bare.stored_hash is None


NO_REGION = "it has no Pizhu region (<!-- pizhu:begin --> … <!-- pizhu:end -->)"
DOUBLED = "its Pizhu region markers are doubled or out of order"
B, E = "<!-- pizhu:begin -->", "<!-- pizhu:end -->"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("正文", NO_REGION),
        (f"{B}\n正文", NO_REGION),
        (f"正文\n{E}", NO_REGION),
        (f" {B}\n{E}", NO_REGION),  # a marker is a line of its own
        (f"{E}\n{B}\n", DOUBLED),
        (f"{B}\n{B}\n{E}", DOUBLED),
        (f"{B}\n{E}\n{E}", DOUBLED),
    ],
)
def test_notes_whose_region_cannot_be_told_apart(text: str, why: str) -> None:
    assert parse_note(text) == why


def test_merge_front_updates_pizhus_keys_and_keeps_the_users() -> None:
    old = "---\ntitle: 旧\nstatus: reading\ntags:\n  - 甲\n  - 乙\naliases:\n- 别名\n---\n"
    new = '---\ntitle: "新"\ntags: ["政策"]\ndoc_id: 1\n---\n'
    assert merge_front(old, new) == (
        '---\ntitle: "新"\nstatus: reading\ntags: ["政策"]\naliases:\n- 别名\n---\n'
    )
    assert merge_front("", new) == new
    # Logseq properties: "key::" is another key than "key:".
    assert merge_front("title:: 旧\nmine:: 1\n", "title:: 新\n") == "title:: 新\nmine:: 1\n"
    assert merge_front("title: 旧\n", "title:: 新\n") == "title: 旧\n"
    assert merge_front("tags:\n\t- a\nx: 1\n", "tags: []\n") == "tags: []\nx: 1\n"


def test_with_doc_id() -> None:
    assert with_doc_id("", 3) == "---\ndoc_id: 3\n---\n"
    assert with_doc_id("---\ntitle: x\n---\n", 3) == "---\ndoc_id: 3\ntitle: x\n---\n"
    assert with_doc_id("title:: x\n", 3) == "doc_id:: 3\ntitle:: x\n"
    assert with_doc_id("---\ndoc_id: 9\n---\n", 3) == "---\ndoc_id: 9\n---\n"


def test_compose_round_trips_through_parse_note() -> None:
    text = compose("---\ndoc_id: 1\n---\n", "区域", "\n前\n", "\n后\n")
    assert text == (
        f"---\ndoc_id: 1\n---\n\n前\n<!-- pizhu:begin hash={region_hash('区域')} -->\n区域\n"
        "<!-- pizhu:end -->\n后\n"
    )
    note = parse_note(text)
    assert not isinstance(note, str)
    assert (note.region, note.stored_hash) == ("区域", region_hash("区域"))
    marker = f"<!-- pizhu:begin hash={region_hash('r')} -->"
    assert compose("", "r") == f"\n{marker}\nr\n<!-- pizhu:end -->\n"


def test_scan_notes_finds_notes_by_id_and_skips_tools_folders(tmp_path: Path) -> None:
    def note(relative: str, doc_id: int | None) -> Path:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        head = f"---\ndoc_id: {doc_id}\n---\n" if doc_id is not None else "# 随笔\n"
        path.write_text(head + "正文\n", encoding="utf-8")
        return path

    a = note("a.md", 1)
    b = note("子/b.MD", 1)
    c = note("c.md", 2)
    note("d.md", None)
    note("e.txt", 3)
    note(".hidden.md", 4)
    note(".obsidian/x.md", 5)
    note("logseq/bak/y.md", 6)
    note("node_modules/z.md", 7)
    late = tmp_path / "late.md"
    late.write_text("---\n" + "k: v\n" * 2000 + "doc_id: 8\n---\n", encoding="utf-8")
    assert scan_notes(tmp_path) == {1: [a, b], 2: [c]}


def test_the_json_report() -> None:
    created = NoteAction(1, "甲", Path("/v/甲.md"), SyncAction.CREATED)
    updated = NoteAction(2, "乙", Path("/v/乙.md"), SyncAction.UPDATED)
    kept = NoteAction(3, "丙", Path("/v/丙.md"), SyncAction.UNCHANGED)
    conflict = NoteAction(4, "丁", Path("/v/丁.md"), SyncAction.CONFLICT, "edited")
    skipped = NoteAction(5, "戊", None, SyncAction.SKIPPED, "no annotations")
    report = SyncReport(Path("/v"), True, [skipped, kept, created, conflict, updated])
    assert report.written == [created, updated] and report.kept == [kept]
    assert report.skipped == [skipped, conflict] and report.conflicts == [conflict]
    assert report.as_json() == {
        "folder": "/v",
        "dry_run": True,
        "written": [
            {"doc_id": 1, "title": "甲", "path": "/v/甲.md", "action": "created"},
            {"doc_id": 2, "title": "乙", "path": "/v/乙.md", "action": "updated"},
        ],
        "kept": [{"doc_id": 3, "title": "丙", "path": "/v/丙.md", "action": "unchanged"}],
        "skipped": [
            {"doc_id": 5, "title": "戊", "path": None, "action": "skipped",
             "reason": "no annotations"},
            {"doc_id": 4, "title": "丁", "path": "/v/丁.md", "action": "conflict",
             "reason": "edited"},
        ],  # fmt: skip
        "conflicts": 1,
    }
