"""A change is judged as it is shown: rounded to the figure's digits."""

from oefensense.record.measures import measure
from oefensense.record.progress import Change


def test_a_change_below_the_shown_digits_is_unchanged_not_minus_zero():
    digits = measure("sitting_h_per_day").digits
    tiny = 0.4 * 10 ** -digits
    ch = Change("sitting_h_per_day", now=2.0, before=2.0 + tiny)
    assert ch.delta == 0.0 and str(ch.delta) == "0.0" and ch.improved is None
    real = Change("sitting_h_per_day", now=2.0, before=3.0)
    assert real.delta == -1.0 and real.improved is True  # less sitting is better
