"""The Windows and macOS packaging files cannot be built here; keep them in step with Linux.

Whatever the Linux launcher claims (file types, the pizhu:// scheme, the version,
the icon) the Inno Setup script and the macOS bundle must claim too.
"""

from __future__ import annotations

import re
from pathlib import Path

from reader import APP_ID, __version__
from reader.core.ingest.formats.registry import supported_suffixes
from reader.platform.desktop_entry import DOCUMENT_MIMES

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def _desktop_mimes() -> set[str]:
    text = (PACKAGING / "linux" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    (line,) = [x for x in text.splitlines() if x.startswith("MimeType=")]
    return {m for m in line.removeprefix("MimeType=").split(";") if m}


def test_linux_claims() -> None:
    # Every format the importer reads is offered under "Open with", and nothing more.
    assert _desktop_mimes() == {*DOCUMENT_MIMES, "x-scheme-handler/pizhu"}
    assert {"application/pdf", "application/epub+zip", "text/html"} <= set(DOCUMENT_MIMES)
    metainfo = (PACKAGING / "linux" / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    assert f'<release version="{__version__}"' in metainfo


def test_inno_setup_matches() -> None:
    iss = (PACKAGING / "windows" / "pizhu.iss").read_text(encoding="utf-8")
    assert f'#define AppVersion "{__version__}"' in iss
    for ext in supported_suffixes():
        if ext not in (".text", ".doc", ".xhtml"):
            assert f"Software\\Classes\\{ext}\\OpenWithProgids" in iss
    assert '"URL Protocol"' in iss and "Software\\Classes\\pizhu\\shell\\open\\command" in iss
    assert "{autoprograms}" in iss and "{autodesktop}" in iss  # Start menu and desktop
    assert (PACKAGING / "windows" / re.search(r"SetupIconFile=(\S+)", iss)[1]).is_file()
    assert "..\\..\\dist\\pizhu\\*" in iss  # what build.py / the spec produce


def test_macos_bundle_matches() -> None:
    spec = (PACKAGING / "pizhu.spec").read_text(encoding="utf-8")
    assert '"CFBundleURLSchemes": ["pizhu"]' in spec
    assert '"public.plain-text"' in spec and '"net.daringfireball.markdown"' in spec
    assert '"com.adobe.pdf"' in spec and '"org.idpf.epub-container"' in spec
    assert "bundle_identifier=APP_ID" in spec
    assert (PACKAGING / "macos" / "pizhu.icns").read_bytes()[:4] == b"icns"
