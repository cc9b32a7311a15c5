<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CatalogSwitcher</name>
    <message>
        <source>The catalog shown: a local folder or a connection to a server</source>
        <translation>Der angezeigte Katalog: ein lokaler Ordner oder eine Verbindung zu einem Server</translation>
    </message>
    <message>
        <source>Manage Connections…</source>
        <translation>Verbindungen verwalten…</translation>
    </message>
</context>
<context>
    <name>ConnectionProfile</name>
    <message>
        <source>Give the connection a name.</source>
        <translation>Geben Sie der Verbindung einen Namen.</translation>
    </message>
    <message>
        <source>Password authentication needs a user name.</source>
        <translation>Die Anmeldung mit Passwort braucht einen Benutzernamen.</translation>
    </message>
</context>
<context>
    <name>ConnectionsDialog</name>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>Na&amp;me:</translation>
    </message>
    <message>
        <source>e.g. Production</source>
        <translation>z. B. Produktion</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>&amp;Tenant:</source>
        <translation>&amp;Mandant:</translation>
    </message>
    <message>
        <source>&amp;Sign in with:</source>
        <translation>&amp;Anmelden mit:</translation>
    </message>
    <message>
        <source>Us&amp;er:</source>
        <translation>Ben&amp;utzer:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Leave empty to use the stored one, or to be asked</source>
        <translation>Leer lassen, um das gespeicherte zu verwenden oder danach gefragt zu werden</translation>
    </message>
    <message>
        <source>Store in the &amp;keychain</source>
        <translation>Im &amp;Schlüsselbund speichern</translation>
    </message>
    <message>
        <source>&amp;Forget Stored Secret</source>
        <translation>Gespeichertes Geheimnis &amp;vergessen</translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation>&amp;CA-Datei:</translation>
    </message>
    <message>
        <source>Optional: PEM file of extra trusted certificates</source>
        <translation>Optional: PEM-Datei mit zusätzlichen vertrauenswürdigen Zertifikaten</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>T&amp;est Connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>No sign-in</source>
        <translation>Ohne Anmeldung</translation>
    </message>
    <message>
        <source>User and password (HTTP Basic)</source>
        <translation>Benutzer und Passwort (HTTP Basic)</translation>
    </message>
    <message>
        <source>Token (Bearer)</source>
        <translation>Token (Bearer)</translation>
    </message>
    <message>
        <source>C&amp;onnect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>CA Certificates</source>
        <translation>CA-Zertifikate</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>Neue Verbindung</translation>
    </message>
    <message>
        <source>Remove Connection</source>
        <translation>Verbindung entfernen</translation>
    </message>
    <message>
        <source>Remove the connection %1? Its stored password or token is removed from the keychain too.</source>
        <translation>Die Verbindung %1 entfernen? Ihr gespeichertes Passwort oder Token wird ebenfalls aus dem Schlüsselbund entfernt.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>Looking in the keychain…</source>
        <translation>Suche im Schlüsselbund…</translation>
    </message>
    <message>
        <source>A secret is stored in the keychain.</source>
        <translation>Im Schlüsselbund ist ein Geheimnis gespeichert.</translation>
    </message>
    <message>
        <source>Nothing stored: type it above, or you will be asked when connecting.</source>
        <translation>Nichts gespeichert: Geben Sie es oben ein, oder Sie werden beim Verbinden gefragt.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message numerus="yes">
        <source>Connected: %n namespace(s).</source>
        <translation>
            <numerusform>Verbunden: %n Namensraum.</numerusform>
            <numerusform>Verbunden: %n Namensräume.</numerusform>
        </translation>
    </message>
    <message>
        <source>Test Connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Password or token:</source>
        <translation>Passwort oder Token:</translation>
    </message>
    <message>
        <source>none (Kestra 0.2x)</source>
        <translation>keiner (Kestra 0.2x)</translation>
    </message>
    <message>
        <source>Server: %1.</source>
        <translation>Server: %1.</translation>
    </message>
