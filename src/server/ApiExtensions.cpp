// ApiHandler: our extensions of the Kestra KV API, under /api/v1/{tenant}/kvdesk/. They carry
// what a desktop tool needs beyond Kestra's routes: full metadata, paged and sorted listings with
// totals, statistics, history, restore, expire, purge, fsck, export and import.
#include "ApiHandler.h"
#include "domain/CatalogBackend.h"
#include "domain/CatalogError.h"
#include "domain/IsoDuration.h"
#include "format/WireFormat.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace kv::server {

using Method = http::Method;
using Status = http::Status;

namespace {

QJsonObject requestObject(const ApiRequest& r, const char* example)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.body, &error);
    if (!doc.isObject())
        throw CatalogError::invalidInput(
            QStringLiteral("the request body must be a JSON object such as %1")
                .arg(QLatin1String(example)));
    return doc.object();
}

qint64 number(const ApiRequest& r, const char* name, qint64 fallback)
{
    const QString text = r.param(name);
    if (text.isEmpty())
        return fallback;
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok)
        throw CatalogError::invalidInput(
            QStringLiteral("invalid %1 '%2': expected a number").arg(QLatin1String(name), text));
    return value;
}

} // namespace

http::Response ApiHandler::extensionRoute(const ApiRequest& r, const QStringList& path) const
{
    const qsizetype n = path.size();
    const Method m = r.method;
    if (n == 1 && path.at(0) == QLatin1String("info") && m == Method::Put) {
        const QJsonObject o =
            requestObject(r, "{\"historyDepth\": 5, \"maxValueBytes\": 16777216}");
        if (!o.contains(u"historyDepth") && !o.contains(u"maxValueBytes"))
            throw CatalogError::invalidInput(QStringLiteral("give historyDepth or maxValueBytes"));
        if (o.contains(u"historyDepth"))
            m_backend->setHistoryDepth(int(o.value(u"historyDepth").toInteger(-1)));
        if (o.contains(u"maxValueBytes"))
            m_backend->setMaxValueBytes(o.value(u"maxValueBytes").toInteger(-1));
    }
    if (n == 1 && path.at(0) == QLatin1String("info") && (m == Method::Get || m == Method::Put))
        return jsonResponse("{\"server\":\"kvdesk-server\",\"version\":" +
                            wire::string(QStringLiteral(KVDESK_VERSION)) +
                            ",\"historyDepth\":" + QByteArray::number(m_backend->historyDepth()) +
                            ",\"maxValueBytes\":" + QByteArray::number(m_backend->maxValueBytes()) +
                            '}');
    if (n == 1 && path.at(0) == QLatin1String("purge") && m == Method::Post) {
        const PurgeRequest request = wire::readPurgeRequest(r.body);
        return jsonResponse(wire::purgeResult(m_backend->purge(request, {})));
    }
    if (n == 1 && path.at(0) == QLatin1String("fsck") && m == Method::Post) {
        const FsckRequest request = wire::readFsckRequest(
            requestObject(r, "{\"repair\": false, \"verify\": true, \"grace\": \"PT1H\"}"));
        return jsonResponse(wire::fsckReport(m_backend->fsck(request)));
    }
    if (n == 0 || path.at(0) != QLatin1String("namespaces"))
        return errorResponse(Status::NotFound, QStringLiteral("no such route"));
    if (n == 1 && m == Method::Get) {
        QByteArray out = "[";
        const QList<NamespaceInfo> all = m_backend->listNamespaces(r.param("prefix"));
        for (qsizetype i = 0; i < all.size(); ++i)
            out += (i > 0 ? "," : "") + wire::namespaceInfo(all.at(i));
        return jsonResponse(out + ']');
    }
    if (n < 3)
        return errorResponse(Status::NotFound, QStringLiteral("no such route"));
    const QString& ns = path.at(1);
    const QString& what = path.at(2);
    if (n == 3 && what == QLatin1String("stats") && m == Method::Get)
        return jsonResponse(wire::stats(m_backend->namespaceStats(ns)));
    if (n == 3 && what == QLatin1String("expire") && m == Method::Post) {
        const QJsonObject o = requestObject(r, "{\"keys\": [\"a\"], \"ttl\": \"PT1H\"}");
        ExpireRequest request;
        request.ns = ns;
        for (const QJsonValue& v : o.value(u"keys").toArray())
            request.keys << v.toString();
        if (const QString ttl = o.value(u"ttl").toString(); !ttl.isEmpty())
            request.ttlMs = IsoDuration::parseTtl(ttl).milliseconds();
        return jsonResponse("{\"keys\":" + wire::stringList(m_backend->expire(request)) + '}');
    }
    if (n == 3 && what == QLatin1String("export") && m == Method::Get)
        return exportCsv(r, ns);
    if (n == 3 && what == QLatin1String("import") && m == Method::Post)
        return importCsv(r, ns);
    if (what != QLatin1String("kv"))
        return errorResponse(Status::NotFound, QStringLiteral("no such route"));
    if (n == 3 && m == Method::Get)
        return extensionList(r, ns);
    if (n == 3 && m == Method::Delete) {
        const QJsonObject o = requestObject(r, "{\"keys\": [\"a\", \"b\"]}");
        QStringList keys;
        for (const QJsonValue& v : o.value(u"keys").toArray())
            keys << v.toString();
        const DeleteResult result = m_backend->remove(ns, keys, r.flag("errorOnMissing"));
        return jsonResponse("{\"deleted\":" + wire::stringList(result.deleted) +
                            ",\"missing\":" + wire::stringList(result.missing) + '}');
    }
    const QString& key = n >= 4 ? path.at(3) : QString();
    if (n == 4 && m == Method::Get)
        return jsonResponse(wire::entry(m_backend->get(ns, key),
                                        wire::EntryField::Checksum | wire::EntryField::Value));
    if (n == 5 && path.at(4) == QLatin1String("history") && m == Method::Get) {
        QByteArray out = "[";
        const QList<KvRevision> revisions = m_backend->history(ns, key);
        for (qsizetype i = 0; i < revisions.size(); ++i)
            out += (i > 0 ? "," : "") + wire::revision(revisions.at(i));
        return jsonResponse(out + ']');
    }
    if (n == 5 && path.at(4) == QLatin1String("restore") && m == Method::Post) {
        const QJsonObject o = requestObject(r, "{\"revision\": 2}");
        const qint64 revision = o.value(u"revision").toInteger(-1);
        return jsonResponse(
            wire::entry(m_backend->restore(ns, key, revision), wire::EntryField::Checksum));
    }
    return errorResponse(Status::NotFound, QStringLiteral("no such route"));
}

