"""Guided tests (``oefensense.assessments``): accuracy on real recordings and the simulator.

    .venv/bin/python -m benchmarks.bench_assessments [--quick]

Real chair transfers (every BodyFrame through the runtime path: SensorChain + Synchroniser):

* SisFall young D07-D10 (460 trials, 23 subjects): each trial sits down and stands up once;
  count exact = exactly one sit-down and one stand-up. Also for the trials whose movement starts
  after the chain's 2 s warm-up (an assessment starts on a settled sensor; the first 2 s of a
  SisFall trial are invalid samples, and some trials begin to sit down inside them).
* SisFall composites: five trials of one subject and code joined (benchmarks/assessment_data.py),
  scored as a five-times-sit-to-stand; count exact = ``reps == 5`` and no sixth stand-up.
* HAPT (24 users, never 25-30): each recording's labelled sit-down + stand-up in a window cut
  at rest (from 3 s before to 3 s after, each edge moved outward to the nearest second at rest,
  as a clinic test starts and ends: ``_rest_cut``; the 3-s cut of before 2026-12-03 08:52 is
  printed beside it, ``*_fixed_3s_cut_*``, and the rest cut's figure for other rest
  definitions, ``hapt_count_exact_rest_cut_grid_pct``): count exact, and the transfer edges
  against the labels (|error| <= 0.5 s); HAPT composites of five users each (users 1-5, 6-10,
  ... 21-24 has four: skipped).
* Thresholds: the shipped ``relative_rise`` (a transfer smaller than this share of the median
  one is a rebound) and ``recover_startup`` (the chain's start-up samples recovered with the
  gyroscope, on/off) are compared with the pair chosen inside leave-one-subject-out folds
  (SisFall; leave-one-user-out on HAPT; grid below) and leave-one-dataset-out (chosen on HAPT
  windows, scored on SisFall, and the reverse; HAPT has no start-up, so on HAPT the two
  settings tie and the tie goes to the shipped one). The SisFall counts are also printed
  without the start-up recovery (the figure before it). ``rest_by_posture_deg`` (the resting
  reading followed along the up axis between the rests around a movement; None: in time) is
  chosen likewise from its own grid, the other settings shipped. The transfer's end (``settle_rate_dps``, ``settle_max_s``: the segment's
  turning after the height plateau) is chosen on the HAPT labels' ends (within 0.5 s) inside
  leave-one-user-out folds; leave-one-dataset-out: chosen on the simulator's 5xSTS times and
  TUG phase edges, scored on HAPT (SisFall has no edge labels). A stand-up's start back past the
  height's low point (``lean_band_frac``) is chosen on the HAPT labels' starts likewise
  (leave-one-user-out; leave-one-dataset-out from the simulator). Where the HAPT labels sit in
  the signal (``hapt_label_*``: the pelvis' turning rate at each labelled start and end) and the
  ends per class of it show how precise the labels are; other ends defined by the body's
  motion (``benchmarks/assessment_end_rules.py``: the turning rate low-passed otherwise, the
  first time below a rate for a while, the acceleration settled, the seat contact / the braking
  at the top plus an offset) are scored with their parameters chosen inside leave-one-user-out
  folds (``hapt_end_rule_louo_pct``, nested figures only). ``join_pause_s`` (a lean before /
  a straightening after a transfer joined across a still pause) is chosen on the simulator's
  seeds 3-5 (CHOICE_SEEDS), never on the scored seeds 0-2; ``min_still_s`` (the shortest still
  pause) inside leave-one-subject-out / leave-one-user-out folds and leave-one-dataset-out, among
  the values whose score on those simulator seeds is at least that of the 0.6 s shipped before
  (the SisFall composites scored with the choice made on the other subjects' trials). The other
  settings (0.12 m, after SKDH's 0.125 m) are not tuned.

Simulator (truth from the movement script, ``oefensense.sim.assessments``; speeds 1, 1.5, 2 =
each movement 1×, 1.5×, 2× as slow, seeds 0-2 = sensor mountings and noise): 30-s chair stand
count, five-times-sit-to-stand count and time, TUG time and phase edges, trunk ROM best-of-3
per direction (trunk + pelvis sensors), walk-test steps, walking time and cadence. Steps on
real walking (and walking time against HAPT's walking labels): HAPT walking
stretches >= 10 s, SisFall D01 (100 s slow walk), MobiFall WAL (thigh, 5 min): no step labels
exist, so the reference is the walk's dominant step frequency (Welch spectrum of the vertical
acceleration; thigh: stride frequency × 2) × its duration: a second method, not a truth.

Slow patients (``sim_slow_*``, rel-20): the 30-s chair stand, 5xSTS and TUG at SLOW_SPEEDS (2.5, 3,
3.5: TUGs of 28-38 s, seeds 0-2), scored or why not; the TUG's time also against the pelvis' own
movement (``pelvis_turning_span``). SisFall by pace (``sisfall_D07_*`` .. ``D10``): each code's
trials counted exactly, its transfers' durations and the pelvis' peak turning rate.

Gait speed (``sim_gait_*``, ``benchmarks/gait_speed_sim.py``): the walk test's gait speed and
distance against the simulator's truth, **simulator, not people** (the simulated people walk with
the inverted pendulum's own geometry: the model's error is not in it); median, 95th percentile
and signed median % error, the plain gait per speed, the gait shapes, all.
"""

from __future__ import annotations

import functools
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks import assessment_end_rules
from benchmarks._cli import bench_main
from benchmarks.assessment_data import hapt_composite, sisfall_composites, write_csv
from benchmarks.gait_speed_sim import gait_speed_errors
from oefensense.assessments import RunContext, make_test
from oefensense.assessments.gait import GaitSettings, find_steps
from oefensense.assessments.signals import body_placement, lowpass, runs, times_s, vertical_lin_acc
from oefensense.assessments.transfers import TransferSettings, find_transfers
from oefensense.core.frames import BodyFrame
from oefensense.core.types import Placement
from oefensense.io.body_frames import concat_frames, frames_from_sim, runtime_body_frame
from oefensense.models.training.posture_data import data_dir, hapt_files, hapt_subject, sisfall_trial_frames

GRID_RELATIVE_RISE = (0.3, 0.4, 0.5, 0.6, 0.7)
#: ``rest_by_posture_deg``: the resting reading followed along the up axis (None: in time)
GRID_REST_BY_POSTURE = (None, 2.0, 5.0, 10.0)
#: (``settle_rate_dps``, ``settle_max_s``): a transfer ends when the segment turns slower than the
#: rate (|gyro|), at most that long after the height plateau (None: at the plateau)
GRID_SETTLE = ((None, 0.0),) + tuple((r, m) for r in (6.0, 10.0, 15.0, 20.0) for m in (1.0, 1.5, 3.0))
SETTLE_DEFAULT = (TransferSettings().settle_rate_dps, TransferSettings().settle_max_s)
#: ``lean_band_frac``: a stand-up's start goes back past the height's low point while the height
#: stays within this share of the rise of it (None: never past the low point)
GRID_LEAN_BAND = (None, 0.1, 0.25, 0.5)


def _settle(g: tuple) -> TransferSettings:
    return TransferSettings(settle_rate_dps=g[0], settle_max_s=g[1])
