#pragma once

#include "http/HttpMessage.h"

#include <QString>

namespace kv::http {

// What the server does with a request head before reading its body: go on (as `user`), answer
// at once (the body is never read), or run the slow check verifyHead() on the check threads.
struct HeadDecision
{
    enum class Kind { Proceed, Respond, Verify };
    Kind kind = Kind::Proceed;
    Response response;
    QString user;

    static HeadDecision proceed(const QString& user = {}) { return {Kind::Proceed, {}, user}; }
    static HeadDecision respond(Response r) { return {Kind::Respond, std::move(r), {}}; }
    static HeadDecision verify() { return {Kind::Verify, {}, {}}; }
};

// The application behind an http::Server. Each method is called on the thread its comment
// names; verifyHead(), handle() and errorResponse() may run on several threads at once.
class Service
{
public:
    virtual ~Service() = default;
    // The I/O thread: must be quick (a cache lookup, a counter).
    virtual HeadDecision inspectHead(const Request& head) = 0;
    // A check thread (few of them, with a bounded queue): may be slow, e.g. a key derivation.
    // Kind::Verify is not a valid answer here.
    virtual HeadDecision verifyHead(const Request& head) = 0;
    // The I/O thread, once the head passed: whether handle() for this request is cheap enough
    // (one indexed read) to run right there instead of on a worker.
    virtual bool quick(const Request& head) const = 0;
    // A worker thread (the I/O thread for a quick request): the whole request, body included.
    virtual Response handle(Request& request, const QString& user) = 0;
    // The I/O thread, once an answer is written (also answers of the HTTP layer itself).
    virtual void log(const Request& request, const Response& response, const QString& user,
                     double milliseconds) = 0;
    // Any thread: an error answer. The HTTP layer's own errors (400, 408, 413, 503 …) are built
    // here too, so they look like the application's; this layer stays free of any body format.
    virtual Response errorResponse(Status status, const QString& message) const = 0;
};

} // namespace kv::http
