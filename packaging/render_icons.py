"""Render ``resources/icons/pizhu.svg`` into the PNG sizes the app and desktops use.

Run after editing the SVG: ``python packaging/render_icons.py``. Outputs are committed
(they are small) so a build needs no SVG renderer: ``resources/icons/pizhu-<N>.png``
for the window icon, and ``packaging/linux/icons/hicolor/<N>x<N>/apps/<APP_ID>.png``
plus ``scalable/apps/<APP_ID>.svg`` for ``pizhu install-desktop`` and install.sh.
Qt's SVG renderer (already a dependency) draws them, so no cairo or rsvg is needed.
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

from reader import APP_ID  # noqa: E402

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SOURCE = ROOT / "resources" / "icons" / "pizhu.svg"
HICOLOR = ROOT / "packaging" / "linux" / "icons" / "hicolor"
ICO = ROOT / "packaging" / "windows" / "pizhu.ico"
ICNS = ROOT / "packaging" / "macos" / "pizhu.icns"
ICO_SIZES = (16, 24, 32, 48, 64, 256)
# ICNS entry types holding PNG data, by pixel size (Apple's "icp4".."ic10").
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}


def render(renderer: QSvgRenderer, size: int, path: Path) -> None:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG"):
        raise SystemExit(f"cannot write {path}")


def write_ico(pngs: dict[int, bytes], path: Path) -> None:
    """A Windows .ico with PNG-compressed entries (valid since Windows Vista)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, data in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + entries + blobs)


def write_icns(pngs: dict[int, bytes], path: Path) -> None:
    """A macOS .icns of PNG entries (what ``iconutil`` produces from an .iconset)."""
    body = b"".join(
        ICNS_TYPES[size] + struct.pack(">I", 8 + len(data)) + data
        for size, data in sorted(pngs.items())
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"icns" + struct.pack(">I", 8 + len(body)) + body)


def main() -> int:
    _app = QGuiApplication([])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE} is not a valid SVG")
    for size in SIZES:
        render(renderer, size, SOURCE.with_name(f"pizhu-{size}.png"))
        render(renderer, size, HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png")
    pngs = {size: SOURCE.with_name(f"pizhu-{size}.png").read_bytes() for size in SIZES}
    write_ico({size: pngs[size] for size in ICO_SIZES}, ICO)
    write_icns({size: pngs[size] for size in ICNS_TYPES}, ICNS)
    scalable = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)
    print(f"rendered {len(SIZES)} sizes into {SOURCE.parent} and {HICOLOR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
