"""A patient's record as tables for research and the registry (CSV or Parquet): sessions (one row
per session with its figures), days (one row per session day and period, the ``days.csv`` columns) and
assessments (one row per result, with its code system and code). No paths, no device
addresses: only the pseudonymous code, hashed device ids and figures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa

from ..record import Record
from ..record.days import DAY_COLUMNS, PERIODS
from ..record.measures import SESSION_MEASURES, measure
from ..record.progress import session_figures

FORMATS = ("csv", "parquet")


def tables(record: Record, code: str) -> dict[str, pa.Table]:
    sessions = record.sessions(code)
    s_rows: list[dict[str, Any]] = []
    d_rows: list[dict[str, Any]] = []
    for s in sessions:
        row: dict[str, Any] = {
            "patient": code, "session_id": s.id, "kind": s.kind, "assessment": s.assessment,
            "start_local": s.start.iso(), "start_utc": s.start.utc.isoformat(timespec="seconds"),
            "tz_offset_min": s.start.tz_offset_min, "duration_s": s.duration_s,
            "placements": ";".join(str(x.get("placement")) for x in s.sensors),
            "devices": ";".join(str(x.get("device") or "") for x in s.sensors),
            "gaps": s.quality.get("gaps"), "gap_s": s.quality.get("gap_s"),
            "source": s.quality.get("source"),  # simulated / live / recording, as an assessment's
        }
        row.update(session_figures(s))
        s_rows.append(row)
        # a day row read alone must say whether its figures were measured on the patient: its
        # `source` is where the row came from (days.csv / timeline), not where the data did
        simulated = simulated_session(s)
        for d in sorted(s.days + s.work_days, key=lambda d: (d["date"], PERIODS.index(d["period"]))):
            d_rows.append({"patient": code, "session_id": s.id, "date": d["date"].isoformat(), "period": d["period"],
                           "source": d["source"], "simulated": simulated, **{c: d.get(c) for c in DAY_COLUMNS}})
    a_rows = [{"patient": code, "assessment_id": a.id, "session_id": a.session_id, "kind": a.kind,
               "performed_utc": a.performed.isoformat(timespec="seconds"), "code": k, "value": v,
               "unit": measure(k).unit, "system": measure(k).system, "system_code": measure(k).system_code,
               "flags": ";".join(assessment_flags(a)), "source": (a.details or {}).get("source")}
              for a in record.assessments(code) for k, v in a.results.items()]
    session_cols = ["patient", "session_id", "kind", "assessment", "start_local", "start_utc", "tz_offset_min",
                    "duration_s", "placements", "devices", "gaps", "gap_s", "source", *[m.code for m in SESSION_MEASURES]]
    day_cols = ["patient", "session_id", "date", "period", "source", "simulated", *DAY_COLUMNS]
    assess_cols = ["patient", "assessment_id", "session_id", "kind", "performed_utc", "code", "value", "unit", "system",
                   "system_code", "flags", "source"]
    return {"sessions": _table(s_rows, session_cols), "days": _table(d_rows, day_cols),
            "assessments": _table(a_rows, assess_cols)}


def simulated_session(s: Any) -> bool | None:
    """Whether a session's figures come from simulated sensors (``quality.source``): True for
    ``simulated``, False for ``live`` or ``recording``, None (empty) when the session does not say
    (registered before 4 Dec 2026, when a simulated recording was stored as a plain live one)."""
    source = (s.quality or {}).get("source")
    return None if source is None else source == "simulated"


def assessment_flags(a: Any) -> list[str]:
    """A guided test's quality flag codes (``moving_at_end``, ``sensor_gap`` ...; docs/assessments.md):
    they go with every exported result, which was exported as if unflagged."""
    return [str(f.get("code")) for f in ((a.details or {}).get("flags") or []) if isinstance(f, dict) and f.get("code")]


def _table(rows: list[dict[str, Any]], columns: list[str]) -> pa.Table:
    return pa.table({c: [r.get(c) for r in rows] for c in columns}) if rows else pa.table({c: pa.array([], pa.null()) for c in columns})


def write_tables(record: Record, code: str, out_dir: Path, fmt: str) -> list[Path]:
    """Write ``sessions``, ``days`` and ``assessments`` as CSV or Parquet files into ``out_dir``
    (each remembered in the record before it is written, so erasure removes it)."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    if fmt not in FORMATS:
        raise ValueError(f"table format {fmt!r}: one of {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    made = tables(record, code)  # an unknown patient stops here, before a folder exists
    paths = []
    for name in made:  # remembered first: erasure must know every file written about the patient
        record.add_document(code, "export", out_dir / f"{code}-{name}.{fmt}")
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, table in made.items():
        path = out_dir / f"{code}-{name}.{fmt}"
        if fmt == "csv":
            pacsv.write_csv(table, path)
        else:
            pq.write_table(table, path)
        path.chmod(0o600)
        paths.append(path)
    return paths