</context>
<context>
    <name>DisplayFormat</name>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 T %2 Std.</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 T</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 Std. %2 Min.</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 Std.</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 Min. %2 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n Byte</numerusform>
            <numerusform>%n Byte</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>Invalid input</source>
        <translation>Ungültige Eingabe</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Konflikt</translation>
    </message>
    <message>
        <source>Not authorized</source>
        <translation>Nicht berechtigt</translation>
    </message>
    <message>
        <source>Catalog unavailable</source>
        <translation>Katalog nicht erreichbar</translation>
    </message>
    <message>
        <source>Not supported</source>
        <translation>Nicht unterstützt</translation>
    </message>
    <message>
        <source>Internal error</source>
        <translation>Interner Fehler</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Correct the input and try again.</source>
        <translation>Korrigieren Sie die Eingabe und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>It may have been deleted meanwhile; refresh to see what is stored now.</source>
        <translation>Es wurde womöglich inzwischen gelöscht; aktualisieren Sie, um den gespeicherten Stand zu sehen.</translation>
    </message>
    <message>
        <source>Its time to live has passed, so it was removed.</source>
        <translation>Seine Lebensdauer ist abgelaufen, daher wurde es entfernt.</translation>
    </message>
    <message>
        <source>Nothing was changed. Allow overwriting or choose another name.</source>
        <translation>Es wurde nichts geändert. Erlauben Sie das Überschreiben oder wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>Check the user name and password or token of this connection.</source>
        <translation>Prüfen Sie Benutzername und Passwort oder das Token dieser Verbindung.</translation>
    </message>
    <message>
        <source>The catalog cannot be reached or is busy. Try again in a moment.</source>
        <translation>Der Katalog ist nicht erreichbar oder beschäftigt. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>This catalog does not offer the operation.</source>
        <translation>Dieser Katalog bietet diesen Vorgang nicht an.</translation>
    </message>
    <message>
        <source>Run a consistency check (kvdesk-cli fsck) if this happens again.</source>
        <translation>Führen Sie eine Konsistenzprüfung aus (kvdesk-cli fsck), falls das wieder vorkommt.</translation>
    </message>
</context>
<context>
    <name>ExpirationChooser</name>
    <message>
        <source>How long the pair lives after this write</source>
        <translation>Wie lange das Paar nach diesem Schreiben besteht</translation>
    </message>
    <message>
        <source>ISO-8601 duration, e.g. PT12H or P2DT3H</source>
        <translation>ISO-8601-Dauer, z. B. PT12H oder P2DT3H</translation>
    </message>
    <message>
        <source>Weeks (P1W), days (P1D), hours (PT1H), minutes (PT5M) and seconds (PT30S), combined as in P2DT3H4M</source>
        <translation>Wochen (P1W), Tage (P1D), Stunden (PT1H), Minuten (PT5M) und Sekunden (PT30S), kombiniert wie in P2DT3H4M</translation>
    </message>
    <message>
        <source>Never expires</source>
        <translation>Läuft nie ab</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 Tage</translation>
    </message>
    <message>
        <source>30 days</source>
        <translation>30 Tage</translation>
    </message>
    <message>
        <source>Custom duration…</source>
        <translation>Eigene Dauer…</translation>
    </message>
    <message>
        <source>Keep current expiration (%1)</source>
        <translation>Bisherigen Ablauf behalten (%1)</translation>
    </message>
    <message>
        <source>Enter a duration such as PT12H, P2D or P1W.</source>
        <translation>Geben Sie eine Dauer wie PT12H, P2D oder P1W ein.</translation>
    </message>
    <message>
        <source>The current expiration has passed: choose a new one.</source>
        <translation>Der bisherige Ablauf ist verstrichen: Wählen Sie einen neuen.</translation>
    </message>
    <message>
        <source>Expires %1 (local time).</source>
        <translation>Läuft ab am %1 (Ortszeit).</translation>
    </message>
    <message>
        <source>The pair stays until it is deleted.</source>
        <translation>Das Paar bleibt, bis es gelöscht wird.</translation>
    </message>
</context>
<context>
    <name>ExpirationDialog</name>
    <message>
        <source>Change Expiration</source>
        <translation>Ablauf ändern</translation>
    </message>
    <message>
        <source>The values and revisions stay as they are; only the expiration changes, counted from now.</source>
        <translation>Werte und Revisionen bleiben, wie sie sind; nur der Ablauf ändert sich, gerechnet ab jetzt.</translation>
    </message>
    <message>
        <source>New expiration for &lt;b&gt;%1&lt;/b&gt; in %2:</source>
        <translation>Neuer Ablauf für &lt;b&gt;%1&lt;/b&gt; in %2:</translation>
    </message>
    <message numerus="yes">
        <source>New expiration for %n pair(s) in %1:</source>
        <translation>
            <numerusform>Neuer Ablauf für %n Paar in %1:</numerusform>
            <numerusform>Neuer Ablauf für %n Paare in %1:</numerusform>
        </translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
