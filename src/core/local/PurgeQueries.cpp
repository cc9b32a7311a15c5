#include "local/PurgeQueries.h"

#include "domain/JsonText.h"
#include "local/PairRemoval.h"

#include <QSet>
#include <QSqlQuery>

namespace kv {

namespace {

QString scopeSql(const PurgeQueries::Scope& scope)
{
    if (scope.ns.isEmpty())
        return QStringLiteral("1 = 1");
    return scope.children
               ? QStringLiteral("(namespace = :ns OR (namespace > :lo AND namespace < :hi))")
               : QStringLiteral("namespace = :ns");
}

void bindScope(QSqlQuery& q, const PurgeQueries::Scope& scope)
{
    if (scope.ns.isEmpty())
        return;
    q.bindValue(QStringLiteral(":ns"), scope.ns);
    if (scope.children) {
        // "a." < "a.x…" < "a/": '/' follows '.' in byte order.
        q.bindValue(QStringLiteral(":lo"), scope.ns + QLatin1Char('.'));
        q.bindValue(QStringLiteral(":hi"), scope.ns + QLatin1Char('/'));
    }
}

QString filterSql(const PurgeRequest& request)
{
    QString filter;
    if (!request.all)
        filter += QStringLiteral(" AND expires_at <= :now");
    if (request.createdBeforeMs)
        filter += QStringLiteral(" AND created_at < :before");
    return filter;
}

void bindFilter(QSqlQuery& q, const PurgeRequest& request, qint64 nowMs)
{
    if (!request.all)
        q.bindValue(QStringLiteral(":now"), nowMs);
    if (request.createdBeforeMs)
        q.bindValue(QStringLiteral(":before"), *request.createdBeforeMs);
}

QString pairId(const QString& ns, const QString& key)
{
    return ns + QLatin1Char('\n') + key; // neither names nor keys hold a line break
}

} // namespace

PurgeQueries::PurgeQueries(QSqlDatabase db, const SqlDialect& dialect, const PurgeRequest& request,
                           qint64 nowMs)
    : m_db(std::move(db))
    , m_dialect(dialect)
    , m_request(request)
    , m_nowMs(nowMs)
{
}

qint64 PurgeQueries::count(const Scope& scope)
{
    QSqlQuery c(m_db);
    Registry::prepare(c, QStringLiteral("SELECT COUNT(*) FROM kv WHERE %1%2")
                             .arg(scopeSql(scope), filterSql(m_request)));
    bindScope(c, scope);
    bindFilter(c, m_request, m_nowMs);
    Registry::exec(c);
    return c.next() ? c.value(0).toLongLong() : 0;
}

QList<PurgeQueries::Row> PurgeQueries::next(const Scope& scope, const std::optional<Row>& after,
                                            int limit)
{
    // Expired pairs in expiry order: kv_expiry (expires_at, then the primary key) or
    // kv_by_expires_at hold exactly that order, so a batch reads only what it purges.
    const bool byKey = m_request.all;
    QString cursor;
    if (after)
        cursor = byKey ? QStringLiteral(" AND (namespace, key) > (:lastNs, :lastKey)")
                       : QStringLiteral(" AND (expires_at, namespace, key) > "
                                        "(:lastExpires, :lastNs, :lastKey)");
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    Registry::prepare(q, QStringLiteral("SELECT namespace, key, value_id, revision, updated_at, "
                                        "expires_at FROM kv WHERE %1%2%3 ORDER BY %4 LIMIT %5")
                             .arg(scopeSql(scope), filterSql(m_request), cursor,
                                  byKey ? QStringLiteral("namespace, key")
                                        : QStringLiteral("expires_at, namespace, key"))
                             .arg(limit));
    bindScope(q, scope);
    bindFilter(q, m_request, m_nowMs);
    if (after) {
        if (!byKey)
            q.bindValue(QStringLiteral(":lastExpires"), after->expiresAtMs);
        q.bindValue(QStringLiteral(":lastNs"), after->ns);
        q.bindValue(QStringLiteral(":lastKey"), after->key);
    }
    Registry::exec(q);
    QList<Row> rows;
    while (q.next())
        rows.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                     q.value(3).toLongLong(), q.value(4).toLongLong(), q.value(5).toLongLong()});
    return rows;
}

