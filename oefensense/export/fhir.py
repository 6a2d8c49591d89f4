"""A patient's record as a FHIR R4 Bundle (JSON): Patient (a pseudonymous identifier only, no
name), one Device per sensor (hashed id), Observations for each session's figures and each
assessment result, coded with LOINC where a code exists and the local code system
``urn:oefensense:measure`` otherwise (code table: docs/record.md), and per session one Provenance
that names every sensor of the session (an Observation has room for one ``device`` only).

The resources use only elements that are the same in FHIR R4 (4.0.1) and R4B (4.3.0); the tests
validate the Bundle with ``fhir.resources.R4B`` (see docs/record.md for why R4B).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from typing import Any

from ..record import Record, SessionInfo
from ..record.measures import ASSESSMENT_MEASURES, SESSION_MEASURES, measure
from ..record.progress import session_figures

PATIENT_SYSTEM = "urn:oefensense:patient-code"
DEVICE_SYSTEM = "urn:oefensense:device"
SESSION_SYSTEM = "urn:oefensense:session"
UCUM = "http://unitsofmeasure.org"
CATEGORY = {"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "activity",
            "display": "Activity"}
PERFORMER = {"system": "http://terminology.hl7.org/CodeSystem/provenance-participant-type", "code": "performer",
             "display": "Performer"}
SURVEY = {"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey", "display": "Survey"}
NAMESPACE = uuid.UUID("6f1c2a52-8f4e-4c55-9d2b-1f0e4a3b7c11")  # stable resource ids per record row


def _uuid(*parts: Any) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def _iso(dt: datetime) -> str:
    return dt.isoformat(timespec="seconds")


def _quantity(code: str, value: float) -> dict[str, Any]:
    m = measure(code)
    return {"value": round(float(value), 3), "unit": m.display_unit or m.unit, "system": UCUM, "code": m.unit}


def _value(code: str, value: float) -> dict[str, Any]:
    """An Observation's value: a score given in whole points (NPRS, PSK: ``Measure.whole``) as
    ``valueInteger`` when it is whole, as the Dutch pain score profile (Nictiz nl-core-PainScore,
    zib PainScore: an integer 0-10) carries it; it went as ``valueQuantity`` 6.0. A fractional score
    the record accepted (4.5) stays a ``valueQuantity``, exact."""
    if measure(code).whole and float(value).is_integer():
        return {"valueInteger": int(value)}
    return {"valueQuantity": _quantity(code, value)}


def _coding(code: str) -> dict[str, Any]:
    m = measure(code)
    return {"coding": [{"system": m.system, "code": m.system_code, "display": m.en}], "text": m.en}


def bundle(record: Record, code: str) -> dict[str, Any]:
    """The Bundle (type ``collection``) as a JSON-ready dict."""
    sessions = record.sessions(code)
    assessments = record.assessments(code)
    patient_id = _uuid("patient", code)
    entries: list[dict[str, Any]] = [_entry("Patient", patient_id, {
        "identifier": [{"system": PATIENT_SYSTEM, "value": code}],
    })]
    devices: dict[str, str] = {}
    for s in sessions:
        for sensor in s.sensors:
            dev = sensor.get("device")
            if dev and dev not in devices:
                devices[dev] = _uuid("device", dev)
                entries.append(_entry("Device", devices[dev], {
                    "identifier": [{"system": DEVICE_SYSTEM, "value": dev}],
                    "deviceName": [{"name": str(sensor.get("family") or "IMU"), "type": "model-name"}],
                    "type": {"text": "wearable inertial measurement unit (IMU)"},
                    "patient": {"reference": f"urn:uuid:{patient_id}"},
                }))
    for s in sessions:
        observations = _session_observations(s, patient_id, devices)
        entries += observations
        entries += _session_provenance(s, observations, devices)
    for a in assessments:
        notes = _assessment_notes(a)
        for result_code, value in a.results.items():
            m = measure(result_code)
            resource = {
                "status": "final",
                "category": [{"coding": [SURVEY if m.loinc else CATEGORY]}],
                "code": _coding(result_code),
                "subject": {"reference": f"urn:uuid:{patient_id}"},
                "effectiveDateTime": _iso(a.performed),
                **_value(result_code, value),
                "method": {"text": a.kind},
            }
            if notes:
                resource["note"] = notes
            entries.append(_entry("Observation", _uuid("assessment", a.id, result_code), resource))
    return {
        "resourceType": "Bundle",
        "id": _uuid("bundle", code, datetime.now(timezone.utc).isoformat()),
        "type": "collection",
        "timestamp": _iso(datetime.now(timezone.utc)),
        "entry": entries,
    }


def _assessment_notes(a: Any) -> list[dict[str, str]]:
    """What the result must not travel without: a guided test's quality flags (with their
    detail) and a simulated run (``oefensense assess --simulate``); empty for a plain score."""
    details = a.details or {}
    notes = [{"text": f"OefenSense quality flag {f['code']}: {f.get('detail', '')}".rstrip(": ")}
             for f in details.get("flags") or [] if isinstance(f, dict) and f.get("code")]
    if details.get("source") == "simulated":
        notes.append({"text": "OefenSense: simulated test (movement simulator), not measured on the patient"})
    return notes


def _session_notes(s: SessionInfo) -> list[dict[str, str]]:
    """What a session's figures must not travel without: simulated sensors (``record --simulate``,
    the demos), worded as a simulated guided test's note."""
    if (s.quality or {}).get("source") == "simulated":
        return [{"text": "OefenSense: simulated sensors (movement simulator), not measured on the patient"}]
    return []


