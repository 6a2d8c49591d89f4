"""Train the waist-only lift/technique model (``models/lifting/lift_waist_hgb.onnx``).

Data: SisFall young adults (``/work/shared/data/sisfall``), waist sensor, through the project's
own SensorChain + Synchroniser (``oefensense.analysis.lift_frames``). The LiftingStage runs
without a model and lists every episode it finds (``LiftingStage.candidates``) with its features.
Labels: in D15 (bend at the knees) / D16 (bend without the knees) trials the longest episode is
the lift (squat / stoop); every other episode, and every episode in D01 (walking) and D07–D10
(sit down / stand up), is "none". Model: scikit-learn ``HistGradientBoostingClassifier``
(settings in ``HGB_PARAMS``), exported with skl2onnx; the stage runs it with onnxruntime.
With ``--copies`` (issue #16, older adults; measured and not adopted, docs/lifting.md) squat vs
stoop is split by a second model that also learns from slower, shallower copies of the training
subjects' lifts (``augment``, ``augment_lifting.py``), while whether an episode is a lift at all
is still learnt from the real episodes only (``fit``). The
former model, a standardised multinomial logistic regression (C=0.3, ``fit_logistic``), stays
for comparison (the benchmark's ``sisfall_logistic_*`` figures).

    .venv/bin/python -m models.training.train_lifting            # LOSO report + write the model
    .venv/bin/python -m models.training.train_lifting --no-write # LOSO report only
    .venv/bin/python -m models.training.train_lifting --no-write --failures  # + every failing trial
    .venv/bin/python -m models.training.train_lifting --nested   # every setting chosen inside the folds
    .venv/bin/python -m models.training.train_lifting --choose   # the set the same rule picks on all subjects (= the shipped defaults)
    .venv/bin/python -m models.training.train_lifting --no-write --nested --plane --ambiguity  # + the slow-lift limit, nested
    .venv/bin/python -m models.training.train_lifting --gate-tradeoff  # what each upright-gate setting costs and gains
    .venv/bin/python -m models.training.train_lifting --lodo-hapt  # the shipped model and settings on HAPT
    .venv/bin/python -m models.training.train_lifting --no-write --copies  # LOSO with the slow/shallow lift copies

The posture stages run first (as in the Pipeline) so the report includes the default posture
guard; the model itself does not depend on them.

The written file keeps the features of :data:`REFERENCE_TRIALS` as training saw them
(``meta["reference_features"]``); ``tests/analysis/test_lift_model_features.py`` fails when today's
code computes other features for them, i.e. when the shipped file must be retrained.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from oefensense.core.frames import BodyFrame
from oefensense.io.body_frames import concat_frames, frames_from_file
from oefensense.analysis.lifting import LiftingSettings, LiftingStage
from oefensense.features.lifting_features import FEATURE_NAMES
from oefensense.analysis.lifting_model import CLASSES, LiftModel, OnnxLiftModel
from oefensense.models import LIFT_WAIST

from .held_out import usable
from .onnx_export import drop_unused_initializers

SISFALL = Path("/work/shared/data/sisfall")
LIFT_CODES = ("D15", "D16")
# the false-lift activities: walking, sit down / stand up (half-height and low chair)
TARGET_NONLIFT_CODES = ("D01", "D07", "D08", "D09", "D10")
# "none" examples for training. Adding D11-D14 (collapse into a chair, sit-lie-get up, roll in
# bed) was measured: stoop detection fell from 87 % to 60 % of D16 trials, because lying down
# looks like a deep stoop to a waist sensor. So they are kept for evaluation only.
NONLIFT_CODES = TARGET_NONLIFT_CODES
#: the model's inputs (:func:`dataset`, :func:`fit`); ``GATE_FEATURES`` (the upright gate's
#: values, ``lifting_features.episode_gate``) can be appended (issue #16, measured: docs/lifting.md)
MODEL_FEATURES: tuple[str, ...] = FEATURE_NAMES
GATE_FEATURES = ("gate_turn_deg", "gate_lateral_deg", "gate_start_tilt_deg", "gate_end_tilt_deg",
                 "gate_horizontal_s_60", "gate_horizontal_still_s_60", "gate_horizontal_s_70", "gate_horizontal_still_s_70")
#: activities whose episodes are also "none" in training (hard negatives; only the training
#: subjects' trials of a fold, as every other row); () = none (shipped)
HARD_NEGATIVE_CODES: tuple[str, ...] = ()
#: their rows' weight in training (a real episode: 1); their class in :func:`dataset` is
#: :data:`HARD_NONE` (trained as "none")
HARD_NEGATIVE_WEIGHT = 1.0
#: the stricter zero-velocity rule for slow lifts (``LiftingSettings.zupt_rest_*``, ``zupt_back_s``;
#: issue #16, measured and not adopted: docs/lifting.md), ``--zupt-rest``
ZUPT_REST = {"zupt_rest_gyr_dps": 2.0, "zupt_rest_acc_g": 0.01, "zupt_back_s": 2.5}
#: LiftingSettings fields every run of this module sets (collect, the reports, the nested choice)
STAGE_OVERRIDES: dict = {}
#: P(lift) thresholds the nested choice may pick with ``--low-thresholds`` (a model trained on hard
#: negatives scores lifts lower)
LOW_P_LIFT = (0.6, 0.5, 0.7, 0.4, 0.3, 0.2, 0.1)
# never trained on (evaluation only)
UNSEEN_CODES = ("D11", "D12", "D13", "D14", "D17")
# the "no lifts from lying down, rolling over, getting into a car" (<= 3 per 10 min):
# sit-lie-get up (D12, D13), roll while lying (D14), get in and out of a car (D17)
LYING_CAR_CODES = ("D12", "D13", "D14", "D17")
C_REG = 0.3  # the logistic model's regularisation (comparison only)
# gradient-boosted trees: one setting, not tuned beyond three variants (docs/lifting.md) ...
HGB_PARAMS = {"max_iter": 100, "learning_rate": 0.1, "max_leaf_nodes": 15, "l2_regularization": 1.0, "max_features": 0.5}
# ... averaged over ENSEMBLE_SIZE of them (random_state 0..4: each split sees a random half of the
# features). One model's trial-level figures moved by 1-3 trials and 3 false lifts when a handful
# of training episodes changed; the average of five is steadier (docs/lifting.md).
ENSEMBLE_SIZE = 5
#: trials whose episodes' features the written file keeps (``meta["reference_features"]``), so a
#: test can tell when today's code computes other features than the file was fitted on: the 22 Nov
#: file ran for three days on flexion features changed by the forward-direction work (215eebb)
#: without anything failing (docs/lifting.md, "The shipped file retrained on today's features")
REFERENCE_TRIALS = ("D15_SA05_R01", "D16_SA05_R01")


@dataclass
class Trial:
    path: Path
    code: str
    subject: str
    duration_s: float
    candidates: list[dict]  # LiftingStage.candidates (features of every episode)
    frame: BodyFrame  # the whole trial on the analysis grid (for re-running the stage)
    # a slower / shallower copy for training only (``augment``); never scored
    augmented: bool = False
    # a copy's lift as (start, end) ns: the copy's episode overlapping it most is the lift
    main_ns: tuple[int, int] | None = None


def trial_files(root: Path = SISFALL, codes: tuple[str, ...] = LIFT_CODES + NONLIFT_CODES) -> list[Path]:
    """SisFall waist trials with these codes; never the held-out older adults (``held_out``)."""
    return usable(sorted(p for c in codes for p in root.glob(f"SA*/{c}_*.waist.csv.gz")))


UPSTREAM_STAGES = ("posture", "transitions", "sitting")  # run before lifting in the Pipeline


def with_upstream(frame: BodyFrame) -> BodyFrame:
    """The frame as the lifting stage sees it in the Pipeline: after posture → transitions →
    sitting, which add ``posture_code`` etc. (stages are chunk-invariant, so one block = stream)."""
    from oefensense.analysis.registry import make_stage

    for name in UPSTREAM_STAGES:
        stage = make_stage(name)
        stage.process(frame)
        stage.finish()
    return frame


def episodes(frame: BodyFrame, settings: LiftingSettings | None = None) -> list[dict]:
    """Every episode the model-free LiftingStage finds in ``frame`` (with its features)."""
    stage = LiftingStage(settings, model=None)  # model-free: every episode is offered
    stage.process(frame)
    stage.finish()
    return list(stage.candidates)


def collect(files: list[Path], upstream: bool = True, settings: LiftingSettings | None = None) -> list[Trial]:
    """Run the model-free LiftingStage over each file; keep every episode's features.
    ``upstream``: run the posture stages first, as the Pipeline does (adds ``posture_code``)."""
    out = []
    for path in files:
        frame = concat_frames(frames_from_file(path))
        if upstream:
            frame = with_upstream(frame)
        code = re.match(r"(D\d\d)_", path.name).group(1)
        subject = path.parent.name  # the folder: SisFall names a few SA15 files "SE15"
        out.append(Trial(path, code, subject, len(frame) / frame.rate_hz, episodes(frame, settings), frame))
    return out


def recollect(trials: list[Trial], settings: LiftingSettings) -> list[Trial]:
    """The same trials with their episodes found again under other stage settings (ablations)."""
    return [Trial(t.path, t.code, t.subject, t.duration_s, episodes(t.frame, settings), t.frame, t.augmented, t.main_ns)
            for t in trials]


def reference_features(trials: list[Trial]) -> dict[str, list[list[float | None]]]:
    """Each :data:`REFERENCE_TRIALS` trial's episodes as :data:`MODEL_FEATURES` rows (a feature the
    stage could not compute: None), by trial name, from real (not copied) trials in ``trials``."""
    out = {}
    for tr in trials:
        name = tr.path.name.split(".")[0]
        if name in REFERENCE_TRIALS and not tr.augmented:
            out[name] = [[None if not np.isfinite(v := float(c["features"].get(k, np.nan))) else v for k in MODEL_FEATURES]
                         for c in tr.candidates]
    return out


def dataset(trials: list[Trial]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature matrix, class index and subject per episode. Classes: :data:`CLASSES` (0 none,
    1 squat, 2 stoop) for real trials; a training copy's lift (``augment``) is
    :data:`COPY_SQUAT` / :data:`COPY_STOOP` (only the technique part of :func:`fit` learns from
    it), and its other episodes are left out."""
    x, y, s = [], [], []
    for tr in trials:
        if not tr.candidates or tr.code not in LIFT_CODES + NONLIFT_CODES + HARD_NEGATIVE_CODES:
            continue  # other activities (UNSEEN_CODES) are for evaluation only
        main = -1
        if tr.code in LIFT_CODES:
            main = _main_episode(tr)
        for j, c in enumerate(tr.candidates):
            if tr.augmented and j != main:
                continue  # a copy's other episodes: pieces of its lift, or the same as the real trial's
            x.append([c["features"].get(k, np.nan) for k in MODEL_FEATURES])
            lift = 0 if j != main else (1 if tr.code == "D15" else 2)
            y.append(HARD_NONE if tr.code in HARD_NEGATIVE_CODES else lift + (2 if tr.augmented else 0))
            s.append(tr.subject)
    return np.asarray(x, float), np.asarray(y, int), np.asarray(s)


