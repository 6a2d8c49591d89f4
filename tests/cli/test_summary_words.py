"""The summary table in Dutch words: it read 'kloktijd start utc ...; timezone Europe/Amsterdam' and
'gegevenskwaliteit pelvis: ...', 'trunk: 1 gemarkeerd gat ... (link_lost 1)'."""

from __future__ import annotations

from oefensense.commands.lang import set_cli_language
from oefensense.commands.summary_view import data_quality_text, label


def _printed(summary: dict, lang: str, capsys) -> str:  # noqa: ANN001 - pytest fixture
    """The summary table as ``oefensense analyze`` prints it in ``lang``, as one line of words."""
    from oefensense.commands.summary_view import print_summary

    set_cli_language(lang)
    try:
        print_summary(summary)
    finally:
        set_cli_language(None)
    return " ".join(capsys.readouterr().out.replace("│", " ").split())


def test_clock_and_data_quality_are_worded() -> None:
    set_cli_language("nl")
    try:
        assert (label("start_utc"), label("timezone")) == ("begin (UTC)", "tijdzone")
        text = data_quality_text({"gaps": {"trunk": {"count": 1, "seconds": 10.5, "by_reason": {"link_lost": 1}}}})
        assert text.startswith("romp: ") and "verbinding verbroken 1" in text and "link_lost" not in text, text
    finally:
        set_cli_language(None)


def test_every_gap_reason_a_link_can_give_has_words() -> None:
    """A gap's reason comes from the radio (ble ErrorKind), the decoder and file imports; one
    without words printed as its code ("start_refused") in a Dutch report."""
    from oefensense.ble.policy import ErrorKind
    from oefensense.reports.text import Words

    codes = [k.value for k in ErrorKind] + ["out_of_range", "device_clock", "device_time_gap", "missing_rows",
                                            "nonfinite", "storage_damage"]
    for lang in ("en", "nl"):
        words = Words(lang)
        assert [c for c in codes if words.gap_reason(c) == c] == [], lang


def test_every_key_of_the_bundled_recordings_summary_is_worded(tmp_path) -> None:  # noqa: ANN001 - pytest fixture
    """'rompbelasting ... pelvis seated s 56,5' in the Dutch table: a key without a label printed
    as itself. Zone limits, times and zone names are values, not words."""
    from pathlib import Path

    import oefensense.data
    from oefensense.api import analyze

    bundled = Path(oefensense.data.__file__).parent / "hapt_user01_exp0_0-240s.waist.csv.gz"
    (result,) = analyze([bundled], tmp_path / "a")
    summary = result.summary
    set_cli_language("nl")
    try:
        unworded = [k for key, value in summary.items() if key != "data_quality"
                    for k in [key, *(value if isinstance(value, dict) and key not in ("trunk_zones_s", "clock") else [])]
                    if label(k) == k.replace("_", " ")]
    finally:
        set_cli_language(None)
    assert unworded == [], unworded


def test_the_sensors_that_decided_are_worded() -> None:
    """A sensor that connected late or dropped out changes who decides posture and exposure
    (summary posture_sensors_s, posture_sensor_changes, trunk_exposure.angle_sources): the Dutch
    table must word them, not print 'thigh+trunk' or a Python list."""
    from oefensense.commands.summary_view import _fmt

    set_cli_language("nl")
    try:
        assert label("posture_sensors_s") != "posture sensors s" and label("posture_sensor_changes") != "posture sensor changes"
        assert label("thigh+trunk") == "bovenbeen + romp" and label("pelvis") == "bekken"
        text = _fmt([[0.0, "pelvis_flexion_deg"], [39.5, "trunk_flexion_deg"]])
        assert text == "bekken vanaf 0 s; romp vanaf 39,5 s", text
    finally:
        set_cli_language(None)


def test_a_list_inside_a_section_is_bracketed(capsys) -> None:  # noqa: ANN001 - pytest fixture
    """The exposure section's sources were joined with the section's own separator: "angle from
    trunk, angle from, changed pelvis from 0 s, trunk from 39.5 s, valid s 200.0"."""
    summary = {"trunk_exposure": {"angle_source": "trunk_flexion_deg", "valid_s": 200.0,
                                  "angle_sources": [[0.0, "pelvis_flexion_deg"], [39.5, "trunk_flexion_deg"]]}}
    for lang, expected in (("en", "(pelvis from 0 s, trunk from 39.5 s)"), ("nl", "(bekken vanaf 0 s; romp vanaf 39,5 s)")):
        out = _printed(summary, lang, capsys)
        assert expected in out and "[" not in out, out


