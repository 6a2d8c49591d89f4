"""Lifting: real-data accuracy (leave-one-subject-out), simulator truth, and throughput.

    .venv/bin/python -m benchmarks.bench_lifting [--quick]

Real data: SisFall young adults, waist sensor (``/work/shared/data/sisfall``), through the
project's SensorChain + Synchroniser. For each held-out subject the lift model is trained on the
other 22 subjects (``models/training/train_lifting.py``) and the real ``LiftingStage`` runs over
the held-out subject's trials (the model is exported to ONNX and run by onnxruntime in
every fold, as shipped). D15 (bend at the knees) should give one ``squat`` lift, D16 (bend
without the knees) one ``stoop`` lift; D01 (walking) and D07–D10 (sit down / stand up) none.
D12/D13 (sit, lie down, get up), D14 (roll while lying) and D17 (car) none either
(``lying_car_*``, the issue's <= 3 per 10 min). Baseline: one threshold on peak waist
inclination (also chosen leave-one-subject-out). The posture stages (posture → transitions →
sitting) run first, as in the Pipeline. ``sisfall_*``: the shipped defaults, which are exactly
the set the selection rule picks in one pass on all 23 subjects (``train_lifting --choose``:
P(lift) threshold, posture guard, plane gate, slow-lift limit); ``sisfall_nested_*``: the P(lift)
threshold and posture guard chosen inside 5 subject folds (``train_lifting.nested_choice``, inner
subject folds; the plane gate off); without the guard
(``sisfall_no_posture_guard_*``); two ablations of the episode finder (``sisfall_ablation_*``:
episodes found again without the standing reference / with a zero-velocity update at every still
sample, model retrained per fold). The plane gate (issue #16; shipped 4 Dec 2026: it trades one
lift trial for the lying/car false lifts, docs/lifting.md): the plain ``sisfall_*`` and ``lodo_*``
figures are with the shipped defaults (the gate on); ``sisfall_nested_*`` chooses the pair with the
gate off, ``sisfall_nested_plane_*`` its setting and the slow-lift limit too, inside the folds after
the pair (every shipped choice nested). The slow-lift rule (issue #16, on since 4 Dec 2026: a stoop/mixed call on an episode whose
pelvis never turns faster than ``ambiguous_below_gyr_dps`` is technique ``undetermined``, counted
as not correct): in the plain ``sisfall_*`` figures (shipped default), and chosen last inside the
folds in ``sisfall_nested_plane_*``; ``*_technique_correct_rule_off_pct`` is the same run's
figure without it, ``older_sim_*_undetermined_pct`` / ``_wrong_pct`` what it does on the
simulator's slow lifts.

Leave-one-dataset-out (``lodo_hapt_*``): the shipped model, trained and tuned on SisFall only,
over every HAPT recording (no lifts there: every lift is false), per activity group. The other
directions cannot be measured: only SisFall has lifts, and MobiFall is a thigh sensor, which the
lift stage does not read.
``--quick`` uses 6 subjects (still leave-one-subject-out among them).

Simulator: ``oefensense.sim.lifting_demo_script`` (squat, semi-squat, stoop lifts with known
truth) with trunk+pelvis+thigh sensors, random mountings, gyro bias: peak trunk flexion error
and the stoop-squat index per technique.
"""

from __future__ import annotations

import time
from collections import defaultdict

import numpy as np

from benchmarks._cli import bench_main, peak_rss_mb
from oefensense.analysis.lifting import LiftingSettings, LiftingStage
from oefensense.analysis.models import load_model
from oefensense.models.training.evaluate_lifting import loso_report, stage_lift_events


