"""Real recordings made into test-shaped recordings for the assessment benchmark and tests.

*Composite five-times-sit-to-stand* recordings are real chair transfers joined end to end:

* HAPT (``hapt_composite``): each HAPT recording has one labelled stand_to_sit and one
  sit_to_stand; a composite takes ``lead_s`` of standing, then per recording the sit-down and
  the stand-up with ``keep_s`` of the still sitting/standing around each, cutting the long still
  sit in the middle. Different recordings had the phone in different positions, so each
  recording's samples are rotated (the smallest rotation) to bring its standing gravity onto
  the first recording's: only the sensor axes change, not the movement. Truth: the labels.
* SisFall (``sisfall_composite``): five D07-D10 trials of one subject and one code (same
  device, same mounting) joined as recorded; each trial sits down and stands up once.

Times: seconds; acceleration g; angular rate deg/s.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from oefensense.models.training.held_out import usable

HAPT_FIXTURE_USERS = (1, 2, 3, 4, 5)  # never 25-30 (held out)
COLUMNS = "time_s,acc_x_g,acc_y_g,acc_z_g,gyr_x_dps,gyr_y_dps,gyr_z_dps,label"


def _read(path: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(t s, acc g, gyr deg/s, label) of a shared-data CSV (HAPT gyro in rad/s is converted)."""
    with gzip.open(path, "rt") as fh:
        header = fh.readline().strip().split(",")
        rows = [line.rstrip("\n").split(",") for line in fh]
    col = {n: i for i, n in enumerate(header)}
    num = np.array([[float(r[col[n]]) for n in header if n != "label"] for r in rows])
    names = [n for n in header if n != "label"]
    t = num[:, names.index("time_s")]
    acc = num[:, [names.index(f"acc_{a}_g") for a in "xyz"]]
    if "gyr_x_rads" in names:
        gyr = np.degrees(num[:, [names.index(f"gyr_{a}_rads") for a in "xyz"]])
    else:
        gyr = num[:, [names.index(f"gyr_{a}_dps") for a in "xyz"]]
    lab = np.array([r[col["label"]] for r in rows], dtype=object)
    return t, acc, gyr, lab


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    m = np.concatenate([[False], mask, [False]]).astype(np.int8)
    d = np.flatnonzero(np.diff(m))
    return list(zip(d[0::2].tolist(), d[1::2].tolist()))


def _align(v: np.ndarray, target: np.ndarray) -> np.ndarray:
    """The rotation matrix taking unit vector ``v`` onto ``target`` (Rodrigues, smallest angle)."""
    v, target = v / np.linalg.norm(v), target / np.linalg.norm(target)
    k = np.cross(v, target)
    s, c = np.linalg.norm(k), float(np.dot(v, target))
    if s < 1e-9:
        return np.eye(3)
    k /= s
    kx = np.array([[0, -k[2], k[1]], [k[2], 0, -k[0]], [-k[1], k[0], 0]])
    return np.eye(3) + s * kx + (1 - c) * kx @ kx


def hapt_composite(root: Path, users: tuple[int, ...] = HAPT_FIXTURE_USERS, keep_s: float = 1.2,
                   lead_s: float = 8.0) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[tuple[str, float, float]]]:
    """(t, acc, gyr, truth transfers [(kind, start_s, end_s)]) of a composite from the exp0
    recording of each user in ``users`` (one sit-down + one stand-up each)."""
    ts, accs, gyrs, truth = [], [], [], []
    ref_g = None
    t_next = 0.0
    for u in users:
        t, acc, gyr, lab = _read(root / "hapt" / f"user{u:02d}_exp0.waist.csv.gz")
        rate = 1.0 / float(np.median(np.diff(t)))
        s2s = _runs(lab == "stand_to_sit")[0]
        sts = next(r for r in _runs(lab == "sit_to_stand") if r[0] > s2s[1])
        stand_before = lab[: s2s[0]] == "standing"
        g = np.median(acc[: s2s[0]][stand_before][-int(2 * rate):], axis=0)
        rot = np.eye(3) if ref_g is None else _align(g, ref_g)
        ref_g = g if ref_g is None else ref_g
        k = int(keep_s * rate)
        first = ref_g is g and not ts
        pieces = [(s2s[0] - (int(lead_s * rate) if first else k), s2s[1] + k), (sts[0] - k, sts[1] + k)]
        for (a, b), (kind, (la, lb)) in zip(pieces, (("sit_down", s2s), ("stand_up", sts))):
            a = max(a, 0)
            seg_t = t[a:b] - t[a] + t_next
            truth.append((kind, float(seg_t[la - a]), float(seg_t[lb - 1 - a])))
            ts.append(seg_t)
            accs.append(acc[a:b] @ rot.T)
            gyrs.append(gyr[a:b] @ rot.T)
            t_next = float(seg_t[-1]) + 1.0 / rate
    return np.concatenate(ts), np.vstack(accs), np.vstack(gyrs), truth


