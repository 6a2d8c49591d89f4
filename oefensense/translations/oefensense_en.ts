<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name></name>
    <message numerus="yes">
        <source>%n sensor(s) found</source>
        <translation>
            <numerusform>%n sensor found</numerusform>
            <numerusform>%n sensors found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stands in 30 s</source>
        <translation>
            <numerusform>%n stand in 30 s</numerusform>
            <numerusform>%n stands in 30 s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the folder search passed over %n file(s) that are not a recording by name ({names}); recordings are taken by their extension (.cwa, .gt3x, .bin, .csv, .csv.gz, _ACC.txt): name a file on the command line to analyse it whatever its extension</source>
        <translation>
            <numerusform>the folder search passed over %n file that is not a recording by name ({names}); recordings are taken by their extension (.cwa, .gt3x, .bin, .csv, .csv.gz, _ACC.txt): name a file on the command line to analyse it whatever its extension</numerusform>
            <numerusform>the folder search passed over %n files that are not a recording by name ({names}); recordings are taken by their extension (.cwa, .gt3x, .bin, .csv, .csv.gz, _ACC.txt): name a file on the command line to analyse it whatever its extension</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n inputs: {done} analysed, {skipped} already finished (skipped), {failed} failed</source>
        <translation>
            <numerusform>%n input: {done} analysed, {skipped} already finished (skipped), {failed} failed</numerusform>
            <numerusform>%n inputs: {done} analysed, {skipped} already finished (skipped), {failed} failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n processes</source>
        <translation>
            <numerusform>%n process</numerusform>
            <numerusform>%n processes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>erase patient {code}, %n session(s) and their files?</source>
        <translation>
            <numerusform>erase patient {code}, %n session and its files?</numerusform>
            <numerusform>erase patient {code}, %n sessions and their files?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n session</numerusform>
            <numerusform>%n sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n session day(s)</source>
        <translation>
            <numerusform>%n session day</numerusform>
            <numerusform>%n session days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n assessment(s)</source>
        <translation>
            <numerusform>%n assessment</numerusform>
            <numerusform>%n assessments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n goal(s)</source>
        <translation>
            <numerusform>%n goal</numerusform>
            <numerusform>%n goals</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) and export(s)</source>
        <translation>
            <numerusform>%n report or export</numerusform>
            <numerusform>%n reports and exports</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n patient(s)</source>
        <translation>
            <numerusform>%n patient</numerusform>
            <numerusform>%n patients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sensor(s)</source>
        <translation>
            <numerusform>%n sensor</numerusform>
            <numerusform>%n sensors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n samples; closed and compacted</source>
        <translation>
            <numerusform>%n sample; closed and compacted</numerusform>
            <numerusform>%n samples; closed and compacted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the disk holding {out} has {free} MB free; {length} of %n sensor(s) at {rate} Hz needs about {need} MB: it will stop when the disk is full. Free space or record to another disk</source>
        <translation>
            <numerusform>the disk holding {out} has {free} MB free; {length} of %n sensor at {rate} Hz needs about {need} MB: it will stop when the disk is full. Free space or record to another disk</numerusform>
            <numerusform>the disk holding {out} has {free} MB free; {length} of %n sensors at {rate} Hz needs about {need} MB: it will stop when the disk is full. Free space or record to another disk</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n samples dropped</source>
        <translation>
            <numerusform>; %n sample dropped</numerusform>
            <numerusform>; %n samples dropped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{sensor}: %n flagged gap(s), {seconds} s ({reasons})</source>
        <translation>
            <numerusform>{sensor}: %n flagged gap, {seconds} s ({reasons})</numerusform>
            <numerusform>{sensor}: %n flagged gaps, {seconds} s ({reasons})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n resource(s)</source>
        <translation>
            <numerusform>%n resource</numerusform>
            <numerusform>%n resources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n gap event(s) flag the lost raw packets</source>
        <translation>
            <numerusform>; %n gap event flags the lost raw packets</numerusform>
            <numerusform>; %n gap events flag the lost raw packets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(+%n more)</source>
        <translation>
            <numerusform>(+%n more)</numerusform>
            <numerusform>(+%n more)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n {kind} row(s)</source>
        <translation>
            <numerusform>%n {kind} row</numerusform>
            <numerusform>%n {kind} rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(+%n more: --json lists all)</source>
        <translation>
            <numerusform>(+%n more: --json lists all)</numerusform>
            <numerusform>(+%n more: --json lists all)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stop command(s) answered &apos;already stopped&apos; (harmless)</source>
        <translation>
            <numerusform>%n stop command answered &apos;already stopped&apos; (harmless)</numerusform>
            <numerusform>%n stop commands answered &apos;already stopped&apos; (harmless)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>damaged session: %n part(s) lost or altered (listed above); run `oefensense repair {session}` to keep the intact data and flag the rest as gaps</source>
        <translation>
            <numerusform>damaged session: %n part lost or altered (listed above); run `oefensense repair {session}` to keep the intact data and flag the rest as gaps</numerusform>
            <numerusform>damaged session: %n parts lost or altered (listed above); run `oefensense repair {session}` to keep the intact data and flag the rest as gaps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>at least %n {kind} row(s)</source>
        <translation>
            <numerusform>at least %n {kind} row</numerusform>
            <numerusform>at least %n {kind} rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n NaN/inf dropped</source>
        <translation>
            <numerusform>%n NaN/inf dropped</numerusform>
            <numerusform>%n NaN/inf dropped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n impossible value(s) dropped</source>
        <translation>
            <numerusform>%n impossible value dropped</numerusform>
            <numerusform>%n impossible values dropped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n repeated timestamp(s) dropped</source>
        <translation>
            <numerusform>%n repeated timestamp dropped</numerusform>
            <numerusform>%n repeated timestamps dropped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) sorted into time order</source>
        <translation>
            <numerusform>%n row sorted into time order</numerusform>
            <numerusform>%n rows sorted into time order</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n flagged gap(s)</source>
        <translation>
            <numerusform>%n flagged gap</numerusform>
            <numerusform>%n flagged gaps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>kept {kept} of %n row(s)</source>
        <translation>
            <numerusform>kept {kept} of %n row</numerusform>
            <numerusform>kept {kept} of %n rows</numerusform>
        </translation>
    </message>
</context>
</TS>
