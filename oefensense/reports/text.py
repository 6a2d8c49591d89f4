"""The words and number formats of the reports, in English and Dutch (formal "u" for patients).

``Words(language)`` gives ``w["key"]`` and formats numbers (decimal comma in Dutch), dates
("2 maart 2026") and durations, without depending on the machine's locale.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ..core.events import event_label
from ..core.types import Placement
from ..translations import number, translate

LANGUAGES = ("nl", "en")

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
}

SHORT_MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
}

POSTURES = {
    "sitting": ("sitting", "zitten"), "standing": ("standing", "staan"), "walking": ("walking", "lopen"),
    "lying": ("lying", "liggen"), "transition": ("transition", "overgang"), "unknown": ("unknown", "onbekend"),
    "non_wear": ("not worn", "niet gedragen"),
    "no_data": ("no data", "geen gegevens"),
    "upright_still": ("upright, still (sitting or standing)", "rechtop, stil (zitten of staan)"),
}

KINDS = {"live": ("live recording", "live opname"), "imported": ("imported file", "geïmporteerd bestand"),
         "replayed": ("replayed session", "afgespeelde sessie")}
ASSESSMENTS = {"free": ("free", "vrij"), "sit_to_stand": ("sit to stand", "opstaan uit zit"), "lifting": ("lifting", "tillen"),
               "bending": ("bending", "bukken"), "workplace": ("workplace", "werkplek"), "intake": ("intake", "intake"),
               # guided tests (oefensense assess)
               "chair-stand-30s": ("30-s chair stand", "30-s stoeltest"), "five-times-sit-to-stand": ("5× sit-to-stand", "5× opstaan"),
               "tug": ("Timed Up and Go", "Timed Up and Go"), "trunk-rom": ("trunk mobility", "beweeglijkheid romp"),
               "walk-test": ("walk test", "looptest")}

#: how one lift was made, for the patient's sentence ("You lifted once, with a bent back.")
P_LIFT_HOW = {"squat": ("with bent knees", "met gebogen knieën"), "stoop": ("with a bent back", "met gebogen rug"),
              "mixed": ("with a mixed technique", "met een gemengde techniek")}

# the lifting technique in one wording for every view (events, CLI, report, dashboard: docs/lifting.md)
TECHNIQUES = {"squat": ("bent knees", "gebogen knieën"), "stoop": ("bent back", "gebogen rug"),
              "mixed": ("mixed", "gemengd"),
              # a slow lift at the waist whose hip drop cannot be measured (LiftingSettings.ambiguous_below_gyr_dps)
              "undetermined": ("undetermined (slow lift, waist only)", "onbepaald (trage til, alleen bekken)")}

CUE_RULES = {"prolonged_sitting": ("prolonged sitting", "lang zitten"), "stoop_lift": ("lift with a bent back", "tillen met gebogen rug"),
             "twist_while_flexed": ("twisting while bent", "draaien in buiging"),
             "long_static_bend": ("long static bend", "lang gebogen staan")}
CUE_REASONS = {"baseline": ("baseline", "basisperiode"), "quiet_hours": ("quiet hours", "rusttijd"),
               "daily_cap": ("daily cap", "dagmaximum"), "no_clock": ("no clock time", "geen kloktijd"),
               "no_neutral": ("never back to neutral", "nooit terug in neutraal")}

# why a gap event has no data (its ``reason``: ble.policy.ErrorKind, the importers, the decoder, repair)
GAP_REASONS = {"link_lost": ("connection lost", "verbinding verbroken"),
               "stalled": ("sensor stopped sending", "sensor stuurde niets meer"),
               "timeout": ("sensor did not answer", "sensor antwoordde niet"),
               "no_start_data": ("sensor sent nothing after starting", "sensor stuurde na het starten niets"),
               "aborted": ("connection aborted", "verbinding afgebroken"),
               "not_found": ("sensor not found", "sensor niet gevonden"),
               "adapter": ("Bluetooth adapter problem", "probleem met de Bluetooth-adapter"),
               "storage_damage": ("stored data damaged", "opgeslagen gegevens beschadigd"),
               "nonfinite": ("unusable values in the file", "onbruikbare waarden in het bestand"),
               "out_of_range": ("impossible values", "onmogelijke waarden"),
               "missing_rows": ("rows missing from the file", "rijen ontbreken in het bestand"),
               "device_time_gap": ("jump in the sensor's clock", "sprong in de klok van de sensor"),
               "device_clock": ("impossible sensor clock", "onmogelijke klok van de sensor"),
               "no_gyro": ("no gyroscope data to pair with", "geen gyroscoopgegevens om mee te koppelen"),
               "start_refused": ("sensor refused to start", "sensor weigerde te starten"),
               "out_of_slots": ("no free Bluetooth connection", "geen vrije Bluetooth-verbinding"),
               "other": ("other connection problem", "ander verbindingsprobleem")}

# key: (English, Dutch)
TEXT: dict[str, tuple[str, str]] = {
    "therapist_title": ("OefenSense report for the therapist", "OefenSense-rapport voor de therapeut"),
    "patient_title": ("Your movement report", "Uw beweegverslag"),
    "patient": ("Patient code", "Patiëntcode"),
    "made": ("Made on", "Gemaakt op"),
    "session": ("Session", "Sessie"),
    "sessions": ("Sessions in this report", "Sessies in dit rapport"),
    "start": ("Start", "Begin"),
    "duration": ("Duration", "Duur"),
    "kind": ("Kind", "Soort"),
    "assessment": ("Assessment", "Meting"),
    "sensors": ("Sensors and where they were worn", "Sensoren en waar ze gedragen werden"),
    "placement": ("Placement", "Plaats"),
    "family": ("Device", "Apparaat"),
    "device_id": ("Device id (hashed)", "Apparaat-id (gehasht)"),
    "loss": ("Sample loss", "Verlies van metingen"),
    "quality": ("Data quality", "Kwaliteit van de data"),
    "recorded": ("Recorded", "Opgenomen"),
    "known_posture": ("Known posture (counted as worn)", "Bekende houding (telt als gedragen)"),
    "unknown_posture": ("Posture unknown", "Houding onbekend"),
    "gaps": ("Gaps in the data", "Gaten in de data"),
    "angle_time": ("Time with a valid trunk angle", "Tijd met een geldige romphoek"),
    # said only for days computed from the timeline (analysed without clock time: no days.csv)
    "wear_note": ("Analysed without clock time: the days are counted from the recording's start and no day is "
                  "judged valid or not (no wear-time rule).",
                  "Geanalyseerd zonder kloktijd: de dagen zijn vanaf het begin van de opname geteld en geen dag is "
                  "als geldig of ongeldig beoordeeld (geen draagtijdregel)."),
    "incomplete_note": ("The figures of this session may be incomplete: {what}",
                        "De cijfers van deze sessie kunnen onvolledig zijn: {what}"),
    "session_still_recording": ("it was still being recorded when it was analysed (the results end at its last flush)",
                                "ze werd nog opgenomen toen ze werd geanalyseerd (de resultaten eindigen bij de laatste "
                                "keer dat er werd opgeslagen)"),
    "session_not_closed": ("the recording crashed before the session was closed (the results end at its last flush)",
                           "de opname is afgebroken voordat de sessie werd afgesloten (de resultaten eindigen bij de "
                           "laatste keer dat er werd opgeslagen)"),
    # beside the figures an incomplete session gives: the key figures' column and the trend plots
    "incomplete_mark": ("(!)", "(!)"),
    "incomplete_this": ("(!) The figures of this session may be incomplete: see data quality above.",
                        "(!) De cijfers van deze sessie kunnen onvolledig zijn: zie de kwaliteit van de data hierboven."),
    "incomplete_previous": ("(!) The figures of the previous session (session {id}) may be incomplete: {what}",
                            "(!) De cijfers van de vorige sessie (sessie {id}) kunnen onvolledig zijn: {what}"),
    "incomplete_trend": ("(!) Red open points: session {id} ({date}), whose figures may be incomplete: {what}",
                         "(!) Rode open punten: sessie {id} ({date}), waarvan de cijfers onvolledig kunnen zijn: {what}"),
    "stored_loss": ("{file} {what}: {rows} {kind} rows lost", "{file} {what}: {rows} rijen {kind} verloren"),
    "loss_unknown_rows": ("an unknown number of", "een onbekend aantal"),
    "simulated_kind": ("{kind}, simulated", "{kind}, gesimuleerd"),
    # beside the figures a simulated session gives: the trend plots' points and the history's columns
    "simulated_mark": ("(sim.)", "(sim.)"),
    "simulated_trend": ("(sim.) Grey open points: {sessions}, from simulated sensors (movement simulator), not "
                        "measured on the patient; the line joins the measured sessions only.",
                        "(sim.) Grijze open punten: {sessions}, van gesimuleerde sensoren (bewegingssimulator), niet "
                        "bij de patiënt gemeten; de lijn verbindt alleen de gemeten sessies."),
    "session_on": ("session {id} ({date})", "sessie {id} ({date})"),
    "simulated_note": ("Simulated sensors (movement simulator): not measured on the patient.",
                       "Gesimuleerde sensoren (bewegingssimulator): niet bij de patiënt gemeten."),
    "simulated_previous": ("The previous session (session {id}) came from simulated sensors (movement simulator), not "
                           "from a measurement on the patient: the change is against simulated figures.",
                           "De vorige sessie (sessie {id}) kwam van gesimuleerde sensoren (bewegingssimulator), niet van "
                           "een meting bij de patiënt: de verandering is ten opzichte van gesimuleerde cijfers."),
    "overlap_note": ("Shares {time} of clock time with session {session}: the same time recorded twice or "
                     "overlapping files. Figures are per session; do not add them up.",
                     "Deelt {time} kloktijd met sessie {session}: dezelfde tijd twee keer opgenomen of overlappende "
                     "bestanden. De cijfers gelden per sessie; tel ze niet bij elkaar op."),
    "angle_source_pelvis": ("Trunk angle from the pelvis sensor: a lower bound of trunk flexion.",
                            "Romphoek van de bekkensensor: een ondergrens van de rompbuiging."),
    "angle_sources_note": ("Trunk angle from the pelvis sensor for the first {time} (the trunk sensor connected later).",
                           "Romphoek de eerste {time} van de bekkensensor (de rompsensor kwam later)."),
    "coverage_note": ("{sensor}: data only from {start} to {end} into the recording (the other sensors {first} to {last}).",
                      "{sensor}: gegevens alleen van {start} tot {end} in de opname (de andere sensoren {first} tot {last})."),
    "up_unconfirmed_note": ("{sensor}: no walking in the recording, so the upright direction is a guess from the most "
                            "common still posture: posture and angles may be wrong (lying may read as standing).",
                            "{sensor}: geen lopen in de opname, dus de rechtop-richting is geschat uit de meest "
                            "voorkomende stille houding: houding en hoeken kunnen onjuist zijn (liggen kan als staan "
                            "gelezen zijn)."),
    "up_corrected_note": ("{sensor}: the upright direction was corrected by {deg}° once walking showed it: posture and "
                          "angles from {start} to {end} into the recording are unreliable.",
                          "{sensor}: de rechtop-richting is {deg}° bijgesteld toen lopen die liet zien: houding en hoeken "
                          "van {start} tot {end} in de opname zijn onbetrouwbaar."),
    "posture_sensors_note": ("Posture decided by: {parts} (a sensor connected later or was away for a while: the "
                             "stretches with fewer sensors are less certain).",
                             "Houding bepaald door: {parts} (een sensor kwam later of was een tijd weg: de stukken met "
                             "minder sensoren zijn minder zeker)."),
    "key_figures": ("Key figures", "Kerncijfers"),
    "this_session": ("This session", "Deze sessie"),
    "previous_session": ("Previous session", "Vorige sessie"),
    "change": ("Change", "Verandering"),
    "no_previous": ("No previous session to compare with.", "Geen eerdere sessie om mee te vergelijken."),
    "posture_per_day": ("Posture per day (clock time)", "Houding per dag (kloktijd)"),
    "trunk_angle": ("Trunk angle over the whole session, with the zones", "Romphoek over de hele sessie, met de zones"),
    "trunk_zones": ("Time per trunk zone", "Tijd per rompzone"),
    "lying_shaded": ("Grey: lying or not worn (not counted in the zones).",
                     "Grijs: liggen of niet gedragen (telt niet mee in de zones)."),
    "lying_seated_shaded": ("Grey: lying, sitting or not worn (not counted in the zones: a seated pelvis says nothing of the trunk).",
                            "Grijs: liggen, zitten of niet gedragen (telt niet mee in de zones: een zittend bekken zegt niets over de romp)."),
    "provisional_grey": ("Grey line: the sensor's forward direction was not yet known (no walk or bend so far), so the angle is a guess there and not counted.",
                         "Grijze lijn: de voorwaartse richting van de sensor was nog niet bekend (nog niet gelopen of gebukt), dus de hoek is daar een schatting en telt niet mee."),
    "no_angles": ("No angle data in this analysis (angles.csv missing).", "Geen hoekgegevens in deze analyse (angles.csv ontbreekt)."),
    "sitting_bouts": ("Sitting bouts", "Zitperiodes"),
    "no_sitting": ("No sitting bouts.", "Geen zitperiodes."),
    "lifts": ("Lifts and their technique", "Tilbewegingen en hun techniek"),
    "no_lifts": ("No lifts detected.", "Geen tilbewegingen gevonden."),
    # under a day of a several-day lift figure that has no dot: said, not an empty stretch
    "lifts_day_none": ("none", "geen"),
    "lifts_day_not_worn": ("not worn", "niet gedragen"),
    "lifts_no_angle": ("{n} of the lifts had no trunk angle and are not drawn.",
                       "{n} van de tilbewegingen hadden geen romphoek en zijn niet getekend."),
    "events": ("Events and markers", "Gebeurtenissen en markeringen"),
    "no_events": ("No events.", "Geen gebeurtenissen."),
    "more_events_transitions": ("… and {n} more, {transitions} of them posture transitions (events.jsonl has them all)",
                                "… en nog {n}, waarvan {transitions} houdingsovergangen (events.jsonl bevat ze allemaal)"),
    "events_ranked": ("Not all fit: the first of every kind, warnings first, then non-wear and other notices, lifts, "
                      "and posture transitions last; each in time order.",
                      "Niet alles past: de eerste van elke soort, eerst waarschuwingen, dan niet gedragen en andere "
                      "meldingen, tilbewegingen en als laatste houdingsovergangen; elk op tijdsvolgorde."),
    # a prolonged-sitting alert: its whole bout, not the threshold it spans ("30,0 min" for a 75-min bout)
    "prolonged_bout": ("{length} sitting ({alert})", "{length} zitten ({alert})"),
    "prolonged_alert": ("alert after {after}", "melding na {after}"),
    "more_events": ("… and {n} more (events.jsonl has them all)", "… en nog {n} (events.jsonl bevat ze allemaal)"),
    "progress": ("Progress over the sessions", "Verloop over de sessies"),
    "assessments": ("Assessment results", "Resultaten van metingen"),
    "goals": ("Goals", "Doelen"),
    "no_goals": ("No goals set yet.", "Nog geen doelen vastgelegd."),
    "time": ("Time", "Tijd"),
    "date": ("Date", "Datum"),
    "type": ("Type", "Type"),
    "details": ("Details", "Details"),
    "previous_value": ("previous", "vorige"),
    "not_scored": ("not scored", "niet gescoord"),
    "flag_1": ("quality flag", "kwaliteitsmelding"),
    "flags_n": ("quality flags", "kwaliteitsmeldingen"),
    # the walk test's gait_speed_error (oefensense.assessments.walk_test), one short line each
    "gait_speed_estimated": ("gait speed estimated: its error was not measured on people",
                             "loopsnelheid geschat: de fout is niet bij mensen gemeten"),
    "gait_speed_simulator": ("simulator (not people): {med} % off (median), 95th pct. {p95} %",
                             "simulator (geen mensen): {med} % ernaast (mediaan), 95e pct. {p95} %"),
    "gait_speed_comparison": ("another method, healthy older adults: {pct} % off on average",
                              "andere methode, gezonde ouderen: gemiddeld {pct} % ernaast"),
    "minutes": ("minutes", "minuten"),
    "hours": ("hours since the start", "uren sinds het begin"),
    "hours_of_day": ("hour of the day", "uur van de dag"),
    # the ticks above the day bars, as the terminal's day table heads its column
    "stand_ups": ("stand-ups", "opstaan"),
    # under the day bars, one line per day with a daylight-saving change (a 25- or 23-hour day)
    "clock_back": ("{date}: the clocks went back, {start}-{end} came twice (upper half of the bar: the first time)",
                   "{date}: de klok ging terug, {start}-{end} kwam twee keer (bovenste helft van de balk: de eerste keer)"),
    "clock_forward": ("{date}: the clocks went forward, {start}-{end} did not exist",
                      "{date}: de klok ging vooruit, {start}-{end} bestond niet"),
    "angle_deg": ("angle (degrees)", "hoek (graden)"),
    "peak_flexion": ("peak trunk flexion (degrees)", "maximale rompbuiging (graden)"),
    "bout_minutes": ("bout length (minutes)", "lengte (minuten)"),
    "count": ("count", "aantal"),
    "page": ("Page {i} of {n}", "Pagina {i} van {n}"),
    "zone_neutral": ("0-20°", "0-20°"),
    "zone_moderate": ("20-60°", "20-60°"),
    "zone_severe": ("> 60°", "> 60°"),
    "better": ("better", "beter"),
    "worse": ("worse", "slechter"),
    "unchanged": ("unchanged", "gelijk"),
    # feedback cues (reports/cues.py)
    "cues": ("Feedback cues", "Signalen aan de patiënt"),
    "cue_rule": ("Rule", "Regel"),
    "cue_given": ("Given", "Gegeven"),
    "cue_delivered": ("Delivered", "Afgeleverd"),
    "cue_withheld": ("Withheld", "Niet gegeven"),
    "cue_withheld_why": ("Withheld by the plan:", "Door het plan niet gegeven:"),
    "cue_not_delivered": ("Given but not delivered: the wearable or computer could not give the cue (events.jsonl says why).",
                          "Gegeven maar niet afgeleverd: de sensor of computer kon het signaal niet geven (events.jsonl zegt waarom)."),
    "cue_effect": ("Before and after the cues were switched on", "Voor en na het aanzetten van de signalen"),
    "cue_never_on": ("No cue was due outside the baseline period: nothing to compare.",
                     "Buiten de basisperiode was geen signaal nodig: niets om te vergelijken."),
    "cue_on_from": ("Cues on from {t} (the first cue outside the baseline).", "Signalen aan vanaf {t} (het eerste signaal na de basisperiode)."),
    "cue_before": ("Before", "Voor"),
    "cue_after": ("After", "Na"),
    "cue_mean_bout": ("Mean sitting bout", "Gemiddelde zitperiode"),
    "cue_longest_bout": ("Longest sitting bout", "Langste zitperiode"),
    "cue_stoop_lifts": ("Lifts with a bent back", "Tilbewegingen met gebogen rug"),
    "cue_stoop_per_h": ("Lifts with a bent back per hour", "Tilbewegingen met gebogen rug per uur"),
    "cue_effect_note": ("Within one recording; a bout or lift counts where it started. Not a controlled comparison.",
                        "Binnen één opname; een zitperiode of tilbeweging telt waar hij begon. Geen gecontroleerde vergelijking."),
    # the patient's report
    "p_intro": ("This report shows how you moved during the measurement of {date}.",
                "Dit verslag laat zien hoe u bewoog tijdens de meting van {date}."),
    "p_compare": ("We compare it with your previous measurement of {date}.",
                  "We vergelijken die met uw vorige meting van {date}."),
    "p_worn": ("The sensor was worn for {worn} of the {recorded} it recorded.",
               "De sensor werd {worn} van de {recorded} opnametijd gedragen."),
    "p_worn_little": ("That is little: the figures below are about that time only.",
                      "Dat is weinig: de cijfers hieronder gaan alleen over die tijd."),
    "worn_little_note": ("Worn for {worn} of {recorded} recorded: the figures describe that time only.",
                         "Gedragen gedurende {worn} van {recorded} opnametijd: de cijfers gaan alleen over die tijd."),
    "p_first": ("This is your first measurement: next time you will see the change.",
                "Dit is uw eerste meting: de volgende keer ziet u de verandering."),
    "p_simulated": ("These figures come from simulated sensors (a computer model of movement), not from a measurement on you.",
                    "Deze cijfers komen van gesimuleerde sensoren (een computermodel van bewegen), niet van een meting bij u."),
    "p_simulated_before": ("The previous measurement came from simulated sensors (a computer model), not from a measurement on you.",
                           "De vorige meting kwam van gesimuleerde sensoren (een computermodel), niet van een meting bij u."),
    "p_sitting": ("You sat for {now} of the measured time.", "U zat {now} van de gemeten tijd."),
    "p_longest": ("Your longest time sitting without a break was {now}.", "Uw langste tijd zitten zonder onderbreking was {now}."),
    "p_no_sitting": ("You did not sit down during the measurement.", "U bent tijdens de meting niet gaan zitten."),
    "p_bent": ("Your back was bent more than 20 degrees for {now} of the time.",
               "Uw rug was {now} van de tijd meer dan 20 graden gebogen."),
    # {times}: "once" / "3 times", "1 keer" / "3 keer" (Words.times: "You lifted 1 times" until 5 Dec 2026)
    "p_lifts": ("You lifted {times}; {squat} of those with bent knees.", "U tilde {times}; {squat} daarvan met gebogen knieën."),
    # some lifts too slow for the waist sensor to tell the technique (docs/lifting.md): the share
    # is of the others, and the report says how many it could not tell
    # {known_lifts}, {slow_lifts}: "1 lift" / "3 lifts", "1 trage tilbeweging" / "3 trage tilbewegingen"
    "p_lifts_undetermined": ("You lifted {times}. Of the {known_lifts} whose technique the sensor could tell, {squat} "
                             "were with bent knees; for {slow_lifts} it could not tell.",
                             "U tilde {times}. Van de {known} keer dat de sensor de techniek kon bepalen, was {squat} "
                             "met gebogen knieën; bij {slow_lifts} kon hij dat niet."),
    "p_lifts_all_undetermined": ("You lifted {times}; too slowly for the sensor to tell whether your knees were bent.",
                                 "U tilde {times}; die tilbewegingen waren te traag om met de sensor te bepalen of uw knieën gebogen waren."),
    # one lift: its technique, not a share of it ("You lifted once; 0% of those with bent knees"
    # until 5 Dec 2026); {how}: P_LIFT_HOW
    "p_lift_one": ("You lifted once, {how}.", "U tilde 1 keer, {how}."),
    "p_lift_one_undetermined": ("You lifted once; too slowly for the sensor to tell whether your knees were bent.",
                                "U tilde 1 keer; die tilbeweging was te traag om met de sensor te bepalen of uw knieën "
                                "gebogen waren."),
    # one lift of several whose technique the sensor could tell ("Of the 1 lift ..., 100% were")
    "p_lifts_one_known": ("You lifted {times}. For one of them the sensor could tell the technique: {how}; "
                          "for {slow_lifts} it could not.",
                          "U tilde {times}. Bij 1 daarvan kon de sensor de techniek bepalen: {how}; "
                          "bij {slow_lifts} kon hij dat niet."),
    "p_cues": ("Your sensor gave you a signal: {rules}.", "Uw sensor gaf u een signaal: {rules}."),
    "p_no_lifts": ("We saw no lifting during this measurement.", "We zagen geen tilbewegingen tijdens deze meting."),
    "p_before": ("Last time: {before}.", "Vorige keer: {before}."),
    "p_better": ("That is better than last time.", "Dat is beter dan vorige keer."),
    "p_worse": ("That is less good than last time.", "Dat is minder goed dan vorige keer."),
    "p_same": ("That is about the same as last time.", "Dat is ongeveer gelijk aan vorige keer."),
    "p_goals": ("Your goals", "Uw doelen"),
    "p_key": ("Your figures", "Uw cijfers"),
    "p_chart": ("How your time was spent, now and last time", "Hoe u uw tijd doorbracht, nu en vorige keer"),
    "p_chart_first": ("How your time was spent", "Hoe u uw tijd doorbracht"),
    "p_questions": ("Questions? Please discuss this report with your exercise therapist.",
                    "Vragen? Bespreek dit verslag gerust met uw oefentherapeut."),
    "pct_under_1": ("less than 1%", "minder dan 1%"),
    "pct_over_99": ("more than 99%", "meer dan 99%"),
    "now": ("now", "nu"),
    "last_time": ("last time", "vorige keer"),
}


# a session's stored data that could not be read back (session.integrity.Loss: reason, kind)
LOSS_REASONS = {"missing": ("is missing", "ontbreekt"), "checksum": ("failed its checksum", "klopt niet met de controlesom"),
                "unreadable": ("cannot be read", "is onleesbaar"), "truncated": ("is truncated", "is afgekapt")}
LOSS_KINDS = {"packets": ("packets", "pakketten"), "samples": ("samples", "meetwaarden"), "events": ("events", "gebeurtenissen")}

# the session reader's own notes for the states summary.json's data_quality.session names
_STATE_NOTES = ("session was not closed", "session is still being recorded")


def _reader_notes() -> dict[str, str]:
    """The session reader's notes (``session.notes``, English templates) in Dutch."""
    from ..session import notes as n

    return {
        n.NOT_CLOSED: "de sessie is niet afgesloten (de opname is afgebroken); de gegevens tot de laatste keer "
                      "opslaan zijn hersteld",
        n.STILL_RECORDING: "de sessie wordt nog opgenomen; de gegevens tot de laatste keer opslaan worden getoond",
        n.TORN: "segment {name} eindigt in een half geschreven blok (afgebroken tijdens het schrijven); {rows} rijen "
                "ervoor hersteld, de laatste {bytes} bytes onleesbaar",
        n.TORN_OLD: "segment {name} eindigt in een half geschreven blok (afgebroken tijdens het schrijven); {rows} "
                    "rijen ervoor hersteld",
        n.CHECKSUM_VERIFIED: "{name} wijkt af van zijn controlesom, maar elk blok erin is in orde",
        n.TRUNCATED: "segment {name} is afgekapt ({size} van {bytes} bytes); het einde ervan is verloren",
        n.INVALID_PATIENT: "de patiëntcode in het manifest is geen geldige pseudonieme code; ze wordt genegeerd",
        n.MANIFEST_REBUILT: "manifest.json is opnieuw opgebouwd uit {source}",
    }


