<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name></name>
    <message>
        <source>Feedback plan in use</source>
        <translation>Feedbackplan in gebruik</translation>
    </message>
    <message>
        <source>The feedback plan applies from the next start</source>
        <translation>Het feedbackplan geldt vanaf de volgende start</translation>
    </message>
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
        <source>Preparing the analysis for first use (about a minute)…</source>
        <extracomment>shown while the analysis&apos; compiled parts are made on first use (a cold cache), before recording starts</extracomment>
        <translation>De analyse wordt voorbereid voor het eerste gebruik (ongeveer een minuut)…</translation>
    </message>
    <message>
        <source>The stream stopped: %1. Then press Connect again.</source>
        <translation>De meting is gestopt: %1. Klik daarna opnieuw op Verbinden.</translation>
    </message>
    <message>
        <source>The stream stopped: %1. Check the sensors and press Connect again.</source>
        <translation>De meting is gestopt: %1. Controleer de sensoren en klik opnieuw op Verbinden.</translation>
    </message>
    <message>
        <source>This session holds no samples: the sensors sent no data before the recording stopped.</source>
        <translation>Deze sessie bevat geen metingen: de sensoren stuurden geen gegevens voordat de opname stopte.</translation>
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
        <source>Use this plan</source>
        <translation>Dit plan gebruiken</translation>
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
        <source>Tests</source>
        <translation>Testen</translation>
    </message>
    <message>
        <source>Tests…</source>
        <translation>Testen…</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>simulated (scripted test)</source>
        <translation>gesimuleerd (testscript)</translation>
    </message>
    <message>
        <source>real sensors: ADDRESS=placement, …</source>
        <translation>echte sensoren: ADRES=plaats, …</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Leeftijd</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Geslacht</translation>
    </message>
    <message>
        <source>Start test</source>
        <translation>Start test</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Meting</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Nu</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Vorige</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referentie</translation>
    </message>
    <message>
        <source>Phases</source>
        <translation>Fasen</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Meldingen</translation>
    </message>
    <message>
        <source>no flags</source>
        <translation>geen meldingen</translation>
    </message>
    <message>
        <source>stands</source>
        <translation>keer opgestaan</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>stappen</translation>
    </message>
    <message>
        <source>Stored for %1 (assessment %2)</source>
        <translation>Vastgelegd voor %1 (meting %2)</translation>
    </message>
    <message>
        <source>Not stored: %1</source>
        <translation>Niet vastgelegd: %1</translation>
    </message>
    <message>
        <source>No patient code: the result is not stored.</source>
        <translation>Geen patiëntcode: het resultaat wordt niet vastgelegd.</translation>
    </message>
    <message>
        <source>Not detectable from these sensors: use of the arms, chair height, a walking aid, the 3 m line. Watch for them.</source>
        <translation>Niet te zien met deze sensoren: steunen met de armen, stoelhoogte, een loophulpmiddel, de lijn op 3 m. Let daar zelf op.</translation>
    </message>
    <message>
        <source>simulator truth</source>
        <translation>waarheid van de simulator</translation>
    </message>
    <message>
        <source>female</source>
        <translation>vrouw</translation>
    </message>
    <message>
        <source>male</source>
        <translation>man</translation>
    </message>
    <message>
        <source>Walk test</source>
        <translation>Looptest</translation>
    </message>
    <message>
        <source>Leg length (m)</source>
        <translation>Beenlengte (m)</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>The test could not run: %1</source>
        <translation>De test kon niet worden uitgevoerd: %1</translation>
    </message>
    <message>
        <source>below the range</source>
        <translation>onder het bereik</translation>
    </message>
    <message>
        <source>within the range</source>
        <translation>binnen het bereik</translation>
    </message>
    <message>
        <source>above the range</source>
        <translation>boven het bereik</translation>
    </message>
    <message>
        <source>30-second chair stand</source>
        <translation>30-seconden stoeltest</translation>
    </message>
    <message>
        <source>Five times sit-to-stand</source>
        <translation>Vijf keer opstaan</translation>
    </message>
    <message>
        <source>Timed Up and Go</source>
        <translation>Timed Up and Go</translation>
    </message>
    <message>
        <source>Trunk range of motion</source>
        <translation>Beweeglijkheid romp</translation>
    </message>
    <message>
        <source>Walk test (2 or 6 min)</source>
        <translation>Looptest (2 of 6 min)</translation>
    </message>
    <message>
        <source>repetitions</source>
        <translation>herhalingen</translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation>tijd (s)</translation>
    </message>
    <message>
        <source>flexion (°)</source>
        <translation>rompflexie (°)</translation>
    </message>
    <message>
        <source>extension (°)</source>
        <translation>rompextensie (°)</translation>
    </message>
    <message>
        <source>side bend left (°)</source>
        <translation>romp zijwaarts links (°)</translation>
    </message>
    <message>
        <source>side bend right (°)</source>
        <translation>romp zijwaarts rechts (°)</translation>
    </message>
    <message>
        <source>rotation left (°)</source>
        <translation>romprotatie links (°)</translation>
    </message>
    <message>
        <source>rotation right (°)</source>
        <translation>romprotatie rechts (°)</translation>
    </message>
    <message>
        <source>Interrupted: the data ended, or had a gap, before the test was done</source>
        <translation>Onderbroken: de gegevens stoppen of hebben een gat voor het einde van de test</translation>
    </message>
    <message>
        <source>No test movement found</source>
        <translation>Geen testbeweging gevonden</translation>
    </message>
    <message>
        <source>Sensor data missing during the test</source>
        <translation>Sensorgegevens ontbreken tijdens de test</translation>
    </message>
    <message>
        <source>Fewer repetitions than the protocol asks</source>
        <translation>Minder herhalingen dan het protocol vraagt</translation>
    </message>
    <message>
        <source>More repetitions than asked</source>
        <translation>Meer herhalingen dan gevraagd</translation>
    </message>
    <message>
        <source>A stand-up without a full sit-down (or the reverse)</source>
        <translation>Opstaan zonder volledig weer gaan zitten (of andersom)</translation>
    </message>
    <message>
        <source>A rest inside a test meant to be continuous</source>
        <translation>Een rustpauze in een test die doorlopend hoort te zijn</translation>
    </message>
    <message>
        <source>A phase of the test was not found</source>
        <translation>Een fase van de test is niet gevonden</translation>
    </message>
    <message>
        <source>A measure needs a sensor that is not worn</source>
        <translation>Een meting vraagt een sensor die niet gedragen wordt</translation>
    </message>
    <message>
        <source>The trunk also moved in a second plane at the peak</source>
        <translation>De romp bewoog op het hoogtepunt ook in een tweede vlak</translation>
    </message>
    <message>
        <source>Measured while the sensor did not know which way is forward</source>
        <translation>Gemeten terwijl de sensor nog niet wist waar voren is</translation>
    </message>
    <message>
        <source>Gait speed needs the leg length</source>
        <translation>Voor de loopsnelheid is de beenlengte nodig</translation>
    </message>
    <message>
        <source>The sensor was still settling or moving when the test began</source>
        <translation>De sensor kwam nog tot rust of bewoog toen de test begon</translation>
    </message>
    <message>
        <source>The patient was still moving when the data ended: the last movement may be cut</source>
        <translation>De patiënt bewoog nog toen de gegevens eindigden: de laatste beweging is mogelijk afgekapt</translation>
    </message>
    <message>
        <source>until seated after the 5th stand</source>
        <translation>tot zitten na de 5e keer opstaan</translation>
    </message>
    <message>
        <source>stand up</source>
        <translation>opstaan</translation>
    </message>
    <message>
        <source>sit down</source>
        <translation>gaan zitten</translation>
    </message>
    <message>
        <source>walk</source>
        <translation>lopen</translation>
    </message>
    <message>
        <source>turn</source>
        <translation>draaien</translation>
    </message>
    <message>
        <source>walk back</source>
        <translation>teruglopen</translation>
    </message>
    <message>
        <source>turn 2</source>
        <translation>draaien 2</translation>
    </message>
    <message>
        <source>Time to stand up and move a little</source>
        <translation>Tijd om even op te staan en te bewegen</translation>
    </message>
    <message>
        <source>Last lift</source>
        <translation>Laatste tilbeweging</translation>
    </message>
    <message>
        <source>Sitting for %1 without a break</source>
        <translation>U zit al %1 zonder pauze</translation>
    </message>
    <message>
        <source>No lifts yet</source>
        <translation>Nog geen tilbewegingen</translation>
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
        <source>forward not known yet: walk a few steps (faded = a guess)</source>
        <translation>voorwaarts nog onbekend: loop een paar stappen (vaag = schatting)</translation>
    </message>
    <message>
        <source>Trunk and pelvis (°)</source>
        <translation>Romp en bekken (°)</translation>
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
        <source>Battery low: charge the sensor or swap it</source>
        <translation>Batterij bijna leeg: laad de sensor op of wissel hem</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>weg</translation>
    </message>
    <message>
        <source>No samples from this sensor now: out of range, switched off or reconnecting</source>
        <translation>Nu geen gegevens van deze sensor: buiten bereik, uitgeschakeld of opnieuw aan het verbinden</translation>
    </message>
    <message>
        <source>Below zero: samples are dated after they arrived while the sensor&apos;s clock is still being matched to this computer&apos;s</source>
        <translation>Onder nul: metingen zijn gedateerd na hun aankomst, terwijl de klok van de sensor nog wordt gelijkgezet met die van deze computer</translation>
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
        <translation>Tilbewegingen</translation>
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
        <translation>Tilbewegingen per techniek</translation>
    </message>
    <message>
        <source>Trunk zones</source>
        <translation>Rompzones</translation>
    </message>
    <message>
        <source>Pelvis zones</source>
        <translation>Bekkenzones</translation>
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
        <source>upright, still</source>
        <translation>rechtop, stil</translation>
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
        <source>You are upright and still</source>
        <translation>U zit of staat rechtop en stil</translation>
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
        <source>bent knees</source>
        <translation>gebogen knieën</translation>
    </message>
    <message>
        <source>bent back</source>
        <translation>gebogen rug</translation>
    </message>
    <message>
        <source>half-bent knees</source>
        <translation>half gebogen knieën</translation>
    </message>
    <message>
        <source>lift with a bent back</source>
        <translation>tillen met gebogen rug</translation>
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
        <source>mixed</source>
        <translation>gemengd</translation>
    </message>
    <message>
        <source>undetermined</source>
        <translation>onbepaald</translation>
    </message>
    <message>
        <source>good</source>
        <translation>goed</translation>
    </message>
    <message>
        <source>fair</source>
        <extracomment>lift technique rating, the middle one of good / fair / poor (half-bent knees, mixed)</extracomment>
        <translation>redelijk</translation>
    </message>
    <message>
        <source>poor</source>
        <extracomment>lift technique rating, the worst of good / fair / poor (a stooped lift: back bent, knees straight)</extracomment>
        <translation>slecht</translation>
    </message>
    <message>
        <source>not rated</source>
        <translation>niet beoordeeld</translation>
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
        <source>lift counted, technique not measurable</source>
        <translation>tilbeweging geteld, techniek niet te meten</translation>
    </message>
    <message>
        <source>prolonged sitting</source>
        <extracomment>The feedback plan&apos;s rules, cue kinds and timings (oefensense.analysis.feedback_plan).</extracomment>
        <translation>lang zitten</translation>
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
    <message>
        <source>Analyse recordings: writes timeline.csv, events.jsonl, summary.json (and angles.csv);
with clock time also days.csv/hours.csv (and .parquet).

This is also the import path: with --patient a CSV file is registered as an imported
session (a session directory as a replayed one), angles.csv included for the report.</source>
        <translation>Opnames analyseren: schrijft timeline.csv, events.jsonl, summary.json (en angles.csv);
met kloktijd ook days.csv/hours.csv (en .parquet).

Dit is ook de manier om te importeren: met --patient wordt een CSV-bestand geregistreerd als
geïmporteerde sessie (een sessiemap als afgespeelde), met angles.csv voor het verslag.</translation>
    </message>
    <message>
        <source>Session directories, CSV or device files (.cwa, .bin, .gt3x, MetaBase, Polar Sensor Logger; each its own recording).</source>
        <translation>Sessiemappen, CSV- of apparaatbestanden (.cwa, .bin, .gt3x, MetaBase, Polar Sensor Logger; elk een eigen opname).</translation>
    </message>
    <message>
        <source>Output folder; one sub-folder per recording.</source>
        <translation>Uitvoermap; een submap per opname.</translation>
    </message>
    <message>
        <source>One multi-sensor recording: PLACEMENT=FILE (repeat).</source>
        <translation>Eén opname met meerdere sensoren: PLAATS=BESTAND (herhalen).</translation>
    </message>
    <message>
        <source>Placement of single CSV inputs (else from NAME.PLACEMENT.csv).</source>
        <translation>Plaats van losse CSV-invoer (anders uit NAAM.PLAATS.csv).</translation>
    </message>
    <message>
        <source>The --sensor files&apos; time columns are one clock: a file that starts later keeps its offset (default: each file starts at its first row).</source>
        <translation>De tijdkolommen van de --sensor-bestanden zijn één klok: een bestand dat later begint houdt zijn verschuiving (standaard: elk bestand begint bij zijn eerste rij).</translation>
    </message>
    <message>
        <source>Also write angles.csv (body angles, 10 Hz).</source>
        <translation>Schrijf ook angles.csv (lichaamshoeken, 10 Hz).</translation>
    </message>
    <message>
        <source>No progress and no summary table.</source>
        <translation>Geen voortgang en geen samenvattingstabel.</translation>
    </message>
    <message>
        <source>Work schedule in local time, e.g. &apos;Mon-Fri 08:30-17:00; Sat 09:00-12:00&apos; (an end before its start runs past midnight; a whole day is 00:00-24:00): days.csv/hours.csv also per work and non-work time.</source>
        <translation>Werktijden in lokale tijd, bijv. &apos;ma-vr 08:30-17:00; za 09:00-12:00&apos; (een eind vóór het begin loopt over middernacht door; een hele dag is 00:00-24:00): days.csv/hours.csv ook per werktijd en niet-werktijd.</translation>
    </message>
    <message>
        <source>A day is valid with at least this many hours of wear (Troiano 2008).</source>
        <translation>Een dag is geldig met minstens zoveel uur draagtijd (Troiano 2008).</translation>
    </message>
    <message>
        <source>give INPUT files/sessions or --sensor PLACEMENT=FILE</source>
        <translation>geef INVOER-bestanden/sessies of --sensor PLAATS=BESTAND</translation>
    </message>
    <message>
        <source>{path}: no such file or session</source>
        <translation>{path}: bestand of sessie bestaat niet</translation>
    </message>
    <message>
        <source>--patient registers one recording per run (each has its own start)</source>
        <translation>--patient registreert één opname per keer (elke opname heeft een eigen begintijd)</translation>
    </message>
    <message>
        <source>wrote</source>
        <translation>opgeslagen</translation>
    </message>
    <message>
        <source>no clock time: days.csv and hours.csv need --start (e.g. --start 2026-03-02T08:30+01:00 --tz Europe/Amsterdam), or --tz alone for a device file that records its own start</source>
        <translation>geen kloktijd: days.csv en hours.csv hebben --start nodig (bijv. --start 2026-03-02T08:30+01:00 --tz Europe/Amsterdam), of alleen --tz voor een apparaatbestand dat zelf zijn begintijd vastlegt</translation>
    </message>
    <message>
        <source>--valid-day-hours: between 0 and 24</source>
        <translation>--valid-day-hours: tussen 0 en 24</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>begint</translation>
    </message>
    <message>
        <source>{clock} of recording analysed</source>
        <translation>{clock} van de opname geanalyseerd</translation>
    </message>
    <message>
        <source>{clock} of recording analysed, done</source>
        <translation>{clock} van de opname geanalyseerd, klaar</translation>
    </message>
    <message>
        <source>Run a guided standard test (live, simulated or on a recording) and score it.

Exit status: 0 scored (what could not be measured is flagged); 3 not scored: the test was analysed but gave no figure, or one outside the plausible range (what was found is shown, the reason is one line on stderr, nothing is stored); 1 an error (a bad option or file, a sensor that failed, no complete test within --timeout).</source>
        <translation>Een begeleide standaardtest afnemen (live, gesimuleerd of op een opname) en scoren.

