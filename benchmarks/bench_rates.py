"""Sampling-rate robustness: real recordings at their native rate and slower, through the real pipeline.

    .venv/bin/python -m benchmarks.bench_rates [--quick]

The supported sensors stream at 12.5-208 Hz and the pipeline analyses everything on a 50 Hz
grid (``oefensense.pipeline.synchroniser``). Each recording is fed as recorded and as a slower
sensor would give it: every k-th sample (SisFall 200 Hz -> 100, 50, 25, 12.5 Hz; HAPT 50 -> 25, 12.5 Hz),
and at a non-integer rate (26 Hz, 104 Hz from SisFall; 26 Hz from HAPT) by linear interpolation
at that rate's own sample times. No anti-alias filter (a sensor's own filter would remove a little
more). Per rate:

* HAPT (users 1-24, never 25-30), whole exp0/exp1 recordings through ``oefensense.api.analyze``:
  seconds per posture, transitions, agreement of the timeline with the labels per second
  (standing/sitting/lying/walking; walking_up/downstairs count as walking; transition seconds
  and unlabelled seconds left out), and the agreement with the native-rate timeline.
* SisFall young adults (SA01-SA23, never SE01-SE15), waist sensor, D15 (lift bending the knees:
  one squat expected) and D16 (lift bending the back: one stoop expected), through ``analyze``:
  trials with exactly one lift, and of those the technique expected.
* Chair transfers: ``five-times-sit-to-stand`` (``oefensense.assessments``) on SisFall
  composites of five D07-D10 trials (``benchmarks/assessment_data.py``): exact five reps, and
  the test time against the native rate's where both have one (s).
* Steps: ``assessments.gait.find_steps`` on the SisFall D01 walks (pelvis), against the native
  rate's count of the same walk (%).

Times s, acceleration g, angular rate deg/s. ``--quick``: fewer recordings.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks._cli import bench_main
from benchmarks.assessment_data import _read, sisfall_composites, write_csv
from oefensense.models.training.held_out import usable

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
HAPT_USERS = tuple(range(1, 25))  # never 25-30 (held out)
SISFALL_YOUNG = tuple(f"SA{i:02d}" for i in range(1, 24))  # never SE01-SE15 (held out)
POSTURES = ("standing", "sitting", "lying", "walking")


def resample(t: np.ndarray, x: np.ndarray, rate_hz: float, native_hz: float) -> tuple[np.ndarray, np.ndarray]:
    """(t, x) as a sensor at ``rate_hz`` would give them: every k-th sample when the native rate
    is a whole multiple, else linear interpolation at the new rate's sample times."""
    k = native_hz / rate_hz
    if abs(k - round(k)) < 1e-6:
        return t[:: int(round(k))], x[:: int(round(k))]
    tn = np.arange(t[0], t[-1], 1.0 / rate_hz)
    return tn, np.column_stack([np.interp(tn, t, x[:, j]) for j in range(x.shape[1])])


def _at_rate(tmp: Path, stem: str, t: np.ndarray, acc: np.ndarray, gyr: np.ndarray, rate: float, native: float,
             placement: str = "pelvis") -> Path:
    """The recording (``t`` s, ``acc`` g, ``gyr`` °/s at ``native`` Hz) as a sensor at ``rate`` Hz
    gives it, written to ``tmp/STEM_RATEhz.PLACEMENT.csv``; returns that path."""
    path = tmp / f"{stem}_{rate:g}hz.{placement}.csv"
    tn, x = resample(t, np.hstack([acc, gyr]), rate, native)
    write_csv(path, tn - tn[0], x[:, :3], x[:, 3:])
    return path


def _analyze(path: Path, out: Path) -> tuple[dict, list[tuple[float, float, str]]]:
    from oefensense.api import analyze

    res = analyze([path], out, placement="pelvis")[0]
    rows = (res.out_dir / "timeline.csv").read_text().splitlines()[1:]
    timeline = [(float(a), float(b), p) for a, b, p, _ in (r.split(",") for r in rows)]
    return res.summary, timeline


