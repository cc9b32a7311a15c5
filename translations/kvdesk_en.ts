<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ConnectionsDialog</name>
    <message numerus="yes">
        <source>Connected: %n namespace(s).</source>
        <translation>
            <numerusform>Connected: %n namespace.</numerusform>
            <numerusform>Connected: %n namespaces.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DisplayFormat</name>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExpirationDialog</name>
    <message numerus="yes">
        <source>New expiration for %n pair(s) in %1:</source>
        <translation>
            <numerusform>New expiration for %n pair in %1:</numerusform>
            <numerusform>New expiration for %n pairs in %1:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KvStoreWidget</name>
    <message numerus="yes">
        <source>Delete %Ln key-value pair(s) from %1?</source>
        <translation>
            <numerusform>Delete %Ln key-value pair from %1?</numerusform>
            <numerusform>Delete %Ln key-value pairs from %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n pair(s)</source>
        <translation>
            <numerusform>Deleted %n pair</numerusform>
            <numerusform>Deleted %n pairs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n were already gone</source>
        <translation>
            <numerusform>%n was already gone</numerusform>
            <numerusform>%n were already gone</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Changed the expiration of %n pair(s)</source>
        <translation>
            <numerusform>Changed the expiration of %n pair</numerusform>
            <numerusform>Changed the expiration of %n pairs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Purged %n pair(s)</source>
        <translation>
            <numerusform>Purged %n pair</numerusform>
            <numerusform>Purged %n pairs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln pair(s) to %1</source>
        <translation>
            <numerusform>Exported %Ln pair to %1</numerusform>
            <numerusform>Exported %Ln pairs to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import cancelled after %Ln pair(s)</source>
        <translation>
            <numerusform>Import cancelled after %Ln pair</numerusform>
            <numerusform>Import cancelled after %Ln pairs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln pair(s)</source>
        <translation>
            <numerusform>Imported %Ln pair</numerusform>
            <numerusform>Imported %Ln pairs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already expired and skipped</source>
        <translation>
            <numerusform>%Ln already expired and skipped</numerusform>
            <numerusform>%Ln already expired and skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln key(s)</source>
        <translation>
            <numerusform>%Ln key</numerusform>
            <numerusform>%Ln keys</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln key(s) match “%1”</source>
        <translation>
            <numerusform>%Ln key match “%1”</numerusform>
            <numerusform>%Ln keys match “%1”</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KvTableModel</name>
    <message numerus="yes">
        <source>%n byte(s) as stored</source>
        <translation>
            <numerusform>%n byte as stored</numerusform>
            <numerusform>%n bytes as stored</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%Ln key(s) in the catalog</source>
        <translation>
            <numerusform>%Ln key in the catalog</numerusform>
            <numerusform>%Ln keys in the catalog</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NamespacePanel</name>
    <message numerus="yes">
        <source>It holds %n key-value pair(s)</source>
        <translation>
            <numerusform>It holds %n key-value pair</numerusform>
            <numerusform>It holds %n key-value pairs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n child namespace(s) with all their pairs. This cannot be undone.</source>
        <translation>
            <numerusform>and %n child namespace with all their pairs. This cannot be undone.</numerusform>
            <numerusform>and %n child namespaces with all their pairs. This cannot be undone.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NamespaceTreeModel</name>
    <message numerus="yes">
        <source>%n live key-value pair(s)</source>
        <translation>
            <numerusform>%n live key-value pair</numerusform>
            <numerusform>%n live key-value pairs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PurgeDialog</name>
    <message numerus="yes">
        <source>%Ln pair(s) would be removed %1.</source>
        <translation>
            <numerusform>%Ln pair would be removed %1.</numerusform>
            <numerusform>%Ln pairs would be removed %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after removing %Ln pair(s).</source>
        <translation>
            <numerusform>Cancelled after removing %Ln pair.</numerusform>
            <numerusform>Cancelled after removing %Ln pairs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %Ln pair(s).</source>
        <translation>
            <numerusform>Removed %Ln pair.</numerusform>
            <numerusform>Removed %Ln pairs.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TaskStatusWidget</name>
    <message numerus="yes">
        <source>(+%n more)</source>
        <translation>
            <numerusform>(+%n more)</numerusform>
            <numerusform>(+%n more)</numerusform>
        </translation>
    </message>
</context>
</TS>
