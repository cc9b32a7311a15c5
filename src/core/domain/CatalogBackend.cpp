// CatalogBackend: the one validation gate in front of every backend (see CatalogBackend.h).
#include "domain/CatalogBackend.h"

#include "domain/CatalogError.h"

#include <QRegularExpression>

namespace kv {

namespace {

void requireValidKeys(const QStringList& keys)
{
    for (const QString& key : keys)
        rules::requireValidKey(key);
}

void requirePositiveTtl(const std::optional<qint64>& ttlMs)
{
    if (ttlMs && *ttlMs <= 0)
        throw CatalogError::invalidInput(
            QStringLiteral("invalid TTL: it must be strictly positive"));
}

} // namespace

QList<NamespaceInfo> CatalogBackend::listNamespaces(const QString& prefix)
{
    // A prefix may end mid-segment ("company.te"), so only its length can be checked.
    if (prefix.size() > rules::maxNamespaceLength)
        throw CatalogError::invalidInput(QStringLiteral("invalid namespace prefix: too long"));
    return doListNamespaces(prefix);
}

NamespaceInfo CatalogBackend::createNamespace(const QString& ns, const QString& description)
{
    rules::requireValidNamespace(ns);
    return doCreateNamespace(ns, description);
}

void CatalogBackend::deleteNamespace(const QString& ns, bool force)
{
    rules::requireValidNamespace(ns);
    doDeleteNamespace(ns, force);
}

NamespaceStats CatalogBackend::namespaceStats(const QString& ns)
{
    rules::requireValidNamespace(ns);
    return doNamespaceStats(ns);
}

void CatalogBackend::requireValidSet(const SetRequest& request)
{
    rules::requireValidNamespace(request.ns);
    rules::requireValidKey(request.key);
    requirePositiveTtl(request.ttlMs);
    // The value's size is the backend's to check: the limit belongs to its catalog.
}

KvEntry CatalogBackend::set(const SetRequest& request)
{
    requireValidSet(request);
    return doSet(request);
}

bool CatalogBackend::startSet(const SetRequest& request, const SetDone& done)
{
    requireValidSet(request);
    return doStartSet(request, done);
}

KvEntry CatalogBackend::get(const QString& ns, const QString& key)
{
    rules::requireValidNamespace(ns);
    rules::requireValidKey(key);
    return doGet(ns, key);
}

KvPage CatalogBackend::list(const ListQuery& query)
{
    rules::requireValidNamespace(query.ns);
    rules::requireValidKeyPrefix(query.prefix);
    if (query.limit < 0 || query.limit > maxPageSize)
        throw CatalogError::invalidInput(QStringLiteral("invalid page size %1: expected 0 to %2")
                                             .arg(query.limit)
                                             .arg(maxPageSize));
    if (query.offset < 0)
        throw CatalogError::invalidInput(
            QStringLiteral("invalid offset %1: it must not be negative").arg(query.offset));
    return doList(query);
}

DeleteResult CatalogBackend::remove(const QString& ns, const QStringList& keys, bool errorOnMissing)
{
    rules::requireValidNamespace(ns);
    requireValidKeys(keys);
    return doRemove(ns, keys, errorOnMissing);
}

QStringList CatalogBackend::expire(const ExpireRequest& request)
{
    rules::requireValidNamespace(request.ns);
    requireValidKeys(request.keys);
    requirePositiveTtl(request.ttlMs);
    return doExpire(request);
}

QList<KvRevision> CatalogBackend::history(const QString& ns, const QString& key)
{
    rules::requireValidNamespace(ns);
    rules::requireValidKey(key);
    return doHistory(ns, key);
}

KvEntry CatalogBackend::restore(const QString& ns, const QString& key, qint64 revision)
{
    rules::requireValidNamespace(ns);
    rules::requireValidKey(key);
    // The restored value's size is the backend's to check, like set's.
    return doRestore(ns, key, revision);
}

PurgeResult CatalogBackend::purge(const PurgeRequest& request, const ProgressCallback& progress)
{
    for (const QString& ns : request.namespaces)
        rules::requireValidNamespace(ns);
    if (!request.keyPattern.isEmpty()) {
        const QRegularExpression glob(
            QRegularExpression::wildcardToRegularExpression(request.keyPattern));
        if (!glob.isValid())
            throw CatalogError::invalidInput(QStringLiteral("invalid key pattern '%1': %2")
                                                 .arg(request.keyPattern, glob.errorString()));
    }
    return doPurge(request, progress);
}

FsckReport CatalogBackend::fsck(const FsckRequest& request)
{
    return doFsck(request);
}

qint64 CatalogBackend::exportCsv(const ExportRequest& request, QIODevice* out,
                                 const ProgressCallback& progress)
{
    rules::requireValidNamespace(request.ns);
    rules::requireValidKeyPrefix(request.prefix);
    return doExportCsv(request, out, progress);
}

ImportResult CatalogBackend::importCsv(const ImportRequest& request, QIODevice* in,
                                       const ProgressCallback& progress)
{
    rules::requireValidNamespace(request.ns);
    // The rows (their names and value sizes) are the backend's to check: it reads the CSV.
    return doImportCsv(request, in, progress);
}

int CatalogBackend::historyDepth()
{
    return doHistoryDepth();
}

void CatalogBackend::setHistoryDepth(int depth)
{
    if (depth < 0 || depth > maxHistoryDepth)
        throw CatalogError::invalidInput(
            QStringLiteral("invalid history depth %1: expected 0 to %2")
                .arg(depth)
                .arg(maxHistoryDepth));
    doSetHistoryDepth(depth);
}

qint64 CatalogBackend::maxValueBytes()
{
    return doMaxValueBytes();
}

void CatalogBackend::setMaxValueBytes(qint64 bytes)
{
    if (bytes < minMaxValueBytes)
        throw CatalogError::invalidInput(
            QStringLiteral("invalid maximum value size %1: expected at least %2 bytes")
                .arg(bytes)
                .arg(minMaxValueBytes));
    doSetMaxValueBytes(bytes);
}

std::optional<qint64> CatalogBackend::inlineLimit()
{
    return doInlineLimit();
}

void CatalogBackend::setInlineLimit(qint64 bytes)
{
    if (bytes < 0)
        throw CatalogError::invalidInput(
            QStringLiteral("invalid inline limit %1: expected 0 (every value in the value store) "
                           "or a number of bytes")
                .arg(bytes));
    if (const qint64 max = maxValueBytes(); bytes > max)
        throw CatalogError::invalidInput(
            QStringLiteral("invalid inline limit %1: above this catalog's maximum value size of "
                           "%2 bytes")
                .arg(bytes)
                .arg(max));
    doSetInlineLimit(bytes);
}

void CatalogBackend::doSetInlineLimit(qint64)
{
    throw CatalogError(
        ErrorCode::Unsupported,
        QStringLiteral("this catalog (%1) has no inline limit to change").arg(location()));
}

std::optional<ValuePlacement> CatalogBackend::valuePlacement()
{
    return doValuePlacement();
}

std::optional<int> CatalogBackend::schemaVersion()
{
    return doSchemaVersion();
}

} // namespace kv
