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
</context>
</TS>
