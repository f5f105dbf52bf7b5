"""Text from files reaches the terminal escaped; JSON keeps it exact (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli.output import json_text, shown
from tests.helpers import run_cli

CLEAR = "\x1b[2J"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("城市更新 ok", "城市更新 ok"),
        (f"a{CLEAR}b", "a\\x1b[2Jb"),
        ("tab\tnew\nline\rcr", "tab\\tnew\\nline\\rcr"),
        ("c1\x9b31m", "c1\\x9b31m"),  # the one-byte CSI
        ("del\x7f", "del\\x7f"),
        ("bidi\u202egnp.exe", "bidi\\u202egnp.exe"),
        ("line\u2028sep", "line\\u2028sep"),
        ("bytes\udcff\udcfe", "bytes\\xff\\xfe"),  # surrogateescape: the original bytes
        ("lone\ud800", "lone\\ud800"),
        ("zero\u200bwidth", "zero\u200bwidth"),  # in Chinese text on purpose: left alone
    ],
)
def test_shown(raw: str, expected: str) -> None:
    assert shown(raw) == expected


def test_json_text_keeps_values_exact() -> None:
    data = {"title": f"报告{CLEAR}", "path": "/x/\udcff.txt"}
    text = json_text(data)
    assert "\x1b" not in text and "报告" in text
    text.encode("utf-8")  # printable: the lone surrogate is a \\udcff escape
    assert json.loads(text) == data


def test_a_file_name_with_an_escape_sequence(capsys, data_dir: Path, tmp_path: Path) -> None:
    src = tmp_path / f"报告{CLEAR}.txt"
    src.write_text("坚持稳中求进，推动城市高质量发展。\n", encoding="utf-8")
    outputs = []
    for args in (["import", str(src)], ["list"], ["show", "1"]):
        result = run_cli(capsys, data_dir, *args)
        assert result.code == 0, result.err
        outputs.append(result.out + result.err)
    for out in outputs:
        assert "\x1b" not in out
    assert "报告\\x1b[2J.txt" in outputs[0] and "报告\\x1b[2J.txt" in outputs[2]
    (row,) = run_cli(capsys, data_dir, "list", "--json").json()
    assert row["source"].endswith(f"报告{CLEAR}.txt")  # JSON: the exact name
