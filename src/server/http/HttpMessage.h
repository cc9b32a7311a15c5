#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>

namespace kv::http {

enum class Method { Unknown, Get, Head, Post, Put, Delete, Options, Patch };

// The statuses this server sends, named as in RFC 9110.
enum class Status {
    Continue = 100,
    Ok = 200,
    BadRequest = 400,
    Unauthorized = 401,
    NotFound = 404,
    RequestTimeout = 408,
    Conflict = 409,
    Gone = 410,
    LengthRequired = 411,
    PayloadTooLarge = 413,
    UriTooLong = 414,
    UnprocessableEntity = 422,
    TooManyRequests = 429,
    RequestHeaderFieldsTooLarge = 431,
    InternalServerError = 500,
    NotImplemented = 501,
    ServiceUnavailable = 503,
    HttpVersionNotSupported = 505,
};

const char* reasonPhrase(Status status);
const char* methodName(Method method);

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// One request as the parser read it. Header names are lower case; values have no surrounding
// white space.
struct Request
{
    Method method = Method::Unknown;
    QByteArray target; // as sent: /path?query, percent-encoded
    int minorVersion = 1;
    HeaderList headers;
    QByteArray body;
    QHostAddress remote;

    QByteArray header(const QByteArray& lowerName) const;
    bool hasHeader(const QByteArray& lowerName) const;
    QByteArray path() const;  // the target up to '?'
    QByteArray query() const; // after '?', without it
    bool keepAlive() const;   // HTTP/1.1 unless "Connection: close"; 1.0 only with keep-alive
    bool expectsContinue() const;
};

struct Response
{
    Status status = Status::Ok;
    QByteArray contentType;
    QByteArray body;
    HeaderList headers;
    bool close = false; // end the connection once the answer is written
    int delayMs = 0;    // hold the answer back this long (a throttled client waits, not us)

    Response() = default;
    Response(QByteArray type, QByteArray content, Status code = Status::Ok)
        : status(code)
        , contentType(std::move(type))
        , body(std::move(content))
    {
    }
    void setHeader(const QByteArray& name, const QByteArray& value);
    // The bytes on the wire; without the body when the request was HEAD.
    QByteArray serialize(bool keepAlive, bool headOnly) const;
};

Response jsonResponse(const QByteArray& json, Status status = Status::Ok);

} // namespace kv::http
