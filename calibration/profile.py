"""Calibration profiles on disk: one JSON file per sensor (:class:`ProfileStore`).

The profile itself (:class:`CalibrationProfile`, the corrections and their units) is a core type
(``oefensense.core.calibration``) so the orientation chain can apply it without importing this
package; saving/loading is the caller's job, never a pipeline step's.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..core.calibration import PROFILE_FORMAT_VERSION, CalibrationProfile

__all__ = ["PROFILE_FORMAT_VERSION", "CalibrationProfile", "ProfileStore", "load_profile", "save_profile"]


def save_profile(profile: CalibrationProfile, path: str | Path) -> Path:
    """Write ``profile`` as pretty JSON (atomic replace)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(profile.to_dict(), indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


def load_profile(path: str | Path) -> CalibrationProfile:
    """Read a profile written by :func:`save_profile`; ValueError with the path on bad content."""
    path = Path(path)
    try:
        return CalibrationProfile.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (json.JSONDecodeError, TypeError, ValueError) as exc:
        raise ValueError(f"{path}: not a valid calibration profile ({exc})") from exc


class ProfileStore:
    """A folder of profiles, one ``<device_id>.json`` per sensor (id sanitised for file names)."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def path_for(self, device_id: str) -> Path:
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in device_id) or "unnamed"
        return self.folder / f"{safe}.json"

    def get(self, device_id: str) -> CalibrationProfile | None:
        p = self.path_for(device_id)
        return load_profile(p) if p.exists() else None

    def put(self, profile: CalibrationProfile) -> Path:
        return save_profile(profile, self.path_for(profile.device_id))