http::Response ApiHandler::extensionList(const ApiRequest& r, const QString& ns) const
{
    ListQuery q;
    q.ns = ns;
    q.prefix = r.param("prefix");
    q.contains = r.param("contains");
    if (const QString sort = r.param("sort"); !sort.isEmpty()) {
        const std::optional<SortColumn> column = parseSortColumn(sort);
        if (!column)
            throw CatalogError::invalidInput(
                QStringLiteral("invalid sort '%1': expected key, type, description, size, "
                               "revision, created, updated or expires")
                    .arg(sort));
        q.sort = *column;
    }
    q.descending = r.flag("desc");
    q.offset = number(r, "offset", 0);
    q.limit = number(r, "limit", 100);
    q.includeExpired = r.flag("includeExpired");
    q.withTotal = r.flag("withTotal");
    q.withValues = r.flag("withValues");
    if (!r.param("knownTotal").isEmpty())
        q.knownTotal = number(r, "knownTotal", 0);
    if (r.hasParam("afterKey"))
        q.afterKey = r.param("afterKey");
    const wire::EntryFields fields =
        q.withValues ? wire::EntryFields(wire::EntryField::Value) : wire::EntryFields();
    return jsonResponse(wire::page(m_backend->list(q), fields));
}

http::Response ApiHandler::exportCsv(const ApiRequest& r, const QString& ns) const
{
    ExportRequest request;
    request.ns = ns;
    request.prefix = r.param("prefix");
    request.withValues = r.flag("withValues");
    request.bom = r.flag("bom");
    if (const QString keys = r.param("keys"); !keys.isEmpty())
        request.keys = keys.split(QLatin1Char(','));
    QByteArray csv;
    QBuffer out(&csv);
    out.open(QIODevice::WriteOnly);
    m_backend->exportCsv(request, &out, {});
    return http::Response(QByteArrayLiteral("text/csv; charset=utf-8"), csv);
}

http::Response ApiHandler::importCsv(const ApiRequest& r, const QString& ns) const
{
    ImportRequest request;
    request.ns = ns;
    request.overwrite = r.param("overwrite").toLower() != QLatin1String("false");
    QByteArray body = r.body;
    QBuffer in(&body);
    in.open(QIODevice::ReadOnly);
    return jsonResponse(wire::importResult(m_backend->importCsv(request, &in, {})));
}

} // namespace kv::server
