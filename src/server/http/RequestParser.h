#pragma once

#include "http/HttpMessage.h"

#include <QString>

namespace kv::http {

struct ParserLimits
{
    qint64 maxHeadBytes = 16 * 1024; // request line and header fields, line ends included
    int maxHeaders = 100;
    qint64 maxBodyBytes = 16 * 1024 * 1024;
};

// Reads one HTTP/1.x request from bytes as they arrive (RFC 9112), strictly: what a proxy in
// front of us could read differently (two Content-Length fields, Content-Length beside
// Transfer-Encoding, a malformed length or chunk size, bare LF or CR, folded header lines) is
// refused rather than guessed. Limits are checked before anything is buffered beyond them.
//
// feed() stops when the head is complete (HeadDone), so the caller can authenticate and refuse
// before a single body byte is read; readBody() continues. It stops again at Complete or Failed.
class RequestParser
{
public:
    enum class State { Head, HeadDone, Body, Complete, Failed };

    explicit RequestParser(ParserLimits limits = {});

    // Consumes bytes; returns how many were used (the rest belongs to a later state or request).
    qsizetype feed(const char* data, qsizetype size);
    State state() const { return m_state; }
    // HeadDone → Body, or Complete when the request has no body.
    void readBody();
    // Ready for the next request on the same connection.
    void reset();

    // True once any byte of the current request arrived (an idle connection has none).
    bool started() const { return m_headBytes > 0; }
    bool chunked() const { return m_chunked; }
    qint64 contentLength() const { return m_contentLength; } // -1: chunked or none

    Request& request() { return m_request; }
    const Request& request() const { return m_request; }
    Status errorStatus() const { return m_errorStatus; }
    const QString& errorMessage() const { return m_error; }

private:
    enum class ChunkStep { Size, Data, DataEnd, Trailer };

    qsizetype feedHead(const char* data, qsizetype size);
    qsizetype feedBody(const char* data, qsizetype size);
    qsizetype feedChunked(const char* data, qsizetype size);
    // Collects bytes up to a line end into m_line. Returns the bytes used; sets `complete` when a
    // whole line (without CRLF) is in m_line. `budget` bounds the line and counts what it takes.
    qsizetype takeLine(const char* data, qsizetype size, qint64& budget, bool& complete,
                       Status tooLong, const char* what);
    bool parseRequestLine(const QByteArray& line);
    bool parseHeaderLine(const QByteArray& line, bool trailer);
    bool finishHead();
    bool fail(Status status, const QString& message);

    ParserLimits m_limits;
    State m_state = State::Head;
    Request m_request;
    QByteArray m_line;
    qint64 m_headBytes = 0;
    qint64 m_headBudget = 0;
    bool m_sawRequestLine = false;
    int m_emptyLines = 0;
    qint64 m_contentLength = -1;
    bool m_chunked = false;
    bool m_sawTransferEncoding = false;
    ChunkStep m_chunkStep = ChunkStep::Size;
    qint64 m_chunkLeft = 0;
    qint64 m_chunkLineBudget = 0;
    Status m_errorStatus = Status::BadRequest;
    QString m_error;
};

} // namespace kv::http
