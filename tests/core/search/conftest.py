"""Small real libraries for search tests: real SQLite, real Whoosh, real jieba."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.library import Library
from reader.core.search.service import SearchService

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def isolate(env: pytest.MonkeyPatch, root: Path) -> None:
    """A module-scoped library's own user dirs (the autouse isolation is per test)."""
    for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "HOME"):
        env.setenv(var, str(root / var.lower()))
    env.setenv("PIZHU_DATA_DIR", str(root / "env-data"))

# Generated from Unicode strings: the cases the issue names, in realistic sentences.
SPECIAL = """# 专项测试文本

## 一、综合

中共天津市委十二届六次全会举行，会议通过群众路线教育实践活动总结。
高举邓小平理论伟大旗帜，国务院发布《关于推进5G网络建设的意见》。
重点地区细颗粒物（PM2.5）平均浓度下降30%以上，城镇化率达到67%。
2024年国内生产总值增长5.0%，新增减税降费1.2万亿元。
ＧＤＰ比重与GDP比重；２０２４年与2024年；國務院與国务院。

## 二、罕用字

𠮷野家在东京；南汉高祖刘䶮；Ａｂｃ与aBC。哈哈哈哈，呵呵。
"""

TRADITIONAL = """# 政府工作報告

各位代表：我國國民經濟的恢復工作已經完成，國務院向大會報告。
一九五四年，全國工業總產值比上年增長１７％。
"""


def write_library_sources(root: Path) -> list[Path]:
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in [("special.md", SPECIAL), ("traditional.md", TRADITIONAL)]:
        path = root / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    for name in ("seed003_head.txt", "wikisource_1954_head.txt", "seed000_pagebreak.txt"):
        paths.append(FIXTURES / name)
    return paths


def import_fixtures(data_dir: Path, tmp_path: Path) -> list[int]:
    library = Library.open(data_dir)
    try:
        results = library.importer().import_paths(write_library_sources(tmp_path / "src"))
    finally:
        library.close()
    ids = [r.doc_id for r in results if r.doc_id is not None]
    assert len(ids) == 5
    return ids


@pytest.fixture
def library_ids(data_dir: Path, tmp_path: Path) -> list[int]:
    return import_fixtures(data_dir, tmp_path)


@pytest.fixture
def service(data_dir: Path, library_ids: list[int]) -> Iterator[SearchService]:
    svc = SearchService(data_dir)
    svc.sync_now()
    yield svc
    svc.stop()