SPEEDS = (1.0, 1.5, 2.0)
#: ``join_pause_s``: a lean before / a straightening after a transfer joined across a still pause
#: of at most this long (s; None: off); chosen on the simulator's CHOICE_SEEDS, never scored
GRID_JOIN_PAUSE = (None, 0.5, 1.0, 1.5, 2.0)
#: ``min_still_s``: a still pause shorter than this belongs to the movement (s); BEFORE: the value
#: shipped before 2026-12-03 07:10, the reference the simulator's CHOICE_SEEDS must not fall below
GRID_MIN_STILL = (0.3, 0.4, 0.5, 0.6, 0.8)
MIN_STILL_BEFORE = 0.6
#: the inputs of :func:`choose_min_still` from the full run of 2026-12-04 18:03 UTC (main at 192f686):
#: the simulator's score on CHOICE_SEEDS (``min_still_sim_scores``) and the SisFall trials (of 460)
#: counted exactly (``min_still_sisfall_trials_ok``) per grid value; the shipped
#: ``TransferSettings.min_still_s`` must be the rule's choice on them (tests/assessments/test_min_still_choice.py)
MIN_STILL_CHOICE_RUN: dict = {
    "sim": {0.3: (129, -6.54), 0.4: (129, -6.58), 0.5: (129, -6.58), 0.6: (128, -6.7), 0.8: (124, -42.18)},
    "sisfall_ok": {0.3: 451, 0.4: 451, 0.5: 450, 0.6: 445, 0.8: 435},
}
CHOICE_SEEDS = (3, 4, 5)
#: the TUG's ``max_steps_in_transfer`` (a "transfer" holding more steps is the walk's drift; None:
#: off), chosen on CHOICE_SEEDS at SPEEDS + SLOW_TUG_SPEED: fewest TUGs timed more than 0.5 s
#: off, then most phase edges within 0.5 s; ties: the middle of the tied values
GRID_TUG_STEPS = (None, 1, 2, 3, 4, 5, 6, 7, 8, 10, 14)
#: the inputs of :func:`choose_tug_steps` from the full run of 2026-12-05 07:27:50-07:28:06 UTC
#: (main at 5f8c53d, after rel-20 timed the 2.5x TUG; ``_tug_steps_rule(quick=False)`` alone): per
#: GRID_TUG_STEPS value (TUGs timed more than 0.5 s off, phase edges within 0.5 s) on CHOICE_SEEDS
#: (``tug_steps_rule_choice_seeds_3_5_wrong_edges``); the shipped ``tug.MAX_STEPS_IN_TRANSFER`` must
#: be the rule's choice on them (tests/assessments/test_tug_steps_choice.py). Every value ties
TUG_STEPS_CHOICE_RUN: dict = {None: (6, 120), 1: (6, 120), 2: (6, 120), 3: (6, 120), 4: (6, 120), 5: (6, 120),
                              6: (6, 120), 7: (6, 120), 8: (6, 120), 10: (6, 120), 14: (6, 120)}
SLOW_TUG_SPEED = 2.5
#: slower than SPEEDS (rel-20): TUGs of 28-38 s (the simulator slows the transfers as much as
#: the walk: 5.5-7.7-s transfers, see docs/assessments.md, *Slow patients*); scored on seeds 0-2
SLOW_SPEEDS = (2.5, 3.0, 3.5)
GRID_THIGH_PEAK_G = (0.1, 0.15, 0.2, 0.3)


def _sub(fr: BodyFrame, a: int, b: int) -> BodyFrame:
    return BodyFrame(fr.t_ns[a:b], fr.rate_hz, fr.placements, {k: v[a:b] for k, v in fr.channels.items()})


def _pct(x: list[bool]) -> float | None:
    return round(100.0 * float(np.mean(x)), 1) if x else None


# ----------------------------------------------------------------------------- SisFall
def _sisfall_trials(quick: bool) -> list[tuple[str, BodyFrame, bool]]:
    """(subject, frame, movement starts after the warm-up) of every D07-D10 trial."""
    out = []
    for subj, _, fr in sisfall_trial_frames(("D07", "D08", "D09", "D10"), 4 if quick else None):
        v = np.asarray(fr["pelvis_valid"], bool)
        g = np.linalg.norm(fr["pelvis_gyr_dps"], axis=1)
        onset = int(np.argmax(g > 20.0))
        out.append((subj, fr, onset / fr.rate_hz >= np.argmax(v) / fr.rate_hz + 0.3))
    return out


def _trial_ok(fr: BodyFrame, settings: TransferSettings) -> bool:
    return [x.kind for x in find_transfers(fr, settings)] == ["sit_down", "stand_up"]


#: HAPT window cut (the protocol's rest, 2026-12-03): a clinic test starts and ends with the
#: person at rest, so each window edge is moved outward from 3 s before the sit-down label / after
#: the stand-up label to the nearest sample with the sensor at rest for REST_S before (end) / after
#: (start) it: |gyro| low-passed at 1 Hz below REST_DPS (the detector's own stillness,
#: ``TransferSettings.still_gyr_dps``), never across a labelled activity other than the standing
#: around the transfers (unlabelled samples may be crossed), at most REST_MAX_S further; when no
#: such rest exists the edge stays at 3 s. Fixed from the protocol, the same for every window;
#: GRID_REST_CUT is printed beside it to show how much the figure depends on the choice.
WINDOW_S = 3.0
REST_DPS = 6.0
REST_S = 1.0
REST_MAX_S = 15.0
GRID_REST_CUT = tuple((d, r) for d in (4.0, 6.0, 8.0, 10.0) for r in (0.5, 1.0, 2.0))


def _rest_cut(lab: np.ndarray, still: np.ndarray, lo: int, hi: int, n: int, n_max: int) -> tuple[int, int]:
    """Window ``lo``..``hi`` (indices) with each edge moved outward to the nearest ``n`` still
    samples inside it, through standing or unlabelled samples only, at most ``n_max`` samples."""
    free = np.array([x is None or str(x) in ("standing", "None") for x in lab])
    a = lo
    while a > 0 and lo - a < n_max and not still[a : a + n].all() and free[a - 1]:
        a -= 1
    b = hi
    while b < len(lab) and b - hi < n_max and not still[b - n : b].all() and free[b]:
        b += 1
    return (a if still[a : a + n].all() else lo), (b if still[b - n : b].all() else hi)


@functools.lru_cache(maxsize=2)
def _hapt_windows_all(quick: bool, rest_grid: tuple = ()) -> dict:
    """{cut: [(user, window frame, truth [(kind, start_s, end_s)])]} of every HAPT recording's
    labelled sit-down followed by a stand-up; cut "fixed" = 3 s either side (before
    2026-12-03), "rest" = moved out to the protocol's rest (REST_DPS, REST_S), and each
    (dps, s) of ``rest_grid``."""
    cuts = {"fixed": None, "rest": (REST_DPS, REST_S), **{g: g for g in rest_grid}}
    out: dict = {k: [] for k in cuts}
    for f in hapt_files()[: 8 if quick else None]:
        fr, lab = runtime_body_frame(f)
        r = fr.rate_hz
        g = lowpass(np.linalg.norm(np.asarray(fr["pelvis_gyr_dps"], float), axis=1), r, 1.0)
        ev = sorted([(a, b, "stand_up") for a, b in runs(lab == "sit_to_stand")]
                    + [(a, b, "sit_down") for a, b in runs(lab == "stand_to_sit")])
        for (a0, b0, k0), (a1, b1, k1) in zip(ev, ev[1:]):
            if (k0, k1) != ("sit_down", "stand_up"):
                continue
            lo3, hi3 = max(0, a0 - int(WINDOW_S * r)), min(len(fr), b1 + int(WINDOW_S * r))
            for key, cut in cuts.items():
                lo, hi = (lo3, hi3) if cut is None else _rest_cut(lab, g < cut[0], lo3, hi3, int(round(cut[1] * r)),
                                                                 int(REST_MAX_S * r))
                truth = [(k0, (a0 - lo) / r, (b0 - 1 - lo) / r), (k1, (a1 - lo) / r, (b1 - 1 - lo) / r)]
                out[key].append((hapt_subject(f), _sub(fr, lo, hi), truth))
    return out


