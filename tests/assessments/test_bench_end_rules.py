"""The benchmark's transfer-end rules are scored nested (issue #18): each held-out user's ends
are scored with the parameter chosen on the other users' ends only
(``benchmarks.assessment_end_rules.nested``)."""

from __future__ import annotations

from benchmarks.assessment_end_rules import nested


def test_a_value_that_only_suits_the_held_out_user_is_never_chosen_for_them() -> None:
    # user 1 has four transfers that only "b" ends right, users 2 and 3 one each that only "a" does:
    # on all data "b" wins (4 of 6); nested, user 1 is scored with "a" (chosen on users 2-3) and
    # users 2 and 3 with "b" (chosen with user 1's four): 0 of 6
    items = [{"user": 1, "kind": "sit_down"}] * 4 + [{"user": 2, "kind": "sit_down"}, {"user": 3, "kind": "sit_down"}]
    hits = {"a": [x["user"] != 1 for x in items], "b": [x["user"] == 1 for x in items]}
    pct, chosen = nested(items, hits, "a")
    assert pct == 0.0 and chosen == {"a": 1, "b": 2}


def test_per_kind_the_kinds_choose_apart() -> None:
    items = [{"user": u, "kind": k} for u in (1, 2, 3) for k in ("sit_down", "stand_up")]
    hits = {"a": [x["kind"] == "sit_down" for x in items], "b": [x["kind"] == "stand_up" for x in items]}
    assert nested(items, hits, "a", per_kind=True)[0] == 100.0
    assert nested(items, hits, "a")[0] == 50.0  # one value for both kinds
