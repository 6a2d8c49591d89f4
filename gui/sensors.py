"""The sensor panel: scan, connect/disconnect, placement per sensor, link figures, calibration."""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TR_NOOP, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from oefensense.core.types import Placement
from oefensense.live import LiveSnapshot
from oefensense.live.devices import FoundDevice

from . import i18n, theme
from .i18n import tr
from .words import word

COLUMNS = (QT_TR_NOOP("Sensor"), QT_TR_NOOP("Placement"), QT_TR_NOOP("Battery"), QT_TR_NOOP("Rate"), QT_TR_NOOP("Loss"),
           QT_TR_NOOP("Latency"), QT_TR_NOOP("Calibration"))
# Short header texts (the full names are the header tooltips).
SHORT = {"Battery": QT_TR_NOOP("Batt."), "Latency": QT_TR_NOOP("Lat."), "Calibration": QT_TR_NOOP("Cal."), "Placement": QT_TR_NOOP("Place")}
# Two lines per sensor, each table column heading the figure on both lines ("Sensor" over
# "Rate"): seven columns side by side needed ~430 px in Dutch, the panel gives the table ~280 px
# at 1024x700 and Loss, Latency and Calibration sat behind a horizontal scroll bar.
# CELLS: figure -> (line 0 or 1, table column); HEADERS: per column its (line 0, line 1) figure.
CELLS = {"Sensor": (0, 0), "Placement": (0, 1), "Battery": (0, 2), "Calibration": (0, 3),
         "Rate": (1, 0), "Loss": (1, 1), "Latency": (1, 2)}
HEADERS = (("Sensor", "Rate"), ("Placement", "Loss"), ("Battery", "Latency"), ("Calibration", None))


LOW_BATTERY_PCT = 20  # below this the battery figure is shown in the alert colour with a tooltip


def _fmt(value: float, unit: str, digits: int = 0) -> str:
    return "–" if value is None or not math.isfinite(value) else f"{i18n.num(value, digits)} {unit}"


