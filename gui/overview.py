"""The whole-session overview beside the live window: the trunk (else pelvis) angle from the
start, its band of min/max per bin, the labelled zone edges, lifts as marks and the live window
shaded, so the therapist sees the session so far at a glance (pyqtgraph, redrawn on the timer)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from oefensense.live import LiveSnapshot

from . import theme
from .i18n import tr
from .plots import TRUNK_RANGE, fit_range, zone_lines


class SessionOverview(pg.PlotWidget):
    """Draws ``snapshot.overview`` (session minutes on x) and ``snapshot.lifts``."""

    def __init__(self, window_s: float = 30.0, parent=None) -> None:
        super().__init__(parent=parent)
        self.window_s = window_s
        p = self.getPlotItem()
        p.setMenuEnabled(False)
        p.setMouseEnabled(x=False, y=False)
        p.hideButtons()
        p.getAxis("left").setWidth(34)  # ticks only: the angle's name is in the box title
        self.setMinimumHeight(100)
        self.setMaximumHeight(170)
        colour = theme.TRACE_COLOURS["trunk_flexion_deg"]
        self.hi = p.plot(pen=None)
        self.lo = p.plot(pen=None)
        self.band = pg.FillBetweenItem(self.lo, self.hi, brush=pg.mkBrush(colour + "40"))
        p.addItem(self.band)
        self.mean = p.plot(pen=pg.mkPen(colour, width=1.5), antialias=False, connect="finite")
        # bins whose forward direction was still a guess (mostly): grey, like the report's curve
        self.provisional = p.plot(pen=pg.mkPen(theme.MUTED, width=1.5), antialias=False, connect="finite")
        self.lifts = pg.ScatterPlotItem(size=8, symbol="t", pen=None, brush=pg.mkBrush(theme.RECORD))
        p.addItem(self.lifts)
        self.window = pg.LinearRegionItem(movable=False, brush=pg.mkBrush(100, 116, 139, 40), pen=pg.mkPen(None))
        p.addItem(self.window)
        self.zone_lines = zone_lines(p)
        self._channel: str | None = None
        self._seq = -1
        self.retranslate()

    @property
    def is_pelvis(self) -> bool:
        """The angle drawn is the pelvis's (no trunk sensor worn)."""
        return self._channel in ("pelvis_flexion_deg", "pelvis_tilt_deg")

    def angle_name(self) -> str:
        """What the curve is ("Trunk (°)", "Pelvis (°)"): the box title says it. As a rotated
        axis label it was longer than the plot is tall ("Bekken (°" in a 860-px window)."""
        return tr("Pelvis (°)") if self.is_pelvis else tr("Trunk (°)")

    def retranslate(self) -> None:
        p = self.getPlotItem()
        p.setLabel("bottom", tr("minutes since the start"))

    def update_from(self, snap: LiveSnapshot) -> bool:
        if snap.seq == self._seq:
            return False
        self._seq = snap.seq
        ov = snap.overview
        t0 = (snap.start_ns or 0) / 1e9
        now_min = max(0.0, snap.now_ns / 1e9 - t0) / 60.0
        if ov is None or ov.t_s.size == 0:
            for item in (self.hi, self.lo, self.mean, self.provisional):
                item.setData([], [])
            self.lifts.setData([], [])
            # the usual span, not pyqtgraph's auto range of nothing (0–60: the 60° label was cut)
            self.getPlotItem().setYRange(*TRUNK_RANGE, padding=0)
        else:
            if ov.channel != self._channel:
                self._channel = ov.channel
                self.retranslate()
            x = (ov.t_s - t0) / 60.0
            self.hi.setData(x, ov.hi)
            self.lo.setData(x, ov.lo)
            guess = ov.provisional > 0.5 if ov.provisional is not None else np.zeros(len(x), bool)
            self.mean.setData(x, np.where(guess, np.nan, ov.mean))
            self.provisional.setData(x, np.where(guess, ov.mean, np.nan))
            peaks = [(l.t_ns / 1e9 - t0) / 60.0 for l in snap.lifts]
            ys = [l.peak_flexion_deg if l.peak_flexion_deg is not None and np.isfinite(l.peak_flexion_deg) else 0.0
                  for l in snap.lifts]
            self.lifts.setData(peaks, ys)
            lo, hi = fit_range(TRUNK_RANGE, [ov.lo, ov.hi], 5.0)
            self.getPlotItem().setYRange(lo, hi, padding=0)
        self.window.setRegion((max(0.0, now_min - self.window_s / 60.0), now_min))
        self.getPlotItem().setXRange(0.0, max(1.0, now_min), padding=0.01)
        return True