</context>
<context>
    <name>KeychainCredentialStore</name>
    <message>
        <source>No password or token is stored for this connection.</source>
        <translation>Für diese Verbindung ist kein Passwort und kein Token gespeichert.</translation>
    </message>
    <message>
        <source>No keychain is available on this system (%1). KV Desk will ask for the password or token each time instead of storing it.</source>
        <translation>Auf diesem System ist kein Schlüsselbund verfügbar (%1). KV Desk fragt jedes Mal nach dem Passwort oder Token, statt es zu speichern.</translation>
    </message>
    <message>
        <source>Access to the keychain was denied (%1).</source>
        <translation>Der Zugriff auf den Schlüsselbund wurde verweigert (%1).</translation>
    </message>
    <message>
        <source>The keychain could not be used (%1). KV Desk will ask for the password or token each time instead of storing it.</source>
        <translation>Der Schlüsselbund konnte nicht benutzt werden (%1). KV Desk fragt jedes Mal nach dem Passwort oder Token, statt es zu speichern.</translation>
    </message>
</context>
<context>
    <name>KvEditorDialog</name>
    <message>
        <source>Key-Value Pair</source>
        <translation>Schlüssel-Wert-Paar</translation>
    </message>
    <message>
        <source>&amp;Pair</source>
        <translation>&amp;Paar</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>e.g. last.run or source-uri</source>
        <translation>z. B. last.run oder source-uri</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>&amp;Wert:</translation>
    </message>
    <message>
        <source>Any text, several lines allowed</source>
        <translation>Beliebiger Text, auch mehrzeilig</translation>
    </message>
    <message>
        <source>&amp;Format</source>
        <translation>&amp;Formatieren</translation>
    </message>
    <message>
        <source>Indent the JSON document (the stored form stays compact)</source>
        <translation>Das JSON-Dokument einrücken (gespeichert wird es kompakt)</translation>
    </message>
    <message>
        <source>e.g. 42, -1.5 or 6.02e23 (kept digit for digit)</source>
        <translation>z. B. 42, -1.5 oder 6.02e23 (Ziffer für Ziffer erhalten)</translation>
    </message>
    <message>
        <source>ISO-8601 duration, e.g. PT5M, PT1.5S, P2DT3H or P1W</source>
        <translation>ISO-8601-Dauer, z. B. PT5M, PT1.5S, P2DT3H oder P1W</translation>
    </message>
    <message>
        <source>E&amp;xpiration:</source>
        <translation>A&amp;blauf:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>Optional: what the value is for</source>
        <translation>Optional: wofür der Wert da ist</translation>
    </message>
    <message>
        <source>&amp;Overwrite if the key exists</source>
        <translation>Ü&amp;berschreiben, wenn der Schlüssel existiert</translation>
    </message>
    <message>
        <source>Off: when the key already exists, nothing is changed and you are told</source>
        <translation>Aus: Existiert der Schlüssel schon, wird nichts geändert und Sie erfahren es</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>Restoring writes the chosen revision&apos;s value as a new revision.</source>
        <translation>Wiederherstellen schreibt den Wert der gewählten Revision als neue Revision.</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>New Key-Value Pair in %1</source>
        <translation>Neues Schlüssel-Wert-Paar in %1</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Restored revision %1 as revision %2.</source>
        <translation>Revision %1 als Revision %2 wiederhergestellt.</translation>
    </message>
    <message>
        <source>Local time (%1, UTC%2); stored in UTC.</source>
        <translation>Ortszeit (%1, UTC%2); gespeichert in UTC.</translation>
    </message>
    <message>
        <source>Line %1, column %2</source>
        <translation>Zeile %1, Spalte %2</translation>
    </message>
    <message>
        <source>Enter a JSON object or array.</source>
        <translation>Geben Sie ein JSON-Objekt oder -Array ein.</translation>
    </message>
    <message>
        <source>Enter a value.</source>
        <translation>Geben Sie einen Wert ein.</translation>
    </message>
    <message>
        <source>= no time at all</source>
        <translation>= gar keine Zeit</translation>
    </message>
