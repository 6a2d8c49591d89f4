<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name></name>
    <message>
        <source>OefenSense — therapist</source>
        <translation>OefenSense — therapeut</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>Open session…</source>
        <translation>Sessie openen…</translation>
    </message>
    <message>
        <source>Feedback plan…</source>
        <translation>Feedbackplan…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Afsluiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Beeld</translation>
    </message>
    <message>
        <source>Patient view</source>
        <translation>Patiëntweergave</translation>
    </message>
    <message>
        <source>Patient view full screen</source>
        <translation>Patiëntweergave volledig scherm</translation>
    </message>
    <message>
        <source>Sound cues</source>
        <translation>Geluidssignalen</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Taal</translation>
    </message>
    <message>
        <source>Connect a sensor first</source>
        <translation>Verbind eerst een sensor</translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation>Zoeken…</translation>
    </message>
    <message numerus="yes">
        <source>%n sensor(s) found</source>
        <translation>
            <numerusform>%n sensor gevonden</numerusform>
            <numerusform>%n sensoren gevonden</numerusform>
        </translation>
    </message>
    <message>
        <source>Streaming</source>
        <translation>Meting loopt</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Gestopt</translation>
    </message>
    <message>
        <source>Recording to %1</source>
        <translation>Opname naar %1</translation>
    </message>
    <message>
        <source>Saving recording: %1</source>
        <translation>Opname wordt bewaard: %1</translation>
    </message>
    <message>
        <source>Recording saved: %1</source>
        <translation>Opname bewaard: %1</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Terugkijken</translation>
    </message>
    <message>
        <source>The stream stopped: %1. Check the sensors and press Connect again.</source>
        <translation>De meting is gestopt: %1. Controleer de sensoren en klik opnieuw op Verbinden.</translation>
    </message>
    <message>
        <source>Damaged session: run `oefensense repair` to keep the intact data and flag the rest as gaps</source>
        <translation>Beschadigde sessie: voer `oefensense repair` uit om de intacte gegevens te houden en de rest als gat te markeren</translation>
    </message>
    <message>
        <source>Lost (repaired, flagged as a gap): %1</source>
        <translation>Verloren (hersteld, gemarkeerd als gat): %1</translation>
    </message>
    <message>
        <source>No Bluetooth adapter found: switch Bluetooth on or plug in an adapter, then press Scan again.</source>
        <translation>Geen Bluetooth-adapter gevonden: zet Bluetooth aan of sluit een adapter aan en klik opnieuw op Zoeken.</translation>
    </message>
    <message>
        <source>No permission to use Bluetooth: ask your administrator to allow it, then press Scan again.</source>
        <translation>Geen toestemming om Bluetooth te gebruiken: vraag uw beheerder dit toe te staan en klik opnieuw op Zoeken.</translation>
    </message>
    <message>
        <source>Scanning failed (%1): check that Bluetooth is on, then press Scan again.</source>
        <translation>Zoeken mislukt (%1): controleer of Bluetooth aan staat en klik opnieuw op Zoeken.</translation>
    </message>
    <message>
        <source>Cannot open %1 for replay (%2): choose a session folder recorded by OefenSense, or run `oefensense repair` on it.</source>
        <translation>Kan %1 niet openen om terug te kijken (%2): kies een sessiemap die OefenSense heeft opgenomen, of voer er `oefensense repair` op uit.</translation>
    </message>
    <message>
        <source>Calibration wizard</source>
        <translation>Kalibratie-assistent</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Klaar</translation>
    </message>
    <message>
        <source>Calibration failed: %1</source>
        <translation>Kalibratie mislukt: %1</translation>
    </message>
    <message>
        <source>Calibration finished</source>
        <translation>Kalibratie klaar</translation>
    </message>
    <message>
        <source>Feedback plan</source>
        <translation>Feedbackplan</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Aan</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Grens</translation>
    </message>
    <message>
        <source>Cue</source>
        <translation>Signaal</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wanneer</translation>
    </message>
    <message>
        <source>Quiet hours</source>
        <translation>Rusttijd</translation>
    </message>
    <message>
        <source>from</source>
        <translation>van</translation>
    </message>
    <message>
        <source>to</source>
        <translation>tot</translation>
    </message>
    <message>
        <source>Daily cap (0 = none)</source>
        <translation>Maximum per dag (0 = geen)</translation>
    </message>
    <message>
        <source>Baseline without cues (min)</source>
        <translation>Basisperiode zonder signalen (min)</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Openen…</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Opslaan…</translation>
    </message>
    <message>
        <source>Plan is valid</source>
        <translation>Plan is geldig</translation>
    </message>
    <message>
        <source>Pelvis (°)</source>
        <translation>Bekken (°)</translation>
    </message>
    <message>
        <source>Trunk (°)</source>
        <translation>Romp (°)</translation>
    </message>
    <message>
        <source>minutes since the start</source>
        <translation>minuten sinds het begin</translation>
    </message>
    <message>
        <source>OefenSense — patient</source>
        <translation>OefenSense — patiënt</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Nu</translation>
    </message>
    <message>
        <source>Time to stand up and move a little</source>
        <translation>Tijd om even op te staan en te bewegen</translation>
    </message>
    <message>
        <source>Last lift</source>
        <translation>Laatste tilmoment</translation>
    </message>
    <message>
        <source>Sitting for %1 without a break</source>
        <translation>U zit al %1 zonder pauze</translation>
    </message>
    <message>
        <source>No lifts yet</source>
        <translation>Nog geen tilmomenten</translation>
    </message>
    <message>
        <source>flexion</source>
        <translation>flexie</translation>
    </message>
    <message>
        <source>lateral bend</source>
        <translation>lateroflexie</translation>
    </message>
    <message>
        <source>twist</source>
        <translation>rotatie</translation>
    </message>
    <message>
        <source>pelvis tilt</source>
        <translation>bekkenkanteling</translation>
    </message>
    <message>
        <source>Thigh (°)</source>
        <translation>Bovenbeen (°)</translation>
    </message>
    <message>
        <source>Acceleration (g)</source>
        <translation>Versnelling (g)</translation>
    </message>
    <message>
        <source>seconds ago</source>
        <translation>seconden geleden</translation>
    </message>
    <message>
        <source>Sensor</source>
        <translation>Sensor</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation>Plaatsing</translation>
    </message>
    <message>
        <source>Battery</source>
        <translation>Batterij</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Freq.</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlies</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latentie</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>Kalibratie</translation>
    </message>
    <message>
        <source>Batt.</source>
        <translation>Batt.</translation>
    </message>
    <message>
        <source>Lat.</source>
        <translation>Lat.</translation>
    </message>
    <message>
        <source>Cal.</source>
        <translation>Kal.</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Plaats</translation>
    </message>
    <message>
        <source>Sensors</source>
        <translation>Sensoren</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Zoeken</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Verbreken</translation>
    </message>
    <message>
        <source>Calibrate…</source>
        <translation>Kalibreren…</translation>
    </message>
    <message>
        <source>calibrated</source>
        <translation>gekalibreerd</translation>
    </message>
    <message>
        <source>not calibrated</source>
        <translation>niet gekalibreerd</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>niet verbonden</translation>
    </message>
    <message>
        <source>neutral (&lt;20°)</source>
        <translation>neutraal (&lt;20°)</translation>
    </message>
    <message>
        <source>moderate (20–60°)</source>
        <translation>matig (20–60°)</translation>
    </message>
    <message>
        <source>severe (&gt;60°)</source>
        <translation>sterk (&gt;60°)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pauze</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Afspelen</translation>
    </message>
    <message>
        <source>max</source>
        <translation>max</translation>
    </message>
    <message>
        <source>Whole session</source>
        <translation>Hele sessie</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sessie</translation>
    </message>
    <message>
        <source>Patient code</source>
        <translation>Patiëntcode</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Meting</translation>
    </message>
    <message>
        <source>Markers</source>
        <translation>Markeringen</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>Opname stoppen</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Opnemen</translation>
    </message>
    <message>
        <source>Marker note</source>
        <translation>Notitie bij markering</translation>
    </message>
    <message>
        <source>Add marker</source>
        <translation>Markering toevoegen</translation>
    </message>
    <message>
        <source>Posture timeline</source>
        <translation>Houdingstijdlijn</translation>
    </message>
    <message>
        <source>Sitting</source>
        <translation>Zitten</translation>
    </message>
    <message>
        <source>Sitting since last break</source>
        <translation>Zittend sinds laatste pauze</translation>
    </message>
    <message>
        <source>Lifts</source>
        <translation>Tilmomenten</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Gebeurtenissen</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <source>Technique</source>
        <translation>Techniek</translation>
    </message>
    <message>
        <source>Peak</source>
        <translation>Piek</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Oordeel</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Samenvatting</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>Verstreken</translation>
    </message>
    <message>
        <source>Time per posture</source>
        <translation>Tijd per houding</translation>
    </message>
    <message>
        <source>Lifts by technique</source>
        <translation>Tilmomenten per techniek</translation>
    </message>
    <message>
        <source>Trunk zones</source>
        <translation>Rompzones</translation>
    </message>
    <message>
        <source>Bouts: %1 · longest %2</source>
        <translation>Periodes: %1 · langste %2</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>onbekend</translation>
    </message>
    <message>
        <source>lying</source>
        <translation>liggen</translation>
    </message>
    <message>
        <source>sitting</source>
        <translation>zitten</translation>
    </message>
    <message>
        <source>standing</source>
        <translation>staan</translation>
    </message>
    <message>
        <source>walking</source>
        <translation>lopen</translation>
    </message>
    <message>
        <source>stooping</source>
        <translation>gebukt</translation>
    </message>
    <message>
        <source>moving</source>
        <translation>in beweging</translation>
    </message>
    <message>
        <source>transition</source>
        <translation>overgang</translation>
    </message>
    <message>
        <source>not worn</source>
        <translation>niet gedragen</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>geen gegevens</translation>
    </message>
    <message>
        <source>You are sitting</source>
        <extracomment>The patient&apos;s posture as a sentence in the formal &quot;u&quot; (Dutch care addresses patients so).</extracomment>
        <translation>U zit</translation>
    </message>
    <message>
        <source>You are standing</source>
        <translation>U staat</translation>
    </message>
    <message>
        <source>You are walking</source>
        <translation>U loopt</translation>
    </message>
    <message>
        <source>You are lying down</source>
        <translation>U ligt</translation>
    </message>
    <message>
        <source>You are bent forward</source>
        <translation>U staat gebukt</translation>
    </message>
    <message>
        <source>You are moving</source>
        <translation>U bent in beweging</translation>
    </message>
    <message>
        <source>You are bending</source>
        <translation>U bukt</translation>
    </message>
    <message>
        <source>You are changing position</source>
        <translation>U verandert van houding</translation>
    </message>
    <message>
        <source>Sensor not worn</source>
        <translation>Sensor niet gedragen</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>Geen gegevens</translation>
    </message>
    <message>
        <source>trunk</source>
        <translation>romp</translation>
    </message>
    <message>
        <source>pelvis</source>
        <translation>bekken</translation>
    </message>
    <message>
        <source>thigh</source>
        <translation>bovenbeen</translation>
    </message>
    <message>
        <source>free</source>
        <translation>vrij</translation>
    </message>
    <message>
        <source>sit-to-stand</source>
        <translation>opstaan uit zit</translation>
    </message>
    <message>
        <source>lifting</source>
        <translation>tillen</translation>
    </message>
    <message>
        <source>bending</source>
        <translation>bukken</translation>
    </message>
    <message>
        <source>workplace</source>
        <translation>werkplek</translation>
    </message>
    <message>
        <source>squat</source>
        <translation>hurkend</translation>
    </message>
    <message>
        <source>stoop</source>
        <translation>gebukt</translation>
    </message>
    <message>
        <source>mixed</source>
        <translation>gemengd</translation>
    </message>
    <message>
        <source>semi-squat</source>
        <translation>half hurkend</translation>
    </message>
    <message>
        <source>good</source>
        <translation>goed</translation>
    </message>
    <message>
        <source>fair</source>
        <translation>redelijk</translation>
    </message>
    <message>
        <source>poor</source>
        <translation>matig</translation>
    </message>
    <message>
        <source>well done, knees bent</source>
        <extracomment>What the patient view says after a lift (oefensense.live.vocab&apos;s cue keys), formal &quot;u&quot;.</extracomment>
        <translation>goed zo, door de knieën</translation>
    </message>
    <message>
        <source>bend your knees</source>
        <translation>buig uw knieën</translation>
    </message>
    <message>
        <source>bend your knees a bit more</source>
        <translation>buig uw knieën iets meer</translation>
    </message>
    <message>
        <source>keep your back straighter</source>
        <translation>houd uw rug rechter</translation>
    </message>
    <message>
        <source>prolonged sitting</source>
        <extracomment>The feedback plan&apos;s rules, cue kinds and timings (oefensense.analysis.feedback_plan).</extracomment>
        <translation>lang zitten</translation>
    </message>
    <message>
        <source>stooped lift</source>
        <translation>gebukt tillen</translation>
    </message>
    <message>
        <source>twisting while bent</source>
        <translation>draaien in buiging</translation>
    </message>
    <message>
        <source>long static bend</source>
        <translation>lang gebogen staan</translation>
    </message>
    <message>
        <source>vibrate</source>
        <translation>trillen</translation>
    </message>
    <message>
        <source>beep</source>
        <translation>piep</translation>
    </message>
    <message>
        <source>LED</source>
        <translation>lampje</translation>
    </message>
    <message>
        <source>screen message</source>
        <translation>schermmelding</translation>
    </message>
    <message>
        <source>at once</source>
        <translation>meteen</translation>
    </message>
    <message>
        <source>after returning to neutral</source>
        <translation>na terugkeer in neutraal</translation>
    </message>
</context>
</TS>
