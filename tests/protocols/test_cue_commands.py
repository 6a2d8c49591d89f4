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


def test_metawear_haptic_and_led_bytes_follow_the_sdk() -> None:
    """haptic.cpp: ``08 01 duty width(u16) buzzer`` (duty = % x 248 / 100; buzzer duty 127);
    led.cpp: ``02 03 color 02`` + 13-byte pattern, then ``02 01 01`` (play)."""
    fam = get_family("metawear")
    [(motor, wait)] = fam.cue_commands("vibrate", PATTERNS["short"])
    assert motor.data.hex() == "0801c6c80000" and wait == 0.2
    [(buzzer, _)] = fam.cue_commands("beep", PATTERNS["short"])
    assert buzzer.data.hex() == "08017fc80001"
    stop, pattern, play = (w.data.hex() for w, _ in fam.cue_commands("led", PATTERNS["double"]))
    assert (stop, play) == ("020201", "020101")
    assert pattern == "0203020" "21f00" "0000" "9600" "0000" "9001" "0000" "02"  # blue, 150 ms on every 400 ms, x2
    fw = _firmware("metawear")
    for modality in ("vibrate", "beep", "led"):
        for w, _ in fam.cue_commands(modality, PATTERNS["double"]):
            fw.handle_write(w.char_uuid, w.data)
    assert [c for _, c, _ in fw.received] == ["vibrate", "vibrate", "beep", "beep", "led"] and fw.errors == []
    assert fw.received[-1][2] == "color 2, on 150 ms every 400 ms, x2"


def test_thingy_speaker_needs_frequency_mode_and_the_led_flashes() -> None:
    """Sound config ``[speaker mode, mic mode]``, speaker data in frequency mode ``Hz(u16)
    ms(u16) volume``; LED one shot ``[3, color 1-7, intensity 0-100]`` (Thingy.js services)."""
    fam = get_family("thingy52")
    writes = fam.cue_commands("beep", PATTERNS["short"])
    assert [w.data.hex() for w, _ in writes] == ["0101", "7003c8003c"]
    assert fam.cue_commands("vibrate", PATTERNS["short"]) is None
    fw = _firmware("thingy52")
    speaker = writes[1][0]
    fw.handle_write(speaker.char_uuid, speaker.data)  # before the sound config: not in frequency mode
    assert fw.received == [] and fw.errors
    for w, _ in writes + fam.cue_commands("led", PATTERNS["short"]):
        fw.handle_write(w.char_uuid, w.data)
    assert [(c, d) for _, c, d in fw.received] == [
        ("sound_config", "speaker mode 1, microphone mode 1"), ("beep", "880 Hz, 200 ms, volume 60%"),
        ("led", "one shot, color 5, intensity 60%")]
