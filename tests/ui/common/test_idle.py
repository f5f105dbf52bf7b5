"""WhenIdle: background work waits for a pause in the user's input."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from reader.ui.common.idle import WhenIdle


def test_runs_after_the_delay_when_nobody_types(qtbot: QtBot) -> None:
    calls: list[float] = []
    started = time.monotonic()
    idle = WhenIdle(lambda: calls.append(time.monotonic()), quiet_ms=0)
    idle.start(50)
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=2000)
    assert calls[0] - started >= 0.045
    qtbot.wait(100)
    assert len(calls) == 1  # once


def test_waits_while_the_user_types(qtbot: QtBot) -> None:
    box = QLineEdit()
    qtbot.addWidget(box)
    box.show()
    calls: list[float] = []
    idle = WhenIdle(lambda: calls.append(time.monotonic()), quiet_ms=200)
    idle.start(0)
    typing_until = time.monotonic() + 0.6
    while time.monotonic() < typing_until:
        qtbot.keyClick(box, Qt.Key.Key_A)
        qtbot.wait(40)
    last_key = time.monotonic()
    assert calls == []  # 0.6 s of typing, never 0.2 s quiet
    assert box.text().startswith("aaaa")
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=2000)
    assert calls[0] - last_key >= 0.15
