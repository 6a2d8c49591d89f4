"""The bundled recording through every simulated device family, Synchroniser ``acc_interpolation``
linear (default) vs sinc, with the shipped posture model: what ``tests/test_families_end_to_end.py``
checks, per mode.

    nice .venv/bin/python -m benchmarks.probe_sinc_families [--replay linear|bandlimited|both]

``--replay``: how the simulated firmware brings the 50 Hz recording to its rate
(``RecordingSource``'s ``resample``; default: the simulator's default, ``DEFAULT_RESAMPLE``).
A probe: prints a table, writes nothing. Per family and mode: seconds per posture, sitting bouts,
sit-to-stand count, lifts; then per mode the family test's verdict (each family within 3 s per
posture of the families' median, the same sit-to-stand and sitting-bout counts as the most common
value) and which families fail it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

import numpy as np

from oefensense.engine import Engine
from oefensense.pipeline.pipeline import PipelineSettings
from oefensense.pipeline.synchroniser import SyncSettings
from oefensense.protocols import families
from oefensense.protocols.playback import DEFAULT_RESAMPLE, RESAMPLE_MODES
from oefensense.sources.simulated import bundled_recording, simulated_device_items


def summary(family_id: str, mode: str, replay: str | None = None) -> dict:
    settings = PipelineSettings(sync=SyncSettings(acc_interpolation=mode))
    items = simulated_device_items(bundled_recording(), family_id, resample=replay)
    return Engine(settings).run(items).summary()


def failures(runs: dict[str, dict]) -> dict[str, list[str]]:
    """The family test's assertions per family: what fails (empty list: passes)."""
    rs = list(runs.values())
    common = lambda key: json.loads(Counter(json.dumps(r[key], sort_keys=True) for r in rs).most_common(1)[0][0])  # noqa: E731
    ref_post = {p: float(np.median([r["posture_s"][p] for r in rs])) for p in rs[0]["posture_s"]}
    ref_bouts = Counter(r["sitting_bouts"]["count"] for r in rs).most_common(1)[0][0]
    out = {}
    for f, r in runs.items():
        bad = [f"{p} {r['posture_s'][p]:.1f} vs {s:.1f}" for p, s in ref_post.items() if abs(r["posture_s"][p] - s) > 3.0]
        if r["sit_to_stand_count"] != common("sit_to_stand_count"):
            bad.append("sit_to_stand")
        if r["sitting_bouts"]["count"] != ref_bouts:
            bad.append("sitting bouts")
        if r["lifts"] != common("lifts"):
            bad.append("lifts")
        out[f] = bad
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.probe_sinc_families", description=__doc__.split("\n")[0])
    ap.add_argument("--replay", choices=(*RESAMPLE_MODES, "both"), default=None,
                    help="the simulated firmware's resampling (default: the simulator's default)")
    args = ap.parse_args(argv)
    replays = list(RESAMPLE_MODES) if args.replay == "both" else [args.replay]
    for replay in replays:
        print(f"\nreplay: {replay or DEFAULT_RESAMPLE + ' (default)'}")
        table(replay)
    return 0


def table(replay: str | None) -> None:
    print("| mode | family | lying s | sitting s | standing s | walking s | sitting bouts | sit-to-stand | family test |")
    print("|---|---|---|---|---|---|---|---|---|")
    for mode in ("linear", "sinc"):
        runs = {f: summary(f, mode, replay) for f in families()}
        fails = failures(runs)
        for f, r in runs.items():
            p = r["posture_s"]
            print(f"| {mode} | {f} | {p.get('lying', 0):.1f} | {p.get('sitting', 0):.1f} | {p.get('standing', 0):.1f} | "
                  f"{p.get('walking', 0):.1f} | {r['sitting_bouts']['count']} | {r['sit_to_stand_count']} | "
                  f"{'pass' if not fails[f] else 'FAIL: ' + ', '.join(fails[f])} |")
        print(f"| {mode} | **{sum(not v for v in fails.values())} of {len(fails)} pass** | | | | | | | |", flush=True)


if __name__ == "__main__":
    sys.exit(main())