Afsluitstatus: 0 gescoord (wat niet gemeten kon worden, is gemarkeerd); 3 niet gescoord: de test is geanalyseerd maar gaf geen waarde, of een buiten het plausibele bereik (wat gevonden is, wordt getoond, de reden staat in één regel op stderr, er wordt niets vastgelegd); 1 een fout (een verkeerde optie of een verkeerd bestand, een sensor die faalde, geen volledige test binnen --timeout).</translation>
    </message>
    <message>
        <source>chair-stand-30s, five-times-sit-to-stand, tug, trunk-rom or walk-test.</source>
        <translation>chair-stand-30s, five-times-sit-to-stand, tug, trunk-rom of walk-test.</translation>
    </message>
    <message>
        <source>Recording(s) of the test (CSV; one per sensor).</source>
        <translation>De opname van de test (CSV; een bestand per sensor).</translation>
    </message>
    <message>
        <source>Placement of a single CSV (else from NAME.PLACEMENT.csv).</source>
        <translation>Plaats van een enkele CSV (anders uit NAAM.PLAATS.csv).</translation>
    </message>
    <message>
        <source>FAMILY=placement: a simulated wearable doing the scripted test (repeat).</source>
        <translation>FAMILIE=plaats: een gesimuleerde sensor die de voorgeschreven test doet (herhalen).</translation>
    </message>
    <message>
        <source>ADDRESS=placement: a real sensor (repeat).</source>
        <translation>ADRES=plaats: een echte sensor (herhalen).</translation>
    </message>
    <message>
        <source>Simulation: this many times faster than real time.</source>
        <translation>Simulatie: zoveel keer sneller dan de werkelijke tijd.</translation>
    </message>
    <message>
        <source>Simulation: the person&apos;s movements this many times slower (2 = frail).</source>
        <translation>Simulatie: de bewegingen van de persoon zoveel keer langzamer (2 = kwetsbaar).</translation>
    </message>
    <message>
        <source>Simulation: sensor mountings and noise.</source>
        <translation>Simulatie: bevestiging van de sensoren en ruis.</translation>
    </message>
    <message>
        <source>walk-test: 2 or 6 minutes.</source>
        <translation>walk-test: 2 of 6 minuten.</translation>
    </message>
    <message>
        <source>walk-test: floor to lower-back sensor (m), for step length and gait speed.</source>
        <translation>walk-test: hoogte van de sensor op de onderrug boven de vloer (m), voor staplengte en loopsnelheid.</translation>
    </message>
    <message>
        <source>trunk-rom: repetitions per direction (best of N; default 3).</source>
        <translation>trunk-rom: herhalingen per richting (de beste van N; standaard 3).</translation>
    </message>
    <message>
        <source>Language of the instructions and the result: en or nl (default: --language before the command, else the locale).</source>
        <translation>Taal van de instructies en het resultaat: en of nl (standaard: --language vóór de opdracht, anders de landinstelling).</translation>
    </message>
    <message>
        <source>Live/simulated: seconds of countdown before &apos;go&apos;.</source>
        <translation>Live/gesimuleerd: seconden aftellen vóór &apos;start&apos;.</translation>
    </message>
    <message>
        <source>Live: give up after this many seconds.</source>
        <translation>Live: na zoveel seconden opgeven.</translation>
    </message>
    <message>
        <source>Print the result as one JSON object.</source>
        <translation>Het resultaat tonen als één JSON-object.</translation>
    </message>
    <message>
        <source>Store the result for this patient code.</source>
        <translation>Het resultaat vastleggen bij deze patiëntcode.</translation>
    </message>
    <message>
        <source>Patient&apos;s age in years (for reference values; stored with the result).</source>
        <translation>Leeftijd van de patiënt in jaren (voor referentiewaarden; bewaard bij het resultaat).</translation>
    </message>
    <message>
        <source>f or m (for reference values split by sex).</source>
        <translation>f of m (voor referentiewaarden per geslacht).</translation>
    </message>
    <message>
        <source>When the test was done (ISO 8601; default now).</source>
        <translation>Wanneer de test gedaan is (ISO 8601; standaard nu).</translation>
    </message>
    <message>
        <source>unknown test {test!r}; choose {tests}</source>
        <translation>onbekende test {test!r}; kies {tests}</translation>
    </message>
    <message>
        <source>give a recording (or --sensor), --simulate or --device: exactly one</source>
        <translation>geef een opname (of --sensor), --simulate of --device: precies één</translation>
    </message>
    <message>
        <source>--sex takes f or m</source>
        <translation>--sex is f of m</translation>
    </message>
    <message>
        <source>--age {age}: expected 18-110 years</source>
        <translation>--age {age}: verwacht 18-110 jaar</translation>
    </message>
    <message>
        <source>stored</source>
        <translation>bewaard</translation>
    </message>
    <message>
        <source>as assessment {id} for {patient}</source>
        <translation>als meting {id} voor {patient}</translation>
    </message>
    <message>
        <source>no complete test within {seconds} s: stopped, nothing scored</source>
        <translation>geen volledige test binnen {seconds} s: gestopt, niets gescoord</translation>
    </message>
    <message>
        <source>stopping…</source>
        <translation>stoppen…</translation>
    </message>
    <message>
        <source>waiting for the first movement…</source>
        <translation>wachten op de eerste beweging…</translation>
    </message>
    <message>
        <source>Run a guided standard test (live, simulated or on a recording) and score it.</source>
        <translation>Een begeleide standaardtest afnemen (live, gesimuleerd of op een opname) en scoren.</translation>
    </message>
    <message>
        <source>steps {n}</source>
        <translation>stappen {n}</translation>
    </message>
    <message>
        <source>stands {n}</source>
        <translation>{n} keer opgestaan</translation>
    </message>
    <message>
        <source>not scored</source>
        <translation>niet gescoord</translation>
    </message>
    <message numerus="yes">
        <source>%n stands in 30 s</source>
        <translation>
            <numerusform>%n keer opgestaan in 30 s</numerusform>
            <numerusform>%n keer opgestaan in 30 s</numerusform>
        </translation>
    </message>
    <message>
        <source>measure</source>
        <translation>maat</translation>
    </message>
    <message>
        <source>now</source>
        <translation>nu</translation>
    </message>
    <message>
        <source>previous</source>
        <translation>vorige</translation>
    </message>
    <message>
        <source>phases:</source>
        <translation>fasen:</translation>
    </message>
    <message>
        <source>reference ({ages} y{sex}): {range}: {verdict}</source>
        <translation>referentie ({ages} jaar{sex}): {range}: {verdict}</translation>
    </message>
    <message>
        <source>gait speed and distance are estimated: their error was not measured on people here; the model was validated in healthy adults walking straight; another waist-sensor method was {pct} % off on average in healthy older adults</source>
        <translation>loopsnelheid en afstand zijn geschat: hun fout is hier niet bij mensen gemeten; het model is gevalideerd bij gezonde volwassenen die rechtdoor lopen; een andere methode met een sensor op de onderrug zat bij gezonde ouderen gemiddeld {pct} % ernaast</translation>
    </message>
    <message>
        <source>on the simulator (not people; the simulated people walk as the model assumes, so its own error is not in this): gait speed off by {med} % (median; 95th percentile {p95} %; median signed error {bias} %)</source>
        <translation>in de simulator (geen mensen; de gesimuleerde mensen lopen zoals het model aanneemt, dus de fout van het model zelf zit hier niet in): loopsnelheid {med} % ernaast (mediaan; 95e percentiel {p95} %; mediaan met teken {bias} %)</translation>
    </message>
    <message>
        <source>simulator truth:</source>
        <translation>werkelijke waarden van de simulator:</translation>
    </message>
    <message>
        <source>flag</source>
        <translation>markering</translation>
    </message>
    <message>
        <source>Analyse many recordings, resumably and in parallel; writes files.parquet (+ errors, days).</source>
        <translation>Veel opnames analyseren, hervatbaar en parallel; schrijft files.parquet (+ fouten, dagen).</translation>
    </message>
    <message>
        <source> and {more} more</source>
        <translation> en nog {more}</translation>
    </message>
    <message numerus="yes">
        <source>the folder search passed over %n file(s) that are not a recording by name ({names}); recordings are taken by their extension (.cwa, .gt3x, .bin, .csv, .csv.gz, _ACC.txt): name a file on the command line to analyse it whatever its extension</source>
        <translation>
            <numerusform>de mapzoektocht sloeg %n bestand over dat naar zijn naam geen opname is ({names}); opnamen worden herkend aan hun extensie (.cwa, .gt3x, .bin, .csv, .csv.gz, _ACC.txt): noem een bestand op de opdrachtregel om het hoe dan ook te analyseren</numerusform>
            <numerusform>de mapzoektocht sloeg %n bestanden over die naar hun naam geen opname zijn ({names}); opnamen worden herkend aan hun extensie (.cwa, .gt3x, .bin, .csv, .csv.gz, _ACC.txt): noem een bestand op de opdrachtregel om het hoe dan ook te analyseren</numerusform>
        </translation>
    </message>
    <message>
        <source>--jobs {asked} lowered to {fit}: a worker may need up to {peak} MiB and {available} MiB is available</source>
        <translation>--jobs {asked} verlaagd naar {fit}: een worker kan tot {peak} MiB nodig hebben en er is {available} MiB beschikbaar</translation>
    </message>
    <message>
        <source>Recordings: files, folders (searched recursively) or glob patterns.</source>
        <translation>Opnames: bestanden, mappen (met hun submappen doorzocht) of glob-patronen.</translation>
    </message>
    <message>
        <source>Output folder: recordings/INPUT/ per input plus the cohort tables.</source>
        <translation>Uitvoermap: recordings/INVOER/ per invoer plus de tabellen van het cohort.</translation>
    </message>
    <message>
        <source>Local worker processes (default: the cores; fewer when memory is short).</source>
        <translation>Lokale werkprocessen (standaard: het aantal kernen; minder als het geheugen krap is).</translation>
    </message>
    <message>
        <source>Run on this Dask scheduler (e.g. tcp://127.0.0.1:8786) instead of local processes.</source>
        <translation>Op deze Dask-scheduler draaien (bijv. tcp://127.0.0.1:8786) in plaats van lokale processen.</translation>
    </message>
    <message>
        <source>Placement of every input (else from NAME.PLACEMENT.EXT).</source>
        <translation>Plaats van elke invoer (anders uit NAAM.PLAATS.EXT).</translation>
    </message>
    <message>
        <source>IANA time zone of the device clocks (e.g. Europe/Amsterdam): clock time and days.csv/hours.csv for device files.</source>
        <translation>IANA-tijdzone van de klokken van de apparaten (bijv. Europe/Amsterdam): kloktijd en days.csv/hours.csv voor apparaatbestanden.</translation>
    </message>
    <message>
        <source>Also write angles.csv per recording.</source>
        <translation>Schrijf ook angles.csv per opname.</translation>
    </message>
    <message>
        <source>Analyse finished inputs again.</source>
        <translation>Al geanalyseerde invoer opnieuw analyseren.</translation>
    </message>
    <message>
        <source>CSV of start times per input: columns file,start (ISO 8601, e.g. 2026-03-02T08:30+01:00; without offset: local time in --tz): clock time and days.csv for plain CSVs.</source>
        <translation>CSV met begintijden per invoer: kolommen file,start (ISO 8601, bijv. 2026-03-02T08:30+01:00; zonder offset: lokale tijd in --tz): kloktijd en days.csv voor gewone CSV-bestanden.</translation>
    </message>
    <message>
        <source>No progress bar.</source>
        <translation>Geen voortgangsbalk.</translation>
    </message>
    <message>
        <source>give --jobs or --scheduler, not both</source>
        <translation>geef --jobs of --scheduler, niet allebei</translation>
    </message>
    <message>
        <source>interrupted:</source>
        <translation>onderbroken:</translation>
    </message>
    <message>
        <source>{finished} of {total} inputs finished; the cohort tables were not rewritten. Run the same command again to resume (finished inputs are skipped).</source>
        <translation>{finished} van {total} opnames klaar; de cohorttabellen zijn niet opnieuw geschreven. Voer dezelfde opdracht nogmaals uit om verder te gaan (klare opnames worden overgeslagen).</translation>
    </message>
    <message numerus="yes">
        <source>%n inputs: {done} analysed, {skipped} already finished (skipped), {failed} failed</source>
        <translation>
            <numerusform>%n opname: {done} geanalyseerd, {skipped} al klaar (overgeslagen), {failed} mislukt</numerusform>
            <numerusform>%n opnames: {done} geanalyseerd, {skipped} al klaar (overgeslagen), {failed} mislukt</numerusform>
        </translation>
    </message>
    <message>
        <source>{input} has the same bytes as {first} (the same SHA-256): both are in the tables (files.parquet: duplicate_of); leave one out before pooling</source>
        <translation>{input} heeft dezelfde bytes als {first} (dezelfde SHA-256): beide staan in de tabellen (files.parquet: duplicate_of); laat er een weg voordat u ze samenvoegt</translation>
    </message>
    <message>
        <source>failed:</source>
        <translation>mislukt:</translation>
    </message>
    <message>
        <source>days.parquet: {missing} of {results} results have no day table (no clock time: device files need --tz; a plain CSV needs its start in --starts); left out</source>
        <translation>days.parquet: {missing} van de {results} resultaten hebben geen dagtabel (geen kloktijd: apparaatbestanden hebben --tz nodig; een gewone CSV zijn starttijd in --starts); weggelaten</translation>
    </message>
    <message numerus="yes">
        <source>%n processes</source>
        <translation>
            <numerusform>%n proces</numerusform>
            <numerusform>%n processen</numerusform>
        </translation>
    </message>
    <message>
        <source>Dask cluster</source>
        <translation>Dask-cluster</translation>
    </message>
    <message>
        <source>0/{total} files, {where}</source>
        <translation>0/{total} bestanden, {where}</translation>
    </message>
    <message>
        <source>(finished before)</source>
        <translation>(eerder klaar)</translation>
    </message>
    <message>
        <source>(failed)</source>
        <translation>(mislukt)</translation>
    </message>
    <message>
        <source>{done}/{total} files, last: {input}</source>
        <translation>{done}/{total} bestanden, laatste: {input}</translation>
    </message>
    <message>
        <source>cannot use {path}: {reason}</source>
        <translation>kan {path} niet gebruiken: {reason}</translation>
    </message>
    <message>
        <source>--sensor takes PLACEMENT=FILE, got {value!r}</source>
        <translation>--sensor verwacht PLAATS=BESTAND, kreeg {value!r}</translation>
    </message>
    <message>
        <source>two files for placement {placement}</source>
        <translation>twee bestanden voor plaats {placement}</translation>
    </message>
    <message>
        <source>Stream a bundled real recording (HAPT, CC BY 4.0) through a simulated wearable.</source>
        <translation>Een meegeleverde echte opname (HAPT, CC BY 4.0) via een gesimuleerde sensor afspelen.</translation>
    </message>
    <message>
        <source>Stream a bundled real recording (HAPT, CC BY 4.0) through a simulated wearable.

The wearable&apos;s own packets are decoded by the real decoder and run through the whole
pipeline; prints a live ticker and a final summary. Then the same for a simulated
lifting part (trunk, pelvis and thigh sensors), labelled SIMULATED. Each part is recorded
only into the directory given for it (--out, --lifting-out).</source>
        <translation>Een meegeleverde echte opname (HAPT, CC BY 4.0) door een gesimuleerde sensor laten stromen.

De eigen pakketten van de sensor worden door de echte decoder gelezen en gaan door de hele
verwerking; toont een live regel en een samenvatting aan het eind. Daarna hetzelfde voor een
gesimuleerd tildeel (romp-, bekken- en bovenbeensensor), gemarkeerd als GESIMULEERD. Elk deel
wordt alleen opgenomen in de map die ervoor is opgegeven (--out, --lifting-out).</translation>
    </message>
    <message>
        <source>Device family to simulate (polar, metawear, movesense, ...) or a board: metawear-r (MMA8452Q, no gyroscope), metamotion-s.</source>
        <translation>Te simuleren apparaatfamilie (polar, metawear, movesense, ...) of een bordje: metawear-r (MMA8452Q, geen gyroscoop), metamotion-s.</translation>
    </message>
    <message>
        <source>1, 10 (× real time) or max.</source>
        <translation>1, 10 (× werkelijke tijd) of max.</translation>
    </message>
    <message>
        <source>Record the bundled recording&apos;s session into this new directory.</source>
        <translation>De sessie van de meegeleverde opname in deze nieuwe map opnemen.</translation>
    </message>
    <message>
        <source>Record the simulated lifting part&apos;s session into this new directory.</source>
        <translation>De sessie van het gesimuleerde tildeel in deze nieuwe map opnemen.</translation>
    </message>
    <message>
        <source>Run the simulated lifting part after the recording.</source>
        <translation>Na de opname het gesimuleerde tildeel afspelen.</translation>
    </message>
    <message>
        <source>Open the dashboard on the simulated wearable.</source>
        <translation>Het dashboard openen op de gesimuleerde sensor.</translation>
    </message>
    <message>
        <source>recorded {out}/  (replay: oefensense replay {out} --out OUT)</source>
        <translation>opgenomen in {out}/  (terugkijken: oefensense replay {out} --out MAP)</translation>
    </message>
    <message>
        <source>note:</source>
        <translation>let op:</translation>
    </message>
    <message>
        <source>the simulated lifting part was not recorded (add --lifting-out DIR to record it too)</source>
        <translation>het gesimuleerde tildeel is niet opgenomen (voeg --lifting-out MAP toe om het ook op te nemen)</translation>
    </message>
    <message>
        <source>{value!r} is not a language here; use one of: {languages}</source>
        <translation>{value!r} is hier geen taal; kies uit: {languages}</translation>
    </message>
    <message>
        <source>Language of the output: en or nl (default: --language before the command, else the locale).</source>
        <translation>Taal van de uitvoer: en of nl (standaard: --language vóór de opdracht, anders de landinstelling).</translation>
    </message>
    <message>
        <source>cannot open the record database: {error}</source>
        <translation>kan de dossierdatabase niet openen: {error}</translation>
    </message>
    <message>
        <source>the dashboard needs system libraries that are missing: install them with `sudo apt-get install {packages}` (or run `make system-deps`)</source>
        <translation>het dashboard mist systeembibliotheken: installeer ze met `sudo apt-get install {packages}` (of voer `make system-deps` uit)</translation>
    </message>
    <message>
        <source>Open a recorded session directory for replay.</source>
        <translation>Een opgenomen sessiemap openen om af te spelen.</translation>
    </message>
    <message>
        <source>Render therapist and patient views to PNG files in this directory and exit.</source>
        <translation>Therapeut- en patiëntweergave als PNG-bestanden in deze map opslaan en stoppen.</translation>
    </message>
    <message>
        <source>With --screenshot: replay position as a fraction of the session.</source>
        <translation>Met --screenshot: afspeelpositie als deel van de sessie.</translation>
    </message>
    <message>
        <source>Stream three simulated wearables (trunk, pelvis, thigh) over the fake radio.</source>
        <translation>Drie gesimuleerde sensoren (romp, bekken, bovenbeen) over de nagebootste radio laten streamen.</translation>
    </message>
    <message>
        <source>Simulated wearable FAMILY[=placement] (repeat for 1-3 sensors).</source>
        <translation>Gesimuleerde sensor FAMILIE[=plaats] (herhalen voor 1-3 sensoren).</translation>
    </message>
    <message>
        <source>en or nl (default: --language before the command, else the saved setting, else the system locale).</source>
        <translation>en of nl (standaard: --language vóór de opdracht, anders de opgeslagen instelling, anders de landinstelling van het systeem).</translation>
    </message>
    <message>
        <source>Where recordings are saved (default ~/OefenSense/sessions).</source>
        <translation>Waar opnames worden opgeslagen (standaard ~/OefenSense/sessions).</translation>
    </message>
    <message>
        <source>Minutes of sitting before the stand-up prompt (default 30).</source>
        <translation>Minuten zitten voordat de sta-op-melding komt (standaard 30).</translation>
    </message>
    <message>
        <source>Patient code: filled in, and saved recordings are registered in the record.</source>
        <translation>Patiëntcode: ingevuld, en opgeslagen opnames worden in het dossier vastgelegd.</translation>
    </message>
    <message>
        <source>A feedback plan (TOML): cue the wearer during live runs (docs/feedback.md).</source>
        <translation>Een feedbackplan (TOML): de drager tijdens live metingen seinen geven (docs/feedback.md).</translation>
    </message>
    <message>
        <source>unknown patient {code}: add it first with `oefensense patient add {code}`</source>
        <translation>onbekende patiënt {code}: voeg deze eerst toe met `oefensense patient add {code}`</translation>
    </message>
    <message>
        <source>Open the dashboard: therapist view and patient view, live or in replay.</source>
        <translation>Het dashboard openen: therapeutweergave en patiëntweergave, live of bij afspelen.</translation>
    </message>
    <message>
        <source>Record database (SQLAlchemy URL); default $OEFENSENSE_DATABASE, else SQLite in the data directory.</source>
        <translation>Database van het dossier (SQLAlchemy-URL); standaard $OEFENSENSE_DATABASE, anders SQLite in de gegevensmap.</translation>
    </message>
    <message>
        <source>The patient record: pseudonymous codes, sessions, progress, erasure.</source>
        <translation>Het patiëntdossier: pseudonieme codes, sessies, voortgang, verwijderen.</translation>
    </message>
    <message>
        <source>Add a patient to the record.</source>
        <translation>Een patiënt aan het dossier toevoegen.</translation>
    </message>
    <message>
        <source>Pseudonymous code (e.g. P001); never a name.</source>
        <translation>Pseudonieme code (bijv. P001); nooit een naam.</translation>
    </message>
    <message>
        <source>added</source>
        <translation>toegevoegd</translation>
    </message>
    <message>
        <source>patient {code}</source>
        <translation>patiënt {code}</translation>
    </message>
    <message>
        <source>List the patients with their number of sessions.</source>
        <translation>De patiënten met hun aantal sessies tonen.</translation>
    </message>
    <message>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <source>sessions</source>
        <translation>sessies</translation>
    </message>
    <message>
        <source>added (UTC)</source>
        <translation>toegevoegd (UTC)</translation>
    </message>
    <message>
        <source>no patients yet: `oefensense patient add CODE`</source>
        <translation>nog geen patiënten: `oefensense patient add CODE`</translation>
    </message>
    <message>
        <source>A patient&apos;s sessions and the trend of the figures that matter, session by session.</source>
        <translation>De sessies van een patiënt en het verloop van de belangrijkste cijfers, sessie voor sessie.</translation>
    </message>
    <message>
        <source>Record assessment results (scores such as pain 0-10) for a patient.</source>
        <translation>Meetresultaten (scores zoals pijn 0-10) voor een patiënt vastleggen.</translation>
    </message>
    <message>
        <source>CODE=VALUE, e.g. nprs=6 (repeat); codes: docs/record.md.</source>
        <translation>CODE=WAARDE, bijv. nprs=6 (herhalen); codes: docs/record.md.</translation>
    </message>
    <message>
        <source>When (ISO 8601; default now).</source>
        <translation>Wanneer (ISO 8601; standaard nu).</translation>
    </message>
    <message>
        <source>The session it belongs to.</source>
        <translation>De sessie waar het bij hoort.</translation>
    </message>
    <message>
        <source>--result takes CODE=VALUE, got {value!r}</source>
        <translation>--result verwacht CODE=WAARDE, kreeg {value!r}</translation>
    </message>
    <message>
        <source>--result {value!r}: the value is not a number</source>
        <translation>--result {value!r}: de waarde is geen getal</translation>
    </message>
    <message>
        <source>recorded</source>
        <translation>vastgelegd</translation>
    </message>
    <message>
        <source>assessment {id} ({kind}) for {code}:</source>
        <translation>meting {id} ({kind}) voor {code}:</translation>
    </message>
    <message>
        <source>Set a treatment goal (shown in the patient&apos;s report).</source>
        <translation>Een behandeldoel vastleggen (getoond in het verslag voor de patiënt).</translation>
    </message>
    <message>
        <source>The goal, in the patient&apos;s words (no names).</source>
        <translation>Het doel, in de woorden van de patiënt (geen namen).</translation>
    </message>
    <message>
        <source>goal set</source>
        <translation>doel vastgelegd</translation>
    </message>
    <message>
        <source>for {code}</source>
        <translation>voor {code}</translation>
    </message>
    <message>
        <source>Remove every row and file of a patient (the right to erasure) and say what was removed.</source>
        <translation>Alle rijen en bestanden van een patiënt verwijderen (recht op vergetelheid) en zeggen wat er verwijderd is.</translation>
    </message>
    <message>
        <source>Do not ask for confirmation.</source>
        <translation>Niet om bevestiging vragen.</translation>
    </message>
    <message numerus="yes">
        <source>erase patient {code}, %n session(s) and their files?</source>
        <translation>
            <numerusform>patiënt {code}, %n sessie en de bestanden ervan wissen?</numerusform>
            <numerusform>patiënt {code}, %n sessies en de bestanden ervan wissen?</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing erased</source>
        <translation>niets gewist</translation>
    </message>
    <message>
        <source>erased</source>
        <translation>gewist</translation>
    </message>
    <message>
        <source>removed {path}</source>
        <translation>{path} verwijderd</translation>
    </message>
    <message>
        <source>not removed: {path} ({why})</source>
        <translation>niet verwijderd: {path} ({why})</translation>
    </message>
    <message>
        <source>imported file (yours, not made by OefenSense): delete it yourself</source>
        <extracomment>the reasons ``Record.erase`` gives for a file it leaves, for the catalogue (shown through tr)</extracomment>
        <translation>geïmporteerd bestand (van u, niet door OefenSense gemaakt): verwijder het zelf</translation>
    </message>
    <message>
        <source>also the recording of another patient&apos;s session: not removed</source>
        <translation>ook de opname van een sessie van een andere patiënt: niet verwijderd</translation>
    </message>
    <message>
        <source>also a document of another patient: not removed</source>
        <translation>ook een document van een andere patiënt: niet verwijderd</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n sessie</numerusform>
            <numerusform>%n sessies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n session day(s)</source>
        <translation>
            <numerusform>%n sessiedag</numerusform>
            <numerusform>%n sessiedagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n assessment(s)</source>
        <translation>
            <numerusform>%n meting</numerusform>
            <numerusform>%n metingen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n goal(s)</source>
        <translation>
            <numerusform>%n doel</numerusform>
            <numerusform>%n doelen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) and export(s)</source>
        <translation>
            <numerusform>%n rapport of export</numerusform>
            <numerusform>%n rapporten en exports</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n patient(s)</source>
        <translation>
            <numerusform>%n patiënt</numerusform>
            <numerusform>%n patiënten</numerusform>
        </translation>
    </message>
    <message>
        <source>no sessions yet: `oefensense analyze FILE --out OUT --patient CODE --start ...`</source>
        <translation>nog geen sessies: `oefensense analyze BESTAND --out MAP --patient CODE --start ...`</translation>
    </message>
    <message>
        <source>start (local)</source>
        <translation>begin (lokaal)</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>soort</translation>
    </message>
    <message>
        <source>assessment</source>
        <translation>meting</translation>
    </message>
    <message>
        <source>duration</source>
        <extracomment>summary.json&apos;s keys and the keys inside its sections, as the table names them (others: the key)</extracomment>
        <translation>duur</translation>
    </message>
    <message>
        <source>sensors</source>
        <translation>sensoren</translation>
    </message>
    <message>
        <source>sessions (continued)</source>
        <translation>sessies (vervolg)</translation>
    </message>
    <message>
        <source>change since previous</source>
        <translation>verandering t.o.v. vorige</translation>
    </message>
    <message>
        <source>progress (per session, continued)</source>
        <translation>voortgang (per sessie, vervolg)</translation>
    </message>
    <message>
        <source>session {id}: the figures may be incomplete: {why}</source>
        <translation>sessie {id}: de cijfers kunnen onvolledig zijn: {why}</translation>
    </message>
    <message>
        <source>no valid day: worn too short</source>
        <extracomment>why a figure has no value yet (``record.progress.unknown_reason``), for the catalogue</extracomment>
        <translation>geen geldige dag: te kort gedragen</translation>
    </message>
    <message>
        <source>stored before stand-ups were counted</source>
        <translation>opgeslagen voordat opstaan werd geteld</translation>
    </message>
    <message>
        <source>no lifts</source>
        <translation>geen tilbewegingen</translation>
    </message>
    <message>
        <source>every lift too slow to tell the technique</source>
        <translation>elke tilbeweging te traag om de techniek te bepalen</translation>
    </message>
    <message>
        <source>patient {code} already has an intake ({date}): give --kind for this assessment (e.g. --kind re-test; --kind intake for a second intake)</source>
        <translation>patiënt {code} heeft al een intake ({date}): geef --kind voor deze meting (bijv. --kind hertest; --kind intake voor een tweede intake)</translation>
    </message>
    <message>
        <source>no value yet:</source>
        <translation>nog geen waarde:</translation>
    </message>
    <message>
        <source>Name of the assessment (intake, re-test, ...); without it: intake for a patient without an intake, else the command stops and asks for it.</source>
        <translation>Naam van de meting (intake, hertest, ...); zonder deze optie: intake voor een patiënt zonder intake, anders stopt het commando en vraagt erom.</translation>
    </message>
    <message>
        <source>figure</source>
        <translation>maat</translation>
    </message>
    <message>
        <source>change</source>
        <translation>verandering</translation>
    </message>
    <message>
        <source>progress (per session)</source>
        <translation>voortgang (per sessie)</translation>
    </message>
    <message>
        <source>date</source>
        <translation>datum</translation>
    </message>
    <message>
        <source>results</source>
        <translation>resultaten</translation>
    </message>
    <message>
        <source>assessments</source>
        <translation>metingen</translation>
    </message>
    <message>
        <source>goal ({date}): {text}</source>
        <translation>doel ({date}): {text}</translation>
    </message>
    <message>
        <source>give either --device (real sensors) or --simulate (simulated ones)</source>
        <translation>geef --device (echte sensoren) of --simulate (gesimuleerde), niet allebei</translation>
    </message>
    <message>
        <source>--speed and --inject-dropout only apply to --simulate</source>
        <translation>--speed en --inject-dropout gelden alleen bij --simulate</translation>
    </message>
    <message>
        <source>--patient registers the live analysis: leave out --no-analysis</source>
        <translation>--patient registreert de live analyse: laat --no-analysis weg</translation>
    </message>
    <message>
        <source>--feedback needs the live analysis: leave out --no-analysis</source>
        <translation>--feedback heeft de live analyse nodig: laat --no-analysis weg</translation>
    </message>
    <message>
        <source>stopping (stop streams, disconnect, flush, close)…</source>
        <translation>stoppen (metingen stoppen, verbinding verbreken, wegschrijven, afsluiten)…</translation>
    </message>
    <message>
        <source>the disk holding {out} is full: the recording stopped there; what was written before is kept. Free space, then run `oefensense repair {out}`</source>
        <translation>de schijf met {out} is vol: de opname is daar gestopt; wat eerder was weggeschreven blijft bewaard. Maak ruimte vrij en voer dan `oefensense repair {out}` uit</translation>
    </message>
    <message>
        <source>data per sensor, first to last sample: {spans}</source>
        <translation>gegevens per sensor, eerste tot laatste meetwaarde: {spans}</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} uur</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>verbinden…</translation>
    </message>
    <message>
        <source>no sample arrived from {sensors}: the session holds the other sensors only</source>
        <translation>geen enkele meetwaarde ontvangen van {sensors}: de sessie bevat alleen de andere sensoren</translation>
    </message>
    <message>
        <source>nothing was recorded: no sample arrived from {sensors} before the recording stopped; {out} was removed</source>
        <translation>er is niets opgenomen: geen enkele meetwaarde ontvangen van {sensors} voordat de opname stopte; {out} is verwijderd</translation>
    </message>
    <message>
        <source>nothing was recorded: no sample arrived from {sensors} before the recording stopped; {out} holds no samples (see `oefensense info {out}`)</source>
        <translation>er is niets opgenomen: geen enkele meetwaarde ontvangen van {sensors} voordat de opname stopte; {out} bevat geen meetwaarden (zie `oefensense info {out}`)</translation>
    </message>
    <message>
        <source>stop abandoned after {out} was closed; its compaction may be unfinished: run `oefensense repair {out}`</source>
        <translation>stoppen afgebroken nadat {out} was afgesloten; het comprimeren is misschien niet af: voer `oefensense repair {out}` uit</translation>
    </message>
    <message>
        <source>stop abandoned while {out} was being closed; it may NOT be closed (data up to the last flush is on disk: run `oefensense repair {out}`)</source>
        <translation>stoppen afgebroken terwijl {out} werd afgesloten; het is misschien NIET afgesloten (de gegevens tot het laatste wegschrijven staan op schijf: voer `oefensense repair {out}` uit)</translation>
    </message>
    <message>
        <source>stop abandoned; {out} was NOT closed (data up to the last flush is on disk: run `oefensense repair {out}`)</source>
        <translation>stoppen afgebroken; {out} is NIET afgesloten (de gegevens tot het laatste wegschrijven staan op schijf: voer `oefensense repair {out}` uit)</translation>
    </message>
    <message>
        <source>the recording did not stop within {seconds} s; {out} was NOT closed (data up to the last flush is on disk: run `oefensense repair {out}`)</source>
        <translation>de opname stopte niet binnen {seconds} s; {out} is NIET afgesloten (de gegevens tot het laatste wegschrijven staan op schijf: voer `oefensense repair {out}` uit)</translation>
    </message>
    <message>
        <source>Record live (or simulated) sensors into a session directory.</source>
        <translation>Live (of gesimuleerde) sensoren opnemen in een sessiemap.</translation>
    </message>
    <message>
        <source>New session directory.</source>
        <translation>Nieuwe sessiemap.</translation>
    </message>
    <message>
        <source>ADDRESS[=placement] (or ADDRESS@family=placement).</source>
        <translation>ADRES[=plaats] (of ADRES@familie=plaats).</translation>
    </message>
    <message>
        <source>FAMILY[:CSV][=placement]: a simulated sensor.</source>
        <translation>FAMILIE[:CSV][=plaats]: een gesimuleerde sensor.</translation>
    </message>
    <message>
        <source>Stop S seconds (session time) after every sensor delivered its first data.</source>
        <translation>Stoppen S seconden (sessietijd) nadat elke sensor zijn eerste gegevens gaf.</translation>
    </message>
    <message>
        <source>Sample rate in Hz (nearest supported).</source>
        <translation>Meetfrequentie in Hz (de dichtstbijzijnde die de sensor kent).</translation>
    </message>
    <message>
        <source>Simulation only: run this many times faster than real time.</source>
        <translation>Alleen bij simulatie: zoveel keer sneller dan de werkelijke tijd.</translation>
    </message>
    <message>
        <source>Simulation only: FAMILY:AT_S:FOR_S.</source>
        <translation>Alleen bij simulatie: FAMILIE:OP_S:DUUR_S.</translation>
    </message>
    <message>
        <source>Seconds (real) between status lines.</source>
        <translation>Seconden (werkelijke tijd) tussen statusregels.</translation>
    </message>
    <message>
        <source>Run the analysis stages live (else record packets and samples only).</source>
        <translation>De analyse live uitvoeren (anders alleen pakketten en meetwaarden opnemen).</translation>
    </message>
    <message>
        <source>Store device addresses and serials as they are (default: salted hashes).</source>
        <translation>Apparaatadressen en serienummers bewaren zoals ze zijn (standaard: gezouten hashes).</translation>
    </message>
    <message>
        <source>A feedback plan (TOML): cue the wearer live (docs/feedback.md).</source>
        <translation>Een feedbackplan (TOML): de drager live signalen geven (docs/feedback.md).</translation>
    </message>
    <message>
        <source>recording failed before any data: {error}</source>
        <translation>opname mislukt voordat er gegevens waren: {error}</translation>
    </message>
    <message>
        <source>recording failed: {error}; nothing was recorded, {out} was removed</source>
        <translation>opname mislukt: {error}; er is niets opgenomen, {out} is verwijderd</translation>
    </message>
    <message>
        <source>recording failed: {error}; check `oefensense info {out}`</source>
        <translation>opname mislukt: {error}; controleer `oefensense info {out}`</translation>
    </message>
    <message numerus="yes">
        <source>%n sensor(s)</source>
        <translation>
            <numerusform>%n sensor</numerusform>
            <numerusform>%n sensoren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n samples; closed and compacted</source>
        <translation>
            <numerusform>%n meetwaarde; afgesloten en samengevoegd</numerusform>
            <numerusform>%n meetwaarden; afgesloten en samengevoegd</numerusform>
        </translation>
    </message>
    <message>
        <source>{option} must be a positive number, got {value}</source>
        <translation>{option} moet een positief getal zijn, kreeg {value}</translation>
    </message>
    <message numerus="yes">
        <source>the disk holding {out} has {free} MB free; {length} of %n sensor(s) at {rate} Hz needs about {need} MB: it will stop when the disk is full. Free space or record to another disk</source>
        <translation>
            <numerusform>de schijf met {out} heeft {free} MB vrij; {length} met %n sensor op {rate} Hz vraagt ongeveer {need} MB: de opname stopt als de schijf vol is. Maak ruimte vrij of neem op naar een andere schijf</numerusform>
            <numerusform>de schijf met {out} heeft {free} MB vrij; {length} met %n sensoren op {rate} Hz vraagt ongeveer {need} MB: de opname stopt als de schijf vol is. Maak ruimte vrij of neem op naar een andere schijf</numerusform>
        </translation>
    </message>
    <message>
        <source>{out} was not closed and compacted; run `oefensense repair {out}`</source>
        <translation>{out} is niet afgesloten en samengevoegd; voer `oefensense repair {out}` uit</translation>
    </message>
    <message>
        <source>Register the result for this patient (pseudonymous code, see `oefensense patient add`).</source>
        <translation>Het resultaat registreren voor deze patiënt (pseudonieme code, zie `oefensense patient add`).</translation>
    </message>
    <message>
        <source>Clock time at the recording&apos;s time 0 for files with relative times, ISO 8601 with UTC offset (e.g. 2026-03-02T08:30+01:00); needed to register a CSV file and for days.csv/hours.csv.</source>
        <translation>Kloktijd op tijdstip 0 van de opname voor bestanden met relatieve tijden, ISO 8601 met UTC-verschil (bijv. 2026-03-02T08:30+01:00); nodig om een CSV-bestand te registreren en voor days.csv/hours.csv.</translation>
    </message>
    <message>
        <source>IANA time zone the recording was made in (e.g. Europe/Amsterdam; default: this machine&apos;s).</source>
        <translation>IANA-tijdzone waarin de opname is gemaakt (bijv. Europe/Amsterdam; standaard: die van deze computer).</translation>
    </message>
    <message>
        <source>What the session was: free, sit_to_stand, lifting, bending, workplace.</source>
        <translation>Wat de sessie was: free (vrij), sit_to_stand (opstaan), lifting (tillen), bending (bukken), workplace (werkplek).</translation>
    </message>
    <message>
        <source>--tz goes with --start</source>
        <translation>--tz hoort bij --start</translation>
    </message>
    <message>
        <source>{path} is a recording of patient {owner}, not of {code}: it is not registered</source>
        <translation>{path} is een opname van patiënt {owner}, niet van {code}: deze is niet geregistreerd</translation>
    </message>
    <message>
        <source>{path} is registered as session {id} of patient {owner}: a recording belongs to one patient, so it is not registered for {code}</source>
        <translation>{path} is geregistreerd als sessie {id} van patiënt {owner}: een opname hoort bij één patiënt, dus deze is niet geregistreerd voor {code}</translation>
    </message>
    <message>
        <source>--assessment is for registering a result: give --patient too</source>
        <translation>--assessment is om een resultaat te registreren: geef ook --patient</translation>
    </message>
    <message>
        <source>--assessment {value!r}: one of {choices}</source>
        <translation>--assessment {value!r}: kies uit {choices}</translation>
    </message>
    <message>
        <source>the recording has no clock time: give its start with --start, e.g. --start 2026-03-02T08:30+01:00</source>
        <translation>de opname heeft geen kloktijd: geef de begintijd met --start, bijv. --start 2026-03-02T08:30+01:00</translation>
    </message>
    <message>
        <source>{folder} holds the results of session {id} of {patient}: choose another --out (a new analysis would overwrite them)</source>
        <translation>{folder} bevat de resultaten van sessie {id} van {patient}: kies een andere --out (een nieuwe analyse zou ze overschrijven)</translation>
    </message>
    <message>
        <source>registered</source>
        <translation>geregistreerd</translation>
    </message>
    <message>
        <source>session {id} of {code}</source>
        <translation>sessie {id} van {code}</translation>
    </message>
    <message>
        <source>warning:</source>
        <translation>waarschuwing:</translation>
    </message>
    <message>
        <source>session {id} shares {seconds} s of clock time with session {other} of {code} (recorded twice, or overlapping files): each keeps its own figures; do not add them up</source>
        <translation>sessie {id} deelt {seconds} s kloktijd met sessie {other} van {code} (dubbel opgenomen, of overlappende bestanden): elk houdt zijn eigen cijfers; tel ze niet op</translation>
    </message>
    <message>
        <source>{option} {text!r}: give a date as YYYY-MM-DD</source>
        <translation>{option} {text!r}: geef een datum als JJJJ-MM-DD</translation>
    </message>
    <message>
        <source>Write a PDF report: by default the newest session, compared with the one before.</source>
        <translation>Een PDF-verslag schrijven: standaard de nieuwste sessie, vergeleken met de vorige.</translation>
    </message>
    <message>
        <source>The PDF file to write.</source>
        <translation>Het PDF-bestand dat geschreven wordt.</translation>
    </message>
    <message>
        <source>One session (id from `patient show`).</source>
        <translation>Eén sessie (id uit `patient show`).</translation>
    </message>
    <message>
        <source>First date (YYYY-MM-DD) of the sessions to show.</source>
        <translation>Eerste datum (JJJJ-MM-DD) van de sessies die getoond worden.</translation>
    </message>
    <message>
        <source>Last date (YYYY-MM-DD) of the sessions to show.</source>
        <translation>Laatste datum (JJJJ-MM-DD) van de sessies die getoond worden.</translation>
    </message>
    <message>
        <source>Language of the report: nl or en (default: --language before the command, else the locale).</source>
        <translation>Taal van het verslag: nl of en (standaard: --language vóór de opdracht, anders de landinstelling).</translation>
    </message>
    <message>
        <source>therapist (full report) or patient (plain words).</source>
        <translation>therapist (volledig verslag) of patient (in gewone woorden).</translation>
    </message>
    <message>
        <source>give either --session or --from/--to</source>
        <translation>geef --session of --from/--to, niet allebei</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n pagina</numerusform>
            <numerusform>%n pagina&apos;s</numerusform>
        </translation>
    </message>
    <message>
        <source>time per posture (s)</source>
        <translation>tijd per houding (s)</translation>
    </message>
    <message>
        <source>sit-to-stands</source>
        <translation>keer opgestaan</translation>
    </message>
    <message>
        <source>transitions</source>
        <translation>overgangen</translation>
    </message>
    <message>
        <source>sitting bouts</source>
        <translation>zitperiodes</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>ma</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>di</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>wo</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>do</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>vr</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>za</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>zo</translation>
    </message>
    <message>
        <source>Per day (hours:minutes)</source>
        <translation>Per dag (uren:minuten)</translation>
    </message>
    <message>
        <source>day</source>
        <translation>dag</translation>
    </message>
    <message>
        <source>(across midnight)</source>
        <translation>(over middernacht)</translation>
    </message>
    <message>
        <source>at work: {hours}</source>
        <extracomment>the key to the day table&apos;s &quot;at work&quot; lines; {hours} is e.g. &quot;Mon-Fri 08:30-17:00; Sat 09:00-12:00&quot;</extracomment>
        <translation>op het werk: {hours}</translation>
    </message>
    <message>
        <source>worn</source>
        <translation>gedragen</translation>
    </message>
    <message>
        <source>lifts</source>
        <translation>tilbewegingen</translation>
    </message>
    <message>
        <source>long bouts</source>
        <translation>lang</translation>
    </message>
    <message>
        <source>longest</source>
        <translation>langste</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>geldig</translation>
    </message>
    <message>
        <source>stand-ups</source>
        <translation>opstaan</translation>
    </message>
    <message>
        <source>at work</source>
        <translation>op het werk</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nee</translation>
    </message>
    <message>
        <source>Per day (continued)</source>
        <translation>Per dag (vervolg)</translation>
    </message>
    <message>
        <source>long bouts: sitting 30 min or more; valid: worn at least {hours} h</source>
        <translation>lang: zitperiodes van 30 min of langer; geldig: minstens {hours} uur gedragen</translation>
    </message>
    <message>
        <source>trunk zones (s)</source>
        <translation>rompzones (s)</translation>
    </message>
    <message>
        <source>trunk exposure</source>
        <translation>rompbelasting</translation>
    </message>
    <message>
        <source>technique alerts</source>
        <translation>techniekmeldingen</translation>
    </message>
    <message>
        <source>data quality</source>
        <translation>gegevenskwaliteit</translation>
    </message>
    <message>
        <source>clock time</source>
        <translation>kloktijd</translation>
    </message>
    <message>
        <source>cues</source>
        <translation>signalen</translation>
    </message>
    <message>
        <source>periods</source>
        <translation>periodes</translation>
    </message>
    <message>
        <source>number</source>
        <translation>aantal</translation>
    </message>
    <message>
        <source>prolonged</source>
        <translation>lang</translation>
    </message>
    <message>
        <source>breaks</source>
        <translation>pauzes</translation>
    </message>
    <message>
        <source>angle from</source>
        <translation>hoek van</translation>
    </message>
    <message>
        <source>prolonged from</source>
        <translation>lang vanaf</translation>
    </message>
    <message>
        <source>bends</source>
        <translation>bukbewegingen</translation>
    </message>
    <message>
        <source>bends per hour</source>
        <translation>bukbewegingen per uur</translation>
    </message>
    <message>
        <source>over 60° per hour</source>
        <translation>boven 60° per uur</translation>
    </message>
    <message>
        <source>static holds</source>
        <translation>statische houdingen</translation>
    </message>
    <message>
        <source>total</source>
        <translation>totaal</translation>
    </message>
    <message>
        <source>outside bouts</source>
        <translation>buiten periodes</translation>
    </message>
    <message>
        <source>sitting or in transition (pelvis, in no zone)</source>
        <translation>zittend of in overgang (bekken, in geen zone)</translation>
    </message>
    <message>
        <source>extension</source>
        <translation>extensie</translation>
    </message>
    <message>
        <source>time over 60°</source>
        <translation>tijd boven 60°</translation>
    </message>
    <message>
        <source>longest hold 20-60°</source>
        <translation>langst aangehouden 20-60°</translation>
    </message>
    <message>
        <source>lifts with a bent back, trunk over 60°</source>
        <translation>tillen met gebogen rug, romp meer dan 60°</translation>
    </message>
    <message>
        <source>long bent hold</source>
        <translation>lang gebogen</translation>
    </message>
    <message>
        <source>squats (not counted as sitting)</source>
        <translation>hurkbewegingen (niet als zitten geteld)</translation>
    </message>
    <message>
        <source>start (UTC)</source>
        <translation>begin (UTC)</translation>
    </message>
    <message>
        <source>time zone</source>
        <translation>tijdzone</translation>
    </message>
    <message>
        <source>start (local time)</source>
        <translation>begin (lokale tijd)</translation>
    </message>
    <message>
        <source>posture decided by (s)</source>
        <translation>houding bepaald door (s)</translation>
    </message>
    <message>
        <source>sensor changes</source>
        <translation>sensorwissels</translation>
    </message>
    <message>
        <source>angle sensor changed</source>
        <translation>sensor voor de hoek gewisseld</translation>
    </message>
    <message>
        <source>walks (not counted as standing up or sitting down)</source>
        <translation>stukjes lopen (niet als opstaan of gaan zitten geteld)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>geen</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} u {m} min</translation>
    </message>
    <message>
        <source>{what} from {at} s</source>
        <translation>{what} vanaf {at} s</translation>
    </message>
    <message>
        <source>the session was still being recorded: the results end at its last flush</source>
        <translation>de sessie werd nog opgenomen: de resultaten eindigen bij wat tot dan was weggeschreven</translation>
    </message>
    <message>
        <source>the session was not closed (the recording crashed): the results end at its last flush; `oefensense repair` closes it</source>
        <translation>de sessie is niet afgesloten (de opname is vastgelopen): de resultaten eindigen bij wat tot dan was weggeschreven; `oefensense repair` sluit haar af</translation>
    </message>
    <message>
        <source>{sensor}: import {what}</source>
        <translation>{sensor}: import {what}</translation>
    </message>
    <message numerus="yes">
        <source>; %n samples dropped</source>
        <translation>
            <numerusform>; %n meetwaarde weggelaten</numerusform>
            <numerusform>; %n meetwaarden weggelaten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{sensor}: %n flagged gap(s), {seconds} s ({reasons})</source>
        <translation>
            <numerusform>{sensor}: %n gemarkeerd gat, {seconds} s ({reasons})</numerusform>
            <numerusform>{sensor}: %n gemarkeerde gaten, {seconds} s ({reasons})</numerusform>
        </translation>
    </message>
    <message>
        <source>{sensor}: starts still, {deg}° from upright (lying, or not worn), without a walk: its upright direction until {until} s ({span}) was taken from the walk that follows</source>
        <translation>{sensor}: begint stil, {deg}° van rechtop (liggend, of niet gedragen), zonder te lopen: de rechtop-richting tot {until} s ({span}) is genomen uit het lopen dat volgt</translation>
    </message>
    <message>
        <source>{sensor}: no walking found, so its upright direction is a guess from its most common still posture: posture and angles may be wrong (lying may read as standing)</source>
        <translation>{sensor}: geen lopen gevonden, dus de rechtop-richting is geschat uit de meest voorkomende stille houding: houding en hoeken kunnen onjuist zijn (liggen kan als staan gelezen zijn)</translation>
    </message>
    <message>
        <source>{sensor}: upright direction corrected by {deg}° at {at} s: posture and angles from {since} s until then ({span}) are unreliable</source>
        <translation>{sensor}: rechtop-richting {deg}° bijgesteld na {at} s: houding en hoeken van {since} s tot dan ({span}) zijn onbetrouwbaar</translation>
    </message>
    <message>
        <source>{sensor}: data only from {start} to {end} s (the other sensors {first}-{last} s)</source>
        <translation>{sensor}: gegevens alleen van {start} tot {end} s (de andere sensoren {first}-{last} s)</translation>
    </message>
    <message>
        <source>the files&apos; first rows are apart ({firsts}): read as one clock (--common-clock)</source>
        <translation>de eerste rijen van de bestanden liggen uit elkaar ({firsts}): gelezen als één klok (--common-clock)</translation>
    </message>
    <message>
        <source>the files&apos; first rows are apart ({firsts}): each file is taken to start at its first row; if their times are one clock, analyse with --common-clock</source>
        <translation>de eerste rijen van de bestanden liggen uit elkaar ({firsts}): elk bestand is genomen als beginnend bij zijn eerste rij; zijn hun tijden één klok, analyseer dan met --common-clock</translation>
    </message>
    <message>
        <source>nothing dropped or flagged</source>
        <translation>niets weggelaten of gemarkeerd</translation>
    </message>
    <message>
        <source>{t:&gt;5} s  {posture:&lt;14} transitions {transitions} · lifts {lifts} · events {events}</source>
        <translation>{t:&gt;5} s  {posture:&lt;14} overgangen {transitions} · tilbewegingen {lifts} · meldingen {events}</translation>
    </message>
    <message>
        <source>error:</source>
        <translation>fout:</translation>
    </message>
    <message>
        <source>Wearable posture and movement monitoring: stream, record, replay and analyse IMU data.</source>
        <translation>Houding en beweging meten met draagbare sensoren: IMU-gegevens streamen, opnemen, afspelen en analyseren.</translation>
    </message>
    <message>
        <source>Print the version and exit.</source>
        <translation>De versie tonen en stoppen.</translation>
    </message>
    <message>
        <source>Language of the output and the help: en or nl (default: the locale, LANG=nl_NL.UTF-8 gives Dutch).</source>
        <translation>Taal van de uitvoer en de hulp: en of nl (standaard: de landinstelling, LANG=nl_NL.UTF-8 geeft Nederlands).</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>onderbroken</translation>
    </message>
    <message>
        <source>unexpected {kind}: {text} (OEFENSENSE_DEBUG=1 shows where)</source>
        <translation>onverwachte {kind}: {text} (OEFENSENSE_DEBUG=1 toont waar)</translation>
    </message>
    <message>
        <source>OefenSense demo: {recording} (HAPT, CC BY 4.0, waist) streamed through a simulated {device} wearable at {speed} speed</source>
        <translation>OefenSense-demo: {recording} (HAPT, CC BY 4.0, taille) via een gesimuleerde {device}-sensor op {speed} snelheid</translation>
    </message>
    <message>
        <source>real recording via simulated {device}</source>
        <translation>echte opname via gesimuleerde {device}</translation>
    </message>
    <message>
        <source>SIMULATED lifting (movement simulator) via simulated {device}</source>
        <translation>GESIMULEERD tillen (bewegingssimulator) via gesimuleerde {device}</translation>
    </message>
    <message>
        <source>SIMULATED lifting part: {n} lifts ({techniques}) from the movement simulator, trunk + pelvis + thigh sensors clipped on at random angles</source>
        <translation>GESIMULEERD tildeel: {n} tilbewegingen ({techniques}) uit de bewegingssimulator, sensoren op romp, bekken en bovenbeen onder willekeurige hoeken</translation>
    </message>
    <message>
        <source>Export a patient&apos;s sessions, day figures and assessment results.</source>
        <translation>De sessies, dagcijfers en meetresultaten van een patiënt exporteren.</translation>
    </message>
    <message>
        <source>Patient code.</source>
        <translation>Patiëntcode.</translation>
    </message>
    <message>
        <source>fhir (R4 Bundle JSON file), csv or parquet (tables in a folder).</source>
        <translation>fhir (R4-Bundle als JSON-bestand), csv of parquet (tabellen in een map).</translation>
    </message>
    <message>
        <source>The JSON file (fhir) or the folder for the tables.</source>
        <translation>Het JSON-bestand (fhir) of de map voor de tabellen.</translation>
    </message>
    <message>
        <source>--format {value!r}: one of {choices}</source>
        <translation>--format {value!r}: kies uit {choices}</translation>
    </message>
    <message numerus="yes">
        <source>%n resource(s)</source>
        <translation>
            <numerusform>%n resource</numerusform>
            <numerusform>%n resources</numerusform>
        </translation>
    </message>
    <message>
        <source>Rebuild a session from its intact segments: verify every checksum, keep what is intact, list what was lost (flagged as gaps in a replay), close and compact.</source>
        <translation>Een sessie herstellen uit haar intacte segmenten: elke controlesom nagaan, bewaren wat intact is, opsommen wat verloren ging (als gat gemarkeerd bij afspelen), afsluiten en comprimeren.</translation>
    </message>
    <message>
        <source>The session directory to repair.</source>
        <translation>De sessiemap die hersteld moet worden.</translation>
    </message>
    <message>
        <source>{session}: intact and closed (every checksum matched); nothing to repair</source>
        <translation>{session}: intact en afgesloten (elke controlesom klopte); niets te herstellen</translation>
    </message>
    <message>
        <source>manifest.json rebuilt from {source}</source>
        <translation>manifest.json opnieuw opgebouwd uit {source}</translation>
    </message>
    <message>
        <source>the recording had not been closed: closed it (data up to its last flush kept)</source>
        <translation>de opname was niet afgesloten: nu afgesloten (gegevens tot het laatste wegschrijven bewaard)</translation>
    </message>
    <message>
        <source>lost:</source>
        <translation>verloren:</translation>
    </message>
    <message numerus="yes">
        <source>; %n gap event(s) flag the lost raw packets</source>
        <translation>
            <numerusform>; %n gat-melding markeert de verloren ruwe pakketten</numerusform>
            <numerusform>; %n gat-meldingen markeren de verloren ruwe pakketten</numerusform>
        </translation>
    </message>
    <message>
        <source>repaired</source>
        <translation>hersteld</translation>
    </message>
    <message>
        <source>{session}/: kept {kept}{flagged}; closed and compacted</source>
        <translation>{session}/: bewaard {kept}{flagged}; afgesloten en samengevoegd</translation>
    </message>
    <message>
        <source>List supported wearables advertising nearby (scanning stops before anything streams).</source>
        <translation>Ondersteunde sensoren in de buurt tonen (het zoeken stopt voordat er iets streamt).</translation>
    </message>
    <message>
        <source>Seconds to listen.</source>
        <translation>Seconden luisteren.</translation>
    </message>
    <message>
        <source>Also list devices no family recognises.</source>
        <translation>Ook apparaten tonen die geen familie herkent.</translation>
    </message>
    <message>
        <source>FAMILY: scan simulated devices instead of the radio.</source>
        <translation>FAMILIE: gesimuleerde apparaten zoeken in plaats van via de radio.</translation>
    </message>
    <message>
        <source>no supported wearables found (is the sensor switched on and awake?)</source>
        <translation>geen ondersteunde sensoren gevonden (staat de sensor aan en is hij wakker?)</translation>
    </message>
    <message>
        <source>address</source>
        <translation>adres</translation>
    </message>
    <message>
        <source>name</source>
        <translation>naam</translation>
    </message>
    <message>
        <source>family</source>
        <translation>familie</translation>
    </message>
    <message>
        <source>battery</source>
        <translation>batterij</translation>
    </message>
    <message>
        <source>, DAMAGED</source>
        <translation>, BESCHADIGD</translation>
    </message>
    <message>
        <source>, repaired</source>
        <translation>, hersteld</translation>
    </message>
    <message>
        <source>, checksums verified</source>
        <translation>, controlegetallen geverifieerd</translation>
    </message>
    <message>
        <source>, no checksums (older format)</source>
        <translation>, geen controlegetallen (ouder formaat)</translation>
    </message>
    <message>
        <source>sensor</source>
        <translation>sensor</translation>
    </message>
    <message>
        <source>placement</source>
        <translation>plaats</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>waarden</translation>
    </message>
    <message>
        <source>rate Hz</source>
        <translation>frequentie Hz</translation>
    </message>
    <message>
        <source>loss %</source>
        <translation>verlies %</translation>
    </message>
    <message>
        <source>gaps</source>
        <translation>gaten</translation>
    </message>
    <message numerus="yes">
        <source>(+%n more)</source>
        <translation>
            <numerusform>(+%n meer)</numerusform>
            <numerusform>(+%n meer)</numerusform>
        </translation>
    </message>
    <message>
        <source>closed</source>
        <translation>afgesloten</translation>
    </message>
    <message>
        <source>recording in progress</source>
        <translation>opname loopt</translation>
    </message>
    <message>
        <source>NOT CLOSED</source>
        <translation>NIET AFGESLOTEN</translation>
    </message>
    <message>
        <source>, recovered after a crash</source>
        <translation>, hersteld na een crash</translation>
    </message>
    <message>
        <source>, compacted</source>
        <translation>, gecomprimeerd</translation>
    </message>
    <message>
        <source>{state}; created {created}</source>
        <translation>{state}; aangemaakt {created}</translation>
    </message>
    <message>
        <source>duration {duration} s   packets {packets}   events {events}   markers {markers}</source>
        <translation>duur {duration} s   pakketten {packets}   gebeurtenissen {events}   markeringen {markers}</translation>
    </message>
    <message>
        <source> after {latency} s</source>
        <translation> na {latency} s</translation>
    </message>
    <message>
        <source>Session directory (the one holding manifest.json).</source>
        <translation>Sessiemap (die met manifest.json).</translation>
    </message>
    <message>
        <source>Print machine-readable JSON instead of a table.</source>
        <translation>Machineleesbare JSON tonen in plaats van een tabel.</translation>
    </message>
    <message>
        <source>A gap is an interval longer than this many sample periods...</source>
        <translation>Een gat is een tussenpoos langer dan zoveel meetperiodes...</translation>
    </message>
    <message>
        <source>...and at least this many seconds.</source>
        <translation>...en minstens zoveel seconden.</translation>
    </message>
    <message>
        <source>Describe a recorded session: duration and, per sensor, placement, family, samples, rate, loss and gaps.</source>
        <translation>Een opgenomen sessie beschrijven: duur en per sensor plaats, familie, waarden, frequentie, verlies en gaten.</translation>
    </message>
    <message>
        <source>an unknown number of {kind} rows</source>
        <translation>een onbekend aantal rijen {kind}</translation>
    </message>
    <message numerus="yes">
        <source>at least %n {kind} row(s)</source>
        <translation>
            <numerusform>ten minste %n rij {kind}</numerusform>
            <numerusform>ten minste %n rijen {kind}</numerusform>
        </translation>
    </message>
    <message>
        <source>lost in storage:</source>
        <translation>verloren bij opslag:</translation>
    </message>
    <message numerus="yes">
        <source>%n {kind} row(s)</source>
        <translation>
            <numerusform>%n rij {kind}</numerusform>
            <numerusform>%n rijen {kind}</numerusform>
        </translation>
    </message>
    <message>
        <source>{sensor}: dropped samples (flagged gaps): {what}</source>
        <translation>{sensor}: verworpen samples (gemarkeerd als gat): {what}</translation>
    </message>
    <message>
        <source>import of {name}: {what}</source>
        <translation>import van {name}: {what}</translation>
    </message>
    <message>
        <source>lost (repaired, flagged as a gap):</source>
        <translation>verloren (hersteld, gemarkeerd als gat):</translation>
    </message>
    <message>
        <source>cues: {given} given, {delivered} delivered</source>
        <translation>signalen: {given} gegeven, {delivered} afgeleverd</translation>
    </message>
    <message>
        <source>; withheld:</source>
        <translation>; achtergehouden:</translation>
    </message>
    <message>
        <source>withheld ({why})</source>
        <translation>achtergehouden ({why})</translation>
    </message>
    <message>
        <source>delivered via {device}</source>
        <translation>afgeleverd via {device}</translation>
    </message>
    <message>
        <source>NOT delivered: {error}</source>
        <translation>NIET afgeleverd: {error}</translation>
    </message>
    <message numerus="yes">
        <source>(+%n more: --json lists all)</source>
        <translation>
            <numerusform>(+%n meer: --json toont alles)</numerusform>
            <numerusform>(+%n meer: --json toont alles)</numerusform>
        </translation>
    </message>
    <message>
        <source>simulated device {sid} ({name}, {family}): received {what}</source>
        <translation>gesimuleerd apparaat {sid} ({name}, {family}): ontving {what}</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>niets</translation>
    </message>
    <message>
        <source>refused:</source>
        <translation>geweigerd:</translation>
    </message>
    <message numerus="yes">
        <source>%n stop command(s) answered &apos;already stopped&apos; (harmless)</source>
        <translation>
            <numerusform>%n stopopdracht beantwoord met &apos;al gestopt&apos; (onschuldig)</numerusform>
            <numerusform>%n stopopdrachten beantwoord met &apos;al gestopt&apos; (onschuldig)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>damaged session: %n part(s) lost or altered (listed above); run `oefensense repair {session}` to keep the intact data and flag the rest as gaps</source>
        <translation>
            <numerusform>beschadigde sessie: %n deel verloren of gewijzigd (zie hierboven); voer `oefensense repair {session}` uit om de intacte gegevens te houden en de rest als gat te markeren</numerusform>
            <numerusform>beschadigde sessie: %n delen verloren of gewijzigd (zie hierboven); voer `oefensense repair {session}` uit om de intacte gegevens te houden en de rest als gat te markeren</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Patient</source>
        <translation>&amp;Patiënt</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>Verloop…</translation>
    </message>
    <message>
        <source>Report…</source>
        <translation>Rapport…</translation>
    </message>
    <message>
        <source>History of %1</source>
        <translation>Verloop van %1</translation>
    </message>
    <message>
        <source>Type a patient code first.</source>
        <translation>Vul eerst een patiëntcode in.</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Voor</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source>therapist</source>
        <translation>therapeut</translation>
    </message>
    <message>
        <source>patient</source>
        <translation>patiënt</translation>
    </message>
    <message>
        <source>Registered session %1 of %2</source>
        <translation>Sessie %1 van %2 vastgelegd</translation>
    </message>
    <message>
        <source>Recording saved, not registered: %1</source>
        <translation>Opname bewaard, niet vastgelegd: %1</translation>
    </message>
    <message>
        <source>Report written: %1</source>
        <translation>Rapport geschreven: %1</translation>
    </message>
    <message>
        <source>No sessions yet for %1. A recording made with `oefensense gui --patient %1`, or `oefensense analyze FILE --out OUT --patient %1 --start …`, adds one. Test results are under Patient → Tests…</source>
        <translation>Nog geen sessies voor %1. Een opname met `oefensense gui --patient %1`, of `oefensense analyze BESTAND --out MAP --patient %1 --start …`, voegt er een toe. Testresultaten staan onder Patiënt → Testen…</translation>
    </message>
    <message numerus="yes">
        <source>%n NaN/inf dropped</source>
        <translation>
            <numerusform>%n NaN/inf weggelaten</numerusform>
            <numerusform>%n NaN/inf weggelaten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n impossible value(s) dropped</source>
        <translation>
            <numerusform>%n onmogelijke waarde weggelaten</numerusform>
            <numerusform>%n onmogelijke waarden weggelaten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n repeated timestamp(s) dropped</source>
        <translation>
            <numerusform>%n herhaald tijdstip weggelaten</numerusform>
            <numerusform>%n herhaalde tijdstippen weggelaten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) sorted into time order</source>
        <translation>
            <numerusform>%n rij op tijd gesorteerd</numerusform>
            <numerusform>%n rijen op tijd gesorteerd</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n flagged gap(s)</source>
        <translation>
            <numerusform>%n gemarkeerd gat</numerusform>
            <numerusform>%n gemarkeerde gaten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>kept {kept} of %n row(s)</source>
        <translation>
            <numerusform>{kept} van %n rij behouden</numerusform>
            <numerusform>{kept} van %n rijen behouden</numerusform>
        </translation>
    </message>
    <message>
        <source>sampling rate changed: {changes}</source>
        <translation>bemonsteringsfrequentie veranderd: {changes}</translation>
    </message>
    <message>
        <source>{rate} Hz from {time} s</source>
        <translation>{rate} Hz vanaf {time} s</translation>
    </message>
    <message>
        <source>closing (stop streams, flush, close)…</source>
        <translation>afsluiten (streams stoppen, wegschrijven, sluiten)…</translation>
    </message>
    <message>
        <source>hold still</source>
        <translation>blijf stil</translation>
    </message>
    <message>
        <source>stand fully upright</source>
        <translation>sta helemaal rechtop</translation>
    </message>
    <message>
        <source>hold the position still</source>
        <translation>houd de houding stil</translation>
    </message>
    <message>
        <source>bend further forward</source>
        <translation>buig verder voorover</translation>
    </message>
    <message>
        <source>choose an orientation not used yet</source>
        <translation>kies een stand die nog niet gebruikt is</translation>
    </message>
    <message>
        <source>next orientation</source>
        <translation>volgende stand</translation>
    </message>
    <message>
        <source>Guided calibration (about 10 s): stand still, bend forward, stand again (sit, with a thigh sensor). Saves gyro bias and sensor-to-segment alignment per sensor.</source>
        <translation>Begeleide kalibratie (ongeveer 10 s): stilstaan, vooroverbuigen, weer staan (zitten, met een bovenbeensensor). Bewaart per sensor de gyro-afwijking en de uitlijning op het lichaamsdeel.</translation>
    </message>
    <message>
        <source>Recorded procedure: PLACEMENT=FILE (repeat per sensor).</source>
        <translation>Opgenomen procedure: PLAATS=BESTAND (herhalen per sensor).</translation>
    </message>
    <message>
        <source>Calibrate a simulated person who follows the prompts.</source>
        <translation>Een gesimuleerde persoon kalibreren die de aanwijzingen volgt.</translation>
    </message>
    <message>
        <source>Seed of the simulated person (sensor mountings, noise).</source>
        <translation>Seed van de gesimuleerde persoon (bevestiging van de sensoren, ruis).</translation>
    </message>
    <message>
        <source>Folder for the JSON profiles (one per sensor).</source>
        <translation>Map voor de JSON-profielen (één per sensor).</translation>
    </message>
    <message>
        <source>Pace input at this multiple of real time (0 = as fast as possible).</source>
        <translation>Invoer afspelen op dit veelvoud van de werkelijke tijd (0 = zo snel mogelijk).</translation>
    </message>
    <message>
        <source>Prompt language: en or nl (default: --language before the command, else the locale).</source>
        <translation>Taal van de aanwijzingen: en of nl (standaard: --language vóór de opdracht, anders de landinstelling).</translation>
    </message>
    <message>
        <source>Timestamp text stored in the profiles.</source>
        <translation>Tijdstempeltekst die in de profielen wordt opgeslagen.</translation>
    </message>
    <message>
        <source>give either --simulate or --sensor PLACEMENT=FILE</source>
        <translation>geef --simulate of --sensor PLAATS=BESTAND</translation>
    </message>
    <message>
        <source>Calibration of {sensors}</source>
        <translation>Kalibratie van {sensors}</translation>
    </message>
    <message>
        <source>the recording ended during step &apos;{step}&apos;</source>
        <translation>de opname eindigde tijdens stap &apos;{step}&apos;</translation>
    </message>
    <message>
        <source>alignment quality {quality}, gyro bias {bias} deg/s</source>
        <translation>kwaliteit uitlijning {quality}, gyro-bias {bias} graden/s</translation>
    </message>
    <message>
        <source>simulated truth: alignment error {error} deg</source>
        <translation>gesimuleerde werkelijkheid: uitlijnfout {error} graden</translation>
    </message>
    <message>
        <source>saved</source>
        <translation>opgeslagen</translation>
    </message>
    <message>
        <source>Rikli &amp; Jones 1999, J Aging Phys Act 7:162-181: community-residing older adults aged 60-94 in the USA (n = 7,183); normal range = 25th-75th percentile</source>
        <translation>Rikli &amp; Jones 1999, J Aging Phys Act 7:162-181: zelfstandig wonende ouderen van 60-94 jaar in de VS (n = 7.183); normaal bereik = 25e-75e percentiel</translation>
    </message>
    <message>
        <source>Bohannon 2006, Percept Mot Skills 103:215-222: meta-analysis of 13 papers, adults aged 60-89; a longer time than this is worse than average</source>
        <translation>Bohannon 2006, Percept Mot Skills 103:215-222: meta-analyse van 13 artikelen, volwassenen van 60-89 jaar; een langere tijd dan deze is slechter dan gemiddeld</translation>
    </message>
    <message>
        <source>Bohannon 2006, J Geriatr Phys Ther 29:64-68: meta-analysis of 21 studies of apparently healthy adults aged 60-99; mean (95 % confidence interval)</source>
        <translation>Bohannon 2006, J Geriatr Phys Ther 29:64-68: meta-analyse van 21 studies bij ogenschijnlijk gezonde volwassenen van 60-99 jaar; gemiddelde (95 %-betrouwbaarheidsinterval)</translation>
    </message>
    <message>
        <source>idle</source>
        <extracomment>LinkSnapshot.state in words</extracomment>
        <translation>inactief</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>verbinden</translation>
    </message>
    <message>
        <source>streaming</source>
        <translation>meet</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>herverbinden</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestopt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>mislukt</translation>
    </message>
    <message>
        <source>{sensor} {state} {rate} Hz  loss {loss} %  gaps {gaps}  bat {battery}  lat {latency} ms</source>
        <translation>{sensor} {state} {rate} Hz  verlies {loss} %  gaten {gaps}  batt {battery}  vertr {latency} ms</translation>
    </message>
    <message>
        <source>{advice} (system: {detail})</source>
        <translation>{advice} (melding van het systeem: {detail})</translation>
    </message>
    <message>
        <source>sensor not found: check it is switched on, charged and within a few metres</source>
        <translation>sensor niet gevonden: controleer of hij aan staat, geladen is en binnen een paar meter is</translation>
    </message>
    <message>
        <source>the Bluetooth adapter has no free connection slot: stream fewer sensors or disconnect other Bluetooth devices</source>
        <translation>de Bluetooth-adapter heeft geen verbinding meer vrij: gebruik minder sensoren of verbreek andere Bluetooth-apparaten</translation>
    </message>
    <message>
        <source>connection aborted (interference or range): move the sensor closer or use a USB adapter on an extension cable</source>
        <translation>verbinding afgebroken (storing of afstand): breng de sensor dichterbij of gebruik een USB-adapter aan een verlengkabel</translation>
    </message>
    <message>
        <source>the sensor did not answer in time: move it closer; if it keeps failing, switch it off and on</source>
        <translation>de sensor antwoordde niet op tijd: breng hem dichterbij; blijft het mislukken, zet hem dan uit en weer aan</translation>
    </message>
    <message>
        <source>the sensor refused the streaming settings: check the rate/range is supported by this model and its firmware</source>
        <translation>de sensor weigerde de meetinstellingen: controleer of dit model en zijn firmware de frequentie en het bereik ondersteunen</translation>
    </message>
    <message>
        <source>possible causes: out of range, a flat battery, the sensor busy with another app or phone, or settings this model does not accept; move it closer, close other apps that use it, charge it or switch it off and on, and check the rate/range for this model</source>
        <translation>mogelijke oorzaken: buiten bereik, een lege batterij, de sensor in gebruik door een andere app of telefoon, of instellingen die dit model niet aanneemt; breng hem dichterbij, sluit andere apps die hem gebruiken, laad hem op of zet hem uit en aan, en controleer de frequentie en het bereik voor dit model</translation>
    </message>
    <message>
        <source>the link dropped: reconnecting; keep the sensor within range</source>
        <translation>de verbinding viel weg: opnieuw verbinden; houd de sensor binnen bereik</translation>
    </message>
    <message>
        <source>no data from the sensor for too long: reconnecting</source>
        <translation>te lang geen gegevens van de sensor: opnieuw verbinden</translation>
    </message>
    <message>
        <source>the Bluetooth adapter is unavailable: check it is powered on (bluetoothctl power on) and that this user may use it</source>
        <translation>de Bluetooth-adapter is niet beschikbaar: controleer of hij aan staat (bluetoothctl power on) en of deze gebruiker hem mag gebruiken</translation>
    </message>
    <message>
        <source>unexpected Bluetooth error: see the log; reconnecting</source>
        <translation>onverwachte Bluetooth-fout: zie het logboek; opnieuw verbinden</translation>
    </message>
    <message>
        <source>{sensor} ({address}): {error}; {advice}</source>
        <translation>{sensor} ({address}): {error}; {advice}</translation>
    </message>
    <message>
        <source>{sensor} ({address}): connected, but no data within {seconds} s of the start command; {advice}</source>
        <translation>{sensor} ({address}): verbonden, maar geen gegevens binnen {seconds} s na het startcommando; {advice}</translation>
    </message>
    <message>
        <source>{sensor} ({address}): connected, but the board did not say what it is within {seconds} s, so its scale is not guessed; {advice}</source>
        <translation>{sensor} ({address}): verbonden, maar de sensor meldde niet binnen {seconds} s wat voor sensor het is, dus het meetbereik wordt niet geraden; {advice}</translation>
    </message>
    <message>
        <source>{sensor} ({address}): not a supported wearable (advertisement not recognised); give the family as ADDRESS@family, see `oefensense scan --all`</source>
        <translation>{sensor} ({address}): geen ondersteunde sensor (advertentie niet herkend); geef de familie op als ADRES@familie, zie `oefensense scan --all`</translation>
    </message>
    <message>
        <source>cannot scan: {error}; {advice}</source>
        <translation>zoeken mislukt: {error}; {advice}</translation>
    </message>
    <message>
        <source>cannot scan: this computer&apos;s Bluetooth service (BlueZ on the system D-Bus) does not answer; {advice}</source>
        <translation>zoeken mislukt: de Bluetooth-dienst van deze computer (BlueZ op de systeem-D-Bus) antwoordt niet; {advice}</translation>
    </message>
    <message>
        <source>not found while scanning for {seconds} s: {sensors}; {advice} (`oefensense scan` lists what is in range)</source>
        <translation>niet gevonden na {seconds} s zoeken: {sensors}; {advice} (`oefensense scan` toont wat binnen bereik is)</translation>
    </message>
    <message>
        <source>{folder}: no such analysis folder</source>
        <translation>{folder}: deze analysemap bestaat niet</translation>
    </message>
    <message>
        <source>{folder}: not an analysis folder (missing {files})</source>
        <translation>{folder}: geen analysemap (ontbreekt: {files})</translation>
    </message>
    <message>
        <source>{folder}: results changed since they were registered ({before}… -&gt; {now}…); register the new analysis</source>
        <translation>{folder}: de resultaten zijn veranderd sinds ze werden geregistreerd ({before}… -&gt; {now}…); registreer de nieuwe analyse</translation>
    </message>
    <message>
        <source>patient {code} already exists</source>
        <translation>patiënt {code} bestaat al</translation>
    </message>
    <message>
        <source>session kind {kind!r}: one of {kinds}</source>
        <translation>soort sessie {kind!r}: een van {kinds}</translation>
    </message>
    <message>
        <source>no session {id} in the record</source>
        <translation>geen sessie {id} in het dossier</translation>
    </message>
    <message>
        <source>an assessment needs at least one result (--result CODE=VALUE)</source>
        <translation>een meting heeft minstens één resultaat nodig (--result CODE=WAARDE)</translation>
    </message>
    <message>
        <source>session {id} is not a session of {code}</source>
        <translation>sessie {id} is geen sessie van {code}</translation>
    </message>
    <message>
        <source>a goal needs a text</source>
        <translation>een doel heeft een tekst nodig</translation>
    </message>
    <message>
        <source>{path} is a report of patient {other}: not overwritten with one of {code}; write it to another file</source>
        <translation>{path} is een rapport van patiënt {other}: niet overschreven met een van {code}; schrijf het naar een ander bestand</translation>
    </message>
    <message>
        <source>{path} is an export of patient {other}: not overwritten with one of {code}; write it to another file</source>
        <translation>{path} is een export van patiënt {other}: niet overschreven met een van {code}; schrijf het naar een ander bestand</translation>
    </message>
    <message>
        <source>the record database{where} is read-only: nothing was changed (check the file&apos;s permissions, or use a writable copy with --database)</source>
        <translation>de dossierdatabase{where} is alleen-lezen: er is niets veranderd (controleer de rechten van het bestand, of gebruik een schrijfbare kopie met --database)</translation>
    </message>
    <message>
        <source>the record database{where} is locked by another program (another OefenSense?): nothing was changed; try again when it has finished</source>
        <translation>de dossierdatabase{where} is vergrendeld door een ander programma (een andere OefenSense?): er is niets veranderd; probeer het opnieuw als dat klaar is</translation>
    </message>
    <message>
        <source>session {id} of {code}: {error}</source>
        <translation>sessie {id} van {code}: {error}</translation>
    </message>
    <message>
        <source>{code} has no session between {start} and {end}</source>
        <translation>{code} heeft geen sessie tussen {start} en {end}</translation>
    </message>
    <message>
        <source>{code} has no sessions yet: register one with `oefensense analyze ... --patient {code}`</source>
        <translation>{code} heeft nog geen sessies: registreer er een met `oefensense analyze ... --patient {code}`</translation>
    </message>
    <message>
        <source>no stand-up found in the recording</source>
        <translation>geen opstaan gevonden in de opname</translation>
    </message>
    <message>
        <source>sensor data missing {start:.1f}-{end:.1f} s into the recording ({dur:.1f} s): bridged, the movement taken to go on through it</source>
        <translation>sensorgegevens ontbreken van {start:.1f} tot {end:.1f} s in de opname ({dur:.1f} s): overbrugd, aangenomen dat de beweging doorliep</translation>
    </message>
    <message>
        <source>sensor data missing or invalid {start:.1f}-{end:.1f} s into the recording</source>
        <extracomment>{start}-{end}: seconds into the recording. &quot;Missing or invalid&quot;: no hole was reported there, the samples were flagged invalid (saturation, or the sensor settling after a hole nobody reported)</extracomment>
        <translation>sensorgegevens ontbreken of zijn ongeldig van {start:.1f} tot {end:.1f} s in de opname</translation>
    </message>
    <message>
        <source>sensor data missing {start:.1f}-{missing_end:.1f} s into the recording ({missing:.1f} s), then not yet usable until {end:.1f} s while the sensor settled again ({dur:.1f} s without usable data)</source>
        <extracomment>{start}-{missing_end}: the hole, seconds into the recording; {missing}: its length (s); the data came back at {missing_end} but the sensor&apos;s orientation was not yet reliable until {end} s; {dur}: the whole stretch the test could not use (s)</extracomment>
        <translation>sensorgegevens ontbreken van {start:.1f} tot {missing_end:.1f} s in de opname ({missing:.1f} s), daarna tot {end:.1f} s nog niet bruikbaar terwijl de sensor opnieuw instelde ({dur:.1f} s zonder bruikbare gegevens)</translation>
    </message>
    <message>
        <source>sensor data missing {start:.1f}-{end:.1f} s into the recording ({dur:.1f} s)</source>
        <extracomment>{start}-{end}: seconds into the recording; {dur}: the hole&apos;s length (s)</extracomment>
        <translation>sensorgegevens ontbreken van {start:.1f} tot {end:.1f} s in de opname ({dur:.1f} s)</translation>
    </message>
    <message>
        <source>sensor data invalid {start:.1f}-{missing_start:.1f} s and missing {missing_start:.1f}-{missing_end:.1f} s into the recording ({missing:.1f} s), then not yet usable until {end:.1f} s while the sensor settled again ({dur:.1f} s without usable data)</source>
        <extracomment>{start}-{missing_start}: invalid samples (saturation) just before the hole, seconds into the recording; {missing_start}-{missing_end}: the hole; {missing}: its length (s); then the sensor&apos;s orientation settled until {end} s; {dur}: the whole stretch the test could not use (s)</extracomment>
        <translation>sensorgegevens ongeldig van {start:.1f} tot {missing_start:.1f} s en ontbreken van {missing_start:.1f} tot {missing_end:.1f} s in de opname ({missing:.1f} s), daarna tot {end:.1f} s nog niet bruikbaar terwijl de sensor opnieuw instelde ({dur:.1f} s zonder bruikbare gegevens)</translation>
    </message>
    <message>
        <source>sensor data invalid {start:.1f}-{missing_start:.1f} s and missing {missing_start:.1f}-{end:.1f} s into the recording ({missing:.1f} s)</source>
        <extracomment>{start}-{missing_start}: invalid samples (saturation) just before the hole, seconds into the recording; {missing_start}-{end}: the hole; {missing}: its length (s)</extracomment>
        <translation>sensorgegevens ongeldig van {start:.1f} tot {missing_start:.1f} s en ontbreken van {missing_start:.1f} tot {end:.1f} s in de opname ({missing:.1f} s)</translation>
    </message>
    <message>
        <source>a stand-up at {at:.1f} s had invalid samples</source>
        <translation>het opstaan op {at:.1f} s had ongeldige meetwaarden</translation>
    </message>
    <message>
        <source>a sit-down at {at:.1f} s had invalid samples</source>
        <translation>het gaan zitten op {at:.1f} s had ongeldige meetwaarden</translation>
    </message>
    <message>
        <source>held still {held:.1f} s part-way up in the stand-up at {at:.1f} s</source>
        <translation>{held:.1f} s stilgehouden halverwege het opstaan op {at:.1f} s</translation>
    </message>
    <message>
        <source>held still {held:.1f} s part-way down in the sit-down at {at:.1f} s</source>
        <translation>{held:.1f} s stilgehouden halverwege het gaan zitten op {at:.1f} s</translation>
    </message>
    <message>
        <source>{rest:.1f} s rest after {at:.1f} s, sensor data missing {gap:.1f} s of it</source>
        <extracomment>{gap}: seconds of the rest in which the sensor sent no valid data (a short, bridged gap)</extracomment>
        <translation>{rest:.1f} s rust na {at:.1f} s, waarvan {gap:.1f} s zonder sensorgegevens</translation>
    </message>
    <message>
        <source>{rest:.1f} s without a stand from {at:.1f} s to the end of the test&apos;s time: the count is not of a continuous effort</source>
        <translation>{rest:.1f} s niet opgestaan vanaf {at:.1f} s tot het einde van de testtijd: het aantal is niet van een doorlopende inspanning</translation>
    </message>
    <message>
        <source>{rest:.1f} s rest after {at:.1f} s</source>
        <translation>{rest:.1f} s rust na {at:.1f} s</translation>
    </message>
    <message>
        <source>the patient was still moving when the data ended, {after:.1f} s after the test&apos;s end: the last movement may be cut (record until the patient is still)</source>
        <translation>de patiënt bewoog nog toen de gegevens eindigden, {after:.1f} s na het einde van de test: de laatste beweging is mogelijk afgekapt (neem op tot de patiënt stil is)</translation>
    </message>
    <message>
        <source>the patient was still moving when the data ended, less than {limit:.1f} s after the test&apos;s end found: the last movement may be cut and end where the data ends (record until the patient is still)</source>
        <translation>de patiënt bewoog nog toen de gegevens eindigden, minder dan {limit:.1f} s na het gevonden einde van de test: de laatste beweging is mogelijk afgekapt en eindigt waar de gegevens eindigen (neem op tot de patiënt stil is)</translation>
    </message>
    <message>
        <source>the recording ends {after:.1f} s after the start (&lt; 30 s)</source>
        <translation>de opname eindigt {after:.1f} s na de start (&lt; 30 s)</translation>
    </message>
    <message>
        <source>no full stand within 30 s</source>
        <translation>niet volledig gaan staan binnen 30 s</translation>
    </message>
    <message>
        <source>{n} of {reps} stand-ups found: no time scored</source>
        <translation>{n} van de {reps} keer opstaan gevonden: geen tijd gescoord</translation>
    </message>
    <message>
        <source>sensor data missing {start:.1f}-{end:.1f} s into the recording ({dur:.1f} s, bridged) and the recording goes on after it: the missing stand-ups may be hidden in or around the gap</source>
        <extracomment>{start}-{end}: seconds into the recording; {dur}: the gap&apos;s length in s. Bridged: the signals were interpolated across the gap, the data goes on</extracomment>
        <translation>sensorgegevens ontbreken van {start:.1f} tot {end:.1f} s in de opname ({dur:.1f} s, overbrugd) en de opname gaat daarna door: het ontbrekende opstaan kan in of rond dat gat verborgen zijn</translation>
    </message>
    <message>
        <source>the test was interrupted: sensor data invalid {start:.1f}-{missing_start:.1f} s and missing {missing_start:.1f}-{missing_end:.1f} s into the recording ({missing:.1f} s), then not yet usable until {end:.1f} s while the sensor settled again ({dur:.1f} s without usable data): the missing stand-ups may be hidden in it, none is counted across it</source>
        <extracomment>{start}-{missing_start}: invalid samples (saturation) just before the hole, seconds into the recording; {missing_start}-{missing_end}: the hole; {missing}: its length (s); then the sensor&apos;s orientation settled until {end} s; {dur}: the whole stretch (s)</extracomment>
        <translation>de test is onderbroken: sensorgegevens ongeldig van {start:.1f} tot {missing_start:.1f} s en ontbreken van {missing_start:.1f} tot {missing_end:.1f} s in de opname ({missing:.1f} s), daarna tot {end:.1f} s nog niet bruikbaar terwijl de sensor opnieuw instelde ({dur:.1f} s zonder bruikbare gegevens): het ontbrekende opstaan kan daarin verborgen zijn, over dat gat wordt niet geteld</translation>
    </message>
    <message>
        <source>the test was interrupted: sensor data invalid {start:.1f}-{missing_start:.1f} s and missing {missing_start:.1f}-{end:.1f} s into the recording ({missing:.1f} s): the missing stand-ups may be hidden in it, none is counted across it</source>
        <extracomment>{start}-{missing_start}: invalid samples (saturation) just before the hole, seconds into the recording; {missing_start}-{end}: the hole; {missing}: its length (s)</extracomment>
        <translation>de test is onderbroken: sensorgegevens ongeldig van {start:.1f} tot {missing_start:.1f} s en ontbreken van {missing_start:.1f} tot {end:.1f} s in de opname ({missing:.1f} s): het ontbrekende opstaan kan daarin verborgen zijn, over dat gat wordt niet geteld</translation>
    </message>
    <message>
        <source>the test was interrupted: sensor data missing {start:.1f}-{missing_end:.1f} s into the recording ({missing:.1f} s), then not yet usable until {end:.1f} s while the sensor settled again ({dur:.1f} s without usable data): the missing stand-ups may be hidden in it, none is counted across it</source>
        <extracomment>{start}-{missing_end}: the hole, seconds into the recording; {missing}: its length (s); then the sensor&apos;s orientation settled until {end} s; {dur}: the whole stretch (s)</extracomment>
        <translation>de test is onderbroken: sensorgegevens ontbreken van {start:.1f} tot {missing_end:.1f} s in de opname ({missing:.1f} s), daarna tot {end:.1f} s nog niet bruikbaar terwijl de sensor opnieuw instelde ({dur:.1f} s zonder bruikbare gegevens): het ontbrekende opstaan kan daarin verborgen zijn, over dat gat wordt niet geteld</translation>
    </message>
    <message>
        <source>the test was interrupted: sensor data missing {start:.1f}-{end:.1f} s into the recording ({dur:.1f} s): the missing stand-ups may be hidden in it, none is counted across it</source>
        <extracomment>{start}-{end}: seconds into the recording; {dur}: the hole&apos;s length in s</extracomment>
        <translation>de test is onderbroken: sensorgegevens ontbreken van {start:.1f} tot {end:.1f} s in de opname ({dur:.1f} s): het ontbrekende opstaan kan daarin verborgen zijn, over dat gat wordt niet geteld</translation>
    </message>
    <message>
        <source>the test was interrupted: sensor data missing or invalid {start:.1f}-{end:.1f} s into the recording ({dur:.1f} s): the missing stand-ups may be hidden in it, none is counted across it</source>
        <extracomment>{start}-{end}: seconds into the recording; {dur}: the stretch&apos;s length in s. &quot;Missing or invalid&quot;: no hole was reported there, the samples were flagged invalid (saturation, or the sensor settling after a hole its source did not report)</extracomment>
        <translation>de test is onderbroken: sensorgegevens ontbreken of zijn ongeldig van {start:.1f} tot {end:.1f} s in de opname ({dur:.1f} s): het ontbrekende opstaan kan daarin verborgen zijn, over dat gat wordt niet geteld</translation>
    </message>
    <message>
        <source>the recording ends before the fifth stand-up</source>
        <translation>de opname eindigt vóór de vijfde keer opstaan</translation>
    </message>
    <message>
        <source>{n} stand-ups found: the test ends at the fifth</source>
        <extracomment>{n}: stand-ups found; the test ends at the fifth (standing), the rest do not count</extracomment>
        <translation>{n} keer opstaan gevonden: de test eindigt bij de vijfde</translation>
    </message>
    <message>
        <source>no sit-down found between stand-ups {a} and {b}</source>
        <translation>geen gaan zitten gevonden tussen opstaan {a} en {b}</translation>
    </message>
    <message>
        <source>trunk flexion</source>
        <translation>rompflexie</translation>
    </message>
    <message>
        <source>trunk extension</source>
        <translation>rompextensie</translation>
    </message>
    <message>
        <source>trunk lateral bend left</source>
        <translation>romp zijwaarts links</translation>
    </message>
    <message>
        <source>trunk lateral bend right</source>
        <translation>romp zijwaarts rechts</translation>
    </message>
    <message>
        <source>trunk rotation left</source>
        <translation>romprotatie links</translation>
    </message>
    <message>
        <source>trunk rotation right</source>
        <translation>romprotatie rechts</translation>
    </message>
    <message>
        <source>trunk range of motion needs a trunk (sternum) sensor</source>
        <translation>beweeglijkheid van de romp vraagt een rompsensor (borstbeen)</translation>
    </message>
    <message>
        <source>{direction} at {at:.1f} s also moved {deg:.0f}° in the other plane</source>
        <translation>{direction} op {at:.1f} s bewoog ook {deg:.0f}° in het andere vlak</translation>
    </message>
    <message>
        <source>{direction} at {at:.1f} s not scored: the sensor data was missing during the repetition</source>
        <translation>{direction} op {at:.1f} s niet gescoord: de sensorgegevens ontbraken tijdens de herhaling</translation>
    </message>
    <message>
        <source>axial rotation needs a pelvis sensor as well as the trunk sensor</source>
        <translation>axiale rotatie vraagt naast de rompsensor ook een bekkensensor</translation>
    </message>
    <message>
        <source>{direction}: {n} of {reps} repetitions</source>
        <translation>{direction}: {n} van {reps} herhalingen</translation>
    </message>
    <message>
        <source>measured while the sensor&apos;s forward direction was not known (calibrate, or walk a few steps first): {directions}</source>
        <translation>gemeten terwijl de voorwaartse richting van de sensor nog niet bekend was (kalibreer, of loop eerst een paar stappen): {directions}</translation>
    </message>
    <message>
        <source>trunk sensor data missing {start:.1f}-{end:.1f} s ({dur:.1f} s): bridged, the movement taken to go on through it</source>
        <translation>gegevens van de rompsensor ontbreken van {start:.1f} tot {end:.1f} s ({dur:.1f} s): overbrugd, aangenomen dat de beweging doorliep</translation>
    </message>
    <message>
        <source>trunk sensor data invalid {start:.1f}-{missing_start:.1f} s and missing {missing_start:.1f}-{missing_end:.1f} s ({missing:.1f} s), then not yet usable until {end:.1f} s while the sensor settled again ({dur:.1f} s without usable data)</source>
        <extracomment>{start}-{missing_start}: invalid samples (saturation) just before the hole, seconds from the test&apos;s start; {missing_start}-{missing_end}: the hole; {missing}: its length (s); then the sensor&apos;s orientation settled until {end} s; {dur}: the whole stretch (s)</extracomment>
        <translation>gegevens van de rompsensor ongeldig van {start:.1f} tot {missing_start:.1f} s en ontbreken van {missing_start:.1f} tot {missing_end:.1f} s ({missing:.1f} s), daarna tot {end:.1f} s nog niet bruikbaar terwijl de sensor opnieuw instelde ({dur:.1f} s zonder bruikbare gegevens)</translation>
    </message>
    <message>
        <source>trunk sensor data missing {start:.1f}-{missing_end:.1f} s ({missing:.1f} s), then not yet usable until {end:.1f} s while the sensor settled again ({dur:.1f} s without usable data)</source>
        <extracomment>{start}-{missing_end}: the hole, seconds from the test&apos;s start; {missing}: its length (s); then the sensor&apos;s orientation settled until {end} s; {dur}: the whole stretch (s)</extracomment>
        <translation>gegevens van de rompsensor ontbreken van {start:.1f} tot {missing_end:.1f} s ({missing:.1f} s), daarna tot {end:.1f} s nog niet bruikbaar terwijl de sensor opnieuw instelde ({dur:.1f} s zonder bruikbare gegevens)</translation>
    </message>
    <message>
        <source>trunk sensor data missing {start:.1f}-{end:.1f} s</source>
        <translation>gegevens van de rompsensor ontbreken van {start:.1f} tot {end:.1f} s</translation>
    </message>
    <message>
        <source>the TUG needs a pelvis or trunk sensor with a gyroscope</source>
        <translation>de TUG vraagt een bekken- of rompsensor met een gyroscoop</translation>
    </message>
    <message>
        <source>no stand-up found</source>
        <translation>geen opstaan gevonden</translation>
    </message>
    <message>
        <source>no sit-down after the walk: no time scored</source>
        <translation>geen gaan zitten na het lopen: geen tijd gescoord</translation>
    </message>
    <message>
        <source>the walk began {wait:.1f} s after the stand-up ended (more than {limit:.0f} s): not a TUG, no time scored</source>
        <translation>het lopen begon {wait:.1f} s na het einde van het opstaan (meer dan {limit:.0f} s): geen TUG, geen tijd gescoord</translation>
    </message>
    <message>
        <source>{n} more stand-ups or sit-downs after the sit-down ending at {at:.1f} s: a TUG has one of each and ends at that sit-down</source>
        <translation>nog {n} keer opstaan of gaan zitten na het gaan zitten dat eindigt op {at:.1f} s: een TUG heeft van elk één en eindigt bij dat gaan zitten</translation>
    </message>
    <message>
        <source>the walk&apos;s heading spanned only {deg:.0f}° (a TUG turns around at the mark, {limit:.0f}° or more): not a TUG, no time scored</source>
        <extracomment>{deg}: how far the heading ranged from the walk&apos;s start to the sit-down, degrees; {limit}: tug.MIN_TURN_AROUND_DEG</extracomment>
        <translation>de looprichting veranderde maar {deg:.0f}° (een TUG keert om bij de markering, {limit:.0f}° of meer): geen TUG, geen tijd gescoord</translation>
    </message>
    <message>
        <source>no turn found (turn about 180° at the mark)</source>
        <translation>geen draai gevonden (draai ongeveer 180° bij de markering)</translation>
    </message>
    <message>
        <source>the first turn was not found: it may be hidden in the sensor gap {start:.1f}-{end:.1f} s into the recording</source>
        <extracomment>{start}-{end}: the gap, seconds into the recording (the sensor_gap flag beside it says why)</extracomment>
        <translation>de eerste draai is niet gevonden: die kan verborgen zijn in het gat in de sensorgegevens van {start:.1f} tot {end:.1f} s in de opname</translation>
    </message>
    <message>
        <source>the turn before sitting down was not found: it may be hidden in the sensor gap {start:.1f}-{end:.1f} s into the recording</source>
        <extracomment>{start}-{end}: the gap, seconds into the recording (the sensor_gap flag beside it says why)</extracomment>
        <translation>de draai vóór het gaan zitten is niet gevonden: die kan verborgen zijn in het gat in de sensorgegevens van {start:.1f} tot {end:.1f} s in de opname</translation>
    </message>
    <message>
        <source>the turn before sitting down was not found</source>
        <translation>de draai vóór het gaan zitten is niet gevonden</translation>
    </message>
    <message>
        <source>no walk back found: the turn ending at {end:.1f} s ran on past the start of the next phase ({next:.1f} s)</source>
        <extracomment>{end}: the end of the turn at the mark, {next}: the start of the phase after it, seconds from the test&apos;s start</extracomment>
        <translation>geen teruglopen gevonden: de draai die eindigt op {end:.1f} s liep door voorbij het begin van de volgende fase ({next:.1f} s)</translation>
    </message>
    <message>
        <source>a turn of {deg:.0f}° at {start:.1f}-{end:.1f} s began before the walk did: not placed as a phase</source>
        <extracomment>{deg}: the turn&apos;s degrees; {start}-{end}: the turn, seconds from the test&apos;s start</extracomment>
        <translation>een draai van {deg:.0f}° op {start:.1f}-{end:.1f} s begon vóór het lopen: niet als fase geplaatst</translation>
    </message>
    <message>
        <source>a turn of {deg:.0f}° at {start:.1f}-{end:.1f} s began after the sit-down did ({down:.1f} s): not placed as a phase</source>
        <extracomment>{deg}: the turn&apos;s degrees; {start}-{end}: the turn, {down}: the sit-down&apos;s start, seconds from the test&apos;s start</extracomment>
        <translation>een draai van {deg:.0f}° op {start:.1f}-{end:.1f} s begon nadat het gaan zitten begonnen was ({down:.1f} s): niet als fase geplaatst</translation>
    </message>
    <message>
        <source>no gait speed or distance: give the leg length ({field})</source>
        <translation>geen loopsnelheid of afstand: geef de beenlengte op ({field})</translation>
    </message>
    <message>
        <source>walk-test: a timed walk lasts 2 or 6 minutes, not {minutes:.1f}</source>
        <translation>looptest: een getimede looptest duurt 2 of 6 minuten, niet {minutes:.1f}</translation>
    </message>
    <message>
        <source>leg length {leg:.2f} m: expected 0.5-1.3 m (floor to the sensor on the lower back)</source>
        <translation>beenlengte {leg:.2f} m: verwacht 0,5-1,3 m (van de vloer tot de sensor op de onderrug)</translation>
    </message>
    <message>
        <source>no walking found</source>
        <translation>geen lopen gevonden</translation>
    </message>
    <message>
        <source>the recording ends {after:.0f} s after the start (&lt; {minutes:.0f} min)</source>
        <translation>de opname eindigt {after:.0f} s na de start (&lt; {minutes:.0f} min)</translation>
    </message>
    <message>
        <source>stopped {rest:.0f} s after {at:.0f} s</source>
        <translation>{rest:.0f} s gestopt na {at:.0f} s</translation>
    </message>
    <message>
        <source>stopped {rest:.0f} s after {at:.0f} s, to the end of the test&apos;s time</source>
        <translation>{rest:.0f} s gestopt na {at:.0f} s, tot het einde van de testtijd</translation>
    </message>
    <message>
        <source>walking {walk:.1f} s of the {time:.0f} s scored (less than half): no cadence, distance or gait speed scored</source>
        <translation>{walk:.1f} s gelopen van de {time:.0f} s gescoord (minder dan de helft): geen cadans, afstand of loopsnelheid gescoord</translation>
    </message>
    <message>
        <source>sensor data invalid {start:.1f}-{missing_start:.1f} s and missing {missing_start:.1f}-{missing_end:.1f} s into the walk ({missing:.1f} s), then not yet usable until {end:.1f} s while the sensor settled again: steps and walking time in it are not counted</source>
        <extracomment>{start}-{missing_start}: invalid samples (saturation) just before the hole, seconds into the walk; {missing_start}-{missing_end}: the hole; {missing}: its length (s); then the sensor&apos;s orientation settled until {end} s into the walk</extracomment>
        <translation>sensorgegevens ongeldig van {start:.1f} tot {missing_start:.1f} s en ontbreken van {missing_start:.1f} tot {missing_end:.1f} s in het lopen ({missing:.1f} s), daarna tot {end:.1f} s nog niet bruikbaar terwijl de sensor opnieuw instelde: stappen en looptijd in die tijd zijn niet geteld</translation>
    </message>
    <message>
        <source>sensor data missing {start:.1f}-{missing_end:.1f} s into the walk ({missing:.1f} s), then not yet usable until {end:.1f} s while the sensor settled again: steps and walking time in it are not counted</source>
        <extracomment>{start}-{missing_end}: the hole, seconds into the walk; {missing}: its length (s); then the sensor&apos;s orientation settled until {end} s into the walk</extracomment>
        <translation>sensorgegevens ontbreken van {start:.1f} tot {missing_end:.1f} s in het lopen ({missing:.1f} s), daarna tot {end:.1f} s nog niet bruikbaar terwijl de sensor opnieuw instelde: stappen en looptijd in die tijd zijn niet geteld</translation>
    </message>
    <message>
        <source>sensor data missing {start:.1f}-{end:.1f} s into the walk: steps and walking time in it are not counted</source>
        <translation>sensorgegevens ontbreken van {start:.1f} tot {end:.1f} s in het lopen: stappen en looptijd in die tijd zijn niet geteld</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>Argumenten</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Opties</translation>
    </message>
    <message>
        <source>Commands</source>
        <translation>Opdrachten</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fout</translation>
    </message>
    <message>
        <source>[default: {}]</source>
        <translation>[standaard: {}]</translation>
    </message>
    <message>
        <source>[required]</source>
        <translation>[verplicht]</translation>
    </message>
    <message>
        <source>Try [blue]&apos;{command_path} {help_option}&apos;[/] for help.</source>
        <translation>Zie [blue]&apos;{command_path} {help_option}&apos;[/] voor hulp.</translation>
    </message>
    <message>
        <source>Show this message and exit.</source>
        <translation>Deze hulp tonen en stoppen.</translation>
    </message>
    <message>
        <source>Usage:</source>
        <translation>Gebruik:</translation>
    </message>
    <message>
        <source>Replay a session: the same outputs as `analyze`, identical to the live run&apos;s.</source>
        <translation>Een sessie afspelen: dezelfde uitvoer als `analyze`, gelijk aan die van de live opname.</translation>
    </message>
    <message>
        <source>nothing was measured (see the flags): not stored in the record</source>
        <translation>er is niets gemeten (zie de markeringen): niet vastgelegd in het dossier</translation>
    </message>
    <message>
        <source>nothing was measured (see the flags): not scored</source>
        <translation>er is niets gemeten (zie de markeringen): niet gescoord</translation>
    </message>
    <message>
        <source>{measure} {value} is outside the plausible range {range}: the test&apos;s start or end was probably not found in the data; not scored</source>
        <translation>{measure} {value} ligt buiten het plausibele bereik {range}: het begin of einde van de test is waarschijnlijk niet in de gegevens gevonden; niet gescoord</translation>
    </message>
    <message>
        <source>name the sensors: FAMILY=placement for simulated ones (polar=pelvis), ADDRESS=placement for real ones</source>
        <translation>noem de sensoren: FAMILIE=plaats voor gesimuleerde (polar=pelvis), ADRES=plaats voor echte</translation>
    </message>
    <message>
        <source>{spec}: a simulated sensor is FAMILY=placement, e.g. polar=pelvis</source>
        <translation>{spec}: een gesimuleerde sensor is FAMILIE=plaats, bijv. polar=pelvis</translation>
    </message>
    <message>
        <source>{spec}: a sensor is ADDRESS=placement, e.g. AA:BB:CC:DD:EE:FF=pelvis</source>
        <translation>{spec}: een sensor is ADRES=plaats, bijv. AA:BB:CC:DD:EE:FF=pelvis</translation>
    </message>
    <message>
        <source>{spec}: unknown placement {placement}; use one of: {known}</source>
        <translation>{spec}: onbekende plaats {placement}; kies uit: {known}</translation>
    </message>
    <message>
        <source>A session directory (also a crashed one).</source>
        <translation>Een sessiemap (ook een afgebroken).</translation>
    </message>
    <message>
        <source>Output folder (gets SESSION_NAME/).</source>
        <translation>Uitvoermap (krijgt SESSIENAAM/).</translation>
    </message>
    <message>
        <source>Also write angles.csv.</source>
        <translation>Schrijf ook angles.csv.</translation>
    </message>
    <message>
        <source>A feedback plan (TOML): the cues it would have given.</source>
        <translation>Een feedbackplan (TOML): de seinen die het gegeven zou hebben.</translation>
    </message>
    <message>
        <source>no sensor data arrived: nothing to score</source>
        <translation>er kwamen geen sensorgegevens binnen: niets te scoren</translation>
    </message>
    <message>
        <source>{path}: no such file</source>
        <translation>{path}: dit bestand bestaat niet</translation>
    </message>
    <message>
        <source>{path}: unknown placement; pass --placement (trunk, pelvis, thigh) or name the file NAME.&lt;placement&gt;.{ext}</source>
        <translation>{path}: onbekende plaats; geef --placement (trunk, pelvis, thigh) of noem het bestand NAAM.&lt;plaats&gt;.{ext}</translation>
    </message>
    <message>
        <source>{path}: no recognisable unit-suffixed columns (found {found}); expected {expected}</source>
        <translation>{path}: geen herkenbare kolommen met een eenheid in de naam (gevonden: {found}); verwacht: {expected}</translation>
    </message>
    <message>
        <source>time_s (or time_ms), acc_x_g/acc_y_g/acc_z_g (or acc_*_ms2); optional gyr_x_dps.. (or gyr_*_rads), mag_x_ut..</source>
        <translation>time_s (of time_ms), acc_x_g/acc_y_g/acc_z_g (of acc_*_ms2); eventueel gyr_x_dps.. (of gyr_*_rads), mag_x_ut..</translation>
    </message>
    <message>
        <source>{path}: not a recording in a known format ({known}); it starts with {head}</source>
        <translation>{path}: geen opname in een bekend formaat ({known}); het begint met {head}</translation>
    </message>
    <message>
        <source>nothing (empty file)</source>
        <translation>niets (leeg bestand)</translation>
    </message>
    <message>
        <source>bytes {hex}</source>
        <translation>de bytes {hex}</translation>
    </message>
    <message>
        <source>{path}: the file is empty (no header, no rows)</source>
        <translation>{path}: het bestand is leeg (geen kopregel, geen rijen)</translation>
    </message>
    <message>
        <source>{path}: not a readable CSV ({reason}); expected columns {expected}</source>
        <translation>{path}: geen leesbare CSV ({reason}); verwachte kolommen: {expected}</translation>
    </message>
    <message>
        <source>{path}: non-numeric values ({reason}); expected columns {expected}</source>
        <translation>{path}: waarden die geen getal zijn ({reason}); verwachte kolommen: {expected}</translation>
    </message>
    <message>
        <source>{path}: no complete rows (the file has a header and no data)</source>
        <translation>{path}: geen volledige rijen (het bestand heeft een kopregel en geen gegevens)</translation>
    </message>
    <message>
        <source>{path}: no complete rows (every row has a missing, non-finite or impossible value)</source>
        <translation>{path}: geen volledige rijen (elke rij heeft een ontbrekende, oneindige of onmogelijke waarde)</translation>
    </message>
    <message>
        <source>{path}: {bad} of {rows} rows are unusable ({nonfinite} NaN/inf, {beyond} beyond ±{max_g} g / ±{max_dps} deg/s): check the file</source>
        <translation>{path}: {bad} van {rows} rijen zijn onbruikbaar ({nonfinite} NaN/inf, {beyond} voorbij ±{max_g} g / ±{max_dps} °/s): controleer het bestand</translation>
    </message>
    <message>
        <source>{path}: the recording&apos;s zero ({zero} s) is after its first row ({first} s)</source>
        <translation>{path}: het nulpunt van de opname ({zero} s) ligt na de eerste rij ({first} s)</translation>
    </message>
    <message>
        <source>{path}: time runs backwards in {back} of {steps} steps: the rows are in reverse order; sort the file by time</source>
        <translation>{path}: de tijd loopt terug in {back} van {steps} stappen: de rijen staan in omgekeerde volgorde; sorteer het bestand op tijd</translation>
    </message>
    <message>
        <source>{path}: time goes back {back} s at data row {row} (from {before} s to {after} s): rows are out of time order by more than {window} s; sort the file by time</source>
        <translation>{path}: de tijd gaat {back} s terug bij gegevensrij {row} (van {before} s naar {after} s): rijen staan meer dan {window} s buiten tijdsvolgorde; sorteer het bestand op tijd</translation>
    </message>
    <message>
        <source>{path}: {name} steps by a median of {step} ({rate} samples per second): {hint}</source>
        <translation>{path}: {name} stapt met een mediaan van {step} ({rate} metingen per seconde): {hint}</translation>
    </message>
    <message>
        <source>the times look like milliseconds; name the column time_ms (or divide by 1000)</source>
        <translation>de tijden lijken milliseconden; noem de kolom time_ms (of deel door 1000)</translation>
    </message>
    <message>
        <source>the times look like {unit}; convert it to seconds</source>
        <translation>de tijden lijken {unit}; reken ze om naar seconden</translation>
    </message>
    <message>
        <source>no time unit gives a plausible rate; convert it to seconds</source>
        <translation>geen tijdseenheid geeft een aannemelijke frequentie; reken de tijd om naar seconden</translation>
    </message>
    <message>
        <source>microseconds</source>
        <translation>microseconden</translation>
    </message>
    <message>
        <source>nanoseconds</source>
        <translation>nanoseconden</translation>
    </message>
    <message>
        <source>seconds</source>
        <extracomment>a unit in &quot;exposure.hold_min_s is -4 (seconds): it must be at least 0&quot;</extracomment>
        <translation>seconden</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>minuten</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>uren</translation>
    </message>
    <message>
        <source>degrees</source>
        <translation>graden</translation>
    </message>
    <message>
        <source>degrees per second</source>
        <translation>graden per seconde</translation>
    </message>
    <message>
        <source>g</source>
        <translation>g</translation>
    </message>
    <message>
        <source>m/s²</source>
        <translation>m/s²</translation>
    </message>
    <message>
        <source>metres</source>
        <translation>meter</translation>
    </message>
    <message>
        <source>Hz</source>
        <translation>Hz</translation>
    </message>
    <message>
        <source>a count</source>
        <translation>een aantal</translation>
    </message>
    <message>
        <source>a ratio</source>
        <translation>een verhouding</translation>
    </message>
    <message>
        <source>a probability</source>
        <translation>een kans</translation>
    </message>
    <message>
        <source>index points</source>
        <translation>indexpunten</translation>
    </message>
    <message>
        <source>sample periods</source>
        <translation>bemonsteringsperioden</translation>
    </message>
    <message>
        <source>{setting} is {value!r}: it must be a number ({unit})</source>
        <extracomment>{setting} is the setting&apos;s own name (exposure.bend_deg, --gap-min-s): keep it as it is</extracomment>
        <translation>{setting} is {value!r}: het moet een getal zijn ({unit})</translation>
    </message>
    <message>
        <source>{setting} is {value!r}: it must be a whole number ({unit})</source>
        <translation>{setting} is {value!r}: het moet een geheel getal zijn ({unit})</translation>
    </message>
    <message>
        <source>{setting} is {value} ({unit}): it must be a finite number or inf (off)</source>
        <translation>{setting} is {value} ({unit}): het moet een eindig getal zijn, of inf (uit)</translation>
    </message>
    <message>
        <source>{setting} is {value} ({unit}): it must be a finite number</source>
        <translation>{setting} is {value} ({unit}): het moet een eindig getal zijn</translation>
    </message>
    <message>
        <source>{setting} is {value} ({unit}): it must be above {low} and at most {high}</source>
        <translation>{setting} is {value} ({unit}): het moet boven {low} en ten hoogste {high} zijn</translation>
    </message>
    <message>
        <source>{setting} is {value} ({unit}): it must be from {low} to {high}</source>
        <translation>{setting} is {value} ({unit}): het moet van {low} tot {high} zijn</translation>
    </message>
    <message>
        <source>{setting} is {value} ({unit}): it must be above {low}</source>
        <translation>{setting} is {value} ({unit}): het moet boven {low} zijn</translation>
    </message>
    <message>
        <source>{setting} is {value} ({unit}): it must be at least {low}</source>
        <translation>{setting} is {value} ({unit}): het moet minstens {low} zijn</translation>
    </message>
    <message>
        <source>{setting} is {value} ({unit}): it must be at most {high}</source>
        <translation>{setting} is {value} ({unit}): het moet ten hoogste {high} zijn</translation>
    </message>
    <message>
        <source>{low_setting} ({low} {unit}) must be below {high_setting} ({high} {unit})</source>
        <translation>{low_setting} ({low} {unit}) moet lager zijn dan {high_setting} ({high} {unit})</translation>
    </message>
    <message>
        <source>{low_setting} ({low} {unit}) must not be above {high_setting} ({high} {unit})</source>
        <translation>{low_setting} ({low} {unit}) mag niet hoger zijn dan {high_setting} ({high} {unit})</translation>
    </message>
    <message>
        <source>{setting} is {value!r}: it must be two numbers, low and high ({unit})</source>
        <translation>{setting} is {value!r}: het moeten twee getallen zijn, laag en hoog ({unit})</translation>
    </message>
    <message>
        <source>{path}: time jumps to {t} s at data row {row} ({rel} s from the first row, more than {max} s): not a time of this recording; check the time column</source>
        <translation>{path}: de tijd springt naar {t} s bij gegevensrij {row} ({rel} s van de eerste rij, meer dan {max} s): geen tijd van deze opname; controleer de tijdkolom</translation>
    </message>
    <message>
        <source>{path}: |acc| at rest is {g} g (median), expected about 1 g: {hint}</source>
        <translation>{path}: |acc| in rust is {g} g (mediaan), verwacht ongeveer 1 g: {hint}</translation>
    </message>
    <message>
        <source>the {cols} columns look like g; name them acc_*_g</source>
        <translation>de kolommen {cols} lijken g; noem ze acc_*_g</translation>
    </message>
    <message>
        <source>the {cols} columns look like m/s²; name them acc_*_ms2</source>
        <translation>de kolommen {cols} lijken m/s²; noem ze acc_*_ms2</translation>
    </message>
    <message>
        <source>the {cols} columns look like mg; divide by 1000</source>
        <translation>de kolommen {cols} lijken mg; deel door 1000</translation>
    </message>
    <message>
        <source>the {cols} columns look like cm/s²; convert to g</source>
        <translation>de kolommen {cols} lijken cm/s²; reken om naar g</translation>
    </message>
    <message>
        <source>they look like raw sensor counts; convert them to g with the sensor&apos;s sensitivity</source>
        <translation>ze lijken ruwe sensorwaarden (counts); reken ze om naar g met de gevoeligheid van de sensor</translation>
    </message>
    <message>
        <source>the values are not in {unit} nor any usual unit; check the columns</source>
        <translation>de waarden zijn niet in {unit} en ook niet in een andere gangbare eenheid; controleer de kolommen</translation>
    </message>
    <message>
        <source>{path}: the gyroscope turns {ratio} times as far as the accelerometer tilts (about 1 expected): the gyr_*_{declared} columns look like {guess}</source>
        <translation>{path}: de gyroscoop draait {ratio} keer zo ver als de versnellingsmeter kantelt (ongeveer 1 verwacht): de kolommen gyr_*_{declared} lijken {guess}</translation>
    </message>
    <message>
        <source>deg/s; name them gyr_*_dps</source>
        <translation>°/s; noem ze gyr_*_dps</translation>
    </message>
    <message>
        <source>a smaller unit than deg/s</source>
        <translation>een kleinere eenheid dan °/s</translation>
    </message>
    <message>
        <source>rad/s; name them gyr_*_rads</source>
        <translation>rad/s; noem ze gyr_*_rads</translation>
    </message>
    <message>
        <source>a larger unit than rad/s</source>
        <translation>een grotere eenheid dan rad/s</translation>
    </message>
    <message>
        <source>{path}: cannot read ({reason})</source>
        <translation>{path}: kan niet worden gelezen ({reason})</translation>
    </message>
    <message>
        <source>{path}: the compressed file ends too early (cut off while copying or downloading?): copy it again from the original ({reason})</source>
        <translation>{path}: het gecomprimeerde bestand houdt te vroeg op (afgebroken bij het kopiëren of downloaden?): kopieer het opnieuw van het origineel ({reason})</translation>
    </message>
    <message>
        <source>{text}: no such file, folder or matching pattern</source>
        <translation>{text}: geen bestand, map of passend patroon met deze naam</translation>
    </message>
    <message>
        <source>two different files map to the same input id {id}: name them without &apos;..&apos;</source>
        <translation>twee verschillende bestanden krijgen dezelfde invoernaam {id}: noem ze zonder &apos;..&apos;</translation>
    </message>
    <message>
        <source>no recordings found in {where}{more}</source>
        <translation>geen opnames gevonden in {where}{more}</translation>
    </message>
    <message>
        <source>no valid sensor data: wait until the sensor is ready before you start the test</source>
        <translation>geen geldige sensorgegevens: wacht tot de sensor klaar is voor u de test start</translation>
    </message>
    <message>
        <source>no valid sensor data: start the recording with the patient still</source>
        <translation>geen geldige sensorgegevens: begin de opname terwijl de patiënt stilzit</translation>
    </message>
    <message>
        <source>the sensor was still starting up until {until:.1f} s (start {start:.1f} s): with the patient still, wait until the sensor is ready before you start the test</source>
        <translation>de sensor was nog aan het opstarten tot {until:.1f} s (start {start:.1f} s): wacht met de patiënt stil tot de sensor klaar is voor u de test start</translation>
    </message>
    <message>
        <source>the sensor was still starting up until {until:.1f} s (start {start:.1f} s): start the recording with the patient still</source>
        <translation>de sensor was nog aan het opstarten tot {until:.1f} s (start {start:.1f} s): begin de opname terwijl de patiënt stilzit</translation>
    </message>
    <message>
        <source>the sensor kept moving from its first valid sample ({first:.1f} s) to the start: let the patient sit still until the sensor is ready before you start the test</source>
        <translation>de sensor bewoog onafgebroken van zijn eerste geldige meetwaarde ({first:.1f} s) tot de start: laat de patiënt stilzitten tot de sensor klaar is voor u de test start</translation>
    </message>
    <message>
        <source>the sensor kept moving from its first valid sample ({first:.1f} s) to the start: start the recording with the patient still</source>
        <translation>de sensor bewoog onafgebroken van zijn eerste geldige meetwaarde ({first:.1f} s) tot de start: begin de opname terwijl de patiënt stilzit</translation>
    </message>
    <message>
        <source>the patient was already moving {before:.1f} s before the start: the test is not timed from rest; keep the patient still until the start</source>
        <translation>de patiënt bewoog al {before:.1f} s vóór de start: de test is niet vanuit rust getimed; laat de patiënt stil blijven tot de start</translation>
    </message>
    <message>
        <source>the patient was already moving {before:.1f} s before the start: the test is not timed from rest; start the test with the patient still</source>
        <translation>de patiënt bewoog al {before:.1f} s vóór de start: de test is niet vanuit rust getimed; begin de test terwijl de patiënt stil is</translation>
    </message>
    <message>
        <source>--starts {path}: cannot read ({reason})</source>
        <translation>--starts {path}: onleesbaar ({reason})</translation>
    </message>
    <message>
        <source>--starts {path}: the first line must name the columns file,start (found {found})</source>
        <translation>--starts {path}: de eerste regel moet de kolommen file,start noemen (gevonden: {found})</translation>
    </message>
    <message>
        <source>--starts {path} line {line}: {file} is not an input of this batch</source>
        <translation>--starts {path} regel {line}: {file} is geen invoer van deze batch</translation>
    </message>
    <message>
        <source>--starts {path} line {line}: {file} has a start already (line {first})</source>
        <translation>--starts {path} regel {line}: {file} heeft al een starttijd (regel {first})</translation>
    </message>
    <message>
        <source>--starts {path} line {line}: {reason}</source>
        <translation>--starts {path} regel {line}: {reason}</translation>
    </message>
    <message>
        <source>--starts {path} line {line}: empty file or start</source>
        <translation>--starts {path} regel {line}: file of start is leeg</translation>
    </message>
    <message>
        <source>the worker analysing it died (killed, e.g. out of memory; BrokenProcessPool), also when it was analysed again alone</source>
        <translation>het werkproces dat het analyseerde is gestopt (afgebroken, bijv. geheugen vol; BrokenProcessPool), ook toen het opnieuw alleen werd geanalyseerd</translation>
    </message>
    <message>
        <source>the worker analysing it failed ({reason})</source>
        <translation>het werkproces dat het analyseerde faalde ({reason})</translation>
    </message>
    <message>
        <source>invalid patient code {code}: use 2-32 letters, digits, &apos;-&apos; or &apos;_&apos;, starting with a letter or digit (a pseudonymous code such as P001, never a name)</source>
        <translation>ongeldige patiëntcode {code}: gebruik 2-32 letters, cijfers, &apos;-&apos; of &apos;_&apos;, beginnend met een letter of cijfer (een pseudonieme code zoals P001, nooit een naam)</translation>
    </message>
    <message>
        <source>older NHANES-style .gt3x (activity.bin) is not supported</source>
        <translation>een oudere .gt3x in NHANES-stijl (activity.bin) wordt niet ondersteund</translation>
    </message>
    <message>
        <source>no log.bin in the archive</source>
        <translation>geen log.bin in het archief</translation>
    </message>
    <message>
        <source>{path}: not a readable .gt3x archive ({reason})</source>
        <translation>{path}: geen leesbaar .gt3x-archief ({reason})</translation>
    </message>
    <message>
        <source>{path}: .gt3x info.txt has no sample rate</source>
        <translation>{path}: info.txt van de .gt3x noemt geen meetfrequentie</translation>
    </message>
    <message>
        <source>{path}: corrupt .gt3x log (no record separator at byte {byte})</source>
        <translation>{path}: beschadigd .gt3x-logboek (geen scheidingsteken van een record bij byte {byte})</translation>
    </message>
    <message>
        <source>{path}: corrupt .gt3x log (checksum of the record at byte {byte})</source>
        <translation>{path}: beschadigd .gt3x-logboek (controlesom van het record bij byte {byte} klopt niet)</translation>
    </message>
    <message>
        <source>{path}: truncated .gt3x log (last record cut off at byte {byte})</source>
        <translation>{path}: afgebroken .gt3x-logboek (laatste record afgekapt bij byte {byte})</translation>
    </message>
    <message>
        <source>{path}: reading .cwa needs the cwa-reader-rs package ({reason})</source>
        <translation>{path}: voor het lezen van .cwa is het pakket cwa-reader-rs nodig ({reason})</translation>
    </message>
    <message>
        <source>{path}: truncated Axivity .cwa file ({size} bytes: no data sector after the header)</source>
        <translation>{path}: afgebroken Axivity .cwa-bestand ({size} bytes: geen datasector na de kop)</translation>
    </message>
    <message>
        <source>{path}: truncated Axivity .cwa file (ends {into} bytes into a 512-byte data sector; {size} bytes in all)</source>
        <translation>{path}: afgebroken Axivity .cwa-bestand (houdt op na {into} bytes van een datasector van 512 bytes; {size} bytes in totaal)</translation>
    </message>
    <message>
        <source>{path}: not a readable Axivity .cwa file ({reason})</source>
        <translation>{path}: geen leesbaar Axivity .cwa-bestand ({reason})</translation>
    </message>
    <message>
        <source>{path}: cannot decode data sectors {first}-{last} ({reason})</source>
        <translation>{path}: datasectoren {first}-{last} kunnen niet worden gedecodeerd ({reason})</translation>
    </message>
    <message>
        <source>{path}: corrupt Axivity .cwa file (data sector {sector} does not start with &apos;AX&apos;)</source>
        <translation>{path}: beschadigd Axivity .cwa-bestand (datasector {sector} begint niet met &apos;AX&apos;)</translation>
    </message>
    <message>
        <source>{path}: corrupt Axivity .cwa file (checksum of data sector {sector} does not match)</source>
        <translation>{path}: beschadigd Axivity .cwa-bestand (controlesom van datasector {sector} klopt niet)</translation>
    </message>
    <message>
        <source>{path}: GENEActiv header lacks calibration or frequency ({reason})</source>
        <translation>{path}: de kop van het GENEActiv-bestand mist de kalibratie of de frequentie ({reason})</translation>
    </message>
    <message>
        <source>{path}: GENEActiv calibration gain of 0</source>
        <translation>{path}: GENEActiv-kalibratie met een versterking van 0</translation>
    </message>
    <message>
        <source>{path}: truncated GENEActiv header (no &apos;Memory Status&apos; section)</source>
        <translation>{path}: afgebroken kop van het GENEActiv-bestand (geen sectie &apos;Memory Status&apos;)</translation>
    </message>
    <message>
        <source>{path}: corrupt GENEActiv page (expected &apos;Recorded Data&apos;, found {found})</source>
        <translation>{path}: beschadigde GENEActiv-pagina (&apos;Recorded Data&apos; verwacht, {found} gevonden)</translation>
    </message>
    <message>
        <source>{path}: truncated GENEActiv page {page} ({digits} of {expected} hex digits)</source>
        <translation>{path}: afgebroken GENEActiv-pagina {page} ({digits} van {expected} hexadecimale cijfers)</translation>
    </message>
    <message>
        <source>{path}: corrupt GENEActiv page {page} ({reason})</source>
        <translation>{path}: beschadigde GENEActiv-pagina {page} ({reason})</translation>
    </message>
    <message>
        <source>; analyse {name}</source>
        <translation>; analyseer {name}</translation>
    </message>
    <message>
        <source>{path}: a MetaBase {unit} stream, not an accelerometer recording{hint}</source>
        <translation>{path}: een MetaBase-stroom in {unit}, geen opname van de versnellingsmeter{hint}</translation>
    </message>
    <message>
        <source>{path}: expected a gyroscope stream in deg/s, found {unit}</source>
        <translation>{path}: een gyroscoopstroom in deg/s verwacht, {unit} gevonden</translation>
    </message>
    <message>
        <source>{path}: not a readable MetaBase CSV ({reason})</source>
        <translation>{path}: geen leesbare MetaBase-CSV ({reason})</translation>
    </message>
    <message>
        <source>{path}: MetaBase CSV without epoch (ms) and x/y/z-axis columns or rows</source>
        <translation>{path}: MetaBase-CSV zonder kolommen epoch (ms) en x/y/z-axis, of zonder rijen</translation>
    </message>
    <message>
        <source>{path}: MetaBase axes in different units {units}</source>
        <translation>{path}: MetaBase-assen in verschillende eenheden {units}</translation>
    </message>
    <message>
        <source>{path}: non-numeric MetaBase values ({reason})</source>
        <translation>{path}: MetaBase-waarden die geen getal zijn ({reason})</translation>
    </message>
    <message>
        <source>{path}: a Polar Sensor Logger [{unit}] stream, not an accelerometer recording{hint}</source>
        <translation>{path}: een Polar Sensor Logger-stroom in [{unit}], geen opname van de versnellingsmeter{hint}</translation>
    </message>
    <message>
        <source>{path}: expected a gyroscope stream in dps, found [{unit}]</source>
        <translation>{path}: een gyroscoopstroom in dps verwacht, [{unit}] gevonden</translation>
    </message>
    <message>
        <source>{path}: not a readable Polar Sensor Logger file ({reason})</source>
        <translation>{path}: geen leesbaar Polar Sensor Logger-bestand ({reason})</translation>
    </message>
    <message>
        <source>{path}: a Polar Sensor Logger {stream}file without sensor timestamp [ns] and X/Y/Z columns (not a motion stream)</source>
        <translation>{path}: een Polar Sensor Logger-bestand {stream}zonder kolommen sensor timestamp [ns] en X/Y/Z (geen bewegingsstroom)</translation>
    </message>
    <message>
        <source>{path}: a Polar Sensor Logger file without samples</source>
        <translation>{path}: een Polar Sensor Logger-bestand zonder meetwaarden</translation>
    </message>
    <message>
        <source>{path}: Polar Sensor Logger axes in different units {units}</source>
        <translation>{path}: Polar Sensor Logger-assen in verschillende eenheden {units}</translation>
    </message>
    <message>
        <source>{path}: non-numeric Polar Sensor Logger values ({reason})</source>
        <translation>{path}: Polar Sensor Logger-waarden die geen getal zijn ({reason})</translation>
    </message>
    <message>
        <source>unknown time zone {name!r}: give an IANA name such as Europe/Amsterdam or UTC</source>
        <translation>onbekende tijdzone {name!r}: geef een IANA-naam zoals Europe/Amsterdam of UTC</translation>
    </message>
    <message>
        <source>--start {text!r}: not an ISO 8601 date-time (e.g. 2026-03-02T08:30+01:00)</source>
        <translation>--start {text!r}: geen ISO 8601-datum en -tijd (bijv. 2026-03-02T08:30+01:00)</translation>
    </message>
    <message>
        <source>--start {text!r} has no UTC offset: add it (e.g. +01:00) or give --tz</source>
        <translation>--start {text!r} heeft geen UTC-verschil: voeg het toe (bijv. +01:00) of geef --tz</translation>
    </message>
    <message>
        <source>--start {text!r} has UTC offset {offset}, but time zone {name} is at {actual} then: give the zone the recording was made in with --tz</source>
        <translation>--start {text!r} heeft UTC-verschil {offset}, maar tijdzone {name} staat dan op {actual}: geef met --tz de zone waarin is opgenomen</translation>
    </message>
    <message>
        <source>a clock start needs an aware date-time (with a UTC offset)</source>
        <translation>een begintijd heeft een datum en tijd met UTC-verschil nodig</translation>
    </message>
    <message>
        <source>--start {text!r} does not exist in {zone}: the clocks were put forward then; write it with its UTC offset (e.g. {example})</source>
        <translation>--start {text!r} bestaat niet in {zone}: de klok is toen vooruitgezet; schrijf de tijd met zijn UTC-verschil (bijv. {example})</translation>
    </message>
    <message>
        <source>--start {text!r} happens twice in {zone} (the clocks were put back): write it with its UTC offset, {first} or {second}</source>
        <translation>--start {text!r} komt twee keer voor in {zone} (de klok is teruggezet): schrijf de tijd met zijn UTC-verschil, {first} of {second}</translation>
    </message>
    <message>
        <source>work hours {part!r}: write e.g. &apos;Mon-Fri 08:30-17:00&apos; (parts separated by &apos;;&apos;)</source>
        <translation>werktijden {part!r}: schrijf bijv. &apos;ma-vr 08:30-17:00&apos; (delen gescheiden door &apos;;&apos;)</translation>
    </message>
    <message>
        <source>work hours {part!r}: days are Mon..Sun (or ma..zo)</source>
        <translation>werktijden {part!r}: dagen zijn ma..zo (of Mon..Sun)</translation>
    </message>
    <message>
        <source>work hours {part!r}: times are HH:MM</source>
        <translation>werktijden {part!r}: tijden als UU:MM</translation>
    </message>
    <message>
        <source>work hours {part!r}: it starts and ends at the same time (0 or 24 hours?); a whole day is 00:00-24:00</source>
        <translation>werktijden {part!r}: begint en eindigt op dezelfde tijd (0 of 24 uur?); een hele dag is 00:00-24:00</translation>
    </message>
    <message>
        <source>work hours: empty; write e.g. &apos;Mon-Fri 08:30-17:00&apos;</source>
        <translation>werktijden: leeg; schrijf bijv. &apos;ma-vr 08:30-17:00&apos;</translation>
    </message>
    <message>
        <source>Missing option {hint}.</source>
        <translation>Optie {hint} ontbreekt.</translation>
    </message>
    <message>
        <source>Missing argument {hint}.</source>
        <translation>Argument {hint} ontbreekt.</translation>
    </message>
    <message>
        <source>Invalid value for {hint}: {why}</source>
        <translation>Ongeldige waarde voor {hint}: {why}</translation>
    </message>
    <message>
        <source>No such option: {name} (possible options: {options})</source>
        <translation>Onbekende optie: {name} (mogelijke opties: {options})</translation>
    </message>
    <message>
        <source>No such option: {name}</source>
        <translation>Onbekende optie: {name}</translation>
    </message>
    <message>
        <source>No such command {name}. Did you mean {options}?</source>
        <translation>Onbekend commando {name}. Bedoelde u {options}?</translation>
    </message>
    <message>
        <source>No such command {name}.</source>
        <translation>Onbekend commando {name}.</translation>
    </message>
    <message>
        <source>Got unexpected extra argument(s) ({args})</source>
        <translation>Onverwacht extra argument ({args})</translation>
    </message>
    <message>
        <source>Option {name} requires an argument.</source>
        <translation>Optie {name} heeft een waarde nodig.</translation>
    </message>
    <message>
        <source>Option {name} does not take a value.</source>
        <translation>Optie {name} neemt geen waarde.</translation>
    </message>
    <message>
        <source>a whole number is needed</source>
        <translation>er is een geheel getal nodig</translation>
    </message>
    <message>
        <source>a number is needed</source>
        <translation>er is een getal nodig</translation>
    </message>
    <message>
        <source>{value} is not one of {choices}.</source>
        <translation>{value} is niet een van {choices}.</translation>
    </message>
    <message>
        <source>pp</source>
        <translation>%-punt</translation>
    </message>
    <message>
        <source>h/d</source>
        <extracomment>a figure&apos;s unit after its number or in brackets after its name: h/d = hours per day, /d = per day</extracomment>
        <translation>u/dag</translation>
    </message>
    <message>
        <source>/d</source>
        <translation>/dag</translation>
    </message>
    <message>
        <source>{code!r} is not an assessment result; use one of: {codes}</source>
        <translation>{code!r} is geen testresultaat; gebruik een van: {codes}</translation>
    </message>
    <message>
        <source>{code}={value}: outside the allowed range {low}..{high}</source>
        <translation>{code}={value}: buiten het toegestane bereik {low}..{high}</translation>
    </message>
    <message>
        <source>permission denied</source>
        <extracomment>the meaning of an operating-system error (errno) after &quot;cannot use PATH:&quot;; the errno&apos;s name follows in brackets</extracomment>
        <translation>geen toegang</translation>
    </message>
    <message>
        <source>operation not permitted</source>
        <translation>bewerking niet toegestaan</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>bestand of map bestaat niet</translation>
    </message>
    <message>
        <source>already exists</source>
        <translation>bestaat al</translation>
    </message>
    <message>
        <source>is a folder</source>
        <translation>is een map</translation>
    </message>
    <message>
        <source>a part of the path is not a folder</source>
        <translation>een deel van het pad is geen map</translation>
    </message>
    <message>
        <source>the folder is not empty</source>
        <translation>de map is niet leeg</translation>
    </message>
    <message>
        <source>read-only file system</source>
        <translation>alleen-lezen bestandssysteem</translation>
    </message>
    <message>
        <source>no space left on the disk</source>
        <translation>geen ruimte meer op de schijf</translation>
    </message>
    <message>
        <source>disk quota exceeded</source>
        <translation>schijfquotum overschreden</translation>
    </message>
    <message>
        <source>file name too long</source>
        <translation>bestandsnaam te lang</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>in gebruik</translation>
    </message>
    <message>
        <source>too many open files</source>
        <translation>te veel open bestanden</translation>
    </message>
    <message>
        <source>operating-system error {name} (errno {number})</source>
        <translation>besturingssysteemfout {name} (errno {number})</translation>
    </message>
    <message>
        <source>no session at {path}: the path does not exist</source>
        <translation>geen sessie op {path}: het pad bestaat niet</translation>
    </message>
    <message>
        <source>not an OefenSense session: {path} is a file; pass the session directory</source>
        <translation>geen OefenSense-sessie: {path} is een bestand; geef de sessiemap op</translation>
    </message>
    <message>
        <source>not an OefenSense session: {path} is an empty directory</source>
        <translation>geen OefenSense-sessie: {path} is een lege map</translation>
    </message>
    <message>
        <source>not an OefenSense session: {path} is a directory without manifest.json</source>
        <translation>geen OefenSense-sessie: {path} is een map zonder manifest.json</translation>
    </message>
    <message>
        <source>damaged session: {path} is not valid JSON ({reason})</source>
        <translation>beschadigde sessie: {path} is geen geldige JSON ({reason})</translation>
    </message>
    <message>
        <source>not an OefenSense session: {path} is not a {format} manifest</source>
        <translation>geen OefenSense-sessie: {path} is geen {format}-manifest</translation>
    </message>
    <message>
        <source>damaged session: {path} has an invalid format_version {version}</source>
        <translation>beschadigde sessie: {path} heeft een ongeldige format_version {version}</translation>
    </message>
    <message>
        <source>session format version {version} is newer than this OefenSense reads ({supported}); upgrade oefensense</source>
        <translation>sessieformaat versie {version} is nieuwer dan deze OefenSense leest ({supported}); werk oefensense bij</translation>
    </message>
    <message>
        <source>damaged session: sensor list in {path} is invalid ({reason})</source>
        <translation>beschadigde sessie: de sensorlijst in {path} is ongeldig ({reason})</translation>
    </message>
    <message>
        <source>damaged session: {where}: {field} {what}</source>
        <translation>beschadigde sessie: {where}: {field} {what}</translation>
    </message>
    <message>
        <source>no sensor {sensor} in session {path}; known: {known}</source>
        <translation>geen sensor {sensor} in sessie {path}; bekend: {known}</translation>
    </message>
    <message>
        <source>damaged session {path}: {loss}{more}; run `oefensense repair {path}` to keep the intact data and flag what was lost</source>
        <translation>beschadigde sessie {path}: {loss}{more}; voer `oefensense repair {path}` uit om de intacte gegevens te houden en te markeren wat verloren ging</translation>
    </message>
    <message>
        <source> (+{n} more)</source>
        <translation> (+{n} meer)</translation>
    </message>
    <message>
        <source>session {path} holds no recorded raw packets: nothing to replay</source>
        <translation>sessie {path} bevat geen opgenomen ruwe pakketten: niets om af te spelen</translation>
    </message>
    <message>
        <source>{file} is missing: {rows} {kind_rows} lost{span}</source>
        <translation>{file} ontbreekt: {rows} {kind_rows} verloren{span}</translation>
    </message>
    <message>
        <source>{file} failed its checksum: {rows} {kind_rows} lost{span}</source>
        <translation>{file} klopt niet met de controlesom: {rows} {kind_rows} verloren{span}</translation>
    </message>
    <message>
        <source>{file} cannot be read: {rows} {kind_rows} lost{span}</source>
        <translation>{file} is onleesbaar: {rows} {kind_rows} verloren{span}</translation>
    </message>
    <message>
        <source>{file} is truncated: {rows} {kind_rows} lost{span}</source>
        <translation>{file} is afgekapt: {rows} {kind_rows} verloren{span}</translation>
    </message>
    <message>
        <source>{file} {reason}: {rows} {kind_rows} lost{span}</source>
        <translation>{file} {reason}: {rows} {kind_rows} verloren{span}</translation>
    </message>
    <message>
        <source>samples rows</source>
        <translation>rijen meetwaarden</translation>
    </message>
    <message>
        <source>packets rows</source>
        <translation>rijen pakketten</translation>
    </message>
    <message>
        <source>events rows</source>
        <translation>rijen gebeurtenissen</translation>
    </message>
    <message>
        <source>an unknown number of</source>
        <translation>een onbekend aantal</translation>
    </message>
    <message>
        <source>, {first}–{last} s</source>
        <translation>, {first}–{last} s</translation>
    </message>
    <message>
        <source>cannot record to {path}: it is a file; choose a new directory</source>
        <translation>kan niet opnemen in {path}: het is een bestand; kies een nieuwe map</translation>
    </message>
    <message>
        <source>cannot record to {path}: the directory is not empty; choose a new one</source>
        <translation>kan niet opnemen in {path}: de map is niet leeg; kies een nieuwe</translation>
    </message>
    <message>
        <source>cannot record to {path}: another recorder is writing there; choose another directory</source>
        <translation>kan niet opnemen in {path}: een andere opname schrijft daar; kies een andere map</translation>
    </message>
    <message>
        <source>cannot record to {path}: {reason}</source>
        <translation>kan niet opnemen in {path}: {reason}</translation>
    </message>
    <message>
        <source>could not write {kind} to {path}: {reason}; the rows stay buffered and are retried at the next flush (free disk space?)</source>
        <translation>kon {kind} niet schrijven naar {path}: {reason}; de rijen blijven bewaard en worden bij de volgende keer wegschrijven opnieuw geprobeerd (schijfruimte vrijmaken?)</translation>
    </message>
    <message>
        <source>the stop of {path} was abandoned; it was not marked closed</source>
        <translation>het stoppen van {path} is afgebroken; de sessie is niet als afgesloten gemarkeerd</translation>
    </message>
    <message>
        <source>cannot compact {path}: it is still being recorded; stop the recording first</source>
        <translation>kan {path} niet comprimeren: er wordt nog in opgenomen; stop eerst de opname</translation>
    </message>
    <message>
        <source>cannot repair {path}: it is still being recorded; stop the recording first</source>
        <translation>kan {path} niet herstellen: er wordt nog in opgenomen; stop eerst de opname</translation>
    </message>
    <message>
        <source>{reason}; no segment or Parquet file holds a copy of the manifest: nothing to repair</source>
        <translation>{reason}; geen segment of Parquet-bestand bevat een kopie van het manifest: niets te herstellen</translation>
    </message>
    <message>
        <source>the manifest copy in {path} is not an OefenSense manifest; nothing to repair</source>
        <translation>de kopie van het manifest in {path} is geen OefenSense-manifest; niets te herstellen</translation>
    </message>
    <message>
        <source>cannot use the device-id salt {path}: {reason}; set {env} to a private folder (or record with --keep-device-ids)</source>
        <translation>kan het zout voor apparaat-id&apos;s {path} niet gebruiken: {reason}; zet {env} op een privémap (of neem op met --keep-device-ids)</translation>
    </message>
    <message>
        <source>the device-id salt {path} is too short; remove it to make a new one</source>
        <translation>het zout voor apparaat-id&apos;s {path} is te kort; verwijder het om een nieuw te maken</translation>
    </message>
    <message>
        <source>{path}: no such feedback plan</source>
        <translation>{path}: dit feedbackplan bestaat niet</translation>
    </message>
    <message>
        <source>{path}: cannot read the feedback plan ({reason})</source>
        <translation>{path}: kan het feedbackplan niet lezen ({reason})</translation>
    </message>
    <message>
        <source>{path}: not valid TOML ({reason})</source>
        <translation>{path}: geen geldige TOML ({reason})</translation>
    </message>
    <message>
        <source>{source}: {key}: {what}</source>
        <translation>{source}: {key}: {what}</translation>
    </message>
    <message>
        <source>a plan is a table of keys</source>
        <translation>een plan is een tabel van sleutels</translation>
    </message>
    <message>
        <source>unknown key; known: {known}</source>
        <translation>onbekende sleutel; bekend: {known}</translation>
    </message>
    <message>
        <source>must be a table of rules ([rules.NAME])</source>
        <translation>moet een tabel van regels zijn ([rules.NAAM])</translation>
    </message>
    <message>
        <source>unknown rule; known: {known}</source>
        <translation>onbekende regel; bekend: {known}</translation>
    </message>
    <message>
        <source>must be a table</source>
        <translation>moet een tabel zijn</translation>
    </message>
    <message>
        <source>expected seconds &gt;= 0 (0: once per bout), got {value}</source>
        <translation>verwacht seconden &gt;= 0 (0: eenmaal per periode), gekregen {value}</translation>
    </message>
    <message>
        <source>expected [&quot;HH:MM&quot;, &quot;HH:MM&quot;] (from, to; local time)</source>
        <translation>verwacht [&quot;UU:MM&quot;, &quot;UU:MM&quot;] (van, tot; lokale tijd)</translation>
    </message>
    <message>
        <source>expected a whole number of cues &gt;= 1, got {value}</source>
        <translation>verwacht een geheel aantal signalen &gt;= 1, gekregen {value}</translation>
    </message>
    <message>
        <source>expected seconds &gt;= 0, got {value}</source>
        <translation>verwacht seconden &gt;= 0, gekregen {value}</translation>
    </message>
    <message>
        <source>expected true or false, got {value}</source>
        <translation>verwacht true of false, gekregen {value}</translation>
    </message>
    <message>
        <source>expected a positive number of degrees, got {value}</source>
        <translation>verwacht een positief aantal graden, gekregen {value}</translation>
    </message>
    <message>
        <source>expected a positive number of seconds, got {value}</source>
        <translation>verwacht een positief aantal seconden, gekregen {value}</translation>
    </message>
    <message>
        <source>expected one of {choices}; got {value}</source>
        <translation>verwacht een van {choices}; gekregen {value}</translation>
    </message>
    <message>
        <source>expected a non-empty text, got {value}</source>
        <translation>verwacht een niet-lege tekst, gekregen {value}</translation>
    </message>
    <message>
        <source>expected local times as &quot;HH:MM&quot;, got {value}</source>
        <translation>verwacht lokale tijden als &quot;UU:MM&quot;, gekregen {value}</translation>
    </message>
    <message>
        <source>expected a local date (2026-12-03) or date-time, got {value}</source>
        <translation>verwacht een lokale datum (2026-12-03) of datum-tijd, gekregen {value}</translation>
    </message>
    <message>
        <source>give local time without an offset (the recording&apos;s zone applies)</source>
        <translation>geef lokale tijd zonder verschuiving (de tijdzone van de opname geldt)</translation>
    </message>
    <message>
        <source>expected a local date or date-time, got {value}</source>
        <translation>verwacht een lokale datum of datum-tijd, gekregen {value}</translation>
    </message>
</context>
</TS>
