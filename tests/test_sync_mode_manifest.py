"""A session replays with the acceleration interpolation it was recorded with, whatever the
default becomes: the manifest always writes ``sync.acc_interpolation``, and a manifest written
before the key existed (or without pipeline settings at all) reads as ``"linear"``. The batch
settings hash stays what it was for the linear default (earlier batch outputs stay current)."""

from __future__ import annotations

import hashlib
import json

import pytest

from oefensense.batch import settings_sha256
from oefensense.pipeline.pipeline import PipelineSettings
from oefensense.pipeline.settings_io import settings_from_manifest, settings_to_manifest
from oefensense.pipeline.synchroniser import SyncSettings

#: pipeline_settings as a manifest written before the key (main 417c2df and earlier) holds them
OLD_MANIFEST = {"pipeline_settings": {
    "sync": {"rate_hz": 50.0, "max_gap_s": 0.25, "max_lag_s": 3.0},
    "min_block_s": 1.0, "stages": None, "stage_settings": {}}}


@pytest.fixture
def sinc_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """``SyncSettings()`` as it will be once the default is flipped to "sinc"."""
    d = SyncSettings.__init__.__defaults__
    monkeypatch.setattr(SyncSettings.__init__, "__defaults__", (*d[:-1], "sinc"))
    assert SyncSettings().acc_interpolation == "sinc"


@pytest.mark.parametrize("mode", ["linear", "sinc"])
def test_the_manifest_always_writes_the_mode(mode: str) -> None:
    m = settings_to_manifest(PipelineSettings(sync=SyncSettings(acc_interpolation=mode)))
    assert m["sync"]["acc_interpolation"] == mode
    assert settings_from_manifest({"pipeline_settings": m}).sync.acc_interpolation == mode


def test_an_old_manifest_reads_as_linear_under_a_sinc_default(sinc_default: None) -> None:
    assert settings_from_manifest(OLD_MANIFEST).sync == SyncSettings(acc_interpolation="linear")
    assert settings_from_manifest({}).sync.acc_interpolation == "linear"  # no pipeline settings at all
    assert settings_from_manifest({"pipeline_settings": {}}).sync.acc_interpolation == "linear"
    # a new manifest written under that default carries it
    m = settings_to_manifest(PipelineSettings())
    assert settings_from_manifest({"pipeline_settings": m}).sync.acc_interpolation == "sinc"


def test_an_old_manifest_reads_as_linear_under_the_linear_default() -> None:
    s = settings_from_manifest(OLD_MANIFEST)
    assert s.sync == SyncSettings(acc_interpolation="linear") and s.min_block_s == 1.0


def test_the_batch_settings_hash_is_unchanged_for_linear_and_changes_for_sinc(monkeypatch: pytest.MonkeyPatch) -> None:
    d = SyncSettings.__init__.__defaults__
    monkeypatch.setattr(SyncSettings.__init__, "__defaults__", (*d[:-1], "linear"))  # whatever the default is
    m = settings_to_manifest(PipelineSettings())
    del m["sync"]["acc_interpolation"]  # the manifest form the hash was taken of before the key
    before = "sha256:" + hashlib.sha256(json.dumps({"pipeline": m, "placement": "pelvis", "angles": False, "tz": None},
                                                   sort_keys=True).encode()).hexdigest()
    assert settings_sha256("pelvis", False) == before
    monkeypatch.setattr(SyncSettings.__init__, "__defaults__", (*d[:-1], "sinc"))
    assert settings_sha256("pelvis", False) != before
