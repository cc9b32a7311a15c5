// kvdesk-server's HTTP request parser over arbitrary bytes, as a connection feeds it: requests
// one after another (pipelined), the body read as soon as a head is done. Input: one mode byte
// (bits 0-3: piece size 1-16; bit 4: tiny limits), then the bytes a client sends.
// The bytes are parsed twice, whole and in pieces: both must give the same requests and the same
// error; no request may pass the limits.

#include "FuzzSupport.h"
#include "http/RequestParser.h"

#include <QList>

namespace {

using kv::http::ParserLimits;
using kv::http::RequestParser;
using State = RequestParser::State;

struct Outcome
{
    QList<QByteArray> requests; // method, target, headers and body, flattened
    int errorStatus = 0;

    bool operator==(const Outcome& o) const
    {
        return requests == o.requests && errorStatus == o.errorStatus;
    }
};

QByteArray flatten(const kv::http::Request& r)
{
    QByteArray out = QByteArray(kv::http::methodName(r.method)) + ' ' + r.target + ' ' +
                     QByteArray::number(r.minorVersion) + '\n';
    for (const auto& [name, value] : r.headers)
        out += name + ": " + value + '\n';
    return out + '\n' + r.body;
}

Outcome parseAll(const QByteArray& bytes, qsizetype piece, const ParserLimits& limits)
{
    Outcome out;
    RequestParser parser(limits);
    qsizetype at = 0;
    while (at < bytes.size()) {
        const qsizetype n = qMin(piece, bytes.size() - at);
        const qsizetype used = parser.feed(bytes.constData() + at, n);
        KVDESK_FUZZ_REQUIRE(used >= 0 && used <= n,
                            QStringLiteral("used %1 of %2").arg(used).arg(n));
        at += used;
        switch (parser.state()) {
        case State::HeadDone:
            KVDESK_FUZZ_REQUIRE(parser.request().body.isEmpty(),
                                QStringLiteral("a body before the head was done"));
            KVDESK_FUZZ_REQUIRE(parser.contentLength() <= limits.maxBodyBytes,
                                QStringLiteral("a declared body over the limit passed the head"));
            parser.readBody();
            break;
        case State::Complete: {
            const kv::http::Request& r = parser.request();
            KVDESK_FUZZ_REQUIRE(r.body.size() <= limits.maxBodyBytes,
                                QStringLiteral("a body of %1 bytes").arg(r.body.size()));
            KVDESK_FUZZ_REQUIRE(r.headers.size() <= limits.maxHeaders,
                                QStringLiteral("%1 headers").arg(r.headers.size()));
            KVDESK_FUZZ_REQUIRE(r.target.startsWith('/'), QStringLiteral("a target without /"));
            if (!parser.chunked() && parser.contentLength() >= 0)
                KVDESK_FUZZ_REQUIRE(r.body.size() == parser.contentLength(),
                                    QStringLiteral("body and Content-Length differ"));
            out.requests.append(flatten(r));
            parser.reset();
            break;
        }
        case State::Failed:
            KVDESK_FUZZ_REQUIRE(!parser.errorMessage().isEmpty(), QStringLiteral("no message"));
            out.errorStatus = int(parser.errorStatus());
            KVDESK_FUZZ_REQUIRE(out.errorStatus >= 400 && out.errorStatus < 600,
                                QStringLiteral("status %1").arg(out.errorStatus));
            return out;
        case State::Head:
        case State::Body:
            KVDESK_FUZZ_REQUIRE(used == n, QStringLiteral("stopped early while reading"));
            break;
        }
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    const qsizetype piece = (data[0] & 15) + 1;
    ParserLimits limits;
    if (data[0] & 16) {
        limits.maxHeadBytes = 64;
        limits.maxHeaders = 3;
        limits.maxBodyBytes = 16;
    }
    const QByteArray bytes = kvfuzz::bytes(data + 1, size - 1);
    const Outcome whole = parseAll(bytes, bytes.size() + 1, limits);
    const Outcome pieces = parseAll(bytes, piece, limits);
    KVDESK_FUZZ_REQUIRE(whole == pieces,
                        QStringLiteral("in pieces of %1: %2 requests, error %3; whole: %4 "
                                       "requests, error %5")
                            .arg(piece)
                            .arg(pieces.requests.size())
                            .arg(pieces.errorStatus)
                            .arg(whole.requests.size())
                            .arg(whole.errorStatus));
    return 0;
}