def _hapt_windows(quick: bool) -> list[tuple[int, BodyFrame, list[tuple[str, float, float]]]]:
    """The HAPT windows as scored (cut at the protocol's rest, see ``_rest_cut``)."""
    return _hapt_windows_all(quick, GRID_REST_CUT)["rest"]


def _pick(scores: dict, default):  # noqa: ANN001, ANN202
    """The grid value with the highest score (ties: the one nearest ``default`` in grid order)."""
    best = max(scores.values())
    order = list(scores)
    return min((g for g, v in scores.items() if v == best), key=lambda g: abs(order.index(g) - order.index(default)))


def _hapt_end_hits(item, settings: TransferSettings) -> list[bool]:  # noqa: ANN001
    """Per labelled transfer of an exactly counted HAPT window: its end within 0.5 s."""
    found = find_transfers(item[1], settings)
    if [x.kind for x in found] != ["sit_down", "stand_up"]:
        return []
    return [abs(d.end_s - b) <= 0.5 for d, (_, _, b) in zip(found, item[2])]


def _hapt_start_hits(item, settings: TransferSettings) -> list[bool]:  # noqa: ANN001
    """Per labelled transfer of an exactly counted HAPT window: its start within 0.5 s."""
    found = find_transfers(item[1], settings)
    if [x.kind for x in found] != ["sit_down", "stand_up"]:
        return []
    return [abs(d.start_s - a) <= 0.5 for d, (_, a, _) in zip(found, item[2])]


def _grid_ok(items: list, ok, recover: tuple[bool, ...] = (False, True)) -> dict:  # noqa: ANN001
    """{(recover_startup, relative_rise): [count exact per item]} over the grid."""
    return {(r, g): [ok(x, TransferSettings(relative_rise=g, recover_startup=r)) for x in items]
            for r in recover for g in GRID_RELATIVE_RISE}


def _choose_in(table: dict, keep: list[bool]) -> tuple[bool, float]:
    """The (recover_startup, relative_rise) with the most exact counts on the items ``keep``
    marks (ties: the shipped relative_rise side, then the shipped recover_startup)."""
    d = TransferSettings()
    scores = {k: sum(o for o, use in zip(v, keep) if use) for k, v in table.items()}
    best = max(scores.values())
    return min((k for k, v in scores.items() if v == best),
               key=lambda k: (abs(k[1] - d.relative_rise), k[0] != d.recover_startup))


