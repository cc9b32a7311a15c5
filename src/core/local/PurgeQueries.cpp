#include "local/PurgeQueries.h"

#include "domain/JsonText.h"
#include "local/NativeSqlite.h"
#include "local/PairCounts.h"
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

qint64 PurgeQueries::removeNext(const Scope& scope, int limit, QStringList& files,
                                QList<Row>* removed)
{
    // The batch is read from the same index as next(), twice in one write transaction (the
    // same rows both times: the order is unique, and on SQLite other writers wait for our lock):
    // first its value ids (and the pairs' names, when someone needs them: the caller, the
    // history, or the counts of a scope of several namespaces), then the DELETE removes it by
    // primary key. Why not one DELETE … RETURNING: SQLite hands RETURNING the whole old row,
    // value included, through a table of its own — 24 % of the purge's instructions (callgrind,
    // 100k pairs); reading the value ids first costs half of that.
    const bool history = hasHistory();
    const bool oneNamespace = !scope.ns.isEmpty() && !scope.children;
    const bool names = removed || history || !oneNamespace;
    const QString batch = QStringLiteral("SELECT %5 FROM kv WHERE %1%2 ORDER BY %3 LIMIT %4")
                              .arg(scopeSql(scope), filterSql(m_request),
                                   m_request.all ? QStringLiteral("namespace, key")
                                                 : QStringLiteral("expires_at, namespace, key"))
                              .arg(limit);
    // Without names, only the external values' ids come back.
    const QString read = names
                             ? batch.arg(QStringLiteral("value_id, namespace, key"))
                             : QStringLiteral("SELECT value_id FROM (%1) AS b WHERE value_id <> ''")
                                   .arg(batch.arg(QStringLiteral("value_id")));
    PairRemoval::PairList pairs;
    PairCounts::Tally counts;
    auto take = [&](const QString& valueId, QString ns, QString key) {
        if (!valueId.isEmpty())
            files << valueId;
        if (!names)
            return;
        if (!oneNamespace)
            counts.count(ns, -1);
        if (history)
            pairs.add(ns, key);
        if (removed)
            removed->append({std::move(ns), std::move(key), valueId, 0, 0, 0});
    };
    if (sqlite3* native = NativeSqlite::handleOf(m_db)) {
        // A million rows come back from a big purge: QtSql's row cache costs more than SQLite's
        // delete of them.
        NativeSqlite::Statement rows(native, read.toUtf8().constData(),
                                     QStringLiteral("purging pairs"));
        bindScopeAndFilter(rows, scope);
        while (rows.next())
            take(rows.bytes(0) > 0 ? rows.text(0) : QString(), names ? rows.text(1) : QString(),
                 names ? rows.text(2) : QString());
    } else {
        QSqlQuery rows(m_db);
        rows.setForwardOnly(true);
        Registry::prepare(rows, read);
        bindScope(rows, scope);
        bindFilter(rows, m_request, m_nowMs);
        Registry::exec(rows);
        while (rows.next())
            take(rows.value(0).toString(), names ? rows.value(1).toString() : QString(),
                 names ? rows.value(2).toString() : QString());
        rows.finish();
    }
    QSqlQuery remove(m_db);
    Registry::prepare(remove, QStringLiteral("DELETE FROM kv WHERE (namespace, key) IN (%1)")
                                  .arg(batch.arg(QStringLiteral("namespace, key"))));
    bindScope(remove, scope);
    bindFilter(remove, m_request, m_nowMs);
    Registry::exec(remove);
    const qint64 count = remove.numRowsAffected();
    PairCounts pairCounts(m_db);
    if (oneNamespace)
        pairCounts.add(scope.ns, -count);
    else
        counts.addTo(pairCounts);
    if (count > 0 && history)
        PairRemoval(m_db, m_dialect).removeHistory(pairs.json(), files);
    return count;
}

void PurgeQueries::bindScopeAndFilter(NativeSqlite::Statement& q, const Scope& scope) const
{
    auto text = [&q](const char* name, const QString& value) {
        if (const int index = q.parameter(name); index > 0)
            q.bindText(index, QStringView(value));
    };
    auto number = [&q](const char* name, qint64 value) {
        if (const int index = q.parameter(name); index > 0)
            q.bind(index, value);
    };
    // The same parameters as bindScope() and bindFilter().
    if (!scope.ns.isEmpty()) {
        text(":ns", scope.ns);
        if (scope.children) {
            text(":lo", scope.ns + QLatin1Char('.'));
            text(":hi", scope.ns + QLatin1Char('/'));
        }
    }
    if (!m_request.all)
        number(":now", m_nowMs);
    if (m_request.createdBeforeMs)
        number(":before", *m_request.createdBeforeMs);
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
    PairCounts::Tally counts;
    while (current.next()) {
        const QString ns = current.value(0).toString();
        const QString key = current.value(1).toString();
        if (const QString id = current.value(2).toString(); !id.isEmpty())
            files << id;
        removed.insert(pairId(ns, key));
        pairs.add(ns, key);
        counts.count(ns, -1);
    }
    current.finish();
    if (removed.isEmpty())
        return {};
    PairCounts pairCounts(m_db);
    counts.addTo(pairCounts);
    PairRemoval(m_db, m_dialect).removeHistory(pairs.json(), files);

    QList<Row> gone;
    for (const Row& row : batch) {
        if (removed.contains(pairId(row.ns, row.key)))
            gone << row;
    }
    return gone;
}

} // namespace kv
