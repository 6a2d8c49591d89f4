"""Plausibility checks of an imported CSV: time order, impossible values, units against physics.

A file is refused (``CsvImportError``, one line naming the likely cause) when its content cannot
be what its columns say: time that runs backwards beyond a small window, time beyond what a
recording can span, a sampling rate that only fits another time unit, an accelerometer that does
not read about 1 g at rest, a gyroscope that turns 57 times faster (or slower) than the
accelerometer tilts. Rows that cannot be used (NaN/inf, values beyond any sensor's range,
repeated timestamps) are dropped and counted, small reorders are sorted and counted, and every
hole left by dropped rows becomes a flagged ``gap`` event: never a silent change.

Built for blocks: values are checked row by row and units are judged on the first rows
(:data:`UNIT_PROBE_ROWS`); :mod:`oefensense.io.csv_stream` applies them block by block, following
time order within a window of ``reorder_window_s`` behind the newest row and holes across blocks.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from numba import njit

from ..core.types import NS_PER_S, STANDARD_GRAVITY_MS2, Event
from ..core.vec import row_norm

from . import worded as w
from .worded import Number, Phrase, WordedFileError

UNIT_PROBE_ROWS = 200_000  # units are judged on the first rows (a streaming reader has those first)


class CsvImportError(WordedFileError):
    """A file cannot be imported; the message says what to change (in the CLI's language through
    :meth:`~.worded.WordedFileError.text`)."""


@dataclass(frozen=True)
class CsvCheckSettings:
    """Limits of the plausibility checks (seconds, g, deg/s).

    ``reorder_window_s``: a row earlier than the newest row by at most this is sorted into place
    (counted); further back is refused. ``max_acc_g`` / ``max_gyr_dps``: any axis beyond is
    impossible for a body-worn IMU (the largest common ranges are ±32 g and ±4000 deg/s).
    ``max_span_s``: times further from the first row are refused (about 3 years; far inside int64
    ns). ``rate_hz``: plausible median sampling rates. ``rest_acc_g``: plausible median |acc|.
    ``gyro_tilt_ratio``: plausible gyro rotation / accelerometer tilt change while turning
    (0.063-1.067 on the 704 HAPT/SisFall recordings with enough turning; a unit mix-up is 57x
    off). Median |acc| was 0.83-1.11 g on all 1624 real recordings; none of them is refused or
    changed (``python scripts/csv_survey.py ../shared/data`` prints these figures).
    ``max_dropped_fraction``: refuse a file when more of its rows than this are unusable.
    ``max_interval_s``: a longer interval between two rows is a hole in the file (rows missing),
    flagged as a ``gap`` (reason ``missing_rows``); 0.25 s is the longest interval the analysis
    bridges (``SyncSettings.max_gap_s``), so every such hole the timeline shows as ``no_data`` is
    flagged too. In ../shared/data two MobiFall recordings have one (1.1 s and 0.4 s; the held-out
    recordings were not looked at).
    """

    reorder_window_s: float = 1.0
    max_acc_g: float = 32.0
    max_gyr_dps: float = 4000.0
    max_span_s: float = 1e8
    rate_hz: tuple[float, float] = (2.0, 5000.0)
    rest_acc_g: tuple[float, float] = (0.5, 2.0)
    gyro_tilt_ratio: tuple[float, float] = (0.03, 2.5)
    max_dropped_fraction: float = 0.5
    max_interval_s: float = 0.25


@dataclass
class ImportReport:
    """What the import dropped or repaired, in rows (= samples); ``gaps`` are the holes dropped
    rows left, and holes of rows missing from the file (reason ``missing_rows``, ``rows`` then the
    samples missing at the file's rate): ``(start_ns, end_ns, rows, reason)`` on the recording's
    clock."""

    rows: int = 0
    kept: int = 0
    dropped_nonfinite: int = 0
    dropped_out_of_range: int = 0
    dropped_duplicate_time: int = 0
    reordered: int = 0
    gaps: list[tuple[int, int, int, str]] = field(default_factory=list)
    # where the sampling rate departs from the one before by more than 20 %: (time ns, rate Hz);
    # the analysis follows the timestamps, but the sensor's stated rate is the first one
    rate_changes: list[tuple[int, float]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.dropped_nonfinite or self.dropped_out_of_range or self.dropped_duplicate_time
                    or self.reordered)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["gaps"] = [{"start_s": round(a / NS_PER_S, 3), "end_s": round(b / NS_PER_S, 3), "rows": n, "reason": r}
                     for a, b, n, r in self.gaps]
        d["rate_changes"] = [{"t_s": round(t / NS_PER_S, 3), "rate_hz": hz} for t, hz in self.rate_changes]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ImportReport":
        """From :meth:`to_dict` (``gaps`` may be left out, as in summary.json)."""
        counts = {k: int(d.get(k, 0)) for k in ("rows", "kept", "dropped_nonfinite", "dropped_out_of_range",
                                                 "dropped_duplicate_time", "reordered")}
        gaps = [(int(g["start_s"] * NS_PER_S), int(g["end_s"] * NS_PER_S), int(g["rows"]), str(g["reason"]))
                for g in d.get("gaps", [])]
        rates = [(int(c["t_s"] * NS_PER_S), float(c["rate_hz"])) for c in d.get("rate_changes", [])]
        return cls(**counts, gaps=gaps, rate_changes=rates)

    def describe(self, language: str = "en") -> str:
        """One line, e.g. ``kept 11900 of 12000 rows: 100 NaN/inf dropped (1 flagged gap)``, in
        ``language`` (the texts are in the dashboard's and CLI's Qt Linguist catalogue)."""
        from ..translations import number, translate

        def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:  # Qt's signature: lupdate finds the texts
            return translate(language, "", text, n)

        parts = [text for n, text in (
            (self.dropped_nonfinite, tr("%n NaN/inf dropped", None, self.dropped_nonfinite)),
            (self.dropped_out_of_range, tr("%n impossible value(s) dropped", None, self.dropped_out_of_range)),
            (self.dropped_duplicate_time, tr("%n repeated timestamp(s) dropped", None, self.dropped_duplicate_time)),
            (self.reordered, tr("%n row(s) sorted into time order", None, self.reordered)),
        ) if n]
        gaps = " (" + tr("%n flagged gap(s)", None, len(self.gaps)) + ")" if self.gaps else ""
        kept = tr("kept {kept} of %n row(s)", None, self.rows).format(kept=self.kept)
        rates = "; " + tr("sampling rate changed: {changes}").format(changes=", ".join(
            tr("{rate} Hz from {time} s").format(rate=number(hz, 1, language, trim=True), time=number(t / NS_PER_S, 1, language))
            for t, hz in self.rate_changes)
        ) if self.rate_changes else ""
        return kept + (": " + ", ".join(parts) if parts else "") + gaps + rates

    def gap_events(self, sensor_id: str) -> list[Event]:
        """The holes as flagged ``gap`` events (the decoders' convention: reason, samples, origin;
        rows missing from the file count as ``missing``, not as dropped ``samples``), as the
        streamed import yields them."""
        return [Event("gap", a, b, {"reason": r, "missing" if r == "missing_rows" else "samples": n, "origin": "import"},
                      sensor_id) for a, b, n, r in self.gaps]


# ------------------------------------------------------------------------------------ time


def check_time_unit(t_s: np.ndarray, name: str, where: str, settings: CsvCheckSettings) -> None:
    """Refuse a time column whose median step only fits another unit (ms, µs, minutes)."""
    t = t_s[np.isfinite(t_s)][:UNIT_PROBE_ROWS]
    d = np.diff(t)
    d = d[d > 0]
    if len(d) < 2:
        return
    step = float(np.median(d))
    lo, hi = settings.rate_hz
    rate = 1.0 / step
    if lo <= rate <= hi:
        return
    if rate < lo:
        guess = next((u for u, f in (("milliseconds", 1e-3), ("microseconds", 1e-6), ("nanoseconds", 1e-9))
                      if lo <= 1.0 / (step * f) <= hi), None)
    else:
        guess = next((u for u, f in (("minutes", 60.0), ("hours", 3600.0)) if lo <= 1.0 / (step * f) <= hi), None)
    hint = (Phrase(w.TIMES_IN_MS) if guess == "milliseconds" else Phrase(w.TIMES_NO_UNIT) if guess is None
            else Phrase(w.TIMES_IN_UNIT, unit=Phrase(w.TIME_UNITS[guess])))
    raise CsvImportError(w.TIME_STEP, path=where, name=name, step=Number(step), rate=Number(rate, ".3g"), hint=hint)


def check_span(t_s: np.ndarray, where: str, settings: CsvCheckSettings, t0: float | None = None,
               rows: np.ndarray | None = None) -> None:
    """Refuse times further from the first row (``t0``, default ``t_s[0]``) than any recording
    spans (int64 ns stays safe); ``rows``: the file's data row index of each time (0-based)."""
    rel = t_s - (t_s[0] if t0 is None else t0)
    bad = np.flatnonzero(np.abs(rel) > settings.max_span_s)
    if len(bad):
        i = int(bad[0])
        row = i if rows is None else int(rows[i])
        raise CsvImportError(w.TIME_JUMP, path=where, t=Number(t_s[i]), row=row + 1, rel=Number(rel[i], ".3g"),
                             max=Number(settings.max_span_s))


# ---------------------------------------------------------------------------------- values


@njit(cache=True, nogil=True, inline="always")
def _row_flags(a: np.ndarray, i: int, limit: float) -> tuple[bool, bool]:
    """(any non-finite, any finite beyond ``limit``) in row ``i`` of an (n, 3) array."""
    nf = False
    bad = False
    for j in range(3):
        v = a[i, j]
        if not np.isfinite(v):
            nf = True
        elif not abs(v) <= limit:
            bad = True
    return nf, bad


@njit(cache=True, nogil=True)
def _row_problems(acc: np.ndarray, gyr: np.ndarray, has_gyr: bool, max_acc: float, max_gyr: float,
                  nonfinite: np.ndarray, beyond: np.ndarray) -> None:
    """One pass of :func:`row_problems` over float64 (n, 3) arrays (comparisons only: exact)."""
    for i in range(acc.shape[0]):
        nf, bad = _row_flags(acc, i, max_acc)
        if has_gyr:
            gnf, gbad = _row_flags(gyr, i, max_gyr)
            nf = nf or gnf
            bad = bad or gbad
        nonfinite[i] = nf
        beyond[i] = bad and not nf


def _xyz64(a: np.ndarray | None) -> bool:
    return a is not None and a.dtype == np.float64 and a.ndim == 2 and a.shape[1] == 3


def row_problems(acc_g: np.ndarray, gyr_dps: np.ndarray | None, settings: CsvCheckSettings
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Per row: (non-finite acc or gyro, finite but beyond any sensor's range)."""
    if _xyz64(acc_g) and (gyr_dps is None or (_xyz64(gyr_dps) and len(gyr_dps) == len(acc_g))):
        n = len(acc_g)
        nonfinite, beyond = np.empty(n, bool), np.empty(n, bool)
        _row_problems(acc_g, acc_g if gyr_dps is None else gyr_dps, gyr_dps is not None, float(settings.max_acc_g),
                      float(settings.max_gyr_dps), nonfinite, beyond)
        return nonfinite, beyond
    nonfinite = ~np.isfinite(acc_g).all(axis=1)
    beyond = ~(np.abs(acc_g) <= settings.max_acc_g).all(axis=1)  # NaN counts here too: masked below
    if gyr_dps is not None:
        nonfinite |= ~np.isfinite(gyr_dps).all(axis=1)
        beyond |= ~(np.abs(gyr_dps) <= settings.max_gyr_dps).all(axis=1)
    return nonfinite, beyond & ~nonfinite


# ----------------------------------------------------------------------------------- units

_ACC_UNITS = ((w.ACC_LOOKS_MS2, STANDARD_GRAVITY_MS2), (w.ACC_LOOKS_MG, 1000.0),
              (w.ACC_LOOKS_CMS2, 100 * STANDARD_GRAVITY_MS2))  # what g columns look like, and their scale


def _finite_rows(a: np.ndarray) -> np.ndarray:
    """``np.isfinite(a).all(axis=1)`` of an (n, 3) array, column by column (numpy's short-axis
    reduction runs element by element)."""
    return np.isfinite(a[:, 0]) & np.isfinite(a[:, 1]) & np.isfinite(a[:, 2])


def check_acc_unit(acc_g: np.ndarray, declared: str, where: str, settings: CsvCheckSettings) -> None:
    """|acc| must be about 1 g at rest: the median over the first rows (mostly still or slow
    movement). Else the message names the likely unit."""
    a = acc_g[:UNIT_PROBE_ROWS]
    a = a[_finite_rows(a)]
    if not len(a):
        return
    m = float(np.median(row_norm(a)))
    lo, hi = settings.rest_acc_g
    if lo <= m <= hi:
        return
    cols = f"acc_*_{declared}"
    if declared == "ms2" and lo <= m * STANDARD_GRAVITY_MS2 <= hi:
        raise CsvImportError(w.ACC_AT_REST, path=where, g=Number(m, ".3g"), hint=Phrase(w.ACC_LOOKS_G, cols=cols))
    scale = m if declared == "g" else m * STANDARD_GRAVITY_MS2  # the raw column values' magnitude
    for template, factor in _ACC_UNITS:
        if declared == "g" and lo <= scale / factor <= hi:
            raise CsvImportError(w.ACC_AT_REST, path=where, g=Number(m, ".3g"), hint=Phrase(template, cols=cols))
    if 200 <= scale <= 70_000:
        hint = Phrase(w.ACC_COUNTS)
    else:
        hint = Phrase(w.ACC_NO_UNIT, unit="g" if declared == "g" else "m/s²")
    raise CsvImportError(w.ACC_AT_REST, path=where, g=Number(m, ".3g"), hint=hint)


def gyro_tilt_ratio(t_ns: np.ndarray, acc_g: np.ndarray, gyr_dps: np.ndarray, window_s: float = 0.25,
                    min_tilt_deg: float = 10.0) -> float | None:
    """Gyro rotation (perpendicular to gravity) over accelerometer tilt change, summed over
    quasi-static turning windows (|acc| near 1 g, tilt change > ``min_tilt_deg``); None when the
    first rows hold fewer than three such windows (nothing to judge by)."""
    t, a, g = t_ns[:UNIT_PROBE_ROWS], acc_g[:UNIT_PROBE_ROWS], gyr_dps[:UNIT_PROBE_ROWS]
    ok = _finite_rows(a) & _finite_rows(g)
    t, a, g = t[ok], a[ok], g[ok]
    if len(t) < 4:
        return None
    dt = float(np.median(np.diff(t))) / NS_PER_S
    if dt <= 0:
        return None
    w = max(1, int(round(window_s / dt)))
    n = len(t) // w
    if n < 4:
        return None
    aw = a[: n * w].reshape(n, w, 3)
    mean = aw.mean(axis=1)
    norm = np.linalg.norm(mean, axis=1)
    quasi_static = (row_norm(aw).std(axis=1) < 0.15) & (np.abs(norm - 1.0) < 0.15)
    u = mean / np.maximum(norm, 1e-9)[:, None]
    tilt = np.degrees(np.arccos(np.clip(np.sum(u[1:] * u[:-1], axis=1), -1.0, 1.0)))
    turn = g[: n * w].reshape(n, w, 3).sum(axis=1) * dt  # deg per window
    between = 0.5 * (turn[1:] + turn[:-1])
    axis = u[1:] + u[:-1]
    axis /= np.maximum(np.linalg.norm(axis, axis=1), 1e-9)[:, None]
    perp = np.linalg.norm(np.cross(between, axis), axis=1)
    sel = (tilt > min_tilt_deg) & quasi_static[1:] & quasi_static[:-1]
    if np.count_nonzero(sel) < 3:
        return None
    return float(perp[sel].sum() / tilt[sel].sum())


def check_gyro_unit(t_ns: np.ndarray, acc_g: np.ndarray, gyr_dps: np.ndarray, declared: str, where: str,
                    settings: CsvCheckSettings) -> None:
    """The gyroscope must turn about as fast as the accelerometer tilts (rad/s vs deg/s is 57x)."""
    ratio = gyro_tilt_ratio(t_ns, acc_g, gyr_dps)
    if ratio is None:
        return
    lo, hi = settings.gyro_tilt_ratio
    if ratio > hi:
        guess = w.GYRO_DPS if declared == "rads" else w.GYRO_SMALLER
    elif ratio < lo:
        guess = w.GYRO_RADS if declared == "dps" else w.GYRO_LARGER
    else:
        return
    raise CsvImportError(w.GYRO_RATIO, path=where, ratio=Number(ratio, ".3g"), declared=declared, guess=Phrase(guess))
