#pragma once

#include <functional>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>
#include <QThread>

namespace kv::http {

class Connection;
class Server;

// One I/O thread of the server: an event loop that owns the connections handed to it, moves
// their bytes and answers their quick requests. Several of them use several cores for what one
// thread did alone; each connection stays on its thread for its whole life.
class IoThread : public QObject
{
    Q_OBJECT
public:
    explicit IoThread(Server* server);
    // Closes this thread's connections and stops the thread.
    ~IoThread() override;
    IoThread(const IoThread&) = delete;
    IoThread& operator=(const IoThread&) = delete;

    // From the accepting thread: the accepted socket `descriptor` becomes connection `id` here
    // (a TLS one when `tls`), from a client the server counted as `peer`.
    void adopt(qintptr descriptor, quint64 id, const QHostAddress& peer, bool tls,
               const QSslConfiguration& configuration);
    // From any thread: runs `deliver` on this thread with the connection, if it is still open.
    void toConnection(quint64 id, std::function<void(Connection*)> deliver);
    // On this thread, from a connection that closed.
    void forget(quint64 id);

private:
    Server* m_server;
    QThread m_thread;
    QHash<quint64, Connection*> m_connections;
};

} // namespace kv::http
