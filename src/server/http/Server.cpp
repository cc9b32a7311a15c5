#include "http/Server.h"

#include "http/Connection.h"

#include <QSslSocket>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace kv::http {

namespace {

constexpr qint64 socketReadBuffer = 64 * 1024;

} // namespace

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
}

void Server::incomingConnection(qintptr descriptor)
{
#ifdef Q_OS_UNIX
    // Refused before any socket object exists: a flood of connections costs a few system calls.
    const QHostAddress early = peerOf(descriptor);
    if (!early.isNull()) {
        if (const QString why = refusal(early); !why.isEmpty()) {
            refuseDescriptor(descriptor, why);
            return;
        }
    }
#endif
    QTcpSocket* socket = m_tls ? new QSslSocket(this) : new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    QHostAddress peer = socket->peerAddress();
#ifdef Q_OS_UNIX
    if (!early.isNull())
        peer = early; // the key the limit was checked under
#endif
    if (const QString why = refusal(peer); !why.isEmpty()) {
        refuse(socket, why);
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->setReadBufferSize(socketReadBuffer);
    if (m_tls) {
        auto* ssl = static_cast<QSslSocket*>(socket);
        ssl->setSslConfiguration(m_tlsConfiguration);
        ssl->startServerEncryption();
    }
    const quint64 id = m_nextId++;
    m_connections.insert(id, new Connection(this, socket, id));
    ++m_perClient[peer];
}

QString Server::refusal(const QHostAddress& peer) const
{
    if (m_connections.size() >= m_limits.maxConnections)
        return QStringLiteral("the server has too many connections; try again later");
    if (m_perClient.value(peer) >= m_limits.maxConnectionsPerClient)
        return QStringLiteral("too many connections from %1 (at most %2)")
            .arg(peer.toString())
            .arg(m_limits.maxConnectionsPerClient);
    return {};
}

#ifdef Q_OS_UNIX
QHostAddress Server::peerOf(qintptr descriptor)
{
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getpeername(int(descriptor), reinterpret_cast<sockaddr*>(&address), &length) != 0)
        return {};
    return QHostAddress(reinterpret_cast<const sockaddr*>(&address));
}

void Server::refuseDescriptor(qintptr descriptor, const QString& why)
{
    const int fd = int(descriptor);
    if (!m_tls) { // one try, never blocking: a client that cannot take it gets the close alone
        const QByteArray bytes = busyResponse(why).serialize(false, false);
        [[maybe_unused]] const ssize_t sent =
            ::send(fd, bytes.constData(), size_t(bytes.size()), MSG_DONTWAIT | MSG_NOSIGNAL);
        ::shutdown(fd, SHUT_WR);
    }
    ::close(fd);
}
#endif

Response Server::busyResponse(const QString& message) const
{
    Response busy = m_service->errorResponse(Status::ServiceUnavailable, message);
    busy.setHeader("Retry-After", "1");
    return busy;
}

void Server::refuse(QTcpSocket* socket, const QString& why)
{
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    if (m_tls) { // no handshake for a refused client
        socket->abort();
        socket->deleteLater();
        return;
    }
    socket->write(busyResponse(why).serialize(false, false));
    socket->disconnectFromHost();
}

void Server::connectionClosed(quint64 id, const QHostAddress& client)
{
    m_connections.remove(id);
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

void Server::toConnection(quint64 connection, std::function<void(Connection*)> deliver)
{
    // Queued to this thread and looked up there: a connection that closed meanwhile is not in
    // the table any more, and the result is dropped.
    QMetaObject::invokeMethod(
        this,
        [this, connection, deliver = std::move(deliver)] {
            if (Connection* c = m_connections.value(connection))
                deliver(c);
        },
        Qt::QueuedConnection);
}

} // namespace kv::http
