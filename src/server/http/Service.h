#pragma once

#include "http/HttpMessage.h"

#include <functional>
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

// How a whole request goes on (Service::start): answered on the I/O thread already, started
// without blocking (its answer comes through the Reply), or left to a worker (Service::handle).
struct Started
{
    enum class Kind { Answered, Pending, Worker };
    Kind kind = Kind::Worker;
    Response response;

    static Started answered(Response r) { return {Kind::Answered, std::move(r)}; }
    static Started pending() { return {Kind::Pending, {}}; }
    static Started worker() { return {Kind::Worker, {}}; }
};

// The answer of a pending request, from any thread, exactly once: `make` is called on the
// connection's I/O thread (so building the answer costs the thread that finished the work
// nothing), and not at all when the client has gone meanwhile.
using Reply = std::function<void(std::function<Response()> make)>;

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
    // The I/O thread, with the whole request: answer it right there when that is cheap (one
    // indexed read), start it when it can go on without a thread of its own (a write that waits
    // for its commit) and answer through `reply`, or leave it to handle() on a worker. `request`
    // is a copy the service may move from.
    virtual Started start(Request& request, const QString& user, const Reply& reply) = 0;
    // A worker thread: the whole request, body included.
    virtual Response handle(Request& request, const QString& user) = 0;
    // The I/O thread, once an answer is written (also answers of the HTTP layer itself).
    virtual void log(const Request& request, const Response& response, const QString& user,
                     double milliseconds) = 0;
    // Any thread: an error answer. The HTTP layer's own errors (400, 408, 413, 503 …) are built
    // here too, so they look like the application's; this layer stays free of any body format.
    virtual Response errorResponse(Status status, const QString& message) const = 0;
};

} // namespace kv::http
