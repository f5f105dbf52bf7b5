"""QActions built from the command registry in :mod:`reader.app.commands`.

Widgets never create their own shortcuts: they ask the registry for an action by
command id and connect to it. User overrides (settings.shortcuts) replace the
default keys of a command.

Scopes: window-wide commands belong to the main window, single-key tools to the
reader (they never fire while typing elsewhere), and the dictionary pop-up's keys to
the pop-up, which adds those actions itself (:meth:`ActionRegistry.scoped`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from reader.app.commands import COMMANDS, READER, WINDOW, Command


def translate(text: str) -> str:
    return QCoreApplication.translate("Commands", text)


class ActionRegistry(QObject):
    def __init__(
        self,
        window: QWidget,
        reader: QWidget,
        overrides: dict[str, list[str]] | None = None,
    ) -> None:
        super().__init__(window)
        self._actions: dict[str, QAction] = {}
        self._commands: dict[str, Command] = {}
        overrides = overrides or {}
        for cmd in COMMANDS:
            owner = reader if cmd.scope == READER else window
            action = QAction(translate(cmd.text), owner)
            action.setObjectName(cmd.id)
            action.setCheckable(cmd.checkable)
            action.setShortcuts(self._keys(cmd, overrides.get(cmd.id)))
            if cmd.scope == WINDOW:
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            else:
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            if cmd.scope in (WINDOW, READER):  # other scopes: their widget adds them
                owner.addAction(action)
            self._actions[cmd.id] = action
            self._commands[cmd.id] = cmd

    @staticmethod
    def _keys(cmd: Command, override: list[str] | None) -> list[QKeySequence]:
        if override is not None:
            return [QKeySequence(k) for k in override]
        keys: list[QKeySequence] = []
        if cmd.standard:
            keys.extend(QKeySequence.keyBindings(getattr(QKeySequence.StandardKey, cmd.standard)))
        for key in cmd.keys:
            seq = QKeySequence(key)
            if seq not in keys:
                keys.append(seq)
        return keys

    def action(self, command_id: str) -> QAction:
        return self._actions[command_id]

    def scoped(self, scope: str) -> list[QAction]:
        """The actions of a widget's own scope (e.g. the dictionary pop-up's), to add to it."""
        return [self._actions[c.id] for c in self._commands.values() if c.scope == scope]

    def bind(self, command_id: str, handler: Callable[[], object]) -> None:
        """Run ``handler`` when the command fires (not named ``connect``: that would
        shadow ``QObject.connect``, which Qt and PySide call with other arguments)."""
        self._actions[command_id].triggered.connect(lambda _checked=False: handler())

    def commands(self) -> list[Command]:
        return list(self._commands.values())

    def shortcut_text(self, command_id: str) -> str:
        return ", ".join(
            s.toString(QKeySequence.SequenceFormat.NativeText)
            for s in self._actions[command_id].shortcuts()
        )
