"""A lift's technique rating means the same in both languages: good / fair / poor, goed / redelijk /
slecht. The worst rating (a stooped lift) read "matig" in Dutch, which means fair or moderate
(and is the dashboard's word for the 20-60° trunk zone), so a stoop sounded milder in Dutch than
"poor" in English and hardly worse than "redelijk"."""

from __future__ import annotations

from oefensense.gui.words import RATINGS
from oefensense.live.vocab import TECHNIQUE_RATING
from oefensense.translations import translate

DUTCH = {"good": "goed", "fair": "redelijk", "poor": "slecht", "not_rated": "niet beoordeeld"}


def test_each_rating_has_its_dutch_word():
    assert {k: translate("nl", "", v) for k, v in RATINGS.items()} == DUTCH


def test_the_dutch_ratings_are_distinct_and_not_the_zone_word():
    words = [translate("nl", "", RATINGS[r]) for r in ("good", "fair", "poor")]
    assert len(set(words)) == 3
    zone = translate("nl", "", "moderate (20–60°)")
    assert all(w not in zone for w in words), (words, zone)


def test_every_rating_the_stages_give_has_words():
    assert {rating for rating, _ in TECHNIQUE_RATING.values()} <= set(RATINGS)
    assert TECHNIQUE_RATING["stoop"][0] == "poor" and TECHNIQUE_RATING["squat"][0] == "good"
