"""Small helpers every family uses: UUID forms, advertisement matching, quantisation,
command answers. numpy only."""

from __future__ import annotations

import numpy as np

from .base import AdvertisementInfo, CommandResponse

NS = 1_000_000_000

# ---------------------------------------------------------------------------------------------
# UUID helpers


def sig_uuid(short: int) -> str:
    """16-bit Bluetooth SIG UUID in its full lowercase 128-bit form."""
    return f"{short:08x}-0000-1000-8000-00805f9b34fb"


BATTERY_SERVICE_UUID = sig_uuid(0x180F)
BATTERY_LEVEL_UUID = sig_uuid(0x2A19)


def norm_uuid(u: str) -> str:
    """Lowercase full-form UUID (accepts 4- or 8-hex-digit short forms)."""
    u = u.strip().lower()
    if len(u) in (4, 8):
        return sig_uuid(int(u, 16))
    return u


def adv_matches(
    adv: AdvertisementInfo,
    name_prefixes: tuple[str, ...] = (),
    service_uuids: tuple[str, ...] = (),
    name_contains: tuple[str, ...] = (),
) -> bool:
    """True if the advertised name starts with / contains one of the given strings (case-blind)
    or one of ``service_uuids`` is advertised."""
    name = (adv.name or "").lower()
    if any(name.startswith(p.lower()) for p in name_prefixes):
        return True
    if any(s.lower() in name for s in name_contains):
        return True
    adv_uuids = {norm_uuid(u) for u in adv.service_uuids}
    return any(norm_uuid(u) in adv_uuids for u in service_uuids)


# ---------------------------------------------------------------------------------------------
# Numeric helpers


def quantise(x: np.ndarray, scale: float, bits: int) -> np.ndarray:
    """Round ``x * scale`` to signed ``bits``-bit integers, saturating like a sensor ADC (int64)."""
    lim = (1 << (bits - 1)) - 1
    return np.clip(np.rint(np.asarray(x, dtype=np.float64) * scale), -lim - 1, lim).astype(np.int64)


def resp(ok: bool, code: int, message: str, command: int = -1, params: bytes = b"") -> CommandResponse:
    return CommandResponse(ok=ok, code=code, message=message, command=command, params=params)