def _longest(candidates: list[dict]) -> int:
    """Index of the longest episode (a real lift trial's lift)."""
    return int(np.argmax([c["features"]["duration_s"] for c in candidates]))


def _main_episode(tr: Trial) -> int:
    """The lift episode of a D15/D16 trial: the longest one; in a copy (``augment``), the one
    overlapping the source trial's lift most (-1: the copy has none, e.g. too shallow to find)."""
    if not tr.candidates:
        return -1
    if tr.main_ns is None:
        return _longest(tr.candidates)
    a, b = tr.main_ns
    over = [min(b, c["end_ns"]) - max(a, c["t_ns"]) for c in tr.candidates]
    j = int(np.argmax(over))
    return j if over[j] > 0 else -1


def augment(trials: list[Trial], settings: LiftingSettings | None = None) -> list[Trial]:
    """Training copies of the D15/D16 trials, slower and shallower (``augment_lifting``;
    :func:`augment_variants`: :data:`AUG_COPIES` draws per trial, seeded by the file name, so
    deterministic). A copy keeps its subject, so every fold leaves it out with that subject's
    real trials; it is never scored (``Trial.augmented``)."""
    from .augment_lifting import stretch_frame

    out = []
    for t in trials:
        if t.augmented or t.code not in LIFT_CODES or not t.candidates:
            continue
        c = t.candidates[_longest(t.candidates)]
        t0 = int(t.frame.t_ns[0])
        for slow, depth in augment_variants(t.path.name):
            fr = stretch_frame(t.frame, slow, depth, seed=f"{t.path.name}:{slow:.4f}:{depth:.4f}")
            main = (t0 + int((c["t_ns"] - t0) * slow), t0 + int((c["end_ns"] - t0) * slow))
            out.append(Trial(t.path, t.code, t.subject, len(fr) / fr.rate_hz, episodes(fr, settings), fr, True, main))
    return out


