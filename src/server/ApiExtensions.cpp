// Our extensions of the Kestra KV API, under /api/v1/{tenant}/kvdesk/. They carry what a desktop
// tool needs beyond Kestra's routes: full metadata, paged and sorted listings with totals,
// statistics, history, restore, expire, purge, fsck, export and import.
#include "ApiRouter.h"
#include "domain/CatalogBackend.h"
#include "format/WireFormat.h"

#include <QBuffer>

namespace kv::server {

using Method = http::Method;

namespace {

http::Response info(CatalogBackend& b, const ApiRequest& r, const RouteArgs&)
{
    // The value counts read every current row: only when asked (?counts=true), not on the
    // client's first probe.
    const bool counts = r.flag(wire::param::counts);
    return jsonResponse(wire::settings(
        {QLatin1String(wire::ourServerName), QStringLiteral(KVDESK_VERSION), b.historyDepth(),
         b.maxValueBytes(), b.inlineLimit(), counts ? b.valuePlacement() : std::nullopt}));
}

// Sets the catalog's settings and answers as GET does.
http::Response setInfo(CatalogBackend& b, const ApiRequest& r, const RouteArgs& a)
{
    const wire::Settings s = wire::readSettingsRequest(r.body);
    if (s.historyDepth)
        b.setHistoryDepth(*s.historyDepth);
    if (s.maxValueBytes)
        b.setMaxValueBytes(*s.maxValueBytes);
    if (s.inlineLimit)
        b.setInlineLimit(*s.inlineLimit);
    return info(b, r, a);
}

http::Response purge(CatalogBackend& b, const ApiRequest& r, const RouteArgs&)
{
    const PurgeRequest request = wire::readPurgeRequest(r.body);
    return jsonResponse(wire::purgeResult(b.purge(request, {})));
}

http::Response fsck(CatalogBackend& b, const ApiRequest& r, const RouteArgs&)
{
    const FsckRequest request = wire::readFsckRequest(r.body);
    return jsonResponse(wire::fsckReport(b.fsck(request)));
}

http::Response namespaces(CatalogBackend& b, const ApiRequest& r, const RouteArgs&)
{
    QList<QByteArray> out;
    for (const NamespaceInfo& info : b.listNamespaces(r.param(wire::param::prefix)))
        out << wire::namespaceInfo(info);
    return jsonResponse(wire::list(out));
}

http::Response stats(CatalogBackend& b, const ApiRequest&, const RouteArgs& a)
{
    return jsonResponse(wire::stats(b.namespaceStats(a.value("ns"))));
}

http::Response expire(CatalogBackend& b, const ApiRequest& r, const RouteArgs& a)
{
    return jsonResponse(
        wire::keysRequest(b.expire(wire::readExpireRequest(r.body, a.value("ns")))));
}

http::Response removeKeys(CatalogBackend& b, const ApiRequest& r, const RouteArgs& a)
{
    return jsonResponse(wire::deleteResult(b.remove(a.value("ns"), wire::readKeysRequest(r.body),
                                                    r.flag(wire::param::errorOnMissing))));
}

http::Response entry(CatalogBackend& b, const ApiRequest&, const RouteArgs& a)
{
    return jsonResponse(wire::entry(b.get(a.value("ns"), a.value("key")),
                                    wire::EntryField::Checksum | wire::EntryField::Value));
}

http::Response history(CatalogBackend& b, const ApiRequest&, const RouteArgs& a)
{
    QList<QByteArray> out;
    for (const KvRevision& revision : b.history(a.value("ns"), a.value("key")))
        out << wire::revision(revision);
    return jsonResponse(wire::list(out));
}

http::Response restore(CatalogBackend& b, const ApiRequest& r, const RouteArgs& a)
{
    const qint64 revision = wire::readRestoreRequest(r.body);
    return jsonResponse(wire::entry(b.restore(a.value("ns"), a.value("key"), revision),
                                    wire::EntryField::Checksum));
}

http::Response listPage(CatalogBackend& b, const ApiRequest& r, const RouteArgs& a)
{
    const ListQuery q = wire::readListQuery(r.params, a.value("ns"));
    const wire::EntryFields fields =
        q.withValues ? wire::EntryFields(wire::EntryField::Value) : wire::EntryFields();
    return jsonResponse(wire::page(b.list(q), fields));
}

http::Response exportCsv(CatalogBackend& b, const ApiRequest& r, const RouteArgs& a)
{
    ExportRequest request;
    request.ns = a.value("ns");
    request.prefix = r.param(wire::param::prefix);
    request.withValues = r.flag(wire::param::withValues);
    request.bom = r.flag(wire::param::bom);
    if (const QString keys = r.param(wire::param::keys); !keys.isEmpty())
        request.keys = keys.split(QLatin1Char(','));
    QByteArray csv;
    QBuffer out(&csv);
    out.open(QIODevice::WriteOnly);
    b.exportCsv(request, &out, {});
    return http::Response(QByteArrayLiteral("text/csv; charset=utf-8"), csv);
}

http::Response importCsv(CatalogBackend& b, const ApiRequest& r, const RouteArgs& a)
{
    ImportRequest request;
    request.ns = a.value("ns");
    request.overwrite = r.param(wire::param::overwrite).toLower() != QLatin1String("false");
    QByteArray body = r.body;
    QBuffer in(&body);
    in.open(QIODevice::ReadOnly);
    return jsonResponse(wire::importResult(b.importCsv(request, &in, {})));
}

} // namespace

QList<Route> extensionRoutes()
{
    return {
        {Method::Get, "kvdesk/info", info},
        {Method::Put, "kvdesk/info", setInfo},
        {Method::Post, "kvdesk/purge", purge},
        {Method::Post, "kvdesk/fsck", fsck},
        {Method::Get, "kvdesk/namespaces", namespaces},
        {Method::Get, "kvdesk/namespaces/{ns}/stats", stats},
        {Method::Post, "kvdesk/namespaces/{ns}/expire", expire},
        {Method::Get, "kvdesk/namespaces/{ns}/export", exportCsv},
        {Method::Post, "kvdesk/namespaces/{ns}/import", importCsv},
        {Method::Get, "kvdesk/namespaces/{ns}/kv", listPage},
        {Method::Delete, "kvdesk/namespaces/{ns}/kv", removeKeys},
        {Method::Get, "kvdesk/namespaces/{ns}/kv/{key}", entry},
        {Method::Get, "kvdesk/namespaces/{ns}/kv/{key}/history", history},
        {Method::Post, "kvdesk/namespaces/{ns}/kv/{key}/restore", restore},
    };
}

} // namespace kv::server
