"""Ready-made sources for the CLI and the GUI: real sensors, or simulated ones on the fake backend.

* ``--device ADDRESS[=placement]`` → :func:`parse_device` → :func:`live_source`.
* ``--simulate FAMILY[:CSV][=placement]`` (+ ``--speed``, ``--inject-dropout FAMILY:AT_S:FOR_S``)
  → :func:`simulated_source`: the same :class:`BleSource`, Bleak's facades, the fake radio.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..core.types import Placement
from ..protocols import StreamConfig, device_variant, get_family
from .clock import MonotonicClock, ScaledClock
from .device import SensorSpec
from .policy import BackoffPolicy
from .simulated import SimSpec, make_world
from .source import MAX_SENSORS, BleSource

DEFAULT_PLACEMENTS = (Placement.TRUNK, Placement.PELVIS, Placement.THIGH, Placement.THIGH)


@dataclass(frozen=True, slots=True)
class DeviceArg:
    """``ADDRESS[=placement]`` with an optional family (``ADDRESS@family=placement``)."""

    address: str
    placement: Placement | None = None
    family: str | None = None


def parse_device(text: str) -> DeviceArg:
    body, _, placement = text.partition("=")
    address, _, family = body.partition("@")
    if not address.strip():
        raise ValueError(f"--device {text!r}: expected ADDRESS[=placement]")
    return DeviceArg(address.strip().upper(), Placement.parse(placement) if placement.strip() else None,
                     family.strip().lower() or None)


def parse_dropout(text: str) -> tuple[str, float, float]:
    """``FAMILY:AT_S:FOR_S`` (FAMILY may also be a placement or an address's last byte)."""
    parts = text.split(":")
    if len(parts) != 3:
        raise ValueError(f"--inject-dropout {text!r}: expected FAMILY:AT_S:FOR_S, e.g. polar:20:5")
    try:
        return parts[0].strip().lower(), float(parts[1]), float(parts[2])
    except ValueError:
        raise ValueError(f"--inject-dropout {text!r}: AT_S and FOR_S must be seconds") from None


def _placements(given: list[Placement | None]) -> list[Placement]:
    out: list[Placement] = []
    free = [p for p in DEFAULT_PLACEMENTS]
    for p in given:
        out.append(p if p is not None else next((q for q in free if q not in out), Placement.THIGH))
    return out


def _ids(placements: list[Placement]) -> list[str]:
    ids: list[str] = []
    for p in placements:
        sid = p.value
        k = 2
        while sid in ids:
            sid = f"{p.value}{k}"
            k += 1
        ids.append(sid)
    return ids


def _config(family: str, rate_hz: float | None) -> StreamConfig:
    """Stream settings for a family id or a board name (``metawear-r``: no gyroscope)."""
    device = device_variant(family)
    fam = get_family(device.family)
    rates = fam.supported_rates_hz
    want = rate_hz or 100.0
    rate = min(rates, key=lambda r: abs(r - want)) if rates else want
    return StreamConfig(rate_hz=rate, gyro=fam.has_gyro and device.gyro)


def simulated_source(sims: list[str], *, speed: float = 1.0, duration_s: float | None = None,
                     dropouts: list[str] = (), rate_hz: float | None = None,
                     policy: BackoffPolicy | None = None, motions: dict[str, tuple] | None = None,
                     loop: bool = True) -> tuple[BleSource, list]:
    """A BleSource over simulated devices; returns (source, devices) (devices for diagnostics).
    ``motions``: one body's motion per placement (see :func:`~oefensense.ble.simulated.make_world`);
    ``loop=False``: a motion that ends holds its last sample instead of starting again."""
    specs = [SimSpec.parse(s) for s in sims]
    if not 1 <= len(specs) <= MAX_SENSORS:
        raise ValueError(f"simulate 1 to {MAX_SENSORS} sensors, got {len(specs)}")
    placements = _placements([Placement.parse(s.placement) if s.placement else None for s in specs])
    ids = _ids(placements)
    clock = ScaledClock(speed)
    if motions is None:  # one body wears every sensor that plays no CSV
        motions = default_motions([pl for pl, spec in zip(placements, specs) if not spec.csv])
    # the resolved placement picks each sensor's part of the body
    placed = [replace(spec, placement=pl.value) for spec, pl in zip(specs, placements)]
    world, devices = make_world(placed, clock, duration_s=duration_s or 600.0, motions=motions, loop=loop)
    for d in dropouts:
        who, at, dur = parse_dropout(d)
        hit = [dev for dev, sid, spec in zip(devices, ids, specs)
               if who in (spec.family, sid, dev.address.lower())]
        if not hit:
            raise ValueError(f"--inject-dropout {d!r}: no simulated sensor {who!r} (have {', '.join(ids)})")
        hit[0].faults.dropouts.append((at, dur))
    sensors = [SensorSpec(dev.address, pl, dev.family.id, sensor_id=sid, config=_config(spec.family, rate_hz))
               for dev, pl, sid, spec in zip(devices, placements, ids, specs)]
    src = BleSource(sensors, clock=clock, duration_s=duration_s, policy=policy,
                    client_backend=world.client_backend, scanner_backend=world.scanner_backend)
    return src, devices


def default_motions(placements: list[Placement]) -> dict[str, tuple]:
    """What simulated sensors that play no CSV measure, looped: waist sensors alone play the
    bundled real recording (the HAPT waist excerpt that ``oefensense demo`` plays: the pelvis
    posture model was trained on real waist data and cannot name the simulator's sitting, see
    docs/posture.md); any other set of placements is one simulated body doing a working day."""
    if placements and set(placements) == {Placement.PELVIS}:
        from ..sources.simulated import bundled_recording

        b = bundled_recording().block
        return {Placement.PELVIS.value: (b.t_ns - b.t_ns[0], b.acc_g, b.gyr_dps)}
    return working_day_motions(placements)


def working_day_motions(placements: list[Placement], rate_hz: float = 100.0) -> dict[str, tuple]:
    """``(t_ns, acc_g, gyr_dps)`` per placement of one simulated body doing
    :func:`~oefensense.sim.script.working_day_script` (sensors mounted straight, seed 0)."""
    from ..sim import simulate
    from ..sim.script import working_day_script

    if not placements:
        return {}
    sim = simulate(working_day_script(), rate_hz=rate_hz, mounting="identity", seed=0,
                   placements=tuple(dict.fromkeys(placements)))
    return {p.value: (b.t_ns - b.t_ns[0], b.acc_g, b.gyr_dps) for p, b in sim.blocks.items()}


def live_source(devices: list[str], *, duration_s: float | None = None, rate_hz: float | None = None,
                scan_timeout_s: float = 10.0, policy: BackoffPolicy | None = None) -> BleSource:
    """A BleSource over real sensors (``--device`` values); families come from the advertisement
    (or ``ADDRESS@family``), found in one scan before connecting."""
    args = [parse_device(d) for d in devices]
    if not 1 <= len(args) <= MAX_SENSORS:
        raise ValueError(f"record 1 to {MAX_SENSORS} sensors, got {len(args)}")
    placements = _placements([a.placement for a in args])
    ids = _ids(placements)
    sensors = []
    for a, pl, sid in zip(args, placements, ids):
        family = a.family or "auto"
        sensors.append(SensorSpec(a.address, pl, device_variant(family).family if a.family else family, sensor_id=sid,
                                  config=_config(family, rate_hz) if family != "auto"
                                  else StreamConfig(rate_hz=rate_hz or 100.0)))
    return BleSource(sensors, clock=MonotonicClock(), duration_s=duration_s, policy=policy,
                     scan_timeout_s=scan_timeout_s)