#: the training copies' lift classes (:func:`dataset`): squat, stoop
COPY_SQUAT, COPY_STOOP = 3, 4
#: a hard negative's class (:data:`HARD_NEGATIVE_CODES`; "none" with :data:`HARD_NEGATIVE_WEIGHT`)
HARD_NONE = 5
#: copies per D15/D16 trial (``augment``): ``slow`` log-uniform in AUG_SLOW, ``depth`` uniform in
#: AUG_DEPTH (continuous draws, not the benchmark's older_sim grid values)
AUG_COPIES = 4
AUG_SLOW = (1.0, 3.5)
AUG_DEPTH = (0.5, 1.0)
#: weight of a copied lift in the squat-vs-stoop model (a real lift: 1)
COPY_WEIGHT = 1.0


def augment_variants(name: str) -> list[tuple[float, float]]:
    """The (slow, depth) copies of one trial, drawn from a generator seeded by its file name."""
    import zlib

    rng = np.random.default_rng(zlib.crc32(name.encode()))
    slow = np.exp(rng.uniform(np.log(AUG_SLOW[0]), np.log(AUG_SLOW[1]), AUG_COPIES))
    depth = rng.uniform(*AUG_DEPTH, AUG_COPIES)
    return [(round(float(a), 3), round(float(b), 3)) for a, b in zip(slow, depth)]


def _voting(x: np.ndarray, y: np.ndarray, weight: np.ndarray | None = None):
    """``ENSEMBLE_SIZE`` gradient-boosted tree models averaged (soft voting), fitted on one thread."""
    from sklearn.ensemble import HistGradientBoostingClassifier, VotingClassifier
    from threadpoolctl import threadpool_limits

    members = [(f"hgb{i}", HistGradientBoostingClassifier(**HGB_PARAMS, random_state=i)) for i in range(ENSEMBLE_SIZE)]
    clf = VotingClassifier(members, voting="soft", flatten_transform=False)  # skl2onnx needs flatten off
    with threadpool_limits(1):  # one OpenMP thread: the VM's cores are shared (same trees either way)
        clf.fit(x, y, sample_weight=weight)
    return clf


