"""Run the benchmarks and print one JSON document and a Markdown table.

    python -m benchmarks [--quick] [--only NAME ...] [--out DIR]

Each ``benchmarks/bench_<name>.py`` exposes ``run(quick: bool) -> dict`` of named figures (units in
the key names). Every benchmark runs in its own process, so peak-RSS figures are its own.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def discover() -> list[str]:
    return sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))


def run_one(name: str, quick: bool, timeout_s: float) -> dict:
    cmd = [sys.executable, "-m", f"benchmarks.bench_{name}", "--json"] + (["--quick"] if quick else [])
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=HERE.parent, capture_output=True, text=True, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout_s:.0f} s"}
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["failed"])[-1], "wall_s": round(wall, 1)}
    try:
        result = json.loads(proc.stdout.strip().splitlines()[-1])
    except (json.JSONDecodeError, IndexError):
        return {"error": "no JSON on the last line of output", "wall_s": round(wall, 1)}
    result["wall_s"] = round(wall, 1)
    return result


def flatten(d: dict, prefix: str = "") -> dict:
    out = {}
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(flatten(v, key + "."))
        else:
            out[key] = v
    return out


def markdown(results: dict[str, dict]) -> str:
    lines = ["| benchmark | figure | value |", "|---|---|---|"]
    for name, res in results.items():
        for k, v in flatten(res).items():
            if isinstance(v, float):
                v = f"{v:,.4g}" if abs(v) < 1e4 else f"{v:,.0f}"
            lines.append(f"| {name} | {k} | {v} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small sizes (smoke run)")
    ap.add_argument("--only", nargs="*", help=f"names among: {', '.join(discover())}")
    ap.add_argument("--out", type=Path, default=HERE / "results", help="where latest.json / latest.md go")
    ap.add_argument("--timeout", type=float, default=1800, help="per benchmark, seconds")
    args = ap.parse_args()
    names = args.only or discover()
    results: dict[str, dict] = {}
    for name in names:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        results[name] = run_one(name, args.quick, args.timeout)
    doc = {"quick": args.quick, "python": sys.version.split()[0], "results": results}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.json").write_text(json.dumps(doc, indent=2) + "\n")
    md = markdown(results)
    (args.out / "latest.md").write_text(md + "\n")
    print(json.dumps(doc, indent=2))
    print()
    print(md)


if __name__ == "__main__":
    main()
