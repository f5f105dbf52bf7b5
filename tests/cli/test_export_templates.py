"""``pizhu export --template``, scopes and ``--all -o notes.md``; ``pizhu sync-notes`` and
``pizhu templates``: JSON outputs and one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_cli

DOC = (
    "# 报告\n\n## 一、总体\n\n坚持稳中求进，推动城市高质量发展。\n\n## 二、任务\n\n"
    "推进城市更新行动。\n"
)


@pytest.fixture
def library(capsys, data_dir: Path, tmp_path: Path) -> Path:
    for name, text in (("report.md", DOC), ("other.md", "# 另一份\n\n城市更新要稳步推进。\n")):
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert run_cli(capsys, data_dir, "import", str(tmp_path / name)).code == 0
    for args in (
        ["1", "--quote", "稳中求进", "--tag", "城市/更新", "--note", "要点"],
        ["1", "--quote", "推进城市更新行动", "--color", "blue"],
        ["2", "--quote", "稳步推进", "--tag", "城市"],
    ):
        assert run_cli(capsys, data_dir, "annotate", *args).code == 0
    return data_dir


def test_export_with_a_template_and_scopes(capsys, library: Path, tmp_path: Path) -> None:
    out = tmp_path / "o.md"
    result = run_cli(capsys, library, "export", "1", "--template", "obsidian", "--lang", "en",
                     "-o", str(out))  # fmt: skip
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    assert "> [!quote] Yellow\n> 稳中求进" in text and "[一、总体](pizhu://open?doc=1&pos=" in text
    assert "> [!quote] Blue" in text and "^pz-" in text
    by_color = run_cli(capsys, library, "export", "--color", "blue", "-o", str(out))
    assert by_color.code == 0 and "exported 1 annotation(s) from 1 document(s)" in by_color.out
    tagged = run_cli(capsys, library, "export", "--tag", "城市", "--no-notes", "-o", str(out))
    assert tagged.code == 0 and "from 2 document(s)" in tagged.out
    assert "要点" not in out.read_text(encoding="utf-8")
    picked = run_cli(capsys, library, "export", "--annotation", "3", "--annotation", "1",
                     "--since", "2000-01-01", "-o", str(out))  # fmt: skip
    assert "exported 2 annotation(s) from 2 document(s)" in picked.out


def test_all_into_a_file_name_writes_one_file(capsys, library: Path, tmp_path: Path) -> None:
    out = tmp_path / "notes.md"
    result = run_cli(capsys, library, "export", "--all", "-o", str(out))
    assert result.code == 0, result.err
    assert out.is_file() and f"from 2 document(s) to {out}" in result.out
    text = out.read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "批注"\n') and "## 报告" in text and "## 另一份" in text
    folder = tmp_path / "notes"
    assert run_cli(capsys, library, "export", "--all", "-o", str(folder)).code == 0
    assert sorted(p.name for p in folder.iterdir()) == ["另一份.md", "报告.md"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["export", "1", "--template", "nope", "-o", "x.md"], 2, "no template 'nope' (choose"),
        (["export", "1", "--format", "json", "--template", "obsidian", "-o", "x.json"], 2,
         "--template and --no-notes are for Markdown"),
        (["export", "--since", "2024-13-01", "-o", "x.md"], 2, "not a date (YYYY-MM-DD)"),
        (["export", "--collection", "无", "-o", "x.md"], 2, "no collection '无'"),
        (["export", "--color", "orange", "-o", "x.md"], 2, "unknown colour 'orange'"),
        (["export", "--lang", "fr", "1", "-o", "x.md"], 2, "invalid choice: 'fr'"),
        (["sync-notes"], 2, "say which notes folder"),
        (["sync-notes", "x", "--template", "nope"], 2, "no template 'nope'"),
    ],
)  # fmt: skip
def test_errors_are_one_line(capsys, library: Path, tmp_path: Path, monkeypatch, args, code,
                             message) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    result = run_cli(capsys, library, *args)
    assert result.code == code
    assert result.err.count("\n") == 1 and result.err.startswith("pizhu: error: ")
    assert message in result.err
    assert not (tmp_path / "x.md").exists() and not (tmp_path / "x").exists()


def test_a_broken_user_template_is_one_line_naming_the_file(
    capsys, library: Path, tmp_path: Path
) -> None:
    folder = library / "templates"
    folder.mkdir()
    (folder / "mine.md.j2").write_text("# {{ doc.title }}\n{% if %}\n", encoding="utf-8")
    listed = run_cli(capsys, library, "templates", "--json").json()
    assert [t["name"] for t in listed] == ["markdown", "obsidian", "logseq", "mine"]
    assert listed[3]["builtin"] is False
    result = run_cli(capsys, library, "export", "1", "--template", "mine", "-o",
                     str(tmp_path / "x.md"))  # fmt: skip
    assert result.code == 1 and result.err.count("\n") == 1
    assert f"pizhu: error: template {folder / 'mine.md.j2'}: line 2: " in result.err
    assert "Traceback" not in result.err and not (tmp_path / "x.md").exists()


def test_sync_notes_json_dry_run_and_conflict(capsys, library: Path, tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    dry = run_cli(capsys, library, "sync-notes", str(vault), "--dry-run", "--json")
    assert dry.code == 0 and not vault.exists()
    data = dry.json()
    assert data["dry_run"] is True and data["conflicts"] == 0
    assert [(w["doc_id"], w["action"]) for w in data["written"]] == [(1, "created"), (2, "created")]
    assert set(data["written"][0]) == {"doc_id", "title", "path", "action"}
    wrote = run_cli(capsys, library, "sync-notes", str(vault))
    assert wrote.code == 0 and "created       " in wrote.out
    assert "wrote 2 note(s), kept 0 unchanged, skipped 0" in wrote.out
    note = vault / "报告.md"
    note.write_text(note.read_text(encoding="utf-8").replace("要点", "改了"), encoding="utf-8")
    again = run_cli(capsys, library, "sync-notes", str(vault), "--json")
    assert again.code == 1
    result = again.json()
    assert [k["doc_id"] for k in result["kept"]] == [2] and result["conflicts"] == 1
    assert result["skipped"][0]["action"] == "conflict" and "reason" in result["skipped"][0]
    text = run_cli(capsys, library, "sync-notes", str(vault))
    assert text.code == 1 and f"conflict      {note}: its Pizhu region was edited" in text.err
