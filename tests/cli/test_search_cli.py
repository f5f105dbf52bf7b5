"""The exact CLI contract of ``pizhu search`` / ``reindex`` / ``check``."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from reader.core.search.index import STAMP_FILE
from tests.core.search.conftest import write_library_sources
from tests.helpers import run_cli

HIT_KEYS = {"doc_id", "title", "score", "match_count", "matches", "snippet", "section"}


@pytest.fixture
def imported(capsys, data_dir: Path, tmp_path: Path) -> list[int]:
    paths = [str(p) for p in write_library_sources(tmp_path / "src")]
    result = run_cli(capsys, data_dir, "import", *paths, "--json")
    assert result.code == 0
    return [r["doc_id"] for r in result.json()]


def test_search_json_shape(capsys, data_dir: Path, imported) -> None:
    result = run_cli(capsys, data_dir, "search", "國務院", "--json", "--limit", "2")
    assert result.code == 0
    data = result.json()
    assert set(data) == {"query", "took_ms", "total", "hits"}
    assert data["query"] == "國務院" and isinstance(data["took_ms"], float)
    assert data["total"] >= 2 and len(data["hits"]) == 2
    for hit in data["hits"]:
        assert set(hit) == HIT_KEYS
        assert hit["match_count"] == len(hit["matches"]) > 0
        assert hit["matches"] == sorted(hit["matches"])
        assert all(isinstance(m, list) and len(m) == 2 for m in hit["matches"])
    show = run_cli(capsys, data_dir, "show", str(data["hits"][0]["doc_id"]), "--text")
    start, end = data["hits"][0]["matches"][0]
    assert show.out[start:end] in {"国务院", "國務院"}


def test_search_text_output_and_filters(capsys, data_dir: Path, imported) -> None:
    special = imported[0]
    result = run_cli(capsys, data_dir, "search", "刘䶮")
    assert result.code == 0 and f"#{special}" in result.out and "刘䶮" in result.out
    assert "1 document(s)" in result.err
    doc = run_cli(capsys, data_dir, "search", "国务院", "--doc", str(imported[1]), "--json")
    assert [h["doc_id"] for h in doc.json()["hits"]] == [imported[1]]
    tagged = run_cli(capsys, data_dir, "search", "国务院", "--tag", "无此标签", "--json")
    assert tagged.json()["total"] == 0
    ann = run_cli(capsys, data_dir, "search", "国务院", "--annotations", "--json")
    assert ann.json()["total"] == 0


def test_search_stdin_one_json_per_line(capsys, monkeypatch, data_dir: Path, imported) -> None:
    queries = ["刘䶮", '"', "-", "OR", "，。", "😀", "x" * 2000, "", "PM2.5", "67%"]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(queries) + "\n"))
    result = run_cli(capsys, data_dir, "search", "-", "--json")
    assert result.code == 0
    lines = result.out.splitlines()
    assert len(lines) == len(queries)
    objects = [json.loads(line) for line in lines]
    assert [o["query"] for o in objects] == queries
    assert objects[0]["total"] == 1 and objects[-1]["total"] >= 1 and objects[-2]["total"] >= 1


def test_reindex_and_check(capsys, data_dir: Path, imported) -> None:
    assert run_cli(capsys, data_dir, "search", "刘䶮").code == 0
    stamp = data_dir / "index" / STAMP_FILE
    assert stamp.is_file()
    result = run_cli(capsys, data_dir, "reindex")
    assert result.code == 0 and not stamp.exists()
    assert run_cli(capsys, data_dir, "check").code == 0  # pending rebuild is not a problem
    result = run_cli(capsys, data_dir, "reindex", "--wait")
    assert result.code == 0 and "5 documents" in result.out and stamp.is_file()
    check = run_cli(capsys, data_dir, "check")
    assert check.code == 0, check.err
    for path in (data_dir / "index").glob("*.toc"):
        path.write_bytes(b"broken")
    check = run_cli(capsys, data_dir, "check")
    assert check.code == 1 and "search index" in check.err
    assert run_cli(capsys, data_dir, "search", "刘䶮", "--json").json()["total"] == 1
    assert run_cli(capsys, data_dir, "check").code == 0


def test_negative_limit_is_usage_error(capsys, data_dir: Path) -> None:
    assert run_cli(capsys, data_dir, "search", "x", "--limit", "-1").code == 2
