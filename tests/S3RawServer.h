#pragma once

// Test support for the S3 client's wire tests (tst_s3wire): a raw HTTP/1.1 server that records
// each request as it arrived and answers with canned bytes, and the check a store makes of a
// signed request.
#include "shared/S3Config.h"
#include "shared/SigV4.h"

#include <atomic>
#include <mutex>
#include <QByteArray>
#include <QList>
#include <thread>

class QTcpSocket;

namespace kvtest {

// One HTTP request as it arrived on the socket.
struct Captured
{
    QByteArray method;
    QByteArray target; // path?query, raw
    kv::SigV4::Headers headers;
    QByteArray body;
    int connection = 0; // the serial number of the connection it came on

    QList<QByteArray> all(QByteArrayView name) const
    {
        QList<QByteArray> values;
        for (const auto& [n, v] : headers)
            if (n.compare(name, Qt::CaseInsensitive) == 0)
                values.append(v);
        return values;
    }
    QByteArray header(QByteArrayView name) const
    {
        const QList<QByteArray> values = all(name);
        return values.isEmpty() ? QByteArray() : values.first();
    }
};

// A raw HTTP/1.1 server on 127.0.0.1 in a thread of its own, blocking I/O, one connection at a
// time: each request read gets the next canned answer (bytes as given); the connection is closed
// after an answer that says "Connection: close", kept for the next request otherwise. It stops
// when the answers are used up or it is destroyed.
class RawServer
{
public:
    explicit RawServer(QList<QByteArray> answers);
    ~RawServer();
    RawServer(const RawServer&) = delete;
    RawServer& operator=(const RawServer&) = delete;

    quint16 port() const { return m_port; }
    QList<Captured> captured() const;

private:
    void run(std::atomic<quint16>& port);
    // Waits for more bytes until the peer closes or the server stops (no timeout of its own:
    // the client's is the one tested).
    bool waitForBytes(QTcpSocket& socket) const;
    bool read(QTcpSocket& socket, Captured& request) const;

    QList<QByteArray> m_answers;
    std::thread m_thread;
    quint16 m_port = 0;
    std::atomic<bool> m_stop{false};
    mutable std::mutex m_mutex;
    QList<Captured> m_captured;
};

// An answer: status line, Content-Length, the extra header lines (each ending in CRLF), body.
QByteArray answer(int status, const QByteArray& reason, const QByteArray& body = {},
                  const QByteArray& extraHeaders = "Connection: close\r\n");
// An S3 error document with that code and message.
QByteArray errorAnswer(int status, const QByteArray& reason, const QByteArray& code,
                       const QByteArray& message);

// What a store does with a request: rebuild the canonical request from the bytes received —
// the raw path, the query decoded and encoded again, the headers SignedHeaders names (each sent
// once), the payload hash sent (the body's) — sign it with the secret it knows, compare. Empty
// when it matches, else what differs.
QString verifySigned(const Captured& request, const kv::S3Config& config);

} // namespace kvtest
