#pragma once

#include "ApiRequest.h"
#include "ApiRouter.h"
#include "http/Service.h"

#include <memory>
#include <optional>

namespace kv {
class CatalogBackend;
}

namespace kv::server {

// The HTTP API over one catalog: Kestra's KV routes (with and without a tenant segment) and our
// extensions under .../kvdesk/, as tables of routes (ApiKestra.cpp, ApiExtensions.cpp).
// handle() is synchronous and thread-safe: the server calls it on a worker thread for every
// request, so a slow call (a purge, an import) never holds up the others. Every failure becomes
// {"message": "..."} with the status that fits it.
class ApiHandler
{
public:
    static constexpr const char* defaultTenant = "main";

    // `extensions` false makes the server look like a plain Kestra (for tests of clients).
    explicit ApiHandler(std::shared_ptr<CatalogBackend> backend, bool extensions = true);

    http::Response handle(ApiRequest& request) const;
    // On the server's I/O thread (http::Service::start): answers /ping, a path that fails, or
    // a quick route (Route::quick) right there, starts a route that can (Route::start), and
    // leaves any other request to handle() on a worker. The route is resolved once.
    http::Started start(http::Request& request, const QString& user,
                        const http::Reply& reply) const;

private:
    http::Response dispatch(ApiRequest& request) const;
    // The path's segments after /api/v1[/{tenant}], or the error answer in `failure`.
    std::optional<QStringList> routePath(const ApiRequest& request, http::Response& failure) const;

    std::shared_ptr<CatalogBackend> m_backend;
    ApiRouter m_router;
};

} // namespace kv::server
