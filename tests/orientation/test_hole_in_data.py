"""A long hole in a recording (the sensor off for half an hour) must not delay what the data
after it tell the orientation chain.

The chain re-estimates its alignment at checkpoints spaced by 10 % of the elapsed time; the
elapsed time counted the hole, so after a 30-min hole the checkpoints were ~3 min apart and the
walk after it was taken in late: HAPT user 6 with a 1800-s hole at 100 s learned its upright
until 1919 s, corrected it again at 2111 s and flagged 2111 of its 2130 s unreliable (sitting
109 s, standing 13 s; without the hole 40.5 s / 56.5 s; the cohort audit, 4 Dec 2026). The
elapsed time now counts data, not holes.
"""

from __future__ import annotations

import gzip


from oefensense.api import analyze

HOLE_AT_S, HOLE_S = 100.0, 1800.0


def _summary(path, out) -> dict:  # noqa: ANN001
    (result,) = analyze([path], out)
    return result.summary


def test_a_half_hour_hole_leaves_the_rest_as_it_was(shared_data, tmp_path) -> None:  # noqa: ANN001 - fixtures
    plain = shared_data / "hapt" / "user06_exp0.waist.csv.gz"
    lines = gzip.open(plain, "rt").read().splitlines()
    rows = [lines[0]]
    for line in lines[1:]:
        t, rest = line.split(",", 1)
        t = float(t)
        rows.append(f"{t + HOLE_S if t >= HOLE_AT_S else t:.2f},{rest}")
    holed = tmp_path / "user06_hole.waist.csv"
    holed.write_text("\n".join(rows) + "\n")
    a, b = _summary(plain, tmp_path / "a"), _summary(holed, tmp_path / "b")
    assert abs(b["posture_s"]["no_data"] - HOLE_S) < 1.0
    assert "spans" not in b["data_quality"]["alignment"]["pelvis"]  # nothing flagged unreliable
    for posture in ("sitting", "standing", "lying", "walking"):
        assert abs(a["posture_s"][posture] - b["posture_s"][posture]) <= 3.0, (posture, a["posture_s"], b["posture_s"])
