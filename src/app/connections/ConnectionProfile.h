#pragma once

#include "remote/RemoteConnection.h"

#include <QList>
#include <QString>

// A saved connection to a remote catalog, as the Connections dialog edits it. Everything but
// the secret: the password or token lives in the OS keychain under `id` (CredentialStore), or
// is asked for each time — never in QSettings.
struct ConnectionProfile
{
    QString id; // stable key for the keychain entry
    QString name;
    QString url;
    QString tenant = QStringLiteral("main");
    kv::RemoteConnection::Auth auth = kv::RemoteConnection::Auth::None;
    QString user;
    QString caFile;

    // "" when usable, else what is wrong (for the dialog).
    QString problem() const;
    // The connection without its secret (filled in when connecting).
    kv::RemoteConnection connection() const;
    // How the catalog switcher and titles name it: "Production (https://kv.example.com)".
    QString label() const;

    // The saved list (QSettings group "connections").
    static QList<ConnectionProfile> loadAll();
    static void saveAll(const QList<ConnectionProfile>& profiles);
    static ConnectionProfile create(); // a new profile with a fresh id
};
