#pragma once

#include "http/RequestParser.h"

namespace kv::http {

// What a server operator can bound (kvdesk-server's --max-* and --*-timeout options).
struct ServerLimits
{
    ParserLimits parser;
    qint64 headerTimeoutMs = 10'000; // first byte of a request → its head complete
    qint64 bodyTimeoutMs = 60'000;   // head complete → body complete
    qint64 idleTimeoutMs = 30'000;   // a kept-alive connection without a request; a stalled write
    int maxConnections = 512;
    int maxConnectionsPerClient = 32;
    int maxPendingChecks = 32; // slow head checks (logins) queued at once; more get 503
};

} // namespace kv::http