def _real(quick: bool) -> dict:
    from oefensense.models.training.train_lifting import LIFT_CODES, NONLIFT_CODES, SISFALL, UNSEEN_CODES, collect, recollect, trial_files

    if not SISFALL.exists():
        return {"sisfall": "absent"}
    files = trial_files(codes=LIFT_CODES + NONLIFT_CODES + UNSEEN_CODES)
    if quick:
        keep = {f"SA{i:02d}" for i in (1, 5, 9, 13, 17, 21)}
        files = [f for f in files if any(k in f.name for k in keep)]
    t0 = time.perf_counter()
    trials = collect(files)
    rep = loso_report(trials)  # the shipped defaults (plane gate and slow-lift rule on)
    # every choice inside the folds: P(lift) threshold and posture guard chosen by an inner
    # leave-one-subject-out on the 22 training subjects (the shipped pair was chosen on all 23)
    from oefensense.models.training.train_lifting import nested_choice

    nested = nested_choice(trials)
    rep.update({f"nested_{k}": v for k, v in nested.items() if k in NESTED_KEYS})
    # the plane gate (issue #16) and the slow-lift limit (technique undetermined) chosen inside the
    # folds too, after the pair: the same rule that picked the shipped defaults on all subjects
    # (train_lifting --choose, CHOSEN_ON_ALL), so the plain sisfall_* figures are its all-subject set
    from oefensense.models.training.train_lifting import PLANE_GRID

    nested = nested_choice(trials, planes=PLANE_GRID, ambiguity=True)
    rep.update({f"nested_plane_{k}": v for k, v in nested.items()
                if k in NESTED_KEYS + AMBIGUITY_KEYS + ("chosen_plane_gate", "chosen_ambiguous_below_gyr_dps")})
    # without the posture guard (the posture stages ran first, as in the Pipeline)
    g = loso_report(trials, LiftingSettings(use_posture=False))
    rep.update({f"no_posture_guard_{k}": g[k] for k in GUARD_KEYS})
    # ablations of the episode finder: episodes found again and the model retrained per fold
    ablations = (
        ("ablation_absolute_inclination", {"relative_to_standing": False}),
        ("ablation_zupt_every_still_sample", {"zupt_min_s": 0.0}),
    )
    for name, kw in ablations:
        g = loso_report(recollect(trials, LiftingSettings(**kw)), LiftingSettings(**kw))
        rep.update({f"{name}_{k}": g[k] for k in GUARD_KEYS + ("technique_correct_given_one_lift_pct",)})
    rep["real_wall_s"] = round(time.perf_counter() - t0, 1)
    out = {f"sisfall_{k}": v for k, v in rep.items()}
    # leave-one-dataset-out: the shipped model (trained, and its settings chosen, on SisFall only)
    # over HAPT, which has no lifts (every lift is false)
    from oefensense.models.training.evaluate_lifting import hapt_false_lifts
    from oefensense.models.training.posture_data import hapt_files

    files = hapt_files()
    out.update({f"lodo_{k}": v for k, v in hapt_false_lifts(load_model("lifting"), files=files[:8] if quick else files).items()})
    return out


GUARD_KEYS = ("one_lift_per_trial_pct", "one_lift_D15_pct", "one_lift_D16_pct", "technique_correct_pct",
              "false_lifts_per_10min", "lying_car_lifts_per_10min")
#: the slow-lift rule's figures (``evaluate_lifting.loso_report``)
AMBIGUITY_KEYS = ("technique_undetermined_D15", "technique_undetermined_D16", "technique_undetermined_model_was_right",
                  "technique_correct_rule_off_pct")
NESTED_KEYS = GUARD_KEYS + ("outer_folds", "chosen_p_lift_and_lying_s", "technique_correct_given_one_lift_pct", "false_lifts_walk_sitstand",
                            "lying_car_lifts", "lying_car_minutes", "unseen_activity_lifts_per_10min")


