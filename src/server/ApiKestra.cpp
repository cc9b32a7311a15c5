// Kestra's KV routes: namespaces/{ns}/kv[/{key}], kv/inheritance, kv (paged, KvSearch.cpp),
// namespaces/search, namespaces[/{id}]. Kestra's rules are from its source,
// webserver/.../controllers/api/KVController.java and NamespaceController.java.
#include "ApiRouter.h"
#include "domain/CatalogBackend.h"
#include "domain/CatalogError.h"
#include "domain/Rules.h"
#include "format/ValueBody.h"
#include "format/WireFormat.h"
#include "KvSearch.h"

#include <QSet>

namespace kv::server {

using Method = http::Method;

namespace {

constexpr qint64 listChunk = 10'000;

http::Response createNamespace(CatalogBackend& b, const ApiRequest& r, const RouteArgs&)
{
    const NamespaceInfo asked = wire::readNamespaceCreate(r.body);
    return jsonResponse(wire::namespaceInfo(b.createNamespace(asked.name, asked.description)));
}

http::Response searchNamespaces(CatalogBackend& b, const ApiRequest& r, const RouteArgs&)
{
    const QString q = r.param(wire::param::search);
    const PageWindow window = pageWindow(r, 10); // NamespaceController: size defaults to 10
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

// Calls `take` with every live pair of `ns` in key order, read a chunk at a time.
template<typename Take> void eachPair(CatalogBackend& b, const QString& ns, Take take)
{
    ListQuery q{ns};
    q.limit = listChunk;
    for (;;) {
        const KvPage page = b.list(q);
        for (const KvEntry& e : page.entries)
            take(e);
        if (page.entries.size() < listChunk)
            break;
        q.afterKey = page.entries.last().key;
    }
}

// Every live pair of the namespace (Kestra's list before 2.0, which removed it; the paged form
// is GET .../kv). Entries carry their namespace, as Kestra's KVEntry does since 1.2.5.
http::Response listAll(CatalogBackend& b, const ApiRequest&, const RouteArgs& a)
{
    wire::ListWriter entries;
    QByteArray out = entries.begin();
    eachPair(b, a.value("ns"), [&](const KvEntry& e) {
        out += entries.element(wire::entry(e, wire::EntryField::Namespace));
    });
    return jsonResponse(out + entries.end());
}

// The pairs the namespace inherits: those of its parents, the nearest parent first, a key of a
// nearer parent hiding the same key further up; the namespace's own pairs are not included
// (KVController.listKeysWithInheritence and getKvEntriesWithInheritance, Kestra 1.2.5+).
http::Response listInherited(CatalogBackend& b, const ApiRequest&, const RouteArgs& a)
{
    const QString ns = a.value("ns");
    rules::requireValidNamespace(ns);
    wire::ListWriter entries;
    QByteArray out = entries.begin();
    QSet<QString> seen;
    for (QString parent = rules::parentNamespace(ns); !parent.isEmpty();
         parent = rules::parentNamespace(parent)) {
        eachPair(b, parent, [&](const KvEntry& e) {
            if (seen.contains(e.key))
                return;
            seen.insert(e.key);
            out += entries.element(wire::entry(e, wire::EntryField::Namespace));
        });
    }
    return jsonResponse(out + entries.end());
}

// Kestra's open-source NamespaceController.getNamespace answers any valid id (a namespace exists
// as soon as something names it); ours adds what the catalog knows of it.
http::Response getNamespace(CatalogBackend& b, const ApiRequest&, const RouteArgs& a)
{
    const NamespaceStats stats = b.namespaceStats(a.value("ns"));
    NamespaceInfo info;
    info.name = stats.name;
    info.description = stats.description;
    info.isExplicit = stats.isExplicit;
    info.createdAtMs = stats.createdAtMs;
    info.keyCount = stats.liveCount;
    return jsonResponse(wire::namespaceInfo(info));
}

http::Response deleteKeys(CatalogBackend& b, const ApiRequest& r, const RouteArgs& a)
{
    const DeleteResult result = b.remove(a.value("ns"), wire::readKeysRequest(r.body), false);
    return jsonResponse(wire::keysRequest(result.deleted));
}

// {"type","value","revision","updated"}: KVController.KvDetail (Kestra 1.2.5+).
http::Response getValue(CatalogBackend& b, const ApiRequest&, const RouteArgs& a)
{
    return jsonResponse(wire::valueDetail(b.get(a.value("ns"), a.value("key"))));
}

http::Response setValue(CatalogBackend& b, const ApiRequest& r, const RouteArgs& a)
{
    SetRequest s = readPut(r.body, r.headers);
    s.ns = a.value("ns");
    s.key = a.value("key");
    return jsonResponse(wire::entry(b.set(s), wire::EntryField::Checksum));
}

// The same write, started on the I/O thread: the answer is built there too once the group
// commit that holds the write is done, so no thread waits for it (see docs/architecture.md).
bool startSetValue(CatalogBackend& b, const ApiRequest& r, const RouteArgs& a,
                   const http::Reply& reply)
{
    SetRequest s = readPut(r.body, r.headers);
    s.ns = a.value("ns");
    s.key = a.value("key");
    const ErrorForm form = r.errorForm;
    return b.startSet(s, [reply, form](const KvEntry& entry, std::exception_ptr error) {
        reply([entry, error = std::move(error), form] {
            return error ? failureResponse(error, form)
                         : jsonResponse(wire::entry(entry, wire::EntryField::Checksum));
        });
    });
}

http::Response deleteKey(CatalogBackend& b, const ApiRequest&, const RouteArgs& a)
{
    const DeleteResult result = b.remove(a.value("ns"), {a.value("key")}, false);
    return jsonResponse(wire::deletedAnswer(!result.deleted.isEmpty()));
}

} // namespace

QList<Route> kestraRoutes()
{
    return {
        {Method::Get, "kv", searchKv},
        {Method::Post, "namespaces", createNamespace},
        {Method::Get, "namespaces/search", searchNamespaces},
        {Method::Get, "namespaces/{ns}", getNamespace},
        {Method::Delete, "namespaces/{ns}", deleteNamespace},
        {Method::Get, "namespaces/{ns}/kv", listAll},
        {Method::Get, "namespaces/{ns}/kv/inheritance", listInherited},
        {Method::Delete, "namespaces/{ns}/kv", deleteKeys},
        {Method::Get, "namespaces/{ns}/kv/{key}", getValue, true},
        {Method::Put, "namespaces/{ns}/kv/{key}", setValue, false, startSetValue},
        {Method::Delete, "namespaces/{ns}/kv/{key}", deleteKey},
    };
}

} // namespace kv::server
