#include "http/Connection.h"

#include "http/IoThread.h"
#include "http/Server.h"

#include <algorithm>
#include <limits>
#include <QTcpSocket>

#if defined(Q_OS_UNIX)
#include <sys/socket.h>
#elif defined(Q_OS_WIN)
#include <winsock2.h>
#endif

namespace kv::http {

namespace {

constexpr qint64 readChunk = 64 * 1024;
// A client that pipelines requests but does not read the answers stops being read at this much.
constexpr qint64 maxUnsentBytes = 4 * 1024 * 1024;
// After an answer that left a body unread: read and drop this much for this long, then close.
constexpr qint64 maxDrainBytes = 1024 * 1024;
constexpr qint64 drainMs = 2'000;

} // namespace

Connection::Connection(Server* server, IoThread* io, QTcpSocket* socket, quint64 id,
                       const QHostAddress& peer)
    : QObject(io)
    , m_server(server)
    , m_io(io)
    , m_socket(socket)
    , m_id(id)
    , m_counted(peer)
    , m_parser(server->limits().parser)
{
    m_socket->setParent(this);
    m_peer = peer.isNull() ? m_socket->peerAddress() : peer;
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &Connection::timedOut);
    connect(m_socket, &QIODevice::readyRead, this, &Connection::readInput);
    connect(m_socket, &QIODevice::bytesWritten, this, &Connection::written);
    connect(m_socket, &QAbstractSocket::stateChanged, this,
            [this](QAbstractSocket::SocketState state) {
                if (state == QAbstractSocket::UnconnectedState)
                    close();
            });
    arm(m_server->limits().idleTimeoutMs);
}

void Connection::arm(qint64 ms)
{
    m_timer.start(int(std::clamp<qint64>(ms, 1, std::numeric_limits<int>::max())));
}

void Connection::readInput()
{
    // An answer given from within this loop (a quick request, an error) goes on reading here,
    // not by calling readInput again: pipelined requests must not nest calls without end.
    if (m_readingInput)
        return;
    m_readingInput = true;
    readLoop();
    m_readingInput = false;
}

void Connection::readLoop()
{
    while (m_phase == Phase::Reading || m_phase == Phase::Draining) {
        if (m_phase == Phase::Reading && m_parser.state() == RequestParser::State::Complete) {
            m_phase = Phase::Handling;
            m_timer.stop();
            Request request = m_parser.request(); // the head stays for the answer
            Started started = m_server->service().start(request, m_user, m_server->replyTo(m_id));
            if (started.kind == Started::Kind::Answered) {
                answer(std::move(started.response));
                continue;
            }
            // The head stays here for the answer (keep-alive, HEAD, the log line); the body is
            // shared, not copied, and dropped here.
            if (started.kind == Started::Kind::Worker)
                m_server->startRequest(m_id, m_parser.request(), m_user);
            m_parser.request().body.clear();
            return;
        }
        if (m_phase == Phase::Reading && m_socket->bytesToWrite() > maxUnsentBytes)
            return; // written() reads on once the client takes its answers
        if (m_inputPos >= m_input.size()) {
            m_input = m_socket->read(readChunk);
            m_inputPos = 0;
            if (m_input.isEmpty())
                return;
        }
        if (m_phase == Phase::Draining) {
            m_drained += m_input.size() - m_inputPos;
            m_inputPos = m_input.size();
            if (m_drained > maxDrainBytes)
                hangUp(true);
            continue;
        }
        if (m_waitingForHead) {
            m_waitingForHead = false;
            m_since.start();
            arm(m_server->limits().headerTimeoutMs);
        }
        m_inputPos += m_parser.feed(m_input.constData() + m_inputPos, m_input.size() - m_inputPos);
        if (m_parser.state() == RequestParser::State::Failed) {
            fail(m_parser.errorStatus(), m_parser.errorMessage());
            return;
        }
        if (m_parser.state() == RequestParser::State::HeadDone)
            headDone(); // goes on reading, answers, or waits for a check
    }
}

bool Connection::bodyPending() const
{
    return m_parser.state() != RequestParser::State::Complete &&
           (m_parser.chunked() || m_parser.contentLength() > m_parser.request().body.size());
}

void Connection::headDone()
{
    m_parser.request().remote = m_peer;
    HeadDecision decision = m_server->service().inspectHead(m_parser.request());
    switch (decision.kind) {
    case HeadDecision::Kind::Proceed:
        startBody(decision.user);
        return;
    case HeadDecision::Kind::Respond:
        answer(std::move(decision.response));
        return;
    case HeadDecision::Kind::Verify:
        if (!m_server->startCheck(m_id, m_parser.request(), m_gone)) {
            answer(m_server->busyResponse(
                QStringLiteral("too many logins are being checked; try again in a moment")));
            return;
        }
        m_phase = Phase::Checking;
        m_timer.stop();
        return;
    }
}

