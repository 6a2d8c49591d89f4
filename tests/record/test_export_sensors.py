"""Every sensor of a session travels with its figures in the FHIR Bundle: an Observation has one
``device``, so a session recorded with a pelvis and a trunk sensor named only the pelvis sensor's
Device. A Provenance per session now has the session's Observations as targets and each sensor's
Device as a ``performer`` agent."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from oefensense.export import bundle
from oefensense.record import Record
from oefensense.record.results import ClockStart


def test_every_sensor_of_a_session_is_named(tmp_path: Path) -> None:
    from fhir.resources.R4B.bundle import Bundle

    sensors = [{"placement": "pelvis", "family": "polar", "device": "dev-00000000000000aa"},
               {"placement": "trunk", "family": "polar", "device": "dev-00000000000000bb"}]
    with Record(f"sqlite:///{tmp_path / 'r.sqlite'}") as rec:
        rec.add_patient("P001")
        rec.register_session(
            "P001", kind="live", start=ClockStart(datetime(2026, 3, 2, 7, 30, tzinfo=timezone.utc), 60),
            duration_s=1800.0, source_path=str(tmp_path / "s"), source_owned=True, results_dir=tmp_path / "w",
            results_hash="0" * 64, summary={}, sensors=sensors, quality={}, days=[])
        doc = bundle(rec, "P001")
    Bundle.model_validate(doc)
    by_type: dict[str, list[dict]] = {}
    for e in doc["entry"]:
        by_type.setdefault(e["resource"]["resourceType"], []).append(e)
    device_url = {e["resource"]["identifier"][0]["value"]: e["fullUrl"] for e in by_type["Device"]}
    assert set(device_url) == {"dev-00000000000000aa", "dev-00000000000000bb"}  # hashed ids, as before
    (prov,) = [e["resource"] for e in by_type["Provenance"]]
    assert {t["reference"] for t in prov["target"]} == {e["fullUrl"] for e in by_type["Observation"]}
    assert [a["who"]["reference"] for a in prov["agent"]] == [device_url["dev-00000000000000aa"],
                                                             device_url["dev-00000000000000bb"]]
    assert all(a["type"]["coding"][0]["code"] == "performer" for a in prov["agent"])
    assert [a["role"][0]["text"] for a in prov["agent"]] == ["sensor at pelvis", "sensor at trunk"]
    assert prov["occurredPeriod"] == {"start": "2026-03-02T08:30:00+01:00", "end": "2026-03-02T09:00:00+01:00"}
