#pragma once

#include "ApiRequest.h"
#include "http/Service.h"

#include <QHash>
#include <QList>
#include <QStringList>

namespace kv {
class CatalogBackend;
}

namespace kv::server {

// The values of a matched route's {placeholders}, by name.
class RouteArgs
{
public:
    QString value(const char* name) const { return m_values.value(QLatin1String(name)); }
    void insert(const QString& name, const QString& value) { m_values.insert(name, value); }

private:
    QHash<QString, QString> m_values;
};

// One route of the API: a method, a pattern of path segments after /api/v1[/{tenant}] such as
// "namespaces/{ns}/kv/{key}" ("{name}" takes any one segment), and what answers it.
struct Route
{
    using Handler = http::Response (*)(CatalogBackend&, const ApiRequest&, const RouteArgs&);

    http::Method method;
    const char* pattern;
    Handler handler;
    // One indexed read (a single value): answered on the server's I/O thread, without the hop
    // to a worker and back, which cost more than the read itself.
    bool quick = false;
    // Starts the request on the I/O thread without a thread to wait in (a write waiting for its
    // group commit) and answers through the reply; false when it cannot, and `handler` runs on a
    // worker instead. Failures thrown here are answered at once.
    using Starter = bool (*)(CatalogBackend&, const ApiRequest&, const RouteArgs&,
                             const http::Reply&);
    Starter start = nullptr;
};

// A table of routes, matched segment by segment on already-decoded segments, so that an encoded
// '/' in a key stays inside its segment. The first route that matches both path and method wins.
class ApiRouter
{
public:
    void add(const QList<Route>& routes);

    // The route for `method` on `segments`, its placeholders in `args`; nullptr when none
    // (a known path asked with another method included).
    const Route* match(http::Method method, const QStringList& segments, RouteArgs& args) const;

private:
    struct Entry
    {
        Route route;
        QStringList segments;
    };
    QList<Entry> m_entries;
};

// The API's tables, "namespaces/..." and "kv" (ApiKestra.cpp), "kvdesk/..." (ApiExtensions.cpp).
QList<Route> kestraRoutes();
QList<Route> extensionRoutes();

} // namespace kv::server
