"""A real library in a temp data dir, documents imported from text files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core.library import Library

REPORT = """# 区域发展报告

推动京津冀协同发展。坚持稳中求进工作总基调！

他说：“要加快构建新发展格局。”然后继续推进城市更新行动。
"""


@pytest.fixture
def add_doc(library: Library, tmp_path: Path) -> Callable[..., int]:
    """Write ``text`` to ``name`` and import it (again, for an in-place update)."""

    def add(text: str = REPORT, name: str = "report.md") -> int:
        path = tmp_path / "src" / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        result = library.importer().import_paths([path])[0]
        assert result.doc_id is not None, result
        return result.doc_id

    return add
