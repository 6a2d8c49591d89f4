"""The figures of one analysed recording that go into the cohort table ``files.parquet``.

Flat, typed and fixed: every row has every column (None where a recording has no value), so
tables of different batches stack. Taken from the recording's ``summary.json`` content and the
importer's read statistics; nothing is recomputed here.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

# Every posture of summary.json's posture_s but non_wear (which is the column non_wear_s), so a
# row's posture columns plus non_wear_s add up to its duration: no_data is time with no samples
# (a hole in the file), upright_still the upright-and-still time of a trunk sensor alone, which
# cannot tell sitting from standing (its sitting/standing estimate is in the upright_still_*_est_s
# columns; sitting_s and standing_s then stay 0, as in summary.json).
POSTURES = ("lying", "sitting", "standing", "walking", "transition", "unknown", "no_data", "upright_still")

# column -> arrow type; the order is the table's column order
FILE_COLUMNS: dict[str, pa.DataType] = {
    "input": pa.string(),
    "status": pa.string(),
    "reason": pa.string(),
    "format": pa.string(),
    "input_bytes": pa.int64(),
    "input_sha256": pa.string(),
    # the first input (by id) with the same bytes: the same recording twice in a cohort would
    # count one participant twice; set by the batch from the hashes, None for the first one
    "duplicate_of": pa.string(),
    "start_time": pa.string(),
    "rate_hz": pa.float64(),
    "has_gyro": pa.bool_(),
    "samples": pa.int64(),
    "dropped_nonfinite": pa.int64(),
    "dropped_not_increasing": pa.int64(),
    "duration_s": pa.float64(),
    "wear_s": pa.float64(),
    "non_wear_s": pa.float64(),
    **{f"{p}_s": pa.float64() for p in POSTURES},
    # seconds whose posture and angles rested on an upright direction a later re-estimate moved
    # by more than 30 deg (summary.json data_quality.alignment, summed over the sensors)
    "alignment_unreliable_s": pa.float64(),
    # sensors whose upright no walk ever confirmed (a still posture was guessed upright): their
    # whole recording's posture and angles may be wrong (data_quality.alignment.<s>.up_unconfirmed)
    "alignment_unconfirmed_sensors": pa.int64(),
    "upright_still_sitting_est_s": pa.float64(),
    "upright_still_standing_est_s": pa.float64(),
    "upright_still_undetermined_s": pa.float64(),
    "sit_to_stand_count": pa.int64(),
    "sitting_bouts": pa.int64(),
    "sitting_longest_s": pa.float64(),
    "sitting_prolonged": pa.int64(),
    "lifts": pa.int64(),
    "lifts_squat": pa.int64(),
    "lifts_stoop": pa.int64(),
    "lifts_undetermined": pa.int64(),  # a slow lift at the waist: counted in lifts, in no technique
    "trunk_over_60_pct": pa.float64(),
    "bends_per_hour": pa.float64(),
    "technique_alerts": pa.int64(),
}


def _get(d: dict[str, Any], *keys: str) -> Any:
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


def file_figures(summary: dict[str, Any], fmt: str, recording: Any | None, stats: Any | None,
                 wear_s: float | None = None) -> dict[str, Any]:
    """The ``files.parquet`` figures of one recording (JSON-safe; stored in its DONE.json)."""
    alerts = _get(summary, "technique_alerts")
    info = recording.info if recording is not None else None
    return {
        "format": fmt,
        "start_time": recording.start_time if recording is not None else None,
        "rate_hz": info.nominal_rate_hz if info is not None else None,
        "has_gyro": info.has_gyro if info is not None else None,
        "samples": stats.samples if stats is not None else None,
        "dropped_nonfinite": stats.dropped_nonfinite if stats is not None else None,
        "dropped_not_increasing": stats.dropped_not_increasing if stats is not None else None,
        "duration_s": _get(summary, "duration_s"),
        # wear time: the sum of the recording's day table (days.csv, period "all"; only with
        # clock time), else None; never estimated here
        "wear_s": wear_s,
        "non_wear_s": _get(summary, "non_wear", "total_s"),
        **{f"{p}_s": _get(summary, "posture_s", p) for p in POSTURES},
        "alignment_unreliable_s": _unreliable_s(summary),
        "alignment_unconfirmed_sensors": _unconfirmed_sensors(summary),
        # a trunk sensor alone: upright_still time split from the detected sit-downs/stand-ups
        # (an estimate; the sitting range is [sitting, sitting + undetermined]); None otherwise
        "upright_still_sitting_est_s": _get(summary, "upright_still", "sitting_s"),
        "upright_still_standing_est_s": _get(summary, "upright_still", "standing_s"),
        "upright_still_undetermined_s": _get(summary, "upright_still", "undetermined_s"),
        "sit_to_stand_count": _get(summary, "sit_to_stand_count"),
        "sitting_bouts": _get(summary, "sitting_bouts", "count"),
        "sitting_longest_s": _get(summary, "sitting_bouts", "longest_s"),
        "sitting_prolonged": _get(summary, "sitting_bouts", "prolonged_count"),
        "lifts": _get(summary, "lifts", "count"),
        "lifts_squat": _get(summary, "lifts", "squat"),
        "lifts_stoop": _get(summary, "lifts", "stoop"),
        "lifts_undetermined": _get(summary, "lifts", "undetermined"),
        "trunk_over_60_pct": _get(summary, "trunk_exposure", "pct_time_over_60"),
        "bends_per_hour": _get(summary, "trunk_exposure", "bends_per_hour"),
        "technique_alerts": sum(alerts.values()) if isinstance(alerts, dict) else None,
    }


def _unreliable_s(summary: dict[str, Any]) -> float | None:
    """Seconds flagged unreliable by an alignment correction, over all sensors (0 when none is;
    None without a data-quality block)."""
    quality = _get(summary, "data_quality")
    if not isinstance(quality, dict):
        return None
    sensors = quality.get("alignment") or {}
    return round(sum(float(a.get("unreliable_s") or 0.0) for a in sensors.values()), 3)


def _unconfirmed_sensors(summary: dict[str, Any]) -> int | None:
    """How many sensors' upright no walk confirmed (0 when none; None without a data-quality block)."""
    quality = _get(summary, "data_quality")
    if not isinstance(quality, dict):
        return None
    return sum(bool(a.get("up_unconfirmed")) for a in (quality.get("alignment") or {}).values())