def fit(x: np.ndarray, y: np.ndarray, meta: dict | None = None) -> OnnxLiftModel:
    """Gradient-boosted trees (a soft-voting average of ``ENSEMBLE_SIZE``) → ONNX →
    :class:`OnnxLiftModel` (the model as the stage runs it; its ``onnx_bytes`` are what gets written).

    Rows of classes 0-2 (real episodes) train the none/squat/stoop model. With training copies'
    lifts (classes :data:`COPY_SQUAT`, :data:`COPY_STOOP`) a second, squat-vs-stoop model learns
    from every lift, real and copied, and splits the first model's P(lift) between squat and stoop
    (one ONNX graph, ``onnx_export.detector_with_technique``): whether an episode is a lift is
    learnt from real recordings only; how it was done also from slower, shallower copies."""
    from skl2onnx import to_onnx

    hard = y == HARD_NONE
    y = np.where(hard, 0, y)
    real = y < COPY_SQUAT
    clf = _voting(x[real], y[real], np.where(hard[real], HARD_NEGATIVE_WEIGHT, 1.0) if hard.any() else None)
    if list(clf.classes_) != list(range(len(CLASSES))):
        raise ValueError(f"training data must contain every class {CLASSES}, got {clf.classes_}")
    opsets = {"": 17, "ai.onnx.ml": 3}
    onx = to_onnx(clf, x[:1].astype(np.float32), options={id(clf): {"zipmap": False}}, target_opset=opsets)
    if np.any(~real):
        from .onnx_export import detector_with_technique

        lift = y > 0
        w = np.where(y[lift] >= COPY_SQUAT, COPY_WEIGHT, 1.0)
        tech = _voting(x[lift], np.where(y[lift] % 2 == 1, 1, 2), w)  # 1, 3 → squat; 2, 4 → stoop
        tonx = to_onnx(tech, x[:1].astype(np.float32), options={id(tech): {"zipmap": False}}, target_opset=opsets)
        onx = detector_with_technique(onx, tonx, tech_cols=(0, 2))
        x = x[real]
    drop_unused_initializers(onx)
    fill = np.nanmean(x, axis=0)
    for key, value in {
        "features": ",".join(MODEL_FEATURES),
        "classes": ",".join(CLASSES),
        "fill": ",".join(repr(float(v)) for v in fill),
        "meta": json.dumps(meta or {}),
    }.items():
        prop = onx.metadata_props.add()
        prop.key, prop.value = key, value
    onx.producer_name = "oefensense.models.training.train_lifting"
    return OnnxLiftModel(onx.SerializeToString())


def fit_logistic(x: np.ndarray, y: np.ndarray, meta: dict | None = None) -> LiftModel:
    """Standardised multinomial logistic regression → a numpy-only :class:`LiftModel` (the
    model shipped before the trees; kept for the benchmark's comparison)."""
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    clf = LogisticRegression(C=C_REG, max_iter=5000)
    clf.fit((x - mean) / scale, y)
    if list(clf.classes_) != list(range(len(CLASSES))):
        raise ValueError(f"training data must contain every class {CLASSES}, got {clf.classes_}")
    coef, icpt = clf.coef_, clf.intercept_
    return LiftModel(FEATURE_NAMES, mean, scale, coef, icpt, CLASSES, meta or {})


#: settings chosen inside the folds (:func:`nested_choice`): P(lift) threshold × posture guard
#: (lying longer than this many seconds in the episode → no lift) × upright gate (most turn about
#: gravity in deg, longest still rest at >= 60° from standing in s, and whether an episode the
#: recording cut off mid-bend is dropped; ``LiftingSettings.gate_*``) × plane gate (most
#: ``offplane_deg`` of any episode, of an episode tilting >= the last value in deg; inf = off;
#: ``LiftingSettings.gate_max_offplane_*``); the shipped values first (ties keep the earlier).
#: The upright gate stays off in the nested choice (its trade-off: :data:`GATE_GRID`,
#: ``--gate-tradeoff``); the plane gate's limits are chosen inside the folds (issue #16).
INF = float("inf")
#: the plane gate's settings (max ``offplane_deg`` of any episode, of an episode tilting >= the
#: last value in deg; inf = off; the shipped first) chosen inside the folds after the P(lift)
#: threshold and posture guard (:func:`best_with_plane`). Fixed before any nested run.
PLANE_GRID: tuple[tuple[float, float, float], ...] = ((INF, INF, 70.0),) + tuple(
    (op, opt, deg) for op in (INF, 6.0, 5.0) for opt in (INF, 4.0, 3.0) for deg in (70.0, 60.0)
    if (op, opt) != (INF, INF) and not (opt == INF and deg != 70.0))
#: a limit only near horizontal (measured jointly with the pair, ``--plane-tilted``; not adopted)
PLANE_GRID_TILTED: tuple[tuple[float, float, float], ...] = ((INF, INF, 70.0),) + tuple(
    (INF, opt, deg) for opt in (4.0, 3.0) for deg in (70.0, 60.0))


def choices_with(planes: tuple[tuple[float, float, float], ...]) -> tuple[tuple, ...]:
    """:data:`CHOICES` over these plane-gate settings."""
    return tuple((p, g, INF, INF, False, *plane) for plane in planes for p in (0.6, 0.5, 0.7) for g in (3.0, 1.5, 0.5))


CHOICES: tuple[tuple, ...] = choices_with(PLANE_GRID[:1])
#: every P(lift) threshold × posture guard × upright gate setting ``--gate-tradeoff`` measures
GATE_GRID: tuple[tuple[float, float, float, float, bool], ...] = tuple(
    (p, g, turn, hz, cut)
    for p in (0.6, 0.5, 0.7) for g in (3.0, 1.5, 0.5)
    for turn in (float("inf"), 120.0, 90.0, 60.0) for hz in (float("inf"), 1.5, 1.0, 0.5) for cut in (False, True))


def stage_settings(**kw) -> LiftingSettings:
    """LiftingSettings with :data:`STAGE_OVERRIDES` and then ``kw``."""
    return LiftingSettings(**{**STAGE_OVERRIDES, **kw})


