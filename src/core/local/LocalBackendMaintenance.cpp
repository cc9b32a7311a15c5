// LocalBackend: purge, namespace deletion, the consistency check (LocalFsck) and the catalog
// settings.
#include "domain/Clock.h"
#include "local/LocalBackend.h"
#include "local/LocalFsck.h"
#include "local/MetaTable.h"
#include "local/NamespaceTable.h"
#include "local/PairQueries.h"
#include "local/PairTable.h"
#include "local/PurgeQueries.h"
#include "local/ValueRefs.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSet>
#include <tuple>

namespace kv {

namespace {

// Pairs per purge transaction: one COMMIT (a WAL sync) and two statements per batch. Batches
// start small, so that a cancel or a small purge is quick, and grow to the largest size.
constexpr int firstPurgeBatch = 1000;
constexpr int largestPurgeBatch = 8000;

} // namespace

PurgeResult LocalBackend::doPurge(const PurgeRequest& request, const ProgressCallback& progress)
{
    std::optional<QRegularExpression> glob; // the gate refused a pattern that does not compile
    if (!request.keyPattern.isEmpty())
        glob =
            QRegularExpression(QRegularExpression::wildcardToRegularExpression(request.keyPattern));
    if (!request.dryRun)
        requireWritable();
    QList<PurgeQueries::Scope> scopes;
    for (const QString& ns : request.namespaces)
        scopes.append({ns, request.includeChildren});
    if (scopes.isEmpty())
        scopes.append({QString(), false});
    // A caller that purges in steps (request.limit) gets batches no bigger than a step.
    const int largest =
        request.limit > 0 ? int(qMin<qint64>(request.limit, largestPurgeBatch)) : largestPurgeBatch;
    int batchSize = qMin(firstPurgeBatch, largest);

    const qint64 t = now();
    QSqlDatabase db = m_registry->db();
    PurgeQueries pairs(db, m_registry->dialect(), request, t);
    Progress state;
    state.total = 0;
    for (const PurgeQueries::Scope& scope : std::as_const(scopes))
        state.total += pairs.count(scope);

    PurgeResult result;
    result.dryRun = request.dryRun;
    for (const PurgeQueries::Scope& scope : std::as_const(scopes)) {
        std::optional<PurgeQueries::Row> last;
        for (;;) {
            if (progress && !progress(state)) {
                result.cancelled = true;
                return result;
            }
            QList<PurgeQueries::Row> batch;
            QStringList files;
            int seen = 0;
            qint64 removed = 0;
            if (!glob && !request.dryRun) {
                // Every selected pair goes: selected and removed by the registry in one go.
                Registry::Transaction tx(db, m_registry->dialect());
                removed = pairs.removeNext(scope, batchSize, files,
                                           request.collectKeys ? &batch : nullptr);
                tx.commit();
                seen = int(removed);
            } else {
                const QList<PurgeQueries::Row> selected = pairs.next(scope, last, batchSize);
                seen = int(selected.size());
                if (!selected.isEmpty())
                    last = selected.last();
                for (const PurgeQueries::Row& row : selected) {
                    if (!glob || glob->match(row.key).hasMatch())
                        batch << row;
                }
                if (!request.dryRun && !batch.isEmpty()) {
                    Registry::Transaction tx(db, m_registry->dialect());
                    batch = pairs.remove(batch, files);
                    tx.commit();
                }
                removed = batch.size();
            }
            // Rows first (committed above), then the files of the external values among them.
            m_store.remove(files);
            result.count += removed;
            if (request.collectKeys) {
                for (const PurgeQueries::Row& row : std::as_const(batch))
                    result.pairs.append({row.ns, row.key});
            }
            state.done += seen;
            if (seen < batchSize || (request.limit > 0 && result.count >= request.limit))
                break;
            batchSize = qMin(batchSize * 2, largest);
        }
    }
    if (progress)
        progress(state);
    return result;
}

void LocalBackend::doDeleteNamespace(const QString& ns, bool force)
{
    requireWritable();
    qint64 explicitCount = 0;
    qint64 rows = 0;
    qint64 live = 0;
    {
        QSqlDatabase db = m_registry->db();
        Registry::Transaction tx(db, m_registry->dialect(), false);
        NamespaceTable table(db);
        explicitCount = table.explicitInTree(ns);
        std::tie(rows, live) = table.pairsInTree(ns, now());
        tx.commit();
    }
    if (explicitCount == 0 && rows == 0)
        throw CatalogError::notFound(QStringLiteral("namespace '%1' does not exist").arg(ns));
    if (live > 0 && !force)
        throw CatalogError::conflict(
            QStringLiteral("namespace '%1' is not empty: it and the namespaces below it hold %2 "
                           "pair(s); delete them first or force the deletion")
                .arg(ns)
                .arg(live));

    PurgeRequest all;
    all.namespaces = {ns};
    all.includeChildren = true;
    all.all = true;
    purge(all, {});
    QSqlDatabase db = m_registry->db();
    Registry::Transaction tx(db, m_registry->dialect());
    NamespaceTable(db).removeTree(ns);
    tx.commit();
}

FsckReport LocalBackend::doFsck(const FsckRequest& request)
{
    if (request.repair)
        requireWritable();
    return LocalFsck(*m_registry, m_store, m_inflight).run(request);
}

int LocalBackend::doHistoryDepth()
{
    return MetaTable(m_registry->db()).historyDepth();
}

void LocalBackend::doSetHistoryDepth(int depth)
{
    requireWritable();
    QSqlDatabase db = m_registry->db();
    Registry::Transaction tx(db, m_registry->dialect());
    MetaTable(db).setValue(QStringLiteral("history_depth"), QString::number(depth));
    tx.commit();
}

qint64 LocalBackend::doMaxValueBytes()
{
    return MetaTable(m_registry->db()).maxValueBytes();
}

void LocalBackend::doSetMaxValueBytes(qint64 bytes)
{
    requireWritable();
    QSqlDatabase db = m_registry->db();
    Registry::Transaction tx(db, m_registry->dialect());
    MetaTable(db).setValue(QStringLiteral("max_value_bytes"), QString::number(bytes));
    tx.commit();
}

qint64 LocalBackend::storedInlineLimit()
{
    return MetaTable(m_registry->db()).inlineLimit();
}

std::optional<qint64> LocalBackend::doInlineLimit()
{
    return storedInlineLimit();
}

void LocalBackend::doSetInlineLimit(qint64 bytes)
{
    // Stored values stay where they are: each is placed when it is written.
    requireWritable();
    QSqlDatabase db = m_registry->db();
    Registry::Transaction tx(db, m_registry->dialect());
    MetaTable(db).setInlineLimit(bytes);
    tx.commit();
    m_inlineLimit = bytes;
}

std::optional<ValuePlacement> LocalBackend::doValuePlacement()
{
    QSqlDatabase db = m_registry->db();
    return ValueRefs(db).placement();
}

std::optional<int> LocalBackend::doSchemaVersion()
{
    QSqlDatabase db = m_registry->db();
    return MetaTable(db).value(QStringLiteral("schema_version")).toInt();
}

} // namespace kv
