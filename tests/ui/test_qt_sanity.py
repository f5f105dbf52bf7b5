"""Guards against known-bad Qt bindings (see docs/dependencies.md)."""

import subprocess
import sys


def test_model_data_returning_none_keeps_refcounts() -> None:
    code = (
        "from PySide6.QtGui import QStandardItemModel, QStandardItem\n"
        "from PySide6.QtCore import Qt\n"
        "m = QStandardItemModel(); m.appendRow(QStandardItem('x'))\n"
        "i = m.index(0, 0)\n"
        "for _ in range(20000): i.data(Qt.ItemDataRole.UserRole + 5)\n"
        "print('ok')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr[-500:]
