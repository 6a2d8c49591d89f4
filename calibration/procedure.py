"""Guided calibration procedures as UI-free state machines.

Feed samples in (``feed(block)``), read back which prompt to show, the progress of the current
step and whether the procedure is done. The CLI (``oefensense calibrate``) and the dashboard
drive the same objects; nothing here prints, sleeps or reads a clock (time = sample time).

:class:`AlignmentProcedure` (about 10 s): stand still upright (gyro bias + up direction per
sensor), bend forward and hold (forward direction of trunk/pelvis sensors), stand up again; with
a thigh sensor, sit down and hold (forward of the thigh). Result: a CalibrationProfile per
sensor with gyro bias and sensor-to-segment alignment (with a quality value).

:class:`AccelerometerPoseProcedure`: place the sensor still in six different orientations; an
iterative sphere fit gives accelerometer offset and scale.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import numpy as np

from ..core.types import NS_PER_S, Placement, SampleBlock, SensorInfo
from ..orientation.alignment import alignment_from_poses
from .profile import CalibrationProfile
from .sensor_cal import AccCalibration, CalibrationError, calibrate_accelerometer_poses


class Step(str, Enum):
    STAND_STILL = "stand_still"
    BEND_FORWARD = "bend_forward"
    STAND_AGAIN = "stand_again"
    SIT_DOWN = "sit_down"
    POSE = "pose"
    DONE = "done"
    FAILED = "failed"


PROMPTS = {
    "en": {
        Step.STAND_STILL: "Stand upright and still, arms relaxed, look straight ahead.",
        Step.BEND_FORWARD: "Bend forward from the hips (knees straight) and hold still.",
        Step.STAND_AGAIN: "Stand upright again and hold still.",
        Step.SIT_DOWN: "Sit down on a chair and hold still.",
        Step.POSE: "Put the sensor down still in a new orientation (another face down).",
        Step.DONE: "Calibration complete.",
        Step.FAILED: "Calibration failed.",
    },
    "nl": {
        Step.STAND_STILL: "Sta rechtop en stil, armen ontspannen, kijk recht vooruit.",
        Step.BEND_FORWARD: "Buig voorover vanuit de heupen (knieën gestrekt) en houd stil.",
        Step.STAND_AGAIN: "Kom weer rechtop staan en houd stil.",
        Step.SIT_DOWN: "Ga op een stoel zitten en houd stil.",
        Step.POSE: "Leg de sensor stil neer in een nieuwe stand (een andere kant naar beneden).",
        Step.DONE: "Kalibratie klaar.",
        Step.FAILED: "Kalibratie mislukt.",
    },
}


@dataclass(frozen=True)
class ProcedureStatus:
    """What the UI shows: ``step`` (→ ``PROMPTS[lang][step]``), progress of the step and of the
    whole procedure (0…1), a hint such as "hold still" and, when failed, the reason."""

    step: Step
    step_progress: float
    overall_progress: float
    hint: str = ""
    error: str = ""

    @property
    def done(self) -> bool:
        return self.step in (Step.DONE, Step.FAILED)

    def prompt(self, lang: str = "en") -> str:
        return PROMPTS.get(lang, PROMPTS["en"])[self.step]


@dataclass(frozen=True)
class ProcedureSettings:
    window_s: float = 0.5  # stillness is judged over the latest window
    still_acc_sd_g: float = 0.02
    still_gyr_sd_dps: float = 3.0
    hold_acc_sd_g: float = 0.04  # a held bend/sit may shake a little more
    stand_s: float = 3.0
    bend_hold_s: float = 1.0
    bend_min_deg: float = 25.0  # trunk; the pelvis needs half of it
    stand_again_s: float = 1.0
    sit_hold_s: float = 1.5
    sit_min_deg: float = 45.0
    step_timeout_s: float = 30.0


class _Recent:
    """The latest window of one sensor's samples (for stillness), plus the sensor's info."""

    def __init__(self, info: SensorInfo, n: int):
        self.info = info
        self.n = n
        self.acc = np.zeros((0, 3))
        self.gyr: np.ndarray | None = None
        self.t_ns = 0

    def push(self, b: SampleBlock) -> None:
        self.acc = np.concatenate([self.acc, b.acc_g])[-self.n :]
        if b.gyr_dps is not None:
            g = b.gyr_dps if self.gyr is None else np.concatenate([self.gyr, b.gyr_dps])
            self.gyr = g[-self.n :]
        self.t_ns = int(b.t_ns[-1])

    def full(self) -> bool:
        return self.acc.shape[0] >= self.n

    def still(self, acc_sd: float, gyr_sd: float) -> bool:
        if not self.full() or not np.isfinite(self.acc).all():
            return False
        ok = bool((self.acc.std(axis=0) < acc_sd).all())
        if self.gyr is not None and self.gyr.shape[0] >= self.n:
            ok &= bool((self.gyr.std(axis=0) < gyr_sd).all())
        return ok

    def mean_dir(self) -> np.ndarray:
        m = self.acc.mean(axis=0)
        return m / np.linalg.norm(m)


class AlignmentProcedure:
    """Guided sensor-to-segment alignment for all worn sensors at once (see module docstring)."""

    def __init__(self, sensors: list[SensorInfo], settings: ProcedureSettings | None = None):
        if not sensors:
            raise ValueError("the procedure needs at least one sensor")
        self.sensors = {s.sensor_id: s for s in sensors}
        self.settings = settings or ProcedureSettings()
        self.reset()

    def reset(self) -> None:
        s = self.settings
        self._recent = {
            sid: _Recent(info, max(int(s.window_s * (info.nominal_rate_hz or 100.0)), 4)) for sid, info in self.sensors.items()
        }
        has_bend = any(i.placement != Placement.THIGH for i in self.sensors.values())
        has_thigh = any(i.placement == Placement.THIGH for i in self.sensors.values())
        self._steps = [Step.STAND_STILL]
        if has_bend:
            self._steps += [Step.BEND_FORWARD, Step.STAND_AGAIN]
        if has_thigh:
            self._steps += [Step.SIT_DOWN]
        self._i = 0
        self._hold_ns = 0
        self._last_ns: int | None = None
        self._step_start_ns: int | None = None
        self._acc_sum: dict[str, dict[Step, np.ndarray]] = {sid: {} for sid in self.sensors}
        self._gyr_sum: dict[str, np.ndarray] = {}
        self._count: dict[str, dict[Step, int]] = {sid: {} for sid in self.sensors}
        self._up: dict[str, np.ndarray] = {}
        self._error = ""
        self._hint = ""
        self.status = self._status()

    # ------------------------------------------------------------------ feeding
    def feed(self, block: SampleBlock) -> ProcedureStatus:
        """Add samples of one sensor; returns the status after them."""
        if self.status.done or len(block) == 0:
            return self.status
        rec = self._recent.get(block.sensor_id)
        if rec is None:
            return self.status  # a sensor that is not part of the procedure
        rec.push(block)
        now = min(r.t_ns for r in self._recent.values())
        if any(not r.full() for r in self._recent.values()):
            return self.status
        if self._step_start_ns is None:
            self._step_start_ns = now
        dt = 0 if self._last_ns is None else max(now - self._last_ns, 0)
        self._last_ns = now
        step = self._steps[self._i]
        ok, hint = self._condition(step)
        self._hint = hint
        if ok:
            self._hold_ns += dt
            self._collect(step)
        else:
            self._hold_ns = 0
            self._discard(step)
        if self._hold_ns >= self._need_ns(step):
            self._finish_step(step)
        elif now - self._step_start_ns > self.settings.step_timeout_s * NS_PER_S:
            self._error = f"step '{step.value}' not completed within {self.settings.step_timeout_s:.0f} s ({hint or 'condition not met'})"
            self._i = len(self._steps)
        self.status = self._status()
        return self.status

    def _need_ns(self, step: Step) -> int:
        s = self.settings
        sec = {Step.STAND_STILL: s.stand_s, Step.BEND_FORWARD: s.bend_hold_s, Step.STAND_AGAIN: s.stand_again_s, Step.SIT_DOWN: s.sit_hold_s}[step]
        return int(sec * NS_PER_S)

    def _tilt_deg(self, sid: str) -> float:
        up = self._up[sid]
        return float(np.degrees(np.arccos(np.clip(self._recent[sid].mean_dir() @ up, -1, 1))))

    def _condition(self, step: Step) -> tuple[bool, str]:
        s = self.settings
        if step in (Step.STAND_STILL, Step.STAND_AGAIN):
            moving = [sid for sid, r in self._recent.items() if not r.still(s.still_acc_sd_g, s.still_gyr_sd_dps)]
            if moving:
                return False, "hold still"
            if step == Step.STAND_AGAIN and any(self._tilt_deg(sid) > 10.0 for sid in self._recent):
                return False, "stand fully upright"
            return True, ""
        if any(not r.still(s.hold_acc_sd_g, 3 * s.still_gyr_sd_dps) for r in self._recent.values()):
            return False, "hold the position still"
        if step == Step.BEND_FORWARD:
            for sid, r in self._recent.items():
                pl = r.info.placement
                need = s.bend_min_deg if pl == Placement.TRUNK else s.bend_min_deg / 2 if pl == Placement.PELVIS else None
                if need is not None and self._tilt_deg(sid) < need:
                    return False, "bend further forward"
            return True, ""
        if step == Step.SIT_DOWN:
            for sid, r in self._recent.items():
                if r.info.placement == Placement.THIGH and self._tilt_deg(sid) < s.sit_min_deg:
                    return False, "sit down"
            return True, ""
        return False, ""

    def _collect(self, step: Step) -> None:
        for sid, r in self._recent.items():
            self._acc_sum[sid][step] = self._acc_sum[sid].get(step, np.zeros(3)) + r.acc[-1]
            self._count[sid][step] = self._count[sid].get(step, 0) + 1
            if step == Step.STAND_STILL and r.gyr is not None:
                self._gyr_sum[sid] = self._gyr_sum.get(sid, np.zeros(3)) + r.gyr[-1]

    def _discard(self, step: Step) -> None:
        for sid in self._recent:
            self._acc_sum[sid].pop(step, None)
            self._count[sid].pop(step, None)
            if step == Step.STAND_STILL:
                self._gyr_sum.pop(sid, None)

    def _finish_step(self, step: Step) -> None:
        if step == Step.STAND_STILL:
            for sid in self._recent:
                m = self._acc_sum[sid][step]
                self._up[sid] = m / np.linalg.norm(m)
        self._i += 1
        self._hold_ns = 0
        self._step_start_ns = self._last_ns

    def _status(self) -> ProcedureStatus:
        n = len(self._steps)
        if self._error:
            return ProcedureStatus(Step.FAILED, 0.0, self._i / n, error=self._error)
        if self._i >= n:
            return ProcedureStatus(Step.DONE, 1.0, 1.0)
        step = self._steps[self._i]
        p = min(self._hold_ns / max(self._need_ns(step), 1), 1.0)
        return ProcedureStatus(step, p, (self._i + p) / n, hint=self._hint)

    # ------------------------------------------------------------------ result
    def result(self, created: str = "") -> dict[str, CalibrationProfile]:
        """Profiles per sensor id (gyro bias, alignment with quality). Only when done."""
        if self.status.step != Step.DONE:
            raise CalibrationError(f"procedure not finished (at step {self.status.step.value}) {self._error}".strip())
        out = {}
        for sid, info in self.sensors.items():
            up_mean = self._acc_sum[sid][Step.STAND_STILL] / self._count[sid][Step.STAND_STILL]
            tilt_step = Step.SIT_DOWN if info.placement == Placement.THIGH else Step.BEND_FORWARD
            tilt_mean = self._acc_sum[sid][tilt_step] / self._count[sid][tilt_step]
            al = alignment_from_poses(up_mean[None], tilt_mean[None], info.placement, min_tilt_deg=10.0)
            bias = self._gyr_sum[sid] / self._count[sid][Step.STAND_STILL] if sid in self._gyr_sum else np.zeros(3)
            still_s = self._count[sid][Step.STAND_STILL] / (info.nominal_rate_hz or 100.0)
            out[sid] = CalibrationProfile(
                device_id=info.address or sid,
                family=info.family,
                gyro_bias_dps=tuple(bias),
                alignment=al.to_dict(),
                quality={"alignment_quality": al.quality, "gyro_still_s": still_s, **al.details},
                created=created,
                notes=f"guided alignment, placement {info.placement.value}",
            )
        return out


class AccelerometerPoseProcedure:
    """Multi-pose accelerometer calibration for one sensor: hold still in ``poses`` orientations
    at least ``min_angle_deg`` apart, ``hold_s`` each; then fit offset and scale."""

    def __init__(self, info: SensorInfo, poses: int = 6, hold_s: float = 2.0, min_angle_deg: float = 45.0,
                 still_acc_sd_g: float = 0.01):
        self.info = info
        self.poses = poses
        self.hold_s = hold_s
        self.min_angle_deg = min_angle_deg
        self.still_acc_sd_g = still_acc_sd_g
        self.reset()

    def reset(self) -> None:
        self._recent = _Recent(self.info, max(int(0.5 * (self.info.nominal_rate_hz or 100.0)), 4))
        self._means: list[np.ndarray] = []
        self._sum = np.zeros(3)
        self._n = 0
        self._hold_ns = 0
        self._last_ns: int | None = None
        self._fit: AccCalibration | None = None
        self._error = ""
        self.status = ProcedureStatus(Step.POSE, 0.0, 0.0)

    def feed(self, block: SampleBlock) -> ProcedureStatus:
        if self.status.done or len(block) == 0 or block.sensor_id != self.info.sensor_id:
            return self.status
        self._recent.push(block)
        now = self._recent.t_ns
        dt = 0 if self._last_ns is None else max(now - self._last_ns, 0)
        self._last_ns = now
        hint = ""
        if self._recent.still(self.still_acc_sd_g, 3.0):
            d = self._recent.mean_dir()
            if any(np.degrees(np.arccos(np.clip(d @ (m / np.linalg.norm(m)), -1, 1))) < self.min_angle_deg for m in self._means):
                hint = "choose an orientation not used yet"
                self._hold_ns, self._sum, self._n = 0, np.zeros(3), 0
            else:
                self._hold_ns += dt
                self._sum += self._recent.acc[-1]
                self._n += 1
        else:
            hint = "hold still"
            self._hold_ns, self._sum, self._n = 0, np.zeros(3), 0
        if self._hold_ns >= self.hold_s * NS_PER_S and self._n:
            self._means.append(self._sum / self._n)
            self._hold_ns, self._sum, self._n = 0, np.zeros(3), 0
            hint = "next orientation"
        done = len(self._means)
        if done >= self.poses:
            try:
                self._fit = calibrate_accelerometer_poses(np.array(self._means))
                self.status = ProcedureStatus(Step.DONE, 1.0, 1.0)
            except CalibrationError as exc:
                self._error = str(exc)
                self.status = ProcedureStatus(Step.FAILED, 0.0, 1.0, error=self._error)
            return self.status
        p = min(self._hold_ns / (self.hold_s * NS_PER_S), 1.0)
        self.status = ProcedureStatus(Step.POSE, p, (done + p) / self.poses, hint=hint)
        return self.status

    def result(self, base: CalibrationProfile | None = None) -> CalibrationProfile:
        if self._fit is None:
            raise CalibrationError(self._error or "procedure not finished")
        base = base or CalibrationProfile(device_id=self.info.address or self.info.sensor_id, family=self.info.family)
        q = dict(base.quality)
        q.update(acc_rms_error_before_g=self._fit.rms_error_before_g, acc_rms_error_after_g=self._fit.rms_error_after_g)
        return base.replace(acc_offset_g=tuple(self._fit.offset_g), acc_scale=tuple(self._fit.scale), quality=q)
