// ApiRequest and the request helpers every route shares.
#include "ApiRequest.h"

#include "format/WireFormat.h"

#include <QUrlQuery>

namespace kv::server {

ApiRequest ApiRequest::from(http::Request&& request)
{
    ApiRequest r;
    r.method = request.method;
    r.encodedPath = request.path();
    // Decoded names too: filters%5Bnamespace%5D%5BEQUALS%5D is filters[namespace][EQUALS].
    const QUrlQuery query(QString::fromUtf8(request.query()));
    for (const auto& [name, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!r.params.contains(name))
            r.params.insert(name, value);
    }
    for (const auto& [name, value] : std::as_const(request.headers))
        r.headers.insert(name, value);
    r.body = std::move(request.body);
    r.remote = request.remote;
    return r;
}

http::Response errorResponse(http::Status status, const QString& message)
{
    return jsonResponse(wire::errorBody(message), status);
}

bool ApiRequest::flag(const char* name) const
{
    return wire::queryFlag(params, name);
}

qint64 ApiRequest::number(const char* name, qint64 fallback) const
{
    return wire::queryNumber(params, name, fallback);
}

const char* ApiRequest::methodName() const
{
    return http::methodName(method);
}

} // namespace kv::server
