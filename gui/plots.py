"""Scrolling plots of body angles and raw acceleration (pyqtgraph; redrawn on the GUI timer).

The idioms of pyqtgraph's own examples: data are pulled from a snapshot on a timer (never on
arrival) and ``skipFiniteCheck`` is safe because our buffers hold finite values only. Measured
on the offscreen raster (CPU ms per drawn frame, 4 × 200 Hz): grid lines, antialiased curves and
a moving x axis dominated the cost, so the x axis is fixed ("seconds ago", the data move),
curves are drawn without antialiasing and decimated min/max to about two points per pixel.
"""

from __future__ import annotations

import math
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TR_NOOP, Qt

from oefensense.core.frames import ANGLE_FORWARD_FROM
from oefensense.live import ACC_TRACE_PREFIX, LiveSnapshot
from oefensense.live.decimate import minmax_decimate

from . import theme
from .i18n import tr
from .words import word

ANGLE_LINES = (
    ("trunk_flexion_deg", QT_TR_NOOP("flexion")),
    ("trunk_lateral_deg", QT_TR_NOOP("lateral bend")),
    ("trunk_twist_deg", QT_TR_NOOP("twist")),
    ("pelvis_tilt_deg", QT_TR_NOOP("pelvis tilt")),
)


TRUNK_RANGE = (-30.0, 90.0)  # the usual span; the axis grows to take in what is outside it
THIGH_RANGE = (-20.0, 110.0)
ACC_RANGE = (0.0, 2.5)


def zone_lines(plot: pg.PlotItem, edges: tuple[float, float] = (20.0, 60.0)) -> list[pg.InfiniteLine]:
    """The ISO 11226 trunk zone edges as dashed lines labelled with their angle."""
    lines = []
    # each label under its line, inside the zone it opens, the two side by side: above the lines,
    # at one place, in a short plot (a 700-px window) the 60° label was cut off at the top and the
    # two were written over each other
    for y, c, at in zip(edges, (theme.ALERT, theme.RECORD), (0.90, 0.985)):
        line = pg.InfiniteLine(pos=y, angle=0, pen=pg.mkPen(c, width=1, style=Qt.DashLine), label=f"{y:g}°",
                               labelOpts={"position": at, "color": c, "anchors": [(1, 0), (1, 0)]})
        plot.addItem(line)
        lines.append(line)
    return lines


def fit_range(usual: tuple[float, float], values: list[np.ndarray], margin: float) -> tuple[float, float]:
    """The usual y span, widened to take in every finite value (plus ``margin``): nothing is clipped."""
    lo, hi = usual
    for v in values:
        v = v[np.isfinite(v)]
        if v.size:
            lo, hi = min(lo, float(v.min()) - margin), max(hi, float(v.max()) + margin)
    return lo, hi


def _plot(layout: pg.GraphicsLayoutWidget, row: int) -> pg.PlotItem:
    p = layout.addPlot(row=row, col=0)
    p.setMenuEnabled(False)
    p.setMouseEnabled(x=False, y=False)
    p.hideButtons()
    p.getAxis("left").setWidth(44)
    name_above(p)
    return p


MIN_VIEW_PX = 36  # a plot's data area at least: its tick labels apart (at 26 px they overlapped)
LEGEND_ROW_PX = 22  # the strip above a plot's data area that holds its name and legend (one row of 8pt labels)


def name_above(plot: pg.PlotItem) -> pg.LabelItem:
    """The plot's name ("Thigh (°)") written across, at the left of a strip above its data area.
    As a rotated axis label it was longer than a plot is tall in a 700-px window ("Trunk and
    pelvis (°)" ran into the thigh plot) and touched the tick labels ("Thigh (°)100")."""
    plot.setTitle(" ")  # reserves the title row...
    plot.titleLabel.setMaximumHeight(LEGEND_ROW_PX)
    plot.layout.setRowFixedHeight(0, LEGEND_ROW_PX)  # ...at the height of one legend row
    label = pg.LabelItem("", color=theme.MUTED, size="8pt", justify="left")
    label.setParentItem(plot)
    label.anchor(itemPos=(0, 0), parentPos=(0, 0), offset=(2, 0))
    plot.name_label = label
    return label


