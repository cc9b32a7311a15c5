#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QStringList>

namespace kv::server {

// What a handler needs of one HTTP request, copied out of QHttpServerRequest so the request can
// be answered on a worker thread.
struct ApiRequest
{
    QHttpServerRequest::Method method = QHttpServerRequest::Method::Unknown;
    QByteArray encodedPath;         // as sent, percent-encoded
    QStringList segments;           // the path split at '/' and percent-decoded, without "api/v1"
    QHash<QString, QString> params; // the query, fully decoded (the first value of each name)
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
    QHostAddress remote;
    QString user; // set once authenticated

    static ApiRequest from(const QHttpServerRequest& request);
    QByteArray header(const char* name) const { return headers.value(QByteArray(name)); }
    QString param(const char* name) const { return params.value(QLatin1String(name)); }
    bool hasParam(const char* name) const { return params.contains(QLatin1String(name)); }
    bool flag(const char* name) const; // ?name=true / 1 / yes
    const char* methodName() const;
};

// Answers: JSON text with a status, and {"message": "..."} errors.
QHttpServerResponse
jsonResponse(const QByteArray& json,
             QHttpServerResponse::StatusCode status = QHttpServerResponse::StatusCode::Ok);
QHttpServerResponse errorResponse(QHttpServerResponse::StatusCode status, const QString& message);

} // namespace kv::server
