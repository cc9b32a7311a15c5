#pragma once

#include "ApiHandler.h"
#include "CatalogTypes.h"
#include "ServerOptions.h"

#include <memory>
#include <QFuture>
#include <QHttpServer>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

namespace kv {
class Catalog;
}

namespace kv::server {

class UserStore;

// kvdesk-server's HTTP side: QHttpServer with one catch-all route that hands every request to
// ApiHandler on a worker thread (the event loop only moves bytes), TLS when configured, one log
// line per request on standard error, and the scheduled purge of expired pairs.
class KvServer : public QObject
{
    Q_OBJECT
public:
    KvServer(const ServerOptions& options, std::unique_ptr<Catalog> catalog,
             std::shared_ptr<const UserStore> users, QObject* parent = nullptr);
    ~KvServer() override;

    // Listens; returns the port. Throws CatalogError naming the problem (TLS files, address in
    // use, no users on a public address).
    quint16 start();
    // Stops taking requests and waits for the running ones.
    void stop();

private:
    QFuture<QHttpServerResponse> serve(const QHttpServerRequest& request);
    void purgeExpired();
    void setUpTls();

    ServerOptions m_options;
    std::unique_ptr<Catalog> m_catalog;
    std::shared_ptr<const UserStore> m_users;
    std::shared_ptr<const ApiHandler> m_handler;
    QHttpServer m_http;
    QThreadPool m_workers;
    QTimer m_purgeTimer;
    QFuture<PurgeResult> m_purge;
};

} // namespace kv::server
