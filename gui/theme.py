"""A calm clinical look: light neutral background, one teal accent, colour-blind-safe traces."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

BACKGROUND = "#F6F7F9"
SURFACE = "#FFFFFF"
TEXT = "#1F2933"
MUTED = "#6B7280"
ACCENT = "#0F766E"
BORDER = "#D9DEE5"
ALERT = "#B45309"
RECORD = "#B91C1C"

TRACE_COLOURS = {
    "trunk_flexion_deg": "#0072B2",
    "trunk_lateral_deg": "#E69F00",
    "trunk_twist_deg": "#CC79A7",
    "thigh_inclination_deg": "#009E73",
    "pelvis_tilt_deg": "#56B4E9",
}
SENSOR_COLOURS = ("#0072B2", "#009E73", "#D55E00", "#CC79A7", "#E69F00", "#56B4E9")

STYLE = f"""
QWidget {{ color: {TEXT}; font-size: 10pt; }}
QMainWindow, QDialog, QWidget#therapist, QWidget#patient {{ background: {BACKGROUND}; }}
QGroupBox {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px;
            margin-top: 14px; padding: 8px 6px 6px 6px; font-weight: 600; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; color: {MUTED}; }}
QPushButton {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 4px; padding: 4px 10px; }}
QPushButton:hover {{ border-color: {ACCENT}; }}
QPushButton:disabled {{ color: #A0A7B1; }}
QPushButton#primary {{ background: {ACCENT}; color: white; border-color: {ACCENT}; }}
QPushButton#primary:disabled {{ background: #A7CFCB; border-color: #A7CFCB; color: #F1F5F4; }}
QPushButton#record:checked {{ background: {RECORD}; color: white; border-color: {RECORD}; }}
QTableWidget, QListWidget {{ background: {SURFACE}; border: none; gridline-color: #EEF0F3;
            alternate-background-color: #FAFBFC; }}
QHeaderView::section {{ background: {SURFACE}; border: none; border-bottom: 1px solid {BORDER};
            color: {MUTED}; padding: 3px; font-weight: 600; }}
QLabel#big {{ font-size: 22pt; font-weight: 600; }}
QLabel#muted {{ color: {MUTED}; }}
QLabel#warning {{ color: {ALERT}; font-weight: 600; }}
QStatusBar {{ color: {MUTED}; }}
"""


def apply(app: QApplication) -> None:
    """Set the palette, style sheet and pyqtgraph defaults once per application."""
    app.setStyle("Fusion")
    pal = app.palette()
    pal.setColor(QPalette.Window, QColor(BACKGROUND))
    pal.setColor(QPalette.Base, QColor(SURFACE))
    pal.setColor(QPalette.Text, QColor(TEXT))
    pal.setColor(QPalette.WindowText, QColor(TEXT))
    pal.setColor(QPalette.Highlight, QColor(ACCENT))
    app.setPalette(pal)
    font = QFont(app.font())
    font.setPointSizeF(10)
    app.setFont(font)
    app.setStyleSheet(STYLE)
    pg.setConfigOptions(background=SURFACE, foreground=MUTED, antialias=True)
