#pragma once

#include <optional>
#include <QString>
#include <QUrl>

namespace kv {

// Where and how to reach a remote catalog: a kvdesk-server or a Kestra server, over HTTP(S).
struct RemoteConnection
{
    enum class Auth { None, Basic, Bearer };

    QUrl url;                                // http(s)://host:port[/prefix]
    QString tenant = QStringLiteral("main"); // empty: routes without a tenant (Kestra 0.2x)
    Auth auth = Auth::None;
    QString user;   // Basic
    QString secret; // the password (Basic) or the token (Bearer); never stored by kvcore
    QString caFile; // PEM file of extra trusted CA certificates (else the system's)
    int timeoutMs = 30'000;

    // True for "http://..." and "https://..." locations.
    static bool isRemoteLocation(const QString& location);
    // Parses a location such as https://alice@kv.example.com:8080 (the user becomes a Basic
    // user). Throws CatalogError(InvalidInput) naming the problem.
    static RemoteConnection fromLocation(const QString& location);
    // The URL without credentials, for messages and titles.
    QString displayUrl() const;
};

} // namespace kv