def _per_second(timeline: list[tuple[float, float, str]], n: int) -> np.ndarray:
    """The posture at each whole second's middle (``n`` seconds)."""
    out = np.full(n, "", dtype=object)
    mid = np.arange(n) + 0.5
    for a, b, p in timeline:
        out[(mid >= a) & (mid < b)] = p
    return out


def _labels_per_second(t: np.ndarray, lab: np.ndarray, n: int) -> np.ndarray:
    idx = np.clip(np.searchsorted(t - t[0], np.arange(n) + 0.5), 0, len(lab) - 1)
    lab = lab[idx].astype(object)
    lab[np.isin(lab, ("walking_upstairs", "walking_downstairs"))] = "walking"
    return lab


def _hapt(rates: tuple[float, ...], quick: bool, tmp: Path) -> dict:
    files = [DATA / "hapt" / f"user{u:02d}_exp{e}.waist.csv.gz" for u in HAPT_USERS for e in (0, 1)]
    files = usable([f for f in files if f.exists()])[: 4 if quick else None]
    res: dict = {"hapt_recordings": len(files)}
    tally = {r: {"posture_s": dict.fromkeys(POSTURES + ("transition", "unknown"), 0.0), "transitions": 0,
                 "agree": [], "agree_native": []} for r in rates}
    for f in files:
        t, acc, gyr, lab = _read(f)
        native = None
        for r in rates:
            path = _at_rate(tmp, f.name.split('.')[0], t, acc, gyr, r, 50.0)
            summary, timeline = _analyze(path, tmp / "out")
            n = int(t[-1] - t[0])
            per_s = _per_second(timeline, n)
            truth = _labels_per_second(t, lab, n)
            keep = np.isin(truth, POSTURES)
            tally[r]["agree"].append((int(np.sum(per_s[keep] == truth[keep])), int(keep.sum())))
            if native is None:
                native = per_s
            both = per_s != ""
            tally[r]["agree_native"].append((int(np.sum(per_s[both] == native[both])), int(both.sum())))
            for p in tally[r]["posture_s"]:
                tally[r]["posture_s"][p] += float(summary["posture_s"].get(p, 0.0))
            tally[r]["transitions"] += sum(summary["transitions"].values())
    for r, v in tally.items():
        key = f"hapt_{r:g}hz"
        for p, s in v["posture_s"].items():
            res[f"{key}_{p}_s"] = round(s, 1)
        res[f"{key}_transitions"] = v["transitions"]
        a, n = map(sum, zip(*v["agree"]))
        res[f"{key}_labels_agree_pct"] = round(100.0 * a / n, 1)
        a, n = map(sum, zip(*v["agree_native"]))
        res[f"{key}_native_agree_pct"] = round(100.0 * a / n, 1)
    return res


def _sisfall_trials(code: str, quick: bool) -> list[Path]:
    files = []
    for s in SISFALL_YOUNG[:: 4 if quick else 1]:
        files += sorted((DATA / "sisfall" / s).glob(f"{code}_{s}_R0*.waist.csv.gz"))[: 1 if quick else 2]
    return usable(files)


def _lifts(rates: tuple[float, ...], quick: bool, tmp: Path) -> dict:
    res: dict = {}
    for code, want in (("D15", "squat"), ("D16", "stoop")):
        files = _sisfall_trials(code, quick)
        res[f"lifts_{code}_trials"] = len(files)
        for r in rates:
            one, right = 0, 0
            for f in files:
                t, acc, gyr, _ = _read(f)
                path = _at_rate(tmp, f.name.split('.')[0], t, acc, gyr, r, 200.0)
                lifts = _analyze(path, tmp / "out")[0]["lifts"]
                if lifts["count"] == 1:
                    one += 1
                    right += lifts[want] == 1
            res[f"lifts_{code}_{r:g}hz_one_lift_pct"] = round(100.0 * one / len(files), 1)
            res[f"lifts_{code}_{r:g}hz_technique_right_of_one"] = f"{right}/{one}"
    return res