def _real_transfers(quick: bool, sim_choice: object = "unset", lean_choice: object = "unset") -> dict:
    res: dict = {}
    sis = _sisfall_trials(quick)
    default = TransferSettings()
    ok_all = [_trial_ok(fr, default) for _, fr, _ in sis]
    before = [_trial_ok(fr, TransferSettings(recover_startup=False)) for _, fr, _ in sis]
    res["sisfall_trials"] = int(len(sis))
    res["sisfall_count_exact_pct"] = _pct(ok_all)
    res["sisfall_count_exact_without_startup_recovery_pct"] = _pct(before)
    res["sisfall_settled_trials"] = int(sum(s for _, _, s in sis))
    res["sisfall_settled_count_exact_pct"] = _pct([o for o, (_, _, s) in zip(ok_all, sis) if s])
    res["sisfall_settled_count_exact_without_startup_recovery_pct"] = _pct([o for o, (_, _, s) in zip(before, sis) if s])
    res["sisfall_unsettled_count_exact_pct"] = _pct([o for o, (_, _, s) in zip(ok_all, sis) if not s])
    # leave-one-subject-out choice of the start-up recovery (on/off) and relative_rise
    table = _grid_ok([fr for _, fr, _ in sis], _trial_ok)
    subjects = sorted({s for s, _, _ in sis})
    loso, chosen = [], 0
    for held in subjects:
        key = _choose_in(table, [s != held for s, _, _ in sis])
        loso += [o for o, (s, _, _) in zip(table[key], sis) if s == held]
        chosen += key[0]
    res["sisfall_count_exact_loso_pct"] = _pct(loso)
    res["sisfall_loso_recover_startup_chosen_folds"] = f"{chosen} of {len(subjects)}"
    # the resting reading along the up axis (rest_by_posture_deg), the others shipped
    rest = {g: [_trial_ok(fr, TransferSettings(rest_by_posture_deg=g)) for _, fr, _ in sis] for g in GRID_REST_BY_POSTURE}
    res["sisfall_count_exact_rest_in_time_pct"] = _pct(rest[None])
    res["sisfall_settled_count_exact_rest_in_time_pct"] = _pct([o for o, (_, _, s) in zip(rest[None], sis) if s])
    loso_r, picks = [], []
    for held in subjects:
        g = _pick({g: sum(o for o, (s, _, _) in zip(v, sis) if s != held) for g, v in rest.items()},
                  default.rest_by_posture_deg)
        loso_r += [o for o, (s, _, _) in zip(rest[g], sis) if s == held]
        picks.append(g)
    res["sisfall_count_exact_rest_loso_pct"] = _pct(loso_r)
    res["sisfall_rest_loso_chosen"] = {str(g): picks.count(g) for g in GRID_REST_BY_POSTURE if picks.count(g)}

    cuts = _hapt_windows_all(quick, GRID_REST_CUT)
    hw = cuts["rest"]

    def hapt_ok(item, settings):  # noqa: ANN001, ANN202
        return [x.kind for x in find_transfers(item[1], settings)] == ["sit_down", "stand_up"]

    ok_h = [hapt_ok(x, default) for x in hw]
    res["hapt_windows"] = len(hw)
    res["hapt_count_exact_pct"] = _pct(ok_h)
    # the windows as cut before 2026-12-03 (3 s either side, possibly inside movement) and the
    # rest cut's sensitivity to its (dps, s)
    ok_fixed = [hapt_ok(x, default) for x in cuts["fixed"]]
    res["hapt_count_exact_fixed_3s_cut_pct"] = _pct(ok_fixed)
    res["hapt_windows_moved_by_rest_cut"] = int(sum(
        abs(x[2][0][1] - y[2][0][1]) > 1e-9 or len(x[1]) != len(y[1]) for x, y in zip(hw, cuts["fixed"])))
    res["hapt_count_exact_rest_cut_grid_pct"] = {f"{d:g} dps {r:g} s": _pct([hapt_ok(x, default) for x in cuts[(d, r)]])
                                                 for d, r in GRID_REST_CUT}
    ee_fixed = [e for x, ok in zip(cuts["fixed"], ok_fixed) if ok for e in _hapt_end_hits(x, default)]
    res["hapt_end_within_0_5s_fixed_3s_cut_pct"] = _pct(ee_fixed)
    # (HAPT's recordings have no start-up to recover: the chain aligns itself on the whole
    # recording and is valid from the first sample; both settings give the same counts)
    table_h = _grid_ok(hw, hapt_ok)
    res["hapt_count_exact_without_startup_recovery_pct"] = _pct(table_h[(False, default.relative_rise)])
    users = sorted({u for u, _, _ in hw})
    loso_h = []
    for held in users:
        key = _choose_in(table_h, [x[0] != held for x in hw])
        loso_h += [o for o, x in zip(table_h[key], hw) if x[0] == held]
    res["hapt_count_exact_loso_pct"] = _pct(loso_h)
    k_h = _choose_in(table_h, [True] * len(hw))
    k_s = _choose_in(table, [True] * len(sis))
    res["lodo_chosen_on_hapt"] = {"recover_startup": k_h[0], "relative_rise": k_h[1]}
    res["lodo_sisfall_count_exact_pct"] = _pct(table[k_h])
    res["lodo_chosen_on_sisfall"] = {"recover_startup": k_s[0], "relative_rise": k_s[1]}
    res["lodo_hapt_count_exact_pct"] = _pct(table_h[k_s])
    rest_h = {g: [hapt_ok(x, TransferSettings(rest_by_posture_deg=g)) for x in hw] for g in GRID_REST_BY_POSTURE}
    res["hapt_count_exact_rest_in_time_pct"] = _pct(rest_h[None])
    loso_rh = []
    for held in users:
        g = _pick({g: sum(o for o, x in zip(v, hw) if x[0] != held) for g, v in rest_h.items()},
                  default.rest_by_posture_deg)
        loso_rh += [o for o, x in zip(rest_h[g], hw) if x[0] == held]
    res["hapt_count_exact_rest_loso_pct"] = _pct(loso_rh)
    g_h = _pick({g: sum(v) for g, v in rest_h.items()}, default.rest_by_posture_deg)
    g_s = _pick({g: sum(v) for g, v in rest.items()}, default.rest_by_posture_deg)
    res["lodo_rest_chosen_on_hapt"] = g_h
    res["lodo_rest_sisfall_count_exact_pct"] = _pct(rest[g_h])
    res["lodo_rest_chosen_on_sisfall"] = g_s
    res["lodo_rest_hapt_count_exact_pct"] = _pct(rest_h[g_s])
    # the transfer's end (settle_rate_dps) against the HAPT labels' ends: per window and grid
    # value the ends within 0.5 s (exact windows only), chosen inside leave-one-user-out folds
    hits = {g: [_hapt_end_hits(x, _settle(g)) for x in hw] for g in GRID_SETTLE}
    loso_e: list[bool] = []
    e_picks = []
    for held in users:
        g = _pick({g: sum(sum(h) for x, h in zip(hw, v) if x[0] != held) for g, v in hits.items()},
                  SETTLE_DEFAULT)
        e_picks.append(g)
        loso_e += [e for x, h in zip(hw, hits[g]) if x[0] == held for e in h]
    res["hapt_end_within_0_5s_loso_pct"] = _pct(loso_e)
    res["hapt_settle_louo_chosen"] = {str(g): e_picks.count(g) for g in GRID_SETTLE if e_picks.count(g)}
    res["hapt_end_within_0_5s_per_settle_pct"] = {str(g): _pct([e for h in v for e in h]) for g, v in hits.items()}
    res["lodo_settle_chosen_on_hapt"] = _pick({g: sum(map(sum, v)) for g, v in hits.items()},
                                                   SETTLE_DEFAULT)
    if sim_choice != "unset":  # chosen on the simulator, scored on HAPT
        res["lodo_hapt_end_within_0_5s_pct"] = _pct([e for h in hits[sim_choice] for e in h])
    # a stand-up's start back past the height's low point (lean_band_frac): per window and grid
    # value the starts within 0.5 s (exact windows only), chosen inside leave-one-user-out folds
    s_hits = {g: [_hapt_start_hits(x, TransferSettings(lean_band_frac=g)) for x in hw] for g in GRID_LEAN_BAND}
    loso_s: list[bool] = []
    s_picks = []
    for held in users:
        g = _pick({g: sum(sum(h) for x, h in zip(hw, v) if x[0] != held) for g, v in s_hits.items()},
                  default.lean_band_frac)
        s_picks.append(g)
        loso_s += [e for x, h in zip(hw, s_hits[g]) if x[0] == held for e in h]
    res["hapt_start_within_0_5s_loso_pct"] = _pct(loso_s)
    res["hapt_lean_band_louo_chosen"] = {str(g): s_picks.count(g) for g in GRID_LEAN_BAND if s_picks.count(g)}
    res["hapt_start_within_0_5s_per_lean_band_pct"] = {str(g): _pct([e for h in v for e in h]) for g, v in s_hits.items()}
    res["hapt_start_within_0_5s_fixed_3s_cut_pct"] = _pct(
        [e for x, ok in zip(cuts["fixed"], ok_fixed) if ok for e in _hapt_start_hits(x, default)])
    if lean_choice != "unset":  # chosen on the simulator, scored on HAPT
        res["lodo_hapt_start_within_0_5s_pct"] = _pct([e for h in s_hits[lean_choice] for e in h])
    res.update(_hapt_label_motion(hw, ok_h))
    # other physically defined ends, each chosen inside leave-one-user-out folds (nested only)
    res.update(assessment_end_rules.run(hw))
    # edges against the HAPT labels, exact windows only
    es, ee, de = [], [], []
    for (_, fr, truth), ok in zip(hw, ok_h):
        if not ok:
            continue
        for d, (_, a, b) in zip(find_transfers(fr, default), truth):
            es.append(d.start_s - a)
            ee.append(d.end_s - b)
            de.append(d.duration_s - (b - a))
    if es:
        res["hapt_start_within_0_5s_pct"] = _pct([abs(x) <= 0.5 for x in es])
        res["hapt_end_within_0_5s_pct"] = _pct([abs(x) <= 0.5 for x in ee])
        res["hapt_duration_within_0_5s_pct"] = _pct([abs(x) <= 0.5 for x in de])
        res["hapt_start_error_median_s"] = round(float(np.median(es)), 2)
        res["hapt_end_error_median_s"] = round(float(np.median(ee)), 2)
    return res


def _hapt_label_motion(hw: list, ok_h: list[bool]) -> dict:
    """How the HAPT labels sit in the signal: the pelvis' |gyro| (1-Hz low-pass, deg/s) at each
    labelled start and end (median; share >= 20 deg/s, inside a movement; share < 6 deg/s, at
    rest), and our ends within 0.5 s per class of the labelled end (exact windows only)."""
    from oefensense.assessments.signals import valid_mask

    at: dict[str, list[float]] = {"start": [], "end": []}
    end_hits: dict[str, list[bool]] = {"rest": [], "6-20": [], "moving": []}
    for (_, fr, truth), ok in zip(hw, ok_h):
        t = times_s(fr)
        g = lowpass(np.linalg.norm(np.where(valid_mask(fr, "pelvis")[:, None], fr["pelvis_gyr_dps"], 0.0), axis=1),
                    fr.rate_hz, 1.0)
        found = find_transfers(fr) if ok else []
        for j, (_, a, b) in enumerate(truth):
            ge = float(g[min(int(np.searchsorted(t, b)), len(g) - 1)])
            at["start"].append(float(g[min(int(np.searchsorted(t, a)), len(g) - 1)]))
            at["end"].append(ge)
            if found:
                end_hits["rest" if ge < 6.0 else "6-20" if ge < 20.0 else "moving"].append(abs(found[j].end_s - b) <= 0.5)
    res: dict = {}
    for k, v in at.items():
        res[f"hapt_label_{k}_gyro_median_dps"] = round(float(np.median(v)), 1)
        res[f"hapt_label_{k}_moving_20dps_pct"] = _pct([x >= 20.0 for x in v])
        res[f"hapt_label_{k}_at_rest_6dps_pct"] = _pct([x < 6.0 for x in v])
    res["hapt_end_within_0_5s_by_label_gyro_pct"] = {k: [_pct(v), len(v)] for k, v in end_hits.items()}
    return res


