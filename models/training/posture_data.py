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
from oefensense.io.body_frames import alignment_from_file, runtime_body_frame

from .held_out import usable

HOP_S = 0.5
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


def hapt_dataset(files: list[Path] | None = None) -> Dataset:
    """Ticks every HOP_S s of every HAPT recording; label = the dataset's label at t - delay."""
    files = files or hapt_files()
    xs, ys, gs, frames = [], [], [], []
    for f in files:
        frame, labels = runtime_body_frame(f)
        frames.append((frame, labels))
        acc = frame["pelvis_acc_g"]
        rate = frame.rate_hz
        # the runtime's ticks: grid times that are multiples of the hop, with full history
        ends = np.flatnonzero(frame.t_ns % int(round(HOP_S * 1e9)) == 0)
        ends = ends[ends >= history_samples(rate) - 1]
        lab = labels[ends - int(round(LABEL_DELAY_S * rate))]
        y = np.array([MODEL_STATES.index(HAPT_MAP.get(x, x)) if HAPT_MAP.get(x, x) in MODEL_STATES else -1 for x in lab])
        xs.append(stacked_features(acc, frame["pelvis_inclination_deg"], rate, ends))
        ys.append(y)
        gs.append(np.full(len(y), hapt_subject(f)))
    return Dataset(np.vstack(xs), np.concatenate(ys), np.concatenate(gs), list(files), frames)


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