def hapt_window(root: Path, user: int, exp: int = 0, pad_s: float = 3.0
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[tuple[str, float, float]]]:
    """(t, acc, gyr, truth transfers [(kind, start_s, end_s)]) of one HAPT recording's first
    labelled sit-down and the stand-up after it, from ``pad_s`` before the one to ``pad_s``
    after the other, as recorded (time from 0)."""
    t, acc, gyr, lab = _read(root / "hapt" / f"user{user:02d}_exp{exp}.waist.csv.gz")
    rate = 1.0 / float(np.median(np.diff(t)))
    s2s = _runs(lab == "stand_to_sit")[0]
    sts = next(r for r in _runs(lab == "sit_to_stand") if r[0] > s2s[1])
    lo, hi = max(0, s2s[0] - int(pad_s * rate)), min(len(t), sts[1] + int(pad_s * rate))
    truth = [(kind, float(t[a] - t[lo]), float(t[b - 1] - t[lo])) for kind, (a, b) in (("sit_down", s2s), ("stand_up", sts))]
    return t[lo:hi] - t[lo], acc[lo:hi], gyr[lo:hi], truth


def hapt_span(root: Path, user: int, exp: int, start_s: float, end_s: float
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(t, acc, gyr) of one HAPT recording from ``start_s`` to ``end_s`` (s into the recording),
    as recorded (time from 0)."""
    if user >= 25:
        raise ValueError(f"HAPT user {user} is held out (users 25-30)")
    t, acc, gyr, _ = _read(root / "hapt" / f"user{user:02d}_exp{exp}.waist.csv.gz")
    k = (t >= start_s) & (t < end_s)
    return t[k] - t[k][0], acc[k], gyr[k]


def write_csv(path: Path, t: np.ndarray, acc: np.ndarray, gyr: np.ndarray) -> None:
    """A unit-suffixed CSV (``oefensense.io.csv_import``), gzip'd when the name ends .gz."""
    body = np.column_stack([t, acc, gyr])
    header = COLUMNS.rsplit(",", 1)[0]
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "wt") as fh:
        fh.write(header + "\n")
        np.savetxt(fh, body, delimiter=",", fmt="%.5f")


def sisfall_composites(root: Path, codes: tuple[str, ...] = ("D07", "D08", "D09", "D10"), per: int = 5
                       ) -> Iterator[tuple[str, str, np.ndarray, np.ndarray, np.ndarray]]:
    """(subject, code, t, acc, gyr): ``per`` trials of one subject and code joined as recorded
    (each trial: stand, sit down, sit, stand up)."""
    for subj_dir in usable(sorted((root / "sisfall").iterdir())):  # never the held-out SE01-SE15
        for code in codes:
            files = sorted(subj_dir.glob(f"{code}_*.waist.csv.gz"))[:per]
            if len(files) < per:
                continue
            ts, accs, gyrs = [], [], []
            t_next = 0.0
            for f in files:
                t, acc, gyr, _ = _read(f)
                ts.append(t - t[0] + t_next)
                accs.append(acc)
                gyrs.append(gyr)
                t_next = float(ts[-1][-1]) + float(np.median(np.diff(t)))
            yield subj_dir.name, code, np.concatenate(ts), np.vstack(accs), np.vstack(gyrs)
