#include "http/IoThread.h"

#include "http/Connection.h"
#include "http/Server.h"

#include <QSslSocket>

namespace kv::http {

namespace {

constexpr qint64 socketReadBuffer = 64 * 1024;

} // namespace

IoThread::IoThread(Server* server)
    : m_server(server)
{
    m_thread.setObjectName(QStringLiteral("kvdesk-io"));
    moveToThread(&m_thread);
    m_thread.start();
}

IoThread::~IoThread()
{
    // The connections are this thread's objects: they go there, before its loop ends.
    QMetaObject::invokeMethod(
        this,
        [this] {
            const QList<Connection*> open = m_connections.values();
            m_connections.clear();
            qDeleteAll(open);
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void IoThread::adopt(qintptr descriptor, quint64 id, const QHostAddress& peer, bool tls,
                     const QSslConfiguration& configuration)
{
    QMetaObject::invokeMethod(
        this,
        [this, descriptor, id, peer, tls, configuration] {
            QTcpSocket* socket = tls ? new QSslSocket : new QTcpSocket;
            if (!socket->setSocketDescriptor(descriptor)) {
                delete socket;
                m_server->connectionClosed(id, peer);
                return;
            }
            socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            socket->setReadBufferSize(socketReadBuffer);
            if (tls) {
                auto* ssl = static_cast<QSslSocket*>(socket);
                ssl->setSslConfiguration(configuration);
                ssl->startServerEncryption();
            }
            m_connections.insert(id, new Connection(m_server, this, socket, id, peer));
        },
        Qt::QueuedConnection);
}

void IoThread::toConnection(quint64 id, std::function<void(Connection*)> deliver)
{
    // Looked up on this thread: a connection that closed meanwhile is not in the table any
    // more, and the result is dropped.
    QMetaObject::invokeMethod(
        this,
        [this, id, deliver = std::move(deliver)] {
            if (Connection* c = m_connections.value(id))
                deliver(c);
        },
        Qt::QueuedConnection);
}

void IoThread::forget(quint64 id)
{
    m_connections.remove(id);
}

} // namespace kv::http