# the columns a finished input's marker holds (the rest come from the run or the marker itself)
FIGURE_COLUMNS = tuple(c for c in FILE_COLUMNS if c not in ("input", "status", "reason", "input_bytes", "input_sha256",
                                                                 "duplicate_of"))


def file_row(input_id: str, status: str, marker: dict[str, Any] | None, reason: str = "") -> dict[str, Any]:
    """One row of ``files.parquet``: from a finished input's marker, or an error's reason."""
    row: dict[str, Any] = dict.fromkeys(FILE_COLUMNS)
    row.update(input=input_id, status=status, reason=reason or None)
    if marker is not None:
        row.update({k: v for k, v in marker.get("figures", {}).items() if k in FILE_COLUMNS})
        row.update(input_bytes=marker.get("input_bytes"), input_sha256=marker.get("input_sha256"))
    return row


def mark_duplicates(rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Set ``duplicate_of`` on every analysed row whose input has the same SHA-256 as an
    earlier one (by id); returns (input, first input with the same bytes) of those rows."""
    first: dict[str, str] = {}
    found = []
    for row in sorted(rows, key=lambda r: r["input"]):
        digest = row.get("input_sha256")
        if row["status"] != "ok" or not digest:
            continue
        if digest in first:
            row["duplicate_of"] = first[digest]
            found.append((row["input"], first[digest]))
        else:
            first[digest] = row["input"]
    return found


def days_wear_s(out_dir: Any) -> float | None:
    """Sum of ``wear_s`` over a result's ``days.csv`` rows of period ``all`` (None without one)."""
    import csv

    path = out_dir / "days.csv"
    if not path.is_file():
        return None
    with open(path, newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r.get("period", "all") == "all" and r.get("wear_s")]
    return round(sum(float(r["wear_s"]) for r in rows), 3)
