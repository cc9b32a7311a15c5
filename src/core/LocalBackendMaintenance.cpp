// LocalBackend: purge, namespace deletion and the consistency check (fsck).
#include "Clock.h"
#include "LocalBackend.h"
#include "Rules.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>

namespace kv {

namespace {

constexpr int purgeBatch = 1000;

// One namespace (optionally with its children) or every namespace, as SQL and its bindings.
struct Scope
{
    QString ns; // empty: every namespace
    bool children = false;

    QString sql() const
    {
        if (ns.isEmpty())
            return QStringLiteral("1 = 1");
        return children
                   ? QStringLiteral("(namespace = :ns OR (namespace > :lo AND namespace < :hi))")
                   : QStringLiteral("namespace = :ns");
    }
    void bind(QSqlQuery& q) const
    {
        if (ns.isEmpty())
            return;
        q.bindValue(QStringLiteral(":ns"), ns);
        if (children) {
            // "a." < "a.x…" < "a/": '/' follows '.' in byte order.
            q.bindValue(QStringLiteral(":lo"), ns + QLatin1Char('.'));
            q.bindValue(QStringLiteral(":hi"), ns + QLatin1Char('/'));
        }
    }
};

QString hexShard(int i)
{
    return QStringLiteral("%1").arg(i, 2, 16, QLatin1Char('0'));
}

} // namespace

PurgeResult LocalBackend::purge(const PurgeRequest& request, const ProgressCallback& progress)
{
    for (const QString& ns : request.namespaces)
        rules::requireValidNamespace(ns);
    std::optional<QRegularExpression> glob;
    if (!request.keyPattern.isEmpty()) {
        glob =
            QRegularExpression(QRegularExpression::wildcardToRegularExpression(request.keyPattern));
        if (!glob->isValid())
            throw CatalogError::invalidInput(QStringLiteral("invalid key pattern '%1': %2")
                                                 .arg(request.keyPattern, glob->errorString()));
    }
    QList<Scope> scopes;
    for (const QString& ns : request.namespaces)
        scopes.append({ns, request.includeChildren});
    if (scopes.isEmpty())
        scopes.append({QString(), false});

    const qint64 t = now();
    QString filter;
    if (!request.all)
        filter += QStringLiteral(" AND expires_at <= :now");
    if (request.createdBeforeMs)
        filter += QStringLiteral(" AND created_at < :before");
    auto bindFilter = [&](QSqlQuery& q) {
        if (!request.all)
            q.bindValue(QStringLiteral(":now"), t);
        if (request.createdBeforeMs)
            q.bindValue(QStringLiteral(":before"), *request.createdBeforeMs);
    };

    QSqlDatabase db = m_registry->db();
    Progress state;
    state.total = 0;
    for (const Scope& scope : std::as_const(scopes)) {
        QSqlQuery c(db);
        Registry::prepare(
            c, QStringLiteral("SELECT COUNT(*) FROM kv WHERE %1%2").arg(scope.sql(), filter));
        scope.bind(c);
        bindFilter(c);
        Registry::exec(c);
        state.total += c.next() ? c.value(0).toLongLong() : 0;
    }

    PurgeResult result;
    result.dryRun = request.dryRun;
    for (const Scope& scope : std::as_const(scopes)) {
        std::optional<PurgedPair> last;
        for (;;) {
            if (progress && !progress(state)) {
                result.cancelled = true;
                return result;
            }
            QSqlQuery q(db);
            q.setForwardOnly(true);
            Registry::prepare(
                q, QStringLiteral("SELECT namespace, key, value_id FROM kv WHERE %1%2%3 "
                                  "ORDER BY namespace, key LIMIT %4")
                       .arg(scope.sql(), filter,
                            last ? QStringLiteral(" AND (namespace, key) > (:lastNs, :lastKey)")
                                 : QString())
                       .arg(purgeBatch));
            scope.bind(q);
            bindFilter(q);
            if (last) {
                q.bindValue(QStringLiteral(":lastNs"), last->ns);
                q.bindValue(QStringLiteral(":lastKey"), last->key);
            }
            Registry::exec(q);
            QList<StoredEntry> batch;
            int seen = 0;
            while (q.next()) {
                ++seen;
                last = PurgedPair{q.value(0).toString(), q.value(1).toString()};
                if (glob && !glob->match(last->key).hasMatch())
                    continue;
                StoredEntry row;
                row.entry.ns = last->ns;
                row.entry.key = last->key;
                row.valueId = q.value(2).toString();
                batch << row;
            }
            q.finish();

            QStringList obsolete;
            if (!request.dryRun && !batch.isEmpty()) {
                Registry::Transaction tx(db, m_registry->dialect());
                // Only the very row that was selected: a pair rewritten since then stays.
                Registry::PairRemover remover(db);
                QList<StoredEntry> still;
                for (const StoredEntry& row : std::as_const(batch)) {
                    if (remover.removeIfCurrent(row.entry.ns, row.entry.key, row.valueId, obsolete))
                        still << row;
                }
                tx.commit();
                batch = still;
            }
            m_store.remove(obsolete);
            result.count += batch.size();
            if (request.collectKeys) {
                for (const StoredEntry& row : std::as_const(batch))
                    result.pairs.append({row.entry.ns, row.entry.key});
            }
            state.done += seen;
            if (seen < purgeBatch || (request.limit > 0 && result.count >= request.limit))
                break;
        }
    }
    if (progress)
        progress(state);
    return result;
}

void LocalBackend::deleteNamespace(const QString& ns, bool force)
{
    rules::requireValidNamespace(ns);
    const Scope scope{ns, true};
    qint64 explicitCount = 0;
    qint64 rows = 0;
    qint64 live = 0;
    {
        QSqlDatabase db = m_registry->db();
        Registry::Transaction tx(db, m_registry->dialect(), false);
        QSqlQuery q(db);
        Registry::prepare(q, QStringLiteral("SELECT COUNT(*) FROM namespaces WHERE name = :ns "
                                            "OR (name > :lo AND name < :hi)"));
        scope.bind(q);
        Registry::exec(q);
        explicitCount = q.next() ? q.value(0).toLongLong() : 0;
        QSqlQuery c(db);
        Registry::prepare(
            c, QStringLiteral("SELECT COUNT(*), SUM(CASE WHEN expires_at > :now THEN 1 ELSE 0 END) "
                              "FROM kv WHERE %1")
                   .arg(scope.sql()));
        scope.bind(c);
        c.bindValue(QStringLiteral(":now"), now());
        Registry::exec(c);
        if (c.next()) {
            rows = c.value(0).toLongLong();
            live = c.value(1).toLongLong();
        }
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
    QSqlQuery q(db);
    Registry::prepare(
        q,
        QStringLiteral("DELETE FROM namespaces WHERE name = :ns OR (name > :lo AND name < :hi)"));
    scope.bind(q);
    Registry::exec(q);
    tx.commit();
}

FsckReport LocalBackend::fsck(const FsckRequest& request)
{
    // With the lock held exclusively no write is in flight: a file without a row is an orphan.
    InflightLock::Exclusive exclusive(m_inflight);
    FsckReport report;
    report.repaired = request.repair;
    const qint64 wallNow = QDateTime::currentMSecsSinceEpoch();

    // Shards in id order ("00".."ff"), then any other folder found (all of its files are orphans).
    QStringList shards;
    for (int i = 0; i < 256; ++i)
        shards << hexShard(i);
    for (const QString& s : m_store.shards()) {
        if (!shards.contains(s))
            shards << s;
    }

    // One scan of every registry row in value id order, merged shard by shard with the files:
    // memory holds one shard's rows at a time and no index on value_id is needed.
    QSqlDatabase db = m_registry->db();
    QSqlQuery rows(db);
    rows.setForwardOnly(true);
    Registry::exec(rows, QStringLiteral("SELECT value_id, namespace, key, -1 FROM kv UNION ALL "
                                        "SELECT value_id, namespace, key, revision FROM kv_history "
                                        "ORDER BY 1"));
    bool more = rows.next();
    struct RowRef
    {
        QString ns, key;
        qint64 revision; // -1: the current row
    };
    QList<PurgedPair> danglingPairs;
    QList<QPair<PurgedPair, qint64>> danglingHistory;
    for (const QString& shard : std::as_const(shards)) {
        QHash<QString, RowRef> rowsById;
        while (more && rows.value(0).toString().startsWith(shard)) {
            rowsById.insert(rows.value(0).toString(),
                            {rows.value(1).toString(), rows.value(2).toString(), rows.value(3).toLongLong()});
            more = rows.next();
        }
        report.rows += rowsById.size();
        QSet<QString> files;
        for (const ValueStore::FileInfo& file : m_store.filesInShard(shard)) {
            ++report.valueFiles;
            files.insert(file.name);
            if (rowsById.contains(file.name) || wallNow - file.modifiedMs < request.graceMs)
                continue;
            report.orphans << shard + QLatin1Char('/') + file.name;
            if (request.repair)
                m_store.removeFile(shard, file.name);
        }
        for (auto it = rowsById.cbegin(); it != rowsById.cend(); ++it) {
            if (files.contains(it.key()))
                continue;
            const RowRef& ref = it.value();
            if (ref.revision < 0) {
                report.dangling.append({ref.ns, ref.key});
                danglingPairs.append({ref.ns, ref.key});
            } else {
                report.danglingRevisions << QStringLiteral("%1/%2@%3").arg(ref.ns, ref.key).arg(ref.revision);
                danglingHistory.append({{ref.ns, ref.key}, ref.revision});
            }
        }
    }
    rows.finish();
    if (!request.repair || (danglingPairs.isEmpty() && danglingHistory.isEmpty()))
        return report;

    // Dangling rows: a pair whose current value is lost goes entirely; a lost old revision alone.
    QStringList obsolete;
    Registry::Transaction tx(db, m_registry->dialect());
    for (const PurgedPair& pair : std::as_const(danglingPairs))
        obsolete << m_registry->deletePair(db, pair.ns, pair.key);
    QSqlQuery del(db);
    Registry::prepare(del, QStringLiteral("DELETE FROM kv_history WHERE namespace = :ns AND key = :key "
                                          "AND revision = :rev"));
    for (const auto& [pair, revision] : std::as_const(danglingHistory)) {
        del.bindValue(QStringLiteral(":ns"), pair.ns);
        del.bindValue(QStringLiteral(":key"), pair.key);
        del.bindValue(QStringLiteral(":rev"), revision);
        Registry::exec(del);
    }
    tx.commit();
    m_store.remove(obsolete);
    return report;
}

} // namespace kv
