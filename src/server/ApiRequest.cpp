#include "ApiRequest.h"

#include "WireFormat.h"

#include <QUrlQuery>

namespace kv::server {

ApiRequest ApiRequest::from(const QHttpServerRequest& request)
{
    ApiRequest r;
    r.method = request.method();
    const QUrl url = request.url();
    r.encodedPath = url.path(QUrl::FullyEncoded).toUtf8();
    // Decoded names too: filters%5Bnamespace%5D%5BEQUALS%5D is filters[namespace][EQUALS].
    for (const auto& [name, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
        if (!r.params.contains(name))
            r.params.insert(name, value);
    }
    for (const auto& [name, value] : request.headers())
        r.headers.insert(name.toLower(), value);
    r.body = request.body();
    r.remote = request.remoteAddress();
    return r;
}

bool ApiRequest::flag(const char* name) const
{
    const QString v = param(name).toLower();
    return v == QLatin1String("true") || v == QLatin1String("1") || v == QLatin1String("yes");
}

const char* ApiRequest::methodName() const
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return "OTHER";
    }
}

QHttpServerResponse jsonResponse(const QByteArray& json, QHttpServerResponse::StatusCode status)
{
    return QHttpServerResponse(QByteArrayLiteral("application/json"), json, status);
}

QHttpServerResponse errorResponse(QHttpServerResponse::StatusCode status, const QString& message)
{
    return jsonResponse("{\"message\":" + wire::string(message) + '}', status);
}

} // namespace kv::server
