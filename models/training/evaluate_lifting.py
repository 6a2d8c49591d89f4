"""Leave-one-subject-out evaluation of the lift model on SisFall trials (``train_lifting.collect``).

Shared by ``train_lifting`` (``--no-write``, ``--nested-threshold``, ``--failures``) and
``benchmarks.bench_lifting``, so the training script and the benchmark print the same figures;
it lives with the training code because the installed package must never import ``benchmarks``.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from oefensense.analysis.lifting import LiftingStage


def stage_lift_events(model, frame, settings=None):
    st = LiftingStage(settings, model=model)
    return [e for e in st.process(frame).events + st.finish().events if e.type == "lift"]


def loso_report(trials, settings=None, fitter=None, subject_settings=None, failures: list | None = None,
                folds: list[set] | None = None) -> dict:
    """Leave-one-subject-out figures for trials from ``train_lifting.collect`` (see module doc);
    ``settings``: the LiftingSettings the stage runs with (default: the shipped defaults);
    ``fitter``: the training function (default ``train_lifting.fit``, the shipped model type);
    ``subject_settings``: {subject: LiftingSettings} overriding ``settings`` for that held-out
    subject (a setting chosen inside its fold); ``failures``: if a list, every D15/D16 trial
    without exactly one lift and every D01/D07-D10 trial with a lift is appended to it (file,
    lifts found, and per episode P(lift), peak inclination in deg and hip depth in m);
    ``folds``: sets of subjects tested together by a model trained on all others (default: one
    subject per fold, leave-one-subject-out)."""
    from .train_lifting import LIFT_CODES, LYING_CAR_CODES, NONLIFT_CODES, TARGET_NONLIFT_CODES, dataset, fit

    fit = fitter or fit

    x, y, s = dataset(trials)
    one = defaultdict(list)
    tech_all = defaultdict(list)
    tech_given_one = []
    tech_off = []
    undetermined, undetermined_right = defaultdict(int), defaultdict(int)
    false_n, unseen_n = defaultdict(int), defaultdict(int)
    unseen_min = defaultdict(float)
    other_n, other_min = defaultdict(int), defaultdict(float)
    minutes = defaultdict(float)
    lying_car = [0, 0.0]  # lifts, minutes of D12-D14, D17 (trained on or not)
    base_ok = []
    subjects = sorted({t.subject for t in trials})
    for fold in folds or [{subj} for subj in subjects]:
        train = ~np.isin(s, list(fold))
        model = fit(x[train], y[train])
        # baseline: one threshold on peak inclination, fitted on the training subjects' lifts
        tr_peaks = [(c["features"]["peak_inc_deg"], t.code) for t in trials if t.subject not in fold and t.code in LIFT_CODES and not t.augmented
                    for c in t.candidates[:1]]
        thr = _best_threshold(tr_peaks)
        for t in (t for t in trials if t.subject in fold and not t.augmented):  # copies: training only
            st = LiftingStage((subject_settings or {}).get(t.subject, settings), model=model)
            ev = [e for e in st.process(t.frame).events + st.finish().events if e.type == "lift"]
            failed = (len(ev) != 1) if t.code in LIFT_CODES else (t.code in TARGET_NONLIFT_CODES and len(ev) > 0)
            if failures is not None and failed:
                failures.append({"file": t.path.name, "lifts": [e.fields["technique"] for e in ev],
                                 "episodes": [{"p_lift": round(c["p_lift"], 2), "peak_inc_deg": round(c["features"]["peak_inc_deg"], 1),
                                               "depth_m": round(c["features"]["depth_m"], 2)} for c in st.candidates]})
            if t.code in LYING_CAR_CODES:
                lying_car[0] += len(ev)
                lying_car[1] += t.duration_s / 60.0
            if t.code in LIFT_CODES:
                want = "squat" if t.code == "D15" else "stoop"
                one[t.code].append(len(ev) == 1)
                tech_all[t.code].append(len(ev) == 1 and ev[0].fields["technique"] == want)
                # the same call without the slow-lift rule (its technique_guess), and how often it flagged
                tech_off.append(len(ev) == 1 and ev[0].fields["technique_guess"] == want)
                if len(ev) == 1:
                    tech_given_one.append(ev[0].fields["technique"] == want)
                    undetermined[t.code] += ev[0].fields["technique"] == "undetermined"
                    undetermined_right[t.code] += ev[0].fields["technique"] == "undetermined" and ev[0].fields["technique_guess"] == want
                pk = max((c["features"]["peak_inc_deg"] for c in t.candidates), default=0.0)
                base_ok.append(("stoop" if pk >= thr else "squat") == want)
            elif t.code in TARGET_NONLIFT_CODES:
                false_n[t.code] += len(ev)
                minutes[t.code] += t.duration_s / 60.0
            elif t.code in NONLIFT_CODES:  # trained "none" activities beyond the list
                other_n[t.code] += len(ev)
                other_min[t.code] += t.duration_s / 60.0
            else:  # activity types the model never saw
                unseen_n[t.code] += len(ev)
                unseen_min[t.code] += t.duration_s / 60.0
    all_one = one["D15"] + one["D16"]
    all_tech = tech_all["D15"] + tech_all["D16"]
    nonlift_min = sum(minutes.values())
    return {
        "subjects": len(subjects),
        "lift_trials": len(all_one),
        "one_lift_per_trial_pct": round(100 * float(np.mean(all_one)), 1),
        "one_lift_D15_pct": round(100 * float(np.mean(one["D15"])), 1),
        "one_lift_D16_pct": round(100 * float(np.mean(one["D16"])), 1),
        "technique_correct_pct": round(100 * float(np.mean(all_tech)), 1),
        "technique_correct_given_one_lift_pct": round(100 * float(np.mean(tech_given_one)), 1),
        # the slow-lift rule (LiftingSettings.ambiguous_below_gyr_dps): lift trials whose one lift
        # it called undetermined (counted as not correct above), of them the ones the model had
        # right, and the technique figure without the rule
        "technique_undetermined_D15": int(undetermined["D15"]), "technique_undetermined_D16": int(undetermined["D16"]),
        "technique_undetermined_model_was_right": int(sum(undetermined_right.values())),
        "technique_correct_rule_off_pct": round(100 * float(np.mean(tech_off)), 1),
        "baseline_peak_tilt_threshold_technique_pct": round(100 * float(np.mean(base_ok)), 1),
        "false_lifts_walk_sitstand": int(sum(false_n.values())),
        "walk_sitstand_minutes": round(nonlift_min, 1),
        "false_lifts_per_10min": round(10 * sum(false_n.values()) / max(nonlift_min, 1e-9), 2),
        **{f"false_lifts_{c}": int(false_n[c]) for c in sorted(minutes)},
        **({"lying_car_minutes": round(lying_car[1], 1), "lying_car_lifts": int(lying_car[0]),
            "lying_car_lifts_per_10min": round(10 * lying_car[0] / lying_car[1], 2)} if lying_car[1] else {}),
        **{f"other_adl_lifts_{c}": int(other_n[c]) for c in sorted(other_min)},
        **({"other_adl_minutes": round(sum(other_min.values()), 1),
            "other_adl_lifts_per_10min": round(10 * sum(other_n.values()) / sum(other_min.values()), 2)}
           if other_min else {}),
        **{f"unseen_activity_lifts_{c}": int(unseen_n[c]) for c in sorted(unseen_min)},
        **({"unseen_activity_minutes": round(sum(unseen_min.values()), 1),
            "unseen_activity_lifts_per_10min": round(10 * sum(unseen_n.values()) / sum(unseen_min.values()), 2)}
           if unseen_min else {}),
    }


def _best_threshold(peaks: list[tuple[float, str]]) -> float:
    """Peak-tilt threshold (deg) with the most training trials right (≥ thr → stoop)."""
    if not peaks:
        return 45.0
    cand = sorted(p for p, _ in peaks)
    best, best_ok = cand[0], -1
    for thr in cand:
        ok = sum((p >= thr) == (c == "D16") for p, c in peaks)
        if ok > best_ok:
            best, best_ok = thr, ok
    return float(best)


#: HAPT labels grouped for the false-lift table (HAPT has no lifts: every lift there is false)
HAPT_GROUPS = {
    "lying": ("lying", "sit_to_lie", "lie_to_sit", "stand_to_lie", "lie_to_stand"),
    "sit_stand": ("sitting", "standing", "stand_to_sit", "sit_to_stand"),
    "walking": ("walking", "walking_upstairs", "walking_downstairs"),
}


def hapt_false_lifts(model, settings=None, files=None) -> dict:
    """Leave-one-dataset-out: a lift model trained, and its settings chosen, on SisFall only runs
    over HAPT (another phone, other people, never used for any lifting choice; no lifts in it), as
    in the Pipeline (posture stages first). Every lift is false: counted per HAPT activity group
    (label at the event's midpoint; ``unlabelled``: HAPT's unlabelled set-up and breaks, which
    hold whatever the subject did between tasks) per 10 min of that group."""
    from oefensense.io.body_frames import runtime_body_frame

    from .posture_data import hapt_files
    from .train_lifting import with_upstream

    group_of = {lab: g for g, labs in HAPT_GROUPS.items() for lab in labs}
    lifts, minutes = defaultdict(int), defaultdict(float)
    for f in files or hapt_files():
        frame, labels = runtime_body_frame(f)
        frame = with_upstream(frame)
        groups = np.array([group_of.get(str(x), "unlabelled") for x in labels])
        for g in (*HAPT_GROUPS, "unlabelled"):
            minutes[g] += np.count_nonzero(groups == g) / frame.rate_hz / 60.0
        for e in stage_lift_events(model, frame, settings):
            i = min(int(np.searchsorted(frame.t_ns, (e.t_ns + e.end_ns) // 2)), len(groups) - 1)
            lifts[groups[i]] += 1
    labelled = [g for g in HAPT_GROUPS]
    tot_l, tot_m = sum(lifts[g] for g in labelled), sum(minutes[g] for g in labelled)
    out = {"hapt_labelled_minutes": round(tot_m, 1), "hapt_false_lifts": int(tot_l),
           "hapt_false_lifts_per_10min": round(10 * tot_l / max(tot_m, 1e-9), 2)}
    for g in (*HAPT_GROUPS, "unlabelled"):
        out[f"hapt_{g}_minutes"] = round(minutes[g], 1)
        out[f"hapt_{g}_false_lifts"] = int(lifts[g])
        out[f"hapt_{g}_false_lifts_per_10min"] = round(10 * lifts[g] / max(minutes[g], 1e-9), 2)
    return out
