"""Run :func:`~oefensense.batch.job.process_input` over many inputs: serially, on a local
process pool, or on an existing Dask distributed cluster. All three call the same function with
the same arguments, so their results are the same files; only the order of completion differs.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context

from .discover import BatchInput
from .job import JobResult, JobSettings, one_line_reason, process_input


CONNECT_TIMEOUT = "10s"  # how long to try reaching a Dask scheduler
WORKER_EXIT_S = 5.0  # how long an interrupted pool's workers get to end after SIGTERM
PR_SET_PDEATHSIG = 1  # linux/prctl.h


class SchedulerError(RuntimeError):
    """The Dask scheduler cannot be reached or Dask is not installed."""


def run_serial(inputs: list[BatchInput], settings: JobSettings) -> Iterator[JobResult]:
    for item in inputs:
        yield process_input(item, settings)


def run_pool(inputs: list[BatchInput], settings: JobSettings, jobs: int) -> Iterator[JobResult]:
    """A process pool of ``jobs`` workers (spawned: no threads or locks copied from this process).

    Interrupted (Ctrl-C, or any exception or ``close()`` while results are awaited), the inputs
    not yet started are cancelled and the workers are ended, so nothing runs on after the command
    has stopped: a result being written is left as a temporary folder, removed when that input
    runs again. The workers ignore SIGINT (a terminal's Ctrl-C reaches the whole process group:
    the parent decides) and, on Linux, get SIGTERM when the parent dies, so a parent killed
    outright leaves no workers behind either.
    """
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn"),
                               initializer=_worker_init, initargs=(os.getpid(),))
    finished = False
    try:
        futures = {pool.submit(process_input, item, settings): item for item in inputs}
        for future in as_completed(futures):
            yield _result(future, futures[future])
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:
            _abort_pool(pool)


def _worker_init(parent_pid: int) -> None:
    """Runs first in every pool worker: leave Ctrl-C to the parent, die with the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the parent ends the workers
            pass
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)


def _abort_pool(pool: ProcessPoolExecutor) -> None:
    """Cancel the inputs not yet started and end the workers (those busy included)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(WORKER_EXIT_S)
        if process.is_alive():  # pragma: no cover - a worker that ignores SIGTERM
            process.kill()
            process.join(WORKER_EXIT_S)


def run_dask(inputs: list[BatchInput], settings: JobSettings, address: str) -> Iterator[JobResult]:
    """The inputs as tasks on the Dask cluster at ``address``. Workers must see the same input
    and output paths (one machine, or a shared filesystem) and run the same oefensense."""
    try:
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError as exc:
        raise SchedulerError("--scheduler needs Dask: pip install 'oefensense[cluster]'") from exc
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        raise SchedulerError(f"cannot reach the Dask scheduler at {address} ({exc})") from exc
    try:
        futures = client.map(process_input, inputs, settings=settings, pure=False)
        items = {future.key: item for future, item in zip(futures, inputs)}
        finished = False
        try:
            for future in dask_completed(futures):
                yield _result(future, items[future.key])
            finished = True
        finally:
            if not finished:  # interrupted: the cluster drops the inputs not yet started
                client.cancel(futures)
    finally:
        client.close()


def _result(future, item: BatchInput) -> JobResult:
    """The future's result; a worker that died (killed, out of memory) fails only its input."""
    try:
        return future.result()
    except Exception as exc:  # process_input catches everything else inside the worker
        return JobResult(item.id, "error", reason=f"the worker analysing it failed ({one_line_reason(exc)})")


def run_jobs(inputs: list[BatchInput], settings: JobSettings, *, jobs: int = 1,
             scheduler: str | None = None) -> Iterator[JobResult]:
    """Results as inputs finish (in completion order)."""
    if scheduler:
        return run_dask(inputs, settings, scheduler)
    if jobs <= 1 or len(inputs) <= 1:
        return run_serial(inputs, settings)
    return run_pool(inputs, settings, min(jobs, len(inputs)))