def _composites(quick: bool) -> dict:
    res: dict = {}
    root = data_dir()
    test = make_test("five-times-sit-to-stand")
    with tempfile.TemporaryDirectory() as tmp:
        from oefensense.commands.assess_run import frames_of_recordings

        exact = []
        for k, (subj, code, t, acc, gyr) in enumerate(sisfall_composites(root)):
            if quick and k >= 12:
                break
            path = Path(tmp) / f"{subj}_{code}.waist.csv"
            write_csv(path, t, acc, gyr)
            out = test.analyse(frames_of_recordings([str(path)]), RunContext())
            n_up = sum(p.name.startswith("stand_up") for p in out.phases)
            exact.append(out.reps == 5 and n_up == 5 and not any(f.code == "too_many_reps" for f in out.flags))
        res["sisfall_5xsts_composites"] = len(exact)
        res["sisfall_5xsts_reps_exact_pct"] = _pct(exact)
        h_exact, h_err = [], []
        for users in ((1, 2, 3, 4, 5), (6, 7, 8, 9, 10), (11, 12, 13, 14, 15), (16, 17, 18, 19, 20))[: 2 if quick else None]:
            t, acc, gyr, truth = hapt_composite(root, users)
            path = Path(tmp) / "hapt.waist.csv"
            write_csv(path, t, acc, gyr)
            out = test.analyse(frames_of_recordings([str(path)]), RunContext())
            h_exact.append(out.reps == 5 and not any(f.code == "too_many_reps" for f in out.flags))
            ups = [(a, b) for kind, a, b in truth if kind == "stand_up"]
            if out.time_s is not None:
                h_err.append(out.time_s - (ups[4][1] - ups[0][0]))
        res["hapt_5xsts_composites"] = len(h_exact)
        res["hapt_5xsts_reps_exact_pct"] = _pct(h_exact)
        res["hapt_5xsts_time_error_s"] = [round(x, 2) for x in h_err]
    return res


# ----------------------------------------------------------------------------- simulator
def _sim_frame(script, seed: int, placements) -> tuple:  # noqa: ANN001
    from oefensense.sim import simulate

    sim = simulate(script, rate_hz=100.0, seed=seed, placements=placements)
    return sim, concat_frames(frames_from_sim(sim))


def _simulated(quick: bool) -> dict:
    from oefensense.sim import assessments as st

    res: dict = {}
    seeds = (0,) if quick else (0, 1, 2)
    kept: list = []
    for speed in SPEEDS:
        tag = f"speed{speed:g}".replace(".", "_")
        c30, c5, t5, tug_t, tug_edges, rom_err, steps_err = [], [], [], [], [], [], []
        walk_s_err: list[float] = []
        cad_err: list[float] = []
        for seed in seeds:
            sc = st.scripted_test("chair-stand-30s", speed=speed)
            sim, fr = _sim_frame(sc, seed, (Placement.PELVIS,))
            out = make_test("chair-stand-30s").analyse(fr, RunContext())
            c30.append(bool(out.reps == st.stands_in_30s(st.chair_truth(sim))))
            sc = st.scripted_test("five-times-sit-to-stand", speed=speed)
            sim, fr = _sim_frame(sc, seed, (Placement.PELVIS,))
            kept.append(("5x", sc, sim, fr))
            err = _sim_5x_error(sim, fr, None)
            c5.append(err is not None)
            t5 += [] if err is None else [err]
            sc = st.scripted_test("tug", speed=speed)
            sim, fr = _sim_frame(sc, seed, (Placement.PELVIS,))
            kept.append(("tug", sc, sim, fr))
            err, edges = _sim_tug_errors(sc, sim, fr, None)
            tug_t += [] if err is None else [err]
            tug_edges += edges
            sc = st.scripted_test("trunk-rom", speed=speed)
            sim, fr = _sim_frame(sc, seed, (Placement.TRUNK, Placement.PELVIS))
            out = make_test("trunk-rom").analyse(fr, RunContext())
            truth_rom = st.rom_truth(sim).rom_deg
            for d, vals in truth_rom.items():
                got_v = out.values["rom_deg"].get(d)
                rom_err.append(float("inf") if got_v is None else got_v - max(vals))
            sc = st.scripted_test("walk-test", speed=speed)
            sim, fr = _sim_frame(sc, seed, (Placement.PELVIS,))
            gait, wt = find_steps(fr), st.walk_truth(sc)
            steps_err.append(100.0 * (gait.steps - wt.steps) / wt.steps)
            walk_s_err.append(gait.walking_s - wt.walking_s)
            cad_truth = 60.0 * next(a.step_hz for a in sc if hasattr(a, "step_hz"))
            cad_err.append(100.0 * ((gait.cadence_spm or 0.0) - cad_truth) / cad_truth)
        res[f"sim_{tag}_chair30_count_exact_pct"] = _pct(c30)
        res[f"sim_{tag}_5xsts_count_exact_pct"] = _pct(c5)
        res[f"sim_{tag}_5xsts_time_abs_error_max_s"] = round(max(map(abs, t5)), 2) if t5 else None
        res[f"sim_{tag}_tug_scored_pct"] = _pct([True] * len(tug_t) + [False] * (len(seeds) - len(tug_t)))
        res[f"sim_{tag}_tug_time_abs_error_max_s"] = round(max(map(abs, tug_t)), 2) if tug_t else None
        res[f"sim_{tag}_tug_phase_edges_within_0_5s_pct"] = _pct([abs(x) <= 0.5 for x in tug_edges])
        res[f"sim_{tag}_rom_within_3deg_pct"] = _pct([abs(x) <= 3.0 for x in rom_err])
        finite = [abs(x) for x in rom_err if np.isfinite(x)]
        res[f"sim_{tag}_rom_abs_error_max_deg"] = round(max(finite), 1) if finite else None
        res[f"sim_{tag}_walk_steps_error_pct"] = [round(x, 1) for x in steps_err]
        res[f"sim_{tag}_walk_time_error_s"] = [round(x, 1) for x in walk_s_err]
        res[f"sim_{tag}_walk_cadence_error_pct"] = [round(x, 1) for x in cad_err]
    # leave-one-dataset-out: settle_rate_dps and lean_band_frac chosen on the simulator's 5xSTS
    # times and TUG edges
    scores = {g: _sim_time_score(kept, _settle(g)) for g in GRID_SETTLE}
    res["lodo_settle_chosen_on_sim"] = _pick(scores, SETTLE_DEFAULT)
    res["lodo_settle_sim_scores"] = {str(g): n for g, n in scores.items()}
    scores = {g: _sim_time_score(kept, TransferSettings(lean_band_frac=g)) for g in GRID_LEAN_BAND}
    res["lodo_lean_band_chosen_on_sim"] = _pick(scores, TransferSettings().lean_band_frac)
    res["lodo_lean_band_sim_scores"] = {str(g): n for g, n in scores.items()}
    return res


def _sim_time_score(kept: list, settings: TransferSettings) -> int:
    """5xSTS times and TUG phase edges within 0.5 s of the simulator's truth over ``kept`` runs."""
    n = 0
    for kind, sc, sim, fr in kept:
        if kind == "5x":
            err = _sim_5x_error(sim, fr, settings)
            n += err is not None and abs(err) <= 0.5
        else:
            n += sum(abs(x) <= 0.5 for x in _sim_tug_errors(sc, sim, fr, settings)[1])
    return n


