"""Synthetic pipeline outputs for dashboard tests, screenshots and the GUI benchmark.

Not a simulator of bodies (that is ``oefensense.sim``): just plausible ``PipelineOutput`` values
(raw samples per sensor, 50 Hz body frames with angles and ``posture_code``, ``lift`` events) so
the view-model and widgets can be exercised without the analysis stages.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from oefensense.core.frames import BodyFrame, THIGH_INCLINATION, TRUNK_FLEXION, TRUNK_LATERAL, TRUNK_TWIST
from oefensense.core.types import NS_PER_S, Event, Placement, SampleBlock, SensorInfo
from oefensense.pipeline import PipelineOutput

from .vocab import DEFAULT_POSTURE_NAMES

DEFAULT_SCRIPT: tuple[tuple[str, float], ...] = (
    ("standing", 12.0),
    ("lift_stoop", 4.0),
    ("standing", 6.0),
    ("sitting", 40.0),
    ("walking", 10.0),
    ("lift_squat", 4.0),
    ("standing", 8.0),
)


def synthetic_sensors(n: int = 3, rate_hz: float = 200.0) -> list[SensorInfo]:
    """``n`` simulated sensors (trunk, pelvis, thigh, then extra trunk ones)."""
    places = [Placement.TRUNK, Placement.PELVIS, Placement.THIGH]
    out = []
    for i in range(n):
        p = places[i] if i < 3 else Placement.TRUNK
        sid = p.value if i < 3 else f"{p.value}{i}"
        out.append(SensorInfo(sid, p, family="simulated", nominal_rate_hz=rate_hz))
    return out


def _script_at(t_s: np.ndarray, script: Sequence[tuple[str, float]]) -> tuple[np.ndarray, np.ndarray]:
    """(activity index, seconds into that activity) for each time, cycling the script."""
    durs = np.array([d for _, d in script])
    ends = np.cumsum(durs)
    tc = np.mod(t_s, ends[-1])
    idx = np.searchsorted(ends, tc, side="right")
    start = ends[idx] - durs[idx]
    return idx, tc - start


def synthetic_outputs(
    duration_s: float,
    sensors: Sequence[SensorInfo] | None = None,
    frame_rate_hz: float = 50.0,
    chunk_s: float = 0.1,
    script: Sequence[tuple[str, float]] = DEFAULT_SCRIPT,
    posture_names: Sequence[str] = DEFAULT_POSTURE_NAMES,
    seed: int = 0,
) -> Iterator[PipelineOutput]:
    """One ``PipelineOutput`` per ``chunk_s`` of session time, starting at t = 0."""
    rng = np.random.default_rng(seed)
    sensors = list(sensors) if sensors is not None else synthetic_sensors()
    code = {name: i for i, name in enumerate(posture_names)}
    n_chunks = int(round(duration_s / chunk_s))
    placements = tuple(dict.fromkeys(s.placement for s in sensors))
    lift_done: set[int] = set()
    for k in range(n_chunks):
        t0, t1 = k * chunk_s, (k + 1) * chunk_s
        out = PipelineOutput()
        for s in sensors:
            n = int(round(chunk_s * s.nominal_rate_hz))
            t = t0 + np.arange(n) / s.nominal_rate_hz
            acc = np.column_stack([np.zeros(n), np.zeros(n), np.ones(n)]) + rng.normal(0, 0.02, (n, 3))
            idx, _ = _script_at(t, script)
            moving = np.array([script[i][0] in ("walking",) or script[i][0].startswith("lift") for i in idx])
            acc[:, 0] += moving * 0.25 * np.sin(2 * np.pi * 1.8 * t)
            out.samples.append(SampleBlock(s.sensor_id, (t * NS_PER_S).astype(np.int64), acc))
        nf = int(round(chunk_s * frame_rate_hz))
        tf = t0 + np.arange(nf) / frame_rate_hz
        idx, into = _script_at(tf, script)
        names = [script[i][0] for i in idx]
        flex = np.full(nf, 5.0) + rng.normal(0, 0.8, nf)
        thigh = np.full(nf, 3.0)
        posture = np.empty(nf, dtype=np.int16)
        for j, (name, u) in enumerate(zip(names, into)):
            dur = script[idx[j]][1]
            if name.startswith("lift"):
                shape = np.sin(np.pi * u / dur) ** 2
                flex[j] += (72.0 if name == "lift_stoop" else 38.0) * shape
                thigh[j] += (8.0 if name == "lift_stoop" else 65.0) * shape
                posture[j] = code.get("standing", 0)
            else:
                if name == "sitting":
                    flex[j] += 10.0
                    thigh[j] = 85.0
                elif name == "walking":
                    flex[j] += 3.0 * np.sin(2 * np.pi * 0.9 * tf[j])
                    thigh[j] += 20.0 * np.sin(2 * np.pi * 0.9 * tf[j])
                posture[j] = code.get(name, 0)
        ch = {
            "valid": np.ones(nf, dtype=bool),
            TRUNK_FLEXION: flex,
            TRUNK_LATERAL: 2.0 * np.sin(2 * np.pi * 0.05 * tf) + rng.normal(0, 0.5, nf),
            TRUNK_TWIST: 4.0 * np.sin(2 * np.pi * 0.03 * tf) + rng.normal(0, 0.5, nf),
            THIGH_INCLINATION: thigh,
            "posture_code": posture,
        }
        out.frames.append(BodyFrame((tf * NS_PER_S).astype(np.int64), frame_rate_hz, placements, ch))
        # A lift event once each lift activity has ended (as the lifting stage would, at its end).
        durs = np.cumsum([d for _, d in script])
        cycle = durs[-1]
        for i, (name, dur) in enumerate(script):
            if not name.startswith("lift"):
                continue
            c = int(t0 // cycle)
            end = c * cycle + durs[i]
            key = c * len(script) + i
            if t0 <= end < t1 and key not in lift_done:
                lift_done.add(key)
                technique = "stoop" if name == "lift_stoop" else "squat"
                peak = 77.0 if technique == "stoop" else 43.0
                out.events.append(
                    Event("lift", int((end - dur) * NS_PER_S), int(end * NS_PER_S), {"technique": technique, "peak_flexion_deg": peak})
                )
        yield out
