"""The therapist view: sensors, session and markers | live plots and timeline | sitting, lifts, summary."""

from __future__ import annotations

import html
import math
import re

from PySide6.QtCore import QT_TR_NOOP, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSlider,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oefensense.live import LiveSnapshot
from oefensense.live.viewmodel import format_clock, format_duration, round_seconds

from .i18n import current_language, tr
from .overview import SessionOverview
from .plots import LivePlots
from .sensors import SensorPanel
from .timeline import PostureTimeline
from .words import RATINGS, TECHNIQUES, word

ASSESSMENTS = ("free", "sit_to_stand", "lifting", "bending", "workplace")
SEVERITY_COLOURS = {"warning": "#B91C1C", "notice": "#B45309"}  # info: the default text colour
ZONES = (QT_TR_NOOP("neutral (<20°)"), QT_TR_NOOP("moderate (20–60°)"), QT_TR_NOOP("severe (>60°)"))
SPEED_LABELS = (("1×", 1.0), ("10×", 10.0), ("max", float("inf")))
# (least, most, stretch) px of the side columns; the plots between them take the rest, at least
# CENTRE_MIN_WIDTH: a 1366-px window gives ~480 | 575 | 290, a 1024-px one ~330 | 385 | 285.
# The right column's 285: a lift's time, "undetermined" ("onbepaald"), peak and "not rated"
# ("niet beoordeeld") side by side, each word whole (at 270 one of them was cut).
SIDE_WIDTHS = {"left": (330, 500, 5), "right": (285, 300, 3)}
CENTRE_MIN_WIDTH = 360
ITEM_MARGINS = 10  # px beside a lift cell's text: its padding (2 x 2, the style sheet) and the style's text margins (2 x 3)
CENTRE_STRETCH = 6
SLIDER_MIN_WIDTH = 120  # the scrub slider keeps this much whatever the window's width


def _rows(pairs) -> str:
    """A two-column rich-text table (name left, value right) for the summary."""
    body = "".join(f"<tr><td>{html.escape(a)}</td><td align='right' style='padding-left:10px'>{html.escape(b)}</td></tr>" for a, b in pairs)
    return f"<table cellspacing='0' cellpadding='0'>{body}</table>" if body else "–"


def _set(label: QLabel, text: str) -> None:
    if label.text() != text:  # avoid relayouts when nothing changed
        label.setText(text)


def _clock(t_ns: int, start_ns: int | None) -> str:
    return format_clock((t_ns - (start_ns or 0)) / 1e9)


class ReplayBar(QWidget):
    """Play/pause, speed 1x/10x/max and a scrub slider (0…1000 = session fraction)."""

    playToggled = Signal(bool)
    speedChanged = Signal(float)
    seekRequested = Signal(float)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.play_btn = QPushButton()
        self.play_btn.setCheckable(True)
        # methods, not lambdas, throughout the dashboard: a lambda capturing the widget, held by its
        # own child's connection, keeps it alive (unseen by the garbage collector) until PySide's
        # exit cleanup; a bound method is held weakly (tests/gui/test_widget_lifetime.py)
        self.play_btn.toggled.connect(self.playToggled)
        self.play_btn.toggled.connect(self._play_toggled)
        self.speed = QComboBox()
        for label, value in SPEED_LABELS:
            self.speed.addItem(label, value)
        self.speed.currentIndexChanged.connect(self._speed_chosen)
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setRange(0, 1000)
        self.slider.setMinimumWidth(SLIDER_MIN_WIDTH)  # it shrank to nothing in a narrow window
        self.slider.sliderMoved.connect(self._slider_moved)
        self.position = QLabel("0:00")
        self.position.setObjectName("muted")
        # The session reader's warnings (crash recovery, data lost in storage): never hidden.
        self.warning = QLabel()
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        self.warning.hide()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        lay = QHBoxLayout()
        for w in (self.play_btn, self.speed):
            lay.addWidget(w)
        lay.addWidget(self.slider, 1)
        lay.addWidget(self.position)
        outer.addLayout(lay)
        outer.addWidget(self.warning)
        self.retranslate()

    def _play_toggled(self, _playing: bool) -> None:
        self.retranslate()  # "Play" <-> "Pause"

    def _speed_chosen(self, index: int) -> None:
        self.speedChanged.emit(float(self.speed.itemData(index)))

    def _slider_moved(self, value: int) -> None:
        self.seekRequested.emit(value / 1000.0)  # the slider's 0…1000 as a session fraction

    def show_warnings(self, warnings: list[str]) -> None:
        """One line per warning under the controls; hidden when there are none."""
        self.warning.setText("\n".join("⚠ " + w for w in warnings))
        self.warning.setVisible(bool(warnings))

    def retranslate(self) -> None:
        self.play_btn.setText(tr("Pause") if self.play_btn.isChecked() else tr("Play"))
        self.speed.setItemText(2, tr("max"))

    def show_position(self, fraction: float, text: str) -> None:
        if not self.slider.isSliderDown():
            self.slider.blockSignals(True)
            self.slider.setValue(int(round(fraction * 1000)))
            self.slider.blockSignals(False)
        self.position.setText(text)


