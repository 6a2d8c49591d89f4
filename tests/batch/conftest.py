"""A small cohort of real files in nested folders, and a real Dask cluster on localhost."""

from __future__ import annotations

import gzip
import os
import shutil
import sys
from importlib.resources import files
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEVICES = ROOT / "tests" / "data" / "devices"
BUNDLED = Path(str(files("oefensense.data") / "hapt_user01_exp0_0-240s.waist.csv.gz"))
SCHEDULER_ENV = "OEFENSENSE_DASK_SCHEDULER"  # set by .ci/run, which starts the cluster


def make_cohort(root: Path) -> Path:
    """cohort/ with two same-named files in different folders, several formats, one bad file."""
    cohort = root / "cohort"
    for sub in ("p1", "p2", "loggers/ax"):
        (cohort / sub).mkdir(parents=True)
    shutil.copy(BUNDLED, cohort / "p1" / "day1.pelvis.csv.gz")
    text = gzip.decompress(BUNDLED.read_bytes()).decode()
    # p2/day1: the first 120 s of the same file, as a Dutch Excel export (';', decimal commas)
    lines = text.splitlines()
    short = "\n".join(lines[: 1 + 120 * 50]) + "\n"
    (cohort / "p2" / "day1.pelvis.csv").write_bytes(
        b"\xef\xbb\xbf" + short.replace(",", ";").replace(".", ",").replace("\n", "\r\n").encode())
    shutil.copy(DEVICES / "ax6_sample.cwa", cohort / "loggers" / "ax" / "ax6.pelvis.cwa")
    shutil.copy(DEVICES / "gnactv_sample.bin", cohort / "loggers" / "gnactv.pelvis.bin")
    (cohort / "loggers" / "ax" / "broken.pelvis.cwa").write_bytes((DEVICES / "ax6_sample.cwa").read_bytes()[:5000])
    (cohort / "README.md").write_text("not a recording: not picked up by the folder search\n")
    return cohort


@pytest.fixture(scope="session")
def dask_address(tmp_path_factory):
    """The CI cluster's address, else a scheduler and two workers started here (and stopped)."""
    address = os.environ.get(SCHEDULER_ENV)
    if address:
        yield address
        return
    pytest.importorskip("distributed")
    sys.path.insert(0, str(ROOT / "scripts"))
    from dask_cluster import LocalCluster

    cluster = LocalCluster(tmp_path_factory.mktemp("dask"), workers=2)
    try:
        yield cluster.start()
    finally:
        cluster.stop()
