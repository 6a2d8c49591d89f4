"""How much the posture features depend on the sensor's sample rate, and four candidate extractions.

    nice .venv/bin/python -m benchmarks.probe_rate_features [--subjects N] [--device poly|pick] [--hapt N]
        [--acc-interpolation linear|sinc]

A probe, not a benchmark: it changes no shipped code and writes nothing. Real recordings sampled
above 50 Hz (SisFall young adults SA01-SA23, waist, 200 Hz; never SE01-SE15) are turned into what
a sensor at 200 / 100 / 60 / 52 / 50 Hz would deliver by band-limited polyphase resampling
(``scipy.signal.resample_poly``: its anti-alias FIR stands in for the device's own digital low-pass),
then go through the runtime path (``SensorChain`` with the alignment found in the subject's D01 walk
at 200 Hz, then the ``Synchroniser`` onto the 50 Hz grid, as ``io.body_frames`` does). Per rate
and per feature extraction, each posture feature of each tick (every 0.5 s, the same tick times
for all rates) is divided by the same extraction's value for the 50 Hz sensor (for shipped, A and
B that is the shipped value: all three are the same at 50 Hz); the table gives the median ratio
over the ticks of each posture (rows "50, to shipped": a candidate's 50 Hz features divided by the
shipped ones, i.e. how far it moves what the model was trained on). ``--device pick`` samples
without an anti-alias filter instead (every k-th sample, or linear interpolation at the device's sample times for 52/60 Hz), a sensor
whose noise band does not shrink with its rate. Feature extractions:

* ``shipped``: the ``Synchroniser``'s linear interpolation onto the grid, then
  ``stacked_features`` at 50 Hz (what the ``PostureStage`` computes);
* ``A poly``: the chain's segment-frame acceleration resampled onto the grid with
  ``resample_poly`` (device rate -> 50 Hz, anti-aliased) instead of linear interpolation; the
  inclination channel as shipped;
* ``B raw``: the features computed on the chain's raw samples at the device rate (window of
  2.56 s of device samples ending at the last sample at or before the tick; the features'
  windows and lags are defined in seconds);
* ``D sinc``: the chain's segment-frame acceleration evaluated at each grid time by a
  Kaiser-windowed sinc low-pass (22 Hz, ±0.2 s), i.e. band-limited interpolation that needs no
  fixed rate ratio and works at any phase against the grid (A cannot: its output samples start at
  the device's first sample); the inclination channel as shipped;
* ``C poly+LP``: A, then a fixed causal low-pass (25-tap FIR, 10 Hz, 0.24 s group delay) before
  the features, so every sensor's SD covers the same band. The shipped model was not trained on
  these features, so no P(sit) is given for C.

The posture of a tick is what the shipped model calls it at 50 Hz (argmax, probability >= 0.6,
sitting/standing only in D07/D08 chair trials, walking only in the D01 walk): SisFall labels are
per trial, and the point is the features' dependence on the rate, not the model's accuracy.
``P(sit)`` is P(sit)/(P(sit)+P(stand)) of the shipped model's emissions (no HMM), mean over the
sitting and standing ticks; ``flip`` the share of those ticks whose call between the two differs
from the 50 Hz shipped one.

HAPT (users 1-24, never 25-30) recorded at 50 Hz, for comparison with val-3's simulated families:
replayed at 52 / 60 Hz by the simulated firmware's linear upsampling (``RecordingSource``, as
``runtime_body_frame_at_rate``), by its band-limited mode (``resample="bandlimited"``, rows
``HAPT bandlimited sim``) or band-limited by ``resample_poly``, then the extractions above;
postures from the HAPT labels (at the window centre).

``--acc-interpolation sinc`` runs the real ``Synchroniser`` with ``SyncSettings(acc_interpolation=
"sinc")`` (candidate D built in), so the ``shipped`` rows are then that pipeline's features (shown
as ``pipeline sinc``; the shipped model was not trained on them), and the last 0.2 s of each
recording (the filter's look-ahead, invalid there) is left out of the ticks.
"""

from __future__ import annotations

import argparse
import sys
import time
from fractions import Fraction

import numpy as np
from scipy.signal import firwin, lfilter, resample_poly

from oefensense.analysis.models import load_model
from oefensense.core.types import NS_PER_S, SampleBlock
from oefensense.features import LABEL_DELAY_S, MODEL_STATES, history_samples, stacked_features
from oefensense.features.posture_features import feature_names, orientation_names
from oefensense.io.body_frames import _pieces, alignment_from_file, concat_frames
from oefensense.io.csv_import import read_csv
from oefensense.models.training.held_out import usable
from oefensense.models.training.posture_data import data_dir, hapt_files, hapt_subject

