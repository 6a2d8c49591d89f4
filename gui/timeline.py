"""The posture timeline: coloured stretches over the whole session, painted with QPainter."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from oefensense.live import LiveSnapshot
from oefensense.live.viewmodel import format_clock
from oefensense.live.vocab import posture_colour

from . import theme
from .words import word


BASE_HEIGHT = 52  # px: the bar and one legend row
LEGEND_ROW = 16  # px per further legend row


class PostureTimeline(QWidget):
    """Draws ``snapshot.timeline`` from session start to now, with a legend of the postures seen."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setFixedHeight(BASE_HEIGHT)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self._snap: LiveSnapshot | None = None

    def update_from(self, snap: LiveSnapshot) -> None:
        self._snap = snap
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        w, h = self.width(), self.height()
        bar = QRectF(4, 4, w - 8, 22)
        p.setPen(Qt.NoPen)
        p.setBrush(QColor("#EEF0F3"))
        p.drawRoundedRect(bar, 4, 4)
        snap = self._snap
        if snap is None or snap.start_ns is None or snap.elapsed_s <= 0:
            p.end()
            return
        # to the elapsed time (a replay's cursor): from the analysis's newest output the end
        # read 2:27 beside the replay bar's and the summary's 2:28
        t0, span = snap.start_ns, int(round(snap.elapsed_s * 1e9))
        seen: dict[str, None] = {}
        for piece in snap.timeline:
            x0 = bar.left() + bar.width() * max(0, piece.start_ns - t0) / span
            x1 = bar.left() + bar.width() * min(span, piece.end_ns - t0) / span
            if x1 <= x0:
                continue
            p.setBrush(QColor(posture_colour(piece.posture)))
            p.drawRect(QRectF(x0, bar.top(), max(1.0, x1 - x0), bar.height()))
            seen[piece.posture] = None
        for m in snap.markers:  # markers as thin dark ticks
            x = bar.left() + bar.width() * (m.t_ns - t0) / span
            p.setPen(QPen(QColor(theme.TEXT), 2))
            p.drawLine(int(x), int(bar.top() - 2), int(x), int(bar.bottom() + 2))
        p.setPen(QColor(theme.MUTED))
        y = bar.bottom() + 16
        p.drawText(int(bar.left()), int(y), "0:00")
        end = self.end_text()
        p.drawText(int(bar.right() - p.fontMetrics().horizontalAdvance(end)), int(y), end)
        room = bar.right() - p.fontMetrics().horizontalAdvance(end) - 12  # the legend stops before the end time
        fm = p.fontMetrics()
        legend = self._legend(list(seen), bar.left() + 50, room, fm)
        for name, x, row in legend:
            label = word("posture", name)
            y = bar.bottom() + 16 + LEGEND_ROW * row
            p.setPen(Qt.NoPen)
            p.setBrush(QColor(posture_colour(name)))
            p.drawRoundedRect(QRectF(x, y - 9, 10, 10), 2, 2)
            p.setPen(QColor(theme.TEXT))
            p.drawText(int(x + 14), int(y), label)
        p.end()
        rows = 1 + max((row for *_, row in legend), default=0)
        if self.height() != BASE_HEIGHT + LEGEND_ROW * (rows - 1):  # grows for the next frame
            self.setFixedHeight(BASE_HEIGHT + LEGEND_ROW * (rows - 1))

    def end_text(self) -> str:
        """The time written at the bar's right end: the elapsed time ("" before any data)."""
        snap = self._snap
        return "" if snap is None or snap.start_ns is None else format_clock(snap.elapsed_s)

    @staticmethod
    def _legend(names: list[str], left: float, right: float, fm) -> list[tuple[str, float, int]]:  # noqa: ANN001
        """(posture, x, row) of each legend entry: rows under one another where one row is too short
        (a narrow window, Dutch words): cut at the first that did not fit, "…" hid the rest."""
        out, x, row = [], left, 0
        for name in names:
            width = 24 + fm.horizontalAdvance(word("posture", name))
            if x + width - 10 > right and x > left:
                x, row = left, row + 1
            out.append((name, x, row))
            x += width
        return out