def _sim(quick: bool) -> dict:
    from oefensense.io.body_frames import concat_frames, frames_from_sim
    from oefensense.sim import lifting_demo_script, simulate

    errs, twist_errs, idx = [], [], defaultdict(list)
    w_total, w_found, w_tech = defaultdict(int), defaultdict(int), defaultdict(list)
    found = total = 0
    seeds = range(2) if quick else range(5)
    for seed in seeds:
        sim = simulate(lifting_demo_script(), rate_hz=100.0, seed=seed)
        frame = concat_frames(frames_from_sim(sim))
        ev = stage_lift_events(load_model("lifting"), frame)  # the shipped model
        for lt in sim.lifts:
            total += 1
            m = [e for e in ev if e.t_ns / 1e9 < lt.end_s + 0.5 and e.end_ns / 1e9 > lt.start_s - 0.5]
            if len(m) == 1:
                found += 1
                errs.append(m[0].fields["peak_trunk_flexion_deg"] - lt.peak_trunk_flexion_deg)
                if m[0].fields["peak_twist_deg"] is not None:
                    twist_errs.append(m[0].fields["peak_twist_deg"] - abs(lt.twist_deg))
                idx[lt.technique].append(m[0].fields["stoop_squat_index"])
        # the same lifts seen by the pelvis sensor alone (waist model, as on SisFall)
        from oefensense.core.types import Placement

        wsim = simulate(lifting_demo_script(), rate_hz=100.0, seed=seed, placements=(Placement.PELVIS,))
        wev = stage_lift_events(load_model("lifting"), concat_frames(frames_from_sim(wsim)))
        for lt in wsim.lifts:
            m = [e for e in wev if e.t_ns / 1e9 < lt.end_s + 0.5 and e.end_ns / 1e9 > lt.start_s - 0.5]
            w_total[lt.technique] += 1
            if len(m) == 1:
                w_found[lt.technique] += 1
                w_tech[lt.technique].append(m[0].fields["technique"])
    e = np.abs(errs) if errs else np.array([np.nan])
    order = [float(np.mean(idx[k])) if idx[k] else float("nan") for k in ("squat", "semi_squat", "stoop")]
    return {
        "sim_lifts_found_pct": round(100 * found / max(total, 1), 1),
        "sim_peak_flexion_abs_err_deg_mean": round(float(np.mean(e)), 2),
        "sim_peak_flexion_abs_err_deg_max": round(float(np.max(e)), 2),
        "sim_peak_twist_abs_err_deg_mean": round(float(np.mean(np.abs(twist_errs))), 2) if twist_errs else None,
        "sim_peak_twist_abs_err_deg_max": round(float(np.max(np.abs(twist_errs))), 2) if twist_errs else None,
        "sim_index_squat_mean": round(order[0], 1),
        "sim_index_semi_squat_mean": round(order[1], 1),
        "sim_index_stoop_mean": round(order[2], 1),
        "sim_index_orders_squat_semi_stoop": bool(order[0] < order[1] < order[2]),
        **{f"sim_waist_only_{k}_found_pct": round(100 * w_found[k] / max(w_total[k], 1), 1) for k in ("squat", "semi_squat", "stoop")},
        **{f"sim_waist_only_{k}_called": ",".join(sorted(set(w_tech[k]))) for k in ("squat", "semi_squat", "stoop")},
    }


#: older adults' lifts in the simulator: movement time × SPEEDS (slower), pose × DEPTHS (shallower)
SPEEDS = (1.0, 1.5, 2.0, 3.0)
DEPTHS = (1.0, 0.75, 0.5)


