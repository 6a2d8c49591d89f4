"""Checks a manifest's fields before anything uses them: a hand-edited or damaged manifest is a
one-line ``SessionError`` naming the field, never a crash deep inside a replay.

Only the fields the package reads are checked (free fields such as ``notes`` are the user's);
``pipeline_settings`` is checked where it becomes settings (``pipeline.settings_io``).
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from ..core.patient import PATIENT_CODE_PATTERN
from ..core.types import TIMING_VERSIONS, Placement, SensorInfo
from . import format as fmt
from .errors import SessionError
from .notes import INVALID_PATIENT
from .words import BAD_FIELD

_SENSOR_FIELDS = {f.name for f in dataclasses.fields(SensorInfo)}
_NUMBERS = ("nominal_rate_hz", "acc_range_g", "gyr_range_dps")
_TEXTS = ("family", "firmware", "address")
_FLAGS = ("has_gyro", "has_mag")


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _is_count(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def check_manifest(m: dict[str, Any], where: str) -> None:
    """Raise SessionError("damaged session: WHERE: FIELD ...") for the first invalid field."""

    def bad(field: str, what: str) -> SessionError:
        return SessionError(BAD_FIELD, where=where, field=field, what=what)

    sensors = m.get("sensors", [])
    if not isinstance(sensors, list):
        raise bad("sensors", "must be a list")
    for i, s in enumerate(sensors):
        _check_sensor(s, f"sensors[{i}]", bad)
    joins = m.get("sensor_join_seq", {})
    if not isinstance(joins, dict) or not all(isinstance(k, str) and _is_count(v) for k, v in joins.items()):
        raise bad("sensor_join_seq", "must map sensor ids to recorded-order numbers (integers >= 0)")
    writer = m.get("writer", {})
    if not isinstance(writer, dict) or any(not (_is_number(writer.get(k, 1.0)) and writer.get(k, 1.0) > 0)
                                           for k in ("flush_interval_s", "rotate_s")):
        raise bad("writer", "must hold positive flush_interval_s and rotate_s")
    for key in ("closed", "compacted", "recovered", "repaired"):
        if key in m and not isinstance(m[key], bool):
            raise bad(key, "must be true or false")
    segments = m.get("segments", [])
    if not isinstance(segments, list):
        raise bad("segments", "must be a list")
    for i, e in enumerate(segments):
        if not isinstance(e, dict) or fmt.parse_segment_name(str(e.get("file", ""))) is None \
                or e.get("kind") not in fmt.KINDS:
            raise bad(f"segments[{i}]", "must name a segment file and its kind")
        _check_entry(e, f"segments[{i}]", bad)
    parquet = m.get("parquet", {})
    if not isinstance(parquet, dict) or not all(k in fmt.KINDS and isinstance(v, dict) for k, v in parquet.items()):
        raise bad("parquet", "must map packets/samples/events to their file entries")
    for kind, e in parquet.items():
        _check_entry(e, f"parquet.{kind}", bad)
    for key in ("losses", "recovery_warnings"):
        if key in m and not isinstance(m[key], list):
            raise bad(key, "must be a list")


def _check_sensor(s: Any, field: str, bad: Any) -> None:
    if not isinstance(s, dict):
        raise bad(field, "must be an object")
    unknown = set(s) - _SENSOR_FIELDS
    if unknown:
        raise bad(field, f"has unknown fields {sorted(unknown)}")
    if not isinstance(s.get("sensor_id"), str) or not s["sensor_id"]:
        raise bad(f"{field}.sensor_id", "must be a non-empty text")
    try:
        Placement.parse(str(s.get("placement")))
    except ValueError as exc:
        raise bad(f"{field}.placement", f"is invalid ({exc})") from None
    for k in _NUMBERS:
        if k in s and not (_is_number(s[k]) and s[k] >= 0):
            raise bad(f"{field}.{k}", f"must be a number >= 0, got {s[k]!r}")
    for k in _TEXTS:
        if k in s and not isinstance(s[k], str):
            raise bad(f"{field}.{k}", "must be text")
    for k in _FLAGS:
        if k in s and not isinstance(s[k], bool):
            raise bad(f"{field}.{k}", "must be true or false")
    if "timing" in s and (isinstance(s["timing"], bool) or s["timing"] not in TIMING_VERSIONS):
        raise bad(f"{field}.timing", f"must be a timing version this OefenSense knows "
                                     f"({', '.join(map(str, TIMING_VERSIONS))}), got {s['timing']!r}")


def _check_entry(e: dict[str, Any], field: str, bad: Any) -> None:
    for k in ("rows", "bytes"):
        if k in e and e[k] is not None and not _is_count(e[k]):
            raise bad(f"{field}.{k}", "must be an integer >= 0")
    for k in ("t_first_ns", "t_last_ns"):
        if e.get(k) is not None and (not isinstance(e[k], int) or isinstance(e[k], bool)):
            raise bad(f"{field}.{k}", "must be an integer (ns) or null")
    if "sha256" in e and not isinstance(e["sha256"], str):
        raise bad(f"{field}.sha256", "must be text")


def patient_code(m: dict[str, Any]) -> tuple[str | None, str | None]:
    """``(code, warning)``: the manifest's pseudonymous patient code when it is valid; an invalid
    one is never passed on (the warning says it was ignored)."""
    p = m.get("patient")
    if p is None or p == {} or p == "":
        return None, None
    code = p.get("code") if isinstance(p, dict) else p
    if isinstance(code, str) and PATIENT_CODE_PATTERN.fullmatch(code):
        return code, None
    return None, INVALID_PATIENT
