"""A real library in a temp data dir, and helpers to import and re-import a text file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core.ingest.importer import ImportResult
from reader.core.library import Library

REPORT = """# 城市工作报告

## 一、总体要求

坚持稳中求进工作总基调。各地区各部门要坚持以人民为中心的发展思想，推动城市高质量发展，建设宜居、韧性、智慧城市。

### （一）指导思想

以习近平新时代中国特色社会主义思想为指导，完整准确全面贯彻新发展理念，加快构建新发展格局。

## 二、重点任务

推进城市更新行动，稳步实施城中村改造，加强老旧小区改造和城市地下管网建设。

统筹城市规划建设管理，提升城市治理现代化水平。
"""


@pytest.fixture
def add_doc(library: Library, tmp_path: Path) -> Callable[[str, str], int]:
    """Write ``text`` to ``name`` and import it; returns the document id."""

    def add(text: str, name: str = "report.md") -> int:
        path = tmp_path / "src" / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        result = library.importer().import_paths([path])[0]
        assert result.doc_id is not None, result
        return result.doc_id

    return add


@pytest.fixture
def reimport(library: Library, tmp_path: Path) -> Callable[[str, str], ImportResult]:
    """Rewrite the file ``name`` with ``text`` and re-import it (an in-place update)."""

    def again(text: str, name: str = "report.md") -> ImportResult:
        (tmp_path / "src" / name).write_text(text, encoding="utf-8")
        return library.importer().import_paths([tmp_path / "src" / name])[0]

    return again
