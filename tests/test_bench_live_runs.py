"""``python -m benchmarks.bench_live --quick`` runs. It broke unnoticed when the engine thread
started asking its pipeline for the link delay (``link_delay_ns``, 3 Dec 2026): the benchmark's
own decode-only pipeline had no such method and every run ended in an AttributeError."""

from __future__ import annotations


def test_the_live_benchmark_runs() -> None:
    from benchmarks import bench_live

    got = bench_live.run(quick=True)
    assert got["full_pipeline_cpu_ms_per_packet_p99"] > 0
    assert got["latency_ms_p50"] > 0
