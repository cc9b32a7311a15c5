#pragma once

#include "ApiRequest.h"

#include <memory>

namespace kv {
class CatalogBackend;
}

namespace kv::server {

// The HTTP API over one catalog: Kestra's KV routes (with and without a tenant segment) and our
// extensions under .../kvdesk/. handle() is synchronous and thread-safe: the server calls it on a
// worker thread for every request, so a slow call (a purge, an import) never holds up the others.
// Every failure becomes {"message": "..."} with the status that fits it.
class ApiHandler
{
public:
    static constexpr const char* defaultTenant = "main";

    // `extensions` false makes the server look like a plain Kestra (for tests of clients).
    explicit ApiHandler(std::shared_ptr<CatalogBackend> backend, bool extensions = true);

    http::Response handle(ApiRequest& request) const;

private:
    http::Response dispatch(ApiRequest& request) const;
    // Kestra's routes: namespaces/{ns}/kv[/{key}], kv (paged), namespaces/search, namespaces.
    http::Response kestraRoute(const ApiRequest& r, const QStringList& path) const;
    // Ours: kvdesk/...
    http::Response extensionRoute(const ApiRequest& r, const QStringList& path) const;
    http::Response keyRoute(const ApiRequest& r, const QString& ns, const QString& key) const;
    http::Response pagedList(const ApiRequest& r) const;
    http::Response searchNamespaces(const ApiRequest& r) const;
    http::Response extensionList(const ApiRequest& r, const QString& ns) const;
    http::Response exportCsv(const ApiRequest& r, const QString& ns) const;
    http::Response importCsv(const ApiRequest& r, const QString& ns) const;

    std::shared_ptr<CatalogBackend> m_backend;
    bool m_extensions;
};

} // namespace kv::server