def _chair(rates: tuple[float, ...], quick: bool, tmp: Path) -> dict:
    from oefensense.assessments import RunContext, make_test
    from oefensense.commands.assess_run import frames_of_recordings

    test = make_test("five-times-sit-to-stand")
    exact: dict[float, list[bool]] = {r: [] for r in rates}
    dtime: dict[float, list[float]] = {r: [] for r in rates}  # test time against the native rate's (s)
    for k, (subj, code, t, acc, gyr) in enumerate(sisfall_composites(DATA)):
        if quick and k >= 6:
            break
        native = None
        for r in rates:
            path = _at_rate(tmp, f"{subj}_{code}", t, acc, gyr, r, 200.0, placement="waist")
            out = test.analyse(frames_of_recordings([str(path)]), RunContext())
            n_up = sum(p.name.startswith("stand_up") for p in out.phases)
            exact[r].append(out.reps == 5 and n_up == 5 and not any(f.code == "too_many_reps" for f in out.flags))
            native = out.time_s if r == rates[0] else native
            if native is not None and out.time_s is not None:
                dtime[r].append(out.time_s - native)
    res: dict = {"chair_5xsts_composites": len(exact[rates[0]])}
    for r, v in exact.items():
        res[f"chair_5xsts_{r:g}hz_reps_exact_pct"] = round(100.0 * sum(v) / len(v), 1)
        if dtime[r]:
            res[f"chair_5xsts_{r:g}hz_time_vs_native_median_abs_s"] = round(float(np.median(np.abs(dtime[r]))), 2)
            res[f"chair_5xsts_{r:g}hz_time_vs_native_max_abs_s"] = round(float(np.max(np.abs(dtime[r]))), 2)
    return res


def _steps(rates: tuple[float, ...], quick: bool, tmp: Path) -> dict:
    from oefensense.assessments.gait import find_steps
    from oefensense.io.body_frames import runtime_body_frame

    files = _sisfall_trials("D01", quick)
    errs: dict[float, list[float]] = {r: [] for r in rates}
    for f in files:
        t, acc, gyr, _ = _read(f)
        ref = None
        for r in rates:
            path = _at_rate(tmp, f.name.split('.')[0], t, acc, gyr, r, 200.0)
            fr, _ = runtime_body_frame(path)
            steps = float(find_steps(fr).steps)
            ref = steps if ref is None else ref
            errs[r].append(100.0 * (steps - ref) / ref if ref else np.nan)
    res: dict = {"steps_sisfall_d01_walks": len(files)}
    for r, e in errs.items():
        res[f"steps_{r:g}hz_vs_native_median_abs_pct"] = round(float(np.nanmedian(np.abs(e))), 1)
        res[f"steps_{r:g}hz_vs_native_max_abs_pct"] = round(float(np.nanmax(np.abs(e))), 1)
    return res


def run(quick: bool = False) -> dict:
    t0 = time.perf_counter()
    res: dict = {}
    sisfall_rates = (200.0, 104.0, 100.0, 50.0, 26.0, 25.0, 12.5)
    with tempfile.TemporaryDirectory() as tmp:
        res.update(_hapt((50.0, 26.0, 25.0, 12.5), quick, Path(tmp)))
        res.update(_lifts(sisfall_rates, quick, Path(tmp)))
        res.update(_chair(sisfall_rates, quick, Path(tmp)))
        res.update(_steps(sisfall_rates, quick, Path(tmp)))
    res["wall_s"] = round(time.perf_counter() - t0, 1)
    return res


if __name__ == "__main__":
    if not DATA.exists():
        raise SystemExit("needs ../shared/data")
    bench_main(run)
