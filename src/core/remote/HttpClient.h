#pragma once

#include "remote/RemoteConnection.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrlQuery>

namespace kv {

struct HttpReply
{
    int status = 0;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // as received

    // The first header of that name (any case), or a null QByteArray.
    QByteArray header(QByteArrayView name) const;
};

// Blocking HTTP for the remote catalog, usable from any thread: each thread gets its own
// QNetworkAccessManager and waits for its reply in a local event loop. Adds the credentials,
// trusts the system's CAs plus the connection's CA file, and never ignores a certificate error.
// Network failures, timeouts and TLS problems throw CatalogError(Unavailable) with the reason
// (for TLS: the certificate's subject and SHA-256 fingerprint); HTTP error statuses come back as
// replies for the caller to map.
class HttpClient
{
public:
    explicit HttpClient(RemoteConnection connection);

    using Headers = QList<QPair<QByteArray, QByteArray>>;
    // `path` is below the base URL, already percent-encoded ("/api/v1/main/..."). "HEAD"
    // expects no body after the headers (a custom verb would wait for Content-Length bytes).
    HttpReply send(const QByteArray& method, const QString& path, const QUrlQuery& query = {},
                   const QByteArray& body = {}, const Headers& headers = {}) const;

    const RemoteConnection& connection() const { return m_connection; }

private:
    RemoteConnection m_connection;
};

} // namespace kv
