"""The recordings kept apart for independent evaluation (HAPT users 25-30, SisFall's older
adults SE01-SE15) are never listed by a loader of training, tuning or evaluation data."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from oefensense.models.training import posture_data, train_lifting
from oefensense.models.training.held_out import is_held_out, usable


@pytest.fixture()
def data_tree(tmp_path: Path, monkeypatch) -> Path:
    """A ../shared/data look-alike holding held-out and usable file names side by side."""
    root = tmp_path / "data"
    names = [f"hapt/user{u:02d}_exp0.waist.csv.gz" for u in (1, 24, 25, 27, 30)]
    for subj in ("SA01", "SA15", "SE01", "SE09", "SE15"):
        names += [f"sisfall/{subj}/D01_{subj}_R01.waist.csv.gz", f"sisfall/{subj}/D15_{subj}_R01.waist.csv.gz"]
    names.append("sisfall/SA15/D17_SE15_R01.waist.csv.gz")  # SisFall's own misnaming: an SA15 file
    for n in names:
        p = root / n
        p.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(p, "wt") as fh:
            fh.write("time_s,acc_x_g,acc_y_g,acc_z_g\n")
    monkeypatch.setenv("OEFENSENSE_DATA", str(root))
    return root


def test_hapt_loader_skips_users_25_to_30(data_tree: Path) -> None:
    users = [posture_data.hapt_subject(p) for p in posture_data.hapt_files()]
    assert users == [1, 24]


def test_sisfall_loaders_skip_older_adults(data_tree: Path) -> None:
    assert [p.name for p in posture_data.sisfall_subjects()] == ["SA01", "SA15"]
    files = train_lifting.trial_files(data_tree / "sisfall", codes=("D01", "D15", "D17"))
    assert {p.parent.name for p in files} == {"SA01", "SA15"}
    assert "D17_SE15_R01.waist.csv.gz" in {p.name for p in files}  # SA15's file, not an older adult's


def test_is_held_out_by_subject(data_tree: Path) -> None:
    assert is_held_out(data_tree / "hapt/user25_exp0.waist.csv.gz")
    assert not is_held_out(data_tree / "hapt/user24_exp0.waist.csv.gz")
    assert is_held_out(data_tree / "sisfall/SE15/D01_SE15_R01.waist.csv.gz")
    assert not is_held_out(data_tree / "sisfall/SA15/D17_SE15_R01.waist.csv.gz")
    assert usable([data_tree / "sisfall/SE01", data_tree / "sisfall/SA01"]) == [data_tree / "sisfall/SA01"]


def test_benchmark_loaders_skip_held_out(data_tree: Path, monkeypatch) -> None:
    import numpy as np

    from benchmarks import assessment_data

    fake = (np.arange(3.0), np.zeros((3, 3)), np.zeros((3, 3)), np.array(["D01"] * 3))
    monkeypatch.setattr(assessment_data, "_read", lambda path: fake)
    subjects = [s for s, *_ in assessment_data.sisfall_composites(data_tree, codes=("D01",), per=1)]
    assert subjects == ["SA01", "SA15"]


def test_real_data_has_no_held_out_files_listed() -> None:
    """On the real ../shared/data: what the loaders list holds no held-out recording."""
    try:
        root = posture_data.data_dir()
    except FileNotFoundError:
        pytest.skip("../shared/data absent")
    listed = posture_data.hapt_files(root) + train_lifting.trial_files(root / "sisfall")
    assert listed and not any(is_held_out(p) for p in listed)