void Connection::checked(HeadDecision decision)
{
    if (m_phase != Phase::Checking)
        return;
    if (decision.kind != HeadDecision::Kind::Proceed) {
        answer(std::move(decision.response));
        return;
    }
    m_phase = Phase::Reading;
    startBody(decision.user);
    readInput();
}

void Connection::startBody(const QString& user)
{
    m_user = user;
    if (m_parser.request().expectsContinue() && bodyPending())
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    m_parser.readBody();
    arm(m_server->limits().bodyTimeoutMs);
}

void Connection::answered(Response response)
{
    if (m_phase == Phase::Handling)
        answer(std::move(response));
}

void Connection::answer(Response response)
{
    if (response.delayMs > 0) {
        // Nothing is read meanwhile; the timer that ran stops, and a client that leaves
        // closes the connection as at any other time.
        const int delay = response.delayMs;
        m_phase = Phase::Delaying;
        m_delayed = std::move(response);
        m_delayed.delayMs = 0;
        arm(delay);
        return;
    }
    const Request& request = m_parser.request();
    const bool unread = bodyPending() || m_parser.state() == RequestParser::State::Failed ||
                        m_parser.state() == RequestParser::State::Head;
    const bool keepAlive = !unread && !response.close && request.keepAlive();
    m_server->service().log(request, response, m_user,
                            m_since.isValid() ? double(m_since.nsecsElapsed()) / 1e6 : 0.0);
    m_socket->write(response.serialize(keepAlive, request.method == Method::Head));
    m_user.clear();
    m_since.invalidate();
    if (keepAlive) {
        m_parser.reset();
        m_waitingForHead = true;
        m_phase = Phase::Reading;
        arm(m_server->limits().idleTimeoutMs);
        readInput(); // a pipelined request may be waiting
        return;
    }
    m_phase = unread ? Phase::Draining : Phase::Writing;
    arm(unread ? drainMs : m_server->limits().idleTimeoutMs);
    if (m_socket->bytesToWrite() == 0)
        written();
}

void Connection::fail(Status status, const QString& message)
{
    answer(m_server->service().errorResponse(status, message));
}

void Connection::written()
{
    if (m_socket->bytesToWrite() > 0) {
        if (m_phase != Phase::Draining)
            arm(m_server->limits().idleTimeoutMs); // the client reads: give it time again
        return;
    }
    switch (m_phase) {
    case Phase::Writing:
        hangUp(false);
        return;
    case Phase::Draining:
        // Our answer is out: end our side, keep reading what the client still sends for a moment,
        // so it reads the answer instead of a reset.
        if (!m_server->tls()) {
#if defined(Q_OS_UNIX)
            ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
#elif defined(Q_OS_WIN)
            ::shutdown(SOCKET(m_socket->socketDescriptor()), SD_SEND);
#endif
        }
        readInput();
        return;
    case Phase::Reading:
        if (m_waitingForHead)
            arm(m_server->limits().idleTimeoutMs);
        readInput();
        return;
    case Phase::Checking:
    case Phase::Handling:
    case Phase::Delaying:
    case Phase::Closed:
        return;
    }
}

void Connection::timedOut()
{
    switch (m_phase) {
    case Phase::Delaying:
        answer(std::move(m_delayed));
        return;
    case Phase::Reading:
        if (m_waitingForHead && m_socket->bytesToWrite() == 0) {
            hangUp(false); // idle keep-alive connection
            return;
        }
        if (m_waitingForHead) {
            hangUp(true); // the client stopped reading its answers
            return;
        }
        fail(Status::RequestTimeout,
             QStringLiteral("the request did not arrive in time (%1 s for the head, %2 s for the "
                            "body)")
                 .arg(m_server->limits().headerTimeoutMs / 1000.0)
                 .arg(m_server->limits().bodyTimeoutMs / 1000.0));
        return;
    case Phase::Writing:
    case Phase::Draining:
        hangUp(true);
        return;
    case Phase::Checking:
    case Phase::Handling:
    case Phase::Closed:
        return;
    }
}

void Connection::hangUp(bool abort)
{
    // The slot is free before the client can see the close: a client that reconnects at once
    // must find it free, and the count is kept on the accepting thread.
    releaseSlot();
    if (abort)
        m_socket->abort();
    else
        m_socket->disconnectFromHost();
}

void Connection::releaseSlot()
{
    if (m_slotReleased)
        return;
    m_slotReleased = true;
    m_server->connectionClosed(m_id, m_counted);
}

void Connection::close()
{
    if (m_phase == Phase::Closed)
        return;
    m_phase = Phase::Closed;
    m_gone->store(true);
    m_timer.stop();
    m_io->forget(m_id);
    releaseSlot();
    deleteLater();
}

} // namespace kv::http
