"""Run :func:`~oefensense.batch.job.process_input` over many inputs: serially, on a local
process pool, or on an existing Dask distributed cluster. All three call the same function with
the same arguments, so their results are the same files; only the order of completion differs.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context

from .discover import BatchInput
from .job import JobResult, JobSettings, one_line_reason, process_input


CONNECT_TIMEOUT = "10s"  # how long to try reaching a Dask scheduler


class SchedulerError(RuntimeError):
    """The Dask scheduler cannot be reached or Dask is not installed."""


def run_serial(inputs: list[BatchInput], settings: JobSettings) -> Iterator[JobResult]:
    for item in inputs:
        yield process_input(item, settings)


def run_pool(inputs: list[BatchInput], settings: JobSettings, jobs: int) -> Iterator[JobResult]:
    """A process pool of ``jobs`` workers (spawned: no threads or locks copied from this process)."""
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
        futures = {pool.submit(process_input, item, settings): item for item in inputs}
        for future in as_completed(futures):
            yield _result(future, futures[future])


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
        for future in dask_completed(futures):
            yield _result(future, items[future.key])
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