</context>
<context>
    <name>KvStoreWidget</name>
    <message>
        <source>How the filter text matches keys (case-sensitive)</source>
        <translation>Wie der Filtertext auf Schlüssel passt (Groß-/Kleinschreibung beachten)</translation>
    </message>
    <message>
        <source>Key starts with</source>
        <translation>Schlüssel beginnt mit</translation>
    </message>
    <message>
        <source>Key contains</source>
        <translation>Schlüssel enthält</translation>
    </message>
    <message>
        <source>Filter keys</source>
        <translation>Schlüssel filtern</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Saved %1 (revision %2)</source>
        <translation>%1 gespeichert (Revision %2)</translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln key-value pair(s) from %1?</source>
        <translation>
            <numerusform>%Ln Schlüssel-Wert-Paar aus %1 löschen?</numerusform>
            <numerusform>%Ln Schlüssel-Wert-Paare aus %1 löschen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weiteres</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>Their history is deleted too. This cannot be undone.</source>
        <translation>Ihr Verlauf wird ebenfalls gelöscht. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Delete Pairs</source>
        <translation>Paare löschen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n pair(s)</source>
        <translation>
            <numerusform>%n Paar gelöscht</numerusform>
            <numerusform>%n Paare gelöscht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n were already gone</source>
        <translation>
            <numerusform>%n war bereits weg</numerusform>
            <numerusform>%n waren bereits weg</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied the value of %1</source>
        <translation>Wert von %1 kopiert</translation>
    </message>
    <message>
        <source>Copy Value</source>
        <translation>Wert kopieren</translation>
    </message>
    <message numerus="yes">
        <source>Changed the expiration of %n pair(s)</source>
        <translation>
            <numerusform>Ablauf von %n Paar geändert</numerusform>
            <numerusform>Ablauf von %n Paaren geändert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Purged %n pair(s)</source>
        <translation>
            <numerusform>%n Paar bereinigt</numerusform>
            <numerusform>%n Paare bereinigt</numerusform>
        </translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Exporting %1</source>
        <translation>Exportiere %1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln pair(s) to %1</source>
        <translation>
            <numerusform>%Ln Paar nach %1 exportiert</numerusform>
            <numerusform>%Ln Paare nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled; no file was written</source>
        <translation>Export abgebrochen; es wurde keine Datei geschrieben</translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation>CSV importieren</translation>
    </message>
    <message>
        <source>Import the pairs of %1 into %2?

Keys that exist get a new revision with the file&apos;s value (the old one stays in their history). A single invalid row stops the import before anything is written.</source>
        <translation>Die Paare aus %1 in %2 importieren?

Vorhandene Schlüssel erhalten eine neue Revision mit dem Wert aus der Datei (der alte bleibt in ihrem Verlauf). Eine einzige ungültige Zeile beendet den Import, bevor etwas geschrieben wird.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Importing into %1</source>
        <translation>Importiere in %1</translation>
    </message>
    <message numerus="yes">
        <source>Import cancelled after %Ln pair(s)</source>
        <translation>
            <numerusform>Import nach %Ln Paar abgebrochen</numerusform>
            <numerusform>Import nach %Ln Paaren abgebrochen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln pair(s)</source>
        <translation>
            <numerusform>%Ln Paar importiert</numerusform>
            <numerusform>%Ln Paare importiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already expired and skipped</source>
        <translation>
            <numerusform>%Ln bereits abgelaufenes übersprungen</numerusform>
            <numerusform>%Ln bereits abgelaufene übersprungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Import cancelled</source>
        <translation>Import abgebrochen</translation>
    </message>
    <message>
        <source>&amp;New Key-Value…</source>
        <translation>&amp;Neues Schlüssel-Wert-Paar…</translation>
    </message>
    <message>
        <source>Add a key-value pair to this namespace</source>
        <translation>Diesem Namensraum ein Schlüssel-Wert-Paar hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Edit the selected pair (Enter or double-click)</source>
        <translation>Das gewählte Paar bearbeiten (Eingabetaste oder Doppelklick)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Delete the selected pairs</source>
        <translation>Die gewählten Paare löschen</translation>
    </message>
    <message>
        <source>&amp;Copy Key</source>
        <translation>Schlüssel &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy the selected keys</source>
        <translation>Die gewählten Schlüssel kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;Value</source>
        <translation>&amp;Wert kopieren</translation>
    </message>
    <message>
        <source>Copy the value of the selected pair</source>
        <translation>Den Wert des gewählten Paars kopieren</translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <source>Copy kv() E&amp;xpression</source>
        <translation>kv()-&amp;Ausdruck kopieren</translation>
    </message>
    <message>
        <source>Copy {{ kv(&apos;KEY&apos;) }} for use in a Kestra flow</source>
        <translation>{{ kv(&apos;KEY&apos;) }} zur Verwendung in einem Kestra-Flow kopieren</translation>
    </message>
    <message>
        <source>Change E&amp;xpiration…</source>
        <translation>Abla&amp;uf ändern…</translation>
    </message>
    <message>
        <source>Set a new time to live, or none, for the selected pairs</source>
        <translation>Eine neue Lebensdauer (oder keine) für die gewählten Paare festlegen</translation>
    </message>
    <message>
        <source>&amp;Purge Expired…</source>
        <translation>Abgelaufene &amp;bereinigen…</translation>
    </message>
    <message>
        <source>Remove expired pairs</source>
        <translation>Abgelaufene Paare entfernen</translation>
    </message>
    <message>
        <source>&amp;Export Namespace as CSV…</source>
        <translation>Namensraum als CSV &amp;exportieren…</translation>
    </message>
    <message>
        <source>Write every pair of this namespace to a CSV file</source>
        <translation>Alle Paare dieses Namensraums in eine CSV-Datei schreiben</translation>
    </message>
    <message>
        <source>Export &amp;Selection as CSV…</source>
        <translation>Au&amp;swahl als CSV exportieren…</translation>
    </message>
    <message>
        <source>Write the selected pairs to a CSV file</source>
        <translation>Die gewählten Paare in eine CSV-Datei schreiben</translation>
    </message>
    <message>
        <source>Include &amp;Values in CSV Exports</source>
        <translation>&amp;Werte in CSV-Exporte aufnehmen</translation>
    </message>
    <message>
        <source>Add a value column to exported CSV files</source>
        <translation>Exportierten CSV-Dateien eine Spalte mit den Werten hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>CSV &amp;importieren…</translation>
    </message>
    <message>
        <source>Read pairs from a CSV file into this namespace</source>
        <translation>Paare aus einer CSV-Datei in diesen Namensraum lesen</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Zähle…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln key(s)</source>
        <translation>
            <numerusform>%Ln Schlüssel</numerusform>
            <numerusform>%Ln Schlüssel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln key(s) match “%1”</source>
        <translation>
            <numerusform>%Ln Schlüssel passt auf „%1“</numerusform>
            <numerusform>%Ln Schlüssel passen auf „%1“</numerusform>
        </translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>lade…</translation>
    </message>
