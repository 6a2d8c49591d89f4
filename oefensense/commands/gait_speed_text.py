"""How far to trust the walk test's gait speed, in the sentences `oefensense assess` prints and
the dashboard's test panel shows (one text for both, so the two cannot drift apart). The
report's shorter lines are ``reports.therapist.gait_speed_lines``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def gait_speed_sentences(err: dict[str, Any], tr: Callable[[str], str], num: Callable[[float, int], str]) -> list[str]:
    """The result's ``gait_speed_error`` as sentences, translated by ``tr`` (the CLI's or Qt's;
    both look the text up in the one catalogue), numbers written by ``num(value, digits)`` (the
    CLI's or the dashboard's, "," in Dutch): not measured on people and another method's
    published error; then the simulator's figure (labelled not people's) when the result
    carries it."""

    out = [tr("gait speed and distance are estimated: their error was not measured on people here; the model was validated in healthy adults walking straight; another waist-sensor method was {pct} % off on average in healthy older adults").format(
        pct=num(err["comparison_mae_pct"], 2))]
    sim = err.get("simulator")
    if sim:
        out.append(tr("on the simulator (not people; the simulated people walk as the model assumes, so its own error is not in this): gait speed off by {med} % (median; 95th percentile {p95} %; median signed error {bias} %)").format(
            med=num(sim["median_abs_pct"], 1), p95=num(sim["p95_abs_pct"], 1),
            bias=("+" if sim["median_signed_pct"] > 0 else "") + num(sim["median_signed_pct"], 1)))
    return out
