// LocalBackend: purge and namespace deletion (the consistency check is LocalBackendFsck.cpp).
#include "domain/Clock.h"
#include "local/LocalBackend.h"

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

} // namespace

PurgeResult LocalBackend::doPurge(const PurgeRequest& request, const ProgressCallback& progress)
{
    std::optional<QRegularExpression> glob; // the gate refused a pattern that does not compile
    if (!request.keyPattern.isEmpty())
        glob =
            QRegularExpression(QRegularExpression::wildcardToRegularExpression(request.keyPattern));
    if (!request.dryRun)
        requireWritable();
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

void LocalBackend::doDeleteNamespace(const QString& ns, bool force)
{
    requireWritable();
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

} // namespace kv
