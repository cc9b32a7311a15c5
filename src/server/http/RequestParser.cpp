#include "http/RequestParser.h"

#include <cstring>

namespace kv::http {

namespace {

constexpr qint64 maxChunkLine = 1024; // chunk size with extensions, or one trailer line
constexpr int maxEmptyLinesBeforeRequest = 4;

// RFC 9110 token characters: the method and header names.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return std::strchr("!#$%&'*+-.^_`|~", c) != nullptr && c != '\0';
}

bool isToken(const QByteArray& text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

// Field values: visible characters, spaces, tabs and obs-text; no other control characters.
bool isFieldValue(const QByteArray& text)
{
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f)
            return false;
    }
    return true;
}

QByteArray trimmed(const QByteArray& text)
{
    qsizetype from = 0;
    qsizetype to = text.size();
    while (from < to && (text.at(from) == ' ' || text.at(from) == '\t'))
        ++from;
    while (to > from && (text.at(to - 1) == ' ' || text.at(to - 1) == '\t'))
        --to;
    return text.mid(from, to - from);
}

Method methodOf(const QByteArray& name)
{
    static const struct
    {
        const char* name;
        Method method;
    } known[] = {{"GET", Method::Get},        {"HEAD", Method::Head},     {"POST", Method::Post},
                 {"PUT", Method::Put},        {"DELETE", Method::Delete}, {"PATCH", Method::Patch},
                 {"OPTIONS", Method::Options}};
    for (const auto& k : known) {
        if (name == k.name)
            return k.method;
    }
    return Method::Unknown;
}

