#pragma once

#include "http/HttpMessage.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QStringList>

namespace kv::server {

// What a handler needs of one HTTP request: the path and query decoded, header names in lower
// case, and the user the server authenticated.
struct ApiRequest
{
    http::Method method = http::Method::Unknown;
    QByteArray encodedPath;         // as sent, percent-encoded
    QStringList segments;           // the path split at '/' and percent-decoded, without "api/v1"
    QHash<QString, QString> params; // the query, fully decoded (the first value of each name)
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
    QHostAddress remote;
    QString user; // set once authenticated

    static ApiRequest from(http::Request&& request);
    QByteArray header(const char* name) const { return headers.value(QByteArray(name)); }
    QString param(const char* name) const { return params.value(QLatin1String(name)); }
    bool hasParam(const char* name) const { return params.contains(QLatin1String(name)); }
    bool flag(const char* name) const; // ?name=true / 1 / yes
    // ?name=123, `fallback` when absent; an InvalidInput error (422) when not a number.
    qint64 number(const char* name, qint64 fallback) const;
    const char* methodName() const;
};

using http::jsonResponse;
// {"message": "..."} (wire::errorBody) with `status`: every error answer of kvdesk-server, the
// HTTP layer's own included (through ApiService::errorResponse).
http::Response errorResponse(http::Status status, const QString& message);

} // namespace kv::server
