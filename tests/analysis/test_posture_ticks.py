"""The posture stage's compiled per-tick decisions (#20) against the numpy form they replaced
(kept here as the reference, from ``PostureStage._decide_ticks`` at main 906cd05): the same codes,
confidences, directed transitions, running transition mass and confidence sums, bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from oefensense.analysis import posture_ticks as pt
from oefensense.analysis.posture import POSTURES, TRANSITION_CODE, UNKNOWN_CODE, UPRIGHT_STILL_CODE


def numpy_codes(alpha, ok, padded, no_data, non_wear, trunk_only):
    m = len(ok)
    code = np.full(m, UNKNOWN_CODE, np.int64)
    conf = np.zeros(m)
    a_ok = alpha[ok]
    static = np.argmax(a_ok[:, :4], axis=1)
    s_val = a_ok[np.arange(len(a_ok)), static]
    trans = a_ok[:, 4:].sum(axis=1)
    is_t = trans > s_val
    code[ok] = np.where(is_t, TRANSITION_CODE, static)
    conf[ok] = np.where(is_t, trans, s_val)
    if trunk_only:
        code[ok & ((code == 1) | (code == 2))] = UPRIGHT_STILL_CODE
    code[padded] = UNKNOWN_CODE
    conf[padded] = 0.0
    code[no_data] = POSTURES.index("no_data")
    code[non_wear] = POSTURES.index("non_wear")
    conf[non_wear | no_data] = 1.0
    return code, conf


def numpy_moves(alpha, ok, code, prev_code, recent, move_mass, flip_move_mass):
    m = len(ok)
    a_ok = alpha[ok]
    prev = np.concatenate([[prev_code], code[:-1]])
    move = np.full(m, -1, np.int64)
    rows = np.vstack([recent, a_ok[:, 4:]])
    cs = np.vstack([np.zeros((1, 6)), np.cumsum(rows, axis=0)])
    j = np.arange(len(a_ok)) + len(recent) + 1
    recent_sum = np.full((m, 6), 0.0)
    recent_sum[ok] = cs[j] - cs[np.maximum(j - 4, 0)]
    flip = (code < TRANSITION_CODE) & (prev < TRANSITION_CODE) & (code != prev)
    for k in np.flatnonzero((code == TRANSITION_CODE) | flip):
        if code[k] == TRANSITION_CODE:
            a4 = alpha[k, 4:]
            move_mass = move_mass + a4 if prev[k] == TRANSITION_CODE else a4.copy()
            move[k] = int(np.argmax(move_mass))
        elif recent_sum[k].max() >= flip_move_mass:
            move[k] = int(np.argmax(recent_sum[k]))
    return move, move_mass, rows[-3:]


def _alpha(rng, m):
    """Filtered-state-like rows over 12 decades, with ties, zeros and NaN rows."""
    a = rng.random((m, 10)) ** 6 * 10.0 ** rng.integers(-12, 1, (m, 10))
    a /= a.sum(axis=1, keepdims=True)
    tie = rng.random(m) < 0.05
    a[tie, 2] = a[tie, 1]
    a[rng.random(m) < 0.03, 3] = 0.0
    a[rng.random(m) < 0.01, rng.integers(0, 10)] = np.nan
    trans = rng.random(m) < 0.3  # runs where the transition states carry the mass
    a[trans, 4:] *= 50.0
    even = rng.random(m) < 0.05  # the transition mass exactly as probable as the best static posture
    a[even] = [0.0, 0.25, 0.5, 0.0, 0.25, 0.125, 0.125, 0.0, 0.0, 0.0]
    return a


def test_codes_match_the_posture_table() -> None:
    assert (pt._TRANSITION, pt._UNKNOWN, pt._NON_WEAR, pt._NO_DATA, pt._UPRIGHT_STILL) == tuple(
        POSTURES.index(p) for p in ("transition", "unknown", "non_wear", "no_data", "upright_still"))


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("m", [0, 1, 2, 5, 361])
def test_tick_codes_equal_numpy_form(seed: int, m: int) -> None:
    rng = np.random.default_rng(seed * 1000 + m)
    alpha = _alpha(rng, m)
    ok, padded, no_data, non_wear = (rng.random(m) < p for p in (0.9, 0.05, 0.05, 0.05))
    for trunk_only in (False, True):
        code, conf = np.empty(m, np.int64), np.empty(m)
        pt.tick_codes(alpha, ok, padded, no_data, non_wear, trunk_only, code, conf)
        want_code, want_conf = numpy_codes(alpha, ok, padded, no_data, non_wear, trunk_only)
        np.testing.assert_array_equal(code, want_code)
        assert conf.tobytes() == want_conf.tobytes()


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("flip_move_mass", [np.inf, 0.3, 0.0])
def test_tick_moves_equal_numpy_form(seed: int, flip_move_mass: float) -> None:
    rng = np.random.default_rng(seed)
    recent = _alpha(rng, 4)[:, 4:] if seed % 2 else np.zeros((4, 6))
    move_mass = rng.random(6)
    prev_code = int(rng.integers(0, 6))
    for m in (0, 1, 3, 200, 361):  # consecutive blocks: the state carries over
        alpha = _alpha(rng, m)
        ok = rng.random(m) < 0.9
        code, conf = np.empty(m, np.int64), np.empty(m)
        pt.tick_codes(alpha, ok, rng.random(m) < 0.02, np.zeros(m, bool), rng.random(m) < 0.02, False, code, conf)
        want_move, want_mass, want_recent = numpy_moves(alpha, ok, code, prev_code, recent, move_mass.copy(),
                                                        flip_move_mass)
        move, mass = np.full(m, -1, np.int64), move_mass.copy()
        got_recent = pt.tick_moves(alpha, ok, code, prev_code, recent, mass, flip_move_mass, move)
        np.testing.assert_array_equal(move, want_move)
        assert got_recent.tobytes() == np.ascontiguousarray(want_recent).tobytes()
        if (code == TRANSITION_CODE).any():
            assert mass.tobytes() == want_mass.tobytes()
        move_mass, recent = mass, got_recent
        prev_code = int(code[-1]) if m else prev_code


def test_running_sum_is_the_python_loop() -> None:
    rng = np.random.default_rng(3)
    x = rng.random(5000) * 10.0 ** rng.integers(-8, 3, 5000)
    for a, b, start in [(0, 0, 0.0), (0, 5000, 0.0), (17, 4093, 1e-3), (100, 101, 7.5), (4999, 5000, 0.1)]:
        want = start
        for v in x[a:b].tolist():
            want += v
        assert pt.running_sum(x, a, b, start) == want
