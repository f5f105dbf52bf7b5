"""Refill a filter combo box without losing the user's choice or firing its signal."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QComboBox


def refill(
    combo: QComboBox,
    first_label: str,
    entries: Iterable[tuple[str, object, QIcon | None]],
) -> None:
    """``first_label`` (data None) then ``(label, data, icon)`` entries; keeps the selection."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(first_label, None)
    for label, data, icon in entries:
        if icon is None:
            combo.addItem(label, data)
        else:
            combo.addItem(icon, label, data)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)


def narrow_combo(combo: QComboBox, chars: int = 4) -> None:
    """Size ``combo`` by ``chars`` characters, not by its longest entry, so a panel holding
    it can shrink in a small window (the popup still shows the entries in full)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)


def tag_entries(tags: Iterable[str]) -> list[tuple[str, object, QIcon | None]]:
    return [(f"#{tag}", tag, None) for tag in tags]