</context>
<context>
    <name>KvTableModel</name>
    <message>
        <source>The value&apos;s first characters (not sortable: values are not in the registry)</source>
        <translation>Die ersten Zeichen des Werts (nicht sortierbar: Werte stehen nicht im Register)</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>TTL left</source>
        <translation>Restlaufzeit</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>(open the pair to see all of it)</source>
        <translation>(öffnen Sie das Paar, um alles zu sehen)</translation>
    </message>
    <message>
        <source>Expires %1 (in %2)</source>
        <translation>Läuft ab am %1 (in %2)</translation>
    </message>
    <message>
        <source>Never expires</source>
        <translation>Läuft nie ab</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) as stored</source>
        <translation>
            <numerusform>%n Byte gespeichert</numerusform>
            <numerusform>%n Byte gespeichert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>KV Desk</source>
        <translation>KV Desk</translation>
    </message>
    <message>
        <source>No namespace selected</source>
        <translation>Kein Namensraum gewählt</translation>
    </message>
    <message>
        <source>Select a namespace on the left.</source>
        <translation>Wählen Sie links einen Namensraum.</translation>
    </message>
    <message>
        <source>&amp;New Namespace…</source>
        <translation>&amp;Neuer Namensraum…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Namespace</source>
        <translation>&amp;Namensraum</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>&amp;New Catalog…</source>
        <translation>Neuer &amp;Katalog…</translation>
    </message>
    <message>
        <source>Create a local catalog in an empty folder</source>
        <translation>Einen lokalen Katalog in einem leeren Ordner anlegen</translation>
    </message>
    <message>
        <source>&amp;Open Catalog…</source>
        <translation>Katalog ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open a local catalog folder</source>
        <translation>Einen lokalen Katalogordner öffnen</translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Read the namespaces and pairs again from the catalog</source>
        <translation>Namensräume und Paare erneut aus dem Katalog lesen</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <source>Filter &amp;Namespaces</source>
        <translation>&amp;Namensräume filtern</translation>
    </message>
    <message>
        <source>Ctrl+Shift+F</source>
        <translation>Ctrl+Shift+F</translation>
    </message>
    <message>
        <source>&amp;Filter Keys</source>
        <translation>&amp;Schlüssel filtern</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <source>Show &amp;Toolbar</source>
        <translation>&amp;Werkzeugleiste anzeigen</translation>
    </message>
    <message>
        <source>&amp;About KV Desk</source>
        <translation>&amp;Über KV Desk</translation>
    </message>
    <message numerus="yes">
        <source>%Ln key(s) in the catalog</source>
        <translation>
            <numerusform>%Ln Schlüssel im Katalog</numerusform>
            <numerusform>%Ln Schlüssel im Katalog</numerusform>
        </translation>
    </message>
    <message>
        <source>Catalog: %1</source>
        <translation>Katalog: %1</translation>
    </message>
    <message>
        <source>No catalog open</source>
        <translation>Kein Katalog geöffnet</translation>
    </message>
    <message>
        <source>About KV Desk</source>
        <translation>Über KV Desk</translation>
    </message>
    <message>
        <source>KV Desk %1

