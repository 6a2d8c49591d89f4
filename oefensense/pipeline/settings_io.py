"""PipelineSettings to and from the session manifest (so replays use the recorded settings)."""

from __future__ import annotations

from typing import Any

from .pipeline import PipelineSettings
from .synchroniser import SyncSettings


def settings_to_manifest(settings: PipelineSettings) -> dict[str, Any]:
    return {
        "sync": {
            "rate_hz": settings.sync.rate_hz,
            "max_gap_s": settings.sync.max_gap_s,
            "max_lag_s": settings.sync.max_lag_s,
        },
        "min_block_s": settings.min_block_s,
        "stages": None if settings.stages is None else list(settings.stages),
        "stage_settings": settings.stage_settings,
    }


def settings_from_manifest(manifest: dict[str, Any]) -> PipelineSettings | None:
    """None when the manifest has no pipeline settings (then the defaults apply)."""
    data = manifest.get("pipeline_settings")
    if not data:
        return None
    return PipelineSettings(
        sync=SyncSettings(**data["sync"]),
        stages=None if data.get("stages") is None else tuple(data["stages"]),
        min_block_s=float(data.get("min_block_s", PipelineSettings.min_block_s)),
        stage_settings=dict(data.get("stage_settings", {})),
    )
