#pragma once

#include "http/HttpMessage.h"

#include <exception>
#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QStringList>

namespace kv::server {

// How an error answer is written: {"message": "..."} (wire::errorBody), or RFC 9457 problem
// details (wire::problemBody, "message" kept) as application/problem+json when the client's
// Accept header names that type (Kestra 2.0's error form).
enum class ErrorForm { Message, Problem };
ErrorForm errorFormOf(const QByteArray& accept);

// What a handler needs of one HTTP request: the path and query decoded, header names in lower
// case, and the user the server authenticated.
struct ApiRequest
{
    http::Method method = http::Method::Unknown;
    QByteArray encodedPath;         // as sent, percent-encoded
    QStringList segments;           // the path split at '/' and percent-decoded, without "api/v1"
    QHash<QString, QString> params; // the query, fully decoded (the first value of each name)
    QList<QPair<QString, QString>> query;  // every item of the query, fully decoded, in order
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
    QHostAddress remote;
    QString user;                             // set once authenticated
    ErrorForm errorForm = ErrorForm::Message; // from the Accept header

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

// Kestra's page (from 1) and size as an offset and a limit.
struct PageWindow
{
    qint64 offset = 0;
    qint64 size = 0;
};
// ?page=&size= (size 1 to 10,000, `defaultSize` when absent), checked so that no page number can
// overflow (page 2^62 of size 4 is 422, not wrapped around to a negative offset).
PageWindow pageWindow(const ApiRequest& r, qint64 defaultSize);

// Every error answer of kvdesk-server, the HTTP layer's own included (through
// ApiService::errorResponse, which has no request and so writes the message form).
http::Response errorResponse(http::Status status, const QString& message,
                             ErrorForm form = ErrorForm::Message);
// The answer to a failure: a CatalogError's status (by its ErrorCode) and message, else 500.
http::Response failureResponse(const std::exception_ptr& error, ErrorForm form);

} // namespace kv::server
