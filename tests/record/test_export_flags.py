"""A guided test's quality flags and a simulated run go with its exported results (FHIR note, CSV
columns): a ROM test flagged forward_uncertain and sensor_gap, run in the simulator, was exported
as a plain final Observation and a plain CSV row."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from oefensense.export import bundle, tables
from oefensense.record import Record


def test_flags_and_simulated_source_are_exported(tmp_path: Path) -> None:
    from fhir.resources.R4B.bundle import Bundle

    when = datetime(2026, 3, 2, 8, 30, tzinfo=timezone.utc)
    flags = [{"code": "sensor_gap", "detail": "trunk sensor data missing 104.1-104.4 s"}]
    with Record(f"sqlite:///{tmp_path / 'r.sqlite'}") as rec:
        rec.add_patient("P001")
        rec.add_assessment("P001", "trunk-rom", when, {"trunk_flexion_deg": 70.0}, details={"flags": flags, "source": "simulated"})
        rec.add_assessment("P001", "intake", when, {"nprs": 6.0})
        doc = bundle(rec, "P001")
        rows = tables(rec, "P001")["assessments"].to_pylist()
    Bundle.model_validate(doc)
    obs = {e["resource"]["code"]["coding"][0]["code"]: e["resource"] for e in doc["entry"]
           if e["resource"]["resourceType"] == "Observation"}
    notes = [n["text"] for n in obs["trunk_flexion_deg"]["note"]]
    assert notes == ["OefenSense quality flag sensor_gap: trunk sensor data missing 104.1-104.4 s",
                     "OefenSense: simulated test (movement simulator), not measured on the patient"]
    assert "note" not in obs["72514-3"]  # a plain score carries none
    by_code = {r["code"]: r for r in rows}
    assert by_code["trunk_flexion_deg"]["flags"] == "sensor_gap" and by_code["trunk_flexion_deg"]["source"] == "simulated"
    assert by_code["nprs"]["flags"] == "" and by_code["nprs"]["source"] is None
