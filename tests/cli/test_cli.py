"""The CLI contract other issues rely on, driven end to end in a temp data dir."""

import subprocess
import sys
from pathlib import Path

from tests.helpers import run_cli

TRAD = "# 政府工作報告\n\n一、過去一年的工作\n\n我們堅持穩中求進。\n"


def test_round_trip_import_list_show_check(capsys, data_dir: Path, tmp_path: Path) -> None:
    src = tmp_path / "報告 目錄"
    src.mkdir()
    (src / "big5.txt").write_bytes(TRAD.encode("big5"))
    (src / "utf16.md").write_bytes("\ufeff# 标题\n\n正文。\n".encode("utf-16-le"))
    result = run_cli(capsys, data_dir, "import", str(src), "--json")
    assert result.code == 0, result.err
    rows = result.json()
    assert [r["status"] for r in rows] == ["imported", "imported"]
    assert set(rows[0]) >= {"path", "status", "doc_id", "reason"}

    listed = run_cli(capsys, data_dir, "list", "--json").json()
    assert [(d["encoding"], d["collections"]) for d in listed] == [
        ("big5", ["報告 目錄"]),
        ("utf-16le (BOM)", ["報告 目錄"]),
    ]
    assert all(isinstance(d["id"], int) and d["chars"] > 0 for d in listed)

    shown = run_cli(capsys, data_dir, "show", str(listed[0]["id"]), "--text")
    assert shown.out == "政府工作報告\n\n一、過去一年的工作\n\n我們堅持穩中求進。\n"
    outline = run_cli(capsys, data_dir, "show", str(listed[0]["id"]), "--outline", "--json")
    assert outline.json() == [
        {"level": 1, "title": "政府工作報告", "start": 0},
        {"level": 2, "title": "一、過去一年的工作", "start": 8},
    ]
    assert run_cli(capsys, data_dir, "check").code == 0

    again = run_cli(capsys, data_dir, "import", str(src))
    assert again.out.count("unchanged") == 2


def test_sample_import(capsys, data_dir: Path) -> None:
    result = run_cli(capsys, data_dir, "import", "--sample", "--json")
    assert [r["status"] for r in result.json()] == ["imported"] * 5
    listed = run_cli(capsys, data_dir, "list", "--json").json()
    assert all(d["collections"] == ["示例 Sample"] for d in listed)


def test_user_errors_are_one_line_without_traceback(capsys, data_dir: Path) -> None:
    missing = run_cli(capsys, data_dir, "show", "42", "--text")
    assert missing.code == 1
    assert missing.err.strip() == "pizhu: error: no document with id 42"
    bad = run_cli(capsys, data_dir, "import", "/no/such/file.txt")
    assert bad.code == 1 and "no such file" in bad.out
    try:
        run_cli(capsys, data_dir, "show", "abc")
    except SystemExit as exc:
        assert exc.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_bad_data_dir(capsys, tmp_path: Path) -> None:
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    result = run_cli(capsys, not_a_dir, "list")
    assert result.code == 1
    assert "is not a directory" in result.err


def test_env_var_selects_the_data_dir(tmp_path: Path) -> None:
    env_dir = tmp_path / "from-env"
    env = {"PIZHU_DATA_DIR": str(env_dir), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "import", "--sample"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert (env_dir / "library.sqlite3").exists()
    assert "Traceback" not in proc.stderr