def test_the_summary_says_lying_once_transitions_in_lower_case_and_the_long_bout_rule_in_minutes(capsys) -> None:  # noqa: ANN001
    """Care audit (4 Dec): a week's table said "lying 58283.5" under time per posture and "lying s
    58283.5" again under trunk exposure, "Stand-to-sit 8231" capitalised inside a line, and
    "prolonged from s 1800.0"."""
    summary = {"posture_s": {"lying": 58283.5, "sitting": 40653.0, "non_wear": 10.0},
               "transitions": {"sit_to_stand": 3, "stand_to_sit": 8231},
               "sitting_bouts": {"count": 299, "prolonged_threshold_s": 1800.0},
               "trunk_exposure": {"valid_s": 23001.0, "lying_s": 58283.5, "non_wear_s": 10.0, "bends": 2}}
    for lang, want, once in (("en", ["sit-to-stand 3, stand-to-sit 8231", "prolonged from 30 min"], ("lying", "not worn")),
                             ("nl", ["opstaan uit zit 3; gaan zitten 8231", "lang vanaf 30 min"], ("liggen", "niet gedragen"))):
        text = _printed(summary, lang, capsys)
        for w in want:
            assert w in text, (lang, w, text)
        for word in once:
            assert text.count(word) == 1, (lang, word, text)
        assert "1800" not in text, text


def test_the_sit_to_stand_count_is_said_once(capsys) -> None:  # noqa: ANN001
    """Care audit (4 Dec): "sit-to-stands 1000" above "sit-to-stand 1000" in the transitions line;
    a count the transitions do not hold (a configuration without them) is still printed."""
    from oefensense.commands.summary_view import print_summary

    for summary, times in (({"sit_to_stand_count": 1000, "transitions": {"sit_to_stand": 1000, "stand_to_sit": 999}}, 1),
                           ({"sit_to_stand_count": 7}, 1)):
        set_cli_language("en")
        try:
            print_summary(summary)
        finally:
            set_cli_language(None)
        out = capsys.readouterr().out
        n = str(summary["sit_to_stand_count"])
        assert out.count(f" {n} ") + out.count(f" {n},") == times, out
        assert "sit-to-stands" not in out or "transitions" not in summary, out


def test_a_figure_s_unit_follows_it(capsys) -> None:  # noqa: ANN001
    """Therapist tour (4 Dec): "longest s 19.5; total s 38.5", "valid s 300.0", "% time over 60°
    0.2" read as a unit before the number. A section named with its unit ("time per posture
    (s)") keeps bare numbers."""
    import re


    summary = {"duration_s": 419.9, "posture_s": {"sitting": 39.5},
               "sitting_bouts": {"count": 3, "longest_s": 19.5, "total_s": 38.5},
               "trunk_exposure": {"valid_s": 300.0, "pct_time_over_60": 0.2, "bends": 2}}
    for lang, want in (("en", ["duration 419.9 s", "sitting 39.5 ", "number 3, longest 19.5 s, total 38.5 s",
                               "valid 300.0 s, time over 60° 0.2 %, bends 2"]),
                       ("nl", ["duur 419,9 s", "zitten 39,5 ", "aantal 3; langste 19,5 s; totaal 38,5 s",
                               "geldig 300,0 s; tijd boven 60° 0,2 %; bukbewegingen 2"])):
        text = _printed(summary, lang, capsys)
        for w in want:
            assert w in text, (lang, w, text)
        assert not re.search(r"(longest|langste|valid|geldig|total|totaal) s ", text), text
        assert not re.search(r"(sitting 39\.5|zitten 39,5) s\b", text), text


def test_a_changed_angle_sensor_is_said_in_words(capsys) -> None:  # noqa: ANN001 - pytest fixture
    """The trunk exposure's angle_sources read "angle from, changed (pelvis from 0 s, ...)" and in
    Dutch "hoek van, gewisseld (bekken vanaf 0 s; ...)": a comma inside the label, as if two items."""
    summary = {"trunk_exposure": {"angle_source": "trunk_flexion_deg",
                                  "angle_sources": [[0.0, "pelvis_flexion_deg"], [39.5, "trunk_flexion_deg"]]}}
    for lang, expected in (("en", "angle sensor changed (pelvis from 0 s, trunk from 39.5 s)"),
                           ("nl", "sensor voor de hoek gewisseld (bekken vanaf 0 s; romp vanaf 39,5 s)")):
        out = _printed(summary, lang, capsys)
        assert expected in out and "from, changed" not in out and "van, gewisseld" not in out, out