Inspect and edit namespaced key-value catalogs: local folders or servers that speak the Kestra KV API.

Built with Qt %2.</source>
        <translation>KV Desk %1

Namensraumbasierte Schlüssel-Wert-Kataloge einsehen und bearbeiten: lokale Ordner oder Server, die die KV-API von Kestra sprechen.

Erstellt mit Qt %2.</translation>
    </message>
    <message>
        <source>Quit KV Desk</source>
        <translation>KV Desk beenden</translation>
    </message>
    <message>
        <source>An operation is still running. Quit and cancel it?</source>
        <translation>Ein Vorgang läuft noch. Beenden und ihn abbrechen?</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Open Catalog</source>
        <translation>Katalog öffnen</translation>
    </message>
    <message>
        <source>Cannot open the catalog %1.

%2</source>
        <translation>Der Katalog %1 kann nicht geöffnet werden.

%2</translation>
    </message>
    <message>
        <source>New Catalog: Choose an Empty Folder</source>
        <translation>Neuer Katalog: einen leeren Ordner wählen</translation>
    </message>
    <message>
        <source>New Catalog</source>
        <translation>Neuer Katalog</translation>
    </message>
    <message>
        <source>%1 is not empty. Choose an empty folder for a new catalog, or use Open Catalog for an existing one.</source>
        <translation>%1 ist nicht leer. Wählen Sie für einen neuen Katalog einen leeren Ordner, oder öffnen Sie einen vorhandenen mit „Katalog öffnen“.</translation>
    </message>
    <message>
        <source>%1 is not a KV Desk catalog (it has no registry.sqlite). Use New Catalog to create one in an empty folder.</source>
        <translation>%1 ist kein KV-Desk-Katalog (es gibt keine registry.sqlite). Legen Sie mit „Neuer Katalog“ einen in einem leeren Ordner an.</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <source>&amp;Connections…</source>
        <translation>&amp;Verbindungen…</translation>
    </message>
    <message>
        <source>Connect to a kvdesk-server or a Kestra server</source>
        <translation>Mit einem kvdesk-server oder einem Kestra-Server verbinden</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>The catalog answers again</source>
        <translation>Der Katalog antwortet wieder</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Keychain</source>
        <translation>Schlüsselbund</translation>
    </message>
    <message>
        <source>Connect to %1</source>
        <translation>Mit %1 verbinden</translation>
    </message>
    <message>
        <source>Token for %1:</source>
        <translation>Token für %1:</translation>
    </message>
    <message>
        <source>Password of %1 on %2:</source>
        <translation>Passwort von %1 auf %2:</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Verbunden mit %1</translation>
    </message>
    <message>
        <source>Upgrading the catalog %1: moving small values into the registry…</source>
        <translation>Der Katalog %1 wird aktualisiert: kleine Werte werden in die Registry verschoben…</translation>
    </message>
    <message>
        <source>Continue Later</source>
        <translation>Später fortsetzen</translation>
    </message>
</context>
<context>
    <name>NamespaceDialog</name>
    <message>
        <source>New Namespace</source>
        <translation>Neuer Namensraum</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>e.g. company.team.etl</source>
        <translation>z. B. company.team.etl</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>Optional: what this namespace holds</source>
        <translation>Optional: was dieser Namensraum enthält</translation>
    </message>
    <message>
        <source>Segments separated by dots; each starts with a lowercase letter or digit and may contain lowercase letters, digits, “_” and “-”. At most 150 characters in all.</source>
        <translation>Durch Punkte getrennte Abschnitte; jeder beginnt mit einem Kleinbuchstaben oder einer Ziffer und darf Kleinbuchstaben, Ziffern, „_“ und „-“ enthalten. Insgesamt höchstens 150 Zeichen.</translation>
    </message>
    <message>
        <source>New Child Namespace</source>
        <translation>Neuer untergeordneter Namensraum</translation>
    </message>
    <message>
        <source>e.g. etl</source>
        <translation>z. B. etl</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Anlegen</translation>
    </message>
