#pragma once

#include "http/ServerLimits.h"
#include "http/Service.h"

#include <atomic>
#include <functional>
#include <memory>
#include <QHash>
#include <QMutex>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QThreadPool>
#include <QWaitCondition>
#include <vector>

namespace kv::http {

class Connection;
class IoThread;

// An HTTP/1.1 server of our own on QTcpServer (see docs/architecture.md, "Server", for why not
// QtHttpServer). The thread the server lives in accepts, counts and refuses connections; one I/O
// thread per core (IoThread) moves the bytes of the connections given to it in turn and answers
// their quick requests itself (Service::start), or starts those that need no thread while they
// wait (a write waiting for its commit); other requests run on worker pools (reads, writes) and
// slow head checks on a small pool of their own. Answers come back by connection id,
// so an answer for a connection that has gone meanwhile is dropped: nothing ever touches a socket
// after the client left.
class Server : public QTcpServer
{
    Q_OBJECT
public:
    Server(std::shared_ptr<Service> service, ServerLimits limits, QObject* parent = nullptr);
    ~Server() override;

    void setTls(const QSslConfiguration& configuration);
    bool tls() const { return m_tls; }
    // Stops accepting, then waits for the head checks and requests that run.
    void stopServing();

    const ServerLimits& limits() const { return m_limits; }
    Service& service() { return *m_service; }
    // 503 with Retry-After: 1, for a server that is too busy for this client right now.
    Response busyResponse(const QString& message) const;
    int connectionCount() const
    {
        const QMutexLocker lock(&m_countMutex);
        return m_open;
    }

    // For Connection (I/O thread): run the slow head check, or the request, elsewhere.
    // False from startCheck when too many checks are queued. A check whose client has left by
    // the time its turn comes (`gone`) is skipped: closing at once costs a guesser nothing, so it
    // must cost us nothing either.
    bool startCheck(quint64 connection, const Request& head,
                    std::shared_ptr<const std::atomic<bool>> gone);
    void startRequest(quint64 connection, Request request, const QString& user);
    // For Connection (I/O thread): where the answer of a request Service::start left pending
    // goes. stopServing() waits until no copy of it is left.
    Reply replyTo(quint64 connection);
    // From the connection's I/O thread, as soon as it is closing: its slot is free again.
    void connectionClosed(quint64 id, const QHostAddress& client);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    // From any thread: runs `deliver` on the connection's I/O thread, if it is still open.
    void toConnection(quint64 connection, std::function<void(Connection*)> deliver);
    IoThread& ioThreadOf(quint64 connection) const;
    // Why a new connection from `peer` is refused, or "" when it is not.
    QString refusal(const QHostAddress& peer) const;
    static QHostAddress peerOf(qintptr descriptor); // null when the system cannot tell
    void refuseDescriptor(qintptr descriptor, const QString& why);

    std::shared_ptr<Service> m_service;
    ServerLimits m_limits;
    bool m_tls = false;
    QSslConfiguration m_tlsConfiguration;
    quint64 m_nextId = 1;
    // Accepted and not closed yet, in all and per client: counted here, freed by I/O threads.
    mutable QMutex m_countMutex;
    int m_open = 0;
    std::vector<std::unique_ptr<IoThread>> m_io;
    static constexpr int maxIoThreads = 8;
    QHash<QHostAddress, int> m_perClient;
    static constexpr int writerThreads = 32;
    QThreadPool m_readers; // GET and HEAD
    QThreadPool m_writers; // every other method
    QThreadPool m_checks;
    std::atomic<int> m_pendingChecks{0};
    // Replies (Service::start) that someone may still call: copies of them alive.
    QMutex m_pendingMutex;
    QWaitCondition m_noPending;
    int m_pending = 0;
};

} // namespace kv::http
