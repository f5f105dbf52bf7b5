"""The GUI opens on a brand-new data dir with the sample library imported."""

from pathlib import Path

from reader.ui.window.app import open_library_for_gui


def test_new_data_dir_starts_with_the_sample(data_dir: Path) -> None:
    library = open_library_for_gui(data_dir)
    try:
        docs = library.documents.list()
        assert len(docs) == 5
        assert library.collections.paths_by_document()[docs[0].id] == ["示例 Sample"]
    finally:
        library.close()
    reopened = open_library_for_gui(data_dir)  # not imported twice
    assert len(reopened.documents.list()) == 5
    reopened.close()
