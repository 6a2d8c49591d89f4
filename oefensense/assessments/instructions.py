"""What the therapist reads to the patient, per test, in Dutch (formal "u") and English.

The dashboard and the CLI show these before the countdown; the wording follows the tests'
published protocols (docs/assessments.md). The chair tests and the TUG ask the patient to sit
still until "go": a test starts on a settled sensor (else the ``unsettled_start`` flag).
"""

from __future__ import annotations

INSTRUCTIONS: dict[str, dict[str, list[str]]] = {
    "chair-stand-30s": {
        "nl": ["Gaat u midden op de stoel zitten, met uw rug recht en uw voeten plat op de grond.",
               "Kruis uw armen voor uw borst.",
               "Bij 'start' staat u zo vaak mogelijk helemaal op en gaat u weer helemaal zitten, 30 seconden lang.",
               "Gebruik uw armen niet. Blijft u tot 'start' stil zitten."],
        "en": ["Sit in the middle of the chair, back straight, feet flat on the floor.",
               "Cross your arms over your chest.",
               "On 'go', stand up fully and sit down fully as many times as you can in 30 seconds.",
               "Do not use your arms. Sit still until 'go'."],
    },
    "five-times-sit-to-stand": {
        "nl": ["Gaat u zitten met uw rug tegen de leuning en uw armen gekruist voor uw borst.",
               "Bij 'start' staat u vijf keer zo snel mogelijk helemaal op en gaat u weer zitten.",
               "Gebruik uw armen niet. Blijft u tot 'start' stil zitten."],
        "en": ["Sit with your back against the chair and your arms crossed over your chest.",
               "On 'go', stand up fully and sit down five times, as quickly as you can.",
               "Do not use your arms. Sit still until 'go'."],
    },
    "tug": {
        "nl": ["Gaat u met uw rug tegen de leuning zitten. U mag uw gewone schoenen en loophulpmiddel gebruiken.",
               "Bij 'start' staat u op, loopt u in uw eigen, veilige tempo naar de lijn op 3 meter,",
               "draait u om, loopt u terug en gaat u weer zitten. Blijft u tot 'start' stil zitten."],
        "en": ["Sit with your back against the chair; use your usual shoes and walking aid.",
               "On 'go', stand up, walk at your own safe pace to the line 3 metres away,",
               "turn around, walk back and sit down again. Sit still until 'go'."],
    },
    "trunk-rom": {
        "nl": ["Gaat u rechtop staan met de voeten op heupbreedte. Loop eerst een paar passen, dan weet de sensor waar voor is.",
               "Buig zo ver als u kunt voorover en kom weer overeind; drie keer.",
               "Buig daarna drie keer achterover, drie keer opzij naar links en naar rechts,",
               "en draai uw romp drie keer naar links en naar rechts, met uw heupen naar voren."],
        "en": ["Stand upright, feet hip-width apart. Walk a few steps first so the sensor knows which way is forward.",
               "Bend forward as far as you can and come back up; three times.",
               "Then bend backward three times, sideways to the left and to the right three times each,",
               "and turn your trunk to the left and to the right three times each, hips facing forward."],
    },
    "walk-test": {
        "nl": ["Loopt u heen en weer in de gang, zo ver als u kunt in de afgesproken tijd (2 of 6 minuten).",
               "U mag langzamer gaan of even stilstaan; de tijd loopt door."],
        "en": ["Walk up and down the corridor, as far as you can in the agreed time (2 or 6 minutes).",
               "You may slow down or stop to rest; the clock keeps running."],
    },
}

COUNTDOWN = {"nl": ["Klaar?", "3", "2", "1", "Start!"], "en": ["Ready?", "3", "2", "1", "Go!"]}


def instructions(test: str, language: str) -> list[str]:
    """The instruction lines for ``test`` in ``language`` ("nl" or "en")."""
    if language not in ("nl", "en"):
        raise ValueError(f"language {language!r}: expected nl or en")
    return INSTRUCTIONS[test][language]
