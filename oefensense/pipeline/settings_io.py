"""PipelineSettings to and from the session manifest (so replays use the recorded settings)."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from .pipeline import PipelineSettings
from .synchroniser import SyncSettings


def settings_to_manifest(settings: PipelineSettings) -> dict[str, Any]:
    sync: dict[str, Any] = {
        "rate_hz": settings.sync.rate_hz,
        "max_gap_s": settings.sync.max_gap_s,
        "max_lag_s": settings.sync.max_lag_s,
        # always written, default or not: a replay must not follow a later change of the default
        "acc_interpolation": settings.sync.acc_interpolation,
    }
    return {
        "sync": sync,
        "min_block_s": settings.min_block_s,
        "stages": None if settings.stages is None else list(settings.stages),
        "stage_settings": settings.stage_settings,
    }


class SettingsError(ValueError):
    """Recorded pipeline settings that cannot be used; the message names the field."""


_SYNC_FIELDS = {f.name for f in dataclasses.fields(SyncSettings)}
#: what a manifest written before the key existed was recorded with (not "the default": that may change)
RECORDED_BEFORE_THE_KEY = {"acc_interpolation": "linear"}
_KEYS = {"sync", "min_block_s", "stages", "stage_settings"}


def _positive(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and v > 0


def settings_from_manifest(manifest: dict[str, Any]) -> PipelineSettings:
    """The settings a session was recorded with. A manifest without pipeline settings gets the
    defaults, and a ``sync`` without ``acc_interpolation`` (both written before the key existed)
    ``"linear"``: what it was recorded with, whatever the default is now. Checked before
    use: unknown fields, a grid rate or time limit that is not a positive number (``rate_hz: 0``)
    or stage lists of the wrong type raise :class:`SettingsError` naming the field; the stage
    names and their settings are checked by the stage registry when the pipeline is built."""
    data = manifest.get("pipeline_settings")
    if not data:
        return PipelineSettings(sync=SyncSettings(**RECORDED_BEFORE_THE_KEY))

    def bad(field: str, what: str) -> SettingsError:
        return SettingsError(f"recorded pipeline_settings.{field} {what}")

    if not isinstance(data, dict):
        raise SettingsError("recorded pipeline_settings must be an object")
    unknown = set(data) - _KEYS
    if unknown:
        raise bad(sorted(unknown)[0], f"is not a setting (known: {', '.join(sorted(_KEYS))})")
    sync = data.get("sync", {})
    if not isinstance(sync, dict):
        raise bad("sync", "must be an object")
    for k, v in sync.items():
        if k not in _SYNC_FIELDS:
            raise bad(f"sync.{k}", f"is not a setting (known: {', '.join(sorted(_SYNC_FIELDS))})")
        if k == "acc_interpolation":
            if v not in ("linear", "sinc"):
                raise bad(f"sync.{k}", f"must be \"linear\" or \"sinc\", got {v!r}")
            continue
        if not _positive(v):
            raise bad(f"sync.{k}", f"must be a positive number, got {v!r}")
    min_block = data.get("min_block_s", PipelineSettings.min_block_s)
    if not (_positive(min_block) or min_block == 0):
        raise bad("min_block_s", f"must be a number >= 0 (seconds), got {min_block!r}")
    stages = data.get("stages")
    if stages is not None and not (isinstance(stages, list) and all(isinstance(x, str) for x in stages)):
        raise bad("stages", "must be a list of stage names")
    stage_settings = data.get("stage_settings", {})
    if not isinstance(stage_settings, dict) or not all(isinstance(v, dict) for v in stage_settings.values()):
        raise bad("stage_settings", "must map stage names to objects of settings")
    return PipelineSettings(
        sync=SyncSettings(**{**RECORDED_BEFORE_THE_KEY, **sync}),
        stages=None if stages is None else tuple(stages),
        min_block_s=float(min_block),
        stage_settings=dict(stage_settings),
    )
