#pragma once

#include "domain/CatalogTypes.h"
#include "http/Server.h"
#include "ServerOptions.h"

#include <memory>
#include <QFuture>
#include <QObject>
#include <QTimer>

namespace kv {
class Catalog;
}

namespace kv::server {

class UserStore;

// kvdesk-server: our HTTP layer (http::Server) with ApiService behind it, TLS when configured,
// and the scheduled purge of expired pairs.
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
    void purgeExpired();
    void setUpTls();

    ServerOptions m_options;
    std::unique_ptr<Catalog> m_catalog;
    std::shared_ptr<const UserStore> m_users;
    http::Server m_http;
    QTimer m_purgeTimer;
    QFuture<PurgeResult> m_purge;
};

} // namespace kv::server