def _sim_5x_error(sim, fr: BodyFrame, settings: TransferSettings | None) -> float | None:  # noqa: ANN001
    """Five-times-sit-to-stand time minus the simulator's (s); None when not five stand-ups."""
    from oefensense.sim import assessments as st

    out = make_test("five-times-sit-to-stand", settings=settings).analyse(fr, RunContext())
    ups = st.chair_truth(sim).stand_ups()
    return None if out.reps != 5 or out.time_s is None else out.time_s - (ups[4][1] - ups[0][0])


def _sim_tug_errors(sc, sim, fr: BodyFrame, settings: TransferSettings | None) -> tuple[float | None, list[float]]:  # noqa: ANN001
    """(TUG time error s or None when not scored, each phase edge's error s; inf: phase missing)."""
    from oefensense.sim import assessments as st

    out = make_test("tug", settings=settings).analyse(fr, RunContext())
    truth = st.tug_truth(sim, sc)
    t0 = truth.phases["stand_up"][0]
    err = None if out.time_s is None else out.time_s - (truth.phases["sit_down"][1] - t0)
    got = {p.name: p for p in out.phases}
    edges: list[float] = []
    for name, (a, b) in truth.phases.items():
        if name in got:
            edges += [got[name].start_s - (a - t0), got[name].end_s - (b - t0)]
        else:
            edges.append(float("inf"))
    return err, edges


# ----------------------------------------------------------------------------- steps, real walking
def _reference_steps(frame: BodyFrame, a: int, b: int) -> float:
    """Dominant step frequency (Welch, 1.2-3 Hz) × duration: of the vertical acceleration
    (pelvis/trunk; 8-s segments), of the thigh's |acceleration| (32-s segments: a 5-min walk,
    0.03 Hz resolution; the thigh's flexion spectrum used before is, without a gyroscope, the
    orientation fusion's and gave a stride harmonic on one walk)."""
    from scipy.signal import welch

    rate = float(frame.rate_hz)
    pl = body_placement(frame)
    if pl is not None:
        x, seg_s = vertical_lin_acc(frame, pl)[a:b], 8.0
    else:
        x, seg_s = np.linalg.norm(np.asarray(frame["thigh_acc_g"], float)[a:b], axis=1), 32.0
    f, p = welch(x - x.mean(), fs=rate, nperseg=min(len(x), int(seg_s * rate)))
    sel = (f >= 1.2) & (f <= 3.0)
    return float(f[sel][np.argmax(p[sel])]) * (b - a) / rate


def _real_steps(quick: bool) -> dict:
    res: dict = {}
    root = data_dir()
    errs: dict[str, list[float]] = {"hapt": [], "sisfall_d01": [], "mobifall_wal": []}
    thigh: list = []
    walk_time: list[float] = []  # HAPT: walking time found against the labelled walking stretch (%)
    for f in hapt_files()[: 6 if quick else None]:
        fr, lab = runtime_body_frame(f)
        for a, b in runs(lab == "walking"):
            if (b - a) / fr.rate_hz < 10.0:
                continue
            sub = _sub(fr, a, b)
            ref = _reference_steps(fr, a, b)
            gait = find_steps(sub)
            errs["hapt"].append(100.0 * (gait.steps - ref) / ref)
            walk_time.append(100.0 * (gait.walking_s - (b - a) / fr.rate_hz) / ((b - a) / fr.rate_hz))
    for name, pattern, placement, n_quick in (("sisfall_d01", "sisfall/SA*/D01_*.waist.csv.gz", "pelvis", 5),
                                              ("mobifall_wal", "mobifall/sub*/WAL_*.thigh.csv.gz", "thigh", 3)):
        for k, f in enumerate(sorted(root.glob(pattern))):
            if quick and k >= n_quick:
                break
            fr, _ = runtime_body_frame(f)  # the whole walk after the chain's warm-up
            v = np.flatnonzero(np.asarray(fr[f"{placement}_valid"], bool))
            a, b = int(v[0]), int(v[-1]) + 1
            ref = _reference_steps(fr, a, b)
            errs[name].append(100.0 * (find_steps(_sub(fr, a, b)).steps - ref) / ref)
            if placement == "thigh":
                thigh.append((f.parent.name, _sub(fr, a, b), ref))
    # the thigh's peak prominence chosen inside leave-one-subject-out folds (MobiFall is the only
    # thigh walking data: no leave-one-dataset-out)
    within = {g: [abs(find_steps(fr, GaitSettings(thigh_min_peak_g=g)).steps - ref) <= 0.05 * ref for _, fr, ref in thigh]
              for g in GRID_THIGH_PEAK_G}
    loso = []
    for held in sorted({sub for sub, _, _ in thigh}):
        g = _pick({g: sum(o for (sub, _, _), o in zip(thigh, v) if sub != held) for g, v in within.items()},
                  GaitSettings().thigh_min_peak_g)
        loso += [o for (sub, _, _), o in zip(thigh, within[g]) if sub == held]
    res["steps_mobifall_wal_within_5pct_loso_pct"] = _pct(loso)
    res["hapt_walking_time_error_median_abs_pct"] = round(float(np.median(np.abs(walk_time))), 1) if walk_time else None
    res["hapt_walking_time_within_5pct_pct"] = _pct([abs(x) <= 5.0 for x in walk_time])
    for name, e in errs.items():
        res[f"steps_{name}_walks"] = len(e)
        res[f"steps_{name}_error_median_abs_pct"] = round(float(np.median(np.abs(e))), 1) if e else None
        res[f"steps_{name}_within_5pct_pct"] = _pct([abs(x) <= 5.0 for x in e])
    return res


# ------------------------------------------------- paused transfers and the shortest still pause
def _sim_choice_score(runs_: list, settings: TransferSettings) -> tuple[int, float]:
    """(figures within target, -sum of |time errors| s) on the simulator's choice runs: chair
    stands exact, 5xSTS times and TUG phase edges within 0.5 s, TUG scored; ties broken by the
    total 5xSTS + TUG time error."""
    from oefensense.sim import assessments as st

    n, err_sum = 0, 0.0
    for kind, sc, sim, fr in runs_:
        if kind == "30s":
            n += make_test("chair-stand-30s", settings=settings).analyse(fr, RunContext()).reps == st.stands_in_30s(st.chair_truth(sim))
        elif kind == "5x":
            e = _sim_5x_error(sim, fr, settings)
            n += e is not None and abs(e) <= 0.5
            err_sum += 30.0 if e is None else abs(e)
        else:
            e, edges = _sim_tug_errors(sc, sim, fr, settings)
            n += (e is not None) + sum(abs(x) <= 0.5 for x in edges)
            err_sum += 30.0 if e is None else abs(e)
    return n, -round(err_sum, 2)


def _sim_choice_runs(quick: bool) -> list:
    """The simulator's runs for choosing (seeds CHOICE_SEEDS, not the scored seeds 0-2)."""
    from oefensense.sim import assessments as st

    out = []
    for speed in SPEEDS:
        for seed in CHOICE_SEEDS[: 1 if quick else None]:
            for kind, name in (("30s", "chair-stand-30s"), ("5x", "five-times-sit-to-stand"), ("tug", "tug")):
                sc = st.scripted_test(name, speed=speed)
                sim, fr = _sim_frame(sc, seed, (Placement.PELVIS,))
                out.append((kind, sc, sim, fr))
    return out


