// Kestra's KV routes: namespaces/{ns}/kv[/{key}], kv (paged), namespaces/search, namespaces.
#include "ApiRouter.h"
#include "domain/CatalogBackend.h"
#include "domain/CatalogError.h"
#include "format/ValueBody.h"
#include "format/WireFormat.h"

#include <limits>
#include <optional>

namespace kv::server {

using Method = http::Method;

namespace {

constexpr qint64 listChunk = 10'000;

// Kestra's page (1-based) and size as an offset: checked, so that no page number can overflow
// (page 2^62 of size 4 is refused, not wrapped around to a negative offset).
struct PageWindow
{
    qint64 offset = 0;
    qint64 size = 0;
};

PageWindow pageWindow(const ApiRequest& r, qint64 defaultSize)
{
    constexpr qint64 maxSize = 10'000;
    bool ok = true;
    const qint64 page =
        r.param(wire::param::page).isEmpty() ? 1 : r.param(wire::param::page).toLongLong(&ok);
    if (!ok || page < 1)
        throw CatalogError::invalidInput(
            QStringLiteral("invalid page '%1': pages start at 1").arg(r.param(wire::param::page)));
    const qint64 size = r.param(wire::param::size).isEmpty()
                            ? defaultSize
                            : r.param(wire::param::size).toLongLong(&ok);
    if (!ok || size < 1 || size > maxSize)
        throw CatalogError::invalidInput(QStringLiteral("invalid size '%1': expected 1 to %2")
                                             .arg(r.param(wire::param::size))
                                             .arg(maxSize));
    if (page - 1 > (std::numeric_limits<qint64>::max() - size) / size)
        throw CatalogError::invalidInput(
            QStringLiteral("invalid page '%1': too large for a page size of %2")
                .arg(r.param(wire::param::page))
                .arg(size));
    return {(page - 1) * size, size};
}

http::Response createNamespace(CatalogBackend& b, const ApiRequest& r, const RouteArgs&)
{
    const NamespaceInfo asked = wire::readNamespaceCreate(r.body);
    return jsonResponse(wire::namespaceInfo(b.createNamespace(asked.name, asked.description)));
}

http::Response searchNamespaces(CatalogBackend& b, const ApiRequest& r, const RouteArgs&)
{
    const QString q = r.param(wire::param::search);
    const PageWindow window = pageWindow(r, 1000);
    QList<NamespaceInfo> all;
    for (const NamespaceInfo& info : b.listNamespaces(QString())) {
        if (q.isEmpty() || info.name.contains(q, Qt::CaseInsensitive))
            all << info;
    }
    QList<QByteArray> out;
    const qsizetype from = qsizetype(qMin<qint64>(window.offset, all.size()));
    const qsizetype to = qsizetype(qMin<qint64>(from + window.size, all.size()));
    for (qsizetype i = from; i < to; ++i)
        out << wire::namespaceInfo(all.at(i));
    return jsonResponse(wire::results(out, all.size()));
}

http::Response deleteNamespace(CatalogBackend& b, const ApiRequest& r, const RouteArgs& a)
{
    b.deleteNamespace(a.value("ns"), r.flag(wire::param::force));
    return jsonResponse(wire::deletedAnswer(true));
}

// Every live pair of the namespace (Kestra's list); the paged form is GET .../kv.
http::Response listAll(CatalogBackend& b, const ApiRequest&, const RouteArgs& a)
{
    wire::ListWriter entries;
    QByteArray out = entries.begin();
    ListQuery q{a.value("ns")};
    q.limit = listChunk;
    for (;;) {
        const KvPage page = b.list(q);
        for (const KvEntry& e : page.entries)
            out += entries.element(wire::entry(e));
        if (page.entries.size() < listChunk)
            break;
        q.afterKey = page.entries.last().key;
    }
    return jsonResponse(out + entries.end());
}

http::Response deleteKeys(CatalogBackend& b, const ApiRequest& r, const RouteArgs& a)
{
    const DeleteResult result = b.remove(a.value("ns"), wire::readKeysRequest(r.body), false);
    return jsonResponse(wire::keysRequest(result.deleted));
}

http::Response getValue(CatalogBackend& b, const ApiRequest&, const RouteArgs& a)
{
    return jsonResponse(wire::typedValue(*b.get(a.value("ns"), a.value("key")).value));
}

http::Response setValue(CatalogBackend& b, const ApiRequest& r, const RouteArgs& a)
{
    SetRequest s = readPut(r.body, r.headers);
    s.ns = a.value("ns");
    s.key = a.value("key");
    return jsonResponse(wire::entry(b.set(s), wire::EntryField::Checksum));
}

http::Response deleteKey(CatalogBackend& b, const ApiRequest&, const RouteArgs& a)
{
    const DeleteResult result = b.remove(a.value("ns"), {a.value("key")}, false);
    return jsonResponse(wire::deletedAnswer(!result.deleted.isEmpty()));
}

http::Response pagedList(CatalogBackend& b, const ApiRequest& r, const RouteArgs&)
{
    // GET /api/v1/{tenant}/kv?page=1&size=50&sort=key:asc&filters[namespace][EQUALS]=ns
    //     &filters[key][STARTS_WITH]=p  (&filters[key][CONTAINS]=c)
    ListQuery q;
    q.ns = r.param(wire::param::namespaceEquals);
    if (q.ns.isEmpty())
        throw CatalogError::invalidInput(
            QStringLiteral("give the namespace: filters[namespace][EQUALS]=company.team"));
    q.prefix = r.param(wire::param::keyStartsWith);
    q.contains = r.param(wire::param::keyContains);
    const PageWindow window = pageWindow(r, 25);
    q.limit = window.size;
    q.offset = window.offset;
    q.withTotal = true;
    if (const QString sort = r.param(wire::param::sort); !sort.isEmpty()) {
        const QStringList parts = sort.split(QLatin1Char(':'));
        static const QHash<QString, QString> kestraNames{
            {QStringLiteral("creationDate"), QStringLiteral("created")},
            {QStringLiteral("updateDate"), QStringLiteral("updated")},
            {QStringLiteral("expirationDate"), QStringLiteral("expires")}};
        const std::optional<SortColumn> column =
            parseSortColumn(kestraNames.value(parts.at(0), parts.at(0)));
        if (!column)
            throw CatalogError::invalidInput(
                QStringLiteral("invalid sort '%1': expected a column such as key:asc or "
                               "updateDate:desc")
                    .arg(sort));
        q.sort = *column;
        q.descending = parts.value(1).compare(QLatin1String("desc"), Qt::CaseInsensitive) == 0;
    }
    const KvPage result = b.list(q);
    QList<QByteArray> out;
    for (const KvEntry& e : result.entries)
        out << wire::entry(e, wire::EntryField::Namespace);
    return jsonResponse(wire::results(out, result.total));
}

} // namespace

QList<Route> kestraRoutes()
{
    return {
        {Method::Get, "kv", pagedList},
        {Method::Post, "namespaces", createNamespace},
        {Method::Get, "namespaces/search", searchNamespaces},
        {Method::Delete, "namespaces/{ns}", deleteNamespace},
        {Method::Get, "namespaces/{ns}/kv", listAll},
        {Method::Delete, "namespaces/{ns}/kv", deleteKeys},
        {Method::Get, "namespaces/{ns}/kv/{key}", getValue, true},
        {Method::Put, "namespaces/{ns}/kv/{key}", setValue},
        {Method::Delete, "namespaces/{ns}/kv/{key}", deleteKey},
    };
}

} // namespace kv::server
