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


def loso_report(trials, settings=None, fitter=None, subject_settings=None, failures: list | None = None) -> dict:
    """Leave-one-subject-out figures for trials from ``train_lifting.collect`` (see module doc);
    ``settings``: the LiftingSettings the stage runs with (default: the shipped defaults);
    ``fitter``: the training function (default ``train_lifting.fit``, the shipped model type);
    ``subject_settings``: {subject: LiftingSettings} overriding ``settings`` for that held-out
    subject (a setting chosen inside its fold); ``failures``: if a list, every D15/D16 trial
    without exactly one lift and every D01/D07-D10 trial with a lift is appended to it (file,
    lifts found, and per episode P(lift), peak inclination in deg and hip depth in m)."""
    from .train_lifting import LIFT_CODES, NONLIFT_CODES, TARGET_NONLIFT_CODES, dataset, fit

    fit = fitter or fit

    x, y, s = dataset(trials)
    one = defaultdict(list)
    tech_all = defaultdict(list)
    tech_given_one = []
    false_n, unseen_n = defaultdict(int), defaultdict(int)
    unseen_min = defaultdict(float)
    other_n, other_min = defaultdict(int), defaultdict(float)
    minutes = defaultdict(float)
    base_ok = []
    subjects = sorted({t.subject for t in trials})
    for subj in subjects:
        train = s != subj
        model = fit(x[train], y[train])
        # baseline: one threshold on peak inclination, fitted on the training subjects' lifts
        tr_peaks = [(c["features"]["peak_inc_deg"], t.code) for t in trials if t.subject != subj and t.code in LIFT_CODES
                    for c in t.candidates[:1]]
        thr = _best_threshold(tr_peaks)
        for t in (t for t in trials if t.subject == subj):
            st = LiftingStage((subject_settings or {}).get(subj, settings), model=model)
            ev = [e for e in st.process(t.frame).events + st.finish().events if e.type == "lift"]
            failed = (len(ev) != 1) if t.code in LIFT_CODES else (t.code in TARGET_NONLIFT_CODES and len(ev) > 0)
            if failures is not None and failed:
                failures.append({"file": t.path.name, "lifts": [e.fields["technique"] for e in ev],
                                 "episodes": [{"p_lift": round(c["p_lift"], 2), "peak_inc_deg": round(c["features"]["peak_inc_deg"], 1),
                                               "depth_m": round(c["features"]["depth_m"], 2)} for c in st.candidates]})
            if t.code in LIFT_CODES:
                want = "squat" if t.code == "D15" else "stoop"
                one[t.code].append(len(ev) == 1)
                tech_all[t.code].append(len(ev) == 1 and ev[0].fields["technique"] == want)
                if len(ev) == 1:
                    tech_given_one.append(ev[0].fields["technique"] == want)
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
        "baseline_peak_tilt_threshold_technique_pct": round(100 * float(np.mean(base_ok)), 1),
        "false_lifts_walk_sitstand": int(sum(false_n.values())),
        "walk_sitstand_minutes": round(nonlift_min, 1),
        "false_lifts_per_10min": round(10 * sum(false_n.values()) / max(nonlift_min, 1e-9), 2),
        **{f"false_lifts_{c}": int(false_n[c]) for c in sorted(minutes)},
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