def choose_tug_steps(scores: dict) -> int | None:
    """The documented rule for ``tug.MAX_STEPS_IN_TRANSFER``: per GRID_TUG_STEPS value its
    (TUGs timed more than 0.5 s off, phase edges within 0.5 s) on CHOICE_SEEDS; the fewest
    timed off, then the most edges; among the tied step counts the middle one (the nearest to
    the middle of their range, the smaller on a tie); None (off) only when no step count ties."""
    best = max((-v[0], v[1]) for v in scores.values())
    tied = [g for g, v in scores.items() if (-v[0], v[1]) == best and g is not None]
    return None if not tied else min(tied, key=lambda g: abs(g - (min(tied) + max(tied)) / 2))


def _tug_steps_rule(quick: bool) -> dict:
    """``max_steps_in_transfer`` chosen on the choice seeds; the TUG at SLOW_TUG_SPEED scored on
    seeds 0-2 with the shipped value and without the rule."""
    from oefensense.assessments.tug import MAX_STEPS_IN_TRANSFER, TimedUpAndGo
    from oefensense.sim import assessments as st

    def runs_of(seeds: tuple, speeds: tuple) -> list:
        out = []
        for speed in speeds:
            for seed in seeds:
                sc = st.scripted_test("tug", speed=speed)
                sim, fr = _sim_frame(sc, seed, (Placement.PELVIS,))
                truth = st.tug_truth(sim, sc)
                out.append((truth, fr))
        return out

    def score(items: list, n: int | None) -> tuple[int, int, list]:
        wrong, edges_ok, times = 0, 0, []
        for truth, fr in items:
            out = TimedUpAndGo(max_steps_in_transfer=n).analyse(fr, RunContext())  # not make_test: it drops None
            t0 = truth.phases["stand_up"][0]
            got = {p.name: p for p in out.phases}
            for name, (a, b) in truth.phases.items():
                if name in got:
                    edges_ok += (abs(got[name].start_s - (a - t0)) <= 0.5) + (abs(got[name].end_s - (b - t0)) <= 0.5)
            if out.time_s is None:
                times.append("/".join(f.code for f in out.flags) or "not scored")
            else:
                err = out.time_s - (truth.phases["sit_down"][1] - t0)
                wrong += abs(err) > 0.5
                times.append(round(err, 2))
        return wrong, edges_ok, times

    res: dict = {}
    choice = runs_of(CHOICE_SEEDS[: 1 if quick else None], SPEEDS + (SLOW_TUG_SPEED,))
    scores = {g: score(choice, g) for g in GRID_TUG_STEPS}
    res["tug_steps_rule_choice_seeds_3_5_wrong_edges"] = {str(g): list(v[:2]) for g, v in scores.items()}
    res["tug_steps_rule_chosen"] = choose_tug_steps({g: v[:2] for g, v in scores.items()})
    res["tug_steps_shipped_is_the_rule_choice"] = res["tug_steps_rule_chosen"] == MAX_STEPS_IN_TRANSFER
    scored = runs_of((0,) if quick else (0, 1, 2), (SLOW_TUG_SPEED,))
    for name, n in (("shipped", MAX_STEPS_IN_TRANSFER), ("off", None)):
        wrong, edges_ok, times = score(scored, n)
        res[f"sim_speed2_5_tug_{name}_time_error_s"] = times
        res[f"sim_speed2_5_tug_{name}_timed_over_0_5s_off"] = wrong
    return res


def _slow_tests(quick: bool) -> dict:
    """The chair tests and the TUG at SLOW_SPEEDS on seeds 0-2 (quick: 0): per speed and test the
    share scored (timed; the 30-s chair stand: counted exactly) and each run's time error (s) or
    why it was not scored; the TUG also against the pelvis' own movement (``_tug_turning_error``)."""
    from oefensense.sim import assessments as st

    res: dict = {}
    for speed in SLOW_SPEEDS:
        tag = f"speed{speed:g}".replace(".", "_")
        c30, t5, tug, tug_own = [], [], [], []
        for seed in (0,) if quick else (0, 1, 2):
            sc = st.scripted_test("chair-stand-30s", speed=speed)
            sim, fr = _sim_frame(sc, seed, (Placement.PELVIS,))
            out = make_test("chair-stand-30s").analyse(fr, RunContext())
            c30.append(out.reps == st.stands_in_30s(st.chair_truth(sim)))
            sc = st.scripted_test("five-times-sit-to-stand", speed=speed)
            sim, fr = _sim_frame(sc, seed, (Placement.PELVIS,))
            err = _sim_5x_error(sim, fr, None)
            t5.append("not scored" if err is None else round(err, 2))
            sc = st.scripted_test("tug", speed=speed)
            sim, fr = _sim_frame(sc, seed, (Placement.PELVIS,))
            err, _ = _sim_tug_errors(sc, sim, fr, None)
            tug.append("not scored" if err is None else round(err, 2))
            own = _tug_turning_error(sc, sim, fr)
            tug_own.append("not scored" if own is None else round(own, 2))
        res[f"sim_slow_{tag}_chair30_count_exact_pct"] = _pct(c30)
        res[f"sim_slow_{tag}_5xsts_time_error_s"] = t5
        res[f"sim_slow_{tag}_tug_time_error_s"] = tug
        res[f"sim_slow_{tag}_tug_time_error_vs_turning_s"] = tug_own
        res[f"sim_slow_{tag}_tug_timed_pct"] = _pct([not isinstance(x, str) for x in tug])
    return res


def _sisfall_slow_fast(quick: bool) -> dict:
    """SisFall's young adults' chair trials by pace (D07 and D09 slow, D08 and D10 quick; never
    SE01-SE15): per code the trials counted exactly (one sit-down, one stand-up), and over the
    transfers found their duration (s, median / max) and the pelvis' peak turning rate (|gyro|
    low-passed at 1 Hz, deg/s, median / min): how slow real slow transfers are, against the
    simulator's 2.2 s × speed (docs/assessments.md, *Slow patients*)."""
    res: dict = {}
    for code in ("D07", "D08", "D09", "D10"):
        ok, dur, peak = [], [], []
        for subj, _, fr in sisfall_trial_frames((code,), 4 if quick else None):
            if subj.startswith("SE"):
                raise ValueError(f"SisFall {subj} is held out")
            found = find_transfers(fr)
            ok.append([x.kind for x in found] == ["sit_down", "stand_up"])
            g = lowpass(np.linalg.norm(np.asarray(fr["pelvis_gyr_dps"], float), axis=1), fr.rate_hz, 1.0)
            t = times_s(fr)
            for x in found:
                i, j = np.searchsorted(t, [x.start_s, x.end_s])
                dur.append(x.duration_s)
                peak.append(float(g[i : j + 1].max()))
        res[f"sisfall_{code}_count_exact_pct"] = _pct(ok)
        res[f"sisfall_{code}_transfer_s_median_max"] = [round(float(np.median(dur)), 2), round(max(dur), 2)] if dur else None
        res[f"sisfall_{code}_pelvis_peak_dps_median_min"] = [round(float(np.median(peak)), 1), round(min(peak), 1)] if peak else None
    return res


def _tug_turning_error(sc, sim, fr: BodyFrame) -> float | None:  # noqa: ANN001
    """TUG time minus the simulator's time from the first to the last moment the true pelvis
    tilt turns at least ``TransferSettings.still_gyr_dps`` (``pelvis_turning_span``) in its
    stand-up .. sit-down, s; None when not timed."""
    from oefensense.sim import assessments as st

    out = make_test("tug").analyse(fr, RunContext())
    if out.time_s is None:
        return None
    truth = st.tug_truth(sim, sc)
    first, last = pelvis_turning_span(sim, truth.phases["stand_up"][0], truth.phases["sit_down"][1])
    return out.time_s - (last - first)