</context>
<context>
    <name>NamespacePage</name>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>KV Store</source>
        <translation>KV-Speicher</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>Variablen</translation>
    </message>
    <message>
        <source>Plugin defaults</source>
        <translation>Plugin-Vorgaben</translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation>Geheimnisse</translation>
    </message>
    <message>
        <source>Audit logs</source>
        <translation>Prüfprotokolle</translation>
    </message>
    <message>
        <source>%1 is a Kestra Enterprise Edition feature; it is not available in KV Desk.</source>
        <translation>%1 ist eine Funktion der Kestra Enterprise Edition und in KV Desk nicht verfügbar.</translation>
    </message>
</context>
<context>
    <name>NamespacePanel</name>
    <message>
        <source>Namespaces</source>
        <translation>Namensräume</translation>
    </message>
    <message>
        <source>Filter namespaces</source>
        <translation>Namensräume filtern</translation>
    </message>
    <message>
        <source>This catalog is empty. Add a namespace with Namespace › New Namespace… (Ctrl+Shift+N).</source>
        <translation>Dieser Katalog ist leer. Legen Sie einen Namensraum an mit Namensraum › Neuer Namensraum… (Strg+Umschalt+N).</translation>
    </message>
    <message>
        <source>&amp;New Namespace…</source>
        <translation>&amp;Neuer Namensraum…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <source>Create a top-level namespace</source>
        <translation>Einen Namensraum auf oberster Ebene anlegen</translation>
    </message>
    <message>
        <source>New &amp;Child Namespace…</source>
        <translation>Neuer &amp;untergeordneter Namensraum…</translation>
    </message>
    <message>
        <source>Create a namespace below the selected one</source>
        <translation>Einen Namensraum unterhalb des gewählten anlegen</translation>
    </message>
    <message>
        <source>&amp;Delete Namespace…</source>
        <translation>Namensraum &amp;löschen…</translation>
    </message>
    <message>
        <source>Delete the selected namespace with its pairs and child namespaces</source>
        <translation>Den gewählten Namensraum mit seinen Paaren und untergeordneten Namensräumen löschen</translation>
    </message>
    <message>
        <source>Copy Namespace &amp;Name</source>
        <translation>&amp;Namen des Namensraums kopieren</translation>
    </message>
    <message>
        <source>Created namespace %1</source>
        <translation>Namensraum %1 angelegt</translation>
    </message>
    <message>
        <source>Delete the namespace %1?</source>
        <translation>Den Namensraum %1 löschen?</translation>
    </message>
    <message numerus="yes">
        <source>It holds %n key-value pair(s)</source>
        <translation>
            <numerusform>Er enthält %n Schlüssel-Wert-Paar</numerusform>
            <numerusform>Er enthält %n Schlüssel-Wert-Paare</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n child namespace(s) with all their pairs. This cannot be undone.</source>
        <translation>
            <numerusform>und %n untergeordneten Namensraum mit allen Paaren. Das lässt sich nicht rückgängig machen.</numerusform>
            <numerusform>und %n untergeordnete Namensräume mit allen Paaren. Das lässt sich nicht rückgängig machen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete Namespace</source>
        <translation>Namensraum löschen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Deleted namespace %1</source>
        <translation>Namensraum %1 gelöscht</translation>
    </message>
    <message>
        <source>The catalog cannot be read: %1
Trying again in %2 s (or press F5).</source>
        <translation>Der Katalog kann nicht gelesen werden: %1
Neuer Versuch in %2 s (oder drücken Sie F5).</translation>
    </message>
</context>
<context>
    <name>NamespaceTreeModel</name>
    <message numerus="yes">
        <source>%n live key-value pair(s)</source>
        <translation>
            <numerusform>%n gültiges Schlüssel-Wert-Paar</numerusform>
            <numerusform>%n gültige Schlüssel-Wert-Paare</numerusform>
        </translation>
    </message>
    <message>
        <source>Implied by its keys or child namespaces</source>
        <translation>Ergibt sich aus seinen Schlüsseln oder untergeordneten Namensräumen</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>Namensraum</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Schlüssel</translation>
    </message>
