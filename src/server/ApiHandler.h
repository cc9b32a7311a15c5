#pragma once

#include "ApiRequest.h"

#include <memory>
#include <QHttpServerResponse>

namespace kv {
class CatalogBackend;
}

namespace kv::server {

class UserStore;

// The HTTP API over one catalog: Kestra's KV routes (with and without a tenant segment) and our
// extensions under .../kvdesk/. handle() is synchronous and thread-safe: the server calls it on a
// worker thread for every request, so a slow call (a purge, an import) never holds up the others.
// Every failure becomes {"message": "..."} with the status that fits it.
class ApiHandler
{
public:
    static constexpr const char* defaultTenant = "main";

    // `extensions` false makes the server look like a plain Kestra (for tests of clients).
    ApiHandler(std::shared_ptr<CatalogBackend> backend, std::shared_ptr<const UserStore> users,
               qint64 maxBodyBytes, bool extensions = true);

    QHttpServerResponse handle(ApiRequest& request) const;

private:
    QHttpServerResponse dispatch(ApiRequest& request) const;
    // Kestra's routes: namespaces/{ns}/kv[/{key}], kv (paged), namespaces/search, namespaces.
    QHttpServerResponse kestraRoute(const ApiRequest& r, const QStringList& path) const;
    // Ours: kvdesk/...
    QHttpServerResponse extensionRoute(const ApiRequest& r, const QStringList& path) const;
    QHttpServerResponse keyRoute(const ApiRequest& r, const QString& ns, const QString& key) const;
    QHttpServerResponse pagedList(const ApiRequest& r) const;
    QHttpServerResponse searchNamespaces(const ApiRequest& r) const;
    QHttpServerResponse extensionList(const ApiRequest& r, const QString& ns) const;
    QHttpServerResponse exportCsv(const ApiRequest& r, const QString& ns) const;
    QHttpServerResponse importCsv(const ApiRequest& r, const QString& ns) const;

    std::shared_ptr<CatalogBackend> m_backend;
    std::shared_ptr<const UserStore> m_users;
    qint64 m_maxBody;
    bool m_extensions;
};

} // namespace kv::server
