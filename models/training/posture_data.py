"""Labelled posture data from ``../shared/data`` for training and leave-subjects-out evaluation.

Features come from BodyFrames made by the runtime path (:func:`oefensense.features.runtime_body_frame`:
the real ``Pipeline``, i.e. ``SensorChain`` + ``Synchroniser``) and
:func:`oefensense.features.stacked_features`: the code the runtime stage uses.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from oefensense.features import (
    LABEL_DELAY_S,
    MODEL_STATES,
    history_samples,
    stacked_features,
)
from oefensense.io.body_frames import alignment_from_file, runtime_body_frame, runtime_body_frame_at_rate

from .held_out import usable

HOP_S = 0.5
#: Device rates (Hz) the training recordings are also replayed at (augmentation): a 52 Hz (Polar,
#: Movesense) or 60 Hz (Xsens DOT) sensor reaches the 50 Hz grid through linear interpolation,
#: which lowers the acceleration SD features of a quiet posture by 10-25 % (benchmarks/RESULTS.md,
#: "three device families disagree"); a model trained only on HAPT's native 50 Hz never saw that.
AUGMENT_RATES_HZ = (52.0, 60.0)
HAPT_MAP = {"walking_upstairs": "walking", "walking_downstairs": "walking"}


def data_dir() -> Path:
    """``$OEFENSENSE_DATA`` or ``/work/shared/data`` or ``../shared/data`` from the repo."""
    env = os.environ.get("OEFENSENSE_DATA")
    cands = [Path(env)] if env else []
    cands += [Path("/work/shared/data"), Path(__file__).resolve().parents[2].parent / "shared" / "data"]
    for c in cands:
        if c.is_dir():
            return c
    raise FileNotFoundError("no shared data directory found; set OEFENSENSE_DATA")


def hapt_files(root: Path | None = None) -> list[Path]:
    """HAPT waist recordings, without the held-out users 25-30 (``held_out``)."""
    return usable(sorted((root or data_dir()).glob("hapt/*.waist.csv.gz")))


def hapt_subject(path: Path) -> int:
    return int(re.search(r"user(\d+)", path.name).group(1))


@dataclass
class Dataset:
    X: np.ndarray  # (m, n_features) float32
    y: np.ndarray  # (m,) index into MODEL_STATES, -1 = unlabelled
    groups: np.ndarray  # subject id
    files: list[Path]
    #: the runtime BodyFrame and per-sample labels of each file (kept for the evaluation)
    frames: list | None = None
    #: training-only rows: the same recordings replayed at other device rates (``AUGMENT_RATES_HZ``),
    #: (X, y, groups); a fold trains on those of its training subjects, never tests on them
    aug: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    def training_rows(self, subjects: set | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(X, y) to fit on: the rows of ``subjects`` (all when None) plus their augmented rows."""
        rows = np.ones(len(self.y), bool) if subjects is None else np.isin(self.groups, list(subjects))
        X, y = self.X[rows], self.y[rows]
        if self.aug is not None:
            ax, ay, ag = self.aug
            arows = np.ones(len(ay), bool) if subjects is None else np.isin(ag, list(subjects))
            X, y = np.vstack([X, ax[arows]]), np.concatenate([y, ay[arows]])
        return X, y

    def subset(self, subjects: set) -> "Dataset":
        """The rows, augmented rows and recordings of ``subjects`` only."""
        rows = np.isin(self.groups, list(subjects))
        keep = [i for i, f in enumerate(self.files) if hapt_subject(f) in subjects]
        frames = [self.frames[i] for i in keep] if self.frames else None
        aug = None
        if self.aug is not None:
            arows = np.isin(self.aug[2], list(subjects))
            aug = (self.aug[0][arows], self.aug[1][arows], self.aug[2][arows])
        return Dataset(self.X[rows], self.y[rows], self.groups[rows], [self.files[i] for i in keep], frames, aug)


def _ticks(frame, labels, subject: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(X, y, groups) of one runtime BodyFrame: ticks every HOP_S s; label = the dataset's label
    at t - delay."""
    acc = frame["pelvis_acc_g"]
    rate = frame.rate_hz
    # the runtime's ticks: grid times that are multiples of the hop, with full history
    ends = np.flatnonzero(frame.t_ns % int(round(HOP_S * 1e9)) == 0)
    ends = ends[ends >= history_samples(rate) - 1]
    lab = labels[ends - int(round(LABEL_DELAY_S * rate))]
    y = np.array([MODEL_STATES.index(HAPT_MAP.get(x, x)) if HAPT_MAP.get(x, x) in MODEL_STATES else -1 for x in lab])
    return stacked_features(acc, frame["pelvis_inclination_deg"], rate, ends), y, np.full(len(y), subject)


def hapt_dataset(files: list[Path] | None = None, augment_rates: tuple[float, ...] = ()) -> Dataset:
    """Ticks every HOP_S s of every HAPT recording; label = the dataset's label at t - delay.
    ``augment_rates``: also each recording replayed at these device rates (Hz) through the
    simulated firmware's resampler and the runtime path (:attr:`Dataset.aug`, training rows only)."""
    files = files or hapt_files()
    xs, ys, gs, frames = [], [], [], []
    axs, ays, ags = [], [], []
    for f in files:
        frame, labels = runtime_body_frame(f)
        frames.append((frame, labels))
        x, y, g = _ticks(frame, labels, hapt_subject(f))
        xs.append(x)
        ys.append(y)
        gs.append(g)
        for rate in augment_rates:
            x, y, g = _ticks(*runtime_body_frame_at_rate(f, rate), hapt_subject(f))
            axs.append(x)
            ays.append(y)
            ags.append(g)
    aug = (np.vstack(axs), np.concatenate(ays), np.concatenate(ags)) if augment_rates else None
    return Dataset(np.vstack(xs), np.concatenate(ys), np.concatenate(gs), list(files), frames, aug)


def sisfall_subjects(root: Path | None = None) -> list[Path]:
    """SisFall subject folders (young adults SA01-SA23 here), without the held-out SE01-SE15."""
    root = root or data_dir() / "sisfall"
    return usable(sorted(p for p in root.iterdir() if p.is_dir()))


def sisfall_trial_frames(codes: tuple[str, ...], max_subjects: int | None = None) -> Iterator[tuple[str, str, object]]:
    """(subject, code, runtime-path BodyFrame) of every SisFall waist trial with a code in ``codes``
    (e.g. "D07"), subjects in order. Each trial is aligned with the subject's D01 walking trial
    as a calibration profile: a 12 s trial is too short for the chain to align itself."""
    root = data_dir() / "sisfall"
    for subj in [p.name for p in sisfall_subjects(root)][:max_subjects]:
        d01 = sorted((root / subj).glob("D01_*.waist.csv.gz"))
        ref = alignment_from_file(d01[0]) if d01 else None
        for f in sorted((root / subj).glob("D*.waist.csv.gz")):
            if f.name[:3] in codes:
                yield subj, f.name[:3], runtime_body_frame(f, alignment=ref)[0]
