"""A real Dask cluster on localhost: one ``dask scheduler`` and N ``dask worker`` processes.

Used by `.ci/run` (through ``start``/``stop`` on the command line), the cluster tests (when CI
has not started one) and ``benchmarks/bench_cohort.py``. Workers get one thread each: one
recording analysed per worker process at a time, like a ``--jobs`` process.

    python scripts/dask_cluster.py start DIR [--workers 2] [--port 8786]   # prints the address
    python scripts/dask_cluster.py stop DIR
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path


class LocalCluster:
    """Scheduler + workers as subprocesses; ``address`` once started; ``stop()`` ends them."""

    def __init__(self, directory: Path, workers: int = 2, port: int = 0, memory_limit: str = "0") -> None:
        self.directory = Path(directory)
        self.workers = workers
        self.port = port
        self.memory_limit = memory_limit
        self.processes: list[subprocess.Popen] = []
        self.address = ""

    def _spawn(self, args: list[str], log: str) -> subprocess.Popen:
        out = open(self.directory / log, "w")
        proc = subprocess.Popen([sys.executable, "-m", "dask", *args], stdout=out, stderr=subprocess.STDOUT,
                                cwd=self.directory, start_new_session=True)
        self.processes.append(proc)
        return proc

    def start(self, timeout_s: float = 60.0) -> str:
        self.directory.mkdir(parents=True, exist_ok=True)
        info = self.directory / "scheduler.json"
        info.unlink(missing_ok=True)
        self._spawn(["scheduler", "--host", "127.0.0.1", "--port", str(self.port), "--no-dashboard",
                     "--scheduler-file", str(info)], "scheduler.log")
        deadline = time.monotonic() + timeout_s
        while not info.is_file() or not info.read_text().strip():
            self._check_alive(deadline)
        self.address = json.loads(info.read_text())["address"]
        for i in range(self.workers):
            self._spawn(["worker", self.address, "--nthreads", "1", "--no-dashboard", "--name", f"w{i}",
                         "--memory-limit", self.memory_limit, "--local-directory", str(self.directory / f"w{i}")],
                        f"worker{i}.log")
        from distributed import Client

        with Client(self.address, timeout=f"{timeout_s}s") as client:
            client.wait_for_workers(self.workers, timeout=timeout_s)
        (self.directory / "pids").write_text(" ".join(str(p.pid) for p in self.processes))
        return self.address

    def _check_alive(self, deadline: float) -> None:
        for proc in self.processes:
            if proc.poll() is not None:
                raise RuntimeError(f"dask process ended with {proc.returncode}; see {self.directory}/*.log")
        if time.monotonic() > deadline:
            raise TimeoutError(f"dask scheduler did not start; see {self.directory}/scheduler.log")
        time.sleep(0.2)

    def stop(self) -> None:
        for proc in reversed(self.processes):  # workers before the scheduler
            if proc.poll() is None:
                _signal_group(proc.pid, signal.SIGTERM)
        for proc in self.processes:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                _signal_group(proc.pid, signal.SIGKILL)
                proc.wait()
        self.processes.clear()
        (self.directory / "pids").unlink(missing_ok=True)


def _stop_dir(directory: Path, timeout_s: float = 20.0) -> None:
    """Stop the processes a ``start`` recorded: workers first, then the scheduler; each process
    group (a worker's nanny and its child) gets SIGTERM, then SIGKILL after ``timeout_s``."""
    pids_file = directory / "pids"
    if not pids_file.is_file():
        return
    pids = [int(p) for p in pids_file.read_text().split()]
    for pid in reversed(pids):
        _signal_group(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout_s
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    for pid in pids:
        _signal_group(pid, signal.SIGKILL)
    pids_file.unlink()


def _signal_group(pid: int, sig: int) -> None:
    try:
        os.killpg(pid, sig)  # started with start_new_session: the group id is the pid
    except (ProcessLookupError, PermissionError):
        pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8786)
    args = parser.parse_args()
    if args.action == "stop":
        _stop_dir(args.directory)
        return 0
    cluster = LocalCluster(args.directory, args.workers, args.port)
    try:
        print(cluster.start())
    except Exception:
        cluster.stop()
        raise
    return 0


if __name__ == "__main__":
    sys.exit(main())