def choice_settings(c: tuple[float, float, float, float, bool], ambiguous_below_gyr_dps: float = 0.0) -> LiftingSettings:
    """The stage settings of one :data:`CHOICES` entry; ``ambiguous_below_gyr_dps``: the
    slow-lift rule (``LiftingSettings``; 0 = off, as every choice was scored before it existed)."""
    p, g, turn, hz, cut = c[:5]
    op, opt, deg = c[5:] if len(c) > 5 else (INF, INF, 70.0)
    return stage_settings(min_lift_probability=p, posture_lying_s=g, gate_max_turn_deg=turn,
                          gate_max_horizontal_s=hz, gate_cut_off=cut, gate_max_offplane_deg=op,
                          gate_max_offplane_tilted_deg=opt, gate_tilted_deg=deg,
                          ambiguous_below_gyr_dps=ambiguous_below_gyr_dps)


def offer_all(lo: float) -> LiftingSettings:
    """Settings of a run that offers every episode (P(lift) >= ``lo``, no posture guard, no
    upright gate) for :func:`_rethreshold`."""
    return stage_settings(min_lift_probability=lo, use_posture=False, gate_cut_off=False)


def _rethreshold(cands: list[dict], c: tuple, settings: LiftingSettings) -> list[tuple[str, float]]:
    """(technique, peak |gyro| deg/s) of the lifts a stage run would give with :data:`CHOICES`
    entry ``c``, from the candidates of an :func:`offer_all` run at the lowest threshold (exact
    except when a rejected descent would pair with a rise); the slow-lift rule off."""
    from oefensense.analysis.lifting import technique_of, upright_gate

    st = choice_settings(c)
    out = []
    for cand in cands:
        if cand["posture_lying_s"] > st.posture_lying_s or cand["p_lift"] < st.min_lift_probability:
            continue
        if not upright_gate(cand["gate"], st):
            continue
        out.append((technique_of(cand["index"], settings), float(cand["features"]["peak_gyr_dps"])))
    return out


def _choice_score(r: dict) -> tuple:
    """Inner-fold figures → sort key: issue targets met (technique ≥ 90 %, ≤ 1 false lift per
    10 min of walking/sitting down, ≤ 3 per 10 min of lying down/rolling/car), then one lift per
    trial, then fewer false lifts."""
    tech = float(np.mean(r["tech"]))
    false = 10 * r["false"] / max(r["min"], 1e-9)
    lying = 10 * r["lying"] / max(r["lying_min"], 1e-9)
    met = (tech >= 0.90) + (false <= 1.0) + (lying <= 3.0)
    return met, round(float(np.mean(r["one"])), 3), -(false + lying)


def subject_folds(subjects: list[str], k: int) -> list[set[str]]:
    """``k`` folds of whole subjects (sorted, dealt round-robin: deterministic)."""
    subjects = sorted(subjects)
    return [set(subjects[i::k]) for i in range(min(k, len(subjects)))]


def _score_choices(trials: list[Trial], x, y, s, exclude: set[str], folds: list[set[str]], choices) -> dict:
    """Figures of every choice over ``folds`` of subjects (each scored with a model trained on
    the subjects of neither ``exclude`` nor the fold)."""
    lo = min(c[0] for c in choices)
    res = {c: {"one": [], "tech": [], "false": 0, "min": 0.0, "lying": 0, "lying_min": 0.0,
               "tech_amb": {g: [] for g in AMBIGUITY_GRID}} for c in choices}
    for inner in folds:
        keep = ~np.isin(s, list(exclude | inner))
        model = fit(x[keep], y[keep])
        for t in (t for t in trials if t.subject in inner and not t.augmented):  # copies: training only
            st = LiftingStage(offer_all(lo), model=model)
            st.process(t.frame)
            st.finish()
            for c in choices:
                lifts = _rethreshold(list(st.candidates), c, st.settings)
                tech = [k for k, _ in lifts]
                r = res[c]
                if t.code in LIFT_CODES:
                    want = "squat" if t.code == "D15" else "stoop"
                    r["one"].append(len(tech) == 1)
                    r["tech"].append(len(tech) == 1 and tech[0] == want)
                    for g, ok in r["tech_amb"].items():  # the slow-lift rule: undetermined is not correct
                        ok.append(len(tech) == 1 and tech[0] == want and not (tech[0] != "squat" and lifts[0][1] < g))
                elif t.code in LYING_CAR_CODES:
                    r["lying"] += len(tech)
                    r["lying_min"] += t.duration_s / 60.0
                else:
                    r["false"] += len(tech)
                    r["min"] += t.duration_s / 60.0
    return res


COUNTED = LIFT_CODES + TARGET_NONLIFT_CODES + LYING_CAR_CODES


def best_with_plane(res: dict, choices: tuple[tuple, ...], planes: tuple[tuple, ...] | None) -> tuple:
    """The best of ``choices`` by :func:`_choice_score` (ties: the earlier). With ``planes``: first
    the best with the plane gate off (so the P(lift) threshold and posture guard are chosen exactly
    as without it), then, with that pair, the best plane-gate setting (``res`` must hold every
    ``choices_with(planes)`` entry)."""
    if planes is None:
        return max(choices, key=lambda c: _choice_score(res[c]))
    pair = max((c for c in choices if c[5:] == planes[0]), key=lambda c: _choice_score(res[c]))
    return max(((*pair[:5], *pl) for pl in planes), key=lambda c: _choice_score(res[c]))