def _loss_english(d: dict[str, Any]) -> str:
    """The reader's own line for a stored loss (``Loss.describe``), as it stands in ``warnings``."""
    from ..session.integrity import Loss

    return Loss.from_dict(d).describe()


def utc_offset(d: datetime) -> str:
    """The UTC offset of an aware ``d`` as every view writes it: "UTC+01:00", "UTC-03:30" (the
    report's overview and `patient show` wrote "UTC+0100" / "+0100" beside the CLI summary's
    "UTC+01:00" until 4 Dec 2026)."""
    offset = d.utcoffset()
    if offset is None:
        raise ValueError(f"{d} has no UTC offset")
    minutes = int(offset.total_seconds() // 60)
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'-' if minutes < 0 else '+'}{hours:02d}:{rest:02d}"


class Words:
    """Texts and formats of one language (``nl`` or ``en``)."""

    def __init__(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"--language {language!r}: one of {', '.join(LANGUAGES)}")
        self.language = language
        self._i = 1 if language == "nl" else 0

    def __getitem__(self, key: str) -> str:
        return TEXT[key][self._i]

    def posture(self, name: str) -> str:
        return POSTURES.get(name, (name, name))[self._i]

    def event(self, name: str) -> str:
        """The event type's label, from its one declaration (``oefensense.core.events``)."""
        return event_label(name, self.language)

    def kind(self, name: str) -> str:
        return KINDS.get(name, (name, name))[self._i]

    def incomplete(self, info: Any) -> list[str]:
        """Why a registered session's figures may be incomplete, one line each: the state of a
        session analysed before it was closed (summary.json ``data_quality.session``) in words, and
        the session reader's warnings as stored (``quality.warnings``: torn tails, lost batches,
        crash recovery; stored in English, said in this language). Overlaps are said elsewhere."""
        state = (((info.summary or {}).get("data_quality") or {}).get("session") or {}).get("state")
        lines = {"recording": [self["session_still_recording"]], "not_closed": [self["session_not_closed"]]}.get(state, [])
        quality = info.quality or {}
        overlaps = [f"with session {o['session_id']} of the same patient" for o in quality.get("overlaps", [])]
        losses = quality.get("losses", [])
        worded = {_loss_english(d) for d in losses}
        for text in quality.get("warnings", []):
            if any(o in text for o in overlaps):
                continue  # the overlap note says it
            if lines and text.startswith(_STATE_NOTES):
                continue  # the state above says it in the report's language
            if text in worded:
                continue  # said below, in the report's language
            lines.append(self.note(text))
        return lines + [self.loss(d) for d in losses]

    def note(self, text: str) -> str:
        """A session reader's note (stored in English, ``session.notes``) in this language; any
        other text as it is."""
        from ..session.notes import parse_note

        found = parse_note(text) if self.language != "en" else None
        if found is None:
            return text
        template, fields = found
        return _reader_notes()[template].format(**fields)

    def loss(self, d: dict[str, Any]) -> str:
        """A stored loss (``session.integrity.Loss`` as a dict) in words; times in session seconds."""
        rows = self["loss_unknown_rows"] if d.get("rows") is None else str(d["rows"])
        text = self["stored_loss"].format(file=d.get("file"), what=LOSS_REASONS.get(d.get("reason"), (d.get("reason"),) * 2)[self._i],
                                   rows=rows, kind=LOSS_KINDS.get(d.get("kind"), (d.get("kind"),) * 2)[self._i])
        a, b = d.get("t_first_ns"), d.get("t_last_ns")
        if a is None and b is None:
            return text
        return f"{text}, {'?' if a is None else self.num(a / 1e9, 2)}–{'?' if b is None else self.num(b / 1e9, 2)} s"

    @staticmethod
    def simulated(info: Any) -> bool:
        """Whether a registered session's figures come from simulated sensors (``quality.source``)."""
        return (info.quality or {}).get("source") == "simulated"

    def simulated_trend(self, sessions: list) -> str:
        """The note beside trend points of simulated sessions ("" when none is): which sessions."""
        named = [self["session_on"].format(id=s.id, date=self.date(s.start.local)) for s in sessions if self.simulated(s)]
        return self["simulated_trend"].format(sessions=", ".join(named)) if named else ""

    def session_kind(self, info: Any) -> str:
        """A registered session's kind, with "simulated" when its sensors were (``quality.source``)."""
        text = self.kind(info.kind)
        return self["simulated_kind"].format(kind=text) if self.simulated(info) else text

    def assessment(self, name: str) -> str:
        return ASSESSMENTS.get(name, (name.replace("_", " "),) * 2)[self._i]

    def placement(self, name: str | None) -> str:
        """A sensor's placement in the dashboard's word ("bekken"), an alias as given on the
        command line ("waist") under its canonical placement; "?" when unknown."""
        if not name:
            return "?"
        try:
            name = Placement.parse(name).value
        except ValueError:
            return name
        return translate(self.language, "", name)

    def cue_rule(self, name: str) -> str:
        return CUE_RULES.get(name, (name, name))[self._i]

    def cue_reason(self, name: str) -> str:
        return CUE_REASONS.get(name, (name, name))[self._i]

    def gap_reason(self, name: str) -> str:
        """A gap's reason in words ("verbinding verbroken"); an unknown code as it is."""
        return GAP_REASONS.get(name, (name, name))[self._i]

    def technique(self, name: str) -> str:
        return TECHNIQUES.get(name, (name, name))[self._i]

    def lift_how(self, name: str) -> str:
        """How one lift was made, for a sentence: "with a bent back" / "met gebogen rug"."""
        return P_LIFT_HOW[name][self._i]

    def configuration(self, name: str) -> str:
        """A posture configuration in placement words ("thigh+trunk" -> "bovenbeen + romp")."""
        return " + ".join(self.placement(p) for p in name.split("+"))

    def num(self, value: float | None, digits: int = 1) -> str:
        if value is None:
            return "–"
        return number(value, digits, self.language)

    def date(self, d: date | datetime) -> str:
        months = MONTHS[self.language]
        return f"{d.day} {months[d.month - 1]} {d.year}"

    def dates(self, first: date | datetime, last: date | datetime) -> str:
        """One day as ``date``, several as a range: "23–30 maart 2026", "28 februari – 3 maart
        2026", "30 december 2026 – 2 januari 2027"."""
        if (first.year, first.month, first.day) == (last.year, last.month, last.day):
            return self.date(first)
        months = MONTHS[self.language]
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.day}–{self.date(last)}"
        if first.year == last.year:
            return f"{first.day} {months[first.month - 1]} – {self.date(last)}"
        return f"{self.date(first)} – {self.date(last)}"

    def session_dates(self, info: Any) -> str:  # noqa: ANN401 - record.results.SessionInfo
        """The local dates a session covers, from its start to its last moment (a recording that
        ends at midnight does not cover the next day): a week of wear read "23 maart 2026"."""
        last = info.start.at(max(0.0, float(info.duration_s)))
        if info.duration_s > 0 and last.time() == datetime.min.time():
            last = info.start.at(float(info.duration_s) - 1e-3)
        return self.dates(info.start.local, last)

    def short_date(self, d: date | datetime) -> str:
        """"30 Sep 2026" / "30 sep 2026": fits a table column that "30 September 2026" overran."""
        return f"{d.day} {SHORT_MONTHS[self.language][d.month - 1]} {d.year}"

    def day_month(self, d: date | datetime) -> str:
        """"2 Mar" / "2 mrt": the day of a multi-day session's event, which "02-03" left open to an
        English reader (3 February?); as :meth:`short_date`, without the year."""
        return f"{d.day} {SHORT_MONTHS[self.language][d.month - 1]}"

    def datetime(self, d: datetime) -> str:
        return f"{self.date(d)} {d:%H:%M}"

    def times(self, n: int) -> str:
        """How often, for a sentence: "once", "3 times" / "1 keer", "3 keer"."""
        if self.language == "nl":
            return f"{n} keer"
        return "once" if n == 1 else f"{n} times"

    def counted(self, n: int, one: tuple[str, str], many: tuple[str, str]) -> str:
        """``n`` with its noun in this language's number: ``one``/``many`` are (English, Dutch)
        ("1 lift", "3 lifts"; "1 trage tilbeweging")."""
        return f"{n} {(one if n == 1 else many)[self._i]}"

    def minutes(self, seconds: float | None) -> str:
        """A duration (s) as read aloud: "40 seconden", "29,5 min", over an hour hours and whole
        minutes, "2 uur 30 min" / "2 h 30 min", "168 uur" (a week read "153,2 uur"; until 4 Dec
        2026 hours began at 1.5 h, so 89 min read "89,0 min" beside "2 uur 30 min")."""
        if seconds is None:
            return "–"
        if seconds < 60:
            n = self.num(seconds, 0)
            if n == "1":  # "1 seconden" / "1 seconds" in the overlap note
                return f"1 {'seconde' if self.language == 'nl' else 'second'}"
            return f"{n} {'seconden' if self.language == 'nl' else 'seconds'}"
        if seconds > 3600:
            hours, minutes = divmod(int(round(seconds / 60.0)), 60)
            unit = "uur" if self.language == "nl" else "h"
            return f"{hours} {unit}" + (f" {minutes} min" if minutes else "")
        return f"{self.num(seconds / 60.0)} min"

    def minutes_figure(self, value_min: float | None, digits: int = 1, sign: bool = False) -> str:
        """A figure in minutes (a key figure, a change, a bar's label) by the report's one rule for
        durations, :meth:`minutes`: under a minute, zero too, in whole seconds ("33 seconden",
        "0 seconden"; the trunk-zone bar read "0,0 min" beside "33 seconden" and the data quality
        table's "0 (0 seconden)" until 5 Dec 2026), from a minute up to an hour "29,5 min" with
        ``digits`` decimals, over an hour in hours and minutes ("2 uur 30 min": the longest
        sitting bout read "150,0 min" beside durations in hours); ``sign``: "+" / "-" before a
        change."""
        if value_min is None:
            return "–"
        mark = ("+" if value_min > 0 else "-" if value_min < 0 else "") if sign else ("-" if value_min < 0 else "")
        size = abs(float(value_min))
        text = self.minutes(size * 60.0) if size > 60 or size < 1 else f"{self.num(size, digits)} min"
        return mark + text
