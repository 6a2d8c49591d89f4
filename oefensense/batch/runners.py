"""Run :func:`~oefensense.batch.job.process_input` over many inputs: serially, on a local
process pool, or on an existing Dask distributed cluster. All three call the same function with
the same arguments, so their results are the same files; only the order of completion differs.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path

from ..io.worded import QT_TR_NOOP
from .discover import BatchInput
from .job import JobResult, JobSettings, one_line_reason, process_input


CONNECT_TIMEOUT = "10s"  # how long to try reaching a Dask scheduler
WORKER_EXIT_S = 5.0  # how long an interrupted pool's workers get to end after SIGTERM
PR_SET_PDEATHSIG = 1  # linux/prctl.h
INFLIGHT_DIR = ".batch-inflight"  # OUT/.batch-inflight/<worker>: the input each pool worker is analysing
WORKER_DIED = QT_TR_NOOP("the worker analysing it died (killed, e.g. out of memory; BrokenProcessPool), also when it "
                         "was analysed again alone")
WORKER_FAILED = QT_TR_NOOP("the worker analysing it failed ({reason})")


def _worker_failed(item: BatchInput, exc: BaseException) -> JobResult:
    """An input whose worker raised (not the analysis: that is caught inside it); the CLI says it in
    its language (``words``), the tables keep English."""
    reason = one_line_reason(exc)
    return JobResult(item.id, "error", reason=WORKER_FAILED.format(reason=reason), words=(WORKER_FAILED, {"reason": reason}))


class SchedulerError(RuntimeError):
    """The Dask scheduler cannot be reached or Dask is not installed."""


def run_serial(inputs: list[BatchInput], settings: JobSettings) -> Iterator[JobResult]:
    for item in inputs:
        yield process_input(item, settings)


def run_pool(inputs: list[BatchInput], settings: JobSettings, jobs: int,
             task: Callable[[BatchInput, JobSettings], JobResult] = process_input) -> Iterator[JobResult]:
    """A process pool of ``jobs`` workers (spawned: no threads or locks copied from this process).

    A worker that dies (killed, out of memory) breaks a ``ProcessPoolExecutor`` for every input
    still waiting in it. So the inputs it had not started go to a fresh pool, and the inputs that
    were being analysed when it broke (each worker notes its input in ``OUT/.batch-inflight/``)
    are analysed once more, each alone in a pool of one: the input that kills its worker again
    is the one that fails, with that reason; the others finish.

    Interrupted (Ctrl-C, or any exception or ``close()`` while results are awaited), the inputs
    not yet started are cancelled and the workers are ended, so nothing runs on after the command
    has stopped: a result being written is left as a temporary folder, removed when that input
    runs again. The workers ignore SIGINT (a terminal's Ctrl-C reaches the whole process group:
    the parent decides) and, on Linux, get SIGTERM when the parent dies, so a parent killed
    outright leaves no workers behind either. ``task``: what a worker runs (tests).
    """
    inflight = settings.out_dir / INFLIGHT_DIR
    todo = list(inputs)
    while todo:
        _reset(inflight)
        broken = []
        for item, result in _pool_round(todo, settings, jobs, inflight, task):
            if result is None:
                broken.append(item)
            else:
                yield result
        if not broken:
            break
        running = {p.read_text() for p in inflight.iterdir()}
        suspects = [i for i in broken if i.id in running] or broken  # unknown: every one is a suspect
        todo = [i for i in broken if i not in suspects]
        for item in suspects:
            _reset(inflight)
            for _, result in _pool_round([item], settings, 1, inflight, task):
                yield result or JobResult(item.id, "error", reason=WORKER_DIED, words=(WORKER_DIED, {}))
    shutil.rmtree(inflight, ignore_errors=True)


def _pool_round(items: list[BatchInput], settings: JobSettings, jobs: int, inflight: Path,
                task: Callable[[BatchInput, JobSettings], JobResult]) -> Iterator[tuple[BatchInput, JobResult | None]]:
    """(input, result) as the inputs finish on one pool; result None: the pool broke under it."""
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(items)), mp_context=get_context("spawn"),
                               initializer=_worker_init, initargs=(os.getpid(),))
    finished = False
    try:
        futures = {pool.submit(_tracked, task, item, settings, str(inflight)): item for item in items}
        for future in as_completed(futures):
            item = futures[future]
            try:
                result: JobResult | None = future.result()
            except BrokenProcessPool:
                result = None
            except Exception as exc:  # process_input catches everything else inside the worker
                result = _worker_failed(item, exc)
            yield item, result
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:
            _abort_pool(pool)


def _tracked(task: Callable[[BatchInput, JobSettings], JobResult], item: BatchInput, settings: JobSettings,
             inflight: str) -> JobResult:
    """``task(item, settings)`` in a pool worker, with a note of the input in flight that stays
    behind if the worker dies."""
    note = Path(inflight) / f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
    note.write_text(item.id)
    try:
        return task(item, settings)
    finally:
        note.unlink(missing_ok=True)


def _reset(inflight: Path) -> None:
    shutil.rmtree(inflight, ignore_errors=True)
    inflight.mkdir(mode=0o700)


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
        return _worker_failed(item, exc)


def run_jobs(inputs: list[BatchInput], settings: JobSettings, *, jobs: int = 1,
             scheduler: str | None = None) -> Iterator[JobResult]:
    """Results as inputs finish (in completion order)."""
    if scheduler:
        return run_dask(inputs, settings, scheduler)
    if jobs <= 1 or len(inputs) <= 1:
        return run_serial(inputs, settings)
    return run_pool(inputs, settings, min(jobs, len(inputs)))

