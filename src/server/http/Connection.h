#pragma once

#include "http/RequestParser.h"
#include "http/Service.h"

#include <atomic>
#include <memory>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace kv::http {

class IoThread;
class Server;

// One client connection, on one of the server's I/O threads: reads a request through the parser
// under the header/body/idle timeouts, asks the service about the head before any body byte is
// read, answers a quick request itself or hands it to the server's workers, and writes the answer.
// It reads nothing while a request is being checked or answered (the socket's read buffer is
// bounded, so TCP makes the client wait), and it closes after an answer that left a body unread,
// draining that body for a moment first so the client sees the answer rather than a reset.
class Connection : public QObject
{
    Q_OBJECT
public:
    // On `io`'s thread, which owns the connection; `peer` is the address the server counted it
    // under (null when the system could not tell).
    Connection(Server* server, IoThread* io, QTcpSocket* socket, quint64 id,
               const QHostAddress& peer);

    quint64 id() const { return m_id; }
    QTcpSocket* socket() const { return m_socket; }
    // From the server, on the I/O thread.
    void checked(HeadDecision decision);
    void answered(Response response);

private:
    enum class Phase { Reading, Checking, Handling, Delaying, Writing, Draining, Closed };

    void readInput();
    void readLoop();
    void headDone();
    void startBody(const QString& user);
    void answer(Response response);
    bool bodyPending() const;
    void fail(Status status, const QString& message);
    void written();
    void timedOut();
    void close();
    // Closes our side (abort: at once, without sending what is queued).
    void hangUp(bool abort);
    void releaseSlot();
    void arm(qint64 ms);

    Server* m_server;
    IoThread* m_io;
    QTcpSocket* m_socket;
    quint64 m_id;
    QHostAddress m_counted;
    QHostAddress m_peer;
    std::shared_ptr<std::atomic<bool>> m_gone = std::make_shared<std::atomic<bool>>(false);
    Phase m_phase = Phase::Reading;
    RequestParser m_parser;
    QByteArray m_input;
    qsizetype m_inputPos = 0;
    bool m_waitingForHead = true; // no byte of the current request yet: the idle timeout runs
    bool m_closeAfterWrite = false;
    bool m_readingInput = false;
    bool m_slotReleased = false;
    qint64 m_drained = 0;
    QString m_user;
    Response m_delayed;
    QElapsedTimer m_since;
    QTimer m_timer;
};

} // namespace kv::http
