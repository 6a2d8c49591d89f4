"""One BLAS thread while the pipeline runs (offline analysis).

numpy's OpenBLAS starts a thread per core and, after every call it spreads over them, keeps
those threads spinning for a while. The pipeline's matrix products are small (3×3 rotations,
the alignment's 800×800 posture clusters), so the extra threads only burn CPU: on a generated
24-h file they used 3.4 of 20.6 CPU seconds and slowed the pipeline's own thread, for the same
results byte for byte (``benchmarks/RESULTS.md``, #20). The limit is set with threadpoolctl
for the duration of the block and restored after; without threadpoolctl nothing changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def single_blas_thread() -> Iterator[None]:
    """Limit BLAS (OpenBLAS, MKL, BLIS) to one thread inside the ``with`` block."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # an optional speed-up: the results are the same without it
        yield
        return
    with threadpool_limits(limits=1, user_api="blas"):
        yield