#: the slow-lift rule's limits (``LiftingSettings.ambiguous_below_gyr_dps``, deg/s; 0 = off) the
#: folds choose from (:func:`best_ambiguity`). Fixed before any nested run (4 Dec 2026): the
#: still flag's 8 deg/s times 2-4, and off.
AMBIGUITY_GRID: tuple[float, ...] = (0.0, 16.0, 20.0, 24.0, 28.0, 32.0)
#: how much inner technique accuracy (fraction) the rule may cost (:func:`best_ambiguity`)
AMBIGUITY_MAX_COST = 0.01


def best_ambiguity(r: dict) -> float:
    """The slow-lift limit chosen from one choice's inner figures (``_score_choices``): the
    largest of :data:`AMBIGUITY_GRID` that costs at most :data:`AMBIGUITY_MAX_COST` of the inner
    technique accuracy (an undetermined call counted as not correct) and does not take it below
    the 90 % target if it was above. Largest, because real data (young adults) can only show
    what the rule costs, and the simulator what it saves: every slow squat flagged needs the
    highest limit that real lifts allow (docs/lifting.md)."""
    base = float(np.mean(r["tech_amb"][0.0]))
    ok = [g for g, v in r["tech_amb"].items()
          if float(np.mean(v)) >= base - AMBIGUITY_MAX_COST - 1e-9 and (float(np.mean(v)) >= 0.90 or base < 0.90)]
    return max(ok)


def nested_choice(trials: list[Trial], choices: tuple[tuple, ...] = CHOICES,
                  outer_folds: int = 5, inner_folds: int = 4, log=None,
                  planes: tuple[tuple, ...] | None = None, ambiguity: bool = False) -> dict:
    """The :data:`CHOICES` settings (P(lift) threshold, posture guard, upright gate) chosen inside
    the folds: ``outer_folds`` folds of whole subjects; in each, ``inner_folds`` folds of the
    outer training subjects score every choice (:func:`_choice_score`; inner models never saw
    their inner test subjects), and the real stage runs on the outer test subjects with the best
    choice and the model trained on all outer training subjects. (Subject folds instead of
    leave-one-subject-out in both loops: with five tree models per fit the nested
    leave-one-subject-out would need 506 fits, ~100 min.) ``planes``: the plane gate's setting is
    chosen too, after the pair (:func:`best_with_plane`). ``ambiguity``: the slow-lift limit is
    chosen too, last (:func:`best_ambiguity`; else off). Returns the outer figures
    (``loso_report`` keys) and how often each choice was chosen."""
    from .evaluate_lifting import loso_report

    if planes is not None:
        choices = choices_with(planes)
    x, y, s = dataset(trials)
    outer = subject_folds(list({t.subject for t in trials}), outer_folds)
    chosen: dict[str, tuple] = {}
    amb: dict[str, float] = {}
    for k, test in enumerate(outer):
        inner_trials = [t for t in trials if t.subject not in test and t.code in COUNTED]
        res = _score_choices(inner_trials, x, y, s, test, subject_folds(list({t.subject for t in inner_trials}), inner_folds), choices)
        best = best_with_plane(res, choices, planes)  # ties: the earlier (shipped first)
        chosen.update(dict.fromkeys(test, best))
        amb.update(dict.fromkeys(test, best_ambiguity(res[best]) if ambiguity else 0.0))
        if log:
            top = sorted(choices, key=lambda c: _choice_score(res[c]), reverse=True)[:5]
            log(f"outer fold {k}: best 5 " + ", ".join(f"{c}: {_choice_score(res[c])}" for c in top) + f" -> {best}"
                + (f"; slow-lift limit {amb[min(test)]:g} deg/s (inner technique by limit: "
                   + ", ".join(f"{g:g}: {100 * float(np.mean(v)):.1f} %" for g, v in res[best]["tech_amb"].items()) + ")"
                   if ambiguity else ""))
    report = loso_report(trials, folds=outer, subject_settings={o: choice_settings(c, amb[o]) for o, c in chosen.items()})
    keys = [json.dumps(chosen[min(f)][:2]) for f in outer]  # the upright gate is off in every choice
    planes = [json.dumps(chosen[min(f)][5:]) for f in outer]  # the plane gate's (max, max when tilted, tilted deg)
    lims = [f"{amb[min(f)]:g}" for f in outer]
    return {"outer_folds": len(outer), "chosen_p_lift_and_lying_s": {k: keys.count(k) for k in dict.fromkeys(keys)},
            "chosen_plane_gate": {k: planes.count(k) for k in dict.fromkeys(planes)},
            **({"chosen_ambiguous_below_gyr_dps": {k: lims.count(k) for k in dict.fromkeys(lims)}} if ambiguity else {}),
            **report}


def gate_tradeoff(trials: list[Trial], grid: tuple[tuple, ...] = GATE_GRID, folds: int = 4) -> list[dict]:
    """Every :data:`GATE_GRID` setting scored over ``folds`` subject folds of all subjects (each
    fold's model trained on the others): one lift per D15/D16 trial, technique right, false lifts
    per 10 min of walking / sitting down and of lying down / rolling / car; best one-lift first."""
    x, y, s = dataset(trials)
    counted = [t for t in trials if t.code in COUNTED]
    res = _score_choices(counted, x, y, s, set(), subject_folds(list({t.subject for t in counted}), folds), grid)
    rows = [{"p_lift": c[0], "posture_lying_s": c[1], "max_turn_deg": c[2], "max_horizontal_s": c[3], "cut_off": c[4],
             "one_lift_pct": round(100 * float(np.mean(r["one"])), 1), "technique_pct": round(100 * float(np.mean(r["tech"])), 1),
             "false_per_10min": round(10 * r["false"] / max(r["min"], 1e-9), 2),
             "lying_car_per_10min": round(10 * r["lying"] / max(r["lying_min"], 1e-9), 2)} for c, r in res.items()]
    return sorted(rows, key=lambda r: (-r["one_lift_pct"], r["lying_car_per_10min"]))


