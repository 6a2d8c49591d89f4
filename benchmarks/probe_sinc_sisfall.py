"""``bench_posture``'s ``--quick`` SisFall figures (chair transfer events, lying) with the
Synchroniser's acceleration interpolation set for this process only, the installed posture model.

    nice .venv/bin/python -m benchmarks.probe_sinc_sisfall sinc      # or: linear

A probe: prints one JSON line, writes nothing. The training and benchmark path
(``io.body_frames``) builds its ``Synchroniser()`` with the defaults, so the probe sets the
``SyncSettings`` default (the field's ``__init__`` default) before anything is built.
"""

from __future__ import annotations

import json
import sys

from oefensense.pipeline.synchroniser import ACC_INTERPOLATIONS, SyncSettings


def main(argv: list[str]) -> None:
    if len(argv) != 1 or argv[0] not in ACC_INTERPOLATIONS:
        sys.exit(f"usage: python -m benchmarks.probe_sinc_sisfall {{{'|'.join(ACC_INTERPOLATIONS)}}}")
    mode = argv[0]
    d = SyncSettings.__init__.__defaults__
    SyncSettings.__init__.__defaults__ = (*d[:-1], mode)
    if SyncSettings().acc_interpolation != mode:
        sys.exit("SyncSettings' last field is no longer acc_interpolation: update the probe")
    from benchmarks.bench_posture import data_dir, sisfall

    print(json.dumps({"acc_interpolation": mode, **sisfall(data_dir(), True)}))


if __name__ == "__main__":
    main(sys.argv[1:])
