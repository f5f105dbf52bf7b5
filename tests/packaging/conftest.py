"""The GUI tests here use the same real main window as tests/ui."""

from tests.ui.conftest import first_run_data_dir, make_window, window  # noqa: F401  (fixtures, re-exported)
