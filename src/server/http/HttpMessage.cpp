#include "http/HttpMessage.h"

namespace kv::http {

const char* reasonPhrase(Status status)
{
    switch (status) {
    case Status::Continue:
        return "Continue";
    case Status::Ok:
        return "OK";
    case Status::BadRequest:
        return "Bad Request";
    case Status::Unauthorized:
        return "Unauthorized";
    case Status::NotFound:
        return "Not Found";
    case Status::RequestTimeout:
        return "Request Timeout";
    case Status::Conflict:
        return "Conflict";
    case Status::Gone:
        return "Gone";
    case Status::LengthRequired:
        return "Length Required";
    case Status::PayloadTooLarge:
        return "Content Too Large";
    case Status::UriTooLong:
        return "URI Too Long";
    case Status::UnprocessableEntity:
        return "Unprocessable Content";
    case Status::TooManyRequests:
        return "Too Many Requests";
    case Status::RequestHeaderFieldsTooLarge:
        return "Request Header Fields Too Large";
    case Status::InternalServerError:
        return "Internal Server Error";
    case Status::NotImplemented:
        return "Not Implemented";
    case Status::ServiceUnavailable:
        return "Service Unavailable";
    case Status::HttpVersionNotSupported:
        return "HTTP Version Not Supported";
    }
    return "Unknown";
}

const char* methodName(Method method)
{
    switch (method) {
    case Method::Get:
        return "GET";
    case Method::Head:
        return "HEAD";
    case Method::Post:
        return "POST";
    case Method::Put:
        return "PUT";
    case Method::Delete:
        return "DELETE";
    case Method::Options:
        return "OPTIONS";
    case Method::Patch:
        return "PATCH";
    case Method::Unknown:
        break;
    }
    return "OTHER";
}

QByteArray Request::header(const QByteArray& lowerName) const
{
    for (const auto& [name, value] : headers) {
        if (name == lowerName)
            return value;
    }
    return {};
}

bool Request::hasHeader(const QByteArray& lowerName) const
{
    for (const auto& entry : headers) {
        if (entry.first == lowerName)
            return true;
    }
    return false;
}

QByteArray Request::path() const
{
    const qsizetype q = target.indexOf('?');
    return q < 0 ? target : target.left(q);
}

QByteArray Request::query() const
{
    const qsizetype q = target.indexOf('?');
    return q < 0 ? QByteArray() : target.mid(q + 1);
}

bool Request::keepAlive() const
{
    const QByteArray connection = header("connection").toLower();
    if (minorVersion == 0)
        return connection.contains("keep-alive");
    return !connection.contains("close");
}

bool Request::expectsContinue() const
{
    return minorVersion >= 1 && header("expect").toLower() == "100-continue";
}

void Response::setHeader(const QByteArray& name, const QByteArray& value)
{
    for (auto& entry : headers) {
        if (entry.first.compare(name, Qt::CaseInsensitive) == 0) {
            entry.second = value;
            return;
        }
    }
    headers.append({name, value});
}

QByteArray Response::serialize(bool keepAlive, bool headOnly) const
{
    QByteArray out;
    out.reserve(160 + body.size());
    out += "HTTP/1.1 " + QByteArray::number(int(status)) + ' ' + reasonPhrase(status) + "\r\n";
    if (!contentType.isEmpty())
        out += "Content-Type: " + contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto& [name, value] : headers)
        out += name + ": " + value + "\r\n";
    if (!keepAlive || close)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (!headOnly)
        out += body;
    return out;
}

Response jsonResponse(const QByteArray& json, Status status)
{
    return Response(QByteArrayLiteral("application/json"), json, status);
}

} // namespace kv::http
