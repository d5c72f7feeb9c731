<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- English forms of the texts with a count (%n): one for 1, one for any other number.
     The code writes them "%n proposal(s)"; this file holds nothing else (made with
     pyside6-lupdate -pluralonly; Opening's text, read by lupdate as no plural, added by hand). -->
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>DraftAmendmentDialog</name>
    <message numerus="yes">
        <source>%n instruction(s)</source>
        <translation>
            <numerusform>%n instruction</numerusform>
            <numerusform>%n instructions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>The %n selected proposal(s)</source>
        <translation>
            <numerusform>The selected proposal</numerusform>
            <numerusform>The %n selected proposals</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All proposals (%n)</source>
        <translation>
            <numerusform>All proposals (%n)</numerusform>
            <numerusform>All proposals (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n proposal(s) exported.</source>
        <translation>
            <numerusform>Done: %n proposal exported.</numerusform>
            <numerusform>Done: %n proposals exported.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FacetTree</name>
    <message numerus="yes">
        <source>%n proposal(s)</source>
        <translation>
            <numerusform>%n proposal</numerusform>
            <numerusform>%n proposals</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Opening</name>
    <message numerus="yes">
        <source>%n proposal(s) or draft(s) saved as Markdown in %1.</source>
        <translation>
            <numerusform>%n proposal or draft saved as Markdown in %1.</numerusform>
            <numerusform>%n proposals or drafts saved as Markdown in %1.</numerusform>
        </translation>
    </message>
</context>
</TS>
