#include "http/Server.h"

#include "http/Connection.h"
#include "http/IoThread.h"

#include <QSslSocket>

#if defined(Q_OS_UNIX)
#include <sys/socket.h>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <winsock2.h>
#include <ws2tcpip.h>
#endif

namespace kv::http {

Server::Server(std::shared_ptr<Service> service, ServerLimits limits, QObject* parent)
    : QTcpServer(parent)
    , m_service(std::move(service))
    , m_limits(limits)
{
    m_readers.setMaxThreadCount(qMax(4, 2 * QThread::idealThreadCount()));
    m_readers.setExpiryTimeout(-1); // threads keep their registry connections
    // A write mostly waits for its group commit (one fsync for every write queued with it):
    // many waiting writers make big groups. Readers keep their own threads, so a burst of writes
    // never queues a read behind it, and reads never outnumber the cores by much.
    m_writers.setMaxThreadCount(writerThreads);
    m_writers.setExpiryTimeout(-1);
    // Key derivations are CPU-bound: two at a time leave the other cores to real requests.
    m_checks.setMaxThreadCount(2);
    const int ioThreads = qBound(1, QThread::idealThreadCount(), maxIoThreads);
    for (int i = 0; i < ioThreads; ++i)
        m_io.push_back(std::make_unique<IoThread>(this));
}

Server::~Server()
{
    stopServing();
}

void Server::setTls(const QSslConfiguration& configuration)
{
    m_tls = true;
    m_tlsConfiguration = configuration;
}

void Server::stopServing()
{
    close();
    m_checks.waitForDone();
    m_readers.waitForDone();
    m_writers.waitForDone();
    {
        QMutexLocker lock(&m_pendingMutex);
        while (m_pending > 0)
            m_noPending.wait(&m_pendingMutex);
    }
    m_io.clear(); // nothing posts to them any more: their connections close with them
}

void Server::incomingConnection(qintptr descriptor)
{
    // Counted and refused here, before any socket object exists: a flood of connections costs a
    // few system calls. An accepted one goes to an I/O thread, in turn.
    const QHostAddress peer = peerOf(descriptor);
    if (const QString why = refusal(peer); !why.isEmpty()) {
        refuseDescriptor(descriptor, why);
        return;
    }
    const quint64 id = m_nextId++;
    {
        const QMutexLocker lock(&m_countMutex);
        ++m_open;
        ++m_perClient[peer];
    }
    ioThreadOf(id).adopt(descriptor, id, peer, m_tls, m_tlsConfiguration);
}

IoThread& Server::ioThreadOf(quint64 connection) const
{
    return *m_io.at(std::size_t(connection % m_io.size()));
}

QString Server::refusal(const QHostAddress& peer) const
{
    const QMutexLocker lock(&m_countMutex);
    if (m_open >= m_limits.maxConnections)
        return QStringLiteral("the server has too many connections; try again later");
    if (m_perClient.value(peer) >= m_limits.maxConnectionsPerClient)
        return QStringLiteral("too many connections from %1 (at most %2)")
            .arg(peer.toString())
            .arg(m_limits.maxConnectionsPerClient);
    return {};
}

QHostAddress Server::peerOf(qintptr descriptor)
{
    sockaddr_storage address{};
#if defined(Q_OS_WIN)
    int length = sizeof address;
    if (::getpeername(SOCKET(descriptor), reinterpret_cast<sockaddr*>(&address), &length) != 0)
        return {};
#else
    socklen_t length = sizeof address;
    if (::getpeername(int(descriptor), reinterpret_cast<sockaddr*>(&address), &length) != 0)
        return {};
#endif
    return QHostAddress(reinterpret_cast<const sockaddr*>(&address));
}

void Server::refuseDescriptor(qintptr descriptor, const QString& why)
{
    // One try, never blocking: a client that cannot take it gets the close alone. A TLS client
    // gets no handshake, only the close.
    const QByteArray bytes = m_tls ? QByteArray() : busyResponse(why).serialize(false, false);
#if defined(Q_OS_WIN)
    const SOCKET s = SOCKET(descriptor);
    if (!m_tls) {
        u_long nonBlocking = 1;
        ::ioctlsocket(s, FIONBIO, &nonBlocking);
        ::send(s, bytes.constData(), int(bytes.size()), 0);
        ::shutdown(s, SD_SEND);
    }
    ::closesocket(s);
#else
    const int fd = int(descriptor);
    if (!m_tls) {
        [[maybe_unused]] const ssize_t sent =
            ::send(fd, bytes.constData(), size_t(bytes.size()), MSG_DONTWAIT | MSG_NOSIGNAL);
        ::shutdown(fd, SHUT_WR);
    }
    ::close(fd);
#endif
}

Response Server::busyResponse(const QString& message) const
{
    Response busy = m_service->errorResponse(Status::ServiceUnavailable, message);
    busy.setHeader("Retry-After", "1");
    return busy;
}

void Server::connectionClosed(quint64, const QHostAddress& client)
{
    const QMutexLocker lock(&m_countMutex);
    --m_open;
    auto it = m_perClient.find(client);
    if (it != m_perClient.end() && --*it <= 0)
        m_perClient.erase(it);
}

bool Server::startCheck(quint64 connection, const Request& head,
                        std::shared_ptr<const std::atomic<bool>> gone)
{
    if (m_pendingChecks.fetch_add(1) >= m_limits.maxPendingChecks) {
        --m_pendingChecks;
        return false;
    }
    m_checks.start([this, connection, head, gone] {
        if (gone->load()) {
            --m_pendingChecks;
            return;
        }
        auto decision = std::make_shared<HeadDecision>(m_service->verifyHead(head));
        --m_pendingChecks;
        toConnection(connection, [decision](Connection* c) { c->checked(std::move(*decision)); });
    });
    return true;
}

void Server::startRequest(quint64 connection, Request request, const QString& user)
{
    const bool reads = request.method == Method::Get || request.method == Method::Head;
    (reads ? m_readers : m_writers)
        .start([this, connection, request = std::move(request), user]() mutable {
            auto response = std::make_shared<Response>(m_service->handle(request, user));
            toConnection(connection,
                         [response](Connection* c) { c->answered(std::move(*response)); });
        });
}

Reply Server::replyTo(quint64 connection)
{
    // Counted while any copy of it lives: whoever holds one (a write waiting for its commit) may
    // still call it, so stopServing() waits until the last copy is gone.
    {
        QMutexLocker lock(&m_pendingMutex);
        ++m_pending;
    }
    std::shared_ptr<Server> held(this, [](Server* server) {
        QMutexLocker lock(&server->m_pendingMutex);
        if (--server->m_pending == 0)
            server->m_noPending.wakeAll();
    });
    return [held = std::move(held), connection](std::function<Response()> make) {
        held->toConnection(connection,
                           [make = std::move(make)](Connection* c) { c->answered(make()); });
    };
}

void Server::toConnection(quint64 connection, std::function<void(Connection*)> deliver)
{
    ioThreadOf(connection).toConnection(connection, std::move(deliver));
}

} // namespace kv::http