QList<PurgeQueries::Row> PurgeQueries::removeNext(const Scope& scope, int limit, QStringList& files)
{
    // The subquery reads the batch from the same index as next(); each of its pairs is then
    // removed by primary key. Selected and removed in one statement: nothing can change between.
    QSqlQuery current(m_db);
    current.setForwardOnly(true);
    Registry::prepare(current,
                      QStringLiteral("DELETE FROM kv WHERE (namespace, key) IN (SELECT namespace, "
                                     "key FROM kv WHERE %1%2 ORDER BY %3 LIMIT %4) "
                                     "RETURNING namespace, key, value_id")
                          .arg(scopeSql(scope), filterSql(m_request),
                               m_request.all ? QStringLiteral("namespace, key")
                                             : QStringLiteral("expires_at, namespace, key"))
                          .arg(limit));
    bindScope(current, scope);
    bindFilter(current, m_request, m_nowMs);
    Registry::exec(current);
    QList<Row> removed;
    PairRemoval::PairList pairs;
    while (current.next()) {
        Row row;
        row.ns = current.value(0).toString();
        row.key = current.value(1).toString();
        row.valueId = current.value(2).toString();
        if (!row.valueId.isEmpty())
            files << row.valueId;
        pairs.add(row.ns, row.key);
        removed << std::move(row);
    }
    current.finish();
    if (!removed.isEmpty() && hasHistory())
        PairRemoval(m_db, m_dialect).removeHistory(pairs.json(), files);
    return removed;
}

bool PurgeQueries::hasHistory()
{
    QSqlQuery q(m_db);
    Registry::exec(q, QStringLiteral("SELECT EXISTS (SELECT 1 FROM kv_history)"));
    return q.next() && q.value(0).toBool();
}

QList<PurgeQueries::Row> PurgeQueries::remove(const QList<Row>& batch, QStringList& files)
{
    if (batch.isEmpty())
        return {};
    // The batch goes in as one JSON parameter: binding thousands of values one by one costs
    // more than the delete.
    QByteArray rows = "[";
    for (const Row& row : batch) {
        if (rows.size() > 1)
            rows += ',';
        rows += '[';
        appendJsonString(rows, row.ns);
        rows += ',';
        appendJsonString(rows, row.key);
        rows += ',' + QByteArray::number(row.revision) + ',' + QByteArray::number(row.updatedAtMs) +
                ',';
        appendJsonString(rows, row.valueId);
        rows += ']';
    }
    rows += ']';

    // Only the very row that was selected (same revision, update time and value), and only
    // while the request still applies to it.
    QSqlQuery current(m_db);
    current.setForwardOnly(true);
    Registry::prepare(
        current,
        QStringLiteral("DELETE FROM kv WHERE (namespace, key, revision, updated_at, value_id) IN "
                       "(SELECT value ->> 0, value ->> 1, CAST(value ->> 2 AS BIGINT), "
                       "CAST(value ->> 3 AS BIGINT), value ->> 4 FROM %1)%2 "
                       "RETURNING namespace, key, value_id")
            .arg(m_dialect.jsonRows(QStringLiteral(":batch")), filterSql(m_request)));
    current.bindValue(QStringLiteral(":batch"), QString::fromUtf8(rows));
    bindFilter(current, m_request, m_nowMs);
    Registry::exec(current);
    QSet<QString> removed;
    PairRemoval::PairList pairs;
    while (current.next()) {
        const QString ns = current.value(0).toString();
        const QString key = current.value(1).toString();
        if (const QString id = current.value(2).toString(); !id.isEmpty())
            files << id;
        removed.insert(pairId(ns, key));
        pairs.add(ns, key);
    }
    current.finish();
    if (removed.isEmpty())
        return {};
    PairRemoval(m_db, m_dialect).removeHistory(pairs.json(), files);

    QList<Row> gone;
    for (const Row& row : batch) {
        if (removed.contains(pairId(row.ns, row.key)))
            gone << row;
    }
    return gone;
}

} // namespace kv