def set_name(plot: pg.PlotItem, text: str) -> None:
    """Set the name in the strip above ``plot`` (see :func:`name_above`)."""
    if plot.name_label.text != text:
        plot.name_label.setText(text)


def legend_above(plot: pg.PlotItem) -> pg.LegendItem:
    """A one-row legend in the strip above the plot's data area, right-aligned (the name is at the
    left): inside the view box it covered the curves (the first seconds of the window). When the
    name and the legend do not fit side by side, the legend takes two rows and the strip grows
    (:func:`fit_strip`)."""
    legend = pg.LegendItem(labelTextColor=theme.MUTED, colCount=6, horSpacing=8, labelTextSize="8pt")
    legend.layout.setContentsMargins(0, 0, 0, 0)
    legend.setParentItem(plot)
    legend.anchor(itemPos=(1, 0), parentPos=(1, 0), offset=(-8, 0))
    plot.legend = legend  # curves plotted with a name= join it, as with addLegend()
    return legend


def fit_strip(plot: pg.PlotItem, legend: pg.LegendItem) -> None:
    """Lay the legend out in as few rows as fit beside the name over ``plot`` and make the strip
    that tall: in a 360-px-wide plot "Trunk and pelvis (°)" and the four angles' one-row legend
    were written over each other."""
    # sample, spacing, text, spacing: the legend's grid puts its spacing between the sample and
    # its text too (a one-row legend of three was 16 px wider than counted, the last spacing aside)
    spacing = legend.layout.horizontalSpacing()
    widths = [20 + spacing + label.boundingRect().width() + spacing for _, label in legend.items]
    # the legend ends 8 px before the plot's right edge (legend_above), the name starts a few px
    # in from its left: without that offset and a gap, at 1024 px in Dutch the one-row legend
    # began 2 px inside "Versnelling (g)"
    name = plot.name_label
    room = plot.width() - 8 - name.pos().x() - name.boundingRect().width() - 6
    cols = max(len(widths), 1)
    while cols > 1 and sum(max(widths[c::cols]) for c in range(cols)) - spacing > room:
        cols -= 1  # entries fill row by row: a column is as wide as its widest entry
    rows = max(1, -(-len(widths) // cols))
    if getattr(plot, "_strip", None) == (rows, cols):
        return
    plot._strip = (rows, cols)
    legend.setColumnCount(cols)
    plot.titleLabel.setMaximumHeight(LEGEND_ROW_PX * rows)
    plot.layout.setRowFixedHeight(0, LEGEND_ROW_PX * rows)


class LivePlots(pg.GraphicsLayoutWidget):
    """Trunk angles, thigh inclination, |acc| per sensor over the last ``window_s`` seconds."""

    def __init__(self, window_s: float = 30.0, parent=None) -> None:
        super().__init__(parent=parent)
        self.window_s = window_s
        self.ci.layout.setSpacing(4)
        self.trunk = _plot(self, 0)
        self.thigh = _plot(self, 1)
        self.acc = _plot(self, 2)
        for p in (self.thigh, self.acc):
            p.setXLink(self.trunk)
        self.trunk.setXRange(-window_s, 0, padding=0)
        self._ranges = {self.trunk: TRUNK_RANGE, self.thigh: THIGH_RANGE, self.acc: ACC_RANGE}
        for plot, (lo, hi) in self._ranges.items():
            plot.setYRange(lo, hi, padding=0)
        self.zone_lines = zone_lines(self.trunk)
        self.trunk_legend = legend_above(self.trunk)
        # top left of the data area (the legend strip is full with four angles), on a light
        # background: said while a forward direction is unknown (the angles are provisional)
        self.provisional_note = pg.TextItem("", color=theme.ALERT, fill=pg.mkBrush(255, 255, 255, 215), anchor=(0, 0))
        self.provisional_note.setParentItem(self.trunk.getViewBox())  # view box pixels, not data
        self.provisional_note.setPos(4, 2)
        self._provisional_keys: frozenset[str] = frozenset()
        self.curves: dict[str, pg.PlotDataItem] = {}
        for key, _label in ANGLE_LINES:
            style = Qt.DashLine if key == "pelvis_tilt_deg" else Qt.SolidLine
            self.curves[key] = self.trunk.plot(pen=pg.mkPen(theme.TRACE_COLOURS[key], width=1.5, style=style), antialias=False, skipFiniteCheck=True, name=key)
        self.curves["thigh_inclination_deg"] = self.thigh.plot(pen=pg.mkPen(theme.TRACE_COLOURS["thigh_inclination_deg"], width=1.5), antialias=False, skipFiniteCheck=True)
        self.acc_legend = legend_above(self.acc)
        self._acc_names: dict[str, str] = {}  # curve key -> placement name (legend, translated)
        self._seq = -1
        self.draws = 0
        self.retranslate()

    def retranslate(self) -> None:
        set_name(self.trunk, self._angle_axis_label())
        set_name(self.thigh, tr("Thigh (°)"))
        set_name(self.acc, tr("Acceleration (g)"))
        self.acc.setLabel("bottom", tr("seconds ago"))
        self.provisional_note.setText(tr("forward not known yet: walk a few steps (faded = a guess)")
                                      if self._provisional_keys else "")
        labels = {self.curves[k]: tr(label) for k, label in ANGLE_LINES}
        labels.update({self.curves[k]: word("placement", name) for k, name in self._acc_names.items()})
        for legend in (self.trunk_legend, self.acc_legend):
            for sample, text in legend.items:
                if sample.item in labels:
                    text.setText(labels[sample.item])

    def _angle_axis_label(self) -> str:
        """The upper plot's axis names the sensor worn: a waist-only setup draws the pelvis."""
        present = getattr(self, "_present", None) or set()
        trunk = any(k.startswith("trunk_") for k in present)
        if "pelvis_tilt_deg" in present and not trunk:
            return tr("Pelvis (°)")
        return tr("Trunk and pelvis (°)") if trunk and "pelvis_tilt_deg" in present else tr("Trunk (°)")

    def _legend_only_present(self, snap: LiveSnapshot) -> None:
        """The trunk legend lists only the angles this sensor set gives (no empty entries)."""
        present = {k for k, _ in ANGLE_LINES if k in snap.traces}
        if present == getattr(self, "_present", None):
            return
        self._present = present
        set_name(self.trunk, self._angle_axis_label())
        # a new legend, not removeItem/addItem on the old one: its grid keeps the emptied
        # columns, so re-added entries landed after or between the others (twist before flexion)
        old = self.trunk_legend
        old.clear()
        if old.scene() is not None:
            old.scene().removeItem(old)
        self.trunk_legend = legend_above(self.trunk)
        for key, label in ANGLE_LINES:
            if key in present:
                self.trunk_legend.addItem(self.curves[key], tr(label))

    def update_from(self, snap: LiveSnapshot) -> bool:
        """Redraw from a snapshot; False (and no work) when nothing changed."""
        if snap.seq == self._seq:
            return False
        self._seq = snap.seq
        now_s = snap.now_ns / 1e9
        max_points = max(200, 2 * int(self.trunk.getViewBox().width() or 600))

        def xy(trace):
            keep = trace.t_s >= now_s - self.window_s  # clip to the visible window
            return minmax_decimate(trace.t_s[keep] - now_s, trace.y[keep], max_points)

        shown: dict[pg.PlotItem, list[np.ndarray]] = {self.trunk: [], self.thigh: [], self.acc: []}
        for key, curve in self.curves.items():
            tr_ = snap.traces.get(key)
            if tr_ is not None:
                x, y = xy(tr_)
                curve.setData(x, y, skipFiniteCheck=True)
                shown[self.thigh if key == "thigh_inclination_deg" else self.acc if key.startswith(ACC_TRACE_PREFIX) else self.trunk].append(y)
            else:
                curve.setData([], [])
        self._legend_only_present(snap)
        self._mark_provisional(snap)
        self._show_only_present(trunk=bool(shown[self.trunk]), thigh=bool(shown[self.thigh]))
        for key, trace in sorted((k, v) for k, v in snap.traces.items() if k.startswith(ACC_TRACE_PREFIX)):
            if key in self.curves:
                continue  # drawn in the loop above
            # the next colour not yet used: sensors that start streaming at different times
            # (a position in the sorted keys gave two of them the same colour)
            colour = theme.SENSOR_COLOURS[len(self._acc_names) % len(theme.SENSOR_COLOURS)]
            sid = key[len(ACC_TRACE_PREFIX):]
            name = next((s.placement for s in snap.sensors if s.sensor_id == sid and s.placement), sid)
            self._acc_names[key] = name
            curve = self.curves[key] = self.acc.plot(pen=pg.mkPen(colour, width=1.0), antialias=False, skipFiniteCheck=True, name=word("placement", name))
            x, y = xy(trace)
            curve.setData(x, y, skipFiniteCheck=True)
            shown[self.acc].append(y)
        for plot, values in shown.items():  # scale to the data: a lying pelvis at 100° is not clipped
            lo, hi = fit_range(self._ranges[plot], values, 0.1 if plot is self.acc else 5.0)
            if (lo, hi) != getattr(plot, "_fitted", None):
                plot.setYRange(lo, hi, padding=0)
                plot._fitted = (lo, hi)
        for plot, legend in ((self.trunk, self.trunk_legend), (self.acc, self.acc_legend)):
            fit_strip(plot, legend)
        self._keep_data_height()
        self.draws += 1
        return True

    def _keep_data_height(self) -> None:
        """The widget's minimum height: its names, legends and axes plus MIN_VIEW_PX of data per
        plot shown. Without it the window's minimum height squeezed three plots to 26 px each, their
        tick labels ("100", "50", "0") written over each other; the window is now that much taller
        at least (under 700 px)."""
        shown = [p for p in (self.trunk, self.thigh, self.acc) if p in self.ci.items]
        self.ci.layout.activate()  # the grid lays out later: its heights lagged the widget's
        for plot in shown:
            plot.layout.activate()
        heights = [p.getViewBox().height() for p in shown]
        if not shown or self.height() <= 0 or min(heights) <= 0:
            return  # not laid out yet
        chrome = self.height() - sum(heights)  # independent of the widget's height
        least = int(math.ceil(chrome + MIN_VIEW_PX * len(shown)))
        if least != self.minimumHeight():
            self.setMinimumHeight(least)

    def _mark_provisional(self, snap: LiveSnapshot) -> None:
        """Angles that rest on a forward direction not known yet are faded and the strip above
        the plot says why: they are guesses, left out of the zones and lifts."""
        keys = frozenset(k for k, _ in ANGLE_LINES if k in snap.traces and set(ANGLE_FORWARD_FROM[k]) & set(snap.provisional))
        if keys == self._provisional_keys:
            return
        self._provisional_keys = keys
        for key, _label in ANGLE_LINES:
            self.curves[key].setOpacity(0.35 if key in keys else 1.0)
        self.retranslate()

    def _show_only_present(self, trunk: bool, thigh: bool) -> None:
        """A plot whose sensor is absent leaves the layout (no empty axes)."""
        want = {self.trunk: trunk, self.thigh: thigh}
        for row, plot in enumerate((self.trunk, self.thigh)):
            present = plot in self.ci.items
            if want[plot] and not present:
                self.ci.addItem(plot, row=row, col=0)
            elif not want[plot] and present:
                self.ci.removeItem(plot)