class TherapistView(QWidget):
    """Everything the therapist sees; emits requests, draws snapshots, holds no engine logic."""

    recordToggled = Signal(bool)
    markerRequested = Signal(str)

    def __init__(self, window_s: float = 30.0, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("therapist")
        # left column: sensors, session, markers
        self.sensors = SensorPanel()
        self.session_box = QGroupBox()
        self.patient_code = QLineEdit()
        self.patient_code.setMaxLength(32)
        self.assessment = QComboBox()
        for a in ASSESSMENTS:
            self.assessment.addItem(a, a)
        self.record_btn = QPushButton()
        self.record_btn.setObjectName("record")
        self.record_btn.setCheckable(True)
        self.record_btn.toggled.connect(self._record_toggled)
        self.marker_note = QLineEdit()
        self.marker_btn = QPushButton()
        self.marker_btn.clicked.connect(self._marker)
        self.marker_note.returnPressed.connect(self._marker)
        self.markers = QListWidget()
        self.markers.setMinimumHeight(30)  # a row or two; in a short window the sensor rows come first
        self.markers.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Ignored)
        self.record_status = QLabel()
        self.record_status.setObjectName("muted")
        self.record_status.setWordWrap(True)
        form = QFormLayout(self.session_box)
        self._code_label, self._assess_label, self._marker_label = QLabel(), QLabel(), QLabel()
        form.addRow(self._code_label, self.patient_code)
        form.addRow(self._assess_label, self.assessment)
        form.addRow(self.record_btn)
        form.addRow(self.record_status)
        # the note has the field column to itself and the button its own row: beside the button
        # (161 px in Dutch) the note field shrank to 30 px ("N…") in a 1024-px window
        form.addRow(self._marker_label, self.marker_note)
        form.addRow(self.marker_btn)
        form.addRow(self.markers)
        # an empty status and an empty markers list take no row: at 700 px their ~70 px went from
        # the events list, which showed about two wrapped lines
        self._form = form
        form.setRowVisible(self.record_status, False)
        form.setRowVisible(self.markers, False)
        set_status = self.record_status.setText

        def status_text(text: str) -> None:
            set_status(text)
            form.setRowVisible(self.record_status, bool(text))

        self.record_status.setText = status_text  # app.py sets it as a label's text
        # every event the analysis raised, as its declaration (oefensense.core.events) words it
        self.events_box = QGroupBox()
        self.events = QListWidget()
        self.events.setWordWrap(True)
        # a 700-px-tall window: the sensors' two lines each come first; the list scrolls
        self.events.setMinimumHeight(48)
        self.events.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Ignored)
        QVBoxLayout(self.events_box).addWidget(self.events)
        left = QVBoxLayout()
        # a 700-px-tall window: the sensor rows before the (mostly empty) markers list
        # the session form at its own height (its markers list a row or two): the events list takes
        # the rest with the sensors; sharing 2:2 left it ~2 wrapped lines at 700 px, under a gap
        left.addWidget(self.sensors, 3)
        left.addWidget(self.session_box, 0)
        left.addWidget(self.events_box, 3)
        # centre: plots, timeline, replay bar
        self.plots = LivePlots(window_s)
        self.overview = SessionOverview(window_s)
        self.overview_box = QGroupBox()
        QVBoxLayout(self.overview_box).addWidget(self.overview)
        self.timeline = PostureTimeline()
        self.timeline_box = QGroupBox()
        QVBoxLayout(self.timeline_box).addWidget(self.timeline)
        self.replay_bar = ReplayBar()
        self.replay_bar.hide()
        centre = QVBoxLayout()
        centre.addWidget(self.replay_bar)
        centre.addWidget(self.plots, 3)  # the live plots before the overview when the window is short
        centre.addWidget(self.overview_box, 1)
        centre.addWidget(self.timeline_box)
        # right: sitting, lifts, summary
        self.sitting_box = QGroupBox()
        self.sitting_clock = QLabel("0:00")
        self.sitting_clock.setObjectName("big")
        self.sitting_caption = QLabel()
        self.sitting_caption.setObjectName("muted")
        self.bouts_label = QLabel()
        sl = QVBoxLayout(self.sitting_box)
        for w in (self.sitting_caption, self.sitting_clock, self.bouts_label):
            sl.addWidget(w)
        self.lifts_box = QGroupBox()
        self.lifts = QTableWidget(0, 4)
        self.lifts.verticalHeader().setVisible(False)
        self.lifts.setAlternatingRowColors(True)
        self.lifts.setStyleSheet("QTableWidget, QHeaderView::section { font-size: 9pt; } QTableWidget::item { padding: 0 2px; }"
                                 " QHeaderView::section { padding: 0 2px; }")  # as the sensor table; headers as tight as cells
        self.lifts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        # the technique as wide as its longest word, the rating takes what is left (a header may
        # elide, a value not): stretched alone the technique shrank to "s…", sharing the rest
        # with the rating to "geme…" (Dutch, 1024-px window)
        self.lifts.horizontalHeader().setSectionResizeMode(1, QHeaderView.Fixed)  # set in _fit_technique
        self.lifts.horizontalHeader().setSectionResizeMode(3, QHeaderView.Stretch)
        self.lifts.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)  # "Techn…", not "chniqu"
        self.no_lifts = QLabel()  # an empty table said nothing: was the detector off, or no lift made?
        self.no_lifts.setObjectName("muted")
        self.no_lifts.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        lifts_layout = QVBoxLayout(self.lifts_box)
        lifts_layout.addWidget(self.no_lifts)
        lifts_layout.addWidget(self.lifts)
        self.lifts.hide()
        self.lifts.viewport().installEventFilter(self)  # the technique column's share follows the table's width
        self.summary_box = QGroupBox()
        self.summary_grid = QGridLayout(self.summary_box)
        self.summary_labels: dict[str, QLabel] = {}
        self.posture_summary = QLabel()
        self.lift_summary = QLabel()
        self.zone_summary = QLabel()
        self.elapsed = QLabel()
        self._sum_heads = [QLabel() for _ in range(4)]
        for i, (head, val) in enumerate(zip(self._sum_heads, (self.elapsed, self.posture_summary, self.lift_summary, self.zone_summary))):
            head.setObjectName("muted")
            self.summary_grid.addWidget(head, 2 * i, 0)
            self.summary_grid.addWidget(val, 2 * i + 1, 0)
        self.summary_grid.setVerticalSpacing(2)
        right = QVBoxLayout()
        right.addWidget(self.sitting_box)
        right.addWidget(self.lifts_box, 1)
        right.addWidget(self.summary_box)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(6)
        lw, cw, rw = QWidget(), QWidget(), QWidget()
        lw.setLayout(left)
        cw.setLayout(centre)
        rw.setLayout(right)
        # The side columns share the width with the plots and shrink down to a 1000-px window
        # (half a 1920 screen, a 1024 laptop): fixed at 500 + 300 px they made the window at
        # least 1060 px wide and left the plots ~180 px.
        for w, (least, most, stretch) in ((lw, SIDE_WIDTHS["left"]), (rw, SIDE_WIDTHS["right"])):
            w.setMinimumWidth(least)
            w.setMaximumWidth(most)
            w.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        cw.setMinimumWidth(CENTRE_MIN_WIDTH)
        cw.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        lay.addWidget(lw, SIDE_WIDTHS["left"][2])
        lay.addWidget(cw, CENTRE_STRETCH)
        lay.addWidget(rw, SIDE_WIDTHS["right"][2])
        self._snap: LiveSnapshot | None = None
        self._prompt_style = False
        self._lift_rows = -1
        self._marker_rows = -1
        self._event_rows: object = -1
        self.retranslate()

    # ----------------------------------------------------------------- texts
    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.sensors.retranslate()
        self.plots.retranslate()
        self.overview.retranslate()
        self.overview_box.setTitle(self._overview_title())
        self.replay_bar.retranslate()
        self.session_box.setTitle(tr("Session"))
        self._code_label.setText(tr("Patient code"))
        self._assess_label.setText(tr("Assessment"))
        self._marker_label.setText(tr("Markers"))
        for i in range(self.assessment.count()):
            self.assessment.setItemText(i, word("assessment", self.assessment.itemData(i)))
        self.record_btn.setText(tr("Stop recording") if self.record_btn.isChecked() else tr("Record"))
        self.marker_note.setPlaceholderText(tr("Marker note"))
        self.marker_btn.setText(tr("Add marker"))
        self.timeline_box.setTitle(tr("Posture timeline"))
        self.sitting_box.setTitle(tr("Sitting"))
        self.sitting_caption.setText(tr("Sitting since last break"))
        self.lifts_box.setTitle(tr("Lifts"))
        self.no_lifts.setText(tr("No lifts yet"))
        self.events_box.setTitle(tr("Events"))
        self.lifts.setHorizontalHeaderLabels([tr("Time"), tr("Technique"), tr("Peak"), tr("Rating")])
        self.summary_box.setTitle(tr("Summary"))
        for head, text in zip(self._sum_heads, (tr("Elapsed"), tr("Time per posture"), tr("Lifts by technique"), self._zones_title())):
            head.setText(text)
        self._fit_technique()
        self._lift_rows = self._marker_rows = self._event_rows = -1  # force list texts to be rebuilt
        if self._snap is not None:
            self.update_from(self._snap)

    def _overview_title(self) -> str:
        return tr("Whole session") + " · " + self.overview.angle_name()

    def _zones_title(self) -> str:
        """The zones are the exposure stage's, from the trunk sensor else the pelvis (as the
        whole-session plot): the title names the one used, so a waist-only setup does not say "trunk"."""
        return tr("Pelvis zones") if self.overview.is_pelvis else tr("Trunk zones")

    # ----------------------------------------------------------------- actions
    def _record_toggled(self, on: bool) -> None:
        self.record_btn.setText(tr("Stop recording") if on else tr("Record"))
        self.patient_code.setEnabled(not on)
        self.assessment.setEnabled(not on)
        self.recordToggled.emit(on)

    def _marker(self) -> None:
        note = self.marker_note.text().strip()
        self.markerRequested.emit(note)
        self.marker_note.clear()

    # ----------------------------------------------------------------- drawing
    def update_from(self, snap: LiveSnapshot) -> None:
        self._snap = snap
        self.plots.update_from(snap)
        self.overview.update_from(snap)
        _set(self._sum_heads[3], self._zones_title())
        if self.overview_box.title() != self._overview_title():
            self.overview_box.setTitle(self._overview_title())
        self.timeline.update_from(snap)
        self.sensors.update_from(snap)
        _set(self.sitting_clock, format_clock(snap.sitting_s))
        if snap.prompt != self._prompt_style:  # restyling costs a relayout: only on change
            self.sitting_clock.setStyleSheet("color: #B45309;" if snap.prompt else "")
            self._prompt_style = snap.prompt
        if snap.bouts:
            longest = max(b.duration_s for b in snap.bouts)
            # a total, rounded as the summary's time per posture is (a 47.5-s bout read "longest
            # 0:47" above "sitting 0:48"; analyze says 47.5 s)
            self.bouts_label.setText(tr("Bouts: %1 · longest %2").replace("%1", str(len(snap.bouts))).replace("%2", format_duration(longest)))
        else:
            self.bouts_label.setText(tr("Bouts: %1 · longest %2").replace("%1", "0").replace("%2", "–"))
        if len(snap.lifts) != self._lift_rows:
            self._fill_lifts(snap)
        if len(snap.markers) != self._marker_rows:
            self.markers.clear()
            for m in snap.markers:
                self.markers.addItem(f"{_clock(m.t_ns, snap.start_ns)}  {m.note}")
            self.markers.scrollToBottom()
            self._marker_rows = len(snap.markers)
            self._form.setRowVisible(self.markers, bool(snap.markers))
        if (len(snap.events), snap.events[-1] if snap.events else None) != self._event_rows:  # the list is capped
            self._fill_events(snap)
        s = snap.summary
        _set(self.elapsed, format_clock(snap.elapsed_s))
        _set(self.posture_summary, _rows((word("posture", k), format_duration(v)) for k, v in sorted(s.posture_s.items(), key=lambda kv: -kv[1])
                                          if round_seconds(v) > 0))  # listed only when it shows a second
        _set(self.lift_summary, _rows((word("technique", k), str(v)) for k, v in sorted(s.lifts_by_technique.items())))
        _set(self.zone_summary, _rows((tr(z), format_duration(v)) for z, v in zip(ZONES, s.zone_s)))  # "–" without a trunk sensor

    def _fill_events(self, snap: LiveSnapshot) -> None:
        from PySide6.QtGui import QColor

        lang = current_language()
        self.events.clear()
        for ev in sorted(snap.events, key=lambda e: (e.t_ns, e.end_ns)):  # in order of arrival: by time
            about = f"{word('placement', ev.placement)}: " if ev.placement else ""  # which sensor a gap is of
            item = QListWidgetItem(f"{_clock(ev.t_ns, snap.start_ns)}  {about}{ev.text(lang)}")
            if ev.severity in SEVERITY_COLOURS:
                item.setForeground(QColor(SEVERITY_COLOURS[ev.severity]))
            self.events.addItem(item)
        # lay the wrapped rows out first: scrolled before, the bottom was computed from unwrapped
        # heights and the newest events stayed below the visible part
        self.events.doItemsLayout()
        self.events.scrollToBottom()
        self._event_rows = (len(snap.events), snap.events[-1] if snap.events else None)

    def _fit_technique(self) -> None:
        """Each technique's and rating's longest single word in this language (px, with the
        item's margins): "half hurkend" wraps onto two lines, leaving the rating its room."""
        self.lifts.ensurePolished()
        fm = self.lifts.fontMetrics()
        # a line may break after a hyphen too: "semi-squat" as one word made the English column
        # so wide that "Rating" read "ati…" and its values "g…", "p…" at 1024 px. The columns fit
        # the words listed: "undetermined" (97 px) as every table's floor cut "good" to "g…" again
        def longest(text: str) -> int:
            return max(fm.horizontalAdvance(w) for w in re.sub(r"-(?=\w)", "- ", text).split()) + ITEM_MARGINS

        self._technique_word_w = {word("technique", t): longest(word("technique", t)) for t in TECHNIQUES}
        # a whole technique on one line when there is room ("gebogen / knieën" took two lines at 1440 px)
        self._technique_whole_w = {word("technique", t): fm.horizontalAdvance(word("technique", t)) + ITEM_MARGINS
                                   for t in TECHNIQUES}
        self._rating_word_w = {word("rating", r): longest(word("rating", r)) for r in RATINGS}
        head = self.lifts.horizontalHeader()
        heads = [self.lifts.horizontalHeaderItem(c).text() if self.lifts.horizontalHeaderItem(c) else "" for c in (1, 3)]
        self._technique_w = (max(self._technique_word_w.values()), head.fontMetrics().horizontalAdvance(heads[0]) + 12,
                             head.fontMetrics().horizontalAdvance(heads[1]) + 12)  # a header's margins
        self._share_lifts_width()

    def _share_lifts_width(self) -> None:
        """The technique column: its header's width when the rating keeps its own, else the
        longest word of the techniques listed (the header elides): at 1440 px "Technique" had the
        room, at 1024 not. The rating keeps its width first: a word longer than the room left
        ("undetermined" in a 1024-px window) breaks onto the next line rather than cutting the
        rating to "g…"."""
        values_w, header_w, rating_head_w = getattr(self, "_technique_w", (0, 0, 0))
        if not values_w:
            return

        def listed(column: int, widths: dict[str, int]) -> int:
            texts = {self.lifts.item(r, column).text() for r in range(self.lifts.rowCount()) if self.lifts.item(r, column)}
            return max((w for t, w in widths.items() if t in texts), default=max(widths.values()))

        technique_w, rating_w = listed(1, self._technique_word_w), listed(3, self._rating_word_w)
        whole_w = listed(1, self._technique_whole_w)
        room = self.lifts.viewport().width() - self.lifts.columnWidth(0) - self.lifts.columnWidth(2)
        if room - whole_w - max(rating_w, rating_head_w) >= 0:
            # each technique listed on one line, with the room the rating does not need: at exactly
            # its width the row was sized for one line and the text painted elided ("gebogen …")
            technique_w = room - max(rating_w, rating_head_w)
        elif room - technique_w - rating_w >= 0:  # the header's width as far as the rating keeps its own
            technique_w = max(technique_w, min(header_w, room - max(rating_w, rating_head_w)))
        else:  # the rating first: a technique's long word breaks onto the next line
            technique_w = max(24, room - rating_w)
        self.lifts.setColumnWidth(1, technique_w)  # the rating column stretches over the rest
        self.lifts.resizeRowsToContents()  # at the new width a technique wraps, never elides ("gebogen …")

    def release(self) -> None:
        """Remove the event filters this view installed (call before it is destroyed): a filter is
        a Python override Qt would otherwise call while the widget tree is torn down."""
        self.lifts.viewport().removeEventFilter(self)

    def eventFilter(self, watched: object, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.lifts.viewport() and event.type() == QEvent.Type.Resize:
            self._share_lifts_width()
        return super().eventFilter(watched, event)

    def _fill_lifts(self, snap: LiveSnapshot) -> None:
        rows = list(reversed(snap.lifts))  # newest first
        self.lifts.setRowCount(len(rows))
        colours = {"good": "#047857", "fair": "#B45309", "poor": "#B91C1C", "not_rated": "#6B7280"}
        for r, lift in enumerate(rows):
            peak = "–" if lift.peak_flexion_deg is None or not math.isfinite(lift.peak_flexion_deg) else f"{lift.peak_flexion_deg:.0f}°"
            cells = (_clock(lift.t_ns, snap.start_ns), word("technique", lift.technique), peak, word("rating", lift.rating))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 3:
                    item.setForeground(Qt.GlobalColor.black)
                    from PySide6.QtGui import QColor

                    item.setForeground(QColor(colours.get(lift.rating, "#1F2933")))
                self.lifts.setItem(r, c, item)
        self._share_lifts_width()  # the time and peak columns fit their new contents
        self.lifts.resizeRowsToContents()  # a wrapped technique takes two lines
        self._lift_rows = len(snap.lifts)
        self.lifts.setVisible(bool(rows))
        self.no_lifts.setVisible(not rows)
