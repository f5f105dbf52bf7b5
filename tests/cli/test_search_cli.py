"""The exact CLI contract of ``pizhu search`` / ``reindex`` / ``check``."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from reader.core.search.index import STAMP_FILE
from tests.core.search.conftest import write_library_sources
from tests.helpers import run_cli

HIT_KEYS = {"doc_id", "title", "score", "match_count", "matches", "snippet", "section", "exact"}


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


def test_exact_says_whether_the_query_occurs_as_typed(capsys, data_dir: Path, imported) -> None:
    special = imported[0]
    whole = run_cli(capsys, data_dir, "search", "国务院", "--json").json()
    assert whole["hits"] and all(hit["exact"] for hit in whole["hits"])
    terms = run_cli(capsys, data_dir, "search", "改革 开放", "--json").json()
    assert terms["hits"] and all(hit["exact"] for hit in terms["hits"])
    # 国务院发布《关于…的意见》: the words of 国务院发布意见 occur, the whole string does not.
    words = run_cli(capsys, data_dir, "search", "国务院发布意见", "--json").json()
    assert [(h["doc_id"], h["exact"]) for h in words["hits"]] == [(special, False)]
    text = run_cli(capsys, data_dir, "search", "国务院发布意见")
    assert ", words only)" in text.out.splitlines()[0]
    assert "words only" not in run_cli(capsys, data_dir, "search", "国务院").out


def test_damaged_folded_text_check_search_reindex(capsys, data_dir: Path, imported) -> None:
    before = run_cli(capsys, data_dir, "search", "国务院", "--json").json()
    (folded,) = (data_dir / "index" / "folded").glob(f"{imported[0]}-*.txt")
    folded.write_bytes(folded.read_bytes().replace("国务院".encode(), "国务完".encode()))
    check = run_cli(capsys, data_dir, "check")
    line = f"search index: {folded}: checksum mismatch (run pizhu reindex)"
    assert check.code == 1 and check.err.splitlines() == [line, "pizhu: check: 1 problem(s) found"]
    after = run_cli(capsys, data_dir, "search", "国务院", "--json")
    assert after.code == 0 and "Traceback" not in after.err
    assert sorted(map(_hit_key, after.json()["hits"])) == sorted(map(_hit_key, before["hits"]))
    assert run_cli(capsys, data_dir, "reindex", "--wait").code == 0
    assert run_cli(capsys, data_dir, "check").code == 0


def test_index_that_is_a_file_is_rebuilt_by_search(capsys, data_dir: Path, imported) -> None:
    assert run_cli(capsys, data_dir, "reindex", "--wait").code == 0
    shutil.rmtree(data_dir / "index")
    (data_dir / "index").write_text("x")
    assert run_cli(capsys, data_dir, "reindex").code == 0  # only marks: nothing to remove
    result = run_cli(capsys, data_dir, "search", "刘䶮", "--json")
    assert result.code == 0 and result.json()["total"] == 1
    assert "built the search index (5 documents)" in result.err
    assert run_cli(capsys, data_dir, "check").code == 0


def test_search_answers_when_the_index_cannot_be_written(capsys, monkeypatch, data_dir: Path,
                                                        imported) -> None:
    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("reader.core.search.service.SearchService.sync_now", disk_full)
    result = run_cli(capsys, data_dir, "search", "刘䶮", "--json")
    assert result.code == 0 and result.json()["total"] == 1
    assert result.err.splitlines() == [
        "pizhu: note: search index not updated (No space left on device); searching the"
        " library directly"
    ]


def _hit_key(hit: dict) -> tuple:
    return hit["doc_id"], hit["matches"], hit["exact"]


def test_negative_limit_is_usage_error(capsys, data_dir: Path) -> None:
    assert run_cli(capsys, data_dir, "search", "x", "--limit", "-1").code == 2