// Digits only, no sign, no white space inside, and small enough for qint64.
bool parseDecimal(const QByteArray& text, qint64& value)
{
    if (text.isEmpty() || text.size() > 18)
        return false;
    value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    return true;
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

RequestParser::RequestParser(ParserLimits limits)
    : m_limits(limits)
{
    reset();
}

void RequestParser::reset()
{
    m_state = State::Head;
    m_request = Request();
    m_line.clear();
    m_headBytes = 0;
    m_headBudget = m_limits.maxHeadBytes;
    m_sawRequestLine = false;
    m_emptyLines = 0;
    m_contentLength = -1;
    m_chunked = false;
    m_sawTransferEncoding = false;
    m_chunkStep = ChunkStep::Size;
    m_chunkLeft = 0;
    m_errorStatus = Status::BadRequest;
    m_error.clear();
}

bool RequestParser::fail(Status status, const QString& message)
{
    m_state = State::Failed;
    m_errorStatus = status;
    m_error = message;
    return false;
}

qsizetype RequestParser::feed(const char* data, qsizetype size)
{
    switch (m_state) {
    case State::Head:
        return feedHead(data, size);
    case State::Body:
        return m_chunked ? feedChunked(data, size) : feedBody(data, size);
    case State::HeadDone:
    case State::Complete:
    case State::Failed:
        break;
    }
    return 0;
}

void RequestParser::readBody()
{
    if (m_state != State::HeadDone)
        return;
    m_state = (m_chunked || m_contentLength > 0) ? State::Body : State::Complete;
}

qsizetype RequestParser::takeLine(const char* data, qsizetype size, qint64& budget, bool& complete,
                                  Status tooLong, const char* what)
{
    complete = false;
    const void* found = std::memchr(data, '\n', size_t(size));
    const qsizetype take = found ? static_cast<const char*>(found) - data + 1 : size;
    if (take > budget) {
        fail(tooLong,
             QStringLiteral("the %1 is longer than this server takes").arg(QLatin1String(what)));
        return 0;
    }
    budget -= take;
    m_line.append(data, found ? take - 1 : take);
    if (!found)
        return take;
    if (!m_line.endsWith('\r')) {
        fail(Status::BadRequest, QStringLiteral("a line ends with LF alone; HTTP needs CRLF"));
        return 0;
    }
    m_line.chop(1);
    if (m_line.contains('\r')) {
        fail(Status::BadRequest, QStringLiteral("a line holds a CR that does not end it"));
        return 0;
    }
    complete = true;
    return take;
}

qsizetype RequestParser::feedHead(const char* data, qsizetype size)
{
    qsizetype used = 0;
    while (used < size && m_state == State::Head) {
        bool complete = false;
        const qint64 before = m_headBudget;
        const qsizetype n =
            takeLine(data + used, size - used, m_headBudget, complete,
                     m_sawRequestLine ? Status::RequestHeaderFieldsTooLarge : Status::UriTooLong,
                     m_sawRequestLine ? "request head" : "request line");
        if (m_state == State::Failed)
            return used;
        m_headBytes += before - m_headBudget;
        used += n;
        if (!complete)
            break;
        const QByteArray line = m_line;
        m_line.clear();
        if (!m_sawRequestLine) {
            if (line.isEmpty()) { // RFC 9112 2.2: empty lines before a request are ignored
                if (++m_emptyLines > maxEmptyLinesBeforeRequest)
                    fail(Status::BadRequest, QStringLiteral("empty lines instead of a request"));
                continue;
            }
            if (!parseRequestLine(line))
                return used;
            m_sawRequestLine = true;
        } else if (line.isEmpty()) {
            finishHead();
        } else if (!parseHeaderLine(line, false)) {
            return used;
        }
    }
    return used;
}

bool RequestParser::parseRequestLine(const QByteArray& line)
{
    const QList<QByteArray> parts = line.split(' ');
    if (parts.size() != 3)
        return fail(Status::BadRequest,
                    QStringLiteral("the request line must be METHOD SP TARGET SP HTTP/1.1"));
    const QByteArray& method = parts.at(0);
    const QByteArray& target = parts.at(1);
    const QByteArray& version = parts.at(2);
    if (!isToken(method))
        return fail(Status::BadRequest, QStringLiteral("the method is not a token"));
    if (!target.startsWith('/') || !isFieldValue(target) || target.contains('\t'))
        return fail(Status::BadRequest,
                    QStringLiteral("the request target must be a path starting with '/'"));
    if (version == "HTTP/1.1")
        m_request.minorVersion = 1;
    else if (version == "HTTP/1.0")
        m_request.minorVersion = 0;
    else if (version.size() == 8 && version.startsWith("HTTP/") && version.at(6) == '.')
        return fail(Status::HttpVersionNotSupported,
                    QStringLiteral("this server speaks HTTP/1.0 and HTTP/1.1"));
    else
        return fail(Status::BadRequest, QStringLiteral("invalid HTTP version"));
    m_request.method = methodOf(method);
    if (m_request.method == Method::Unknown)
        return fail(Status::NotImplemented,
                    QStringLiteral("method %1 is not supported").arg(QString::fromLatin1(method)));
    m_request.target = target;
    return true;
}

bool RequestParser::parseHeaderLine(const QByteArray& line, bool trailer)
{
    if (line.startsWith(' ') || line.startsWith('\t'))
        return fail(Status::BadRequest, QStringLiteral("folded header lines are not accepted"));
    const qsizetype colon = line.indexOf(':');
    const QByteArray name = line.left(colon).toLower();
    if (colon <= 0 || !isToken(name))
        return fail(Status::BadRequest,
                    QStringLiteral("invalid header line: expected NAME: VALUE with no space "
                                   "before the colon"));
    const QByteArray value = trimmed(line.mid(colon + 1));
    if (!isFieldValue(value))
        return fail(
            Status::BadRequest,
            QStringLiteral("header %1 holds a control character").arg(QString::fromLatin1(name)));
    if (m_request.headers.size() >= m_limits.maxHeaders)
        return fail(Status::RequestHeaderFieldsTooLarge,
                    QStringLiteral("more than %1 header fields").arg(m_limits.maxHeaders));
    if (trailer) // trailer fields are counted, checked and dropped: nothing here uses them
        return true;
    if (name == "content-length") {
        if (m_contentLength >= 0)
            return fail(Status::BadRequest, QStringLiteral("two Content-Length fields"));
        if (!parseDecimal(value, m_contentLength)) {
            m_contentLength = -1;
            return fail(Status::BadRequest,
                        QStringLiteral("invalid Content-Length '%1': expected a decimal number "
                                       "of bytes")
                            .arg(QString::fromLatin1(value.left(40))));
        }
    } else if (name == "transfer-encoding") {
        if (m_sawTransferEncoding)
            return fail(Status::BadRequest, QStringLiteral("two Transfer-Encoding fields"));
        m_sawTransferEncoding = true;
        if (value.toLower() != "chunked")
            return fail(Status::NotImplemented,
                        QStringLiteral("Transfer-Encoding '%1' is not supported; use chunked or "
                                       "Content-Length")
                            .arg(QString::fromLatin1(value.left(40))));
        m_chunked = true;
    } else if (name == "host" && m_request.hasHeader("host")) {
        return fail(Status::BadRequest, QStringLiteral("two Host fields"));
    }
    m_request.headers.append({name, value});
    return true;
}

bool RequestParser::finishHead()
{
    if (m_chunked && m_contentLength >= 0)
        return fail(Status::BadRequest,
                    QStringLiteral("Content-Length and Transfer-Encoding together are refused"));
    if (m_chunked && m_request.minorVersion == 0)
        return fail(Status::BadRequest, QStringLiteral("HTTP/1.0 has no chunked bodies"));
    if (m_contentLength > m_limits.maxBodyBytes)
        return fail(Status::PayloadTooLarge,
                    QStringLiteral("the request body has %1 bytes; this server takes at most %2")
                        .arg(m_contentLength)
                        .arg(m_limits.maxBodyBytes));
    m_state = State::HeadDone;
    return true;
}

qsizetype RequestParser::feedBody(const char* data, qsizetype size)
{
    const qint64 left = m_contentLength - m_request.body.size();
    const qsizetype take = qsizetype(qMin<qint64>(left, size));
    m_request.body.append(data, take);
    if (m_request.body.size() == m_contentLength)
        m_state = State::Complete;
    return take;
}

qsizetype RequestParser::feedChunked(const char* data, qsizetype size)
{
    qsizetype used = 0;
    while (used < size && m_state == State::Body) {
        const char* at = data + used;
        const qsizetype avail = size - used;
        bool complete = false;
        switch (m_chunkStep) {
        case ChunkStep::Size: {
            if (m_line.isEmpty())
                m_chunkLineBudget = maxChunkLine;
            used += takeLine(at, avail, m_chunkLineBudget, complete, Status::BadRequest,
                             "chunk size line");
            if (!complete)
                break;
            const QByteArray line = m_line;
            m_line.clear();
            const qsizetype semicolon = line.indexOf(';');
            const QByteArray digits = semicolon < 0 ? line : line.left(semicolon);
            if (digits.isEmpty() || digits.size() > 15 || !isFieldValue(line)) {
                fail(Status::BadRequest, QStringLiteral("invalid chunk size"));
                return used;
            }
            qint64 chunk = 0;
            for (const char c : digits) {
                const int d = hexDigit(c);
                if (d < 0) {
                    fail(Status::BadRequest, QStringLiteral("invalid chunk size"));
                    return used;
                }
                chunk = chunk * 16 + d;
            }
            if (chunk > m_limits.maxBodyBytes - m_request.body.size()) {
                fail(Status::PayloadTooLarge,
                     QStringLiteral("the request body is larger than this server takes "
                                    "(%1 bytes)")
                         .arg(m_limits.maxBodyBytes));
                return used;
            }
            m_chunkLeft = chunk;
            m_chunkStep = chunk == 0 ? ChunkStep::Trailer : ChunkStep::Data;
            break;
        }
        case ChunkStep::Data: {
            const qsizetype take = qsizetype(qMin<qint64>(m_chunkLeft, avail));
            m_request.body.append(at, take);
            m_chunkLeft -= take;
            used += take;
            if (m_chunkLeft == 0) {
                m_chunkStep = ChunkStep::DataEnd;
                m_chunkLineBudget = 2;
            }
            break;
        }
        case ChunkStep::DataEnd:
            used +=
                takeLine(at, avail, m_chunkLineBudget, complete, Status::BadRequest, "chunk end");
            if (m_state == State::Failed)
                return used;
            if (complete) {
                if (!m_line.isEmpty()) {
                    fail(Status::BadRequest, QStringLiteral("chunk data longer than its size"));
                    return used;
                }
                m_chunkStep = ChunkStep::Size;
            }
            break;
        case ChunkStep::Trailer: {
            const qint64 before = m_headBudget;
            used += takeLine(at, avail, m_headBudget, complete, Status::RequestHeaderFieldsTooLarge,
                             "request head");
            m_headBytes += before - m_headBudget;
            if (!complete)
                break;
            const QByteArray line = m_line;
            m_line.clear();
            if (line.isEmpty())
                m_state = State::Complete;
            else if (!parseHeaderLine(line, true))
                return used;
            break;
        }
        }
    }
    return used;
}

} // namespace kv::http