</context>
<context>
    <name>OverviewWidget</name>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Beschreibung:</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Erstellt:</translation>
    </message>
    <message>
        <source>Live keys:</source>
        <translation>Gültige Schlüssel:</translation>
    </message>
    <message>
        <source>Expired, awaiting purge:</source>
        <translation>Abgelaufen, zu bereinigen:</translation>
    </message>
    <message>
        <source>&amp;Purge Expired…</source>
        <translation>Abgelaufene &amp;bereinigen…</translation>
    </message>
    <message>
        <source>Total value size:</source>
        <translation>Gesamtgröße der Werte:</translation>
    </message>
    <message>
        <source>Last update:</source>
        <translation>Letzte Änderung:</translation>
    </message>
    <message>
        <source>Child namespaces:</source>
        <translation>Untergeordnete Namensräume:</translation>
    </message>
    <message>
        <source>Edit, Variables, Plugin defaults, Secrets and Audit logs are Kestra Enterprise Edition features and are not available in KV Desk.</source>
        <translation>Bearbeiten, Variablen, Plugin-Vorgaben, Geheimnisse und Prüfprotokolle sind Funktionen der Kestra Enterprise Edition und in KV Desk nicht verfügbar.</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Implied by its keys or child namespaces</source>
        <translation>Ergibt sich aus seinen Schlüsseln oder untergeordneten Namensräumen</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>The new language applies when KV Desk starts again.</source>
        <translation>Die neue Sprache gilt nach dem nächsten Start von KV Desk.</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
</context>
<context>
    <name>PurgeDialog</name>
    <message>
        <source>Purge Pairs</source>
        <translation>Paare bereinigen</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <source>In the &amp;whole catalog</source>
        <translation>Im &amp;ganzen Katalog</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>&amp;Expired pairs only</source>
        <translation>Nur &amp;abgelaufene Paare</translation>
    </message>
    <message>
        <source>&amp;All pairs, expired or not (asks again before deleting)</source>
        <translation>A&amp;lle Paare, abgelaufen oder nicht (fragt vor dem Löschen noch einmal)</translation>
    </message>
    <message>
        <source>&amp;Keys matching:</source>
        <translation>&amp;Schlüssel passend zu:</translation>
    </message>
    <message>
        <source>any key; or a pattern such as tmp.* or upload.?</source>
        <translation>jeder Schlüssel; oder ein Muster wie tmp.* oder upload.?</translation>
    </message>
    <message>
        <source>&amp;Created before:</source>
        <translation>Erstellt &amp;vor:</translation>
    </message>
    <message>
        <source>Pre&amp;view</source>
        <translation>&amp;Vorschau</translation>
    </message>
    <message>
        <source>Count what would be removed, without removing anything</source>
        <translation>Zählen, was entfernt würde, ohne etwas zu entfernen</translation>
    </message>
    <message>
        <source>Only in &amp;%1</source>
        <translation>Nur in &amp;%1</translation>
    </message>
    <message>
        <source>In %1 and its &amp;child namespaces</source>
        <translation>In %1 und seinen &amp;untergeordneten Namensräumen</translation>
    </message>
    <message>
        <source>&amp;Purge</source>
        <translation>&amp;Bereinigen</translation>
    </message>
    <message>
        <source>in the whole catalog</source>
        <translation>im ganzen Katalog</translation>
    </message>
    <message>
        <source>in %1 and its child namespaces</source>
        <translation>in %1 und seinen untergeordneten Namensräumen</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source>Preview counts what would be removed.</source>
        <translation>Die Vorschau zählt, was entfernt würde.</translation>
    </message>
    <message>
        <source>&amp;Delete Pairs…</source>
        <translation>Paare &amp;löschen…</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Zähle…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln pair(s) would be removed %1.</source>
        <translation>
            <numerusform>%Ln Paar würde %1 entfernt.</numerusform>
            <numerusform>%Ln Paare würden %1 entfernt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete Pairs</source>
        <translation>Paare löschen</translation>
    </message>
    <message>
        <source>Delete every pair %1%2, whether it has expired or not? Their history goes too. This cannot be undone.</source>
        <translation>Jedes Paar %1%2 löschen, ob abgelaufen oder nicht? Ihr Verlauf geht mit. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source> whose key matches %1</source>
        <translation>, dessen Schlüssel auf %1 passt,</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after removing %Ln pair(s).</source>
        <translation>
            <numerusform>Abgebrochen, nachdem %Ln Paar entfernt wurde.</numerusform>
            <numerusform>Abgebrochen, nachdem %Ln Paare entfernt wurden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %Ln pair(s).</source>
        <translation>
            <numerusform>%Ln Paar entfernt.</numerusform>
            <numerusform>%Ln Paare entfernt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>RevisionListModel</name>
    <message>
        <source>%1 (current)</source>
        <translation>%1 (aktuell)</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>Geschrieben</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
</context>
<context>
    <name>TaskStatusWidget</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop this operation; what it already did stays done</source>
        <translation>Diesen Vorgang anhalten; was er schon getan hat, bleibt getan</translation>
    </message>
    <message numerus="yes">
        <source>(+%n more)</source>
        <translation>
            <numerusform>(+%n weiterer)</numerusform>
            <numerusform>(+%n weitere)</numerusform>
        </translation>
    </message>
</context>
</TS>
