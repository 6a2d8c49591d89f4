"""Physically defined transfer ends against HAPT's labelled ends, nested figures only.

The shipped end (``TransferSettings.settle_rate_dps`` / ``settle_max_s``: after the height
plateau the transfer goes on while the pelvis turns at 10 deg/s or more, |gyro| low-passed at
1 Hz, at most 1 s) puts 72.8 % of HAPT's labelled ends within 0.5 s. A sixth of those labels sit
where the pelvis still turns at 20 deg/s or more (``hapt_label_end_moving_20dps_pct``). This
module scores other ends defined by the body's motion, each rule's parameters chosen inside
leave-one-user-out folds (the held-out user's transfers never choose), on the transfers of
the exactly counted windows of ``bench_assessments._hapt_windows`` (users 1-24; 25-30 are never
read). Rules, each searched from the transfer's turning peak (the largest smoothed |gyro| in it)
to at most ``max_s`` after the height plateau and never into the next transfer:

* ``turning_<f>hz``: the shipped rule with |gyro| low-passed at ``f`` Hz; grid of rate x max_s;
* ``turning_below_held``: the first time the pelvis turns slower than the rate for ``hold_s``
  (may end before the height plateau);
* ``acc_settled``: | |acc| - 1 g | (1-Hz low-pass) below a threshold for ``hold_s``;
* ``mechanical_event``: a sit-down's seat contact (largest upward vertical acceleration), a
  stand-up's braking at the top (most negative), plus an offset, chosen per kind.

Units: seconds, deg/s, g.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import numpy as np

from oefensense.assessments.signals import fill_invalid, lowpass, times_s, valid_mask, vertical_lin_acc
from oefensense.assessments.transfers import TransferSettings, find_transfers

RATES_DPS = (4.0, 6.0, 8.0, 10.0, 12.0, 15.0, 20.0, 25.0, 30.0)
MAX_S = (0.5, 0.75, 1.0, 1.5, 2.0, 3.0)
HOLD_S = (0.0, 0.2, 0.5)
ACC_G = (0.01, 0.02, 0.03, 0.05, 0.08)
OFFSETS_S = tuple(round(float(x), 1) for x in np.arange(-0.2, 1.61, 0.1))


def transfers(windows: list) -> list[dict]:
    """Per labelled transfer of a window counted exactly (with and without the end rule): its
    user, kind, labelled end, plateau end index, turning peak, and the signals the rules read."""
    off, ship = TransferSettings(settle_rate_dps=None), TransferSettings()
    out = []
    for user, fr, truth in windows:
        base = find_transfers(fr, off)
        if [x.kind for x in base] != ["sit_down", "stand_up"] or \
                [x.kind for x in find_transfers(fr, ship)] != ["sit_down", "stand_up"]:
            continue
        t, rate, valid = times_s(fr), float(fr.rate_hz), valid_mask(fr, "pelvis")
        gyr = fill_invalid(np.linalg.norm(np.asarray(fr["pelvis_gyr_dps"], float), axis=1), valid)
        acc = fill_invalid(np.linalg.norm(np.asarray(fr["pelvis_acc_g"], float), axis=1), valid)
        sig = {"gyr": {f: lowpass(gyr, rate, f) for f in (0.5, 1.0, 2.0)},
               "acc": lowpass(np.abs(acc - 1.0), rate, 1.0), "va": lowpass(vertical_lin_acc(fr, "pelvis"), rate, 3.0)}
        for k, (x, (kind, _, end)) in enumerate(zip(base, truth)):
            i0, i1 = (int(np.searchsorted(t, s)) for s in (x.start_s, x.end_s))
            nxt = int(np.searchsorted(t, base[k + 1].start_s)) if k + 1 < len(base) else len(t) - 1
            out.append({"user": user, "kind": kind, "end": end, "t": t, "rate": rate, "i0": i0, "i1": i1, "nxt": nxt,
                        "peak": i0 + int(np.argmax(sig["gyr"][1.0][i0 : i1 + 1])), **sig})
    return out


def _limit(x: dict, max_s: float) -> int:
    return min(x["nxt"], x["i1"] + int(max_s * x["rate"]), len(x["t"]) - 1)


def turning(x: dict, rate_dps: float, max_s: float, f: float = 1.0) -> float:
    """The shipped rule: on from the plateau while |gyro| (low-passed at ``f`` Hz) >= rate."""
    g, i, lim = x["gyr"][f], x["i1"], _limit(x, max_s)
    while i < lim and g[i + 1] >= rate_dps:
        i += 1
    return float(x["t"][i])


def _first_below(x: dict, signal: np.ndarray, level: float, max_s: float, hold_s: float) -> float:
    lim, n = _limit(x, max_s), max(1, int(hold_s * x["rate"]))
    below = signal < level
    i = next((i for i in range(x["peak"], lim + 1) if below[i : i + n].all()), lim)
    return float(x["t"][i])


def turning_below_held(x: dict, rate_dps: float, max_s: float, hold_s: float) -> float:
    return _first_below(x, x["gyr"][1.0], rate_dps, max_s, hold_s)


def acc_settled(x: dict, level_g: float, max_s: float, hold_s: float) -> float:
    return _first_below(x, x["acc"], level_g, max_s, hold_s)


def mechanical_event(x: dict, offset_s: float) -> float:
    a, b = x["i0"], _limit(x, 1.0)
    seg = x["va"][a : b + 1]
    j = a + int(np.argmax(seg) if x["kind"] == "sit_down" else np.argmin(seg))
    return float(x["t"][j]) + offset_s


def pick(scores: dict, default: object) -> object:
    """The best-scoring grid value (ties: the one nearest ``default`` in grid order)."""
    best, order = max(scores.values()), list(scores)
    return min((g for g, v in scores.items() if v == best), key=lambda g: abs(order.index(g) - order.index(default)))


def nested(items: list[dict], hits: dict, default: object, per_kind: bool = False) -> tuple[float | None, Counter]:
    """% of transfers whose end is within 0.5 s with the grid value chosen on the other users'
    transfers (per transfer kind when ``per_kind``), and how often each value was chosen."""
    scored, chosen = [], Counter()
    kinds = ("sit_down", "stand_up") if per_kind else (None,)
    for user in sorted({x["user"] for x in items}):
        for kind in kinds:
            mine = [x["user"] == user and kind in (None, x["kind"]) for x in items]
            train = [x["user"] != user and kind in (None, x["kind"]) for x in items]
            g = pick({p: sum(h for h, k in zip(v, train) if k) for p, v in hits.items()}, default)
            chosen[g] += 1
            scored += [h for h, k in zip(hits[g], mine) if k]
    return (round(100.0 * float(np.mean(scored)), 1) if scored else None), chosen


def _hits(items: list[dict], rule: Callable[..., float], grid: list[tuple]) -> dict:
    return {p: [abs(rule(x, *p) - x["end"]) <= 0.5 for x in items] for p in grid}


def run(windows: list) -> dict:
    """{rule: [nested % of ends within 0.5 s, most chosen value, transfers]} and the shipped rule's."""
    items = transfers(windows)
    ship = (TransferSettings().settle_rate_dps, TransferSettings().settle_max_s)
    rules: dict[str, tuple] = {}
    for f in (0.5, 1.0, 2.0):
        rules[f"turning_{f:g}hz"] = (_hits(items, lambda x, r, m, f=f: turning(x, r, m, f),
                                           [(r, m) for r in RATES_DPS for m in MAX_S]), ship, False)
    rules["turning_below_held"] = (_hits(items, turning_below_held, [(r, m, h) for r in RATES_DPS for m in MAX_S
                                                                     for h in HOLD_S]), ship + (0.0,), False)
    rules["acc_settled"] = (_hits(items, acc_settled, [(a, m, h) for a in ACC_G for m in MAX_S for h in HOLD_S]),
                            (0.03, 1.0, 0.2), False)
    rules["mechanical_event_per_kind"] = (_hits(items, mechanical_event, [(o,) for o in OFFSETS_S]), (0.5,), True)
    out: dict = {"hapt_end_rule_transfers": len(items),
                 "hapt_end_shipped_within_0_5s_pct": round(100.0 * float(np.mean(
                     [abs(turning(x, *ship) - x["end"]) <= 0.5 for x in items])), 1) if items else None}
    nested_pct = {}
    for name, (hits, default, per_kind) in rules.items():
        pct, chosen = nested(items, hits, default, per_kind)
        nested_pct[name] = [pct, str(chosen.most_common(1)[0][0]) if chosen else None]
    out["hapt_end_rule_louo_pct"] = nested_pct
    return out
