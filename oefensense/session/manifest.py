"""The session manifest: a small JSON file replaced atomically (write temp, fsync, rename).

Fields written by the package (the rest come from ``meta`` / ``update_manifest``):

* ``format`` ("oefensense.session"), ``format_version`` (int),
* ``created_utc`` (ISO 8601, wall clock: metadata only, never used for timing),
* ``sensors``: list of ``SensorInfo.to_dict()`` (device family, firmware, placement, rate...),
* ``sensor_join_seq``: per sensor id, the recorded-order number (``seq`` column) it joined at,
* ``writer``: ``flush_interval_s``, ``rotate_s``,
* ``versions``: Python and package versions of the recording host,
* ``segments``: segment files: closed ones ``{"file", "kind", "rows", "bytes", "sha256",
  "t_first_ns", "t_last_ns"}``, the open ones ``{"file", "kind", "open": true}`` (so a deleted
  open segment is noticed), abandoned ones (a write failed) ``{..., "abandoned": true}``,
* ``parquet`` (after compaction): per kind ``{"file", "rows", "sha256", "t_first_ns", "t_last_ns"}``,
* ``device_ids``: ``"hashed"`` (addresses and serials as salted hashes, ``privacy.py``) or ``"kept"``,
* ``closed`` (bool), ``compacted`` (bool), ``recovered`` (bool, set when a crashed session
  was compacted afterwards), ``repaired`` (bool) and ``losses`` (what ``oefensense repair``
  could not keep: ``integrity.Loss`` dicts).

Files are created 0600 and folders 0700 (``FILE_MODE``/``DIR_MODE``): sessions hold patient data.

Free fields by convention: ``calibration``, ``pipeline`` (settings), ``model_hashes``,
``patient``, ``notes``.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

from . import words as w
from .errors import InvalidSessionPatientCode, SessionError
from .format import FORMAT_NAME, FORMAT_VERSION, MANIFEST_NAME

# Keys only the writer sets; update_manifest refuses them so the file stays consistent.
RESERVED_KEYS = frozenset(
    {
        "format",
        "format_version",
        "created_utc",
        "sensors",
        "writer",
        "versions",
        "segments",
        "closed",
        "compacted",
        "recovered",
        "storage",
        "parquet",
        "recovery_warnings",
        "sensor_join_seq",
        "repaired",
        "losses",
        "device_ids",
    }
)

FILE_MODE = 0o600  # session files: readable by their owner only
DIR_MODE = 0o700

_VERSIONED = ("oefensense", "numpy", "scipy", "pyarrow", "imufusion", "onnxruntime", "bleak")


def package_versions() -> dict[str, str]:
    """Python and the versions of the packages that shape a recording (missing ones skipped)."""
    out = {"python": platform.python_version()}
    for name in _VERSIONED:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return out


def file_sha256(path: str | os.PathLike[str]) -> str:
    """``"sha256:<hex>"`` of a file (for the manifest's ``model_hashes``), read in 1 MiB chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return "sha256:" + h.hexdigest()


def check_patient_field(fields: dict[str, Any]) -> None:
    """A ``patient`` field entering a manifest must hold a valid pseudonymous code."""
    if "patient" in fields:
        from .validate import patient_code

        _, problem = patient_code({"patient": fields["patient"]})
        if problem:
            given = fields["patient"]
            raise InvalidSessionPatientCode(given.get("code") if isinstance(given, dict) else given)


def new_manifest(meta: dict[str, Any] | None, flush_interval_s: float, rotate_s: float) -> dict[str, Any]:
    bad = RESERVED_KEYS & set(meta or {})
    if bad:
        raise SessionError(f"meta may not set reserved manifest keys {sorted(bad)}")
    check_patient_field(meta or {})
    m: dict[str, Any] = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "created_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "sensors": [],
        "sensor_join_seq": {},
        "writer": {"flush_interval_s": flush_interval_s, "rotate_s": rotate_s},
        "versions": package_versions(),
        "segments": [],
        "closed": False,
        "compacted": False,
    }
    m.update(meta or {})
    return m


def fsync_dir(path: Path) -> None:
    """Make a rename/create in ``path`` durable (no-op where directories cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def check_json(manifest: dict[str, Any]) -> str:
    """The manifest as JSON text; SessionError naming the problem if a field is not JSON-safe."""
    try:
        return json.dumps(manifest, indent=1, allow_nan=True)
    except (TypeError, ValueError) as exc:
        raise SessionError(
            f"manifest field cannot be stored as JSON: {exc}; use numbers, strings, lists, dicts"
        ) from None


def write_manifest(directory: Path, manifest: dict[str, Any], *, durable_rename: bool = True) -> None:
    """Replace ``manifest.json`` atomically: a crash leaves the old or the new file, never half.
    ``durable_rename=False`` skips the directory fsync (power loss may then keep the previous,
    equally valid manifest): for updates that need not survive one, such as listing a segment
    that was just opened."""
    text = check_json(manifest)
    tmp = directory / (MANIFEST_NAME + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with open(fd, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, directory / MANIFEST_NAME)
    if durable_rename:
        fsync_dir(directory)


def manifest_snapshot(manifest: dict[str, Any]) -> str:
    """The manifest without its file lists, as JSON: embedded in every segment and Parquet file
    so that ``oefensense repair`` can rebuild a deleted or damaged manifest.json."""
    keep = {k: v for k, v in manifest.items() if k not in ("segments", "parquet", "recovery_warnings")}
    return check_json(keep)


def read_manifest(directory: Path) -> dict[str, Any]:
    """The manifest of a session directory, validated; SessionError with advice otherwise."""
    if not directory.exists():
        raise SessionError(w.NO_SESSION, path=directory)
    if not directory.is_dir():
        raise SessionError(w.IS_A_FILE, path=directory)
    path = directory / MANIFEST_NAME
    if not path.is_file():
        raise SessionError(w.NO_MANIFEST if any(directory.iterdir()) else w.EMPTY_DIRECTORY, path=directory)
    try:
        m = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SessionError(w.MANIFEST_NOT_JSON, path=path, reason=exc) from None
    if not isinstance(m, dict) or m.get("format") != FORMAT_NAME:
        raise SessionError(w.NOT_A_MANIFEST, path=path, format=FORMAT_NAME)
    version = m.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SessionError(w.BAD_FORMAT_VERSION, path=path, version=repr(version))
    if version > FORMAT_VERSION:
        raise SessionError(w.NEWER_FORMAT, version=repr(version), supported=FORMAT_VERSION)
    from .validate import check_manifest

    check_manifest(m, str(path))
    return m
