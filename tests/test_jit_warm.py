"""``core.jit.warm_kernels`` reads numba's private cache index (``_cache._cache_file._load_index``,
the index key layout): numba is locked (0.68.1), and this test is the guard that a numba change
breaks loudly here, not silently live (a warm-up that finds nothing loads nothing, and the first
live output compiles or loads kernels on the BLE loop again). A kernel is compiled into a fresh
cache in one process; a second process's warm-up must load it from there without compiling."""

from __future__ import annotations

import json
import os
import subprocess
import sys

CALL = """
import numpy as np
import oefensense.pipeline.synchroniser as s
ticks = np.array([1, 2], np.int64)
s._grid_index(np.arange(5, dtype=np.int64), np.arange(5, 10, dtype=np.int64), ticks, 10,
              np.zeros(2, np.int64), np.zeros(2), np.zeros(2, np.bool_))
"""

WARM = """
import json
import oefensense.pipeline.synchroniser as s
from oefensense.core import jit
loaded, _ = jit.warm_kernels()
d = s._grid_index
print(json.dumps({"loaded": loaded, "overloads": len(d.overloads), "hits": sum(d.stats.cache_hits.values()),
                  "misses": sum(d.stats.cache_misses.values())}))
"""


def _run(code: str, cache_dir: str) -> str:
    env = {**os.environ, "NUMBA_CACHE_DIR": cache_dir}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_warm_kernels_loads_a_cached_kernel_without_compiling(tmp_path):
    _run(CALL, str(tmp_path))  # compiles _grid_index and writes it to the fresh cache
    got = json.loads(_run(WARM, str(tmp_path)).strip().splitlines()[-1])
    # the warm-up found the cache entry through numba's private index and loaded it (a hit,
    # no miss: nothing compiled); zero here means numba's cache internals changed
    assert got["loaded"] >= 1 and got["overloads"] == 1, got
    assert got["hits"] == 1 and got["misses"] == 0, got


COLD = """
import json
from oefensense.analysis.registry import build_pipeline
build_pipeline()  # as the engine does before its source starts
from oefensense.ble.source import load_jit
from oefensense.core import jit
from oefensense.core.types import Placement
name = lambda k: k.py_func.__module__ + "." + k.py_func.__name__
built = {name(k): k for k in jit._kernels()}  # the kernels the built pipeline imported
before = sorted(n for n, k in built.items() if k.overloads)
load_jit([Placement.TRUNK, Placement.PELVIS])
import oefensense.features._posture_kernels as pk
print(json.dumps({"total": len(built), "before": before, "not_ready": sorted(n for n, k in built.items() if not k.overloads),
                  "posture": len(pk.window_kernel.signatures)}))
"""

# Kernels a live run never calls through their own dispatcher, so none is left uncompiled:
# ``_mod360`` is called only from inside ``_interp`` (its code is compiled into, and cached
# with, its caller); ``_take`` is ``_new_samples``' path for sample times that are not int64
# (the pipeline's are int64: ``_new_at`` serves them).
NOT_CALLED_LIVE = {"oefensense.pipeline.synchroniser._mod360", "oefensense.pipeline.synchroniser._take"}


def test_a_cold_cache_is_compiled_before_session_time_zero(tmp_path):
    """The first live run after an install found nothing in numba's cache and compiled every
    kernel at its first use, on the BLE loop: a simulated trunk + pelvis at 5x read up to 84 s
    from packet to output (loaded machine). ``load_jit`` (called before session time zero) now
    compiles them first when none is ready: the bundled recording through a throwaway pipeline."""
    got = json.loads(_run(COLD, str(tmp_path)).strip().splitlines()[-1])
    assert got["before"] == [] and got["total"] > 20, got  # cold: nothing loaded
    # every kernel the built pipeline imported is ready, the posture features among them, but
    # those a live run never calls through their own dispatcher (named, each with its reason)
    assert set(got["not_ready"]) <= NOT_CALLED_LIVE and got["posture"] == 1, got


FIRST_MINUTE = """
import json
import sys
from oefensense.analysis.registry import build_pipeline
from oefensense.core.types import Placement, RawPacket
from oefensense.pipeline.pipeline import PipelineSettings
from oefensense.pipeline.synchroniser import SyncSettings
pipe = build_pipeline(PipelineSettings(sync=SyncSettings(acc_interpolation=sys.argv[1])))  # as the engine does
from oefensense.ble.source import load_jit
from oefensense.core import jit
from oefensense.sources.simulated import bundled_recording, simulated_device_items
load_jit([Placement.PELVIS])  # before session time zero
imported = "oefensense.pipeline.sinc_grid" in sys.modules
name = lambda k: k.py_func.__module__ + "." + k.py_func.__name__
count = lambda: {name(k): len(k.overloads) for k in jit._kernels()}
before = count()
for item in simulated_device_items(bundled_recording(), "polar", sensor_id="pelvis", placement=Placement.PELVIS):
    if isinstance(item, RawPacket) and item.host_t_ns > 60e9:
        break
    pipe.feed(item)  # the session's first minute
after = count()
print(json.dumps({"imported": imported, "sinc_at": after.get("oefensense.pipeline.sinc_grid.sinc_at", -1),
                  "new": sorted(n for n, c in after.items() if c != before.get(n, 0))}))
"""


def test_a_sinc_session_loads_its_kernels_before_time_zero_and_a_linear_one_never_imports_them(tmp_path):
    """``acc_interpolation="sinc"``: the synchroniser's sinc kernels are loaded (here: compiled,
    the cache holding only a linear session's kernels) by ``load_jit``, so the session's first
    minute loads or compiles no kernel at all (before: ``sinc_at`` at the first frame, on the
    BLE loop). A linear session never imports them (d8944c1), and its first minute loads none
    either."""
    code = [sys.executable, "-c", FIRST_MINUTE]
    env = {**os.environ, "NUMBA_CACHE_DIR": str(tmp_path)}

    def run(mode: str) -> dict:
        done = subprocess.run([*code, mode], env=env, capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, done.stderr[-2000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    linear = run("linear")  # a cold cache: load_jit compiles the linear kernels (compile_kernels)
    assert linear == {"imported": False, "sinc_at": -1, "new": []}, linear
    sinc = run("sinc")  # the linear kernels cached, the sinc ones not: load_jit compiles them
    assert sinc == {"imported": True, "sinc_at": 1, "new": []}, sinc