def _session_observations(s: SessionInfo, patient_id: str, devices: dict[str, str]) -> list[dict[str, Any]]:
    start = s.start.local
    period = {"start": _iso(start), "end": _iso(start + timedelta(seconds=s.duration_s))}
    device_ref = next((devices[x["device"]] for x in s.sensors if x.get("device") in devices), None)
    placements = ", ".join(str(x.get("placement")) for x in s.sensors)
    out = []
    for code, value in session_figures(s).items():
        if value is None:
            continue
        resource: dict[str, Any] = {
            "status": "final",
            "category": [{"coding": [CATEGORY]}],
            "code": _coding(code),
            "subject": {"reference": f"urn:uuid:{patient_id}"},
            "effectivePeriod": period,
            **_value(code, value),
            "identifier": [{"system": SESSION_SYSTEM, "value": f"{s.id}/{code}"}],
            "note": [{"text": f"OefenSense session {s.id} ({s.kind}, {s.assessment}); sensors: {placements}"},
                     *_session_notes(s)],
        }
        if device_ref:
            resource["device"] = {"reference": f"urn:uuid:{device_ref}"}
        out.append(_entry("Observation", _uuid("session", s.id, code), resource))
    return out


def _session_provenance(s: SessionInfo, observations: list[dict[str, Any]],
                        devices: dict[str, str]) -> list[dict[str, Any]]:
    """One Provenance for the session's Observations with every sensor (its Device) as a
    ``performer`` agent: R4's Observation.device holds one device, so a session of a pelvis and a
    trunk sensor named only the first. Empty when the session has no identified sensor (a file
    import) or no figures."""
    agents, seen = [], set()
    for x in s.sensors:
        dev = x.get("device")
        if dev in devices and dev not in seen:
            seen.add(dev)
            agents.append({"type": {"coding": [PERFORMER]}, "role": [{"text": f"sensor at {x.get('placement')}"}],
                           "who": {"reference": f"urn:uuid:{devices[dev]}"}})
    if not agents or not observations:
        return []
    start = s.start.local
    return [_entry("Provenance", _uuid("provenance", s.id), {
        "target": [{"reference": e["fullUrl"]} for e in observations],
        "occurredPeriod": {"start": _iso(start), "end": _iso(start + timedelta(seconds=s.duration_s))},
        "recorded": _iso(s.registered_utc),  # when the session entered the record
        "agent": agents,
    })]


def _entry(resource_type: str, rid: str, body: dict[str, Any]) -> dict[str, Any]:
    return {"fullUrl": f"urn:uuid:{rid}", "resource": {"resourceType": resource_type, "id": rid, **body}}


def code_table() -> list[dict[str, str]]:
    """Every measure with its system, code, unit and names (the table in docs/record.md)."""
    return [{"code": m.code, "system": m.system, "system_code": m.system_code, "unit": m.unit, "en": m.en, "nl": m.nl}
            for m in SESSION_MEASURES + ASSESSMENT_MEASURES]
