// RemoteBackend: namespaces, statistics, purge, fsck, export and import.
#include "domain/CatalogError.h"
#include "domain/IsoDuration.h"
#include "format/CsvExport.h"
#include "format/WireFormat.h"
#include "remote/RemoteBackend.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonObject>

namespace kv {

namespace {
constexpr qint64 purgeStep = 1000;
}

QList<NamespaceInfo> RemoteBackend::doListNamespaces(const QString& prefix)
{
    if (!hasExtensions())
        return plainNamespaces(prefix);
    QUrlQuery query;
    if (!prefix.isEmpty())
        wire::addQueryText(query, wire::param::prefix, prefix);
    QList<NamespaceInfo> result;
    for (const QJsonObject& o : wire::objects(
             call("GET", extensionPath({QStringLiteral("namespaces")}), query), "namespace list"))
        result << wire::readNamespaceInfo(o);
    return result;
}

NamespaceInfo RemoteBackend::doCreateNamespace(const QString& ns, const QString& description)
{
    if (!hasExtensions())
        unsupported(Feature::Namespaces);
    return wire::readNamespaceInfo(wire::object(call("POST", path({QStringLiteral("namespaces")}),
                                                     {}, wire::namespaceCreate(ns, description)),
                                                "namespace"));
}

void RemoteBackend::doDeleteNamespace(const QString& ns, bool force)
{
    if (!hasExtensions())
        unsupported(Feature::Namespaces);
    QUrlQuery query;
    if (force)
        wire::addQueryFlag(query, wire::param::force);
    call("DELETE", path({QStringLiteral("namespaces"), ns}), query);
}

NamespaceStats RemoteBackend::doNamespaceStats(const QString& ns)
{
    if (hasExtensions())
        return wire::readStats(call(
            "GET", extensionPath({QStringLiteral("namespaces"), ns, QStringLiteral("stats")})));
    if (serverApi().pagedSearch())
        return searchStats(ns);
    // Kestra before 1.1.4: from the namespace's list (which holds the live pairs only).
    NamespaceStats stats;
    stats.name = ns;
    for (const KvEntry& e : plainEntries(ns)) {
        ++stats.liveCount;
        stats.totalSize += e.size;
        if (!stats.lastUpdateMs || e.updatedAtMs > *stats.lastUpdateMs)
            stats.lastUpdateMs = e.updatedAtMs;
    }
    return stats;
}

PurgeResult RemoteBackend::doPurge(const PurgeRequest& request, const ProgressCallback& progress)
{
    if (!hasExtensions())
        unsupported(Feature::Purge);
    auto send = [this](const PurgeRequest& r) {
        return wire::readPurgeResult(
            call("POST", extensionPath({QStringLiteral("purge")}), {}, wire::purgeRequest(r)));
    };
    PurgeResult total;
    total.dryRun = request.dryRun;
    if (progress && !progress({0, -1})) {
        total.cancelled = true;
        return total;
    }
    if (request.dryRun)
        return send(request);
    // In steps of `purgeStep` pairs, so that a cancel stops between two of them.
    PurgeRequest count = request;
    count.dryRun = true;
    count.collectKeys = false;
    const qint64 expected = send(count).count;
    PurgeRequest step = request;
    step.limit = purgeStep;
    for (;;) {
        const PurgeResult part = send(step);
        total.count += part.count;
        total.pairs += part.pairs;
        if (part.count == 0)
            break;
        if (progress && !progress({total.count, qMax(expected, total.count)})) {
            total.cancelled = true;
            break;
        }
    }
    return total;
}

FsckReport RemoteBackend::doFsck(const FsckRequest& request)
{
    if (!hasExtensions())
        unsupported("consistency checks");
    return wire::readFsckReport(
        call("POST", extensionPath({QStringLiteral("fsck")}), {}, wire::fsckRequest(request)));
}

qint64 RemoteBackend::doExportCsv(const ExportRequest& request, QIODevice* out,
                                  const ProgressCallback& progress)
{
    // The generic export pages through list(): the same CSV from any server, with progress.
    return csvexport::write(*this, request, out, progress);
}

ImportResult RemoteBackend::doImportCsv(const ImportRequest& request, QIODevice* in,
                                        const ProgressCallback& progress)
{
    if (!hasExtensions())
        unsupported(Feature::Import);
    if (progress && !progress({0, -1})) {
        ImportResult cancelled;
        cancelled.cancelled = true;
        return cancelled;
    }
    QUrlQuery query;
    wire::addQueryText(query, wire::param::overwrite,
                       request.overwrite ? QStringLiteral("true") : QStringLiteral("false"));
    return wire::readImportResult(call(
        "POST", extensionPath({QStringLiteral("namespaces"), request.ns, QStringLiteral("import")}),
        query, in->readAll()));
}

wire::Settings RemoteBackend::serverInfo(const QByteArray& method, const QUrlQuery& query,
                                         const QByteArray& body) const
{
    return wire::readSettings(wire::object(
        call(method, extensionPath({QStringLiteral("info")}), query, body), "server information"));
}

int RemoteBackend::doHistoryDepth()
{
    probe();
    return m_historyDepth.load();
}

void RemoteBackend::doSetHistoryDepth(int depth)
{
    if (!hasExtensions())
        unsupported(Feature::History);
    readInfo(serverInfo("PUT", {}, wire::settingsRequest(depth, std::nullopt)));
}

qint64 RemoteBackend::doMaxValueBytes()
{
    probe();
    return m_maxValueBytes.load();
}

void RemoteBackend::doSetMaxValueBytes(qint64 bytes)
{
    if (!hasExtensions())
        unsupported("changing the maximum value size");
    readInfo(serverInfo("PUT", {}, wire::settingsRequest(std::nullopt, bytes)));
}

std::optional<qint64> RemoteBackend::doInlineLimit()
{
    if (!hasExtensions())
        return std::nullopt;
    return serverInfo("GET").inlineLimit;
}

void RemoteBackend::doSetInlineLimit(qint64 bytes)
{
    if (!hasExtensions())
        unsupported("an inline limit");
    readInfo(serverInfo("PUT", {}, wire::settingsRequest(std::nullopt, std::nullopt, bytes)));
}

std::optional<ValuePlacement> RemoteBackend::doValuePlacement()
{
    if (!hasExtensions())
        return std::nullopt;
    QUrlQuery query;
    query.addQueryItem(QLatin1String(wire::param::counts), QStringLiteral("true"));
    return serverInfo("GET", query).placement;
}

} // namespace kv
