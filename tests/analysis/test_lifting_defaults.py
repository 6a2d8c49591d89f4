"""The lifting stage ships exactly the set its selection rule picks on all development subjects.

``train_lifting.choose_on_all`` (``--choose``) picks the P(lift) threshold, posture guard, plane
gate and slow-lift limit in one pass; ``CHOSEN_ON_ALL`` records its output. Until 4 Dec 2026 the
stage shipped P(lift) >= 0.6 while the same pass picked 0.5 (and the plane gate and slow-lift
limit were chosen with 0.5): a parameter set no single rule picks (docs/lifting.md).
"""

from __future__ import annotations

from oefensense.analysis.lifting import LiftingSettings
from oefensense.models.training import train_lifting as tl


def test_shipped_defaults_are_what_the_rule_picks_on_all_subjects():
    assert tl.differs_from_defaults(tl.CHOSEN_ON_ALL) == []
    st = LiftingSettings()
    assert (st.min_lift_probability, st.posture_lying_s, st.ambiguous_below_gyr_dps) == (
        tl.CHOSEN_ON_ALL[0], tl.CHOSEN_ON_ALL[1], tl.CHOSEN_ON_ALL[8])
    assert (st.gate_max_offplane_deg, st.gate_max_offplane_tilted_deg, st.gate_tilted_deg) == tl.CHOSEN_ON_ALL[5:8]


def test_a_default_the_rule_did_not_pick_is_named():
    """``--choose`` exits 1 naming each field whose default differs from the rule's choice."""
    other = (0.6, *tl.CHOSEN_ON_ALL[1:8], 24.0)
    assert tl.differs_from_defaults(other) == [
        f"min_lift_probability: {LiftingSettings().min_lift_probability!r} -> 0.6",
        f"ambiguous_below_gyr_dps: {LiftingSettings().ambiguous_below_gyr_dps!r} -> 24.0",
    ]


def test_choose_prints_the_whole_set_and_fails_when_the_defaults_differ(monkeypatch, capsys):
    """``train_lifting --choose`` runs the rule once (pair, plane gate, slow-lift limit) and
    compares its choice with the shipped defaults (the rule itself replaced: it needs SisFall)."""
    calls = []

    def fake_choose(trials, grid, log=None, planes=None, ambiguity=False):
        calls.append((planes, ambiguity))
        return picked

    monkeypatch.setattr(tl, "collect", lambda *a, **k: [])
    monkeypatch.setattr(tl, "trial_files", lambda *a, **k: [])
    monkeypatch.setattr(tl, "choose_on_all", fake_choose)
    monkeypatch.setattr(tl, "SISFALL", tl.Path("/"))
    picked = tl.CHOSEN_ON_ALL
    assert tl.main(["--choose"]) == 0
    assert calls == [(tl.PLANE_GRID, True)]
    picked = (0.6, *tl.CHOSEN_ON_ALL[1:])
    assert tl.main(["--choose"]) == 1
    assert "min_lift_probability: 0.5 -> 0.6" in capsys.readouterr().err