GRID_HZ = 50.0
HALF_STEP_NS = NS_PER_S // 100
HOP_NS = NS_PER_S // 2
SIS_RATES = (200.0, 100.0, 60.0, 52.0, 50.0)
HAPT_RATES = (52.0, 60.0)
#: Candidate D's windowed-sinc interpolator: cutoff (Hz, below the grid's 25 Hz Nyquist) and
#: half-length (s, the latency it adds), Kaiser window beta.
SINC_FC_HZ, SINC_HALF_S, SINC_BETA = 22.0, 0.2, 8.0
#: Candidate C's fixed band (Hz): below every supported device's Nyquist frequency from 26 Hz up.
LP_HZ = 10.0
LP_TAPS = 25  # causal linear-phase FIR at 50 Hz: 12 samples (0.24 s) group delay
POSTURES = ("standing", "sitting", "walking")
#: the Synchroniser's acc_interpolation for the runtime path (``--acc-interpolation``)
ACC_INTERP = "linear"
SHOW = ("sd_mag", "sd_mag_1s", "sd_vert", "sd_hor", "step_ac", "incl")
_NAMES = [n.split("_", 1)[1] for n in feature_names("p") + orientation_names("p")]
COLS = [_NAMES.index(s) for s in SHOW]
SIT, STAND, WALK = (MODEL_STATES.index(s) for s in ("sitting", "standing", "walking"))


def _ratio(rate_hz: float, to_hz: float) -> tuple[int, int]:
    f = Fraction(to_hz / rate_hz).limit_denominator(1000)
    return f.numerator, f.denominator


def _poly(x: np.ndarray, rate_hz: float, to_hz: float) -> np.ndarray:
    """``x`` (n, k) sampled at rate_hz, band-limited onto to_hz (same first sample time)."""
    if rate_hz == to_hz:
        return np.asarray(x, np.float64)
    up, down = _ratio(rate_hz, to_hz)
    return resample_poly(np.asarray(x, np.float64), up, down, axis=0, padtype="line")


def _pick(x: np.ndarray, rate_hz: float, to_hz: float) -> np.ndarray:
    """``x`` at rate_hz as a sensor without an anti-alias filter would sample it at to_hz: every
    k-th sample when rate_hz / to_hz is an integer k, else linear interpolation at its sample times."""
    k = rate_hz / to_hz
    if abs(k - round(k)) < 1e-9:
        return np.asarray(x, np.float64)[:: int(round(k))]
    t = np.arange(int(np.floor((len(x) - 1) / k)) + 1) * k
    return np.column_stack([np.interp(t, np.arange(len(x)), x[:, j]) for j in range(x.shape[1])])


def _sinc_at(t_raw: np.ndarray, x: np.ndarray, t_out: np.ndarray) -> np.ndarray:
    """``x`` (n, k) sampled at ``t_raw`` (ns) evaluated at ``t_out`` (ns) by a Kaiser-windowed sinc
    low-pass (SINC_FC_HZ, ±SINC_HALF_S), weights normalised to unit DC gain: band-limited
    interpolation at any time, so any device rate and any phase against the grid. NaN where the
    window runs off the samples."""
    from scipy.special import i0

    rate = NS_PER_S / float(np.median(np.diff(t_raw)))
    k = int(np.ceil(SINC_HALF_S * rate)) + 1
    c = np.searchsorted(t_raw, t_out)
    taps = c[:, None] + np.arange(-k, k + 1)[None, :]
    bad = (taps.min(1) < 0) | (taps.max(1) >= len(t_raw))
    taps = np.clip(taps, 0, len(t_raw) - 1)
    dt = (t_out[:, None] - t_raw[taps]) / NS_PER_S
    u = np.clip(1.0 - (dt / SINC_HALF_S) ** 2, 0.0, None)
    w = np.sinc(2 * SINC_FC_HZ * dt) * i0(SINC_BETA * np.sqrt(u)) / i0(SINC_BETA) * (u > 0)
    w /= w.sum(1, keepdims=True)
    y = np.einsum("nt,ntk->nk", w, np.asarray(x, np.float64)[taps])
    y[bad] = np.nan
    return y


def _device_block(rec, acc: np.ndarray, gyr: np.ndarray, rate_hz: float, offset_ns: int = 0
                  ) -> tuple[SampleBlock, object]:
    """A sensor at ``rate_hz`` with samples ``acc``/``gyr``, on the recording's clock (+ offset_ns:
    a sensor whose samples fall between the grid's)."""
    from dataclasses import replace

    t = int(rec.block.t_ns[0]) + offset_ns + np.round(np.arange(len(acc)) * (NS_PER_S / rate_hz)).astype(np.int64)
    return SampleBlock(rec.info.sensor_id, t, acc, gyr), replace(rec.info, nominal_rate_hz=float(rate_hz))


