"""Load the compiled kernels of the loaded OefenSense modules from numba's cache, up front.

A ``@njit(cache=True)`` kernel is loaded from its on-disk cache at its first call. Live, the
pipeline runs on the BLE loop (``runtime.EngineThread``), so that first call (a chain's first
output at the end of its alignment window, or a chain released when its sensor dropped out)
held every notification back while the kernels' caches were read: the pelvis' packets stopped
for 0.72 s of session time at ``--speed 5`` (after numba's compiler was loaded up front,
rel-10). :func:`warm_kernels` loads every overload the cache index holds for the current code
of every kernel in the already-imported ``oefensense`` modules, before session time zero.

It loads what the cache holds; it compiles nothing (it does not know which argument types the
pipeline will use). When no kernel is ready after it (:func:`ready_kernels`: the first run
after an install, or a cleared cache), the live source compiles them before session time zero by
running a simulated body through a throwaway pipeline (``ble.source.compile_kernels``); a kernel
whose code changed alone is still compiled at its first call.

The cache index is numba's private API (numba is locked, 0.68.1): ``tests/test_jit_warm.py``
fails when a numba change makes the warm-up find nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import sys
import threading
import time
from collections.abc import Iterator

_warmed: set[int] = set()  # id() of the dispatchers already handled in this process
# set while the kernels are compiled before a live session (a cold cache: ~45 s), so the CLI and
# the dashboard, on other threads, can say so: until 5 Dec 2026 only a log line did
_compiling = threading.Event()


def compiling() -> bool:
    """Whether the pipeline's kernels are being compiled now (any thread may ask)."""
    return _compiling.is_set()


@contextlib.contextmanager
def compiling_now() -> Iterator[None]:
    """Marks the block that compiles the kernels (``ble.source.load_jit``) for :func:`compiling`."""
    _compiling.set()
    try:
        yield
    finally:
        _compiling.clear()


def _cached_signatures(disp: object) -> list[tuple]:
    """The argument types of ``disp``'s cache entries that match its current code and this CPU."""
    cache = getattr(disp, "_cache", None)
    cache_file = getattr(cache, "_cache_file", None)
    if cache_file is None:  # NullCache: a kernel without cache=True
        return []
    py_func = disp.py_func  # type: ignore[attr-defined]
    if py_func.__closure__ is not None:  # the key hashes the closure's cells: not ours to rebuild
        return []
    code = hashlib.sha256(py_func.__code__.co_code).hexdigest()
    magic = disp.targetctx.codegen().magic_tuple()  # type: ignore[attr-defined]
    return [sig for sig, key_magic, (code_hash, _cells) in cache_file._load_index()
            if key_magic == magic and code_hash == code]


def _kernels() -> list:
    """The numba dispatchers of the imported ``oefensense`` modules."""
    from numba.core.dispatcher import Dispatcher

    out = []
    for name, module in list(sys.modules.items()):
        if (name == "oefensense" or name.startswith("oefensense.")) and module is not None:
            out += [obj for obj in list(vars(module).values()) if isinstance(obj, Dispatcher)]
    return out


def ready_kernels() -> tuple[int, int]:
    """``(ready, total)``: how many kernels of the imported ``oefensense`` modules hold a compiled
    overload in this process (loaded from the cache or compiled), of how many (0 with numba's
    JIT disabled)."""
    kernels = {id(k): k for k in _kernels()}.values()
    return sum(1 for d in kernels if d.overloads), len(kernels)


def warm_kernels() -> tuple[int, float]:
    """Load every cached overload of every numba kernel in the imported ``oefensense`` modules.

    Once per kernel per process; returns ``(overloads loaded, seconds taken)``. Call it before
    anything that must not stall (the source's session time zero), after the pipeline is built
    (building it imports the kernels' modules)."""
    from numba.core.registry import cpu_target

    t0 = time.perf_counter()
    cpu_target.target_context.refresh()  # numba's compiler (its CPU target's registries): rel-10
    loaded = 0
    for obj in _kernels():
        if id(obj) in _warmed:
            continue
        _warmed.add(id(obj))
        for sig in _cached_signatures(obj):
            if tuple(sig) not in obj.overloads:
                obj.compile(tuple(sig))  # found in the cache, so loaded, not compiled
                loaded += 1
    return loaded, time.perf_counter() - t0
