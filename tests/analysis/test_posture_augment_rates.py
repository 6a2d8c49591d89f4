"""Training on recordings replayed at other device rates (models.training.posture_data): a fold fits
on its training subjects' replayed rows only, never on a test subject's; and a replayed recording
reaches the same 50 Hz grid, labels and postures as the recording itself."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from oefensense.features import stacked_feature_names
from oefensense.io.body_frames import runtime_body_frame, runtime_body_frame_at_rate
from oefensense.models.training.posture_data import Dataset, _ticks

HAPT = Path(__file__).resolve().parents[2] / "oefensense" / "data" / "hapt_user01_exp0_0-240s.waist.csv.gz"


def _dataset() -> Dataset:
    files = [Path(f"user{s:02d}_exp0.waist.csv.gz") for s in (1, 2, 3)]
    groups = np.array([1, 1, 2, 3, 3, 3])
    X = np.arange(12, dtype=np.float32).reshape(6, 2)
    aug_groups = np.array([1, 2, 2, 3])
    aug = (100 + np.arange(8, dtype=np.float32).reshape(4, 2), np.array([5, 6, 7, 8]), aug_groups)
    return Dataset(X, np.arange(6), groups, files, None, aug)


def test_training_rows_take_only_the_training_subjects_replayed_rows() -> None:
    ds = _dataset()
    X, y = ds.training_rows({1, 3})
    assert list(y) == [0, 1, 3, 4, 5, 5, 8]  # own rows first, then subject 1's and 3's replayed ones
    assert X.shape == (7, 2) and X[-1, 0] == 106
    X, y = ds.training_rows()
    assert len(y) == 10
    without = Dataset(ds.X, ds.y, ds.groups, ds.files)
    assert list(without.training_rows({2})[1]) == [2]


def test_subset_keeps_the_subjects_replayed_rows() -> None:
    sub = _dataset().subset({2})
    assert list(sub.y) == [2] and [f.name for f in sub.files] == ["user02_exp0.waist.csv.gz"]
    assert sub.aug is not None and list(sub.aug[1]) == [6, 7] and set(sub.aug[2]) == {2}


def test_a_recording_replayed_at_52_and_60_hz_reaches_the_same_grid_and_labels() -> None:
    frame, labels = runtime_body_frame(HAPT)
    x50, y50, _ = _ticks(frame, labels, 1)
    sd = stacked_feature_names("pelvis").index("pelvis_sd_mag@-0s")
    incl = stacked_feature_names("pelvis").index("pelvis_incl@-0s")
    for rate in (52.0, 60.0):
        f, lab = runtime_body_frame_at_rate(HAPT, rate)
        assert f.rate_hz == frame.rate_hz == 50.0
        x, y, g = _ticks(f, lab, 1)
        n = min(len(y), len(y50))
        assert n > 400 and abs(len(y) - len(y50)) <= 2 and set(g) == {1}
        assert np.mean(y[:n] == y50[:n]) > 0.99  # the same labels at the same ticks
        assert np.median(np.abs(x[:n, incl] - x50[:n, incl])) < 0.5  # degrees: the same posture
        # linear interpolation averages noise: the acceleration SD is lower, not higher
        assert 0.8 < np.median(x[:n, sd] / x50[:n, sd]) < 0.99
