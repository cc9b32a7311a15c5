<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>DisplayFormat</name>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>Invalid input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not authorized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catalog unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct the input and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It may have been deleted meanwhile; refresh to see what is stored now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its time to live has passed, so it was removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was changed. Allow overwriting or choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the user name and password or token of this connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The catalog cannot be reached or is busy. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This catalog does not offer the operation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run a consistency check (kvdesk-cli fsck) if this happens again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExpirationChooser</name>
    <message>
        <source>How long the pair lives after this write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ISO-8601 duration, e.g. PT12H or P2DT3H</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weeks (P1W), days (P1D), hours (PT1H), minutes (PT5M) and seconds (PT30S), combined as in P2DT3H4M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom duration…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep current expiration (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a duration such as PT12H, P2D or P1W.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current expiration has passed: choose a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires %1 (local time).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pair stays until it is deleted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExpirationDialog</name>
    <message>
        <source>Change Expiration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The values and revisions stay as they are; only the expiration changes, counted from now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New expiration for &lt;b&gt;%1&lt;/b&gt; in %2:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>New expiration for %n pair(s) in %1:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeychainCredentialStore</name>
    <message>
        <source>No password or token is stored for this connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain is available on this system (%1). KV Desk will ask for the password or token each time instead of storing it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access to the keychain was denied (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain could not be used (%1). KV Desk will ask for the password or token each time instead of storing it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KvEditorDialog</name>
    <message>
        <source>Key-Value Pair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. last.run or source-uri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any text, several lines allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indent the JSON document (the stored form stays compact)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 42, -1.5 or 6.02e23 (kept digit for digit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ISO-8601 duration, e.g. PT5M, PT1.5S, P2DT3H or P1W</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xpiration:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: what the value is for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Overwrite if the key exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off: when the key already exists, nothing is changed and you are told</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring writes the chosen revision&apos;s value as a new revision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Key-Value Pair in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored revision %1 as revision %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local time (%1, UTC%2); stored in UTC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1, column %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a JSON object or array.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>= no time at all</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KvStoreWidget</name>
    <message>
        <source>How the filter text matches keys (case-sensitive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key starts with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key contains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1 (revision %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln key-value pair(s) from %1?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Their history is deleted too. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n pair(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n were already gone</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Copied the value of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Changed the expiration of %n pair(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Purged %n pair(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln pair(s) to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled; no file was written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import the pairs of %1 into %2?

Keys that exist get a new revision with the file&apos;s value (the old one stays in their history). A single invalid row stops the import before anything is written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing into %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Import cancelled after %Ln pair(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln pair(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already expired and skipped</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Import cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Key-Value…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a key-value pair to this namespace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the selected pair (Enter or double-click)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the value of the selected pair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy kv() E&amp;xpression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy {{ kv(&apos;KEY&apos;) }} for use in a Kestra flow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change E&amp;xpiration…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set a new time to live, or none, for the selected pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the pairs again from the catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Purge Expired…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove expired pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export Namespace as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write every pair of this namespace to a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;Selection as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the selected pairs to a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include &amp;Values in CSV Exports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a value column to exported CSV files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read pairs from a CSV file into this namespace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln key(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln key(s) match “%1”</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>loading…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KvTableModel</name>
    <message>
        <source>The value&apos;s first characters (not sortable: values are not in the registry)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TTL left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(open the pair to see all of it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires %1 (in %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) as stored</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>KV Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No namespace selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a namespace on the left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Namespace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Namespace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Catalog…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a local catalog in an empty folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Catalog…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a local catalog folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the namespaces and pairs again from the catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter &amp;Namespaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;Toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About KV Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln key(s) in the catalog</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Catalog: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No catalog open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About KV Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KV Desk %1

Inspect and edit namespaced key-value catalogs: local folders or servers that speak the Kestra KV API.

Built with Qt %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit KV Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An operation is still running. Quit and cancel it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the catalog %1.

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Catalog: Choose an Empty Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not empty. Choose an empty folder for a new catalog, or use Open Catalog for an existing one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a KV Desk catalog (it has no registry.sqlite). Use New Catalog to create one in an empty folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NamespaceDialog</name>
    <message>
        <source>New Namespace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. company.team.etl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: what this namespace holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segments separated by dots; each starts with a lowercase letter or digit and may contain lowercase letters, digits, “_” and “-”. At most 150 characters in all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Child Namespace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. etl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NamespacePage</name>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KV Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plugin defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a Kestra Enterprise Edition feature; it is not available in KV Desk.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NamespacePanel</name>
    <message>
        <source>Namespaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter namespaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This catalog is empty. Add a namespace with Namespace › New Namespace… (Ctrl+Shift+N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Namespace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a top-level namespace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;Child Namespace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a namespace below the selected one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Namespace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected namespace with its pairs and child namespaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Namespace &amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created namespace %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the namespace %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>It holds %n key-value pair(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n child namespace(s) with all their pairs. This cannot be undone.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Delete Namespace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted namespace %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NamespaceTreeModel</name>
    <message numerus="yes">
        <source>%n live key-value pair(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Implied by its keys or child namespaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OverviewWidget</name>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live keys:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired, awaiting purge:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Purge Expired…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total value size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last update:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Child namespaces:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit, Variables, Plugin defaults, Secrets and Audit logs are Kestra Enterprise Edition features and are not available in KV Desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Implied by its keys or child namespaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new language applies when KV Desk starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PurgeDialog</name>
    <message>
        <source>Purge Pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the &amp;whole catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Expired pairs only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;All pairs, expired or not (asks again before deleting)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keys matching:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any key; or a pattern such as tmp.* or upload.?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Created before:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre&amp;view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count what would be removed, without removing anything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only in &amp;%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In %1 and its &amp;child namespaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Purge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in the whole catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1 and its child namespaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview counts what would be removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Pairs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln pair(s) would be removed %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Delete Pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete every pair %1%2, whether it has expired or not? Their history goes too. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> whose key matches %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after removing %Ln pair(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %Ln pair(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RevisionListModel</name>
    <message>
        <source>%1 (current)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskStatusWidget</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop this operation; what it already did stays done</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>(+%n more)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
</TS>
