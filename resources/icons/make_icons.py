"""Render the app icon's PNGs from its SVG (run after changing the SVG; the PNGs are committed).

    python resources/icons/make_icons.py

Writes resources/icons/hicolor/<N>x<N>/apps/consult.png for each size below, the layout of
the freedesktop icon theme, so that the whole `hicolor` folder can be copied to
~/.local/share/icons/ as it is.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (32, 64, 128, 256)
HICOLOR = Path(__file__).resolve().parent / "hicolor"
SOURCE = HICOLOR / "scalable" / "apps" / "consult.svg"


def render(size: int) -> QImage:
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        sys.exit(f"cannot read {SOURCE}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> None:
    _app = QGuiApplication(sys.argv[:1])  # fonts and image writers need one
    for size in SIZES:
        target = HICOLOR / f"{size}x{size}" / "apps" / "consult.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render(size).save(str(target), "PNG"):
            sys.exit(f"cannot write {target}")
        print(target.relative_to(HICOLOR.parent.parent.parent))


if __name__ == "__main__":
    main()