def choose_on_all(trials: list[Trial], choices: tuple[tuple, ...] = CHOICES, folds: int = 4, log=None,
                  planes: tuple[tuple, ...] | None = None, ambiguity: bool = False) -> tuple:
    """The choice the nested rule makes on all subjects (``folds`` subject folds): how the shipped
    values were chosen (so the plain leave-one-subject-out figures are not nested; the
    ``nested_*`` ones are). ``planes``: as :func:`nested_choice`."""
    if planes is not None:
        choices = choices_with(planes)
    x, y, s = dataset(trials)
    counted = [t for t in trials if t.code in COUNTED]
    res = _score_choices(counted, x, y, s, set(), subject_folds(list({t.subject for t in counted}), folds), choices)
    top = sorted(choices, key=lambda c: _choice_score(res[c]), reverse=True)
    if log:
        log("best 10 on all subjects: " + ", ".join(f"{c}: {_choice_score(res[c])}" for c in top[:10]))
    best = best_with_plane(res, choices, planes)
    if ambiguity:  # the slow-lift limit last, with that choice (appended to the tuple)
        if log:
            log("inner technique by slow-lift limit: " + ", ".join(
                f"{g:g}: {100 * float(np.mean(v)):.1f} %" for g, v in res[best]["tech_amb"].items()))
        return (*best, best_ambiguity(res[best]))
    return best


#: what the selection rule picked in one pass over all 23 SisFall development subjects
#: (:func:`choose_on_all` with :data:`PLANE_GRID` and the slow-lift limit; ``--choose``, 4 subject
#: folds; 4 Dec 2026 16:44 UTC): P(lift) threshold, posture guard (lying s), upright gate (off:
#: max turn, max still near-horizontal s, cut-off), plane gate (max ``offplane_deg``, max when
#: tilted, tilted deg), slow-lift limit (deg/s). The ``LiftingSettings`` defaults are exactly this
#: (:func:`differs_from_defaults`; tests/analysis/test_lifting_defaults.py).
CHOSEN_ON_ALL: tuple = (0.5, 3.0, INF, INF, False, 6.0, 3.0, 70.0, 28.0)


