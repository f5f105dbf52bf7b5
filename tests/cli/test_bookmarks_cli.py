"""``pizhu bookmarks``: list (text and JSON), add, delete, and one-line errors."""

from __future__ import annotations

from tests.helpers import run_cli


def test_add_list_delete(capsys, data_dir) -> None:
    assert run_cli(capsys, data_dir, "import", "--sample").code == 0
    added = run_cli(
        capsys, data_dir, "bookmarks", "--add", "4", "--at", "12", "--name", "全会", "--json"
    )
    assert added.code == 0
    mark = added.json()
    assert (mark["doc_id"], mark["offset"], mark["name"]) == (4, 12, "全会")
    listed = run_cli(capsys, data_dir, "bookmarks", "--json")
    assert [m["id"] for m in listed.json()] == [mark["id"]]
    text = run_cli(capsys, data_dir, "bookmarks")
    assert text.out.startswith(f"{mark['id']}  doc 4 @12  全会 — 中共天津市委")
    assert run_cli(capsys, data_dir, "bookmarks", "--doc", "1", "--json").json() == []
    gone = run_cli(capsys, data_dir, "bookmarks", "--delete", str(mark["id"]))
    assert gone.code == 0 and "全会" in gone.out
    assert run_cli(capsys, data_dir, "bookmarks", "--json").json() == []


def test_errors_are_one_line(capsys, data_dir) -> None:
    run_cli(capsys, data_dir, "import", "--sample")
    bad = run_cli(capsys, data_dir, "bookmarks", "--add", "4", "--at", "99999999")
    assert bad.code == 2 and bad.err.count("\n") == 1 and "outside" in bad.err
    missing = run_cli(capsys, data_dir, "bookmarks", "--delete", "7")
    assert missing.code == 1 and "no bookmark 7" in missing.err
    usage = run_cli(capsys, data_dir, "bookmarks", "--at", "3")
    assert usage.code == 2 and "--add" in usage.err
    assert run_cli(capsys, data_dir, "bookmarks", "--json").json() == []  # nothing written
