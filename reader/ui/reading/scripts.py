"""View ▸ Script: each document shown as written, in 简体 or in 繁體, remembered.

The choice is stored in the settings by document id, with the document's import
stamp: ids are reused after a delete, the stamp is not (a re-import of the same file
keeps both, so the choice survives it). Converting is character by character
(:func:`reader.core.text.script.convert`), so the shown text has the canonical text's
length and every offset stays valid.
"""

from __future__ import annotations

from reader.core.storage.documents import DocumentInfo
from reader.core.text.script import AS_WRITTEN, CHOICES, convert
from reader.ui.window.gui_settings import GuiSettings


class DocumentScripts:
    def __init__(self, settings: GuiSettings) -> None:
        self.settings = settings
        if not isinstance(settings.document_scripts, dict):  # a hand-edited settings file
            settings.document_scripts = {}

    def chosen(self, info: DocumentInfo) -> str:
        """The script the user picked for the document (``as-written`` by default)."""
        stored = self.settings.document_scripts.get(str(info.id))
        if (
            isinstance(stored, dict)
            and stored.get("imported") == info.imported_at
            and stored.get("script") in CHOICES
        ):
            return str(stored["script"])
        return AS_WRITTEN

    def choose(self, info: DocumentInfo, script: str) -> None:
        if script not in CHOICES:
            raise ValueError(f"unknown script {script!r}")
        if script == AS_WRITTEN:
            self.settings.document_scripts.pop(str(info.id), None)
        else:
            self.settings.document_scripts[str(info.id)] = {
                "script": script,
                "imported": info.imported_at,
            }

    def shown_text(self, info: DocumentInfo, text: str) -> str:
        """``text`` as the reader shows it. Asking for the script the document is
        written in shows it as written: the conversion assumes the other script, and
        would change characters both scripts use (后 in 皇后 would become 後)."""
        script = self.chosen(info)
        if script == AS_WRITTEN or script == info.script:
            return text
        return convert(text, script)
