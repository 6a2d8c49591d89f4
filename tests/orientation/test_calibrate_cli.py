"""``oefensense calibrate --simulate`` runs the guided procedure end to end and saves profiles."""

from __future__ import annotations

import numpy as np
from typer.testing import CliRunner

from oefensense.calibration import ProfileStore
from oefensense.cli import app
from oefensense.orientation import Alignment


def test_calibrate_simulated_person_saves_profiles(tmp_path):
    res = CliRunner().invoke(app, ["calibrate", "--simulate", "--seed", "2", "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    store = ProfileStore(tmp_path)
    for sid in ("sim-trunk", "sim-pelvis", "sim-thigh"):
        prof = store.get(sid)
        assert prof is not None and prof.alignment is not None
        r = Alignment.from_dict(prof.alignment).rotation
        np.testing.assert_allclose(r @ r.T, np.eye(3), atol=1e-9)
        assert prof.quality["alignment_quality"] > 0.5
    assert "alignment error" in res.output


def test_calibrate_needs_a_source(tmp_path):
    res = CliRunner().invoke(app, ["calibrate", "--out", str(tmp_path)])
    assert res.exit_code == 1
    assert "--simulate" in res.output