def differs_from_defaults(choice: tuple) -> list[str]:
    """The ``LiftingSettings`` fields whose default is not what ``choice`` (a :data:`CHOICES`
    entry with the plane gate's three values and the slow-lift limit appended, as
    :func:`choose_on_all` returns it) sets, as ``"field: default -> chosen"``; [] when the shipped
    defaults are exactly the choice."""
    chosen, shipped = choice_settings(choice[:8], choice[8]), LiftingSettings()
    fields = ("min_lift_probability", "posture_lying_s", "gate_max_turn_deg", "gate_max_horizontal_s", "gate_cut_off",
              "gate_max_offplane_deg", "gate_max_offplane_tilted_deg", "gate_tilted_deg", "ambiguous_below_gyr_dps")
    return [f"{f}: {getattr(shipped, f)!r} -> {getattr(chosen, f)!r}" for f in fields if getattr(shipped, f) != getattr(chosen, f)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-write", action="store_true", help="only print the leave-one-subject-out report")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / LIFT_WAIST))
    ap.add_argument("--nested", "--nested-threshold", action="store_true",
                    help="choose min_lift_probability and the posture guard inside each fold (5 outer, 4 inner subject folds; ~6 min) and print the outer figures")
    ap.add_argument("--lodo-hapt", action="store_true",
                    help="leave-one-dataset-out: the shipped model and settings (chosen on SisFall) over every HAPT recording; print the false lifts per activity")
    ap.add_argument("--gate-tradeoff", action="store_true",
                    help="score every P(lift) threshold x posture guard x upright gate setting over 4 subject folds (one JSON row each)")
    ap.add_argument("--choose", action="store_true",
                    help="print the whole set the selection rule picks in one pass on all subjects (P(lift) threshold, posture guard, upright gate, plane gate, slow-lift limit: how the shipped defaults were chosen); exit 1 if the LiftingSettings defaults differ")
    ap.add_argument("--failures", action="store_true",
                    help="also list every failing trial (missed or doubled lift, false lift) with its episodes' P(lift)")
    ap.add_argument("--copies", action="store_true",
                    help="also train the squat-vs-stoop split on slower, shallower copies of the lift trials (issue #16; measured, not adopted: docs/lifting.md)")
    ap.add_argument("--gate-inputs", action="store_true",
                    help="the upright gate's values (turn about gravity, lateral tilt, start/end tilt, time near horizontal) as model inputs (issue #16; measured, not adopted)")
    ap.add_argument("--hard-negatives", type=float, nargs="?", const=1.0, default=None, metavar="WEIGHT",
                    help="train D12-D14/D17 (lying down, rolling, car) episodes of the training subjects as 'none', with this weight (default 1; measured, not adopted)")
    ap.add_argument("--low-thresholds", action="store_true",
                    help="with --nested: P(lift) thresholds 0.1-0.7 to choose from (not only 0.5-0.7)")
    ap.add_argument("--zupt-rest", action="store_true",
                    help="the stricter zero-velocity rule for slow lifts (ZUPT_REST; issue #16; measured, not adopted)")
    ap.add_argument("--plane", action="store_true",
                    help="--nested: the plane gate's setting (PLANE_GRID) chosen too, after the P(lift) threshold and posture guard (--choose always does)")
    ap.add_argument("--plane-joint", choices=("wide", "tilted"),
                    help="--nested / --choose: the plane gate chosen jointly with the pair over PLANE_GRID (wide) or PLANE_GRID_TILTED (measured, not adopted)")
    ap.add_argument("--ambiguity", action="store_true",
                    help="--nested: the slow-lift limit (AMBIGUITY_GRID, LiftingSettings.ambiguous_below_gyr_dps) chosen too, last (issue #16; --choose always does)")
    ap.add_argument("--no-posture", action="store_true",
                    help="skip the posture stages (no feature uses them; only the report's posture guard does)")
    args = ap.parse_args(argv)
    if args.lodo_hapt:  # the shipped model and settings over HAPT (no lifts there: every lift is false)
        from oefensense.analysis.models import load_model

        from .evaluate_lifting import hapt_false_lifts

        print(json.dumps(hapt_false_lifts(load_model("lifting")), indent=1))
        return 0
    if not SISFALL.exists():
        print(f"{SISFALL} not found", file=sys.stderr)
        return 2
    from .evaluate_lifting import loso_report  # same evaluation as the benchmark

    global MODEL_FEATURES, HARD_NEGATIVE_CODES, HARD_NEGATIVE_WEIGHT
    if args.gate_inputs:
        MODEL_FEATURES = FEATURE_NAMES + GATE_FEATURES
    if args.hard_negatives is not None:
        HARD_NEGATIVE_CODES, HARD_NEGATIVE_WEIGHT = LYING_CAR_CODES, args.hard_negatives
    if args.zupt_rest:
        STAGE_OVERRIDES.update(ZUPT_REST)
    trials = collect(trial_files(codes=LIFT_CODES + NONLIFT_CODES + UNSEEN_CODES), upstream=not args.no_posture,
                     settings=stage_settings())
    if args.copies:  # slower, shallower copies of the lifts: training only, never scored (not adopted)
        trials += augment(trials)
    grid = choices_with({"wide": PLANE_GRID, "tilted": PLANE_GRID_TILTED}[args.plane_joint]) if args.plane_joint else CHOICES
    planes = PLANE_GRID if args.plane else None
    if args.nested:
        choices = tuple((p, g, float("inf"), float("inf"), False) for p in LOW_P_LIFT for g in (3.0, 1.5, 0.5)) if args.low_thresholds else grid
        print(json.dumps(nested_choice(trials, choices, log=lambda m: print(m, file=sys.stderr, flush=True), planes=planes,
                                       ambiguity=args.ambiguity), indent=1))
        return 0
    if args.gate_tradeoff:
        for row in gate_tradeoff(trials):
            print(json.dumps(row))
        return 0
    if args.choose:  # the whole shipped set in one pass: pair, then plane gate, then slow-lift limit
        best = choose_on_all(trials, grid, log=lambda m: print(m, file=sys.stderr, flush=True),
                             planes=None if args.plane_joint else PLANE_GRID, ambiguity=True)
        print(json.dumps(best))
        diff = differs_from_defaults(best)
        if diff:  # the shipped defaults must be what the rule picks (docs/lifting.md)
            print("error: the LiftingSettings defaults are not what the rule picks on all subjects: " + "; ".join(diff),
                  file=sys.stderr)
            return 1
        return 0
    failures: list | None = [] if args.failures else None
    report = loso_report(trials, stage_settings(), failures=failures)
    print(json.dumps(report, indent=1))
    for f in failures or []:
        print(f"{f['file']}: lifts {f['lifts']}, episodes " + "; ".join(
            f"P {e['p_lift']:.2f} peak {e['peak_inc_deg']:.0f} deg depth {e['depth_m']:.2f} m" for e in f["episodes"]))
    if not args.no_write:
        x, y, s = dataset(trials)
        model = fit(
            x,
            y,
            {
                "trained_on": "SisFall SA01-SA23 waist (SensorChain + Synchroniser, 50 Hz): D15 squat, D16 stoop, D01+D07-D10 none",
                "episodes": int(np.count_nonzero((y < COPY_SQUAT) | (y == HARD_NONE))),
                "subjects": int(len(set(s))),
                "model": f"VotingClassifier(soft) of {ENSEMBLE_SIZE} HistGradientBoostingClassifier (random_state 0..{ENSEMBLE_SIZE - 1})",
                **({"copied_lifts": int(np.count_nonzero(y >= COPY_SQUAT)),
                    "copies": {"per_lift_trial": AUG_COPIES, "slow": AUG_SLOW, "depth": AUG_DEPTH, "weight": COPY_WEIGHT},
                    "technique": "squat vs stoop: the same tree average on real and copied lifts"} if args.copies else {}),
                "params": HGB_PARAMS,
                "loso": report,
                "reference_features": reference_features(trials),
            },
        )
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_bytes(model.onnx_bytes)
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    # run main() of the importable module, not of __main__: evaluate_lifting imports
    # ``.train_lifting``, and the options (MODEL_FEATURES, HARD_NEGATIVE_CODES, ...) must be set
    # in the module it reads
    import importlib

    raise SystemExit(importlib.import_module(f"{__package__}.train_lifting").main())
