"""core/angle_trig: the sines and cosines of an angle channel, made once per array and shared by
the transitions and lifting stages (#20): numpy's bits, read-only, kept only while the channel
array lives, and computed once for two stages on a real frame."""

from __future__ import annotations

import gc

import numpy as np
import pytest

from oefensense.core import angle_trig
from oefensense.core.angle_trig import cos_deg, sin_deg


def test_numpys_bits_and_read_only():
    rng = np.random.default_rng(0)
    x = np.concatenate([rng.uniform(-720, 720, 50_000), [np.nan, np.inf, -np.inf, 0.0, -0.0, 90.0, 180.0]])
    s, c = sin_deg(x), cos_deg(x)
    assert s.tobytes() == np.sin(np.radians(x)).tobytes() and c.tobytes() == np.cos(np.radians(x)).tobytes()
    assert not s.flags.writeable and not c.flags.writeable
    with pytest.raises(ValueError):
        s[0] = 1.0
    assert x.flags.writeable  # the input is left alone


def test_once_per_array_and_gone_with_it():
    x = np.linspace(-90, 90, 1001)
    assert sin_deg(x) is sin_deg(x) and cos_deg(x) is cos_deg(x)
    y = x.copy()  # equal values, another array: its own
    assert sin_deg(y) is not sin_deg(x) and sin_deg(y).tobytes() == sin_deg(x).tobytes()
    key = id(x)
    assert key in angle_trig._KEPT
    del x
    gc.collect()
    assert key not in angle_trig._KEPT


def test_only_the_last_arrays_are_kept():
    """Frames held by a script (all trials of a data set) do not keep their sines alive."""
    held = [np.full(100, float(k)) for k in range(3 * angle_trig.MAX_KEPT)]
    for x in held:
        sin_deg(x)
    assert len(angle_trig._KEPT) == angle_trig.MAX_KEPT
    assert id(held[-1]) in angle_trig._KEPT and id(held[0]) not in angle_trig._KEPT
    first = sin_deg(held[0])  # made again, the same values
    assert first.tobytes() == np.sin(np.radians(held[0])).tobytes() and first is sin_deg(held[0])


def test_other_inputs_are_not_kept():
    before = len(angle_trig._KEPT)
    as_list = [0.0, 30.0, 90.0]
    f32 = np.array([10.0, 20.0], np.float32)
    assert sin_deg(as_list).tobytes() == np.sin(np.radians(np.asarray(as_list, float))).tobytes()
    assert cos_deg(f32).tobytes() == np.cos(np.radians(np.asarray(f32, float))).tobytes()
    assert len(angle_trig._KEPT) == before


def test_transitions_and_lifting_share_one_computation(monkeypatch):
    """On the bundled recording's frames, the stages' sines and cosines are computed once per
    channel: three channels, sin and cos of the inclination, sin of flexion and lateral."""
    from pathlib import Path

    from oefensense.analysis.lifting import LiftingStage
    from oefensense.analysis.models import load_model
    from oefensense.analysis.posture import PostureStage
    from oefensense.analysis.transitions import TransitionStage
    from oefensense.io.body_frames import runtime_body_frame

    hapt = Path(angle_trig.__file__).resolve().parents[1] / "data" / "hapt_user01_exp0_0-240s.waist.csv.gz"
    frame, _ = runtime_body_frame(hapt)
    PostureStage(model=load_model("posture")).process(frame)  # the transitions stage reads its codes
    calls = {"sin": 0, "sincos": 0, "numpy": 0}

    def count(name, fn):  # noqa: ANN001, ANN202
        def wrapped(*a, **k):  # noqa: ANN002, ANN003, ANN202
            calls[name] += np.ndim(a[0]) == 1 and len(a[0]) == len(frame)  # a channel (not a scalar)
            return fn(*a, **k)
        return wrapped

    for name, attr in (("sin", "_sin_deg_into"), ("sincos", "_sincos_deg_into")):
        monkeypatch.setattr(angle_trig, attr, count(name, getattr(angle_trig, attr)))
    monkeypatch.setattr(angle_trig.np, "sin", count("numpy", np.sin))
    monkeypatch.setattr(angle_trig.np, "cos", count("numpy", np.cos))
    TransitionStage().process(frame)
    LiftingStage(model=load_model("lifting")).process(frame)
    # flexion and lateral: a sine each; the inclination: its cosine (transitions) and sine
    # (lifting) from one sincos pass
    assert calls == {"sin": 2, "sincos": 1, "numpy": 0}


@pytest.mark.parametrize("order", ["sin first", "cos first"])
def test_compiled_passes_give_numpys_bits(order):
    """Each path (sin alone, sin and cos from sincos, before or after the sine alone) on angles over the
    range the chain gives and far beyond, strided and contiguous, with the special values."""
    assert angle_trig.COMPILED  # this environment has no SVML: the kernels run
    rng = np.random.default_rng(7)
    base = np.concatenate([rng.uniform(-180, 180, 40_000), rng.uniform(-1e6, 1e6, 5_000),
                           rng.standard_normal(5_000) * 1e-6, 10.0 ** rng.uniform(-320, 300, 5_000),
                           [np.nan, np.inf, -np.inf, 0.0, -0.0, 5e-324, -5e-324, 90.0, 180.0, 270.0, 1e308]])
    for x in (base.copy(), base.copy()[::3], -base.copy()):
        first, second = ("sin", "cos") if order == "sin first" else ("cos", "sin")
        a = getattr(angle_trig, f"{first}_deg")(x)
        b = getattr(angle_trig, f"{second}_deg")(x)
        assert sin_deg(x) is (a if first == "sin" else b)  # the sine handed out first is kept
        with np.errstate(invalid="ignore"):
            want = {"sin": np.sin(np.radians(x)), "cos": np.cos(np.radians(x))}
        assert a.tobytes() == want[first].tobytes() and b.tobytes() == want[second].tobytes()
    grid = np.linspace(-90, 90, 12).reshape(3, 4)  # not a channel: numpy's own path, same values
    assert sin_deg(grid).tobytes() == np.sin(np.radians(grid)).tobytes() and sin_deg(grid).shape == (3, 4)