class SensorPanel(QGroupBox):
    """Emits ``scanRequested``, ``connectRequested(list[(FoundDevice, Placement)])``,
    ``disconnectRequested`` and ``calibrateRequested``; shows a snapshot's sensor status."""

    scanRequested = Signal()
    connectRequested = Signal(list)
    disconnectRequested = Signal()
    calibrateRequested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.found: list[FoundDevice] = []
        self.table = QTableWidget(0, len(HEADERS))
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(False)  # alternate lines would split a sensor's two
        self.table.setSelectionMode(QTableWidget.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        # in a window narrower still the last columns scroll into view rather than being cut off unseen
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Fixed)
        self.table.setColumnWidth(0, 80)  # long names elide; the full name is the tooltip
        # the last column takes the table's spare width: an empty grey header block stood to its
        # right in every window wider than the columns' contents
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setTextElideMode(Qt.ElideRight)
        self.table.setStyleSheet("QTableWidget, QHeaderView::section { font-size: 9pt; }")
        self.scan_btn = QPushButton()
        self.connect_btn = QPushButton()
        self.connect_btn.setObjectName("primary")
        self.disconnect_btn = QPushButton()
        self.calibrate_btn = QPushButton()
        self.scan_btn.clicked.connect(self.scanRequested)
        self.connect_btn.clicked.connect(self._connect_clicked)  # a method: a lambda kept the panel alive
        self.disconnect_btn.clicked.connect(self.disconnectRequested)
        self.calibrate_btn.clicked.connect(self.calibrateRequested)
        for b in (self.scan_btn, self.connect_btn, self.disconnect_btn, self.calibrate_btn):
            b.setStyleSheet("padding: 4px 6px;")
        buttons = QHBoxLayout()
        for b in (self.scan_btn, self.connect_btn, self.disconnect_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.calibrate_btn)
        # Calibrate moves to a row of its own when the four buttons do not fit side by side (a
        # narrow window, Dutch words): the column is narrowed to its share and they were cut off
        self.second_row = QHBoxLayout()
        self.second_row.addStretch(1)
        self._buttons = buttons
        lay = QVBoxLayout(self)
        lay.addLayout(buttons)
        lay.addLayout(self.second_row)
        lay.addWidget(self.table)
        self.set_connected(False)
        self.retranslate()

    def _connect_clicked(self) -> None:
        self.connectRequested.emit(self.selection())

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place_calibrate()

    def _place_calibrate(self) -> None:
        """Calibrate beside the other buttons when all four fit the panel's width, else below."""
        spacing = self._buttons.spacing()
        need = sum(b.sizeHint().width() + spacing for b in (self.scan_btn, self.connect_btn, self.disconnect_btn, self.calibrate_btn))
        m = self.contentsMargins()
        fits = need <= self.width() - m.left() - m.right() - 12
        if fits and self._buttons.indexOf(self.calibrate_btn) < 0:
            self.second_row.removeWidget(self.calibrate_btn)
            self._buttons.addWidget(self.calibrate_btn)
        elif not fits and self.second_row.indexOf(self.calibrate_btn) < 0:
            self._buttons.removeWidget(self.calibrate_btn)
            self.second_row.addWidget(self.calibrate_btn)

    def retranslate(self) -> None:
        self.setTitle(tr("Sensors"))
        self.scan_btn.setText(tr("Scan"))
        self.connect_btn.setText(tr("Connect"))
        self.disconnect_btn.setText(tr("Disconnect"))
        self.calibrate_btn.setText(tr("Calibrate…"))
        self._place_calibrate()  # the words' widths changed
        self.table.setHorizontalHeaderLabels(["\n".join(tr(SHORT.get(c, c)) for c in pair if c) for pair in HEADERS])
        for i, pair in enumerate(HEADERS):
            self.table.horizontalHeaderItem(i).setToolTip(" / ".join(tr(c) for c in pair if c))
        for index in range(len(self.found)):
            combo = self.combo(index)
            if isinstance(combo, QComboBox):
                for i in range(combo.count()):
                    combo.setItemText(i, word("placement", combo.itemData(i)))

    _connected = False

    def set_connected(self, connected: bool) -> None:
        self._connected = connected
        # the rows are matched to the session's sensors by placement: changed while connected,
        # a row showed another sensor's figures (or none)
        for index in range(len(self.found)):
            combo = self.combo(index)
            if isinstance(combo, QComboBox):
                combo.setEnabled(not connected)
        self.connect_btn.setEnabled(not connected and bool(self.found))
        self.disconnect_btn.setEnabled(connected)
        self.scan_btn.setEnabled(not connected)
        self.calibrate_btn.setEnabled(connected)

    def cell(self, index: int, figure: str) -> QTableWidgetItem | None:
        """The item showing ``figure`` (a name of :data:`COLUMNS`) of the ``index``-th sensor."""
        line, col = CELLS[figure]
        return self.table.item(2 * index + line, col)

    def combo(self, index: int) -> QComboBox | None:
        """The ``index``-th sensor's placement chooser."""
        line, col = CELLS["Placement"]
        widget = self.table.cellWidget(2 * index + line, col)
        return widget if isinstance(widget, QComboBox) else None

    def set_found(self, devices: list[FoundDevice]) -> None:
        """Fill the table with scanned devices (two lines each), each with a placement chooser."""
        self.found = list(devices)
        self.table.clearSpans()
        self.table.setRowCount(2 * len(devices))
        for index, dev in enumerate(devices):
            for figure, (line, col) in CELLS.items():
                if figure != "Placement":
                    self.table.setItem(2 * index + line, col, QTableWidgetItem("–"))
            self.table.setItem(2 * index + 1, 3, QTableWidgetItem(""))
            name = self.cell(index, "Sensor")
            name.setText(dev.name)
            name.setToolTip(f"{dev.name} ({dev.family}, {dev.address})")
            combo = QComboBox()
            combo.setFixedWidth(108)
            for p in Placement:
                combo.addItem(word("placement", p.value), p.value)
            combo.setCurrentIndex([p for p in Placement].index(dev.placement))
            line, col = CELLS["Placement"]
            self.table.setCellWidget(2 * index + line, col, combo)
        # every sensor's lines in view (up to four sensors): in a 700-px window the third was cut
        # off under a half-empty session box
        self.table.resizeRowsToContents()
        for index in range(len(devices)):  # the figures' line needs no room for a chooser
            self.table.setRowHeight(2 * index, self.combo(index).sizeHint().height())
            self.table.setRowHeight(2 * index + 1, self.table.fontMetrics().height() + 2)
        rows = sum(self.table.rowHeight(r) for r in range(min(8, 2 * len(devices))))
        self.table.setMinimumHeight(self.table.horizontalHeader().sizeHint().height() + rows + 2 * self.table.frameWidth())
        self.set_connected(False)

    def selection(self) -> list[tuple[FoundDevice, Placement]]:
        out = []
        for index, dev in enumerate(self.found):
            combo = self.combo(index)
            out.append((dev, Placement(combo.currentData()) if combo else dev.placement))
        return out

    calibrated: set = set()  # sensor ids with a calibration profile from the wizard

    def update_from(self, snap: LiveSnapshot) -> None:
        """Link figures per sensor; rows are matched by placement (the session's sensor id)."""
        by_id = {s.sensor_id: s for s in snap.sensors}
        for index, (dev, placement) in enumerate(self.selection()):
            st = by_id.get(placement.value) or next((s for s in snap.sensors if s.placement == placement.value), None)
            if st is None:
                continue
            cal_ok = st.calibrated or st.sensor_id in self.calibrated
            status = tr("calibrated") if cal_ok else (tr("not calibrated") if st.connected else tr("disconnected"))
            low = math.isfinite(st.battery_pct) and st.battery_pct < LOW_BATTERY_PCT
            # a sensor that dropped out says so where its rate was: its last figures were shown
            # on as if it still streamed (rate 201 Hz, loss 0,0 % during a 15-s dropout)
            values = (
                ("Battery", _fmt(st.battery_pct, "%"), theme.ALERT if low else None,
                 tr("Battery low: charge the sensor or swap it") if low else ""),
                ("Rate", _fmt(st.rate_hz, "Hz") if st.receiving else tr("lost"), None if st.receiving else theme.RECORD,
                 "" if st.receiving else tr("No samples from this sensor now: out of range, switched off or reconnecting")),
                ("Loss", _fmt(st.loss_pct, "%", 1), None, ""),
                # below zero would be shown as measured, not as "–" (no figure); since 4 Dec 2026
                # the delay is taken from device and arrival times (Timebase.delay_ns), not the
                # clock map, and is not below zero (it read -211 ms at --speed 5 while the map settled)
                ("Latency", _fmt(st.latency_ms if st.receiving else float("nan"), "ms"), None,
                 tr("Below zero: samples are dated after they arrived while the sensor's clock is "
                    "still being matched to this computer's") if st.receiving and st.latency_ms < 0 else ""),
                ("Calibration", "✓" if cal_ok else ("–" if st.connected else "✗"), None, status),
            )
            for figure, text, colour, tip in values:
                item = self.cell(index, figure)
                if item is None:
                    continue
                if item.text() != text:
                    item.setText(text)
                if item.toolTip() != tip:
                    item.setToolTip(tip)
                brush = QBrush(QColor(colour)) if colour else QBrush()
                if item.foreground() != brush:
                    item.setForeground(brush)
