"""Fixtures for the record's tests: every ``database_url`` test runs on SQLite and on PostgreSQL.

PostgreSQL needs a server: ``OEFENSENSE_TEST_DATABASE`` (a SQLAlchemy URL; ``.ci/run`` starts one
with ``scripts/start-postgres.sh`` and exports it). Without it the PostgreSQL cases skip and say
why. Each PostgreSQL test starts from an empty ``public`` schema.
"""

from __future__ import annotations

import gzip
import os
from importlib import resources
from pathlib import Path

import pytest

PG_ENV = "OEFENSENSE_TEST_DATABASE"


def _reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    from oefensense.record.location import normalise_url

    engine = create_engine(normalise_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path: Path) -> str:
    """A fresh, empty record database URL: a SQLite file, or the test PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'record.sqlite'}"
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"no PostgreSQL server: set {PG_ENV} to a SQLAlchemy URL (scripts/start-postgres.sh prints one)")
    _reset_postgres(url)
    return url


@pytest.fixture(scope="session")
def bundled_halves(tmp_path_factory) -> tuple[Path, Path]:
    """Two different waist recordings cut from the bundled HAPT excerpt (0-150 s and 90-240 s),
    so two sessions of one patient differ."""
    out = tmp_path_factory.mktemp("halves")
    src = resources.files("oefensense.data") / "hapt_user01_exp0_0-240s.waist.csv.gz"
    with gzip.open(src.open("rb"), "rt") as fh:
        header = fh.readline()
        rows = fh.readlines()
    t_col = header.strip().split(",").index("time_s")
    paths = []
    for name, (a, b) in (("first", (0.0, 150.0)), ("second", (90.0, 240.0))):
        path = out / f"{name}.waist.csv"
        with open(path, "w") as fh:
            fh.write(header)
            for line in rows:
                cells = line.split(",")
                t = float(cells[t_col])
                if a <= t < b:
                    cells[t_col] = f"{t - a:.3f}"
                    fh.write(",".join(cells))
        paths.append(path)
    return paths[0], paths[1]
