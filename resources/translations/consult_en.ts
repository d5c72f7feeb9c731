<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- English forms of the texts with a count (%n, %Ln): one for 1, one for any other number.
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
    <message numerus="yes">
        <source>%n change(s) outside the articles and headings not included: %1</source>
        <translation>
            <numerusform>%n change outside the articles and headings not included: %1</numerusform>
            <numerusform>%n changes outside the articles and headings not included: %1</numerusform>
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
    <name>HistoryModel</name>
    <message numerus="yes">
        <source>%Ln char(s)</source>
        <translation>
            <numerusform>%Ln char</numerusform>
            <numerusform>%Ln chars</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln character(s) deleted or inserted since the previous version</source>
        <translation>
            <numerusform>%Ln character deleted or inserted since the previous version</numerusform>
            <numerusform>%Ln characters deleted or inserted since the previous version</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln character(s) in the text, spaces and line breaks included</source>
        <translation>
            <numerusform>%Ln character in the text, spaces and line breaks included</numerusform>
            <numerusform>%Ln characters in the text, spaces and line breaks included</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>Imported %1 of %n file(s)…</source>
        <translation>
            <numerusform>Imported %1 of %n file…</numerusform>
            <numerusform>Imported %1 of %n files…</numerusform>
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
<context>
    <name>ProposalEditor</name>
    <message numerus="yes">
        <source>%Ln word(s)</source>
        <translation>
            <numerusform>%Ln word</numerusform>
            <numerusform>%Ln words</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln character(s)</source>
        <translation>
            <numerusform>%Ln character</numerusform>
            <numerusform>%Ln characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n co-signer(s)</source>
        <translation>
            <numerusform>%n co-signer</numerusform>
            <numerusform>%n co-signers</numerusform>
        </translation>
    </message>
</context>
</TS>
