"""A narrow strip beside the compare panes: where the changes are along the whole document,
which part is on screen, and a click (or drag) to go there."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

# Saturated enough to read on a light or a dark strip.
MARKER_COLOURS = {
    "modified": QColor("#e0a100"),
    "inserted": QColor("#2e9e3e"),
    "deleted": QColor("#d83a3a"),
    "moved": QColor("#8a5cd6"),
}


class OverviewBar(QWidget):
    """Markers are (start, end, kind, strong): start and end as fractions of the document,
    kind a row kind (modified, inserted, deleted, moved); weak markers are painted pale."""

    jumpRequested = Signal(float)  # the fraction of the document clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareOverview")
        self.setAccessibleName(self.tr("Overview of the changes"))
        self.setToolTip(self.tr("Where the changes are; click to go there"))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._markers: list[tuple[float, float, str, bool]] = []
        self._current: tuple[float, float] | None = None
        self._visible = (0.0, 0.0)

    def sizeHint(self) -> QSize:
        return QSize(16, 100)

    def set_markers(self, markers: list[tuple[float, float, str, bool]]) -> None:
        self._markers = markers
        self.update()

    def markers(self) -> list[tuple[float, float, str, bool]]:
        return list(self._markers)

    def set_current(self, span: tuple[float, float] | None) -> None:
        """The current change (from next / previous), framed."""
        self._current = span
        self.update()

    def set_visible_range(self, start: float, end: float) -> None:
        if (start, end) != self._visible:
            self._visible = (start, end)
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        height, width = self.height(), self.width()
        for strong in (False, True):
            painted = (-1, -1, "")  # the last rectangle, in whole pixels: skip repeats
            for start, end, kind, is_strong in self._markers:
                if is_strong != strong:
                    continue
                top, bottom = int(start * height), int(end * height) + 2
                if (top, bottom, kind) == painted:
                    continue
                painted = (top, bottom, kind)
                colour = QColor(MARKER_COLOURS.get(kind, MARKER_COLOURS["modified"]))
                if not strong:
                    colour.setAlpha(90)
                painter.fillRect(QRectF(2, top, width - 4, bottom - top), colour)
        start, end = self._visible
        if end > start:
            shade = QColor(palette.color(QPalette.ColorRole.Text))
            shade.setAlpha(40)
            painter.fillRect(QRectF(0, start * height, width, (end - start) * height), shade)
        if self._current is not None:
            pen = QPen(palette.color(QPalette.ColorRole.Highlight), 2)
            painter.setPen(pen)
            start, end = self._current
            painter.drawRect(QRectF(1, start * height - 1, width - 2, (end - start) * height + 2))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._jump(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._jump(event)

    def _jump(self, event: QMouseEvent) -> None:
        if self.height() > 0:
            fraction = min(1.0, max(0.0, event.position().y() / self.height()))
            self.jumpRequested.emit(fraction)
