"""Shared entry point for ``python -m benchmarks.bench_<name> [--quick] [--json]``."""

from __future__ import annotations

import argparse
import json
import resource
from collections.abc import Callable


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (MB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def bench_main(run: Callable[[bool], dict]) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--json", action="store_true", help="print only the JSON line")
    args = ap.parse_args()
    result = run(args.quick)
    print(json.dumps(result) if args.json else json.dumps(result, indent=2))
