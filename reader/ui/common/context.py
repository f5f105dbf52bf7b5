"""What a controller is given instead of the main window.

A controller gets the library (its services, built once in ``reader.core.library``),
the settings, the undo stack, the change bus and three callables; it answers with
signals. It never sees the window, so it can be built and tested on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from reader.core.changes import Changes
from reader.core.library import Library
from reader.ui.common.jobs import Jobs

if TYPE_CHECKING:
    from reader.ui.window.gui_settings import GuiSettings


class ChangeBus(QObject):
    """Every write's :class:`Changes`, as one signal (Anki's ``operation_did_execute``).

    Each view subscribes and refreshes only its own part; nothing else refreshes views.
    """

    changed = Signal(object)  # Changes

    def publish(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)


@dataclass(frozen=True)
class UiContext:
    library: Library
    settings: GuiSettings
    undo_stack: QUndoStack
    bus: ChangeBus
    jobs: Jobs
    show_message: Callable[[str], None]
    show_error: Callable[[str], None]
    dialog_parent: QWidget  # what dialogs are modal to; only ever used as a parent

    def notify(self, changes: Changes) -> None:
        """Hand what a write changed to every view (the undo commands' ``notify``)."""
        self.bus.publish(changes)
