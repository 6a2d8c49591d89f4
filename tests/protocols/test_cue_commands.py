"""Cue commands of each family with an actuator, against its simulated firmware (which logs what
it received); families without one offer none (the computer cues instead)."""

from __future__ import annotations

import numpy as np
import pytest

from oefensense.analysis.feedback_plan import PATTERNS
from oefensense.protocols import get_family
from oefensense.protocols.registry import ORDER


def _firmware(family_id: str):  # noqa: ANN202
    t = np.arange(200, dtype=np.int64) * 10_000_000
    acc = np.tile([0.0, 0.0, 1.0], (200, 1))
    return get_family(family_id).simulated_firmware(t, acc, np.zeros((200, 3)))


def test_oefensense_vibrate_reaches_the_motor_log() -> None:
    fam = get_family("oefensense")
    fw = _firmware("oefensense")
    writes = fam.cue_commands("vibrate", PATTERNS["double"])
    assert [(w.data.hex(), wait) for w, wait in writes] == [("04cc9600", 0.4), ("04cc9600", 0.15)]
    for w, _ in writes:
        [(uuid, answer)] = fw.handle_write(w.char_uuid, w.data)
        assert fam.parse_response(uuid, answer).ok
    assert [(c, d) for _, c, d in fw.received] == [("vibrate", "intensity 204/255, 150 ms")] * 2
    assert [v[1:] for v in fw.vibrations] == [(204, 150)] * 2
    assert fam.cue_commands("beep", PATTERNS["short"]) is None and fam.cue_commands("led", PATTERNS["short"]) is None


def test_a_malformed_vibrate_is_refused_and_not_logged() -> None:
    fam = get_family("oefensense")
    fw = _firmware("oefensense")
    [(uuid, answer)] = fw.handle_write(fam.control_uuid, bytes([0x04, 0xFF]))
    r = fam.parse_response(uuid, answer)
    assert not r.ok and r.message == "BAD_LENGTH" and fw.received == [] and fw.errors


@pytest.mark.parametrize("family_id", ORDER)
def test_every_family_either_offers_a_cue_its_firmware_logs_or_none(family_id: str) -> None:
    fam = get_family(family_id)
    for modality in ("vibrate", "beep", "led"):
        writes = fam.cue_commands(modality, PATTERNS["short"])
        if writes is None:
            continue
        fw = _firmware(family_id)
        for w, wait in writes:
            assert wait >= 0
            fw.handle_write(w.char_uuid, w.data)
        assert fw.errors == [], (family_id, modality, fw.errors)
        assert any(c == modality for _, c, _ in fw.received), (family_id, modality, fw.received)