def _runtime(info, block: SampleBlock, alignment) -> tuple[object, np.ndarray, np.ndarray, np.ndarray]:
    """SensorChain (+ given alignment, or its own) + Synchroniser, as ``io.body_frames``; returns the
    50 Hz BodyFrame and the chain's raw segment output (t_ns, acc_g (n, 3), inclination_deg)."""
    from oefensense.orientation import SensorChain
    from oefensense.pipeline.synchroniser import Synchroniser, SyncSettings

    chain = SensorChain(info, alignment=alignment) if alignment is not None else SensorChain(info)
    sync = Synchroniser(SyncSettings(acc_interpolation=ACC_INTERP))
    sync.add_sensor(info)
    frames, segs = [], []
    for piece in [*_pieces(block), None]:
        seg = chain.process(piece) if piece is not None else chain.finish()
        if seg is not None and len(seg):
            segs.append(seg)
            frames += sync.push(seg)
    frames += sync.finish()
    t = np.concatenate([s.t_ns for s in segs])
    acc = np.vstack([s.acc_g for s in segs])
    incl = np.concatenate([np.asarray(s.inclination_deg).reshape(-1) for s in segs])
    return concat_frames(frames), t, acc, incl


def _features(frame, t_raw, acc_raw, incl_raw, rate_hz: float, tick_t: np.ndarray) -> dict[str, np.ndarray]:
    """Stacked model rows at grid times ``tick_t`` (ns) by each extraction (NaN rows: no history)."""
    g_acc = np.asarray(frame["pelvis_acc_g"], np.float64)
    g_incl = np.asarray(frame["pelvis_inclination_deg"], np.float64).reshape(-1)
    gi = np.searchsorted(frame.t_ns, tick_t)
    out = {}
    out["shipped"] = stacked_features(g_acc, g_incl, GRID_HZ, gi)
    # A: raw segment samples band-limited onto the grid; grid sample j at t_raw[0] + 20 ms * j
    a_acc = _poly(acc_raw, rate_hz, GRID_HZ)
    off = int(round((frame.t_ns[0] - t_raw[0]) / (NS_PER_S / GRID_HZ)))
    ri = np.searchsorted(t_raw, tick_t, side="right") - 1
    out["B raw"] = stacked_features(acc_raw, incl_raw, rate_hz, ri)
    out["D sinc"] = stacked_features(_sinc_at(t_raw, acc_raw, frame.t_ns), g_incl, GRID_HZ, gi)
    if off < 0 or (frame.t_ns[0] - t_raw[0]) % (NS_PER_S // 50):
        return out  # the device's first sample is off the grid: A and C would need a fractional delay
    n = min(len(a_acc) - off, len(g_acc))
    a = np.full_like(g_acc, np.nan)
    a[:n] = a_acc[off: off + n]
    out["A poly"] = stacked_features(a, g_incl, GRID_HZ, gi)
    # C: A, then a fixed causal low-pass, so the SD sees the same band whatever the device passes
    c = a.copy()
    c[:n] = lfilter(firwin(LP_TAPS, LP_HZ, fs=GRID_HZ), 1.0, a[:n], axis=0)
    out["C poly+LP"] = stacked_features(c, g_incl, GRID_HZ, gi)
    return out


def _ticks(frame, t_raw, rate_hz: float, offset_ns: int = 0) -> np.ndarray:
    """Grid times on the hop with full history at both 50 Hz and ``rate_hz``."""
    t = frame.t_ns[frame.t_ns % HOP_NS == 0]
    need = max(history_samples(GRID_HZ) / GRID_HZ, history_samples(rate_hz) / rate_hz) + 0.5
    t = t[(t >= frame.t_ns[0] + int(need * NS_PER_S)) & (t >= t_raw[0] + int(need * NS_PER_S))]
    end = min(frame.t_ns[-1], t_raw[-1]) - offset_ns
    if ACC_INTERP == "sinc":  # the window's look-ahead: the last 0.2 s are invalid
        end -= int(0.2 * NS_PER_S) + NS_PER_S // 50
    return t[t <= end]


class Acc:
    """Ratios and P(sit) per (source, rate, method, posture)."""

    def __init__(self) -> None:
        self.ratio: dict[tuple, list[np.ndarray]] = {}
        self.psit: dict[tuple, list[np.ndarray]] = {}
        self.flip: dict[tuple, list[np.ndarray]] = {}

    def add(self, key: tuple, post: np.ndarray, ref: np.ndarray, feats: np.ndarray, probs: np.ndarray,
            ref_probs: np.ndarray) -> None:
        w = ref[:, COLS]
        f = feats[:, COLS]
        with np.errstate(divide="ignore", invalid="ignore"):
            r = f / w
        ps = probs[:, SIT] / (probs[:, SIT] + probs[:, STAND])
        ps0 = ref_probs[:, SIT] / (ref_probs[:, SIT] + ref_probs[:, STAND])
        for p in POSTURES:
            m = post == p
            if not m.any():
                continue
            self.ratio.setdefault((*key, p), []).append(r[m])
            self.psit.setdefault((*key, p), []).append(ps[m])
            self.flip.setdefault((*key, p), []).append((ps[m] > 0.5) != (ps0[m] > 0.5))


def _posture_from_model(probs: np.ndarray, code: str) -> np.ndarray:
    k = probs.argmax(1)
    ok = probs.max(1) >= 0.6
    allowed = {"D01": (WALK,)}.get(code, (SIT, STAND))
    post = np.array([MODEL_STATES[i] for i in k], dtype=object)
    post[~ok | ~np.isin(k, allowed)] = ""
    return post


def sisfall(acc: Acc, model, n_subjects: int, codes: tuple[str, ...], device: str, log) -> int:
    root = data_dir() / "sisfall"
    subjects = sorted(p.name for p in root.iterdir() if p.is_dir() and p.name.startswith("SA"))[:n_subjects]
    n = 0
    for subj in subjects:
        d01 = sorted((root / subj).glob("D01_*.waist.csv.gz"))
        ref_align = alignment_from_file(d01[0]) if d01 else None
        for f in sorted((root / subj).glob("D*.waist.csv.gz")):
            code = f.name[:3]
            if code not in codes:
                continue
            rec = read_csv(f)
            src_rate = float(rec.info.nominal_rate_hz)
            runs = {}
            for rate in SIS_RATES:
                a, g = (_poly(x, src_rate, rate) if device == "poly" else _pick(x, src_rate, rate)
                        for x in (rec.block.acc_g, rec.block.gyr_dps))
                block, info = _device_block(rec, a, g, rate)
                runs[f"{rate:g}"] = (rate, _runtime(info, block, ref_align))
                if rate == GRID_HZ:  # the same 50 Hz samples, taken half a grid step after the grid's ticks
                    block, info = _device_block(rec, a, g, rate, HALF_STEP_NS)
                    runs["50 +10 ms"] = (rate, _runtime(info, block, ref_align))
            ticks = _ticks(runs["50"][1][0], runs["50"][1][1], min(SIS_RATES))
            for rate, run in runs.values():
                ticks = np.intersect1d(ticks, _ticks(run[0], run[1], rate))
            base = _features(*runs["50"][1], GRID_HZ, ticks)
            base_p = model.predict_proba(base["shipped"])
            post = _posture_from_model(base_p, code)
            for name, (rate, run) in runs.items():
                for meth, x in _features(*run, rate, ticks).items():
                    acc.add(("SisFall", name, meth), post, base[meth], x, model.predict_proba(x), base_p)
                    if name == "50" and meth in ("D sinc", "C poly+LP"):  # how far the candidate moves the 50 Hz features
                        acc.add(("SisFall", "50, to shipped", meth), post, base["shipped"], x, model.predict_proba(x),
                                base_p)
            n += 1
        log(f"{subj}: {n} trials")
    return n


def hapt(acc: Acc, model, n_files: int, log) -> int:
    from oefensense.protocols.playback import RecordingSource

    files = usable(hapt_files())[:n_files]
    for f in files:
        if not 1 <= hapt_subject(f) <= 24:
            raise SystemExit(f"{f.name}: not a HAPT development user")
        rec = read_csv(f)
        src_rate = float(rec.info.nominal_rate_hz)
        run50 = _runtime(rec.info, rec.block, None)
        lab_idx = np.searchsorted(rec.block.t_ns, run50[0].t_ns, side="right") - 1
        labels = rec.labels[np.clip(lab_idx, 0, len(rec.labels) - 1)]
        labels = np.array([{"walking_upstairs": "walking", "walking_downstairs": "walking"}.get(x, x) for x in labels],
                          dtype=object)
        ticks = _ticks(run50[0], run50[1], min(HAPT_RATES), offset_ns=NS_PER_S)
        runs = {}
        for rate in HAPT_RATES:
            src = RecordingSource(rec.block.t_ns, rec.block.acc_g, rec.block.gyr_dps, loop=False)
            n = int(np.floor(src.t_rel[-1] / NS_PER_S * rate)) + 1
            t_dev = np.round(np.arange(n) * (NS_PER_S / rate)).astype(np.int64)
            a, g, _ = src.at(t_dev, rate)
            runs[("linear sim", rate)] = _runtime(*_device_block(rec, a, g, rate)[::-1], None)
            src = RecordingSource(rec.block.t_ns, rec.block.acc_g, rec.block.gyr_dps, loop=False, resample="bandlimited")
            a, g, _ = src.at(t_dev, rate)
            runs[("bandlimited sim", rate)] = _runtime(*_device_block(rec, a, g, rate)[::-1], None)
            a = _poly(rec.block.acc_g, src_rate, rate)
            g = _poly(rec.block.gyr_dps, src_rate, rate)
            runs[("poly sim", rate)] = _runtime(*_device_block(rec, a, g, rate)[::-1], None)
        for k, r in runs.items():
            ticks = np.intersect1d(ticks, _ticks(r[0], r[1], k[1], offset_ns=NS_PER_S))
        base = _features(*run50, GRID_HZ, ticks)
        base_p = model.predict_proba(base["shipped"])
        centre = np.searchsorted(run50[0].t_ns, ticks - int(LABEL_DELAY_S * NS_PER_S))
        post = labels[centre]
        for (sim, rate), r in runs.items():
            for meth, x in _features(*r, rate, ticks).items():
                acc.add((f"HAPT {sim}", f"{rate:g}", meth), post, base[meth], x, model.predict_proba(x), base_p)
        log(f"{f.name}: {len(ticks)} ticks")
    return len(files)


def table(acc: Acc) -> str:
    head = "| source | rate Hz | features | posture | ticks | " + " | ".join(SHOW) + " | P(sit) | flip % |"
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for key in acc.ratio:
        r = np.vstack(acc.ratio[key])
        med = np.nanmedian(r, axis=0)
        ps = np.concatenate(acc.psit[key])
        fl = np.concatenate(acc.flip[key])
        # the shipped model was trained on the shipped features; C's low-passed SDs are not those
        shown = key[3] != "walking" and key[2] != "C poly+LP"
        p_txt = f"{ps.mean():.3f}" if shown else "-"
        f_txt = f"{100 * fl.mean():.1f}" if shown else "-"
        meth = "pipeline sinc" if key[2] == "shipped" and ACC_INTERP == "sinc" else key[2]
        lines.append(f"| {key[0]} | {key[1]} | {meth} | {key[3]} | {len(r)} | "
                     + " | ".join(f"{v:.3f}" for v in med) + f" | {p_txt} | {f_txt} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--subjects", type=int, default=23, help="SisFall young adults SA01..SAnn (max 23)")
    ap.add_argument("--codes", default="D01,D07,D08", help="SisFall trial codes (D01 walk, D07/D08 chair)")
    ap.add_argument("--device", choices=("poly", "pick"), default="poly",
                    help="how a slower SisFall sensor samples: band-limited (resample_poly) or every k-th "
                         "sample / linear at its times, no anti-alias filter")
    ap.add_argument("--hapt", type=int, default=4, help="HAPT recordings (users 1-24)")
    ap.add_argument("--acc-interpolation", choices=("linear", "sinc"), default="linear",
                    help="the runtime Synchroniser's SyncSettings.acc_interpolation")
    a = ap.parse_args(argv)
    global ACC_INTERP
    ACC_INTERP = a.acc_interpolation
    if not 1 <= a.subjects <= 23:
        raise SystemExit("--subjects must be 1-23 (SA01-SA23; SE01-SE15 are held out)")
    t0 = time.perf_counter()
    log = lambda m: print(f"[{time.perf_counter() - t0:6.0f} s] {m}", file=sys.stderr, flush=True)  # noqa: E731
    model = load_model("posture")
    acc = Acc()
    n_sis = sisfall(acc, model, a.subjects, tuple(a.codes.split(",")), a.device, log)
    n_hapt = hapt(acc, model, a.hapt, log) if a.hapt else 0
    print(f"SisFall trials {n_sis} (SA01-SA{a.subjects:02d}, {a.codes}, device sampling {a.device}), HAPT recordings {n_hapt}, "
          f"Synchroniser acc_interpolation {ACC_INTERP}; "
          "median ratio of each feature to the same extraction's at 50 Hz (the sensor's samples at 50 Hz), "
          "same ticks")
    print(table(acc))
    return 0


if __name__ == "__main__":
    sys.exit(main())