def _older(quick: bool) -> dict:
    """Slower, shallower squats and stoops (older adults; SisFall's SE01-SE15 stay untouched):
    per (slowness, depth) the simulator's pelvis sensor alone (waist, as SisFall) does two squats
    and two stoops between standing and walking, random mounting per seed; one lift per trial
    and technique right (squat → squat, stoop → stoop), undetermined (the slow-lift rule) and
    wrong (a confident wrong call), per cell and over the grid."""
    from oefensense.core.types import Placement
    from oefensense.io.body_frames import concat_frames, frames_from_sim
    from oefensense.sim import simulate
    from oefensense.sim.script import Lift, Stand, Walk

    model = load_model("lifting")
    out: dict = {}
    total = defaultdict(lambda: [0, 0, 0, 0, 0])  # technique → trials, one lift, right, undetermined, wrong
    total_off = defaultdict(lambda: [0, 0, 0])  # the same without the slow-lift rule: trials, right, wrong
    for slow in SPEEDS:
        for depth in DEPTHS:
            cell = [0, 0, 0, 0, 0]
            for seed in range(1 if quick else 3):
                lifts = [Lift(tech, down_s=1.2 * slow, hold_s=1.0 * slow, up_s=1.2 * slow, rest_s=3.0, depth=depth)
                         for tech in ("squat", "stoop", "squat", "stoop")]
                script = [Stand(8.0), Walk(12.0, turn_deg=90.0), Stand(3.0), *lifts, Walk(8.0), Stand(4.0)]
                sim = simulate(script, rate_hz=100.0, seed=seed, placements=(Placement.PELVIS,))
                frame = concat_frames(frames_from_sim(sim))
                ev = stage_lift_events(model, frame)
                off = stage_lift_events(model, frame, LiftingSettings(ambiguous_below_gyr_dps=0.0))  # before the rule
                for lt in sim.lifts:
                    m = [e for e in off if e.t_ns / 1e9 < lt.end_s + 0.5 and e.end_ns / 1e9 > lt.start_s - 0.5]
                    acc = total_off[lt.technique]
                    acc[0] += 1
                    acc[1] += len(m) == 1 and m[0].fields["technique"] == lt.technique
                    acc[2] += len(m) == 1 and m[0].fields["technique"] != lt.technique
                for lt in sim.lifts:
                    m = [e for e in ev if e.t_ns / 1e9 < lt.end_s + 0.5 and e.end_ns / 1e9 > lt.start_s - 0.5]
                    ok = len(m) == 1
                    right = ok and m[0].fields["technique"] == lt.technique
                    undetermined = ok and m[0].fields["technique"] == "undetermined"
                    for acc in (cell, total[lt.technique]):
                        acc[0] += 1
                        acc[1] += ok
                        acc[2] += right
                        acc[3] += undetermined
                        acc[4] += ok and not right and not undetermined  # a confident wrong call
            key = f"older_sim_slow{slow:g}x_depth{depth:g}"
            out[f"{key}_one_lift_pct"] = round(100 * cell[1] / cell[0], 1)
            out[f"{key}_technique_pct"] = round(100 * cell[2] / cell[0], 1)
            out[f"{key}_undetermined_pct"] = round(100 * cell[3] / cell[0], 1)
            out[f"{key}_wrong_pct"] = round(100 * cell[4] / cell[0], 1)
    for tech, (n, one, right, und, wrong) in total.items():
        out[f"older_sim_{tech}_one_lift_pct"] = round(100 * one / n, 1)
        out[f"older_sim_{tech}_technique_pct"] = round(100 * right / n, 1)
        out[f"older_sim_{tech}_undetermined_pct"] = round(100 * und / n, 1)
        out[f"older_sim_{tech}_wrong_pct"] = round(100 * wrong / n, 1)
    n = sum(v[0] for v in total.values())
    out["older_sim_one_lift_pct"] = round(100 * sum(v[1] for v in total.values()) / n, 1)
    out["older_sim_technique_pct"] = round(100 * sum(v[2] for v in total.values()) / n, 1)
    out["older_sim_undetermined_pct"] = round(100 * sum(v[3] for v in total.values()) / n, 1)
    out["older_sim_wrong_pct"] = round(100 * sum(v[4] for v in total.values()) / n, 1)
    for tech, (n, right, wrong) in total_off.items():
        out[f"older_sim_rule_off_{tech}_technique_pct"] = round(100 * right / n, 1)
        out[f"older_sim_rule_off_{tech}_wrong_pct"] = round(100 * wrong / n, 1)
    return out


def _throughput(quick: bool) -> dict:
    from oefensense.core.frames import BodyFrame
    from oefensense.core.types import Placement

    rng = np.random.default_rng(0)
    n = 50 * (600 if quick else 3600)  # 10 min / 1 h at 50 Hz
    t = np.arange(n, dtype=np.int64) * 20_000_000
    inc = np.abs(30 * np.sin(2 * np.pi * t / 1e9 / 20.0)) ** 2 / 30 + rng.normal(0, 1, n)
    ch = {
        "pelvis_acc_g": np.column_stack([rng.normal(0, 0.02, n), rng.normal(0, 0.02, n), 1 + rng.normal(0, 0.02, n)]),
        "pelvis_gyr_dps": rng.normal(0, 5, (n, 3)),
        "pelvis_flexion_deg": inc,
        "pelvis_lateral_deg": np.zeros(n),
        "pelvis_inclination_deg": np.abs(inc),
        "pelvis_valid": np.ones(n, bool),
        "valid": np.ones(n, bool),
    }
    out = {}
    for block_s in (1, 60):  # live-sized blocks, and file-replay-sized blocks
        st = LiftingStage(model=load_model("lifting"))
        step = int(50 * block_s)
        t0 = time.perf_counter()
        for a in range(0, n, step):
            st.process(BodyFrame(t[a : a + step], 50.0, (Placement.PELVIS,), {k: v[a : a + step] for k, v in ch.items()}))
        dt = time.perf_counter() - t0
        out[f"lifting_stage_samples_per_s_blocks_{block_s}s"] = round(n / dt)
        out[f"lifting_stage_realtime_factor_50hz_blocks_{block_s}s"] = round(n / dt / 50.0)
    return out


def run(quick: bool = False) -> dict:
    t0 = time.perf_counter()
    res: dict = {}
    res.update(_real(quick))
    res.update(_sim(quick))
    res.update(_older(quick))
    res.update(_throughput(quick))
    res["peak_rss_mb"] = round(peak_rss_mb(), 1)
    res["bench_wall_s"] = round(time.perf_counter() - t0, 1)
    return res


if __name__ == "__main__":
    bench_main(run)