def pelvis_turning_span(sim, start_s: float, end_s: float) -> tuple[float, float]:  # noqa: ANN001
    """The first and the last moment (s) between ``start_s`` and ``end_s`` at which the
    simulator's true pelvis tilt turns at least ``TransferSettings.still_gyr_dps``: where the
    transfer finder's first stand-up begins and its last sit-down ends. The script's own times
    also count the eased tails of its minimum-jerk movements, in which the pelvis turns slower
    than that (docs/assessments.md, *The 5xSTS at speed 2*)."""
    from oefensense.core.frames import PELVIS_TILT

    ts = np.arange(len(sim.t_ns)) / sim.rate_hz
    rate = np.abs(np.gradient(sim.truth[PELVIS_TILT], 1.0 / sim.rate_hz))
    fast = (rate >= TransferSettings().still_gyr_dps) & (ts >= start_s) & (ts <= end_s)
    return float(ts[fast][0]), float(ts[fast][-1])


def _composite_frames(quick: bool) -> list[tuple[str, BodyFrame]]:
    """(subject, frame read as a CLI recording) of each SisFall five-trial composite."""
    from oefensense.commands.assess_run import frames_of_recordings

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for k, (subj, code, t, acc, gyr) in enumerate(sisfall_composites(data_dir())):
            if quick and k >= 12:
                break
            path = Path(tmp) / f"{subj}_{code}.waist.csv"
            write_csv(path, t, acc, gyr)
            out.append((subj, frames_of_recordings([str(path)])))
    return out


def _composite_ok(fr: BodyFrame, settings: TransferSettings | None) -> bool:
    out = make_test("five-times-sit-to-stand", settings=settings).analyse(fr, RunContext())
    n_up = sum(p.name.startswith("stand_up") for p in out.phases)
    return out.reps == 5 and n_up == 5 and not any(f.code == "too_many_reps" for f in out.flags)


def choose_min_still(sim_scores: dict, sisfall_ok: dict, default: float) -> float:
    """The documented rule for ``min_still_s`` (s) on all development data: among the
    GRID_MIN_STILL values whose simulator score on CHOICE_SEEDS (figures within target, -time
    error) is at least MIN_STILL_BEFORE's, the one with the most SisFall trials counted exactly
    (ties: the one nearest ``default`` in grid order, as in every fold)."""
    admissible = [g for g in GRID_MIN_STILL if tuple(sim_scores[g]) >= tuple(sim_scores[MIN_STILL_BEFORE])]
    return _pick({g: sisfall_ok[g] for g in admissible}, default)


def _paused_transfers(quick: bool) -> dict:
    """``join_pause_s`` chosen on the simulator's choice seeds; ``min_still_s`` chosen inside
    leave-subjects-out folds (and leave-one-dataset-out) among the values whose simulator score
    on the choice seeds is at least MIN_STILL_BEFORE's (the others shipped)."""
    res: dict = {}
    sim_runs = _sim_choice_runs(quick)
    scores = {g: _sim_choice_score(sim_runs, TransferSettings(join_pause_s=g)) for g in GRID_JOIN_PAUSE}
    res["join_pause_sim_scores"] = {str(g): list(v) for g, v in scores.items()}
    res["join_pause_chosen_on_sim_seeds_3_5"] = _pick(scores, TransferSettings().join_pause_s)
    ms_scores = {g: _sim_choice_score(sim_runs, TransferSettings(min_still_s=g)) for g in GRID_MIN_STILL}
    admissible = tuple(g for g in GRID_MIN_STILL if ms_scores[g] >= ms_scores[MIN_STILL_BEFORE])
    res["min_still_sim_scores"] = {str(g): list(v) for g, v in ms_scores.items()}
    res["min_still_admissible"] = list(admissible)
    sis = _sisfall_trials(quick)
    hw = _hapt_windows(quick)
    comp = _composite_frames(quick)

    def hapt_ok(item, settings):  # noqa: ANN001, ANN202
        return [x.kind for x in find_transfers(item[1], settings)] == ["sit_down", "stand_up"]

    tab = {g: ([_trial_ok(fr, TransferSettings(min_still_s=g)) for _, fr, _ in sis],
               [hapt_ok(x, TransferSettings(min_still_s=g)) for x in hw],
               [_composite_ok(fr, TransferSettings(min_still_s=g)) for _, fr in comp]) for g in GRID_MIN_STILL}
    res["min_still_all_sisfall_hapt_composites_pct"] = {str(g): [_pct(v) for v in tab[g]] for g in GRID_MIN_STILL}
    res["min_still_sisfall_trials_ok"] = {str(g): int(sum(tab[g][0])) for g in GRID_MIN_STILL}
    d = TransferSettings().min_still_s
    subjects = sorted({s for s, _, _ in sis})
    loso, loso_c, picks = [], [], []
    for held in subjects:
        g = _pick({g: sum(o for o, (s, _, _) in zip(tab[g][0], sis) if s != held) for g in admissible}, d)
        picks.append(g)
        loso += [o for o, (s, _, _) in zip(tab[g][0], sis) if s == held]
        loso_c += [o for o, (s, _) in zip(tab[g][2], comp) if s == held]
    res["sisfall_count_exact_min_still_loso_pct"] = _pct(loso)
    res["sisfall_composites_min_still_loso_pct"] = _pct(loso_c)
    res["sisfall_min_still_loso_chosen"] = {str(g): picks.count(g) for g in admissible if picks.count(g)}
    users = sorted({u for u, _, _ in hw})
    louo, upicks = [], []
    for held in users:
        g = _pick({g: sum(o for o, x in zip(tab[g][1], hw) if x[0] != held) for g in admissible}, d)
        upicks.append(g)
        louo += [o for o, x in zip(tab[g][1], hw) if x[0] == held]
    res["hapt_count_exact_min_still_louo_pct"] = _pct(louo)
    res["hapt_min_still_louo_chosen"] = {str(g): upicks.count(g) for g in admissible if upicks.count(g)}
    g_h = _pick({g: sum(tab[g][1]) for g in admissible}, d)
    g_s = choose_min_still(ms_scores, {g: sum(tab[g][0]) for g in GRID_MIN_STILL}, d)
    res["min_still_shipped_is_the_rule_choice"] = g_s == d
    res["lodo_min_still_chosen_on_hapt"] = g_h
    res["lodo_min_still_sisfall_count_exact_pct"] = _pct(tab[g_h][0])
    res["lodo_min_still_sisfall_composites_pct"] = _pct(tab[g_h][2])
    res["lodo_min_still_chosen_on_sisfall"] = g_s
    res["lodo_min_still_hapt_count_exact_pct"] = _pct(tab[g_s][1])
    return res


def run(quick: bool = False) -> dict:
    t0 = time.perf_counter()
    res: dict = {}
    res.update(_simulated(quick))
    res.update(_real_transfers(quick, res["lodo_settle_chosen_on_sim"], res["lodo_lean_band_chosen_on_sim"]))
    res.update(_composites(quick))
    res.update(_paused_transfers(quick))
    res.update(_tug_steps_rule(quick))
    res.update(_slow_tests(quick))
    res.update(_sisfall_slow_fast(quick))
    res.update(_real_steps(quick))
    res.update(gait_speed_errors(quick))
    res["elapsed_s"] = round(time.perf_counter() - t0, 1)
    return {k: (v.item() if isinstance(v, np.generic) else v) for k, v in res.items()}


if __name__ == "__main__":
    bench_main(run)
