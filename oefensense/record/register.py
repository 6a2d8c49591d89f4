"""Registering what ``analyze``, ``replay``, ``record`` and the dashboard produced for a patient.

``register_results`` reads an analysis folder (summary, day rows, data quality, results of an
instrumented assessment), hashes it and stores it as a session of the patient. The command
layer decides the kind (live / imported / replayed), the source and the clock start.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from ..core.types import Placement
from .days import day_rows
from .progress import known_technique_lifts
from .results import ClockStart, check_folder, read_events, read_summary, results_hash, start_from_manifest
from .store import Record, SessionInfo


def session_sensors(record: Record, manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """The sensors of a session manifest as placement, family, firmware and a hashed device id."""
    out = []
    for s in manifest.get("sensors", []):
        ident = s.get("address") or s.get("sensor_id") or ""
        out.append({"placement": s.get("placement"), "family": s.get("family"), "firmware": s.get("firmware"),
                    "rate_hz": s.get("nominal_rate_hz"), "device": record.device_id(f"{s.get('family')}:{ident}")})
    return out


def file_sensors(placements: list[str]) -> list[dict[str, Any]]:
    """Sensors of imported CSV files: only their placement is known (stored canonical: "waist"
    given on the command line is the pelvis placement, as the analysis names it)."""
    return [{"placement": _canonical(p), "family": "csv import", "firmware": None, "rate_hz": None, "device": None} for p in placements]


def recording_source(manifest: dict[str, Any] | None) -> str | None:
    """Where a recording's data came from, in the words a guided test's ``source`` uses:
    ``simulated`` (``record --simulate``, the demos: not measured on the patient), ``live`` (real
    sensors), ``recording`` (a file: ``manifest`` None); None when the session does not say."""
    if manifest is None:
        return "recording"
    src = str(manifest.get("source") or "")
    if src == "simulated" or src.startswith("demo"):
        return "simulated"
    return "live" if src == "ble" else None


def quality_from(folder: Path, summary: dict[str, Any], session_dir: Path | None = None) -> dict[str, Any]:
    """Data quality of a recording: gaps (count, seconds), unknown-posture time, valid angle time,
    ``source`` (:func:`recording_source`) and, for a session directory, per-sensor loss from
    ``session_info``."""
    events = read_events(folder)
    gaps = [e for e in events if e["type"] == "gap"]
    quality: dict[str, Any] = {
        "gaps": len(gaps),
        "gap_s": round(sum(float(e["end_s"]) - float(e["t_s"]) for e in gaps), 2),
        "unknown_s": float(summary.get("posture_s", {}).get("unknown", 0.0)),
        "valid_angle_s": summary.get("trunk_exposure", {}).get("valid_s"),
        "markers": sum(1 for e in events if e["type"] == "marker"),
    }
    manifest = None
    if session_dir is not None:
        from ..session import SessionReader, session_info

        manifest = SessionReader(session_dir).manifest
    quality["source"] = recording_source(manifest)
    if session_dir is not None:
        info = session_info(session_dir)
        quality["warnings"] = list(info["warnings"])
        # what could not be read back, also what `repair` left out (flagged as gaps, in no warning):
        # as data, so the reports word it in their language
        quality["losses"] = [*info["losses"], *info["repaired_losses"]]
        quality["sensors"] = [{"placement": s["placement"], "family": s["family"], "loss_pct": s["loss_pct"],
                               "rate_hz": s["effective_rate_hz"], "gaps": len(s["gaps"])} for s in info["sensors"]]
    return quality


def assessment_results(kind: str, summary: dict[str, Any], events: list[dict[str, Any]]) -> dict[str, float]:
    """Results of an instrumented assessment, from the analysis (empty for a free session)."""
    if kind == "sit_to_stand":
        sts = [e for e in events if e["type"] == "sit_to_stand"]
        out: dict[str, float] = {"sit_to_stand_count": float(len(sts))}
        if sts:
            out["sit_to_stand_mean_s"] = round(sum(float(e["end_s"]) - float(e["t_s"]) for e in sts) / len(sts), 2)
        return out
    if kind == "lifting":
        lifts = summary.get("lifts", {})
        n = int(lifts.get("count", 0))
        known = known_technique_lifts({"count": n, **lifts})  # the squat share is of these
        out = {"lift_count": float(n), "lift_undetermined_count": float(n - known)}
        if known:
            out["lift_squat_pct"] = round(100.0 * lifts.get("squat", 0) / known, 1)
        return out
    return {}


def register_results(
    record: Record,
    code: str,
    folder: Path,
    *,
    kind: str,
    source: Path | str,
    source_owned: bool,
    start: ClockStart | None,
    sensors: list[dict[str, Any]],
    assessment: str = "free",
    session_dir: Path | None = None,
) -> SessionInfo:
    """Store the analysis in ``folder`` as a session of ``code``; also an assessment with its
    results when ``assessment`` is an instrumented one. ``start`` None: a session directory's
    manifest gives it, otherwise it is an error (the record never guesses a date)."""
    from ..session import SessionReader

    check_folder(folder)
    if start is None and session_dir is not None:
        start = start_from_manifest(SessionReader(session_dir).manifest)
    if start is None:
        raise ValueError(f"{source}: the recording has no clock time; give its start, e.g. --start 2026-03-02T08:30+01:00")
    summary = read_summary(folder)
    info = record.register_session(
        code, kind=kind, start=start, duration_s=float(summary.get("duration_s", 0.0)), source_path=str(source),
        source_owned=source_owned, results_dir=folder, results_hash=results_hash(folder), summary=summary,
        sensors=sensors, quality=quality_from(folder, summary, session_dir), days=day_rows(folder, start),
        assessment=assessment,
    )
    results = assessment_results(assessment, summary, read_events(folder))
    if results:  # a simulated session's results say so, as a guided test's do
        details = {"source": info.quality["source"]} if info.quality.get("source") else None
        record.add_assessment(code, assessment, start.utc, results, session_id=info.id, details=details)
    return info


def performed_at(text: str | None) -> datetime:
    """An assessment's date-time from ``--date`` (ISO 8601; a date alone = local noon), else now."""
    from datetime import timezone

    if not text:
        return datetime.now(timezone.utc)
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:  # it said "Invalid isoformat string: 'gisteren'"
        raise ValueError(f"--date {text!r}: give a date (2026-03-02) or a date-time (2026-03-02T09:30+01:00)") from None
    if dt.tzinfo is None:
        dt = (dt.replace(hour=12) if len(text) <= 10 else dt).astimezone()
    return dt.astimezone(timezone.utc)


def _canonical(placement: str) -> str:
    try:
        return Placement.parse(placement).value
    except ValueError:
        return placement
